"""The yearly evaluation's tables as a workbook, for those who want to work with the figures:
one sheet per table, text cells always text (a name starting with "=" is never a formula)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from app.core.errors import EnvironmentFault, os_cause
from app.core.messages import say, translate
from app.services.records.spreadsheet import escape_cell_text
from app.services.replace_file import replace_file
from app.services.stats.report import Report, criterion_label, reason_label
from app.services.stats.watched_hours import STOCKHOLM

ACCOUNT_HEAD = [
    "Kanal", "Nyckel", "Plattform", "Syfte", "Ton", "Svarslöfte", "Poster", "Frågor", "Besvarade",
    "Median svarstid kalendertid (h)", "Median svarstid bevakningstid (h)",
    "90:e percentil bevakningstid (h)",
    "Inom löftet", "Andel inom löftet", "Väntar nu", "Försenade nu", "Borttagna", "Varav diarieförda",
    "Vidarebefordrade", "Överlämnade", "Polisanmälan", "Steg som väntar", "Skärmdump (datum)",
    "Skärmdump (SHA-256)", "Administratörer", "Färre än två administratörer",
]  # fmt: skip


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        text = escape_cell_text(value)
        return "'" + text if text[:1] in ("=", "+", "-", "@") else text
    return value


def _sheet(book: Workbook, title: str, head: list[str], rows: list[list[Any]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def write_report_xlsx(report: Report, path: Path) -> Path:
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    accounts = []
    removals = []
    registrations = []
    for c in report.channels:
        a = c.figures
        shot = c.screenshot
        accounts.append([
            a.name, a.key, a.platform, a.purpose, a.tone, a.promise.describe(), a.items, a.questions,
            a.answered, _round(a.median_first_response_hours), _round(a.median_first_response_watched_hours),
            _round(a.p90_first_response_watched_hours), a.answered_within_promise,
            _round(a.within_promise_share), a.waiting_now, a.overdue_now, a.removed, a.removed_registered,
            a.forwards, a.hand_overs, a.police_reports, a.pending_steps,
            shot.taken_at.astimezone(STOCKHOLM).date().isoformat() if shot else "saknas",
            shot.sha256 if shot else "", ", ".join(a.administrators),
            "ja" if a.too_few_administrators else "nej",
        ])  # fmt: skip
        removals += [[a.name, reason_label(k), k, v] for k, v in sorted(a.removed_by_reason.items())]
        registrations += [
            [a.name, criterion_label(k), k, v] for k, v in sorted(a.registered_by_criterion.items())
        ]
    _sheet(book, "Konton", ACCOUNT_HEAD, accounts)
    _sheet(book, "Borttagna per skäl", ["Kanal", "Skäl", "Kod", "Antal"], removals)
    _sheet(book, "Diarieförda", ["Kanal", "Kriterium", "Kod", "Antal"], registrations)
    _sheet(book, "Att åtgärda", ["Att åtgärda"], [[p] for p in report.attention])
    info = book.create_sheet("Om rapporten", 0)
    for row in (
        [report.title],
        [f"Perioden {report.date_from} – {report.date_to}"],
        ["Svarstider räknas till första publicerade svaret; bevakningstid är kontots bevakade timmar."],
    ):
        info.append(row)
    info["A1"].font = Font(bold=True, size=14)
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".granska-", suffix=".xlsx.tmp", dir=path.parent)
        os.close(fd)
        book.save(tmp)
        replace_file(Path(tmp), path)
    except OSError as exc:
        raise EnvironmentFault(
            say(translate("Core", "Kan inte skriva %1: %2"), path, os_cause(exc))
        ) from None
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
    return path
