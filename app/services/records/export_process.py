"""The registrator's export in a process of its own, so the window keeps painting while it runs.

Building an Excel file is Python work from start to end (rows read, cells made, XML written):
on a thread beside the window it held the interpreter for long stretches, and the window's
repaint slowed to 60 ms (218 ms at worst) while it ran (bench/export_repaint.py). Here the
whole export (`ExportService.export_removals`, unchanged: the temporary file, the record of the
export, the rename into place) runs in a child process started with `spawn` (the same on
Windows, Linux and macOS; the frozen bundle calls `multiprocessing.freeze_support()` in its entry
point). The child opens the same database itself. Progress comes back over a pipe; a cancel
goes the other way and the child stops at its next check, leaving no file. A child that dies
without an answer is a clear error, and what it left is removed as any killed export's is.

Two costs of `spawn`: the child starts a fresh interpreter and imports the export's modules
(about 2 s to the first row on the loaded 2-core machine), and it re-imports the parent's main
module as `__mp_main__`, so every entry point keeps its work under `if __name__ == "__main__"`
(app/cli.py, packaging/launch.py and the benches do).
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from app.core.errors import EnvironmentFault
from app.core.messages import translate
from app.models.db import sqlite_file
from app.services.records.atomic_file import _remove_stale_temporaries
from app.services.records.export import ExportCancelled, ExportResult, RemovalLogRequest

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]

POLL_S = 0.05
STOP_WAIT_S = 30.0


def shareable(url: URL) -> bool:
    """Whether a child process can open the same database (not a SQLite database in memory)."""
    return url.get_backend_name() != "sqlite" or sqlite_file(url) is not None


def _child(
    url: str, username: str, request: RemovalLogRequest, output: str, overwrite: bool, conn: Connection
) -> None:
    """Runs in the child process: the export itself, answering over `conn`."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.orm import sessionmaker

    from app.models.db import create_db_engine
    from app.services.context import Actor
    from app.services.records.export import ExportService

    cancelled = False

    def should_cancel() -> bool:
        nonlocal cancelled
        while not cancelled and conn.poll():
            cancelled = conn.recv() == "cancel"
        return cancelled

    engine = None
    try:
        engine = create_db_engine(make_url(url))
        service = ExportService(sessionmaker(engine, expire_on_commit=False), Actor(username))
        result = service.export_removals(
            request,
            Path(output),
            overwrite=overwrite,
            progress=lambda done, total: conn.send(("progress", done, total)),
            should_cancel=should_cancel,
        )
        conn.send(("done", result))
    except ExportCancelled:
        conn.send(("cancelled",))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the window
        _send_error(conn, exc)
    finally:
        if engine is not None:
            engine.dispose()
        conn.close()


def _send_error(conn: Connection, exc: BaseException) -> None:
    try:
        pickle.loads(pickle.dumps(exc))  # what cannot cross as itself crosses as its words
    except Exception:  # noqa: BLE001
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    conn.send(("error", exc))


def export_in_process(
    url: str,
    username: str,
    request: RemovalLogRequest,
    output: Path,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ExportResult:
    """`ExportService(…).export_removals(request, output, …)` in a child process, for the
    database at `url` (with its password: it goes over a pipe, never on a command line), acting
    as `username`. Blocks the calling (worker) thread, never the interpreter; raises what the
    export raised, ExportCancelled when cancelled."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(
        target=_child,
        args=(url, username, request, str(output), overwrite, theirs),
        name="granska-export",
        daemon=True,  # the window closing ends it (the next export removes what it left)
    )
    child.start()
    theirs.close()
    asked_to_stop = heard = False
    try:
        while True:
            if not asked_to_stop and should_cancel is not None and should_cancel():
                if not heard:
                    # Still starting (imports, opening the database): it has written nothing
                    # that a stop could leave half done, so it is stopped now, not at its first row.
                    child.terminate()
                    raise ExportCancelled
                try:
                    ours.send("cancel")
                except OSError:
                    pass  # already gone: its answer (or its absence) says how it ended
                asked_to_stop = True
            if not ours.poll(POLL_S):
                continue
            heard = True
            message = _receive(ours)
            if message is None:
                raise EnvironmentFault(
                    translate(
                        "Core",
                        "Exporten avbröts oväntat (exportprocessen slutade utan svar). "
                        "Ingen fil sparades; försök igen.",
                    )
                )
            kind = message[0]
            if kind == "progress":
                if progress is not None:
                    progress(message[1], message[2])
            elif kind == "done":
                result: ExportResult = message[1]
                return result
            elif kind == "cancelled":
                raise ExportCancelled
            else:
                error: BaseException = message[1]
                raise error
    finally:
        ours.close()
        child.join(STOP_WAIT_S)
        if child.is_alive():
            child.terminate()
            child.join()
        if child.exitcode not in (0, None):
            _remove_stale_temporaries(Path(output))


def _receive(conn: Connection) -> tuple[Any, ...] | None:
    try:
        message: tuple[Any, ...] = conn.recv()
    except (EOFError, OSError):
        return None
    except Exception as exc:  # noqa: BLE001 - an answer that could not be read back
        return ("error", RuntimeError(f"{type(exc).__name__}: {exc}"))
    return message
