"""`granska offline status|sync`, and what every command does when the team database is away:
reading commands answer from the local copy with a warning line on stderr, deciding commands
save the decision on the copy and in its journal (exit 3), everything else says the team
database cannot be reached (exit 1)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sqlalchemy.engine import URL

from app.models.db import Database
from app.models.pg_timeouts import DatabaseUnreachable
from app.services.accounts.identity import local_time
from app.services.offline.copy import LocalCopy

EXIT_OK, EXIT_PENDING = 0, 3

# Commands that only read: answered from the copy when the team database is away.
READING = {"queue", "archive", "package", "export"}
# Commands that decide: saved on the copy and journaled.
DECIDING = {"keep", "remove", "register", "notify"}
# After these, online, the copy is brought up to date (incrementally).
CHANGING = {
    "keep",
    "remove",
    "register",
    "notify",
    "sync",
    "import",
    "import-dnr",
    "retry",
    "add-item",
    "demo",
}

_to_refresh: list[tuple[LocalCopy, Database]] = []


def register(subparsers: Any) -> None:
    offline = subparsers.add_parser(
        "offline",
        help="den lokala kopian och beslut sparade offline",
        description="När teamdatabasen inte nås svarar läsande kommandon från en lokal kopia, och "
        "beslut sparas lokalt (slutkod 3) och skickas när databasen nås igen.",
    )
    sub = offline.add_subparsers(dest="offline_command", metavar="KOMMANDO", required=True)
    status = sub.add_parser("status", help="hur färsk kopian är och vilka beslut som väntar")
    status.set_defaults(handler=_status)
    sync = sub.add_parser("sync", help="skicka sparade beslut nu och uppdatera den lokala kopian")
    sync.add_argument(
        "--skarmdumpar",
        action="store_true",
        help="kopiera också kontosidornas skärmdumpar (bilderna) till den lokala kopian, från och med nu",
    )
    sync.set_defaults(handler=_sync)


def _copy_for(args: argparse.Namespace) -> tuple[URL, LocalCopy]:
    from app.models.db import resolve_url

    url = resolve_url(args.db)
    if url.get_backend_name() != "postgresql":
        from app.core.errors import InputError

        raise InputError(
            "Offlineläget gäller en teamdatabas (PostgreSQL); den här databasen är en lokal fil."
        )
    return url, LocalCopy.for_team(url)


def _status(args: argparse.Namespace) -> int:
    from app.services.offline.journal import journal_entries

    _, copy = _copy_for(args)
    fresh = copy.fresh_at()
    print(f"Lokal kopia: {copy.path}")
    print(f"Från: {local_time(fresh)}" if fresh else "Ingen lokal kopia ännu (granska offline sync).")
    entries = journal_entries(copy) if fresh else []
    print(f"Beslut som väntar på att skickas: {len(entries)}")
    for e in entries:
        print(f"  {local_time(e.created_at)}  post {e.item_id}: {e.action} ({e.username})")
    return EXIT_PENDING if entries else EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    from app.commands import open_for_command

    db = open_for_command(args)  # replays the journal when there is one (see when_reachable)
    _, copy = _copy_for(args)
    result = copy.refresh(db, screenshots=True if args.skarmdumpar else None)
    print(
        f"Lokal kopia uppdaterad ({result.items} poster, {result.records} sparade uppgifter) "
        f"från {local_time(result.fresh_at)}."
    )
    return EXIT_OK


def warning(copy: LocalCopy) -> str:
    fresh = copy.fresh_at()
    when = local_time(fresh) if fresh else "okänd tid"
    return f"Offline – teamdatabasen nås inte; svaret kommer från den lokala kopian från {when}."


def when_unreachable(args: argparse.Namespace, url: URL, exc: DatabaseUnreachable) -> Database:
    """The team database is away: the copy for reading and deciding commands, else the error."""
    command = getattr(args, "command", None)
    copy = LocalCopy.for_team(url)
    if command not in READING | DECIDING or not copy.exists():
        raise exc
    print(f"granska: {exc}", file=sys.stderr)
    print(f"granska: {warning(copy)}", file=sys.stderr)
    if command in DECIDING:
        args.offline_copy = copy
    return copy.db


def when_reachable(args: argparse.Namespace, url: URL, db: Database) -> None:
    """Back in touch: decisions saved offline are handed over first (oldest first), and the
    copy is refreshed after commands that change something."""
    if db.dialect != "postgresql":
        return
    copy = LocalCopy.for_team(url)
    if not copy.exists():
        return
    from app.services.offline.journal import journal_entries

    if journal_entries(copy):
        report_replay(db, copy)
    if getattr(args, "command", None) in CHANGING:
        _to_refresh.append((copy, db))


def report_replay(db: Database, copy: LocalCopy) -> None:
    from app.services.offline.replay import replay_journal

    report = replay_journal(db, copy)
    print(
        f"granska: {report.applied + report.already} beslut sparade offline är nu skickade till "
        f"teamdatabasen, {len(report.conflicts)} i konflikt.",
        file=sys.stderr,
    )
    for c in report.conflicts:
        print(
            f"granska: konflikt post {c.item_id}: ditt beslut ({c.action}) sparat, men {c.message}",
            file=sys.stderr,
        )
    if report.stopped:
        print(f"granska: {report.left} beslut väntar kvar: {report.stopped}", file=sys.stderr)


def refresh_copies() -> None:
    """When a command ends: the copy brought up to date; a failure is a warning, never the
    command's failure."""
    while _to_refresh:
        copy, db = _to_refresh.pop()
        try:
            copy.refresh(db)
        except Exception as exc:  # noqa: BLE001 - the command itself is done
            print(f"granska: den lokala kopian kunde inte uppdateras: {exc}", file=sys.stderr)
        finally:
            copy.close()
