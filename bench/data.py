"""Large demo databases for the queue benchmarks and the lazy-loading test.

The same rows `granska demo` writes (same generator, same flagging, same import writer), only
faster: the few hundred distinct demo texts are flagged once each instead of once per item.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from app.models import Account
from app.models.db import Database, open_database
from app.services.intake.demo import _ensure_accounts, demo_items
from app.services.intake.importer import ItemWriter
from app.services.intake.rules import RuleSet, Verdict
from app.services.moderation.demo_decisions import decide_demo_share

BATCH = 20_000


class _MemoRules(RuleSet):
    """Flags each distinct text once; the demo repeats a few hundred texts a million times."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._seen: dict[str, Verdict] = {}

    def evaluate(self, text: str) -> Verdict:
        verdict = self._seen.get(text)
        if verdict is None:
            verdict = self._seen[text] = super().evaluate(text)
        return verdict


def fill_demo(db: Database, items: int) -> None:
    _ensure_accounts(db.sessions)
    rules = _MemoRules(RuleSet.from_directory().lists)
    with db.sessions() as session:
        accounts = {a.key: a for a in session.scalars(select(Account))}
        session.expunge_all()
    with db.engine.begin() as connection:
        writer = ItemWriter(connection, rules, accounts)
        batch = []
        for item in demo_items(items):
            batch.append(item)
            if len(batch) >= BATCH:
                writer.write(batch, items)
                batch = []
        if batch:
            writer.write(batch, items)
        writer.finish()


def demo_database(path: Path, items: int) -> Database:
    """An SQLite database at `path` holding `items` demo items (built once, then reused)."""
    marker = path.with_name(path.name + f".{items}.ok")
    if not marker.exists():
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        db = open_database(f"sqlite:///{path}")
        fill_demo(db, items)
        db.dispose()
        marker.touch()
    return open_database(f"sqlite:///{path}")


SHARED = Path("/var/tmp/granska-bench")


def decided_demo_database(items: int, decided: float, folder: Path = SHARED) -> Database:
    """The demo with a share `decided` of its items decided through the real decision path
    (`granska demo --items N --decided F`), built once in a folder every benchmark run shares
    (a million items with half decided takes minutes), then reused."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo-{items}-{decided:g}.db"
    marker = path.with_name(path.name + ".ok")
    if not marker.exists():
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        db = open_database(f"sqlite:///{path}")
        fill_demo(db, items)
        decide_demo_share(db.sessions, decided)
        db.dispose()
        marker.touch()
    return open_database(f"sqlite:///{path}")


def best_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The fastest and the median of `repeat` runs of `fn`, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, statistics.median(times) * 1000
