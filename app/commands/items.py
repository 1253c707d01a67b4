"""`granska demo`, `granska import`, `granska queue`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from app.commands import count, database, print_json
from app.core.errors import InputError
from app.core.states import ItemStatus
from app.services.accounts.platforms import PLATFORMS


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="fyll databasen med realistiska demodata")
    demo.add_argument(
        "--items",
        type=count,
        default=500,
        metavar="N",
        help="antal inlägg och kommentarer (standard 500, upp till 1 000 000)",
    )
    demo.add_argument(
        "--decided",
        type=float,
        default=0.0,
        metavar="ANDEL",
        help="andel av posterna som avgörs som en administratör skulle (borttagna eller "
        "diarieförda, med bevis och logg), t.ex. 0.5",
    )
    demo.set_defaults(handler=_demo)

    imp = subparsers.add_parser(
        "import", help="importera inlägg och kommentarer från en JSON Lines-fil",
        description="Importerar allt eller inget: en felaktig rad stoppar hela importen. "
        "En ny import av samma poster uppdaterar dem; ändrad text sparas som ny version.",
    )  # fmt: skip
    imp.add_argument("file", type=Path, metavar="FIL")
    imp.set_defaults(handler=_import)

    queue = subparsers.add_parser("queue", help="lista kön, den som väntat längst först")
    queue.add_argument(
        "--status",
        choices=[s.value for s in ItemStatus],
        action="append",
        help="bara poster med denna status (kan upprepas)",
    )
    queue.add_argument("--account", action="append", metavar="NYCKEL", help="bara detta konto")
    queue.add_argument(
        "--all-accounts",
        action="store_true",
        help="även konton du inte administrerar (bara läsa; kommunikationschefen)",
    )
    queue.add_argument("--platform", action="append", choices=list(PLATFORMS))
    queue.add_argument("--search", default="", metavar="TEXT", help="fritextsökning i text och författare")
    queue.add_argument("--limit", type=count, default=50, metavar="N")
    queue.add_argument("--json", action="store_true", help="skriv ut som JSON")
    queue.set_defaults(handler=_queue)


def _demo(args: argparse.Namespace) -> int:
    from app.services.intake.demo import load_demo
    from app.services.moderation.demo_decisions import decide_demo_share

    db = database(args)
    if args.items > 1_000_000:
        raise InputError("Demodata kan skapas för högst 1 000 000 poster.")
    if not 0.0 <= args.decided <= 1.0:
        raise InputError("Andelen avgjorda poster (--decided) ska vara mellan 0 och 1, t.ex. 0.5.")
    result = load_demo(db.sessions, args.items)
    print(
        f"Demodata: {result.accounts_created} nya konton, {result.items.created} nya poster, "
        f"{result.items.updated} uppdaterade, {result.items.unchanged} oförändrade."
    )
    if args.decided:
        started = time.monotonic()
        decided = decide_demo_share(db.sessions, args.decided)
        print(
            f"Avgjorda: {decided.removed} borttagna och {decided.registered} diarieförda "
            f"({time.monotonic() - started:.0f} s)."
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise InputError(f"Filen {args.file} finns inte.")
    from app.services.intake.importer import ImportService

    db = database(args)
    result = ImportService(db.sessions).import_file(args.file)
    print(
        f"Importerat: {result.created} nya, {result.updated} uppdaterade "
        f"({result.new_versions} med ändrad text, tidigare text sparad), "
        f"{result.unchanged} oförändrade."
    )
    return 0


def _accounts_to_list(sessions: Any, asked: tuple[str, ...], every: bool) -> tuple[str, ...]:
    """The accounts `queue` lists: mine by default where roles are in use (as in the window);
    another account's queue only for the roles that may read it (role_rules.queue_accounts)."""
    from app.services.accounts.roles_used import roles_in_use

    with sessions() as session:  # no roles in use (one workstation): nothing more to load
        if not session.scalar(roles_in_use()):
            return asked
    from app.services.accounts.roles import Duty, me_now, queue_accounts, refuse

    me, who = me_now(sessions)
    accounts, others = queue_accounts(me, asked, every)
    if others:
        key = None if others == ["*"] else ", ".join(others)
        refuse(sessions, me, who, Duty.READ, account_key=key, details={"command": "queue"})
    return accounts


def _queue(args: argparse.Namespace) -> int:
    from app.commands.queue_lines import as_json, write_lines
    from app.services.queue.quick import quick_page
    from app.services.queue.shapes import QueueFilter

    qfilter = QueueFilter(
        statuses=tuple(args.status or ()),
        account_keys=tuple(args.account or ()),
        platforms=tuple(args.platform or ()),
        search=args.search,
    )
    quick = None if args.all_accounts else quick_page(args.db, qfilter, args.limit)
    if quick is not None:  # a workstation's current file: read without SQLAlchemy
        items, messages = quick
        for message in messages:
            print(f"granska: {message}", file=sys.stderr)
    else:
        items = _queue_page(args, qfilter)
    if args.json:
        print_json([as_json(i) for i in items])
    else:
        write_lines(items)
    return 0


def _queue_page(args: argparse.Namespace, qfilter: Any) -> list[Any]:
    from dataclasses import replace

    from app.services.queue.listing import QueueService

    db = database(args)
    if args.account:
        from app.services.queue.listing import accounts_named

        with db.sessions() as session:
            known = set(session.scalars(accounts_named(args.account)))
        unknown = [k for k in args.account if k not in known]
        if unknown:
            raise InputError("Okänt konto: " + ", ".join(unknown))
    accounts = _accounts_to_list(db.sessions, tuple(args.account or ()), args.all_accounts)
    return QueueService(db.sessions).page(replace(qfilter, account_keys=accounts), limit=args.limit)
