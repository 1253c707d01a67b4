"""`granska credentials login|client|status`: signing in at the platform from the desktop, the
municipality's client secret, and each account's token health."""

from __future__ import annotations

import argparse
import sys
import webbrowser
from typing import Any

from app.commands import database, print_json, whole_number
from app.core.errors import InputError


def add_sign_in_commands(sub: Any) -> None:
    """Called by app.commands.credentials to put these under `granska credentials`."""
    login = sub.add_parser(
        "login", help="logga in hos plattformen i webbläsaren och spara token",
        description="Öppnar plattformens inloggningssida i webbläsaren och tar emot svaret på "
        "127.0.0.1. Med --no-browser skrivs adressen ut (ensam på en rad) i stället, för att "
        "öppnas i en webbläsare; kommandot väntar på svaret och avslutas med 0 när token är sparad.",
    )  # fmt: skip
    login.add_argument("key", metavar="NYCKEL")
    login.add_argument(
        "--no-browser", action="store_true", help="skriv ut adressen i stället för att öppna den"
    )
    login.add_argument(
        "--timeout", type=whole_number(1, what="ett antal sekunder"), default=300,
        help="så länge kommandot väntar på inloggningen (sekunder, 300 om inget anges)",
    )  # fmt: skip
    login.add_argument(
        "--port", type=whole_number(0, what="ett portnummer"), default=0,
        help="lyssna på denna port (X och Meta: 47615 om inget anges, den adress appen registrerats "
        "med; Google och LinkedIn: en ledig port)",
    )  # fmt: skip
    login.add_argument("--page", metavar="ID", help="Facebook: sidans id, när du administrerar flera sidor")
    login.set_defaults(handler=_login)

    client = sub.add_parser(
        "client", help="spara kommunens klienthemlighet för ett konto (läses från standard in)",
        description="Meta kräver appens hemlighet (App Secret) för inloggningen; den sparas som en "
        "token, aldrig i databasen. Läses från standard in.",
    )  # fmt: skip
    client.add_argument("key", metavar="NYCKEL")
    client.set_defaults(handler=_client)

    status = sub.add_parser(
        "status", help="inloggningarnas hälsa: slag, giltighet, behörigheter och varningar (aldrig token)"
    )
    status.add_argument("key", metavar="NYCKEL", nargs="?")
    status.add_argument("--json", action="store_true", help="skriv ut som JSON")
    status.set_defaults(handler=_status)


def _login(args: argparse.Namespace) -> int:
    from app.services.accounts.sign_in import SignInService

    service = SignInService(database(args).sessions)
    pending = service.begin(args.key, port=args.port, page_id=args.page)
    if args.no_browser or not webbrowser.open(pending.url):
        print(pending.url, flush=True)
    else:
        print("Webbläsaren öppnas på plattformens inloggningssida …", file=sys.stderr, flush=True)
    print(f"Väntar på inloggningen (högst {args.timeout} s) …", file=sys.stderr, flush=True)
    done = service.finish(pending, timeout=float(args.timeout))
    print(done.message, file=sys.stderr)
    return 0


def _client(args: argparse.Namespace) -> int:
    from app.commands.credentials import read_secret
    from app.services.accounts.connections import CredentialService

    status = CredentialService(database(args).sessions).set_client_secret(args.key, read_secret(args.key))
    print(f"{args.key}: klienthemligheten är sparad. {status.message}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from app.services.accounts.connections import CredentialService
    from app.services.accounts.register import AccountRegister
    from app.services.accounts.token_health import TokenHealthService

    db = database(args)
    service = CredentialService(db.sessions)
    keys = [args.key] if args.key else [e.key for e in AccountRegister(db.sessions).entries()]
    statuses = [service.status(k) for k in keys]
    health = {h.key: h for h in TokenHealthService(db.sessions).health(args.key)} if _asked(statuses) else {}
    if args.key and not statuses:
        raise InputError(f"Okänt konto {args.key!r}.")
    if args.json:
        rows = []
        for s in statuses:
            row: dict[str, Any] = {
                "key": s.account,
                "account": s.account,
                "ref": s.ref,
                "saved": s.saved,
                "message": s.message,
            }
            h = health.get(s.account)
            row |= (
                h.as_json()
                if h
                else {"kind": None, "expires_at": None, "refreshable": False, "scopes": [], "warning": None}
            )
            row["key"] = s.account
            rows.append(row)
        print_json(rows)
        return 0
    for s in statuses:
        h = health.get(s.account)
        line = f"{s.account:<20} {s.message}"
        if h is not None and h.kind != "none":
            ends = h.expires_at.strftime("%Y-%m-%d") if h.expires_at else "okänt"
            line += f" ({'inloggning' if h.kind == 'oauth' else 'inklistrad'}, går ut: {ends}"
            line += ", förnyas automatiskt)" if h.refreshable else ")"
        if h is not None and h.warning:
            line += f"\n{'':<20} ⚠ {h.warning}"
        print(line)
    return 0


def _asked(statuses: list[Any]) -> bool:
    """Health needs the keyring; when it cannot be asked the plain status already said why."""
    return all(s.saved is not None or s.ref is None for s in statuses)
