"""Starting the GUI: the display check, the database, and the main window."""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run_gui(db_url: str | None, *, demo_if_empty: bool = False) -> int:
    if not has_display():
        print(
            "granska: ingen skärm hittades (varken DISPLAY eller WAYLAND_DISPLAY är satt). "
            "Starta Granska i en grafisk session, eller använd kommandoraden: granska --help",
            file=sys.stderr,
        )
        return 1
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.models.db import DatabaseError, open_database
    from app.ui.main_window import MainWindow
    from app.version import APP_NAME, ORGANIZATION

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    try:
        db = open_database(db_url)
    except DatabaseError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    if demo_if_empty:
        from app.services.demo import load_demo
        from app.services.queue import QueueFilter, QueueService

        if QueueService(db.sessions).count(QueueFilter()) == 0:
            load_demo(db.sessions, 500)
    window = MainWindow(db)
    window.show()
    for message in db.messages:
        QMessageBox.warning(window, APP_NAME, message)
    return app.exec()
