"""Who is acting, and when: handed to services so tests can pin both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.core.login import os_username as os_username  # re-exported
from app.core.login import windows_login as windows_login
from app.models.base import utcnow
from app.models.db import session_user

T = TypeVar("T")


def same_person(a: str | None, b: str | None) -> bool:
    """Logins are compared without regard to letter case, as Windows and PostgreSQL (unquoted
    role names) treat them: ANNA is anna."""
    return a is not None and b is not None and a.strip().casefold() == b.strip().casefold()


@dataclass(frozen=True)
class Actor:
    username: str = field(default_factory=os_username)
    clock: Callable[[], datetime] = utcnow

    def now(self) -> datetime:
        return self.clock()


def acting(sessions: sessionmaker[Session] | Session, actor: Actor | None = None) -> Actor:
    """Who acts on this database. On PostgreSQL the connection's `session_user`, whatever the
    client claims (GRANSKA_USER, an Actor built by hand); on SQLite the given actor or the OS
    login."""
    actor = actor or Actor()
    bind = sessions.get_bind() if isinstance(sessions, Session) else sessions.kw.get("bind")
    try:
        name = session_user(bind.engine) if bind is not None else None
    except SQLAlchemyError:
        # Unreachable now: each transaction asks its own connection (DecisionScope, log_change).
        return actor
    if name is None or name == actor.username:
        return actor
    return replace(actor, username=name)


class Writes(Protocol):
    """Runs one short database transaction where the application serializes its writes and
    returns its result. Work that waits on the network (a sync, the outbox) hands each of its
    transactions to this, so it never holds the database writer while a platform answers."""

    def __call__(self, transaction: Callable[[], T], /) -> T: ...


def in_this_thread(transaction: Callable[[], T], /) -> T:
    """The command line's way: it has no other writer to wait for."""
    return transaction()
