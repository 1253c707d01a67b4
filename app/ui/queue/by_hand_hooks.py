"""Hooks the work a person does by hand into the main window: Verktyg → Att göra för hand
(Ctrl+H), and the detail pane's buttons to confirm a removal or mark a notice posted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.ui.core_text import window_text

SHORTCUT = "Ctrl+H"


def install(window: Any) -> None:
    translate = QCoreApplication.translate

    def view(w: Any) -> QWidget:
        from app.ui.queue.by_hand_view import ByHandView

        shown = ByHandView(w.moderation_actions.moderation, w.tasks)
        shown.changed.connect(w.refresh_queue)
        shown.link_requested.connect(QDesktopServices.openUrl)
        return shown

    window.by_hand_action = window.add_view(
        "verktyg", translate("MainWindow", "Att göra för hand…"), view, shortcut=SHORTCUT
    )

    def after(outcome: Any) -> None:
        window.statusBar().showMessage(
            window_text(outcome.message) or translate("MainWindow", "Klart."), 10_000
        )
        window.refresh_queue()
        window._load_detail()

    def confirm(item_id: int) -> None:
        moderation = window.moderation_actions.moderation
        if moderation is not None:
            window.tasks.run(lambda: moderation.confirm_removed(item_id), on_done=after, write=True)

    def posted(item_id: int, link: str) -> None:
        moderation = window.moderation_actions.moderation
        if moderation is not None:
            window.tasks.run(
                lambda: moderation.mark_notice_posted(item_id, link or None), on_done=after, write=True
            )

    window.detail.confirm_removal.connect(confirm)
    window.detail.mark_posted.connect(posted)
