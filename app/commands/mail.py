"""`granska mail show|set|password|test`: the SMTP server for escalations and screenshots.
The password goes to the keyring, read from stdin so it never lands in shell history."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import Any

from app.commands import database, print_json
from app.core.errors import InputError
from app.services.mail import SECURITY_CHOICES, MailSettingsService


def register(subparsers: Any) -> None:
    mail = subparsers.add_parser("mail", help="e-postserver (SMTP) och kommunikationschefens adress")
    sub = mail.add_subparsers(dest="mail_command", metavar="KOMMANDO", required=True)

    show = sub.add_parser("show", help="visa inställningarna (aldrig lösenordet)")
    show.add_argument("--json", action="store_true", help="skriv ut som JSON")
    show.set_defaults(handler=_show)

    st = sub.add_parser("set", help="ändra inställningar; det som inte anges behålls")
    st.add_argument("--host", help="SMTP-server, t.ex. smtp.kommun.se (tom = ingen server)")
    st.add_argument("--port", type=int)
    st.add_argument(
        "--security", choices=SECURITY_CHOICES, help="starttls (port 587), ssl (port 465) eller none"
    )
    st.add_argument("--user", help="användarnamn för inloggning (tomt = ingen inloggning)")
    st.add_argument("--sender", help="avsändaradress")
    st.add_argument(
        "--head-of-communications",
        metavar="ADRESS",
        help="kommunikationschefens adress (dit skärmdumparna skickas)",
    )
    st.add_argument("--timeout", type=float, help="sekunder")
    st.set_defaults(handler=_set)

    pw = sub.add_parser("password", help="spara lösenordet i nyckelringen (läses från stdin)")
    pw.add_argument("--forget", action="store_true", help="ta bort lösenordet ur nyckelringen")
    pw.set_defaults(handler=_password)

    test = sub.add_parser("test", help="anslut och logga in utan att skicka något")
    test.set_defaults(handler=_test)


def _service(args: argparse.Namespace) -> MailSettingsService:
    return MailSettingsService(database(args).sessions)


def _show(args: argparse.Namespace) -> int:
    settings = _service(args).load()
    if args.json:
        print_json(settings.as_dict())
        return 0
    for label, value in (
        ("Server", settings.host or "(ingen)"),
        ("Port", settings.port),
        ("Kryptering", settings.security),
        ("Användare", settings.username or "–"),
        ("Avsändare", settings.sender or "–"),
        ("Kommunikationschef", settings.head_of_communications or "–"),
    ):
        print(f"{label:<20} {value}")
    return 0


def _set(args: argparse.Namespace) -> int:
    service = _service(args)
    changes = {
        field: value
        for field, value in (
            ("host", args.host),
            ("port", args.port),
            ("security", args.security),
            ("username", args.user),
            ("sender", args.sender),
            ("head_of_communications", args.head_of_communications),
            ("timeout", args.timeout),
        )
        if value is not None
    }
    if not changes:
        raise InputError("Ange minst en inställning att ändra (se granska mail set --help).")
    service.save(replace(service.load(), **changes))
    print("E-postinställningarna är sparade.")
    return 0


def _password(args: argparse.Namespace) -> int:
    service = _service(args)
    if args.forget:
        gone = service.forget_password()
        print("Lösenordet är borttaget ur nyckelringen." if gone else "Inget lösenord fanns sparat.")
        return 0
    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("Lösenord för e-postservern: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    service.set_password(password)
    print("Lösenordet är sparat i nyckelringen.")
    return 0


def _test(args: argparse.Namespace) -> int:
    service = _service(args)
    settings = service.load()
    service.mailer(settings).check()
    print(f"Anslutningen till {settings.host}:{settings.port} fungerar.")
    return 0
