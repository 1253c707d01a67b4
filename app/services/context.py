"""Who is acting, and when: handed to services so tests can pin both."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.models.base import utcnow


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
