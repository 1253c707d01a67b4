"""Database errors sorted: a damaged file (the only kind that may be moved aside) against the
environment's faults (locked, read-only, no permission, a full disk), told in Swedish."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.core.messages import say, translate


class DatabaseError(Exception):
    """The database cannot be used; the message is meant for the user."""


__all__ = [
    "DAMAGED",
    "DatabaseError",
    "database_failure",
    "environment_message",
    "postgres_cause",
    "sqlite_cause",
]

# Only these mean the file itself is damaged. Everything else (locked, read-only, no permission,
# a full disk, an I/O error) is the environment's: the file is left exactly where it is.
DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_CAUSES = {
    sqlite3.SQLITE_BUSY: translate(
        "Core",
        "den är låst av ett annat program (ett annat Granska-fönster eller "
        "ett verktyg som har filen öppen); försök igen när det är stängt",
    ),
    sqlite3.SQLITE_LOCKED: translate("Core", "den är låst av ett annat program"),
    sqlite3.SQLITE_READONLY: translate("Core", "den är skrivskyddad (filen eller enheten den ligger på)"),
    sqlite3.SQLITE_CANTOPEN: translate(
        "Core", "filen kan inte öppnas (finns mappen, och får Granska läsa och skriva där?)"
    ),
    sqlite3.SQLITE_PERM: translate("Core", "behörighet saknas"),
    sqlite3.SQLITE_AUTH: translate("Core", "behörighet saknas"),
    sqlite3.SQLITE_FULL: translate("Core", "disken är full"),
    sqlite3.SQLITE_IOERR: translate("Core", "läs- eller skrivfel på disken"),
}


def _disk_full(path: Path | str) -> bool:
    try:
        st = os.statvfs(Path(path).parent)
    except (OSError, AttributeError):  # no statvfs on Windows: SQLite's own code says it there
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


def sqlite_cause(exc: BaseException, path: Path | str | None = None) -> str | None:
    """Why SQLite refused, in Swedish, when it is the environment's fault; None otherwise."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None:
        return None
    code &= 0xFF
    # A full disk shows as SQLITE_FULL when the database grows, but as an I/O error when the
    # WAL index or the journal cannot grow.
    if code == sqlite3.SQLITE_IOERR and path is not None and _disk_full(path):
        code = sqlite3.SQLITE_FULL
    return _CAUSES.get(code)


# PostgreSQL's SQLSTATEs that are the environment's fault, in Swedish.
_PG_CAUSES = {
    "55P03": translate(
        "Core",
        "en annan session (en kollega eller ett verktyg) håller data låsta för länge; "
        "försök igen om en stund",
    ),
    "40P01": translate("Core", "två sessioner väntade på varandra (dödläge); försök igen"),
    "57014": translate("Core", "frågan avbröts av servern"),
}


def postgres_cause(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", exc)
    return _PG_CAUSES.get(str(getattr(orig, "sqlstate", "") or ""))


def database_failure(exc: BaseException) -> str:
    """A database error as the user is told it: the cause in Swedish where it is a known fault
    of the environment, the driver's words (never the SQL) otherwise."""
    orig = getattr(exc, "orig", None) or exc
    cause = sqlite_cause(exc) or postgres_cause(exc)
    said = (str(orig).splitlines() or [""])[0]  # PostgreSQL adds the SQL on the lines after
    text = say(translate("Core", "%1 (%2)"), cause, said) if cause else said
    return say(
        translate("Core", "Databasen kunde inte läsas eller skrivas: %1. Ingenting har ändrats."), text
    )


def environment_message(path: Path | str, exc: BaseException) -> str | None:
    cause = sqlite_cause(exc, path)
    if cause is None:
        return None
    orig = getattr(exc, "orig", exc)
    return say(
        translate("Core", "Kan inte använda databasen %1: %2 (%3). Ingenting har ändrats."), path, cause, orig
    )
