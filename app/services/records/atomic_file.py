"""Writing a file under a hidden temporary name next to its target and renaming it into place:
nobody ever sees half an export."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which is lock enough
    fcntl = None  # type: ignore[assignment]

from app.core.errors import EnvironmentFault, InputError, os_cause
from app.core.messages import say, translate
from app.services.replace_file import replace_file


def _remove_stale_temporaries(target: Path) -> None:
    """Remove what a killed export left next to `target`. A running export holds a lock on its
    temporary file (POSIX) or keeps it open (Windows: it cannot be deleted then), so only the
    files of exports that are no longer running go."""
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        if fcntl is None:
            with contextlib.suppress(OSError):
                stale.unlink()
            continue
        try:
            fd = os.open(stale, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            stale.unlink(missing_ok=True)
        except OSError:
            pass  # locked: an export still running
        finally:
            os.close(fd)


class AtomicFile:
    """Write to a hidden temporary file next to `target`, then rename it into place.

    Nobody ever sees half a file: a cancelled or failed export leaves nothing behind, and what
    a killed one left is removed by the next export to the same file."""

    def __init__(self, target: Path, *, overwrite: bool = False) -> None:
        self.target = Path(target)
        if not self.target.parent.is_dir():
            raise InputError(say(translate("Core", "Mappen %1 finns inte."), self.target.parent))
        if self.target.is_dir():
            raise InputError(say(translate("Core", "%1 är en mapp, inte en fil."), self.target))
        if self.target.exists() and not overwrite:
            raise InputError(
                say(
                    translate("Core", "Filen %1 finns redan. Välj ett annat namn eller ange --overwrite."),
                    self.target,
                )
            )
        _remove_stale_temporaries(self.target)
        try:
            fd, name = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp")
        except OSError as exc:
            raise EnvironmentFault(
                say(translate("Core", "Kan inte skriva i %1: %2"), self.target.parent, os_cause(exc))
            ) from exc
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)  # held until commit or discard: "still being written"
            self._fd: int | None = fd
        else:
            os.close(fd)
            self._fd = None
        self.path = Path(name)
        self.done = False

    def _release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def commit(self) -> None:
        self._release()
        replace_file(self.path, self.target)
        self.done = True

    def discard(self) -> None:
        self._release()
        if not self.done:
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()
