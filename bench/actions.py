"""P5: one removal with all its local steps committed, vs a bare one-row commit, on the same
database in the same run.

Granska's side is `ModerationService.remove` as the window calls it: lock the audit chain, read
the item, save the evidence copy (canonical JSON + SHA-256, thread context, versions), record
the decision, register the removal, queue the notice and the outbox steps, append the audit
event, commit; then the outbox pass for that decision. No connector is configured, so nothing
leaves the machine (the platform step waits for a person) and only local work is measured. The
baseline is one INSERT of one row and a COMMIT through the same session factory. The two are
interleaved so both see the same machine load.

    python bench/actions.py [--removals N] [--db URL]     (goal on SQLite: ratio <= 4, p50 < 15 ms)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Column, Integer, MetaData, Table, Text, select, text  # noqa: E402

from app.models import Item, ItemStatus  # noqa: E402
from app.models.db import open_database  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.intake.demo import load_demo  # noqa: E402
from app.services.moderation.facade import ModerationService  # noqa: E402

WARMUP = 20


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def run(url: str, removals: int) -> tuple[list[float], list[float]]:
    db = open_database(url)
    load_demo(db.sessions, max(2000, removals * 3))
    with db.sessions() as session:
        ids = list(session.scalars(
            select(Item.id).where(Item.status.in_((ItemStatus.NEW, ItemStatus.FLAGGED)))
            .order_by(Item.id).limit(removals + WARMUP)
        ))  # fmt: skip
    if len(ids) < removals + WARMUP:
        raise SystemExit(f"only {len(ids)} undecided demo items; ask for fewer removals")
    bench_rows = Table(
        "bench_rows", MetaData(), Column("id", Integer, primary_key=True), Column("payload", Text)
    )
    bench_rows.create(db.engine, checkfirst=True)
    service = ModerationService(db.sessions, actor=Actor("bench"))
    granska: list[float] = []
    bare: list[float] = []
    insert = text("INSERT INTO bench_rows (payload) VALUES (:payload)")
    for n, item_id in enumerate(ids):
        start = time.perf_counter()
        service.remove(item_id, "personangrepp")
        middle = time.perf_counter()
        with db.sessions.begin() as session:
            session.execute(insert, {"payload": f"rad {n}"})
        end = time.perf_counter()
        if n >= WARMUP:
            granska.append(middle - start)
            bare.append(end - middle)
    db.dispose()
    return granska, bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--removals", type=int, default=300)
    parser.add_argument("--db", help="a database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        granska, bare = run(url, args.removals)
    g50, b50 = statistics.median(granska), statistics.median(bare)
    print(f"P5 actions on {url.split(':', 1)[0]}, {len(granska)} removals")
    print(
        f"  granska remove (all local steps committed): p50 {g50 * 1000:.2f} ms, "
        f"p90 {percentile(granska, 0.9) * 1000:.2f} ms"
    )
    print(
        f"  bare one-row commit:                        p50 {b50 * 1000:.2f} ms, "
        f"p90 {percentile(bare, 0.9) * 1000:.2f} ms"
    )
    print(f"ratio: {g50 / b50:.2f} (goal: <= 4, and p50 < 15 ms)")


if __name__ == "__main__":
    main()
