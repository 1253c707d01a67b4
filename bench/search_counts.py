"""The queue's tab counts under a search at a million items, as the window asks for them while
the user searches (QueueService.queue_counts with the cap, "1 000+"), vs the exact count of
every match (the GROUP BY every search count ran before #20), same file, same run.

    python bench/search_counts.py [--items 1000000] [--decided 0.5] [--repeat 7]
    (goal: <= 5 ms at a million items for each of the five searches)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.data import SHARED, best_ms, decided_demo_database  # noqa: E402

# The queue window's five searches (bench/queue_window.py) and a word nobody wrote.
SEARCHES = ("simhallen", "jävla", "casino", "andersson", "parkeringstill", "zzxq")
GOAL_MS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--decided", type=float, default=0.5)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--folder",
        type=Path,
        default=SHARED,
        help="where the demo database is (a copy, if the build migrates it)",
    )
    args = parser.parse_args()

    from app.services.queue.listing import QueueFilter, QueueService
    from app.services.queue.shapes import SEARCH_COUNT_CAP

    db = decided_demo_database(args.items, args.decided, args.folder)
    service = QueueService(db.sessions)
    print(f"Tab counts under a search, {args.items} items ({args.decided:g} decided), cap {SEARCH_COUNT_CAP}")
    worst = worst_base = 0.0
    for words in SEARCHES:
        f = QueueFilter(search=words)
        capped = service.queue_counts(f, cap=SEARCH_COUNT_CAP)
        exact = service.queue_counts(f)
        assert capped == {k: min(n, SEARCH_COUNT_CAP + 1) for k, n in exact.items()}, (words, capped, exact)
        ours, ours_med = best_ms(lambda f=f: service.queue_counts(f, cap=SEARCH_COUNT_CAP), args.repeat)
        base, base_med = best_ms(lambda f=f: service.queue_counts(f), max(3, args.repeat // 2))
        worst, worst_base = max(worst, ours), max(worst_base, base)
        shown = " ".join(f"{k}={'1000+' if n > SEARCH_COUNT_CAP else n}" for k, n in capped.items())
        print(
            f"  {words:15} capped {ours:7.2f} ms (median {ours_med:7.2f})   "
            f"exact {base:7.2f} ms (median {base_med:7.2f})   {shown}"
        )
    db.dispose()
    print(f"slowest: capped {worst:.2f} ms, exact {worst_base:.2f} ms")
    print(f"before (every count exact): ratio {worst_base / GOAL_MS:.2f}")
    print(f"ratio: {worst / GOAL_MS:.2f} (goal: <= 1, the slowest search's counts {worst:.2f} ms vs 5 ms)")


if __name__ == "__main__":
    main()
