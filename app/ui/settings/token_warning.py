"""A short line in the status bar when an account's platform access needs someone: it ends
within 14 days, Google's "Testing" trap, the platform refused the sign-in, or the scopes do
not cover what Granska does there. The details are in Inställningar → Konton."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from app.ui.core_text import window_text


def remind_token_health(window: Any) -> None:
    translate = QCoreApplication.translate
    sessions = window.db.sessions

    def warnings() -> list[Any]:
        from app.services.accounts.token_health import TokenHealthService

        return TokenHealthService(sessions).warnings()

    def shown(found: list[Any]) -> None:
        if not found:
            return
        names = ", ".join(h.name if h.name == h.key else f"{h.name} ({h.key})" for h in found[:2])
        text = translate("TokenWarning", "⚠ Inloggning behöver åtgärdas: %s") % names
        if len(found) > 2:
            text += translate("TokenWarning", " och %d till") % (len(found) - 2)
        label = QLabel(text)
        label.setStyleSheet("color: #8a4b00;")
        label.setAccessibleName(translate("TokenWarning", "Varning om plattformsinloggning"))
        label.setToolTip("\n".join(f"{h.key}: {window_text(h.warning)}" for h in found))
        window.statusBar().addPermanentWidget(label)
        window.token_warning = label

    window.tasks.run(warnings, on_done=shown, network=True)
