"""`granska credentials set|rotate|check|remove|status` and `granska sync`."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from app.commands import database
from app.core.errors import InputError
from app.services.accounts.connections import CredentialService, for_database, keyring_registry
from app.services.intake.sync import SyncProgress, SyncService


def register(subparsers: Any) -> None:
    cred = subparsers.add_parser(
        "credentials", help="plattformarnas token i operativsystemets nyckelring",
        description="Token sparas i nyckelringen (Windows Autentiseringshanteraren, macOS "
        "Nyckelringen, Secret Service på Linux). Databasen håller bara namnet på posten.",
    )  # fmt: skip
    sub = cred.add_subparsers(dest="credentials_command", metavar="KOMMANDO", required=True)

    set_ = sub.add_parser(
        "set", help="spara token för ett konto (läses från standard in)",
        description="Läser token från standard in, t.ex. `granska credentials set facebook < fil`. "
        "I en terminal frågar kommandot utan att visa det du skriver.",
    )  # fmt: skip
    set_.add_argument("key", metavar="NYCKEL", help="kontots nyckel")
    set_.set_defaults(handler=_set)

    rotate = sub.add_parser(
        "rotate", help="byt token och testa den nya (den gamla behålls om den nya inte fungerar)",
        description="Läser den nya token från standard in, sparar den och testar anslutningen.",
    )  # fmt: skip
    rotate.add_argument("key", metavar="NYCKEL")
    rotate.set_defaults(handler=_rotate)

    check = sub.add_parser("check", help="testa anslutningen för ett konto, eller för alla")
    check.add_argument("key", metavar="NYCKEL", nargs="?")
    check.set_defaults(handler=_check)

    remove = sub.add_parser("remove", help="ta bort ett kontos token ur nyckelringen")
    remove.add_argument("key", metavar="NYCKEL")
    remove.set_defaults(handler=_remove)

    from app.commands.sign_in import add_sign_in_commands  # login, client, status

    add_sign_in_commands(sub)

    sync = subparsers.add_parser(
        "sync", help="hämta nya och ändrade kommentarer från plattformarna",
        description="Hämtar från ett konto, eller från alla aktiva konton med plattform. Nya poster "
        "går igenom flaggningsreglerna; ändrad text sparas som ny version; kommentarer som "
        "författaren raderat markeras, med sin sparade text kvar.",
    )  # fmt: skip
    sync.add_argument("key", metavar="NYCKEL", nargs="?")
    sync.set_defaults(handler=_sync)


def read_secret(key: str) -> str:
    if sys.stdin.isatty():
        secret = getpass.getpass(f"Token för {key} (visas inte): ")
    else:
        secret = sys.stdin.read()
    if not secret.strip():
        raise InputError("Ingen token angavs på standard in; inget ändrades.")
    return secret


def _service(args: argparse.Namespace) -> CredentialService:
    return CredentialService(database(args).sessions)


def _set(args: argparse.Namespace) -> int:
    service = _service(args)
    status = service.set_token(args.key, read_secret(args.key))
    print(f"{args.key}: {status.message} Testa med: granska credentials check {args.key}")
    return 0


def _rotate(args: argparse.Namespace) -> int:
    service = _service(args)
    result = service.rotate(args.key, read_secret(args.key))
    print(f"{args.key}: {result.message}", file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def _check(args: argparse.Namespace) -> int:
    service = _service(args)
    results = [service.check(args.key)] if args.key else service.check_all()
    if not results:
        print("Inga konton med plattform finns.")
    for r in results:
        print(f"{r.account}: {'OK' if r.ok else 'FEL'} – {r.message}")
    return 0 if all(r.ok for r in results) else 1


def _remove(args: argparse.Namespace) -> int:
    status = _service(args).remove_token(args.key)
    print(f"{args.key}: token borttagen. {status.message}")
    return 0


def _sync(args: argparse.Namespace) -> int:
    db = database(args)
    show = sys.stderr.isatty()

    def progress(p: SyncProgress) -> None:
        if show:
            print(f"\r{p.account}: {p.fetched} hämtade, {p.stored} sparade", end="", file=sys.stderr)

    registry = for_database(keyring_registry(), db.sessions)
    results = SyncService(db.sessions, registry).sync(args.key, progress=progress)
    if show:
        print(file=sys.stderr)
    if not results:
        print("Inga aktiva konton att hämta från.")
    for r in results:
        print(f"{r.account}: {r.message}", file=sys.stdout if r.ok else sys.stderr)
    return 0 if all(r.ok for r in results) else 1
