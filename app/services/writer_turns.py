"""Whether a person's write waits for the writer: a sync gives way to it between a few items.

The window runs every transaction on one writer thread (app/ui/tasks.py). A decision pressed
while a sync writes used to wait for the sync's whole transaction (10 ms planned, 30-100 ms at
a million items on a busy machine). The window counts its own writes from the moment they are
handed to the writer until they start; the sync's import looks at the count every few items
and, when someone waits, commits what it has written and hands the rest to its next turn
(app/services/intake/sync.py, importer.py), so the decision waits for a few rows, not a batch.
"""

from __future__ import annotations

import threading


class WaitingWrites:
    """How many writes wait for the writer; true when any does. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting = 0

    def arrived(self) -> None:
        with self._lock:
            self._waiting += 1

    def started(self) -> None:
        with self._lock:
            self._waiting = max(0, self._waiting - 1)

    def __call__(self) -> bool:
        return self._waiting > 0
