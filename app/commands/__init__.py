"""Subcommands of `granska`, one module per duty; each is a thin layer over a service."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.models.db import Database

_opened: list[Database] = []


def database(args: Any) -> Database:
    # Imported here, not at the top: `granska --help` and a command's usage error need no
    # database layer (SQLAlchemy is most of a command's start-up).
    from app.commands.offline import when_reachable, when_unreachable
    from app.models.db import open_database, resolve_url
    from app.models.pg_timeouts import DatabaseUnreachable
    from app.services.accounts.team_credentials import with_stored_password

    url = with_stored_password(resolve_url(args.db))
    try:
        db = open_database(url)
    except DatabaseUnreachable as exc:  # the team database is away: the local copy, if it may
        db = when_unreachable(args, url, exc)
    else:
        when_reachable(args, url, db)
    _opened.append(db)
    for message in db.messages:
        print(f"granska: {message}", file=sys.stderr)
    return db


# `app.commands.database` is also a submodule (`granska db`): once it is imported that name is
# the module, so modules imported after it take the function under this one.
open_for_command = database


def close_databases() -> None:
    """Called when a command ends: its connections closed (SQLite folds its WAL back in)."""
    from app.commands.offline import refresh_copies

    refresh_copies()
    while _opened:
        _opened.pop().dispose()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def whole_number(minimum: int = 0, *, what: str = "ett heltal", hint: str = "") -> Callable[[str], int]:
    """An argparse `type=` for a whole number of at least `minimum`; argparse turns the
    complaint into "granska: error: …" and exit code 2, with nothing changed."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"inte {what}: {value!r}{hint}") from None
        if n < minimum:
            too_small = "får inte vara negativt" if minimum == 0 else f"inte {what}"
            raise argparse.ArgumentTypeError(f"{too_small}: {value}")
        return n

    return parse


count = whole_number(0)  # --items, --limit: 0 and up
item_id = whole_number(1, what="ett post-id", hint=" (se granska queue --json)")
