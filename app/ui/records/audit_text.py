"""An audit event's details in the window's language, with names instead of stored codes
(reasons, criteria, modes). The stored details stay codes: the chain hashes them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.core.messages import heard
from app.services.records.audit import ACTION_LABELS, MAIL_STEPS  # the core's names, for codes added there
from app.ui.core_text import window_text
from app.ui.labels import criterion_label, reason_label

translate = QCoreApplication.translate


def _labels() -> tuple[tuple[str, str], ...]:
    return (
        ("list", translate("AuditText", "lista")),
        ("reason", translate("AuditText", "skäl")),
        ("criterion", translate("AuditText", "kriterium")),
        ("mode", translate("AuditText", "sätt")),
        ("to", translate("AuditText", "till")),
        ("count", translate("AuditText", "antal")),
        ("days", translate("AuditText", "äldre än dagar")),
        ("diarienummer", translate("AuditText", "diarienummer")),
        ("error", translate("AuditText", "fel")),
        ("source", translate("AuditText", "från")),
        ("row", translate("AuditText", "rad")),
    )


def _value(key: str, value: Any) -> str:
    if key == "reason":
        return reason_label(str(value))
    if key == "criterion":
        return criterion_label(str(value))
    if key == "mode":
        return {"hide": translate("AuditText", "dölj"), "delete": translate("AuditText", "radera")}.get(
            value, str(value)
        )
    return str(value)


def audit_summary(details: dict[str, Any]) -> str:
    parts = []
    for key, label in _labels():
        value = details.get(key)
        if value not in (None, "") and key == "error":  # a failed step's error, kept with its source
            parts.append(f"{label}: {window_text(heard(str(value), details.get('error_said')))}")
        elif value not in (None, ""):
            parts.append(f"{label}: {_value(key, value)}")
    return ", ".join(parts)


def action_name(code: str, details: dict[str, Any] | None = None) -> str:
    """What an audit action is called, in the window's language (the log stores the code); a
    failed mail step (its `details`) failed at the mail server, not at a platform."""
    if code == "platform_failed" and isinstance(details, dict) and details.get("step") in MAIL_STEPS:
        return translate("AuditText", "E-posten kunde inte skickas")
    names = {
        "remove": translate("AuditText", "Borttagning beslutad"),
        "register": translate("AuditText", "Diarieförd"),
        "diarienummer": translate("AuditText", "Diarienummer satt"),
        "keep": translate("AuditText", "Godkänd"),
        "answer": translate("AuditText", "Besvarad"),
        "forward": translate("AuditText", "Vidarebefordrad"),
        "hand_over": translate("AuditText", "Överlämnad (jäv)"),
        "notify": translate("AuditText", "Meddelande köat"),
        "platform_removed": translate("AuditText", "Borttagen på plattformen"),
        "platform_failed": translate("AuditText", "Plattformen svarade med fel"),
        "remove_by_hand": translate("AuditText", "Ska tas bort för hand"),
        "removed_by_hand": translate("AuditText", "Bekräftad borttagen för hand"),
        "notice_posted": translate("AuditText", "Meddelande publicerat"),
        "notice_manual": translate("AuditText", "Meddelande ska publiceras för hand"),
        "escalation_sent": translate("AuditText", "E-post till chef skickad"),
        "escalation_queued": translate("AuditText", "Eskalering köad"),
        "escalation_failed": translate("AuditText", "E-post till chef misslyckades"),
        "step_interrupted": translate("AuditText", "Avbrutet steg återupptaget"),
        "gallring": translate("AuditText", "Gallring"),
        "rules_changed": translate("AuditText", "Ordlista ändrad"),
        "audit_sealed": translate("AuditText", "Poster förseglade i loggen (uppgradering)"),
        "author_deleted": translate("AuditText", "Raderad eller återställd av skribenten"),
        "screenshot": translate("AuditText", "Skärmdump sparad"),
        "screenshot_sent": translate("AuditText", "Skärmdump skickad"),
        "account_added": translate("AuditText", "Konto tillagt"),
        "account_changed": translate("AuditText", "Konto ändrat"),
        "administrator_added": translate("AuditText", "Administratör tillagd"),
        "administrator_changed": translate("AuditText", "Administratör ändrad"),
        "administrator_assigned": translate("AuditText", "Administratör kopplad till konto"),
        "administrator_unassigned": translate("AuditText", "Administratör borttagen från konto"),
        "administrator_roles": translate("AuditText", "Roller ändrade"),
        "administrator_deactivated": translate("AuditText", "Administratör avaktiverad"),
        "refused": translate("AuditText", "Nekad: rollen tillåter inte åtgärden"),
    }
    if code in names:
        return names[code]
    return window_text(ACTION_LABELS[code]) if code in ACTION_LABELS else code
