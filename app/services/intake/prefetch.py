"""The sync's next pages, fetched on a helper thread while it writes the last ones. The
thread runs in the sync's context: a sync in the window pauses it while a person's write waits
or runs (app/core/pause_points.py)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextvars import copy_context
from typing import Any

from app.core.connector import FetchChunk
from app.core.pause_points import pause_point

_END = object()


def prefetched(chunks: Iterator[FetchChunk], depth: int = 4) -> Iterator[FetchChunk]:
    """Run the fetching on a helper thread, a few chunks ahead. Its errors (PlatformError)
    come out here, in order, after the chunks that arrived before them."""
    box: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(value: Any) -> bool:
        while not stop.is_set():
            try:
                box.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for chunk in chunks:
                pause_point()
                if not put(chunk):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the consuming thread
            put(exc)
        else:
            put(_END)
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()  # the connector's HTTP client is closed on this thread

    worker = threading.Thread(target=copy_context().run, args=(produce,), name="sync-fetch", daemon=True)
    worker.start()
    try:
        while True:
            value = box.get()
            if value is _END:
                return
            if isinstance(value, BaseException):
                raise value
            yield value
    finally:
        stop.set()
        worker.join()
