"""A large sync on two cores, on the command line or in the window: a child process (sync_child)
runs the account's connector, flags the items and builds their rows; this process writes them
in the sync's parts (ItemWriter.write_built) and keeps the listings for the author-deletion
check.

The child is this interpreter again, `sys.executable -I -S -c BOOT` (the frozen bundle starts
itself with sync_child.FLAG, packaging/launch.py), as the import's (import_process.py). The
token goes to it on its stdin with the job; a token the platform calls expired is renewed
here, where the keyring is, and handed over the same way. A platform's failure inside the
child comes back as the same PlatformError (words, kind, wait); a child that ends without its
last frame fails the sync as a platform that stopped answering would: what was written stays,
the account's position does not move, and the next sync fetches the same window again.

Measured with bench/sync.py (100k comments; 2 cores shared with other jobs, load 2-3, the
fake platform on the same cores), runs of the two ways interleaved in one process: best 5.52 s,
median 7.67 s against 7.13 s and 8.22 s in one process (bare loop: 2.32, 2.88 s); CPU 3.1-4.3 s
here + 2.7-4.3 s in the child against 4.2-8.5 s in one process. Its gain needs a core free,
as the import's. The child's pages download on a thread of its own (the platform's answer
overlaps its work). Measured and left out: the child without its garbage collector (less CPU,
but the HTTP client's cycles kept 300-560 MB at 100k), a collection of the young generations
a batch (no less CPU), the items' indexes kept in place rather than set aside (no gain), a
part budget in CPU time (4.84 against 5.00 s, within the noise), a 0.5 ms switch interval in
the child, mmap or `PRAGMA threads` for the index builds at the end (no less CPU); in the window,
the child at a lower priority (niceness +10: a decision during the sync p90 16.9-47.6 ms against
23.5-43.6, bench/decision_during_sync.py at load 6-9, within the noise).

Where the time goes at load 4-6 (#20): this process is the slower one (it waited 0.4-0.8 s of
a 9-14 s sync for the child's batches). A part costs ~2 ms of CPU for its triggers dropped and
made again (a schema change: every statement prepared anew) and ~2 ms more of commit and small
index segments; a busy machine makes the parts ~180 rows under the 25 ms budget. The same
100k rows written alone: 5.1-5.7 s CPU in parts of 180, 2.7-2.9 s in parts of 2000.
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextvars import copy_context
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from typing import Any

from app.connectors.common import ConnectorOptions, PlatformConnector
from app.core.clock import utcnow
from app.core.connector import CompleteListing
from app.core.errors import ErrorKind, PlatformError
from app.core.messages import heard, say, translate
from app.core.pause_points import pause_point
from app.services.intake.import_process import child_path, put_frame, read_frame, stop_child
from app.services.intake.sync_child import BOOT, FLAG, Job

FRAMES_AHEAD = 4
NO_ANSWER = translate(
    "Core", "Hämtningen för %1 avbröts: processen som hämtar från %2 slutade utan svar; försök igen."
)


def through_child(connector: Any, state: dict[str, Any] | None, sqlite: bool) -> bool:
    """A sync that fetches an account's whole window for the first time (no saved
    position: the large one) into SQLite, on two cores or more, with the connector's own sleep
    and clock (a test's own are called in this process)."""
    if not sqlite or (os.cpu_count() or 1) < 2 or (state or {}).get("since"):
        return False
    if not isinstance(connector, PlatformConnector):
        return False
    options = connector.options
    if options.sleep is not None or options.clock is not utcnow:  # a test's: called here
        return False
    try:  # anything else a test turned must cross as it is
        pickle.dumps(replace(connector.options, renew_token=None))
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


def command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, FLAG]
    return [sys.executable, "-I", "-S", "-c", BOOT]


@dataclass
class RowsChunk:
    """A batch as the child built it: the rows of new_row, as FetchChunk carries items."""

    items: list[tuple[Any, ...]]
    complete: list[CompleteListing] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    encoded: list[str] = field(default_factory=list)  # ids whose raw the child encoded


def listing_of(values: tuple[Any, ...] | list[Any]) -> CompleteListing:
    seen, post, parent, after, top_level, gone = values
    created_after = None if after is None else datetime.fromisoformat(after)
    return CompleteListing(frozenset(seen), post, parent, created_after, top_level, frozenset(gone))


def meets(kept: list[Any], rows: list[tuple[Any, ...]]) -> bool:
    """Whether rows kept back for the next part hold an item of the child's next batch (it
    cut that batch short before an item that came again)."""
    if not kept:
        return False
    ids = {row[2] for row in kept}
    return any(row[2] in ids for row in rows)


class SyncChild:
    """The child at work for one account. `chunks()` gives its batches in order and raises the
    platform's error where it failed; `stop()` ends it however the sync went."""

    def __init__(self, connector: PlatformConnector, renew: Callable[[], str | None] | None) -> None:
        self.connector = connector
        self._renew = renew
        self.process = subprocess.Popen(
            command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        self._frames: queue.Queue[tuple[Any, ...] | None] = queue.Queue(FRAMES_AHEAD)
        self._stopped = threading.Event()
        # In the sync's context: in the window its reading waits while a person's write runs.
        listen = partial(copy_context().run, self._listen)
        self._thread = threading.Thread(target=listen, name="granska-sync-read", daemon=True)

    def begin(self, job: Job) -> None:
        try:
            self._send(child_path())
            self._send(job)
        except OSError:  # it died at once: chunks() says so
            pass
        self._thread.start()

    def _send(self, value: Any) -> None:
        into = self.process.stdin
        assert into is not None
        pickle.dump(value, into)
        into.flush()

    def _listen(self) -> None:
        out = self.process.stdout
        assert out is not None
        while not self._stopped.is_set():
            pause_point()  # app/core/pause_points.py
            frame = read_frame(out)
            if frame is not None and frame[0] == "log":
                _log, name, level, message = frame
                logging.getLogger(name).log(level, "%s", message)
                continue
            if frame is not None and frame[0] == "renew":
                try:
                    self._send(self._renew() if self._renew is not None else None)
                except OSError:
                    pass
                continue
            put_frame(self._frames, frame, self._stopped)
            if frame is None or frame[0] != "rows":
                return

    def chunks(self) -> Iterator[RowsChunk]:
        while (frame := self._frames.get()) is not None:
            kind = frame[0]
            if kind == "rows":
                _rows, rows, listings, deleted, encoded = frame
                yield RowsChunk(rows, [listing_of(values) for values in listings], deleted, encoded)
            elif kind == "end":
                return
            else:
                raise self._error(frame)
        raise self._error(None)

    def _error(self, frame: tuple[Any, ...] | None) -> Exception:
        if frame is None:  # it ended without a word (killed, out of memory)
            connector = self.connector
            return PlatformError(say(NO_ANSWER, connector.who, connector.platform_label), ErrorKind.TRANSIENT)
        if frame[1] == "platform":
            _error, _platform, text, said, kind, retry_after = frame
            return PlatformError(heard(text, said) or text, kind, retry_after)
        return RuntimeError(f"the sync's child process failed: {frame[2]}")  # our bug, as in one process

    def stop(self) -> None:
        stop_child(self.process, self._thread, self._stopped)


def start_child(
    connector: PlatformConnector,
    state: dict[str, Any] | None,
    row_account: tuple[int, str | None],
    lists: dict[str, list[str]],
    batch: int,
) -> SyncChild:
    options: ConnectorOptions = connector.options
    renew = options.renew_token
    child = SyncChild(connector, renew)
    kind = type(connector)
    account = {
        "key": connector.account_key,
        "name": connector.account_name,
        "external_id": connector.external_id,
        "api_base_url": connector.http.base_url,
        "api_version": connector.api_version,
    }
    job = Job(
        (kind.__module__, kind.__qualname__),
        account,
        connector.secret,
        replace(options, renew_token=None),
        renew is not None,
        state,
        row_account,
        lists,
        batch,
        logging.getLogger().getEffectiveLevel(),
    )
    child.begin(job)
    return child
