"""Who runs Granska, as the operating system says: plain Python, so the quick queue read
(app/services/queue/quick.py) asks the same as app/services/context.py, which re-exports it."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Mapping


def os_username() -> str:
    """The OS login, which maps to an administrator on SQLite (GRANSKA_USER overrides it for
    tests; on PostgreSQL the connection's login role is who acts, see `acting`). On Windows
    the domain login, `DOMAIN\\user`, as Active Directory names the person."""
    override = os.environ.get("GRANSKA_USER")
    if override:
        return override
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        return "okänd"
    return windows_login(user, os.environ) if sys.platform == "win32" else user


def windows_login(user: str, env: Mapping[str, str]) -> str:
    domain = env.get("USERDOMAIN", "").strip()
    if not domain or "\\" in user:
        return user
    return f"{domain}\\{user}"
