"""#12.2: after a damaged database was moved aside, the window says so in the status bar, at
every start, until an administrator acknowledges it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.cli import main
from app.ui.main import READY_ENV

ROOT = Path(__file__).resolve().parents[2]
WATCH = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.ui import main
from app.ui.main_window import MainWindow

show = MainWindow.show
tries = []


def patched(window):
    show(window)

    def watch():
        label = getattr(window, "moved_aside_warning", None)
        tries.append(1)
        if label is not None or len(tries) > 500:
            print(label.text() if label is not None else "no warning", flush=True)
            QApplication.closeAllWindows()
        else:
            QTimer.singleShot(10, watch)

    QTimer.singleShot(10, watch)

MainWindow.show = patched
sys.exit(main.run_gui(sys.argv[1]))
"""


def window_status(url: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANGUAGE="sv")
    env.pop(READY_ENV, None)
    done = subprocess.run(
        [sys.executable, "-c", WATCH, url], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def test_the_window_keeps_showing_a_moved_aside_database_until_acknowledged(tmp_path, capsys):
    path = tmp_path / "granska.db"
    path.write_bytes(b"not a database" * 200)
    url = f"sqlite:///{path}"
    assert main(["--db", url, "queue"]) == 0  # moved aside here
    capsys.readouterr()
    first = window_status(url)
    assert "flyttades undan" in first or "moved aside" in first
    assert str(tmp_path / "granska.db.trasig-") in first
    assert main(["--db", url, "db", "moved-aside", "--ack"]) == 0
    assert window_status(url) == "no warning"
