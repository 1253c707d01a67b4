"""`granska accounts add|list`."""

from __future__ import annotations

import argparse
from typing import Any

from app.commands import database, print_json
from app.services.accounts.accounts import AccountService, SignInSettings
from app.services.accounts.platforms import PLATFORMS


def register(subparsers: Any) -> None:
    accounts = subparsers.add_parser("accounts", help="kontoregistret: kommunens kanaler")
    sub = accounts.add_subparsers(dest="accounts_command", metavar="KOMMANDO", required=True)

    add = sub.add_parser("add", help="lägg till ett konto")
    add.add_argument("key", help="kort nyckel, t.ex. facebook-bibliotek")
    add.add_argument("--platform", required=True, choices=list(PLATFORMS))
    add.add_argument("--name", required=True, help="kontots namn som det visas")
    add.add_argument("--url", help="sidans adress")
    add.add_argument("--external-id", help="plattformens id för sidan eller kanalen")
    add.add_argument("--api-base", help="API:ets basadress (för test mot en lokal server)")
    add_sign_in_options(add)
    add.set_defaults(handler=_add)

    lst = sub.add_parser("list", help="lista kontona")
    lst.add_argument("--json", action="store_true", help="skriv ut som JSON")
    lst.set_defaults(handler=_list)

    from app.commands.register import add_register_commands  # the register's fields and links

    add_register_commands(sub)


def add_sign_in_options(parser: Any) -> None:
    """The municipality's own client and the endpoints (the platform's defaults when left out)."""
    parser.add_argument("--client-id", help="klient-id för kommunens egen app hos plattformen")
    parser.add_argument("--auth-url", help="inloggningssidans adress (standard: plattformens)")
    parser.add_argument("--token-url", help="tokenadressen (standard: plattformens)")
    parser.add_argument("--api-version", help="API-version, t.ex. v21.0 (standard: plattformens)")


def sign_in_settings(args: argparse.Namespace) -> SignInSettings | None:
    given = SignInSettings(args.client_id, args.auth_url, args.token_url, args.api_version)
    return None if given == SignInSettings() else given


def _add(args: argparse.Namespace) -> int:
    db = database(args)
    info = AccountService(db.sessions).add_account(
        args.key, args.platform, args.name, page_url=args.url,
        external_id=args.external_id, api_base_url=args.api_base, sign_in=sign_in_settings(args),
    )  # fmt: skip
    print(f"Kontot {info.key} ({info.platform}) har lagts till.")
    return 0


def _list(args: argparse.Namespace) -> int:
    db = database(args)
    accounts = AccountService(db.sessions).list_accounts()
    if args.json:
        print_json([a.as_json() for a in accounts])
        return 0
    if not accounts:
        print("Inga konton ännu. Lägg till ett med: granska accounts add NYCKEL --platform ...")
        return 0
    for a in accounts:
        warn = "  ⚠ färre än två administratörer" if a.too_few_administrators else ""
        state = "" if a.active else " (inaktivt)"
        print(f"{a.key:<20} {a.platform:<10} {a.name}{state}{warn}")
    return 0
