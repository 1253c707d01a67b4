"""`granska db moved-aside [--ack]`: what was moved aside as damaged, and the administrator's
acknowledgement that ends the warnings (recorded in the audit log of the database in use)."""

from __future__ import annotations

import argparse
from typing import Any

from app.commands import database as open_db
from app.models import moved_aside
from app.models.db import DatabaseError, resolve_url, sqlite_file


def register(subparsers: Any) -> None:
    db = subparsers.add_parser("db", help="databasen: filer som flyttats undan som skadade")
    sub = db.add_subparsers(dest="db_command", metavar="KOMMANDO", required=True)
    moved = sub.add_parser("moved-aside", help="lista skadade databasfiler som flyttats undan")
    moved.add_argument(
        "--ack", action="store_true", help="kvittera att en administratör har tagit hand om dem"
    )
    moved.set_defaults(handler=_moved_aside)


def _moved_aside(args: argparse.Namespace) -> int:
    path = sqlite_file(resolve_url(args.db))
    if path is None:
        raise DatabaseError("Bara en SQLite-databas flyttas undan när den är skadad.")
    entries = moved_aside.read(path)
    if not args.ack:
        for e in entries:
            state = (
                f"kvitterad {e.acknowledged_at} av {e.acknowledged_by}"
                if e.acknowledged_at
                else "ej kvitterad"
            )
            print(f"{e.moved_to}  {e.at}  {e.problem}  ({state})")
        if not entries:
            print("Ingen databasfil har flyttats undan.")
        return 0
    db = open_db(args)  # opened first: the acknowledgement goes into its audit log
    from app.services.context import acting
    from app.services.records.audit import record

    actor = acting(db.sessions)
    opened = moved_aside.acknowledge(path, actor.username)
    if opened:
        with db.sessions.begin() as session:
            events = [(None, None, {"moved_to": e.moved_to, "problem": e.problem}) for e in opened]
            record(session, actor.username, actor.now(), "db_moved_aside_ack", events=events)
    db.dispose()
    print(f"Kvitterat: {len(opened)} undanflyttade databasfiler." if opened else "Inget att kvittera.")
    return 0
