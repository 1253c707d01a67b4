"""The workstation's SQLite file checked before it is opened: writable, sound (the header, the
schema and the small tables at every start, every page when the file is small or the last session
did not end cleanly), and a damaged file moved aside, never deleted. No SQLAlchemy here: the quick
queue reads (app/services/queue/quick.py, quick_window.py) run these checks too."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from app.core.errors import os_cause
from app.core.messages import say, translate
from app.models.db_errors import DAMAGED, DatabaseError, environment_message

log = logging.getLogger("app.models.db")


# Up to this size every page is read at start (PRAGMA quick_check, about 0.5 s per 100 MiB here).
# A larger file is read whole only after an unclean end (a WAL file left behind); otherwise its
# header, schema and every table but the items' are checked, and opening stays instant at a
# million items. SQLite still refuses a damaged page whenever it is read.
FULL_CHECK_BYTES = 256 * 2**20


def _needs_full_check(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    unclean = wal.exists() and wal.stat().st_size > 0
    suspect = path.with_name(path.name + SUSPECT_SUFFIX).exists()  # a deferred check found damage
    return unclean or suspect or path.stat().st_size <= FULL_CHECK_BYTES


SUSPECT_SUFFIX = ".kontrollera"

# Tables that grow with the items (a million items, half decided: gigabytes): read whole only by
# the full check; at start the others are (accounts, administrators, settings, the log's head).
GROWING_TABLES = (
    "items", "item_versions", "evidence", "decisions", "registrations", "notices", "outbox",
    "escalations", "audit_events", "audit_seals", "archive_", "queue_counts", "export_rows",
    "screenshots", "sqlite_",
)  # fmt: skip


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _check_writable(path: Path) -> None:
    """A read-only file or folder (a read-only mount, an immutable file) is said as such, before
    SQLite fails somewhere in the middle. access() answers for the mount even for root."""
    if path.is_dir():
        what = translate("Core", "det är en mapp, inte en databasfil")
    elif path.exists() and not os.access(path, os.R_OK | os.W_OK):
        what = translate("Core", "filen är skrivskyddad eller saknar behörighet")
    elif not os.access(path.parent, os.W_OK | os.X_OK):
        what = say(translate("Core", "mappen %1 är skrivskyddad eller saknar behörighet"), path.parent)
    else:
        return
    raise DatabaseError(
        say(translate("Core", "Kan inte använda databasen %1: %2. Ingenting har ändrats."), path, what)
    )


def _check_sqlite_file(path: Path, whole: bool | None = None) -> str | None:
    """Return why the file is damaged, or None when it opens and reads. Raises DatabaseError
    (nothing moved) when it cannot be read for a reason that is not the file's own. `whole`:
    read every page (True), or all but the items' (False); None: as `_needs_full_check` says."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            # Reading the schema also proves the header and sqlite_master are sound.
            tables = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            if _needs_full_check(path) if whole is None else whole:
                checks = ["PRAGMA quick_check(1)"]
            else:
                small = [t for (t,) in tables if not t.startswith(GROWING_TABLES)]
                checks = [f"PRAGMA quick_check({_quoted(t)})" for t in small]
            for check in checks:
                row = con.execute(check).fetchone()
                if row and row[0] != "ok":
                    return str(row[0])
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF in DAMAGED:
            return str(exc)
        raise DatabaseError(
            environment_message(path, exc)
            or say(
                translate("Core", "Kan inte läsa databasen %1: %2. Ingenting har ändrats."), path, str(exc)
            )
        ) from exc
    return None


def move_aside(path: Path) -> Path:
    """Rename a broken database (and its WAL files) so nothing is ever deleted; the move is
    remembered next to it until an administrator acknowledges it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.trasig-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.trasig-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def _move_damaged(path: Path, problem: str) -> Path:
    from app.models import moved_aside

    try:
        moved = move_aside(path)
        moved_aside.remember(path, moved, problem)
    except OSError as exc:
        if sys.platform == "win32" and isinstance(exc, PermissionError):  # another program holds it
            raise DatabaseError(
                say(
                    translate(
                        "Core",
                        "Databasfilen %1 är skadad men används av ett annat program, kanske Granska i "
                        "ett annat fönster, så den kan inte flyttas undan. Stäng det programmet och starta "
                        "Granska igen. Ingenting har raderats.",
                    ),
                    path,
                )
            ) from exc
        raise DatabaseError(
            say(
                translate(
                    "Core",
                    "Databasfilen %1 är skadad (%2) men kan inte flyttas undan: %3. Ingenting har ändrats.",
                ),
                path,
                problem,
                os_cause(exc),
            )
        ) from exc
    log.info("corrupt database moved aside: %s -> %s (%s)", path, moved, problem)
    return moved
