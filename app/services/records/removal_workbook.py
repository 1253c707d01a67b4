"""The registrator's workbook as it is laid out: sheets Borttagna (one row per removal),
Diarieförda (items registered without removal) and Sammanfattning (counts per reason, account,
month and criterion), and the file's properties. Shared by the export (export.py) and the
evidence package (packages.py); how it prints is print_layout.py.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.records import removal_log as log
from app.services.records.print_layout import TIME_ZONE_NOTE
from app.services.records.spreadsheet import MONTH_FORMAT, TRUNCATION_MARKER, Column, SheetWriter

ESCAPE_NOTE = (
    "Tecken som Excel-filer inte kan innehålla (styrtecken) visas som \\x01, \\x0D osv., "
    'U+FFFE/U+FFFF som \\uFFFE/\\uFFFF och ett "_" före xHHHH_ som \\x5F; ett \\ som annars '
    "skulle läsas som en sådan kod skrivs \\\\. Inget tecken tas bort."
)
TRUNCATION_NOTE = (
    "En cell rymmer högst 32 767 tecken. Längre text avkortas och slutar då med "
    + TRUNCATION_MARKER.strip().format(n="N")
    + "; hela texten finns i postens bevis (granska package ID)."
)
_BOLD = Font(bold=True)
_LEFT = Alignment(horizontal="left", vertical="top")


@dataclass
class _Contents:
    """What went into the file, kept compactly: a letter and three machine integers per row,
    so that memory stays flat however long the export. The row id printed in the file is the
    letter and the decision (B) or registration (D) id."""

    kinds: bytearray
    items: array[int]
    decisions: array[int]
    registrations: array[int]

    @classmethod
    def empty(cls) -> _Contents:
        return cls(bytearray(), array("q"), array("q"), array("q"))

    def add(self, kind: str, item_id: int, decision_id: int | None, registration_id: int | None) -> None:
        self.kinds.append(ord(kind))
        self.items.append(item_id)
        self.decisions.append(decision_id or 0)
        self.registrations.append(registration_id or 0)

    def __len__(self) -> int:
        return len(self.kinds)

    def row(self, i: int) -> dict[str, Any]:
        kind = chr(self.kinds[i])
        decision, registration = self.decisions[i] or None, self.registrations[i] or None
        key = log.removal_key(decision) if kind == "B" else log.registration_key(registration)  # type: ignore[arg-type]
        return {
            "row_key": key,
            "item_id": self.items[i],
            "decision_id": decision,
            "registration_id": registration,
        }


class RemovalLogWriter:
    """Writes the three sheets into a streaming workbook. `heading` is printed at the top of
    every page (the period, the time zone)."""

    def __init__(self, workbook: Workbook, heading: str = TIME_ZONE_NOTE) -> None:
        self.removals = SheetWriter(workbook, "Borttagna", log.REMOVAL_COLUMNS, heading=heading)
        self.registered = SheetWriter(workbook, "Diarieförda", log.REGISTRATION_COLUMNS, heading=heading)
        # The summary has no table of its own; the columns only give the widths.
        self.summary = SheetWriter(
            workbook, "Sammanfattning", [Column("", width=34), Column("", width=60),
                                         Column("", width=10)],
            header=False, filter_and_freeze=False, heading=heading,
        )  # fmt: skip
        self.contents = _Contents.empty()
        self.by_reason: Counter[str] = Counter()
        self.by_account: Counter[str] = Counter()
        self.by_month: Counter[tuple[int, int]] = Counter()
        self.by_criterion: Counter[str] = Counter()

    def write_removal(self, row: Any) -> None:
        values = log.removal_values(row)
        self.removals.append(values)
        self.contents.add("B", row.item_id, row.decision_id, row.registration_id)
        self.by_reason[row.reason_code or ""] += 1
        self.by_account[f"{values[5]} ({values[4]})"] += 1  # the account's name and its channel
        removed_at = values[2]  # Swedish time, so a removal at 00:30 on 1 June counts in June
        self.by_month[(removed_at.year, removed_at.month)] += 1

    def write_registration(self, row: Any) -> None:
        self.registered.append(log.registration_values(row))
        self.contents.add("D", row.item_id, None, row.registration_id)
        self.by_criterion[row.criterion] += 1

    def finish(self, facts: list[tuple[str, Any]]) -> None:
        self.removals.close()
        self.registered.close()
        write_summary(self.summary, self, facts)

    @property
    def escaped_cells(self) -> int:
        return self.removals.escaped_cells + self.registered.escaped_cells

    @property
    def truncated_cells(self) -> int:
        return self.removals.truncated_cells + self.registered.truncated_cells


def write_summary(out: SheetWriter, w: RemovalLogWriter, facts: list[tuple[str, Any]]) -> None:
    """Three columns: what is counted, its name, the number; every value under its heading."""
    heading = out.text_cell("Borttagna och diarieförda inlägg – sammanfattning")
    heading.font = Font(bold=True, size=13)
    out.append_cells([heading])
    for label, value in facts:
        out.append_plain([label, value])

    def table(title: str, middle: str, rows: list[tuple[Any, str, int]]) -> None:
        out.append_plain([])
        cells = [out.text_cell(h) for h in (title, middle, "Antal")]
        for cell in cells:
            cell.font = _BOLD
        out.append_cells(cells)
        for first, second, n in rows:
            if isinstance(first, date):
                first_cell = WriteOnlyCell(out.sheet, value=first)
                first_cell.number_format = MONTH_FORMAT
                first_cell.alignment = _LEFT  # a month under the heading, not at the column's right
                out.append_cells([first_cell, out.text_cell(second), n])
            else:
                out.append_plain([first, second, n])
        total = out.text_cell("Summa")
        total.font = _BOLD
        out.append_cells([total, None, sum(r[2] for r in rows)])

    table("Borttagna per skäl", "Skäl", [
        (code, REMOVAL_REASONS[code].label if code in REMOVAL_REASONS else "", n)
        for code, n in sorted(w.by_reason.items())
    ])  # fmt: skip
    table("Borttagna per konto", "", [(a, "", n) for a, n in sorted(w.by_account.items())])
    table("Borttagna per månad", "", [(date(y, mo, 1), "", n) for (y, mo), n in sorted(w.by_month.items())])
    table("Diarieförda per kriterium", "Kriterium", [
        (code, REGISTRATION_CRITERIA[code].label if code in REGISTRATION_CRITERIA else "", n)
        for code, n in sorted(w.by_criterion.items())
    ])  # fmt: skip
    out.append_plain([])
    notes = [("Tider", log.TIME_NOTE)]
    # Explanations of escapes and cuts only when a cell in this file has one.
    if w.escaped_cells:
        notes.append(("Tecken som inte kan sparas", ESCAPE_NOTE))
    if w.truncated_cells:
        notes.append(("Avkortad text", TRUNCATION_NOTE))
    for label, note in notes:
        out.append_cells([out.text_cell(label), out.text_cell(note, ours=True)])


def set_properties(
    workbook: Workbook, title: str, author: str, export_uuid: str, subject: str, now: datetime
) -> None:
    props = workbook.properties
    props.title = title
    props.subject = subject
    props.creator = author
    props.lastModifiedBy = author
    props.identifier = f"granska-export:{export_uuid}"
    props.keywords = "Granska; diarieföring; sociala medier"
    props.language = "sv-SE"
    props.description = "Skapad av Granska. Rad-id i första kolumnen kopplar varje rad till Granskas databas."
    utc = now.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    props.created = utc
    props.modified = utc
