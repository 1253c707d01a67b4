"""Switching the language without a restart.

Choosing a language installs its translators at once; Qt then sends every widget a
LanguageChange event. The main window answers it by building itself again in the new language
on the same database (every text, menu and view is made by the code that made it the first
time, so nothing is left half translated), with the same size, queue, filters and item; then the
old window saves its state, lets its workers finish and closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.translations import INSTALLED, install_translators

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def use_language(language: str) -> None:
    """Our translators and Qt's for `language` in place of the ones this module installed."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in INSTALLED:
        app.removeTranslator(translator)
    INSTALLED.clear()
    install_translators(app, language)


class _Rebuilder(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._pending = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.LanguageChange and not self._pending:
            self._pending = True  # one rebuild for the burst of events a language change sends
            QTimer.singleShot(0, lambda: rebuild(self._window))
        return False


def follow_language(window: MainWindow) -> None:
    window.installEventFilter(_Rebuilder(window))


def rebuild(old: MainWindow) -> MainWindow | None:
    """A new main window in the current language, where the old one was."""
    from app.ui.main_window import MainWindow
    from app.ui.views import install_views

    if not shiboken6.isValid(old) or not old.isVisible() or old.db is None:
        return None
    item = old.queue.current_item()
    old.save_state()  # the new window reads the size, splitter, queue and filters back
    new = MainWindow(old.db, old.moderation_actions.moderation, clock=old.queue.model._clock)
    from app.ui.offline_mode import carry_over

    carry_over(old, new)  # offline: the banner and the reconnection; online: the copy kept fresh
    if item is not None:  # the same item, once the first page is in
        new.queue.model.page_loaded.connect(
            lambda _rows: new.queue.select_row(new.queue.model.row_of(item.id) or 0),
            Qt.ConnectionType.SingleShotConnection,
        )
    new.show()
    install_views(new)
    old.replaced_by = new
    QApplication.setQuitOnLastWindowClosed(False)  # the old one closes before the new one paints
    old.close()
    QApplication.setQuitOnLastWindowClosed(True)
    new.activateWindow()
    return new
