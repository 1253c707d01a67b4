"""The moderation views' hook into the main window: Verktyg → Granskningslogg and
Diarienummer, Inställningar → Flaggningsregler; and, once the database is open, the outbox's
interrupted and due steps resumed in the background (a removal cut off by a crash or a closed
window carries on where it stopped)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.services.context import Actor


def install(window: Any) -> None:
    # Each view is imported when it is first opened, not at start-up.
    def audit(w: Any) -> QWidget:
        from app.ui.records.audit_view import AuditView

        return AuditView(w.db.sessions, w.tasks)

    def rules(w: Any) -> QWidget:
        from app.ui.settings.rule_tester import RuleTester

        return RuleTester(w.db.sessions, actor=Actor(), tasks=w.tasks)

    def numbers(w: Any) -> QWidget:
        from app.ui.records.diarienummer_view import DiarienummerView

        view = DiarienummerView(w.db.sessions, actor=Actor(), tasks=w.tasks)
        view.saved.connect(lambda _id: w.refresh_queue())
        return view

    translate = QCoreApplication.translate  # the window's context, like the rest of its menus
    window.add_view("verktyg", translate("MainWindow", "Granskningslogg…"), audit)
    window.add_view("verktyg", translate("MainWindow", "Diarienummer…"), numbers)
    window.add_view("installningar", translate("MainWindow", "Flaggningsregler…"), rules)
    from app.ui.queue import by_hand_hooks

    by_hand_hooks.install(window)
    moderation = window.moderation_actions.moderation
    if moderation is not None:
        write = window.tasks.in_writer  # the platform calls here, each transaction on the writer
        window.tasks.run(
            lambda: moderation.resume(write), on_done=lambda _summary: window.refresh_queue(), network=True
        )
