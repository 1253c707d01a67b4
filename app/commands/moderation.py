"""`granska remove|register|notify|keep|retry|audit verify|gallra`: the moderation workflow
headless. `ID` is the `id` that `granska queue --json` prints.

Exit codes: 0 done; 2 bad input, nothing changed; 3 evidence and decision saved but a step on
the platform (or by hand) is still to do; 1 the environment failed (database, platform, SMTP).
"""

from __future__ import annotations

import argparse
from typing import Any

from app.commands import audit as audit_commands
from app.commands import database, item_id
from app.core.errors import InputError
from app.core.states import WAITING
from app.services.accounts.identity import local_time
from app.services.moderation.escalation import KIND_HEAD, KIND_MANAGER
from app.services.moderation.facade import ActionOutcome, ModerationService
from app.services.moderation.gallring import GallringService
from app.services.moderation.outbox import RunSummary, is_scheduled
from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS

EXIT_OK, EXIT_BROKEN, EXIT_PENDING = 0, 1, 3
STEP_NAMES = {
    "platform_remove": "borttagning",
    "post_notice": "meddelande",
    "send_escalation": "e-post till chef",
    "send_forward": "vidarebefordran med e-post",
}


def service(args: argparse.Namespace) -> ModerationService:
    db = database(args)
    copy = getattr(args, "offline_copy", None)
    if copy is not None:  # the team database is away: decided on the local copy, journaled
        from app.services.offline.journal import OfflineModeration

        return OfflineModeration(copy)  # type: ignore[return-value]
    return ModerationService.with_platforms(db.sessions)


def register(subparsers: Any) -> None:
    remove = subparsers.add_parser(
        "remove",
        help="ta bort en kommentar: bevis, beslut, plattform, diarieföring, meddelande",
        description="Sparar beviskopian först, sedan beslutet, och ber plattformen dölja eller "
        "radera. Slutkod 0: borttagen; 3: bevis och beslut sparade men plattformen (eller du, för "
        "hand) har steg kvar; 2: fel i indata, inget ändrat.",
    )
    remove.add_argument("id", type=item_id, metavar="ID")
    remove.add_argument(
        "--reason",
        choices=list(REMOVAL_REASONS),
        metavar="SKÄL",
        help="skälet: " + ", ".join(REMOVAL_REASONS),
    )
    remove.add_argument("--motivation", metavar="TEXT", help="motivering (annars skälets mall)")
    remove.add_argument(
        "--mode", choices=("hide", "delete"), default="hide", help="dölj (standard) eller radera"
    )
    remove.add_argument(
        "--confirm",
        action="store_true",
        help="bekräfta att en kommentar som skulle tas bort för hand är borta",
    )
    remove.set_defaults(handler=_remove)

    reg = subparsers.add_parser(
        "register",
        help="diarieför en post, eller sätt diarienumret (registratorn)",
        description="Med --criterion diarieförs posten utan att tas bort. Utan --criterion sätter "
        "--dnr diarienumret på postens diarieföring (registratorns steg). Inlägg av ringa eller "
        "tillfällig betydelse diarieförs inte.",
    )
    reg.add_argument("id", type=item_id, metavar="ID")
    reg.add_argument(
        "--criterion",
        choices=list(REGISTRATION_CRITERIA),
        metavar="KRITERIUM",
        help="kriteriet: " + ", ".join(REGISTRATION_CRITERIA),
    )
    reg.add_argument("--motivation", default="", metavar="TEXT", help="motivering")
    reg.add_argument("--dnr", metavar="DNR", help="diarienummer, t.ex. KS/2026:123")
    reg.set_defaults(handler=_register)

    notify = subparsers.add_parser("notify", help="publicera meddelandet i tråden, eller eskalera till chef")
    notify.add_argument("id", type=item_id, metavar="ID")
    notify.add_argument("--template", metavar="KOD", help="ett skäl (t.ex. svordomar) eller ett sparat svar")
    notify.add_argument("--text", metavar="TEXT", help="egen text i stället för mallens")
    notify.add_argument("--posted", action="store_true", help="meddelandet är publicerat för hand")
    notify.add_argument("--link", metavar="URL", help="med --posted: länken till meddelandet")
    notify.add_argument("--escalate", action="store_true", help="skicka e-post om posten till chef")
    notify.add_argument("--to", choices=("chef", "kommunikationschef"), default="chef", help="med --escalate")
    notify.add_argument("--note", default="", metavar="TEXT", help="med --escalate: ett meddelande")
    notify.set_defaults(handler=_notify)

    keep = subparsers.add_parser("keep", help="godkänn en post: den får stå kvar")
    keep.add_argument("id", type=item_id, metavar="ID")
    keep.set_defaults(handler=_keep)

    retry = subparsers.add_parser(
        "retry",
        help="gör om steg som väntar på plattformen eller avbröts",
        description="Återupptar avbrutna steg och försöker igen med det som väntar. Slutkod 0 "
        "när inget väntar på Granska, 3 när något fortfarande väntar.",
    )
    retry.add_argument("--list", action="store_true", help="visa bara vad som väntar")
    retry.add_argument("--now", action="store_true", help="vänta inte ut pausen mellan försök")
    retry.set_defaults(handler=_retry)

    audit = subparsers.add_parser("audit", help="granskningsloggen")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="KOMMANDO", required=True)
    audit_commands.register(audit_sub)

    gallra = subparsers.add_parser(
        "gallra",
        help="gallra gamla poster som varken är diarieförda eller bevis",
        description="Gallrar poster äldre än den inställda åldern som varken är diarieförda eller "
        "har en beviskopia och som inte väntar på något. Varje gallring loggas.",
    )
    gallra.add_argument("--dry-run", action="store_true", help="visa vad som skulle gallras, ändra inget")
    gallra.add_argument(
        "--older-than", type=int, metavar="DAGAR", help="ålder i dagar (annars inställningen)"
    )
    gallra.set_defaults(handler=_gallra)


def _report(outcome: ActionOutcome) -> int:
    print(outcome.message)
    return EXIT_PENDING if outcome.pending else EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    if args.confirm:
        if args.reason:
            raise InputError("Använd antingen --reason (ta bort) eller --confirm (bekräfta), inte båda.")
        return _report(service(args).confirm_removed(args.id))
    if not args.reason:
        raise InputError("Ange skälet med --reason (se granska remove --help).")
    return _report(service(args).remove(args.id, args.reason, args.motivation, args.mode))


def _register(args: argparse.Namespace) -> int:
    svc = service(args)
    if args.criterion:
        return _report(svc.register(args.id, args.criterion, args.motivation, args.dnr))
    if not args.dnr:
        raise InputError("Ange --criterion för att diarieföra, eller --dnr för att sätta diarienumret.")
    return _report(svc.set_diarienummer(args.id, args.dnr))


def _notify(args: argparse.Namespace) -> int:
    svc = service(args)
    if args.posted:
        return _report(svc.mark_notice_posted(args.id, args.link))
    if args.escalate:
        kind = KIND_MANAGER if args.to == "chef" else KIND_HEAD
        return _report(svc.escalate(args.id, args.note, kind))
    outcome = svc.notify(args.id, args.template, args.text)
    code = _report(outcome)
    text = svc.notice_to_post_by_hand(args.id)
    if text is not None:
        print("Text att publicera:\n" + text)
    return code


def _keep(args: argparse.Namespace) -> int:
    return _report(service(args).keep(args.id))


def _print_waiting(summary: RunSummary) -> None:
    for step in summary.waiting:
        when = f", nästa försök {local_time(step.next_attempt_at)}" if step.next_attempt_at else ""
        what = STEP_NAMES.get(step.step, step.step)
        print(f"  post {step.item_id}: {what} ({step.status}{when}): {step.last_error or 'väntar'}")


def _retry(args: argparse.Namespace) -> int:
    svc = service(args)
    if args.list:
        steps = svc.pending_steps()
        for s in steps:
            when = f", nästa försök {local_time(s.next_attempt_at)}" if s.next_attempt_at else ""
            reason = s.last_error or s.result or "väntar"
            print(f"post {s.item_id}: {STEP_NAMES.get(s.step, s.step)} ({s.status}{when}): {reason}")
        if not steps:
            print("Inget väntar.")
        waiting = any(s.status in WAITING and not is_scheduled(s) for s in steps)
        return EXIT_PENDING if waiting else EXIT_OK
    summary = svc.retry(ignore_backoff=args.now)
    print(
        f"{summary.done} steg klara, {summary.manual} lämnade till en person, {len(summary.waiting)} väntar."
    )
    _print_waiting(summary)
    return EXIT_PENDING if summary.waiting else EXIT_OK


def _gallra(args: argparse.Namespace) -> int:
    result = GallringService(database(args).sessions).run(dry_run=args.dry_run, days=args.older_than)
    period = f"äldre än {result.days} dagar (skapade före {local_time(result.cutoff)})"
    if result.dry_run:
        print(f"{result.count} poster {period} skulle gallras.")
        for c in result.sample:
            print(f"  {c.id:>8}  {local_time(c.created_at)}  {c.account_key:<12} {c.status}")
        if result.count > len(result.sample):
            print(f"  … och {result.count - len(result.sample)} till.")
        return EXIT_OK
    print(f"Gallrade {result.count} poster {period}. Gallringen är loggad.")
    return EXIT_OK
