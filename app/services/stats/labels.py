"""Figures as a Swedish reader reads them: hours with a decimal comma, shares in per cent."""

from __future__ import annotations


def hours_text(hours: float | None) -> str:
    if hours is None:
        return "–"
    if hours < 1:
        return f"{round(hours * 60)} min"
    return f"{hours:.1f} h".replace(".", ",")


def share_text(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"
