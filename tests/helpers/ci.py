"""In CI a skipped test is a failure: a real part that did not start must not look green.

The one exception is a test that cannot run on this operating system, marked so with its reason:
`@pytest.mark.windows_only("why")` (Windows behaviour that Linux does not have) or
`@pytest.mark.not_on_windows("why")`. scripts/test runs it on Linux, scripts/test-windows under
Wine: between them every test runs somewhere.
"""

from __future__ import annotations

import os
import sys

import pytest

WINDOWS = sys.platform == "win32"
_skipped: list[str] = []
_other_platform: set[str] = set()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "windows_only(reason): runs on Windows only (scripts/test-windows)")
    config.addinivalue_line("markers", "not_on_windows(reason): cannot run on Windows; the reason says why")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for name, runs_here in (("windows_only", WINDOWS), ("not_on_windows", not WINDOWS)):
        marker = item.get_closest_marker(name)
        if marker is None or runs_here:
            continue
        if not marker.args or not str(marker.args[0]).strip():
            raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.{name} needs a reason")
        _other_platform.add(item.nodeid)
        pytest.skip(f"{'endast Windows' if name == 'windows_only' else 'inte på Windows'}: {marker.args[0]}")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and report.nodeid not in _other_platform:
        _skipped.append(report.nodeid)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _ci() and _skipped:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    if _ci() and _skipped:
        terminalreporter.write_line(
            f"CI: {len(_skipped)} test(s) skipped, which fails the run: " + ", ".join(_skipped[:10]),
            red=True,
        )


# The reasons that recur.
X11_ONLY = pytest.mark.not_on_windows(
    "grabs the X11 display that pytest-xvfb starts; Windows grabs through GDI, which Wine cannot show "
    "here (README: the Windows 11 checklist)"
)


def linux_tool(tool: str) -> pytest.MarkDecorator:
    return pytest.mark.not_on_windows(f"{tool} is a Linux command that Windows does not have")
