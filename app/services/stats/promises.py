"""Reading and setting an account's response promise (the columns on `accounts`, NULL meaning
the default), as the account register edits it and the public list of links shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.messages import say, translate
from app.models import Account
from app.services.accounts.roles import Duty, require
from app.services.context import Actor
from app.services.records.audit import log_change
from app.services.stats.watched_hours import (
    WEEKDAYS,
    Promise,
    days_code,
    parse_clock,
    parse_days,
    parse_hours_range,
)


def _clock(value: str | None, default: time) -> time:
    return parse_clock(value) if value else default


def promise_of(account: Account) -> Promise:
    """The account's promise; a stored value that no longer reads falls back to the default
    rather than stopping the statistics (the register shows and corrects it)."""
    try:
        return Promise(
            target_hours=account.response_target_hours,
            days=parse_days(account.watch_days) if account.watch_days else WEEKDAYS,
            start=_clock(account.watch_start, time(8)),
            end=_clock(account.watch_end, time(17)),
            holidays_watched=bool(account.watch_holidays),
        )
    except InputError:
        return Promise(target_hours=account.response_target_hours)


def public_promise_text(account: Account) -> str:
    """What the public list says about answers: the structured promise once one is set."""
    if account.response_target_hours is None and account.watch_days is None and account.watch_start is None:
        return ""
    return promise_of(account).describe()


@dataclass(frozen=True)
class PromiseChange:
    target_hours: float | None = None
    clear_target: bool = False
    days: str | None = None
    hours: str | None = None  # "8-17"
    holidays_watched: bool | None = None


def set_promise(
    sessions: sessionmaker[Session], key: str, change: PromiseChange, actor: Actor | None = None
) -> Promise:
    """Edits the promise in the account register: sealed in the audit log with the account."""
    require(sessions, Duty.ADD_ACCOUNT, actor, details={"account": key, "what": "response_promise"})
    with sessions.begin() as session:
        account = session.scalar(select(Account).where(Account.key == key))
        if account is None:
            raise InputError(say(translate("Core", "Okänt konto %1."), repr(key)))
        current = promise_of(account)
        days = parse_days(change.days) if change.days is not None else current.days
        start, end = (
            parse_hours_range(change.hours) if change.hours is not None else (current.start, current.end)
        )
        target = None if change.clear_target else (change.target_hours or current.target_hours)
        holidays = current.holidays_watched if change.holidays_watched is None else change.holidays_watched
        promise = Promise(target, days, start, end, holidays)  # raises InputError when it cannot hold
        account.response_target_hours = promise.target_hours
        account.watch_days = days_code(promise.days)
        account.watch_start = promise.start.strftime("%H:%M")
        account.watch_end = promise.end.strftime("%H:%M")
        account.watch_holidays = promise.holidays_watched
        log_change(
            session, "account_changed", account_id=account.id, actor=actor,
            details={"key": key, "fields": ["response_promise"], "promise": promise.describe()},
            seals=[("account", account.id)],
        )  # fmt: skip
    return promise
