"""`granska screenshot KEY` and `granska screenshots due|list|export|record|send|mark-sent|...`:
the yearly account-page screenshots, headless (for scheduled tasks too)."""

from __future__ import annotations

import argparse
import sys
import time
import webbrowser
from pathlib import Path
from typing import Any

from app.commands import database, print_json
from app.core.errors import InputError
from app.services.mail import MailSettingsService
from app.services.screenshots.capture import Region, ScreenCaptureError, ScreenGrabber
from app.services.screenshots.export import export_screenshots, write_year_record
from app.services.screenshots.mail import ScreenshotMail
from app.services.screenshots.schedule import REASONS, STOCKHOLM, ScreenshotService

MAX_DELAY = 600


def register(subparsers: Any) -> None:
    shot = subparsers.add_parser(
        "screenshot", help="ta en skärmdump av en kontosida och arkivera den",
        description="Tar en skärmdump med mss av en skärm eller ett område och sparar den i "
        "databasen med tid, administratör, skäl, storlek och SHA-256. Öppna kontosidan i "
        "webbläsaren först (eller använd --open-page och --delay).",
    )  # fmt: skip
    shot.add_argument("key", metavar="KONTO", help="kontots nyckel")
    shot.add_argument(
        "--monitor",
        type=int,
        default=1,
        metavar="N",
        help="skärm att fotografera: 1, 2 ... (0 = alla skärmar); standard 1",
    )
    shot.add_argument("--region", metavar="X,Y,B,H", help="bara detta område, i bildpunkter")
    shot.add_argument(
        "--reason",
        choices=list(REASONS),
        default="annual",
        help="annual = årlig dokumentation, change = stor förändring",
    )
    shot.add_argument("--note", default="", help="anteckning som sparas med bilden")
    shot.add_argument(
        "--delay",
        type=float,
        default=0.0,
        metavar="S",
        help=f"vänta S sekunder innan bilden tas (högst {MAX_DELAY})",
    )
    shot.add_argument("--open-page", action="store_true", help="öppna kontosidan i standardwebbläsaren först")
    shot.set_defaults(handler=_capture)

    group = subparsers.add_parser("screenshots", help="skärmdumpar av kontosidorna: schema, export, utskick")
    sub = group.add_subparsers(dest="screenshots_command", metavar="KOMMANDO", required=True)

    due = sub.add_parser("due", help="när varje konto ska fotograferas, försenade först")
    due.add_argument("--json", action="store_true", help="skriv ut som JSON")
    due.set_defaults(handler=_due)

    lst = sub.add_parser("list", help="arkiverade skärmdumpar, nyast först")
    lst.add_argument("--account", metavar="KONTO")
    lst.add_argument("--year", type=int, metavar="ÅR")
    lst.add_argument("--json", action="store_true", help="skriv ut som JSON")
    lst.set_defaults(handler=_list)

    exp = sub.add_parser("export", help="spara PNG-filer ({år}-{konto}-{datum}.png) med JSON")
    exp.add_argument(
        "ids",
        nargs="*",
        type=int,
        metavar="ID",
        help="skärmdumpar (standard: alla som matchar --account/--year)",
    )
    exp.add_argument("--account", metavar="KONTO")
    exp.add_argument("--year", type=int, metavar="ÅR")
    exp.add_argument("--output", required=True, type=Path, metavar="MAPP")
    exp.set_defaults(handler=_export)

    rec = sub.add_parser(
        "record", help="årets samlingsakt för registrator: bilder, JSON och en sammanställning i klartext"
    )
    rec.add_argument("year", type=int, metavar="ÅR")
    rec.add_argument("--output", required=True, type=Path, metavar="MAPP")
    rec.set_defaults(handler=_record)

    send = sub.add_parser("send", help="e-posta skärmdumpar till kommunikationschefen")
    send.add_argument("ids", nargs="+", type=int, metavar="ID")
    send.add_argument("--to", metavar="ADRESS", help="annan mottagare än kommunikationschefen")
    send.add_argument(
        "--eml",
        type=Path,
        metavar="FIL",
        help="spara som .eml för ditt e-postprogram i stället för att skicka (räknas inte som skickat)",
    )
    send.set_defaults(handler=_send)

    mark = sub.add_parser("mark-sent", help="notera att skärmdumpar skickats på annat sätt")
    mark.add_argument("ids", nargs="+", type=int, metavar="ID")
    mark.add_argument("--to", required=True, metavar="ADRESS")
    mark.set_defaults(handler=_mark_sent)

    interval = sub.add_parser("interval", help="hur ofta ett konto ska fotograferas")
    interval.add_argument("key", metavar="KONTO")
    interval.add_argument("days", type=int, metavar="DAGAR", help="365 = en gång per år")
    interval.set_defaults(handler=_interval)

    mon = sub.add_parser("monitors", help="lista skärmarna (för --monitor)")
    mon.add_argument("--json", action="store_true", help="skriv ut som JSON")
    mon.set_defaults(handler=_monitors)


def _service(args: argparse.Namespace) -> ScreenshotService:
    return ScreenshotService(database(args).sessions)


def _capture(args: argparse.Namespace) -> int:
    if not 0 <= args.delay <= MAX_DELAY:
        raise InputError(f"--delay måste vara 0–{MAX_DELAY} sekunder.")
    region = Region.parse(args.region) if args.region else None
    service = _service(args)
    page_url = service.page_url(args.key)  # an unknown account stops here, before any waiting
    service.require_screenshots([args.key])  # and so does someone who may not take it
    if args.open_page:
        if not page_url:
            raise InputError(f"Kontot {args.key} har ingen sidadress att öppna.")
        webbrowser.open(page_url)
    if args.delay:
        print(f"Skärmdump om {args.delay:g} s ...", file=sys.stderr)
        time.sleep(args.delay)
    image = ScreenGrabber().grab(args.monitor, region)
    if image.blank:
        raise ScreenCaptureError(
            "Bilden blev helt svart (låst skärm, eller ett Wayland-skrivbord "
            "som inte lämnar ut skärmen). Ingenting sparades."
        )
    info = service.file_screenshot(args.key, image.png(), reason=args.reason, note=args.note)
    print(
        f"Skärmdump {info.id} av {info.account_key} sparad: {info.width}×{info.height}, "
        f"{info.size_bytes} byte, SHA-256 {info.sha256}."
    )
    return 0


def _due(args: argparse.Namespace) -> int:
    rows = _service(args).due_screenshots()
    if args.json:
        print_json([d.as_json() for d in rows])
        return 0
    if not rows:
        print("Inga aktiva konton.")
        return 0
    for d in rows:
        last = d.last_taken_at.astimezone(STOCKHOLM).date().isoformat() if d.last_taken_at else "aldrig"
        mark = "⚠ " if d.due else "  "
        print(f"{mark}{d.account_key:<20} senast {last:<10}  nästa {d.next_due}  ({d.status_text})")
    return 0


def _list(args: argparse.Namespace) -> int:
    shots = _service(args).list_screenshots(args.account, args.year)
    if args.json:
        print_json([s.as_json() for s in shots])
        return 0
    if not shots:
        print("Inga skärmdumpar.")
        return 0
    for s in shots:
        sent = f"skickad till {s.sent_to}" if s.sent_to else "ej skickad"
        when = s.taken_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
        print(f"{s.id:>5}  {when}  {s.account_key:<20} {s.reason:<7} {s.width}×{s.height}  {sent}")
    return 0


def _export(args: argparse.Namespace) -> int:
    service = _service(args)
    ids = args.ids or [s.id for s in service.list_screenshots(args.account, args.year)]
    if not ids:
        raise InputError("Inga skärmdumpar att exportera.")
    done = export_screenshots(service, ids, args.output)
    for e in done:
        print(e.png_path)
    print(f"{len(done)} skärmdumpar exporterade till {args.output}.", file=sys.stderr)
    return 0


def _record(args: argparse.Namespace) -> int:
    record = write_year_record(_service(args), args.year, args.output)
    print(record.path)
    print(
        f"{len(record.files)} skärmdumpar för {args.year}; "
        f"{len(record.accounts_without)} aktiva konton saknar skärmdump.",
        file=sys.stderr,
    )
    return 0


def _send(args: argparse.Namespace) -> int:
    db = database(args)
    mail = ScreenshotMail(ScreenshotService(db.sessions), MailSettingsService(db.sessions))
    if args.eml:
        path = mail.save_eml(args.ids, args.eml, args.to)
        print(
            f"Sparat {path}. Öppna den i ditt e-postprogram och skicka; notera sedan med "
            f"granska screenshots mark-sent."
        )
        return 0
    if not mail.smtp_configured():
        raise InputError(
            "Ingen e-postserver är inställd: använd --eml FIL, eller ställ in servern med granska mail set."
        )
    print(mail.send(args.ids, args.to).message)
    return 0


def _mark_sent(args: argparse.Namespace) -> int:
    _service(args).mark_sent(args.ids, args.to)
    print(f"{len(set(args.ids))} skärmdumpar noterade som skickade till {args.to}.")
    return 0


def _interval(args: argparse.Namespace) -> int:
    _service(args).set_interval(args.key, args.days)
    print(f"Kontot {args.key} ska fotograferas var {args.days}:e dag.")
    return 0


def _monitors(args: argparse.Namespace) -> int:
    monitors = ScreenGrabber().monitors()
    if args.json:
        print_json([m.__dict__ for m in monitors])
        return 0
    for m in monitors:
        print(f"{m.number}: {m.label}")
    return 0
