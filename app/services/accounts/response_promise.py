"""How soon the account promises an answer ("Vi svarar snabbt på frågor").

The account register keeps the promise as free text (Svarstid: "inom 24 timmar", "samma
arbetsdag", "2 dagar"). Until it is kept as a number, this is the one place that turns it into
hours; everything that needs the promise (the forwarded question's reminder) asks here.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Account

DEFAULT_HOURS = 48.0  # no promise written down: remind after two days

_UNITS = (
    (re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:h\b|tim)", re.IGNORECASE), 1.0),
    (re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:arbets|vardag|dag|dygn)", re.IGNORECASE), 24.0),
    (re.compile(r"(\d+(?:[.,]\d+)?)\s*veck", re.IGNORECASE), 24.0 * 7),
)
_WORDS = (
    (re.compile(r"samma (?:arbets)?dag", re.IGNORECASE), 8.0),
    (re.compile(r"ett dygn|en dag|en arbetsdag|nästa (?:arbets)?dag", re.IGNORECASE), 24.0),
    (re.compile(r"en vecka", re.IGNORECASE), 24.0 * 7),
)


def hours_from_text(text: str | None) -> float | None:
    """The first promise the text states, in hours; None when it states none."""
    text = text or ""
    for pattern, hours in _WORDS:
        if pattern.search(text):
            return hours
    found = [
        (m.start(), float(m.group(1).replace(",", ".")) * f) for p, f in _UNITS for m in p.finditer(text)
    ]
    return min(found)[1] if found else None


def promised_due(session: Session, account_id: int, now: datetime) -> tuple[float, datetime]:
    """The promised response time in hours and when it runs out for something starting `now`:
    the structured promise (watched hours, `accounts edit --target-hours`) when the account has
    one, else the free-text Svarstid counted in calendar hours."""
    from app.services.stats.promises import promise_of
    from app.services.stats.watched_hours import due_at

    account = session.get(Account, account_id)
    if account is not None and account.response_target_hours is not None:
        promise = promise_of(account)
        return account.response_target_hours, due_at(promise, now, account.response_target_hours * 3600.0)
    hours = promised_response_hours(session, account_id)
    return hours, now + timedelta(hours=hours)


def promised_response_hours(session: Session, account_id: int) -> float:
    """The account's promised response time in hours (the default when none is written)."""
    text = session.scalar(select(Account.response_time).where(Account.id == account_id))
    hours = hours_from_text(text)
    return hours if hours and hours > 0 else DEFAULT_HOURS
