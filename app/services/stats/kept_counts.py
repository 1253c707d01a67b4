"""The records' counts read from `stats_counts` on SQLite (app/models/stats_counts.py): a sum
over a few thousand hourly rows instead of a join of every decision and registration to its
item. The same figures as the grouped joins in figures.py, which PostgreSQL runs."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, func, select
from sqlalchemy.orm import Session

from app.core.states import WAITING, StepStatus

COUNTS = Table(
    "stats_counts",
    MetaData(),
    Column("what", String),
    Column("hour", String),
    Column("account_id", Integer),
    Column("code", String),
    Column("detail", String),
    Column("n", Integer),
)


def hour_key(moment: datetime) -> str:
    """An instant's hour as the triggers write it: the stored UTC time's first 13 characters."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H")


def _in_period(what: str, since: datetime, until: datetime, ids: list[int]) -> list[Any]:
    c = COUNTS.c
    return [c.what == what, c.hour >= hour_key(since), c.hour < hour_key(until), c.account_id.in_(ids)]


def fill_grouped(
    session: Session, since: datetime, until: datetime, ids: list[int], out: dict[int, dict[str, Any]]
) -> None:
    """Removals per reason (and how many registered), forwards, hand-overs, registrations per
    criterion, police reports in the period, and the platform steps pending now, per account."""
    c = COUNTS.c
    total = func.sum(c.n)
    removals = select(c.account_id, c.code, total).where(*_in_period("removal", since, until, ids))
    for account_id, reason, n in session.execute(removals.group_by(c.account_id, c.code)):
        if n:
            g = out[account_id]["removed"]
            g[reason or "okänt"] = g.get(reason or "okänt", 0) + int(n)
    registered = select(c.account_id, total).where(*_in_period("removal_registered", since, until, ids))
    for account_id, n in session.execute(registered.group_by(c.account_id)):
        if n:
            out[account_id]["removed_registered"] += int(n)
    actions = select(c.account_id, c.code, total).where(
        *_in_period("decision", since, until, ids), c.code.in_(("forward", "hand_over"))
    )
    for account_id, action, n in session.execute(actions.group_by(c.account_id, c.code)):
        if n:
            out[account_id][action] += int(n)
    criteria = select(c.account_id, c.code, total).where(*_in_period("registration", since, until, ids))
    for account_id, criterion, n in session.execute(criteria.group_by(c.account_id, c.code)):
        if n:
            out[account_id]["registered"][criterion] = int(n)
    police = select(c.account_id, total).where(*_in_period("police", since, until, ids))
    for account_id, n in session.execute(police.group_by(c.account_id)):
        if n:
            out[account_id]["police"] = int(n)
    pending = select(c.account_id, total).where(
        c.what == "step", c.account_id.in_(ids), c.code.in_([*WAITING, StepStatus.MANUAL])
    )
    for account_id, n in session.execute(pending.group_by(c.account_id)):
        if n:  # a count back at zero is no row in a grouped join either
            out[account_id]["pending"] = int(n)


def decisions_per_administrator(
    session: Session, since: datetime, until: datetime, ids: list[int]
) -> dict[str, dict[str, int]]:
    c = COUNTS.c
    stmt = (
        select(c.detail, c.code, func.sum(c.n))
        .where(*_in_period("decision", since, until, ids))
        .group_by(c.detail, c.code)
    )
    decisions: dict[str, dict[str, int]] = defaultdict(dict)
    for who, action, n in session.execute(stmt):
        if n:
            per = decisions[who.casefold()]
            per[action] = per.get(action, 0) + int(n)
    return decisions
