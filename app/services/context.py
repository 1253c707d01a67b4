"""Who is acting, and when: handed to services so tests can pin both."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TypeVar

from app.models.base import utcnow

T = TypeVar("T")


def os_username() -> str:
    """The OS login, which maps to an administrator (GRANSKA_USER overrides it for tests)."""
    override = os.environ.get("GRANSKA_USER")
    if override:
        return override
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


@dataclass(frozen=True)
class Actor:
    username: str = field(default_factory=os_username)
    clock: Callable[[], datetime] = utcnow

    def now(self) -> datetime:
        return self.clock()


class Writes(Protocol):
    """Runs one short database transaction where the application serializes its writes and
    returns its result. Work that waits on the network (a sync, the outbox) hands each of its
    transactions to this, so it never holds the database writer while a platform answers."""

    def __call__(self, transaction: Callable[[], T], /) -> T: ...


def in_this_thread(transaction: Callable[[], T], /) -> T:
    """The command line's way: it has no other writer to wait for."""
    return transaction()
