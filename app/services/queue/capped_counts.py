"""The queues' counts under a search, stopped at a cap: "1 000+" instead of an exact 29 305.

Without a search the counts come from the kept counts table (a few rows). A search has no such
table: its counts were a GROUP BY over every match (65 ms for a common word at a million
items). Above a thousand nobody reads the exact figure of a search, so here the counts stop at
`cap`; a count above `cap` is returned as `cap + 1`, meaning "more than `cap`".

- SQLite: the first SAMPLE matches in the full-text index (rowid order), looked up in the id-led
  covering index and grouped. When the word matches no more than that, the counts are exact; a
  queue with more than `cap` of them is "more than `cap`". Only a queue the sample cannot settle
  (few of the first matches, but more matches beyond them) needs every match counted, and then
  the exact GROUP BY runs once, as before.
- PostgreSQL: one `count(*)` over a `LIMIT cap + 1` subquery per queue; the planner picks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from app.models import Item
from app.models.fulltext import sqlite_match_expression
from app.services.queue.paging import SEARCH_KEYS, conditions, status_counts
from app.services.queue.shapes import SEARCH_COUNT_CAP, Queue

if TYPE_CHECKING:
    from app.models.base import AnySelect

__all__ = ["SEARCH_COUNT_CAP", "queue_counts"]
SAMPLE = 2000  # matches looked up at most (about 5 ms at a million items) before counting them all

_fts = table("items_fts", column("rowid"))


def _per_queue(groups: dict[tuple[str, bool], int], f: Any, queues: tuple[Queue, ...]) -> dict[str, int]:
    counts = {}
    for q in queues:
        narrowed = q.narrow(f)
        counts[q.name] = sum(
            n
            for (status, question), n in groups.items()
            if status in narrowed.statuses and (question or not narrowed.questions_only)
        )
    return counts


def queue_counts(session: Session, f: Any, queues: tuple[Queue, ...], cap: int | None) -> dict[str, int]:
    """How many items each queue holds under `f`; with `cap` and a search, at most `cap + 1`."""
    dialect = session.get_bind().dialect.name
    unsearched = replace(f, statuses=(), questions_only=False)
    expr = sqlite_match_expression(f.search) if cap is not None else None
    if cap is None or expr is None:
        return _per_queue(status_counts(session, unsearched), f, queues)
    if dialect != "sqlite":
        return {q.name: _capped(session, q.narrow(f), dialect, cap) for q in queues}
    matches = (
        select(_fts.c.rowid.label("id"))
        .where(text("items_fts MATCH :capped_query").bindparams(capped_query=expr))
        .limit(SAMPLE + 1)
        .subquery("matches")
    )
    scanned = session.scalar(select(func.count()).select_from(matches)) or 0
    stmt: AnySelect = (
        select(Item.status, Item.is_question, literal_column("count(*)"))
        .join(matches, matches.c.id == Item.id)
        .where(*conditions(unsearched, dialect, search=False))
        .group_by(Item.status, Item.is_question)
        .with_hint(Item, SEARCH_KEYS, "sqlite")
    )
    sample = {(status, bool(question)): int(n) for status, question, n in session.execute(stmt)}
    counts = _per_queue(sample, f, queues)
    if scanned <= SAMPLE:  # every match was looked at: exact
        return {name: min(n, cap + 1) for name, n in counts.items()}
    if all(n > cap for n in counts.values()):
        return {name: cap + 1 for name in counts}
    exact = _per_queue(status_counts(session, unsearched), f, queues)
    return {name: min(n, cap + 1) for name, n in exact.items()}


def _capped(session: Session, f: Any, dialect: str, cap: int) -> int:
    found = select(Item.id).where(*conditions(f, dialect)).limit(cap + 1).subquery()
    return int(session.scalar(select(func.count()).select_from(found)) or 0)
