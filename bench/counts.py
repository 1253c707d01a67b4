"""P10: the queue's tab counts at a million items, as the window asks for them after every
decision and filter change (QueueService.queue_counts), from the counts the triggers keep
(app/models/queue_counts.py) vs counting the items with GROUP BY over the covering index (what
every count did before #20, and what a period filter still does), same file, same run.

    python bench/counts.py [--items 1000000] [--decided 0.5] [--repeat 9]
    (goal: <= 5 ms at a million items, unfiltered and per account)
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.data import best_ms as _best  # noqa: E402
from bench.data import decided_demo_database  # noqa: E402

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)  # a period that holds every item: counted by GROUP BY


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--decided", type=float, default=0.5)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    from app.services.queue.listing import QueueFilter, QueueService

    db = decided_demo_database(args.items, args.decided)
    service = QueueService(db.sessions)
    print(f"P10 tab counts, {args.items} items ({args.decided:g} decided)")
    worst = 0.0
    for label, f in (
        ("no filter", QueueFilter()),
        ("one account", QueueFilter(account_keys=("facebook",))),
        ("a flag", QueueFilter(reasons=("personangrepp",))),
    ):
        counted_f = replace(f, since=LONG_AGO)
        kept = service.queue_counts(f)
        assert kept == service.queue_counts(counted_f), (kept, label)
        ours, ours_med = _best(lambda f=f: service.queue_counts(f), args.repeat)
        base, base_med = _best(lambda f=counted_f: service.queue_counts(f), max(3, args.repeat // 3))
        worst = max(worst, ours)
        print(
            f"  {label:12} kept {ours:7.2f} ms (median {ours_med:7.2f})   "
            f"GROUP BY {base:8.2f} ms (median {base_med:8.2f})   {kept}"
        )
    db.dispose()
    print(f"ratio: {worst / 5:.2f} (goal: <= 1, the slowest counts {worst:.2f} ms against 5 ms)")


if __name__ == "__main__":
    main()
