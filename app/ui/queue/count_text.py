"""A queue's count as the tabs and the status bar show it: "1 000+" when a search's count
stopped at its cap (app/services/queue/capped_counts.py), Swedish or English digit grouping."""

from __future__ import annotations

from app.ui.translations import current_language


def count_text(n: int, cap: int | None = None) -> str:
    """`n` with thousands grouped (Swedish: a no-break space, English: a comma); a count above
    `cap` means "more than `cap`" and reads "1 000+" / "1,000+"."""
    capped = cap is not None and n > cap
    grouped = f"{cap if capped and cap is not None else n:,}"
    if current_language() == "sv":
        grouped = grouped.replace(",", "\u00a0")
    return grouped + "+" if capped else grouped


def is_capped(n: int, cap: int | None) -> bool:
    return cap is not None and n > cap
