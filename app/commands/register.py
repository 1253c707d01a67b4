"""The account register on the command line: `granska accounts show|edit|links|assign|unassign`
and `granska admins add|edit|list`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.commands import database, print_json
from app.commands.promise import add_promise_arguments, promise_change
from app.services.accounts.register import FIELD_LABELS, TEXT_FIELDS, AccountRegister, RegisterEntry
from app.services.stats.promises import set_promise


def add_register_commands(sub: Any) -> None:
    """Called by app.commands.accounts to put these under `granska accounts`."""
    show = sub.add_parser("show", help="visa ett konto i kontoregistret")
    show.add_argument("key", metavar="NYCKEL")
    show.add_argument("--json", action="store_true", help="skriv ut som JSON")
    show.set_defaults(handler=_show)

    edit = sub.add_parser(
        "edit",
        help="ändra kontoregistrets uppgifter för ett konto",
        description="Ange bara de fält som ska ändras; en tom text tömmer fältet.",
    )
    edit.add_argument("key", metavar="NYCKEL")
    edit.add_argument("--name", help="kontots namn")
    edit.add_argument("--url", dest="page_url", help="sidans offentliga adress")
    for field in TEXT_FIELDS:
        edit.add_argument(
            f"--{field.replace('_', '-')}", dest=field, metavar="TEXT", help=FIELD_LABELS[field].lower()
        )
    add_promise_arguments(edit)
    state = edit.add_mutually_exclusive_group()
    state.add_argument("--active", dest="active", action="store_true", default=None, help="kontot används")
    state.add_argument("--inactive", dest="active", action="store_false", help="kontot används inte nu")
    from app.commands.accounts import add_sign_in_options

    add_sign_in_options(edit)
    edit.set_defaults(handler=_edit)

    links = sub.add_parser(
        "links", help="exportera den offentliga länklistan över kommunens konton",
        description="Länklistan för kommunens webbplats (riktlinjerna: en lista med länkar över alla "
        "sociala medier som kommunen använder). Tar med aktiva konton som har en adress.",
    )  # fmt: skip
    links.add_argument("--format", choices=("html", "csv"), required=True)
    links.add_argument("--output", type=Path, required=True, metavar="FIL")
    links.set_defaults(handler=_links)

    assign = sub.add_parser("assign", help="ge en administratör ansvar för ett konto")
    assign.add_argument("key", metavar="NYCKEL")
    assign.add_argument("username", metavar="ANVÄNDARNAMN")
    assign.set_defaults(handler=_assign)

    unassign = sub.add_parser("unassign", help="ta bort en administratör från ett konto")
    unassign.add_argument("key", metavar="NYCKEL")
    unassign.add_argument("username", metavar="ANVÄNDARNAMN")
    unassign.set_defaults(handler=_unassign)


def register(subparsers: Any) -> None:
    admins = subparsers.add_parser("admins", help="administratörerna och deras kontaktuppgifter")
    sub = admins.add_subparsers(dest="admins_command", metavar="KOMMANDO", required=True)

    add = sub.add_parser("add", help="lägg till en administratör")
    add.add_argument("username", metavar="ANVÄNDARNAMN", help="inloggningsnamnet i datorn")
    add.add_argument("--name", required=True)
    add.add_argument("--email", default="")
    add.add_argument("--phone", default="")
    add.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="ROLL",
        help="administrator, registrator, kommunikationschef eller forvaltningschef (kan anges flera gånger)",
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="PostgreSQL: personens lösenord till databasen läses från standard in",
    )
    add.set_defaults(handler=_admin_add)

    edit = sub.add_parser("edit", help="ändra en administratörs kontaktuppgifter")
    edit.add_argument("username", metavar="ANVÄNDARNAMN")
    edit.add_argument("--name")
    edit.add_argument("--email")
    edit.add_argument("--phone")
    edit.set_defaults(handler=_admin_edit)

    lst = sub.add_parser("list", help="lista administratörerna")
    lst.add_argument("--json", action="store_true", help="skriv ut som JSON")
    lst.set_defaults(handler=_admin_list)

    from app.commands.team import add_team_commands  # roles and deactivation (#14)

    add_team_commands(sub)


def _register(args: argparse.Namespace) -> AccountRegister:
    return AccountRegister(database(args).sessions)


def print_entry(e: RegisterEntry) -> None:
    print(f"{e.name} ({e.key}, {e.platform_label}){'' if e.active else ' – inaktivt'}")
    print(f"  Adress: {e.page_url or '–'}")
    for field in TEXT_FIELDS:
        print(f"  {FIELD_LABELS[field]}: {getattr(e, field) or '–'}")
    print(f"  Svarslöfte: {e.promise or '–'}")
    print("  Administratörer:")
    for a in e.administrators:
        print(f"    {a.name} ({a.username}) {a.email} {a.phone}".rstrip())
    if e.administrator_warning:
        print(f"  ⚠ {e.administrator_warning}")
    synced = e.last_sync_at.isoformat(timespec="minutes") if e.last_sync_at else "aldrig"
    print(f"  Senast hämtat: {synced}")
    if e.last_sync_error:
        print(f"  Senaste fel: {e.last_sync_error}")


def _show(args: argparse.Namespace) -> int:
    entry = _register(args).entry(args.key)
    if args.json:
        print_json(entry.as_json())
    else:
        print_entry(entry)
    return 0


def _edit(args: argparse.Namespace) -> int:
    changes = {
        k: getattr(args, k)
        for k in ("name", "page_url", "active", *TEXT_FIELDS)
        if getattr(args, k) is not None
    }
    from app.commands.accounts import sign_in_settings
    from app.services.accounts.accounts import AccountService

    sessions = database(args).sessions
    register = AccountRegister(sessions)
    sign_in = sign_in_settings(args)
    if sign_in is not None:
        AccountService(sessions).set_sign_in(args.key, sign_in)
    promise = promise_change(args)
    if promise is not None:
        set_promise(sessions, args.key, promise)
    entry = register.update(args.key, **changes) if changes else register.entry(args.key)
    print_entry(entry)
    return 0


def _links(args: argparse.Namespace) -> int:
    register = _register(args)
    path = register.export_links(args.output, args.format)
    n = len(register.public_links())
    print(f"Länklistan ({n} {'konto' if n == 1 else 'konton'}) är sparad i {path}.")
    return 0


def _assign(args: argparse.Namespace) -> int:
    return _report(_register(args).assign(args.key, args.username), f"{args.username} administrerar nu")


def _unassign(args: argparse.Namespace) -> int:
    entry = _register(args).unassign(args.key, args.username)
    return _report(entry, f"{args.username} administrerar inte längre")


def _report(entry: RegisterEntry, what: str) -> int:
    print(f"{what} {entry.name}.")
    if entry.administrator_warning:
        print(f"⚠ {entry.administrator_warning}")
    return 0


def _admin_add(args: argparse.Namespace) -> int:
    from app.commands.team import add_administrator

    return add_administrator(args)


def _admin_edit(args: argparse.Namespace) -> int:
    _register(args).update_administrator(args.username, name=args.name, email=args.email, phone=args.phone)
    print(f"Uppgifterna för {args.username} är ändrade.")
    return 0


def _admin_list(args: argparse.Namespace) -> int:
    admins = _register(args).administrators()
    if args.json:
        print_json([a.__dict__ for a in admins])
        return 0
    for a in admins:
        print(f"{a.username:<16} {a.name:<24} {a.email:<32} {a.phone}")
    return 0
