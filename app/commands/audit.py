"""`granska audit verify|checkpoint`: the audit log's chain, its seals and the witnesses of its
end. Exit codes: 0 intact; 1 broken (or the environment failed); 2 bad input."""

from __future__ import annotations

import argparse
from typing import Any

from app.commands import database
from app.services.records.audit import AuditService
from app.services.records.audit_witness import (
    WitnessBook,
    database_key,
    mail_checkpoint,
    witness_from,
    witness_now,
)

EXIT_OK, EXIT_BROKEN = 0, 1


def register(audit_sub: Any) -> None:
    verify = audit_sub.add_parser(
        "verify",
        help="kontrollera att loggen, posterna den förseglar och beviskopiorna är oförändrade",
        description="Slutkod 0 när kedjan, alla förseglade poster och beviskopior är hela och loggen "
        "inte är kortare än något känt vittne (export, bevispaket, mejl, kontrollpunkt); 1 och den "
        "första trasiga posten när något har ändrats eller raderats.",
    )
    verify.add_argument(
        "--witness",
        metavar="FIL_ELLER_HASH",
        help="kontrollera också mot ett logghuvud: en gammal export (.xlsx), ett bevispaket (.zip), "
        "ett sparat mejl (.eml), eller N:SHA-256 från en kontrollpunkt",
    )
    verify.set_defaults(handler=_verify)
    checkpoint = audit_sub.add_parser(
        "checkpoint",
        help="skriv ut loggens slut (antal och SHA-256) och spara det som vittne",
        description="Kontrollerar loggen, skriver ut dess slut och sparar det i vittnesfilen; med "
        "--mail skickas det också till kommunikationschefen. Slutkod 1 om loggen redan är bruten.",
    )
    checkpoint.add_argument("--mail", action="store_true", help="mejla logghuvudet till kommunikationschefen")
    checkpoint.add_argument("--to", metavar="ADRESS", help="mejla till den här adressen i stället")
    checkpoint.set_defaults(handler=_checkpoint)


def _verify(args: argparse.Namespace) -> int:
    given = witness_from(args.witness) if args.witness else None  # bad input: before any work
    db = database(args)
    if db.moved_aside:  # the log that matters is in the file moved aside, not in this one
        moved = ", ".join(entry.moved_to for entry in db.moved_aside)
        print(
            f"Granskningsloggen kan inte bekräftas: den tidigare loggen finns i {moved}, som "
            "flyttades undan som skadad (kvittera: granska db moved-aside --ack)."
        )
        return EXIT_BROKEN
    witnesses = WitnessBook().known(database_key(db.engine.url))
    if given is not None:
        witnesses.append(given)
    report = AuditService(db.sessions).verify(witnesses)  # the known ones and the given one
    if report.intact:
        seen = f" och {report.witnesses} vittnen" if report.witnesses else ""
        print(
            f"Granskningsloggen är hel: {report.events} händelser, {report.records} förseglade poster, "
            f"{report.evidence} beviskopior{seen} kontrollerade."
        )
        return EXIT_OK
    print(f"Granskningsloggen är bruten: {report.problems[0]}")
    if len(report.problems) > 1:
        print(f"Ytterligare {len(report.problems) - 1} fel:")
        for problem in report.problems[1:20]:
            print(f"  {problem}")
    return EXIT_BROKEN


def _checkpoint(args: argparse.Namespace) -> int:
    db = database(args)
    report = AuditService(db.sessions).verify(WitnessBook().known(database_key(db.engine.url)))
    if not report.intact:
        print(f"Ingen kontrollpunkt: granskningsloggen är redan bruten: {report.problems[0]}")
        return EXIT_BROKEN
    head = witness_now(db.sessions, "kontrollpunkt")
    print(head)
    if args.mail or args.to:
        print(f"Skickat till {mail_checkpoint(db.sessions, head, args.to)}.")
    return EXIT_OK
