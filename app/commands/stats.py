"""`granska stats [--from D] [--to D] [--account KEY] [--json]` and `granska report --year YYYY
--output FILE.pdf|FILE.xlsx`: the figures the förvaltningschef evaluates the accounts by."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from app.commands import database, print_json
from app.commands.export import _day
from app.core.errors import InputError
from app.services.stats.figures import StatisticsService
from app.services.stats.labels import hours_text, share_text
from app.services.stats.shapes import AccountFigures


def register(subparsers: Any) -> None:
    stats = subparsers.add_parser(
        "stats",
        help="statistik: svarstider mot svarslöftet, borttagningar, diarieföringar",
        description="Siffrorna per konto för en period (hela dagar i svensk tid, båda ändar med; "
        "standard: i år till i dag). Svarstiden räknas från frågan till första publicerade svaret "
        "(eller vidarebefordran, eller beslut att den inte behöver svar), i kalendertid och i "
        "bevakningstid (helgdagar räknas inte om kontot inte bevakas då).",
    )
    stats.add_argument("--from", dest="date_from", type=_day, metavar="ÅÅÅÅ-MM-DD")
    stats.add_argument("--to", dest="date_to", type=_day, metavar="ÅÅÅÅ-MM-DD")
    stats.add_argument("--account", metavar="NYCKEL", help="bara detta konto")
    stats.add_argument("--json", action="store_true", help="skriv ut som JSON")
    stats.set_defaults(handler=_stats)

    report = subparsers.add_parser(
        "report",
        help="årets utvärdering av närvaron i sociala medier (PDF eller xlsx)",
        description="Utvärdering av närvaron i sociala medier ÅÅÅÅ: per kanal syfte och ton, "
        "aktivitet, svarstider mot löftet, borttagningar per skäl, polisanmälningar, årets "
        "skärmdump, administratörer och det som behöver åtgärdas. FIL.pdf för papper, FIL.xlsx "
        "för samma tabeller i ett kalkylark.",
    )
    report.add_argument("--year", type=int, required=True, metavar="ÅÅÅÅ")
    report.add_argument("--output", type=Path, required=True, metavar="FIL")
    report.add_argument("--overwrite", action="store_true", help="ersätt en befintlig fil")
    report.set_defaults(handler=_report)


def _stats(args: argparse.Namespace) -> int:
    figures = StatisticsService(database(args).sessions).figures(args.date_from, args.date_to, args.account)
    if args.json:
        print_json(figures.as_json())
        return 0
    print(f"Statistik {figures.date_from} – {figures.date_to}")
    for a in figures.accounts:
        _print_account(a)
    return 0


def _print_account(a: AccountFigures) -> None:
    print(f"\n{a.name} ({a.key})")
    print(f"  Svarslöfte: {a.promise.describe()}")
    print(f"  Poster: {a.items}, frågor: {a.questions}, besvarade: {a.answered}")
    print(
        f"  Median till första svar: {hours_text(a.median_first_response_hours)} "
        f"({hours_text(a.median_first_response_watched_hours)} bevakningstid), "
        f"90:e percentilen {hours_text(a.p90_first_response_watched_hours)} bevakningstid"
    )
    if a.answered_within_promise is not None:
        share = share_text(a.within_promise_share)
        print(
            f"  Inom löftet: {a.answered_within_promise} av {a.answered} ({share}); "
            f"försenade nu: {a.overdue_now}"
        )
    print(f"  Väntar på svar nu: {a.waiting_now}")
    removed = ", ".join(f"{k} {v}" for k, v in sorted(a.removed_by_reason.items())) or "inga"
    print(f"  Borttagna: {a.removed} ({removed}), varav diarieförda {a.removed_registered}")
    registered = ", ".join(f"{k} {v}" for k, v in sorted(a.registered_by_criterion.items())) or "inga"
    print(f"  Diarieförda: {registered}")
    print(f"  Vidarebefordrade: {a.forwards}, överlämnade: {a.hand_overs}, polisanmälan: {a.police_reports}")
    print(f"  Steg som väntar på plattformen: {a.pending_steps}")
    due = a.screenshot_due.isoformat() if a.screenshot_due else "–"
    late = " (försenad)" if a.screenshot_overdue else ""
    print(f"  Skärmdumpar: {a.screenshots_taken}, nästa senast {due}{late}")
    admins = ", ".join(a.administrators) or "inga"
    warn = " – färre än två!" if a.too_few_administrators else ""
    print(f"  Administratörer: {admins}{warn}")


def _report(args: argparse.Namespace) -> int:
    output: Path = args.output
    suffix = output.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InputError(f"Ange en fil som slutar på .pdf eller .xlsx, inte {output.name!r}.")
    if not 2000 <= args.year <= date.today().year + 1:
        raise InputError(f"Okänt år {args.year}.")
    if output.exists() and not args.overwrite:
        raise InputError(f"{output} finns redan; ange --overwrite för att ersätta den.")
    from app.services.stats.report import build_report

    report = build_report(database(args).sessions, args.year)
    if suffix == ".xlsx":
        from app.services.stats.report_xlsx import write_report_xlsx

        write_report_xlsx(report, output)
    else:
        # The one place a command reaches into the UI layer (docs/ARCHITECTURE.md): Qt lays out
        # and prints the PDF, loaded only for this.
        from app.ui.report_pdf import write_report_pdf

        write_report_pdf(report, output)
    print(f"Utvärderingen för {args.year} är sparad i {output}.")
    return 0
