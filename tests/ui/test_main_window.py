from __future__ import annotations

from app.services.demo import load_demo
from app.ui.main_window import MainWindow


def test_main_window_opens_on_demo_data(qtbot, sqlite_db):
    load_demo(sqlite_db.sessions, 100)
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.queue_table.rowCount() == 100
