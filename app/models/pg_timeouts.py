"""Bounded waits on the team database: a pulled cable or a dropped VPN (packets dropped, not
refused) is noticed within seconds, not after the operating system's minutes of TCP retries,
and told in Swedish, never as the driver's English."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy.engine import URL

from app.core.errors import EnvironmentFault
from app.core.messages import say, translate
from app.models.db import DatabaseError

__all__ = [
    "DatabaseUnreachable",
    "connect_args",
    "connect_timeout_s",
    "go_offline",
    "statement_timeout_ms",
    "unreachable",
]


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def connect_timeout_s() -> int:
    """Seconds to reach the server and log in (GRANSKA_PG_CONNECT_TIMEOUT_S; libpq's least is 2)."""
    return max(2, _env_int("GRANSKA_PG_CONNECT_TIMEOUT_S", 5))


def statement_timeout_ms() -> int:
    """How long the server may work on one statement (GRANSKA_PG_STATEMENT_TIMEOUT_MS, 5 min).
    Long enough for an export of a year's removals, short enough that nothing waits for ever;
    migrations run without it (db.upgrade)."""
    return _env_int("GRANSKA_PG_STATEMENT_TIMEOUT_MS", 300_000)


def connect_args(url: URL) -> dict[str, Any]:
    """libpq settings for every connection: a connect timeout, TCP keepalives that probe an idle
    or waiting connection after 5 s, and tcp_user_timeout, which drops a connection whose sent
    data has gone unacknowledged for as long (the black-holed link). The URL's own query
    parameters win (an administrator may tune them)."""
    given = set(url.query)
    wanted: dict[str, Any] = {
        "connect_timeout": connect_timeout_s(),
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        "tcp_user_timeout": connect_timeout_s() * 1000,
    }
    return {key: value for key, value in wanted.items() if key not in given}


# SQLSTATEs that mean the connection, not the statement, failed: class 08 (connection
# exception) and the server shutting down (57P01-57P03).
_GONE = {"57P01", "57P02", "57P03"}


def unreachable(exc: BaseException) -> bool:
    """The team database cannot be reached now (refused, no answer, the link cut, the server
    going down); not a refusal by a server that answered (a wrong password, no such database)."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    orig = getattr(exc, "orig", None) or exc
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    if not isinstance(orig, psycopg.OperationalError):
        return False
    state = str(getattr(orig, "sqlstate", "") or "")
    if state:
        return state.startswith("08") or state in _GONE
    said = str(orig).lower()
    # A server (or libpq itself) that answered and refused: not "away" (Kerberos, TLS, login).
    refused = ("fatal", "authentication", "password", "gssapi", "gssenc", "ssl", "certificate", "invalid")
    return not any(word in said for word in refused)


def _timed_out(exc: BaseException) -> bool:
    """The server gave up on a statement after the statement timeout (57014 as a timeout, not a
    user's cancel): the team database does not answer in time."""
    orig = getattr(exc, "orig", None) or exc
    return str(getattr(orig, "sqlstate", "") or "") == "57014" and "timeout" in str(orig).lower()


def go_offline(exc: BaseException) -> bool:
    """A failure after which the window goes on on the local copy: the team database is away
    (refused, no answer, the link cut: `unreachable`) or did not answer a statement within the
    statement timeout; also when the service said so in Swedish (the driver's error its cause)."""
    seen: BaseException | None = exc
    for _depth in range(5):
        if seen is None:
            return False
        if isinstance(seen, DatabaseUnreachable) or unreachable(seen) or _timed_out(seen):
            return True
        seen = seen.__cause__
    return False


def _cause(exc: BaseException) -> str:
    said = str(getattr(exc, "orig", None) or exc).lower()
    if _timed_out(exc):
        return say(translate("Core", "inget svar på %1 s"), f"{statement_timeout_ms() / 1000:g}")
    if "timeout" in said or "timed out" in said:
        return say(translate("Core", "inget svar inom %1 s"), connect_timeout_s())
    if "refused" in said:
        return translate("Core", "anslutningen nekades; servern är kanske avstängd")
    if "could not translate host name" in said or "name or service not known" in said:
        return translate("Core", "servernamnet kunde inte slås upp")
    if "closed the connection" in said or "terminat" in said or "shutdown" in said:
        return translate("Core", "anslutningen bröts")
    return translate("Core", "nätverket eller servern svarar inte")


class DatabaseUnreachable(DatabaseError, EnvironmentFault):
    """The team database is away now: the message is meant for the user."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.where = where

    @classmethod
    def for_url(cls, url: URL, exc: BaseException) -> DatabaseUnreachable:
        where = f"{url.host or 'localhost'}:{url.port or 5432}"
        return cls(
            say(
                translate(
                    "Core",
                    "Teamdatabasen på %1 nås inte (%2). Kontrollera nätverket eller VPN, "
                    "eller fråga IT om servern är igång. Ingenting har ändrats.",
                ),
                where,
                _cause(exc),
            ),
            where,
        )

    @classmethod
    def during_work(cls, exc: BaseException, *, offline: bool = False) -> DatabaseUnreachable:
        if isinstance(exc, DatabaseUnreachable) and (not offline or exc.__cause__ is None):
            return exc  # said already (or by the offline moderation itself: not "gone")
        cause = exc.__cause__ if isinstance(exc, DatabaseUnreachable) and exc.__cause__ else exc
        if offline:
            return cls(
                say(
                    translate(
                        "Core",
                        "Teamdatabasen nås inte längre (%1). Granska arbetar nu på den lokala kopian; "
                        "det som inte hann sparas har inte ändrats: gör om det, så sparas det lokalt.",
                    ),
                    _cause(cause),
                )
            )
        return cls(
            say(
                translate(
                    "Core",
                    "Teamdatabasen nås inte längre (%1). Det som inte hann sparas har inte "
                    "ändrats; försök igen när nätverket är tillbaka.",
                ),
                _cause(exc),
            )
        )
