"""How `granska queue` prints the items: codes in JSON (scripts depend on them, with the Swedish
names beside them), names for a person reading the terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from app.core.states import STATUS_LABELS
from app.services.accounts.platforms import platform_label
from app.services.moderation.reasons import REMOVAL_REASONS

if TYPE_CHECKING:
    from app.services.queue.shapes import ItemSummary

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_STATUS_WIDTH = max(len(label) for label in STATUS_LABELS.values())


def status_label(code: str) -> str:
    return STATUS_LABELS.get(code, code)


def reason_label(code: str | None) -> str | None:
    if not code:
        return None
    reason = REMOVAL_REASONS.get(code)
    return reason.label if reason is not None else code


def as_json(item: ItemSummary) -> dict[str, Any]:
    """The item's codes as before, and beside each its name (`status_label`, ...)."""
    return {
        **item.as_json(),
        "status_label": status_label(item.status),
        "platform_label": platform_label(item.platform),
        "reason_label": reason_label(item.suggested_reason),
    }


def write_lines(items: list[ItemSummary]) -> None:
    if not items:
        sys.stdout.write("Kön är tom.\n")
        return
    for i in items:
        when = i.created_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
        where = f"{platform_label(i.platform)}: {i.account_name}"
        flag = f"  [{reason_label(i.suggested_reason)}]" if i.suggested_reason else ""
        text = " ".join(i.text.split())
        text = text if len(text) <= 60 else text[:59] + "…"
        sys.stdout.write(
            f"{i.id:>8}  {when}  {where:<26} {status_label(i.status):<{_STATUS_WIDTH}}{flag}  "
            f"{i.author_name}: {text}\n"
        )
