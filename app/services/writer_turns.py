"""Whether a person's write waits for the writer: a sync gives way to it between a few items.

The window runs every transaction on one writer thread (app/ui/tasks.py). A decision pressed
while a sync writes used to wait for the sync's whole transaction (10 ms planned, 30-100 ms at
a million items on a busy machine). The window counts its own writes from the moment they are
handed to the writer until they start; the sync's import looks at the count every few items
and, when someone waits, rolls back what it has written and hands the part to its next turn
(app/services/intake/sync.py, importer.py), so the decision waits for a few rows, not a batch.

A few rows can still take long: SQLite's full-text index merges its segments now and then
inside one of those statements (5 rows that took 0.4 ms at the median took 10-230 ms then, at
a million items). So while the import's statements run they are `interruptible`: a write handed
over stops the running statement at once (SQLite rolls the part's transaction back; the sync
writes the part again in a later turn, app/services/intake/part_interrupts.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class WaitingWrites:
    """How many writes wait for the writer; true when any does. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting = 0
        self._interrupt: Callable[[], None] | None = None

    def arrived(self) -> None:
        with self._lock:
            self._waiting += 1
            if self._interrupt is not None:
                self._interrupt()

    def started(self) -> None:
        with self._lock:
            self._waiting = max(0, self._waiting - 1)

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
