"""`granska whoami`, `granska admins role|deactivate` and `admins add --role`: who acts, and
what each person's roles let them do (#14)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.commands import database, print_json
from app.services.accounts.administrators import AdministratorRegister
from app.services.accounts.roles import ROLE_LABELS, parse_roles


def register(subparsers: Any) -> None:
    whoami = subparsers.add_parser("whoami", help="vem du är i databasen, dina roller och dina konton")
    whoami.add_argument("--json", action="store_true", help="skriv ut som JSON")
    whoami.set_defaults(handler=_whoami)

    login = subparsers.add_parser(
        "login",
        help="skapa ditt nyckelpar för teamdatabasens token (den privata nyckeln finns bara i "
        "din nyckelring)",
    )
    login.add_argument(
        "--password-stdin",
        action="store_true",
        help="läs ditt lösenord till teamdatabasen från standard in och spara det i nyckelringen",
    )
    login.set_defaults(handler=_login)


def add_team_commands(sub: Any) -> None:
    role = sub.add_parser("role", help="sätt en administratörs roller (ersätter de tidigare)")
    role.add_argument("username", metavar="ANVÄNDARNAMN")
    role.add_argument(
        "roles",
        metavar="ROLL",
        nargs="+",
        help="administrator, registrator, kommunikationschef, forvaltningschef",
    )
    role.set_defaults(handler=_role)

    deactivate = sub.add_parser("deactivate", help="avaktivera en administratör (historiken finns kvar)")
    deactivate.add_argument("username", metavar="ANVÄNDARNAMN")
    deactivate.set_defaults(handler=_deactivate)


def _admins(args: argparse.Namespace) -> AdministratorRegister:
    return AdministratorRegister(database(args).sessions)


def _labels(roles: tuple[str, ...] | list[str]) -> str:
    return ", ".join(ROLE_LABELS.get(r, r) for r in roles) or "ingen roll"


def add_administrator(args: argparse.Namespace) -> int:
    roles = parse_roles(args.role)  # a typo is refused before anything is opened
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    admins = _admins(args)
    if password is not None and admins.whoami().backend != "postgresql":
        from app.core.errors import InputError

        raise InputError("--password-stdin gäller bara en teamdatabas på PostgreSQL.")
    admins.add(args.username, args.name, email=args.email, roles=roles, password=password)
    print(f"Administratören {args.name} ({args.username}) har lagts till ({_labels(roles)}).")
    return 0


def _role(args: argparse.Namespace) -> int:
    roles = _admins(args).set_roles(args.username, tuple(args.roles))
    print(f"{args.username} har nu rollerna: {_labels(roles)}.")
    return 0


def _deactivate(args: argparse.Namespace) -> int:
    left = _admins(args).deactivate(args.username)
    where = f" och administrerar inte längre {', '.join(left)}" if left else ""
    print(f"{args.username} är avaktiverad{where}. Historiken finns kvar.")
    return 0


def _login(args: argparse.Namespace) -> int:
    from app.services.accounts.team_credentials import TeamCredentialStore

    if args.password_stdin:
        from app.models.db import resolve_url
        from app.services.accounts.credentials import CredentialStore
        from app.services.accounts.team_credentials import database_password_ref

        url = resolve_url(args.db)
        if url.get_backend_name() != "postgresql" or not url.username:
            from app.core.errors import InputError

            raise InputError(
                "Lösenordet gäller en teamdatabas: ange GRANSKA_DB=postgresql://DITTNAMN@server/databas."
            )
        CredentialStore().set(database_password_ref(url), sys.stdin.readline().rstrip("\r\n"))
        print("Lösenordet är sparat i din nyckelring.")
    db = database(args)
    if db.dialect != "postgresql":
        print("En databas på den här datorn: token finns i din nyckelring, ingen inloggning behövs.")
        return 0
    result = TeamCredentialStore(db.sessions).login()
    print(
        "Ditt nyckelpar är skapat; den privata nyckeln finns bara i din nyckelring."
        if result.created_key
        else "Ditt nyckelpar finns redan."
    )
    if result.shared:
        print(f"Kontonycklar delade med {len(result.shared)} kollega(or) som nyligen fått ett konto.")
    return 0


def _whoami(args: argparse.Namespace) -> int:
    me = _admins(args).whoami()
    if args.json:
        print_json(me.as_json())
        return 0
    if me.administrator_id is None:  # not in the register: «okänd användare (root)» or the OS name
        from app.services.accounts.identity import unregistered_name

        print(unregistered_name(me.username))
    else:
        print(f"{me.name} ({me.username})")
    if not me.enforced:
        print("Roller: inga roller används i den här databasen; du får göra allt.")
    else:
        print(f"Roller: {_labels(me.roles)}")
    keys = [k for _, k in me.accounts]
    print(f"Konton du arbetar med: {', '.join(keys) if keys else 'inga'}")
    return 0
