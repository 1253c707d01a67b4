"""Whether a person's write waits for the writer: a sync gives way to it between a few items.

The window runs every transaction on one writer thread (app/ui/tasks.py). A decision pressed
while a sync writes used to wait for the sync's whole transaction (10 ms planned, 30-100 ms at
a million items on a busy machine). The window counts its own writes from the moment they are
handed to the writer until they start; the sync's import looks at the count every few items
and, when someone waits, rolls back what it has written and hands the part to its next turn
(app/services/intake/sync.py, importer.py), so the decision waits for a few rows, not a batch.

A few rows could still take long: SQLite's full-text index merged its segments now and then
inside one of those statements (5 rows that took 0.4 ms at the median took 10-230 ms then, at
a million items); those merges are now held while the sync writes and paid after it
(app/services/intake/sync_merges.py). And while the import's statements run they are
`interruptible`: a write handed over stops the running statement at once (SQLite rolls the
part's transaction back; the sync writes the part again in a later turn,
app/services/intake/part_interrupts.py).

The rest of the sync gives way too: from the moment a write is handed over until it has run
and its result is back on the thread that asked (`arrived` to `finished`), the sync's fetching
thread and its checkpoints wait at their pause points (app/core/pause_points.py) instead of
taking the interpreter and a core from the decision. (Switching threads every 0.5 ms instead
of 5 meanwhile, sys.setswitchinterval, made it worse: p90 9.0-9.8 ms against 6.2-7.0, #20.)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# A pause ends after this long even if the writes have not: a long write holds the fetching
# up once only, and a count left behind never stops a sync.
LONGEST_PAUSE_S = 0.5
_LOOK_S = 0.05  # how often a pause looks whether the sync was cancelled


class WaitingWrites:
    """How many writes wait for the writer; true when any does. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting = 0
        self._busy = 0  # handed over and not yet finished
        self._idle = threading.Event()
        self._idle.set()
        self._round = 0  # how many times the writes became busy
        self._outwaited = 0  # the round in which a pause ran out
        self._interrupt: Callable[[], None] | None = None

    def arrived(self) -> None:
        with self._lock:
            self._waiting += 1
            self._busy += 1
            if self._busy == 1:
                self._round += 1
                self._idle.clear()
            if self._interrupt is not None:
                self._interrupt()

    def started(self) -> None:
        with self._lock:
            self._waiting = max(0, self._waiting - 1)

    def finished(self) -> None:
        """The write's result (or error) is back where it was asked for."""
        with self._lock:
            self._busy = max(0, self._busy - 1)
            if self._busy == 0:
                self._idle.set()

    def pause(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Wait while writes are handed over and not finished, at most LONGEST_PAUSE_S in one
        round of them, or until `cancelled` (the sync's pause points' hook, on its threads:
        app/core/pause_points.py)."""
        if not self._busy:
            return
        round_ = self._round
        if round_ == self._outwaited:
            return
        end = time.monotonic() + LONGEST_PAUSE_S
        while not self._idle.wait(_LOOK_S):
            if cancelled is not None and cancelled():
                return
            if time.monotonic() >= end:
                self._outwaited = round_
                return

    def __call__(self) -> bool:
        return self._waiting > 0

    @contextmanager
    def interruptible(self, interrupt: Callable[[], None]) -> Iterator[None]:
        """While inside, a write handed over calls `interrupt` (on the thread that hands it
        over). Never called after this is left: the lock keeps the two apart."""
        with self._lock:
            self._interrupt = interrupt
        try:
            yield
        finally:
            with self._lock:
                self._interrupt = None
