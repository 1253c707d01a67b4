"""bench/offline.py's first figure: the real window (offscreen) on the team database, the server
stopped, an ordinary read asked (the queue reloaded); timed from that query until the window
shows the local copy's first page with the offline moderation attached. The baseline is the
old behaviour, in the same run: the failed query alone does not switch, the background probe
(every 5 s) does."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _wait(
    app: Any, until: Callable[[], bool], timeout_s: float, what: str, state: Callable[[], str] = str
) -> None:
    from PySide6.QtTest import QTest

    deadline = time.perf_counter() + timeout_s
    while not until():
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {what} ({state()})")
        QTest.qWait(1)


def time_switch(pg: Any, me: str, *, switch_on_failure: bool) -> float:
    """Seconds from the failed query to the window usable on the copy. The server is running
    when called and is running again on return; the copy is the one for `pg.url`."""
    from PySide6.QtWidgets import QApplication

    from app.models.db import open_database
    from app.services.context import Actor
    from app.services.moderation.facade import ModerationService
    from app.ui.main_window import MainWindow
    from app.ui.offline_mode import PROBE_MS, CopyKeeper

    app = QApplication.instance() or QApplication([])
    team = open_database(pg.url)
    window = MainWindow(team, ModerationService(team.sessions, actor=Actor(me)))
    window.show()
    # No refresh of the copy during the measurement (the bench refreshed it just before).
    CopyKeeper(window, pg.url, delay_ms=3_600_000, probe_ms=PROBE_MS, switch_on_failure=switch_on_failure)
    model = window.queue.model

    def usable(dialect: str) -> bool:
        db = window.db
        return db is not None and db.dialect == dialect and not model.loading and model.rowCount() > 0

    _wait(app, lambda: usable("postgresql") and window.tasks.is_idle(), 120, "the first page online")
    pg.stop()
    started = time.perf_counter()
    window.queue.load()  # F5: the first query after the server went away
    _wait(
        app,
        lambda: usable("sqlite"),
        30,
        "the window on the copy",
        lambda: f"db {window.db and window.db.dialect}, {model.rowCount()} rows, loading {model.loading}",
    )
    took = time.perf_counter() - started
    copy_db = window.db
    window.close()
    window.tasks.shutdown()
    window.deleteLater()
    if copy_db is not None:
        copy_db.dispose()
    pg.start()
    return took
