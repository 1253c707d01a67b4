"""A prototype for bench/decision_during_sync.py (`--child`): the window's sync in a process of
its own at a lower OS priority, so that the window's process keeps its GIL and the OS gives its
CPU first (#20).

The child runs the same `SyncService` as the window (its batch, write budget, count of the
writes waiting, interrupts of its running part), on an engine of its own on the same file. The
file's turns are handed over on a pipe: the window sends `w` when a person's write reaches its
writer; the child counts it as waiting (its running part's statement is interrupted, or its
next part gives way), answers `y` once no part of its own runs, and starts none until the
window sends `d` after its commit.

Measured on the 1M copy, runs of the two interleaved, 2 cores shared (load 4-7), ratio median
(best) of 4-5 runs: 4.0 (3.8) against the thread's 7.1 (4.5) on a copy grown to 2M; with the
fake platform at nice 10, 5.2 (4.8) against 4.9 (4.0); on a fresh copy 7.3 (6.4) against 6.1
(5.4). Never <= 2. The decision's own time once it holds the file fell (p90 2-5 ms on the fresh
copy), but the hand-over costs the child's wake-ups (median 1-3 ms, p90 8-15 ms): the child must
run to let go of the file, and a busy machine makes the press wait for its wake-ups (at nice 0
no better: 6.5 (3.8) against nice 10's 5.2 (4.8) in the same runs). Taken out
after measuring: the turn as a lock both processes share, the child woken only when a part of
its runs (the same wait, worse: one run's hand-over p90 44 ms); only the fetching in a child
(the writes stay in the window's process: 7.5 (3.6)); in the child, its fetching thread alone
niced, or a GIL switch interval of 0.2 ms (no gain).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from argparse import Namespace
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

WANT, YOURS, DONE, QUIT = b"w", b"y", b"d", b"q"
PAUSE_S = 0.05  # between two presses, as bench/decision_during_sync.py


def lower_priority(nice: int) -> None:
    """This process below the window's: POSIX niceness, Windows' below-normal class."""
    if nice <= 0:
        return
    if sys.platform == "win32":
        import ctypes

        below_normal = 0x4000  # BELOW_NORMAL_PRIORITY_CLASS
        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel.SetPriorityClass(kernel.GetCurrentProcess(), below_normal)
    else:
        os.nice(nice)


class ChildTurns:
    """The child's side of the hand-over: `write` runs one of the sync's transactions when the
    window does not hold the file; `serve` answers the window's turns (a thread of its own)."""

    def __init__(self, waiting: Any, pipe: Connection) -> None:
        self._waiting = waiting
        self._pipe = pipe
        self._cond = threading.Condition()
        self._window_wants = False
        self._in_part = False
        self.handed = 0

    def write(self, fn: Callable[[], T]) -> T:
        with self._cond:
            while self._window_wants:
                self._cond.wait()
            self._in_part = True
        try:
            return fn()
        finally:
            with self._cond:
                self._in_part = False
                self._cond.notify_all()

    def serve(self) -> None:
        while True:
            message = self._pipe.recv_bytes()
            if message == QUIT:
                return
            with self._cond:
                self._window_wants = True
            self._waiting.arrived()  # interrupts the running part's statement
            with self._cond:
                while self._in_part:
                    self._cond.wait()
            self._waiting.started()
            self._pipe.send_bytes(YOURS)
            self._pipe.recv_bytes()  # DONE: the window's write committed
            self._waiting.finished()
            self.handed += 1
            with self._cond:
                self._window_wants = False
                self._cond.notify_all()


def run_sync(
    url: str,
    key: str,
    turns: Connection,
    report: Connection,
    nice: int,
    token: str,
    page: int,
) -> None:
    """The child: the window's sync of account `key`, its outcome sent on `report`."""
    lower_priority(nice)
    from sqlalchemy.engine import make_url
    from sqlalchemy.orm import sessionmaker

    from app.connectors.common import ConnectorOptions
    from app.models.db import create_db_engine
    from app.services.accounts.platforms import ConnectorRegistry
    from app.services.intake.sync import WINDOW_WRITE_BUDGET_S, SyncService
    from app.services.writer_turns import WaitingWrites
    from app.ui.sync_action import WINDOW_BATCH

    engine = create_db_engine(make_url(url))
    sessions = sessionmaker(engine, expire_on_commit=False)
    waiting = WaitingWrites()
    hand = ChildTurns(waiting, turns)
    server = threading.Thread(target=hand.serve, name="turns", daemon=True)
    server.start()
    registry = ConnectorRegistry(lambda _a: token, ConnectorOptions(page_size=page))
    sync = SyncService(
        sessions,
        registry,
        batch_size=WINDOW_BATCH,
        write=hand.write,
        write_budget=WINDOW_WRITE_BUDGET_S,
        give_way=waiting,
    )
    report.send(("ready", time.perf_counter()))
    cpu = time.process_time()
    try:
        results = sync.sync(key)
        report.send(("done", [(r.ok, r.message) for r in results], time.process_time() - cpu, hand.handed))
    except BaseException as exc:  # noqa: BLE001 - said to the window
        report.send(("error", repr(exc)))
    server.join()
    engine.dispose()


def window_press(turns: Connection, decide: Callable[[], None]) -> tuple[float, float]:
    """The window's write while the child syncs: the file's turn asked for, the write, handed
    back. Returns how long the turn took to come and the write itself."""
    start = time.perf_counter()
    turns.send_bytes(WANT)
    if not turns.poll(30):
        raise SystemExit("the sync's child did not hand the file over")
    turns.recv_bytes()
    handed = time.perf_counter()
    try:
        decide()
    finally:
        turns.send_bytes(DONE)
    return handed - start, time.perf_counter() - handed


def press_in_child_mode(
    writer: ThreadPoolExecutor,
    turns: Connection,
    decide: Callable[[], None],
    waits: list[float],
    works: list[float],
) -> float:
    """A press while the sync runs in the child: the file's turn asked for on the writer."""
    start = time.perf_counter()
    waited, took = writer.submit(window_press, turns, decide).result()
    waits.append(waited)
    works.append(took)
    return time.perf_counter() - start


def sync_in_child(
    args: Namespace,
    url: str,
    key: str,
    writer: ThreadPoolExecutor,
    keep: Callable[[int], None],
    todo: Iterator[int],
    sessions: Any,
) -> tuple[list[float], float, tuple[list[float], list[float]], str]:
    """The presses (`keep` on the writer) while the sync runs in a child process at a lower
    priority: their times, the sync's, the waits for the file's turn, and what the child said."""
    from app.models.wal_checkpoint import Checkpoints
    from bench.sync import PAGE, TOKEN

    ctx = multiprocessing.get_context("spawn")
    turns, turns_child = ctx.Pipe()
    report, report_child = ctx.Pipe()
    child = ctx.Process(
        target=run_sync,
        args=(
            url,
            key,
            turns_child,
            report_child,
            args.child_nice,
            TOKEN,
            PAGE,
        ),
        daemon=True,
    )
    waits: list[float] = []
    works: list[float] = []  # the decisions' own time, once the turn came
    during: list[float] = []
    # The decisions' commits leave the log to the child's checkpoints, as in the window.
    with Checkpoints(sessions).in_charge():
        sync_start = time.perf_counter()
        child.start()
        if report.recv()[0] != "ready":
            raise SystemExit("the sync's child did not start")
        time.sleep(1.0)
        while not report.poll() and len(during) < args.presses:
            during.append(press_in_child_mode(writer, turns, partial(keep, next(todo)), waits, works))
            time.sleep(PAUSE_S)
        outcome = report.recv()
        sync_s = time.perf_counter() - sync_start
        turns.send_bytes(QUIT)
        child.join(timeout=30)
    if outcome[0] != "done" or not all(ok for ok, _ in outcome[1]):
        raise SystemExit(f"the sync failed: {outcome}")
    said = f"child (nice {args.child_nice}): CPU {outcome[2]:.1f} s"
    said += f", {outcome[3]} turns handed over"
    return during, sync_s, (waits, works), said
