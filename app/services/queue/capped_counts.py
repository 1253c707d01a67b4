"""The queues' counts under a search, shown stopped at a cap: "1 000+" instead of an exact 29 305.

Without a search the counts come from the kept counts table (a few rows). Above a thousand
nobody reads the exact figure of a search, so a count above `cap` is returned as `cap + 1`,
meaning "more than `cap`", and the tabs say "1 000+".

On SQLite a capped count under a search comes from the tabs' own full-text index
(tab_counts.py, app/models/tab_search.py): per tab, the matches in the tab's range of the index,
stopped at the cap, without reading `items` (a few ms at a million items, against 90-300 ms for
the GROUP BY that looked up every match's status). Without a cap, under a period, and on
PostgreSQL, one GROUP BY over every match (paging.status_counts), capped afterwards.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from app.models.fulltext import search_terms
from app.services.queue.paging import status_counts
from app.services.queue.shapes import SEARCH_COUNT_CAP, Queue, per_queue_counts
from app.services.queue.tab_counts import tab_counts

__all__ = ["SEARCH_COUNT_CAP", "queue_counts"]


def queue_counts(session: Session, f: Any, queues: tuple[Queue, ...], cap: int | None) -> dict[str, int]:
    """How many items each queue holds under `f`; with `cap` and a search, at most `cap + 1`."""
    searched = bool(search_terms(f.search))
    if cap is not None and searched and session.get_bind().dialect.name == "sqlite":
        counted = tab_counts(session, f, queues, cap)
        if counted is not None:
            return counted
    counts = per_queue_counts(
        status_counts(session, replace(f, statuses=(), questions_only=False)), f, queues
    )
    if cap is None or not searched:
        return counts
    return {name: min(n, cap + 1) for name, n in counts.items()}
