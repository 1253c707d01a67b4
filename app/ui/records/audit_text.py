"""An audit event's details in the window's language, with names instead of stored codes
(reasons, criteria, modes). The stored details stay codes: the chain hashes them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.ui.labels import criterion_label, reason_label


def _labels() -> tuple[tuple[str, str], ...]:
    t = QCoreApplication.translate
    return (
        ("list", t("AuditText", "lista")), ("reason", t("AuditText", "skäl")),
        ("criterion", t("AuditText", "kriterium")), ("mode", t("AuditText", "sätt")),
        ("to", t("AuditText", "till")), ("count", t("AuditText", "antal")),
        ("days", t("AuditText", "äldre än dagar")), ("diarienummer", t("AuditText", "diarienummer")),
        ("error", t("AuditText", "fel")), ("source", t("AuditText", "från")), ("row", t("AuditText", "rad")),
    )  # fmt: skip


def _value(key: str, value: Any) -> str:
    t = QCoreApplication.translate
    if key == "reason":
        return reason_label(str(value))
    if key == "criterion":
        return criterion_label(str(value))
    if key == "mode":
        return {"hide": t("AuditText", "dölj"), "delete": t("AuditText", "radera")}.get(value, str(value))
    return str(value)


def audit_summary(details: dict[str, Any]) -> str:
    parts = []
    for key, label in _labels():
        value = details.get(key)
        if value not in (None, ""):
            parts.append(f"{label}: {_value(key, value)}")
    return ", ".join(parts)
