"""#17: `granska stats` for a year on the demo database (1,000,000 items by default) against a
bare `SELECT account_id, count(*) FROM items WHERE <the year> GROUP BY account_id` on the same
database, in the same run.

Granska's side is the whole StatisticsService.figures(): items, questions and the month buckets
in one scan, questions still waiting and overdue (per-account cutoffs), the temporary watched-day
calendar and the response-time query with its window functions, removals, registrations,
forwards, pending steps, screenshots, administrators, per administrator. The demo has no
answers, so before timing, a share of its questions (--answered, default 5 %) get a published
answer 1-72 h after they were posted (inserted directly: a bench database, not a sealed one) and
every account a promise of 8 watched hours on weekdays 08-17: the response-time path then reads
tens of thousands of answered questions.

    python bench/stats.py [--items 1000000] [--answered 0.05] [--repeat 3] [--cache DIR]
    python bench/stats.py --database /var/tmp/stats17b/demo-1000000-0.5.db   # a copy of the
        # shared decided demo (cp --reflink=auto /var/tmp/granska-bench/demo-1000000-0.5.db ...)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_RATIO, GOAL_SECONDS = 3.0, 1.0


def prepare(cache: Path, items: int, share: float, database: Path | None = None) -> Path:
    from sqlalchemy import func, select, update

    from app.models import Account, Item, Notice
    from app.models.db import open_database
    from bench.data import demo_database

    if database is not None:  # a copy of a shared demo: answers are added to it, never the original
        path = database
        db = open_database(f"sqlite:///{path}")
    else:
        cache.mkdir(parents=True, exist_ok=True)
        path = cache / f"stats-{items}.db"
        if not path.with_name(path.name + f".{items}.ok").exists():
            print(f"building a demo database of {items:,} items in {path} (once)...", flush=True)
        db = demo_database(path, items)
    marker = path.with_name(path.name + f".answered-{share}.ok")
    try:
        if marker.exists():
            return path
        rng = random.Random(17)
        now = datetime.now(UTC)
        with db.engine.begin() as con:
            con.execute(
                update(Account).values(
                    response_target_hours=8, watch_days="12345", watch_start="08:00", watch_end="17:00"
                )
            )
            rows = con.execute(select(Item.id, Item.created_at).where(Item.is_question.is_(True))).all()
            chosen = [r for r in rows if rng.random() < share]
            notices = [
                {
                    "item_id": r.id, "kind": "answer", "template": None, "text": "Hej! Svar.",
                    "status": "posted", "created_by": "bench",
                    "created_at": r.created_at,
                    "posted_at": min(now, r.created_at + timedelta(hours=rng.uniform(1, 72))),
                }
                for r in chosen
            ]  # fmt: skip
            con.execute(Notice.__table__.insert(), notices)
            print(f"{len(notices):,} of {len(rows):,} questions answered for the bench", flush=True)
            count = con.scalar(select(func.count()).select_from(Notice))
            assert count and count >= len(notices)
        marker.touch()
        return path
    finally:
        db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--answered", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "granska-stats-bench")
    parser.add_argument(
        "--database", type=Path, help="a writable COPY of a demo database (e.g. of bench.data's decided demo)"
    )
    args = parser.parse_args()

    from sqlalchemy import func, select

    from app.models import Item
    from app.models.db import open_database
    from app.services.context import Actor
    from app.services.stats.figures import StatisticsService, month_starts

    path = prepare(args.cache, args.items, args.answered, args.database)
    db = open_database(f"sqlite:///{path}")
    today = date.today()
    year = (date(today.year, 1, 1), today)
    edges = month_starts(*year)
    service = StatisticsService(db.sessions, Actor("bench"))
    bare = (
        select(Item.account_id, func.count())
        .where(Item.created_at >= edges[0], Item.created_at < edges[-1])
        .group_by(Item.account_id)
    )

    # The same count led by account (the index granska stats reads), the fairer of the two.
    with db.sessions() as session:
        ids = list(session.scalars(select(Item.account_id).distinct()))
    by_account = bare.where(Item.account_id.in_(ids))

    def baseline() -> int:
        with db.sessions() as session:
            return sum(n for _, n in session.execute(bare))

    def baseline_by_account() -> int:
        with db.sessions() as session:
            return sum(n for _, n in session.execute(by_account))

    def granska() -> object:
        return service.figures(*year)

    baseline(), granska()  # warm the page cache for both
    baseline_by_account()
    # Interleaved, each round all three: on a shared machine the load changes from second to
    # second, and the best of each then compares like with like.
    times: dict[str, list[float]] = {"plain": [], "indexed": [], "granska": []}
    results: dict[str, object] = {}
    for _ in range(args.repeat):
        for name, run in (("plain", baseline), ("indexed", baseline_by_account), ("granska", granska)):
            start = time.perf_counter()
            results[name] = run()
            times[name].append(time.perf_counter() - start)
    plain_s, indexed_s, ours_s = (min(times[n]) for n in ("plain", "indexed", "granska"))
    total, figures = results["plain"], results["granska"]
    assert total == results["indexed"]
    base_s = min(plain_s, indexed_s)
    accounts = figures.accounts  # type: ignore[attr-defined]
    assert sum(a.items for a in accounts) == total, "stats and the bare count disagree"
    answered = sum(a.answered for a in accounts)
    medians = [a.median_first_response_watched_hours for a in accounts if a.answered]
    print(f"database: {path} ({args.items:,} items; {total:,} in {year[0]} – {year[1]})")
    print(f"answered questions: {answered:,}; median watched hours per account: "
          f"{statistics.mean(medians) if medians else 0:.2f} (mean of {len(medians)})")  # fmt: skip
    print(f"bare SELECT count(*) ... GROUP BY account_id: {plain_s * 1000:.0f} ms (best of {args.repeat})")
    print(f"the same with account_id IN (...):          {indexed_s * 1000:.0f} ms (the baseline: the faster)")
    print(f"granska stats (StatisticsService.figures):   {ours_s * 1000:.0f} ms (best of {args.repeat})")
    ratio = ours_s / base_s
    ok = ratio <= GOAL_RATIO and ours_s < GOAL_SECONDS
    print(f"{'OK' if ok else 'NOT MET'}: {ratio:.2f}x the faster bare count, {ours_s:.2f} s")
    print(f"ratio: {ratio:.2f} (goal: <= {GOAL_RATIO:g} and under {GOAL_SECONDS:g} s)")
    db.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
