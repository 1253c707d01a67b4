"""The real thing: scripts/package builds the frozen bundle from a clean virtualenv, and the frozen
binary passes its --smoke-test (on a display with the keyring, headless with the bundle's own
time-zone data, and on PostgreSQL). Built once per run, into a folder whose name has a space, as
Windows user folders often do."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import pytest

from app.services.accounts.credentials import SERVICE
from app.version import APP_NAME
from tests.helpers.packaging import PACKAGING, ROOT, InnoScript
from tests.helpers.smoke import leftover_smoke_secrets, migrations_head, run_smoke_test

pytestmark = pytest.mark.slow

BUILD_TIMEOUT_S = 1800


@dataclass(frozen=True)
class Built:
    stage: Path  # the install tree: bin/, lib/granska/, share/
    build_s: float
    log: str

    @property
    def bundle(self) -> Path:
        return self.stage / "lib" / "granska"

    @property
    def granska(self) -> list[str]:
        return [str(self.stage / "bin" / "granska")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("package")
    dist = base / "dist med mellanslag"
    started = time.perf_counter()
    command = [str(ROOT / "scripts" / "package"), "--dist", str(dist), "--work", str(base / "work")]
    result = subprocess.run(
        [*command, "--no-smoke-test"], capture_output=True, text=True, timeout=BUILD_TIMEOUT_S
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    (stage,) = dist.iterdir()
    return Built(stage, time.perf_counter() - started, log)


def _package_python() -> str:
    venv = Path(os.environ.get("GRANSKA_PACKAGE_VENV", ROOT / "build" / "package-venv"))
    return str(venv / "bin" / "python")


def _size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def test_bundle_carries_what_the_app_needs_and_nothing_else(built, capsys):
    result = subprocess.run(
        [_package_python(), str(PACKAGING / "check_bundle.py"), str(built.bundle), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert report["problems"] == []
    top_level = {m.split(".")[0] for m in report["modules"]}
    assert not top_level & {"numpy", "gi", "tkinter", "pytest", "_pytest", "pytestqt", "PIL", "setuptools"}
    needed = {
        "app.smoke",
        "app.commands.accounts",
        "app.ui.main_window",
        "alembic.ddl.sqlite",
        "sqlalchemy.dialects.postgresql.psycopg",
        "keyring.backends.SecretService",
        "tzdata",
    }
    assert needed <= set(report["modules"])
    files = report["files"]
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        assert f"resources/translations/{ts.stem}.qm" in files
    assert not [f for f in files if "libgtk" in f or "libgdk-3" in f]
    qt_translations = [f for f in files if f.startswith("PySide6/Qt/translations/")]
    assert qt_translations and all(f.rsplit("_", 1)[-1] in ("sv.qm", "en.qm") for f in qt_translations)
    size = _size_mib(built.bundle)
    assert size < 400
    with capsys.disabled():
        print(f"\nbundle: {size:.0f} MiB in {built.bundle}; scripts/package took {built.build_s:.0f} s")


@pytest.mark.keyring
def test_frozen_app_passes_its_smoke_test_on_a_display_with_the_keyring(built, capsys):
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") or not os.environ.get("DISPLAY"):
        pytest.skip("needs scripts/test's D-Bus keyring and pytest-xvfb's display")
    report = run_smoke_test(built.granska)
    report.assert_all_ok()
    assert "fryst: ja" in report.output
    assert f"schema {migrations_head()}," in report.line("databas")
    assert str(built.bundle) in report.line("resurser")
    assert "Qt-plattform xcb" in report.line("huvudfönster")
    assert "SecretService" in report.line("nyckelring")
    assert leftover_smoke_secrets(SERVICE) == []
    with capsys.disabled():
        print(
            f"\nfrozen start-up (Xvfb): window shown {report.window_shown_s:.2f} s after process start, "
            f"smoke test exited after {report.wall_s:.2f} s"
        )


def test_frozen_app_runs_headless_on_its_own_time_zone_data(built, capsys):
    # No display at all, and no zone files from the OS (as on Windows): the bundle's tzdata serves.
    report = run_smoke_test(
        built.granska, env={"PYTHONTZPATH": ""}, unset=["DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"]
    )
    assert report.returncode == 0, report.output
    assert "Qt-plattform offscreen" in report.line("huvudfönster")
    assert "paketet tzdata" in report.line("tidszon")
    with capsys.disabled():
        print(
            f"\nfrozen start-up (offscreen): window shown {report.window_shown_s:.2f} s after process "
            f"start, smoke test exited after {report.wall_s:.2f} s"
        )


@pytest.mark.postgres
def test_frozen_app_opens_a_postgresql_database(built, postgres):
    if postgres is None:
        pytest.skip("PostgreSQL is not running (GRANSKA_TEST_PG_URL unset): use scripts/test")
    name = postgres.create()
    try:
        report = run_smoke_test(
            [*built.granska, "--db", postgres.url_for(name)],
            env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
        )
    finally:
        postgres.drop(name)
    assert report.returncode == 0, report.output
    assert report.line("databas").startswith("ok") and "postgresql" in report.line("databas")


def test_installer_takes_every_file_of_the_bundle(built):
    script = InnoScript.parse(PACKAGING / "windows" / "granska.iss")
    bundle_files = {p.relative_to(built.bundle).as_posix() for p in built.bundle.rglob("*") if p.is_file()}
    covered: set[str] = set()
    for entry in script.entries("Files"):
        source = PureWindowsPath(script.expand(entry["Source"], {"BundleDir": "BUNDLE"}))
        assert source.parts[0] == "BUNDLE", "the installer only takes files from the bundle"
        folder, pattern = "/".join(source.parts[1:-1]), source.name
        recursive = "recursesubdirs" in entry.get("Flags", "").split()
        for name in bundle_files:
            parent, _, base = name.rpartition("/")
            inside = parent.startswith(folder) if recursive else parent == folder
            if inside and fnmatch.fnmatch(base, pattern):
                covered.add(name)
    assert covered == bundle_files
    # The shortcuts and the uninstaller's icon point at the bundle's executable (Granska.exe on
    # Windows, Granska here).
    exe = PureWindowsPath(script.expand(script.setup()["UninstallDisplayIcon"], {}))
    assert exe.parts[0] == "{app}" and exe.suffix == ".exe"
    assert exe.stem == APP_NAME and (built.bundle / exe.stem).is_file()
    assert os.access(built.bundle / exe.stem, os.X_OK)


def test_build_runs_from_the_clean_venv_not_the_dev_venv(built):
    assert Path(_package_python()).resolve() != Path(sys.executable).resolve()
    frozen = subprocess.run(
        [_package_python(), "-m", "pip", "list", "--format=json"], capture_output=True, text=True, check=True
    )
    installed = {d["name"].lower() for d in json.loads(frozen.stdout)}
    assert "pyinstaller" in installed
    assert not installed & {"pytest", "pytest-qt", "ruff", "mypy", "aiosmtpd", "numpy", "keyrings.alt"}
