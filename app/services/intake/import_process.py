"""A large JSON Lines import on two cores: a child process (import_child) reads, checks and
flags the lines and builds the rows, this process writes them (ItemWriter.write_rows) in the
import's one transaction, as they come.

The child is this process's own interpreter again, `sys.executable -I -S -c BOOT` (Windows,
Linux and macOS alike: no fork; the frozen bundle starts itself with import_child.FLAG, see
packaging/launch.py), spoken to over its stdin and stdout. A thread here reads its frames
while this one writes (reading a pipe and SQLite's own work leave the interpreter free). A
child that ends without its last frame is a clear error, and nothing of the import is kept.
Starting costs a tenth of a second: a small file is imported in one process.

Measured at 1M items (bench/ingest.py, 2 cores): on a quiet machine 36.1 s against 45.3 s in
one process (floor 22.1-22.3 s: ratio 0.617 against 0.487). With 4 other jobs sharing the cores
(load 4-7) it was worse: CPU 33 s here + 27 s in the child against 53 s in one process, so wall
time 122 s against 77-141 s, as both processes waited for a core. Its gain needs a core free.
"""

from __future__ import annotations

import marshal
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import app
from app.core.errors import EnvironmentFault, InputError
from app.core.messages import translate
from app.services.intake.import_child import BOOT, FLAG, Job
from app.services.intake.incoming import ImportLineError
from app.services.intake.item_writer import ImportResult, ItemWriter

# From this size on a file is read by a child (~40k lines of an ordinary export): below it the
# child's start costs more than it saves.
CHILD_FROM_BYTES = 10_000_000
FRAMES_AHEAD = 4
# Rows indexed at a time while the child works (fewer make many small search-index segments).
INDEX_AT_LEAST = 50_000  # read but not yet written: ~1 MB each
NO_ANSWER = translate(
    "Core",
    "Importen avbröts: processen som läser filen slutade utan svar. Inget har importerats; försök igen.",
)


def command() -> list[str]:
    """The child's command line: this interpreter (or the frozen bundle) again."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FLAG]
    # -I -S: no environment variables, no user or site packages: its path is the one sent
    return [sys.executable, "-I", "-S", "-c", BOOT]


def child_path() -> list[str]:
    """Where the child finds app (an editable install finds it through a hook, not the path)."""
    return [str(Path(app.__file__).resolve().parent.parent), *sys.path]


class Child:
    """The child at work. `frames()` gives its frames in order; `stop()` ends it however the
    import went (called in a `finally`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.process = subprocess.Popen(
            command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console from the window
        )
        self._frames: queue.Queue[tuple[Any, ...] | None] = queue.Queue(FRAMES_AHEAD)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="granska-import-read", daemon=True)

    def begin(self, job: Job) -> None:
        into = self.process.stdin
        assert into is not None
        try:
            pickle.dump(child_path(), into)
            pickle.dump(job, into)
            into.close()
        except OSError:  # it died at once: frames() says so
            pass
        self._thread.start()

    def _listen(self) -> None:
        out = self.process.stdout
        assert out is not None
        while not self._stopped.is_set():
            frame = read_frame(out)
            put_frame(self._frames, frame, self._stopped)
            if frame is None or frame[0] != "rows":
                return

    def waiting(self) -> bool:
        """True when no frame has been read ahead: the child is still building one."""
        return self._frames.empty()

    def frames(self) -> Iterator[tuple[Any, ...]]:
        while (frame := self._frames.get()) is not None:
            yield frame
            if frame[0] != "rows":
                return
        raise EnvironmentFault(NO_ANSWER)

    def stop(self) -> None:
        stop_child(self.process, self._thread, self._stopped)


def read_frame(out: IO[bytes]) -> tuple[Any, ...] | None:
    """The next frame, or None where the child ended without one (or wrote nonsense)."""
    try:
        head = out.read(8)
        if len(head) < 8:
            return None
        size = int.from_bytes(head, "little")
        data = out.read(size)
        if len(data) < size:
            return None
        frame = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return frame if isinstance(frame, tuple) and frame else None


def stop_child(
    process: subprocess.Popen[bytes], listener: threading.Thread, stopped: threading.Event
) -> None:
    """End a child (killed when still running), its listening thread and both pipes."""
    stopped.set()
    if process.poll() is None:
        process.kill()
    process.wait()
    if listener.is_alive():
        listener.join()
    for pipe in (process.stdin, process.stdout):
        if pipe is not None and not pipe.closed:
            pipe.close()


def put_frame(frames: queue.Queue[Any], frame: tuple[Any, ...] | None, stopped: threading.Event) -> None:
    """Hand a child's frame to the reading side, waiting while its queue is full, unless the
    reading has stopped (then no one takes it)."""
    while not stopped.is_set():
        try:
            frames.put(frame, timeout=0.1)
            return
        except queue.Full:
            continue


def refusal(frame: tuple[Any, ...], path: Path) -> Exception:
    """The error a child's ("error", ...) frame stands for: what one process would raise."""
    kind = frame[1]
    if kind == "line":
        line, message = frame[2], frame[3]
        return ImportLineError(line, message.removeprefix(f"rad {line}: "))
    if kind == "input":
        return InputError(frame[2])
    if kind == "unicode":
        return InputError(f"{path} är inte UTF-8-kodad text (byte {frame[2]})")
    if kind == "os":
        return InputError(f"Kan inte läsa {path}: {frame[2]}")
    return EnvironmentFault(f"{NO_ANSWER} ({frame[2]})")


def write_from_child(
    child: Child,
    writer: ItemWriter,
    accounts: Mapping[str, Any],
    lists: dict[str, list[str]],
    batch: int,
    progress: Callable[[int], None] | None,
) -> ImportResult:
    """The import's batches as the child builds them, written here; as _write_all in one process."""
    plain = {key: (a.id, str(a.platform), a.external_id) for key, a in accounts.items()}
    child.begin(Job(str(child.path), plain, lists, writer.now_db, batch))
    for frame in child.frames():
        if frame[0] == "rows":
            _rows, count, context, expected, at, ids, chunks = frame
            writer.write_rows(count, context, expected, ids, chunks)
            if child.waiting():  # the next batch is not built yet: index meanwhile
                writer.index_some(INDEX_AT_LEAST)
            if progress and at >= 0:
                progress(at)
        elif frame[0] == "end":
            writer.finish()
            if progress:
                progress(frame[1])
            return writer.result
        else:
            raise refusal(frame, child.path)
    raise EnvironmentFault(NO_ANSWER)
