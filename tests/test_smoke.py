"""`granska --smoke-test` (app/smoke.py), run from the source tree as a separate process, the way
an administrator runs it. tests/packaging/test_bundle.py runs it on the frozen bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.accounts.credentials import SERVICE
from tests.helpers.smoke import leftover_smoke_secrets, migrations_head, run_smoke_test

GRANSKA = [sys.executable, "-m", "app.cli"]


def _needs_keyring() -> None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.skip("no D-Bus session with gnome-keyring: use scripts/test")


@pytest.mark.keyring
def test_headless_smoke_test_passes_and_leaves_nothing_behind():
    _needs_keyring()
    report = run_smoke_test(GRANSKA, unset=["DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"])
    report.assert_all_ok()
    assert "Qt-plattform offscreen" in report.line("huvudfönster")
    assert f"schema {migrations_head()}," in report.line("databas")
    assert 0 < report.window_shown_s < report.wall_s + 1
    assert leftover_smoke_secrets(SERVICE) == []
    # The smoke test's window did not save its state over the user's (conftest points the user
    # folders at empty temporary ones).
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        assert list(Path(os.environ[var]).rglob("*")) == [], var


def test_without_a_keyring_the_check_is_skipped_not_failed():
    # On a display (pytest-xvfb's), with the keyring library's "no backend" stand-in.
    report = run_smoke_test(GRANSKA, env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert report.returncode == 0, report.output
    assert report.status("nyckelring") == "hoppades över"
    assert report.status("huvudfönster") == "ok"
    assert "Qt-plattform xcb" in report.line("huvudfönster")


def test_a_failure_is_named_and_exits_nonzero(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the database folder should be")
    report = run_smoke_test(
        [*GRANSKA, "--db", f"sqlite:///{blocked}/granska.db"],
        env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    assert report.returncode == 1, report.output
    assert report.status("databas") == "FEL"
    assert report.status("huvudfönster") == "hoppades över"
    assert report.output.rstrip().endswith("Röktest: underkänt (databas)")


def test_start_up_time_counts_from_process_start():
    # A process that idles half a second before asking must report at least that much.
    code = "import time; time.sleep(0.5); from app.smoke import process_age; print(process_age())"
    age = float(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    assert 0.5 <= age < 10
