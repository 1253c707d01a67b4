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
    from app.models.db import open_database, resolve_url

    url = resolve_url(args.db)
    if url.get_backend_name() != "postgresql":  # one workstation's file: no keyring, no copy
        db = open_database(url)
    else:
        from app.commands.offline import when_reachable, when_unreachable
        from app.models.pg_timeouts import DatabaseUnreachable
        from app.services.accounts.team_credentials import with_stored_password

        url = with_stored_password(url)
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


# The same, under a second name (app/commands/offline.py uses it). `granska db` lives in
# db_files.py, not database.py: a submodule of that name would shadow this function.
open_for_command = database


def close_databases() -> None:
    """Called when a command ends: its connections closed (SQLite folds its WAL back in)."""
    if "app.commands.offline" in sys.modules:  # only a team database's command has a copy
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
