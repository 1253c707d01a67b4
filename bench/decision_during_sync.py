"""A decision on the 1M demo while a sync of many comments writes to the same SQLite file, vs the
same decision with no sync, in one run.

A fake Facebook Graph API (the tests' one) runs in a child process with `--comments` comments.
The rest is arranged as the window arranges it (app/ui/tasks.py, app/ui/sync_action.py: its
batch and write budget, and its count of the writes waiting, to which the sync's import gives
way every few items, and whose running SQLite statement a hand-over stops:
app/services/writer_turns.py, app/services/intake/part_interrupts.py; until a write's result is
back, the sync's fetching and checkpoints wait: app/core/pause_points.py): one writer thread runs every
database transaction in turn; the real `SyncService.sync` runs on a thread of its own and hands
each of its transactions to the writer (`write=`), into a writable copy of the shared 1M demo
database (half decided). Godkänn (`ModerationService.keep`: lock, decision, status, audit) is
pressed on open items one after another, a short pause between presses as a person makes them,
first with no sync, then while the sync writes; each press is timed from its hand-over to the
writer to its commit. The ratio is the slow end of the presses during the sync (90th
percentile) over the median press alone.

    python bench/decision_during_sync.py [--comments 50000] [--presses 40] [--database PATH] [--phases]
        [--child [--child-nice 10]] [--server-nice 0]

`--child` runs the sync in a process of its own at a lower OS priority (bench/sync_child.py: the
file's turns handed over on a pipe); `--server-nice` lowers the fake platform's priority (it
stands for another machine, whose CPU the window's would not share).

`--phases` adds where each press's time went (queue, work, commit, wake-up, CPU), how many
connections the presses opened (each reads the schema and prepares its statements again), and
which of the sync's turns it waited for, and how much of that was the turn's commit.

The copy (2.8 GB) is made once, in /var/tmp/granska-bench-decision/, and migrated there; the
shared file is only read.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic.operations import Operations  # noqa: E402
from alembic.runtime.migration import MigrationContext  # noqa: E402
from sqlalchemy import create_engine, func, inspect, select  # noqa: E402

from app.connectors.common import ConnectorOptions  # noqa: E402
from app.models import Item, ItemStatus  # noqa: E402
from app.models.db import open_database  # noqa: E402
from app.services.accounts.accounts import AccountService  # noqa: E402
from app.services.accounts.platforms import ConnectorRegistry  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.intake.sync import WINDOW_WRITE_BUDGET_S, SyncService  # noqa: E402
from app.services.moderation.facade import ModerationService  # noqa: E402
from app.services.writer_turns import WaitingWrites  # noqa: E402
from app.ui.sync_action import WINDOW_BATCH  # noqa: E402
from bench.data import SHARED  # noqa: E402
from bench.sync import PAGE, TOKEN, serve  # noqa: E402
from bench.sync_child import lower_priority, sync_in_child  # noqa: E402
from tests.helpers.platforms.graph import FakeFacebook  # noqa: E402

COPY = Path("/var/tmp/granska-bench-decision/demo-1000000-0.5.db")
PAUSE_S = 0.05
GOAL = 2.0


def writable_copy(path: Path) -> Path:
    if not path.exists():
        source = SHARED / "demo-1000000-0.5.db"
        if not source.exists():
            raise SystemExit(f"{source} saknas: kör bench/archive.py eller granska demo först")
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"copying {source} to {path} (once) …", flush=True)
        shutil.copyfile(source, path.with_suffix(".part"))
        path.with_suffix(".part").rename(path)
    return path


# What the shared 1M file lacks although it says it is at 0009 (it was built from a branch
# before the 0008 migrations were chained): (migration module, a table or accounts column it adds).
MISSING = (
    ("0008_oauth_sign_in", "oauth_client_id"),
    ("0008_stats_response_promise", "response_target_hours"),
    ("0008_offline_decisions", "offline_decisions"),
)


def complete_schema(path: Path) -> None:
    """Run, on the copy, the upgrades of those migrations whose work is not there."""
    engine = create_engine(f"sqlite:///{path}")
    versions = Path(__file__).resolve().parent.parent / "app/models/migrations/versions"
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        columns = {c["name"] for c in inspect(conn).get_columns("accounts")}
        context = MigrationContext.configure(conn, opts={"render_as_batch": True})
        with Operations.context(context):
            for name, marker in MISSING:
                if marker in tables or marker in columns:
                    continue
                spec = importlib.util.spec_from_file_location(name, versions / f"{name}.py")
                assert spec is not None and spec.loader is not None
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                print(f"  the copy lacks {name}: running its upgrade", flush=True)
                module.upgrade()
    engine.dispose()


class Phases:
    """Where each press's time goes: waiting for the writer (the sync's part before it), the
    decision's own work before its commit, the commit, and the caller's wake-up after it; with
    the writer thread's CPU time for the decision (immune to the machine's scheduling)."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, float, float, float, float]] = []
        self.commit_at = 0.0
        self.deciding = False
        self.sync_commit_at = 0.0
        # The sync's turns on the writer: (start, commit start, end).
        self.turns: list[tuple[float, float, float]] = []
        self.labels: list[str] = []
        self.submitted: list[float] = []
        self.opened = 0  # connections the decisions opened (each reads the schema again)

    def committing(self, *_args: object) -> None:
        if self.deciding:  # not the sync's commits
            self.commit_at = time.perf_counter()
        else:
            self.sync_commit_at = time.perf_counter()

    def connected(self, *_args: object) -> None:
        if self.deciding:
            self.opened += 1

    def sync_turn(self, fn: Callable[[], object]) -> object:
        start = time.perf_counter()
        self.sync_commit_at = 0.0
        try:
            return fn()
        finally:
            end = time.perf_counter()
            self.turns.append((start, self.sync_commit_at or end, end))
            args = getattr(fn, "args", ())
            name = getattr(getattr(fn, "func", fn), "__name__", "?")
            self.labels.append(f"{name}({len(args[0]) if args else ''})")

    def blame(self) -> None:
        """For each press, the sync's turn it waited for: its work and commit after the press."""
        work, commit = [], []
        for at in self.submitted:
            turn = next((t for t in self.turns if t[0] <= at < t[2]), None)
            if turn is None:
                work.append(0.0)
                commit.append(0.0)
                continue
            start, commit_at, end = turn
            work.append(max(0.0, commit_at - max(at, start)))
            commit.append(end - max(at, commit_at))
        worst = sorted(((w + c, i) for i, (w, c) in enumerate(zip(work, commit, strict=True))), reverse=True)[
            :4
        ]
        for _, i in worst:
            at = self.submitted[i]
            k = next((k for k, t in enumerate(self.turns) if t[0] <= at < t[2]), None)
            if k is not None:
                t = self.turns[k]
                print(
                    f"    press {i}: {self.labels[k]} ran {(t[2] - t[0]) * 1000:.1f} ms, commit"
                    f" {(t[2] - t[1]) * 1000:.1f}; waited {(t[2] - at) * 1000:.1f}"
                )
        long = sorted((t[2] - t[0]) * 1000 for t in self.turns)
        print(
            f"  waited for the sync's work {statistics.median(work) * 1000:5.1f}/{p90(work) * 1000:5.1f}"
            f"  its commit {statistics.median(commit) * 1000:5.1f}/{p90(commit) * 1000:5.1f} ms;"
            f" the sync's {len(long)} turns: median {statistics.median(long):.1f} p90 {p90(long):.1f}"
            f" max {long[-1]:.1f} ms"
        )


def press(
    writer: ThreadPoolExecutor,
    waiting: WaitingWrites,
    moderation: ModerationService,
    item_id: int,
    phases: Phases | None = None,
) -> float:
    """As the window's TaskManager hands a write to its writer: counted as waiting until it
    starts, so that a sync's import gives way to it, and until its result is back, so that
    the sync's fetching waits for it (app/services/writer_turns.py)."""
    marks = [0.0, 0.0, 0.0]

    def decide() -> None:
        waiting.started()
        marks[0] = time.perf_counter()
        cpu = time.thread_time()
        if phases is not None:
            phases.deciding = True
        try:
            moderation.keep(item_id)
        finally:
            if phases is not None:
                phases.deciding = False
        marks[1] = time.perf_counter()
        marks[2] = time.thread_time() - cpu

    start = time.perf_counter()
    waiting.arrived()
    if phases is not None:
        phases.commit_at = 0.0
        phases.submitted.append(start)
    writer.submit(decide).result()
    end = time.perf_counter()
    waiting.finished()
    if phases is not None:
        commit_at = phases.commit_at or marks[1]
        phases.rows.append(
            (marks[0] - start, commit_at - marks[0], marks[1] - commit_at, end - marks[1], marks[2])
        )
    return end - start


def show_phases(name: str, phases: Phases) -> None:
    labels = ("queue", "work", "commit", "wake", "cpu")
    columns = list(zip(*phases.rows, strict=True))
    parts = [
        f"{label} {statistics.median(col) * 1000:5.1f}/{p90(list(col)) * 1000:5.1f}"
        for label, col in zip(labels, columns, strict=True)
    ]
    print(f"  {name} (median/p90 ms): " + "  ".join(parts) + f"  opened {phases.opened}")


def serve_nice(nice: int, *args: object) -> None:
    lower_priority(nice)
    serve(*args)


def p90(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.9 + 0.5) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--presses", type=int, default=40, help="presses alone, and at most during")
    parser.add_argument("--database", type=Path, default=COPY)
    parser.add_argument("--phases", action="store_true", help="where each press's time goes")
    parser.add_argument("--child", action="store_true", help="the sync in a child process")
    parser.add_argument("--child-nice", type=int, default=10, help="the child's niceness (POSIX)")
    parser.add_argument("--server-nice", type=int, default=0, help="the fake platform's niceness")
    args = parser.parse_args()
    path = writable_copy(args.database)
    complete_schema(path)
    start = time.perf_counter()
    db = open_database(f"sqlite:///{path}")  # migrates the copy to this build's head
    print(f"opened {path} in {time.perf_counter() - start:.1f} s", flush=True)

    ctx = multiprocessing.get_context("spawn")
    ready, ready_child = ctx.Pipe()
    stop = ctx.Event()
    server = ctx.Process(
        target=serve_nice, args=(args.server_nice, args.comments, 1000, ready_child, stop), daemon=True
    )
    server.start()
    try:
        base = f"{ready.recv()}/v21.0"
        key = f"bench-fb-{int(time.time())}"
        AccountService(db.sessions).add_account(
            key, "facebook", "Vadstena kommun", external_id=FakeFacebook().owner_id, api_base_url=base
        )
        with db.sessions() as s:
            # Each run adds its sync's comments to the copy (a new account each time): say how big
            # it has grown (the commits' checkpoints cost more in a bigger file).
            items = s.scalar(select(func.count()).select_from(Item)) or 0
            open_ids = list(
                s.scalars(
                    select(Item.id)
                    .where(Item.status == ItemStatus.NEW)
                    .limit(args.presses * 3)
                    .order_by(Item.id)
                )
            )
        moderation = ModerationService(db.sessions, actor=Actor("bench"))
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        waiting = WaitingWrites()
        todo = iter(open_ids)
        alone_phases, during_phases = (Phases(), Phases()) if args.phases else (None, None)
        if args.phases:
            from sqlalchemy import Engine, event

            for phases in (alone_phases, during_phases):
                assert phases is not None
                # Every engine's: the sync's parts commit on an engine of their own.
                event.listen(Engine, "commit", phases.committing)
                event.listen(db.engine, "connect", phases.connected)
        for _ in range(3):  # warm-up
            press(writer, waiting, moderation, next(todo))
        alone = []
        for _ in range(args.presses):
            alone.append(press(writer, waiting, moderation, next(todo), alone_phases))
            time.sleep(PAUSE_S)
        if args.child:
            during, sync_s, (waits, works), said = sync_in_child(
                args, f"sqlite:///{path}", key, writer, lambda i: moderation.keep(i), todo, db.sessions
            )
            writer.shutdown()
            print(
                f"  {said}; the turn came after median {statistics.median(waits) * 1000:.1f}"
                f" p90 {p90(waits) * 1000:.1f} ms, the decision then {statistics.median(works) * 1000:.1f}"
                f" p90 {p90(works) * 1000:.1f} ms"
            )
            during_phases = None
        else:
            during, sync_s = sync_in_thread(args, db, key, writer, waiting, moderation, todo, during_phases)
    finally:
        stop.set()
        server.join(timeout=10)
        db.dispose()
    report(args, items, sync_s, alone, during, alone_phases, during_phases)


def sync_in_thread(
    args: argparse.Namespace,
    db: Any,
    key: str,
    writer: ThreadPoolExecutor,
    waiting: WaitingWrites,
    moderation: ModerationService,
    todo: Iterator[int],
    during_phases: Phases | None,
) -> tuple[list[float], float]:
    """The presses while the sync runs on a thread of this process, as the window runs it."""
    registry = ConnectorRegistry(lambda _a: TOKEN, ConnectorOptions(page_size=PAGE))
    sync = SyncService(
        db.sessions,
        registry,
        batch_size=WINDOW_BATCH,
        write=lambda fn: writer.submit(
            during_phases.sync_turn if during_phases else fn, *([fn] if during_phases else [])
        ).result(),
        write_budget=WINDOW_WRITE_BUDGET_S,
        give_way=waiting,
    )
    results: list[object] = []
    syncing = threading.Thread(target=lambda: results.extend(sync.sync(key)), name="sync")
    sync_start = time.perf_counter()
    syncing.start()
    time.sleep(1.0)  # the first pages are in, the first batches on their way to the file
    during = []
    while syncing.is_alive() and len(during) < args.presses:
        during.append(press(writer, waiting, moderation, next(todo), during_phases))
        time.sleep(PAUSE_S)
    syncing.join()
    sync_s = time.perf_counter() - sync_start
    writer.shutdown()
    if not results or not results[0].ok:  # type: ignore[attr-defined]
        raise SystemExit(f"the sync failed: {results}")
    return during, sync_s


def report(
    args: argparse.Namespace,
    items: int,
    sync_s: float,
    alone: list[float],
    during: list[float],
    alone_phases: Phases | None,
    during_phases: Phases | None,
) -> None:
    if not during:
        raise SystemExit("the sync ended before any press: raise --comments")
    rate = args.comments / sync_s
    print(
        f"sync of {args.comments} comments into the demo copy of {items:,} items: {sync_s:.1f} s"
        f" ({rate:,.0f}/s; delete {args.database} for a fresh 1M copy)"
    )
    for name, times in (("alone:      ", alone), ("during sync:", during)):
        median, slow, worst = statistics.median(times) * 1000, p90(times) * 1000, max(times) * 1000
        print(
            f"decision {name} median {median:7.1f} ms  p90 {slow:7.1f} ms  worst {worst:7.1f} ms  "
            f"({len(times)} presses)"
        )
    for name, phases in (("alone ", alone_phases), ("during", during_phases)):
        if phases is not None:
            show_phases(name, phases)
    if during_phases is not None:
        during_phases.blame()
    ratio = p90(during) / statistics.median(alone)
    print(f"ratio: {ratio:.2f} (goal: <= {GOAL:g}, p90 of a decision during a sync / median alone)")


if __name__ == "__main__":
    main()
