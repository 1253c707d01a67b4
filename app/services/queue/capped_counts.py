"""The queues' counts under a search, shown stopped at a cap: "1 000+" instead of an exact 29 305.

Without a search the counts come from the kept counts table (a few rows). A search has no such
table: its counts are one GROUP BY over every match, looked up in the id-led covering index
(paging.status_counts). Above a thousand nobody reads the exact figure of a search, so a count
above `cap` is returned as `cap + 1`, meaning "more than `cap`", and the tabs say "1 000+".

What was measured and not kept (bench/search_counts.py, a million items): stopping the work
itself at the cap does not pay. A `LIMIT cap + 1` subquery per tab stops early only in a tab
the word is common in; a tab it is rare or absent in (a spam word among the new items) reads
every match, once per such tab, 50 ms each for a common word. A sample of the first matches
cannot settle five tabs of which four hold disjoint statuses either: with 2,000 matches looked
up, at most one of them can pass 1,000. The one GROUP BY reads every match once. What would
make it a few ms is the status inside the full-text index (a status token per item, so that
"word AND status" is an intersection of two posting lists): a change to the queue's index and
its triggers, left for the index's owner.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from app.models.fulltext import search_terms
from app.services.queue.paging import status_counts
from app.services.queue.shapes import SEARCH_COUNT_CAP, Queue, per_queue_counts

__all__ = ["SEARCH_COUNT_CAP", "queue_counts"]


def queue_counts(session: Session, f: Any, queues: tuple[Queue, ...], cap: int | None) -> dict[str, int]:
    """How many items each queue holds under `f`; with `cap` and a search, at most `cap + 1`."""
    counts = per_queue_counts(
        status_counts(session, replace(f, statuses=(), questions_only=False)), f, queues
    )
    if cap is None or not search_terms(f.search):
        return counts
    return {name: min(n, cap + 1) for name, n in counts.items()}
