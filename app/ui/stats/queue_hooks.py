"""The response promise in the queue: each waiting question's time left in its account's watched
hours (the Väntat column; about to go overdue and overdue marked by icon and tooltip), and the
number of overdue questions in the status bar. Loaded off the GUI thread, again every few
minutes and whenever the queue reloads."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel

from app.services.stats.deadlines import Deadlines, deadlines

REFRESH_MS = 5 * 60 * 1000
log = logging.getLogger(__name__)


def install(window: Any, actor: Any = None) -> QLabel:
    label = QLabel()
    label.setAccessibleName(QCoreApplication.translate("StatisticsView", "Försenade frågor"))
    label.setToolTip(
        QCoreApplication.translate("StatisticsView", "Frågor som har väntat längre än kontots svarslöfte")
    )
    label.setVisible(False)
    window.statusBar().addPermanentWidget(label)
    window.overdue_label = label

    def shown(found: Deadlines) -> None:
        model = window.queue.model
        model.look.promises = found.promises
        if model.rowCount():
            model.dataChanged.emit(
                model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1)
            )
        label.setText(QCoreApplication.translate("StatisticsView", "Försenade frågor: %d") % found.overdue)
        label.setStyleSheet("color: #b00020; font-weight: bold" if found.overdue else "")
        label.setVisible(bool(found.promises))

    def failed(exc: BaseException) -> None:  # the count is a help, not the work: say it briefly
        log.warning("Kunde inte räkna försenade frågor: %s", exc)
        label.setVisible(False)

    def load(*_: Any) -> None:
        window.tasks.run(
            lambda: deadlines(window.db.sessions, actor), on_done=shown, on_error=lambda _e: None
        )

    timer = QTimer(label, interval=REFRESH_MS)
    timer.timeout.connect(load)
    timer.start()
    # Again when the queue reloads (a decision, a sync), once for a burst of pages.
    settle = QTimer(label, singleShot=True, interval=2000)
    settle.timeout.connect(load)
    window.queue.model.page_loaded.connect(lambda *_: settle.start(), Qt.ConnectionType.QueuedConnection)
    load()
    return label
