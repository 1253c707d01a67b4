"""Prototypes for bench/decision_during_sync.py: the sync's work in another process, at a lower
OS priority, so that the window's process keeps its GIL and the OS gives its CPU first (#20).

`--child`: the same `SyncService` as the window (its batch, write budget, count of the writes
waiting, interrupts of its running part) in a child, on an engine of its own on the same file.
The file's turns are handed over across the two processes, two ways (`--handover`):
- pipe: the window sends `w` when a person's write reaches its writer; the child counts it as
  waiting (its running part's statement is interrupted, or its next part gives way), answers
  `y` once no part of its own runs, and starts none until the window sends `d` after its commit;
- lock: a lock both processes hold around their writes; the window sets a shared flag (the
  child's count of writes waiting) and, only if a part of the child's runs, asks on the pipe
  for its statement to be interrupted; the child wakes only when it holds the file.
`--fetch-child`: only the fetching (HTTP, JSON, the items) in a child; the window's process
writes as it does now, with its in-process hand-over.
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


def nice_fetching(nice: int) -> None:
    """Linux: the sync's fetching thread (prefetch.py's "sync-fetch") alone at `nice`, the
    child's writing and hand-over threads at the window's priority (a thread of its own looks
    for new fetching threads every 20 ms)."""
    done: set[int] = set()

    def look() -> None:
        while True:
            for thread in threading.enumerate():
                tid = thread.native_id
                if thread.name == "sync-fetch" and tid is not None and tid not in done:
                    os.setpriority(os.PRIO_PROCESS, tid, nice)
                    done.add(tid)
            time.sleep(0.02)

    threading.Thread(target=look, name="nice-fetch", daemon=True).start()


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
            self.handed += 1
            with self._cond:
                self._window_wants = False
                self._cond.notify_all()


class SharedTurn:
    """The other hand-over (`--handover lock`): the file's turn is a lock both processes share.
    The window sets `want` and takes the lock; a part of the child's running then (`in_part`)
    is asked on the pipe to stop its statement, and one about to start gives way on `want` (it
    is the child's count of writes waiting), so the child wakes only when it holds the file."""

    def __init__(self, ctx: Any) -> None:
        self.lock = ctx.Lock()
        self.want = ctx.Value("i", 0, lock=False)
        self.in_part = ctx.Value("i", 0, lock=False)
        self.handed = 0

    def write(self, fn: Callable[[], T]) -> T:  # the child's
        while self.want.value:
            time.sleep(0.0002)
        with self.lock:
            self.in_part.value = 1
            try:
                return fn()
            finally:
                self.in_part.value = 0

    def serve(self, waiting: Any, pipe: Connection) -> None:  # the child's
        while pipe.recv_bytes() != QUIT:
            waiting.arrived()  # interrupts the running part's statement
            waiting.started()
            self.handed += 1

    def press(self, pipe: Connection, decide: Callable[[], None]) -> tuple[float, float]:  # the window's
        start = time.perf_counter()
        self.want.value = 1
        if self.in_part.value:
            pipe.send_bytes(WANT)
        self.lock.acquire()
        handed = time.perf_counter()
        try:
            decide()
        finally:
            self.want.value = 0
            self.lock.release()
        return handed - start, time.perf_counter() - handed


def shared_waiting(turn: SharedTurn) -> Any:
    from app.services.writer_turns import WaitingWrites

    class SharedWaiting(WaitingWrites):
        def __call__(self) -> bool:
            return bool(turn.want.value)

    return SharedWaiting()


def run_sync(
    url: str,
    key: str,
    turns: Connection,
    report: Connection,
    nice: int,
    fetch_nice: int,
    switch: float,
    token: str,
    page: int,
    shared: SharedTurn | None = None,
) -> None:
    """The child: the window's sync of account `key`, its outcome sent on `report`."""
    lower_priority(nice)
    if switch > 0:
        sys.setswitchinterval(switch)
    if fetch_nice > 0:
        nice_fetching(fetch_nice)
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
    waiting = WaitingWrites() if shared is None else shared_waiting(shared)
    hand: Any = ChildTurns(waiting, turns) if shared is None else shared
    serve = hand.serve if shared is None else partial(shared.serve, waiting, turns)
    server = threading.Thread(target=serve, name="turns", daemon=True)
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
    shared: SharedTurn | None,
    works: list[float],
) -> float:
    """A press while the sync runs in the child: the file's turn asked for on the writer."""
    start = time.perf_counter()
    how = window_press if shared is None else shared.press
    waited, took = writer.submit(how, turns, decide).result()
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
    shared = SharedTurn(ctx) if args.handover == "lock" else None
    child = ctx.Process(
        target=run_sync,
        args=(
            url,
            key,
            turns_child,
            report_child,
            args.child_nice,
            args.fetch_nice,
            args.child_switch,
            TOKEN,
            PAGE,
            shared,
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
            during.append(press_in_child_mode(writer, turns, partial(keep, next(todo)), waits, shared, works))
            time.sleep(PAUSE_S)
        outcome = report.recv()
        sync_s = time.perf_counter() - sync_start
        turns.send_bytes(QUIT)
        child.join(timeout=30)
    if outcome[0] != "done" or not all(ok for ok, _ in outcome[1]):
        raise SystemExit(f"the sync failed: {outcome}")
    said = f"{args.handover}: child (nice {args.child_nice}, fetching {args.fetch_nice}"
    said += f", switch {args.child_switch})"
    said += f": CPU {outcome[2]:.1f} s"
    said += f", {outcome[3]} turns handed over"
    return during, sync_s, (waits, works), said


def fetch_pages(ref: Any, token: str, page: int, out: Connection, nice: int) -> None:
    """The other split (`--fetch-child`): a child at a lower priority fetches and decodes the
    pages and sends each chunk, pickled; the window writes them as it does now."""
    lower_priority(nice)
    from app.connectors.common import ConnectorOptions
    from app.services.accounts.platforms import ConnectorRegistry

    connector = ConnectorRegistry(lambda _a: token, ConnectorOptions(page_size=page)).for_account(ref)
    assert connector is not None
    try:
        for chunk in connector.chunks(ref.sync_state):
            out.send(chunk)
        out.send(None)
    except Exception as exc:  # noqa: BLE001 - raised again in the window
        out.send(exc)


class FetchedInChild:
    """A connector whose `chunks` come from a child process (fetch_pages)."""

    def __init__(self, real: Any, ref: Any, token: str, page: int, nice: int) -> None:
        self._real, self._ref, self._token, self._page, self._nice = real, ref, token, page, nice

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def chunks(self, state: Any) -> Iterator[Any]:
        ctx = multiprocessing.get_context("spawn")
        pages, pages_child = ctx.Pipe(duplex=False)
        args = (self._ref, self._token, self._page, pages_child, self._nice)
        child = ctx.Process(target=fetch_pages, args=args, daemon=True)
        child.start()
        pages_child.close()
        try:
            while True:
                chunk = pages.recv()
                if chunk is None:
                    return
                if isinstance(chunk, BaseException):
                    raise chunk
                yield chunk
        finally:
            pages.close()
            child.join(timeout=10)


class FetchingRegistry:
    """A ConnectorRegistry whose connectors fetch in a child process."""

    def __init__(self, registry: Any, token: str, page: int, nice: int) -> None:
        self._registry, self._token, self._page, self._nice = registry, token, page, nice

    def __getattr__(self, name: str) -> Any:
        return getattr(self._registry, name)

    def for_account(self, ref: Any) -> Any:
        real = self._registry.for_account(ref)
        return real and FetchedInChild(real, ref, self._token, self._page, self._nice)
