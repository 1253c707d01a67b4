"""`granska add-item`: an item from a channel no connector reads, typed in."""

from __future__ import annotations

import argparse
from typing import Any

from app.commands import database
from app.core.errors import InputError
from app.services.intake.incoming import parse_time
from app.services.intake.manual_entry import ManualEntryService


def register(subparsers: Any) -> None:
    add = subparsers.add_parser(
        "add-item", help="lägg till en post för hand (t.ex. från internwebben)",
        description="Posten går igenom flaggningsreglerna som allt annat. Samma länk (eller samma "
        "författare, tid och text) en gång till uppdaterar posten i stället för att dubblera den.",
    )  # fmt: skip
    add.add_argument("account", metavar="NYCKEL", help="kontot posten skrevs på")
    add.add_argument("--text", required=True)
    add.add_argument("--author", default="")
    add.add_argument("--url", help="länk till posten")
    add.add_argument("--time", help="när den skrevs, ISO 8601 med tidszon (standard: nu)")
    add.set_defaults(handler=_add)


def _add(args: argparse.Namespace) -> int:
    try:
        when = parse_time(args.time, "--time") if args.time else None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    item = ManualEntryService(database(args).sessions).add(
        args.account, args.text, author=args.author, url=args.url, written_at=when
    )
    print(f"Posten {item.id} är {'sparad' if item.created else 'uppdaterad (fanns redan)'}.")
    return 0
