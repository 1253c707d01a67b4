"""`granska export removals`, `granska import-dnr`, `granska package`, `granska archive`."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.commands import count, database, print_json
from app.core.errors import InputError
from app.models.db import ENV_VAR, default_url
from app.services.moderation.reasons import REMOVAL_REASONS
from app.services.records.archive import ArchiveFilter, ArchiveService
from app.services.records.dnr_import import DiarienummerImport
from app.services.records.export import ExportService, RemovalLogRequest
from app.services.records.package_verify import verify_package
from app.services.records.packages import EvidencePackager
from app.services.records.removal_log import STOCKHOLM, local_naive
from app.services.records.spreadsheet import escape_cell_text as visible


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"inte ett datum på formen ÅÅÅÅ-MM-DD: {value!r}") from None


def register(subparsers: Any) -> None:
    export = subparsers.add_parser("export", help="export till registratorn")
    sub = export.add_subparsers(dest="export_command", metavar="KOMMANDO", required=True)
    removals = sub.add_parser(
        "removals", help="förteckning över borttagna och diarieförda inlägg (Excel)",
        description="Skriver bladen Borttagna, Diarieförda och Sammanfattning för en period "
        "(svensk tid, båda dagarna ingår). Registratorn fyller i kolumnen Diarienummer; läs "
        "sedan in numren med granska import-dnr FIL.xlsx.",
    )  # fmt: skip
    removals.add_argument("--from", dest="date_from", type=_day, required=True, metavar="ÅÅÅÅ-MM-DD")
    removals.add_argument("--to", dest="date_to", type=_day, required=True, metavar="ÅÅÅÅ-MM-DD")
    removals.add_argument(
        "--account", action="append", metavar="NYCKEL", help="bara detta konto (kan upprepas)"
    )
    removals.add_argument("--output", required=True, type=Path, metavar="FIL.xlsx")
    removals.add_argument("--overwrite", action="store_true", help="ersätt en befintlig fil")
    removals.set_defaults(handler=_export_removals)

    dnr = subparsers.add_parser(
        "import-dnr", help="läs in diarienummer som registratorn fyllt i",
        description="Läser kolumnen Diarienummer ur en fil från granska export removals och "
        "kopplar varje nummer till rätt post med hjälp av kolumnen Rad-id. Allt eller inget: vid "
        "en konflikt sparas ingenting, om inte --skip-conflicts anges.",
    )  # fmt: skip
    dnr.add_argument("file", type=Path, metavar="FIL.xlsx")
    dnr.add_argument(
        "--skip-conflicts",
        action="store_true",
        help="spara övriga nummer och hoppa över raderna med konflikt",
    )
    dnr.add_argument("--dry-run", action="store_true", help="visa bara vad som skulle sparas")
    dnr.set_defaults(handler=_import_dnr)

    package = subparsers.add_parser(
        "package", help="bevispaket (ZIP) för en eller flera poster, eller kontroll av ett",
        usage="granska package ID... --output FIL.zip\n       granska package verify FIL.zip",
        description="Skapar ett bevispaket: posternas rader i Excel, varje bevisexemplar som "
        "JSON, skärmdumpar och ett manifest med SHA-256 för varje fil. Med verify kontrolleras "
        "ett paket.",
    )  # fmt: skip
    package.add_argument("targets", nargs="+", metavar="ID", help="postens id, eller verify FIL.zip")
    package.add_argument("--output", type=Path, metavar="FIL.zip")
    package.add_argument("--overwrite", action="store_true", help="ersätt en befintlig fil")
    package.set_defaults(handler=_package)

    archive = subparsers.add_parser("archive", help="arkivet: allt som sparats, utan nätverk")
    asub = archive.add_subparsers(dest="archive_command", metavar="KOMMANDO", required=True)
    search = asub.add_parser("search", help="sök i sparade, borttagna och diarieförda poster")
    search.add_argument("text", nargs="?", default="", metavar="TEXT")
    search.add_argument("--from", dest="date_from", type=_day, metavar="ÅÅÅÅ-MM-DD")
    search.add_argument("--to", dest="date_to", type=_day, metavar="ÅÅÅÅ-MM-DD")
    search.add_argument("--account", action="append", metavar="NYCKEL")
    search.add_argument("--reason", action="append", choices=sorted(REMOVAL_REASONS))
    search.add_argument(
        "--admin",
        action="append",
        metavar="ANVÄNDARE",
        help="bara det som denna administratör sparat, tagit bort eller diariefört",
    )
    search.add_argument("--limit", type=count, default=50, metavar="N")
    search.add_argument("--json", action="store_true", help="skriv ut som JSON")
    search.set_defaults(handler=_archive_search)
    show = asub.add_parser("show", help="visa en post: sparad kopia, läget nu och historiken")
    show.add_argument("item_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="skriv ut som JSON")
    show.set_defaults(handler=_archive_show)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        sys.stderr.write(f"\rExporterar … {100 * done // total} %")
        if done >= total:
            sys.stderr.write("\n")


# Commenters' text reaches the terminal with its control characters shown as escapes (the same
# scheme as in the spreadsheets), so a comment cannot move the cursor or recolour the terminal.


def _export_removals(args: argparse.Namespace) -> int:
    db = database(args)
    request = RemovalLogRequest(args.date_from, args.date_to, tuple(args.account or ()))
    result = ExportService(db.sessions).export_removals(
        request, args.output, overwrite=args.overwrite, progress=_progress
    )
    print(
        f"Exporterat till {result.path}: {result.removals} borttagna, "
        f"{result.registrations} diarieförda utan borttagning."
    )
    if result.escaped_cells:
        print(f"{result.escaped_cells} celler innehöll styrtecken, som visas som koder (t.ex. \\x01).")
    if result.truncated_cells:
        print(
            f"{result.truncated_cells} celler var för långa för Excel och är avkortade; hela "
            "texten finns i bevispaketet (granska package ID)."
        )
    return 0


def _import_dnr(args: argparse.Namespace) -> int:
    db = database(args)
    result = DiarienummerImport(db.sessions).import_file(
        args.file, skip_conflicts=args.skip_conflicts, dry_run=args.dry_run
    )
    for change in result.applied:
        print(f"{change.row_key} (post {change.item_id}): {change.new}")
    for conflict in result.conflicts:
        print(f"Konflikt: {conflict}", file=sys.stderr)
    verb = "sparas" if result.stored else "skulle sparas"
    print(
        f"{len(result.applied)} diarienummer {verb}, {result.unchanged} fanns redan, "
        f"{result.empty} rader utan nummer, {len(result.conflicts)} konflikter."
    )
    if result.conflicts and not args.skip_conflicts:
        raise InputError(
            "Inget sparades på grund av konflikterna. Rätta dem, eller kör igen med "
            "--skip-conflicts för att spara övriga nummer."
        )
    return 0


def _reachable_database(args: argparse.Namespace) -> Any:
    """The database to compare a package with, without creating one just for that."""
    from app.core.machine_policy import machine_policy

    if (
        args.db
        or os.environ.get(ENV_VAR)
        or machine_policy().database
        or Path(default_url().removeprefix("sqlite:///")).exists()
    ):
        return database(args).sessions
    return None


def _package(args: argparse.Namespace) -> int:
    if args.targets[0] == "verify":
        if len(args.targets) != 2:
            raise InputError("Ange ett paket: granska package verify FIL.zip")
        result = verify_package(Path(args.targets[1]), _reachable_database(args))
        print(
            f"Paket {result.package_id}, skapat {result.created_at} av {result.created_by}: "
            f"{result.files_checked} filer, poster {', '.join(map(str, result.items))}."
        )
        for note in result.notes:
            print(note)
        for problem in result.problems:
            print(f"FEL: {problem}")
        if not result.ok:
            raise InputError(f"Bevispaketet stämmer inte: {len(result.problems)} fel.")
        print("Alla kontrollsummor stämmer.")
        return 0
    try:
        ids = [int(t) for t in args.targets]
    except ValueError:
        raise InputError(
            "Ange posternas id som heltal, t.ex. granska package 12 15 --output paket.zip"
        ) from None
    if args.output is None:
        raise InputError("Ange filen med --output FIL.zip")
    db = database(args)
    built = EvidencePackager(db.sessions).build(ids, args.output, overwrite=args.overwrite)
    print(
        f"Bevispaket {built.path}: {built.items} poster, {built.evidence_files} bevisfiler, "
        f"{built.screenshots} skärmdumpar. SHA-256 {built.sha256}"
    )
    return 0


def _bounds(date_from: date | None, date_to: date | None) -> tuple[datetime | None, datetime | None]:
    since = datetime.combine(date_from, time(0), STOCKHOLM) if date_from else None
    until = datetime.combine(date_to + timedelta(days=1), time(0), STOCKHOLM) if date_to else None
    if since and until and until <= since:
        raise InputError("Perioden slutar före den börjar.")
    return since, until


def _archive_search(args: argparse.Namespace) -> int:
    db = database(args)
    since, until = _bounds(args.date_from, args.date_to)
    f = ArchiveFilter(
        text=args.text,
        since=since,
        until=until,
        account_keys=tuple(args.account or ()),
        reasons=tuple(args.reason or ()),
        administrators=tuple(args.admin or ()),
    )
    entries = ArchiveService(db.sessions).search(f, limit=max(1, args.limit))
    if args.json:
        print_json([e.as_json() for e in entries])
        return 0
    if not entries:
        print("Inget i arkivet matchar.")
        return 0
    for e in entries:
        when = local_naive(e.last_event_at)
        text = " ".join(visible(e.text).split())
        text = text if len(text) <= 60 else text[:59] + "…"
        reason = f" [{e.reason_code}]" if e.reason_code else ""
        dnr = f" {e.diarienummer}" if e.diarienummer else ""
        sys.stdout.write(
            f"{e.item_id:>8}  {when:%Y-%m-%d %H:%M}  {e.account_key:<10} "
            f"{e.status:<9}{reason}{dnr}  {visible(e.author_name)}: {text}\n"
        )
    return 0


def _archive_show(args: argparse.Namespace) -> int:
    db = database(args)
    detail = ArchiveService(db.sessions).detail(args.item_id)
    if detail is None:
        raise InputError(f"Post {args.item_id} finns inte i arkivet.")
    if args.json:
        print_json({
            **detail.entry.as_json(),
            "saved_copies": [{"id": c.evidence_id, "saved_at": c.saved_at.isoformat(),
                              "saved_by": c.saved_by, "sha256": c.sha256, "intact": c.intact,
                              "text": c.text} for c in detail.copies],
            "current": {"text": detail.current_text, "status": detail.current_status,
                        "fetched_at": detail.fetched_at.isoformat(), "known": detail.current_known},
            "history": [{"at": h.at.isoformat(), "who": h.who, "kind": h.kind,
                         "summary": h.summary} for h in detail.history],
        })  # fmt: skip
        return 0
    for c in detail.copies:
        state = "kontrollsumman stämmer" if c.intact else "VARNING: kontrollsumman stämmer inte"
        print(
            f"Sparad kopia {c.evidence_id} ({local_naive(c.saved_at):%Y-%m-%d %H:%M}, "
            f"{c.saved_by}, {state}):\n{visible(c.pretty() if c.text is None else c.text)}\n"
        )
    known = "" if detail.current_known else " (inte hämtat sedan kopian sparades)"
    print(f"Läget på plattformen{known}: {detail.current_status}\n{visible(detail.current_text)}\n")
    for h in detail.history:
        print(f"{local_naive(h.at):%Y-%m-%d %H:%M}  {h.who}: {visible(h.summary)}")
    return 0
