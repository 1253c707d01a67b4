"""Reading the registrator's diarienummer back from the removal log they filled in.

Rows are matched by the Rad-id Granska printed (B<decision> on Borttagna, D<registration> on
Diarieförda), never by position, so sorting, filtering or adding columns in Excel is harmless.
All numbers are stored in one transaction, each with its event in the audit log (the same
"diarienummer" event as when it is typed into Granska, saying it came from the file). A
conflict (an unknown row id, a number that differs from the one Granska already has, one row
given two numbers) stops the whole import unless the caller asks to skip the conflicting rows.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError
from app.core.messages import say, told, translate
from app.models import Decision, ExportRow, Item, Registration
from app.models.db_errors import database_failure
from app.services.context import Actor, acting
from app.services.records.audit import AuditWriter
from app.services.records.removal_log import REMOVAL_CRITERION

ROW_ID_HEADER = "Rad-id"
DNR_HEADER = "Diarienummer"
ROW_KEY = re.compile(r"^([BD])(\d{1,18})$")
MAX_DNR = 100  # the column's width in the database


@dataclass(frozen=True)
class DnrRow:
    sheet: str
    line: int  # the spreadsheet's row number, as the registrator sees it
    row_key: str
    value: Any


@dataclass(frozen=True)
class DnrChange:
    row_key: str
    item_id: int
    registration_id: int
    old: str | None
    new: str


@dataclass(frozen=True)
class DnrConflict:
    sheet: str
    line: int
    row_key: str
    message: str

    def __str__(self) -> str:
        return self.said

    @property
    def said(self) -> str:
        """The sheet, row and what is wrong: a Message, so the window says it in its language."""
        if self.row_key:
            return say(
                translate("Core", "%1 rad %2 (%3): %4"), self.sheet, self.line, self.row_key, self.message
            )
        return say(translate("Core", "%1 rad %2 (utan Rad-id): %3"), self.sheet, self.line, self.message)


@dataclass(frozen=True)
class DnrImportResult:
    applied: list[DnrChange] = field(default_factory=list)
    unchanged: int = 0
    empty: int = 0
    conflicts: list[DnrConflict] = field(default_factory=list)
    export_uuid: str | None = None
    stored: bool = False  # False: a dry run, or refused because of conflicts


def clean_diarienummer(value: Any) -> str:
    """The registrator's number as text; raises InputError for what cannot be one."""
    if isinstance(value, bool) or isinstance(value, datetime | date):
        raise InputError(
            translate(
                "Core",
                "cellen tolkades som datum eller sanningsvärde, inte som text; "
                "formatera kolumnen som text och skriv numret igen",
            )
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    if any(ord(ch) < 32 for ch in str(value).strip(" \t\r\n")):
        raise InputError(translate("Core", "diarienumret innehåller styrtecken"))
    if len(text) > MAX_DNR:
        raise InputError(say(translate("Core", "diarienumret är längre än %1 tecken"), MAX_DNR))
    return text


def read_dnr_rows(path: Path) -> tuple[list[DnrRow], str | None]:
    """Every row that has a Rad-id, from every sheet with both columns; and the export id."""
    if not path.is_file():
        raise InputError(say(translate("Core", "Filen %1 finns inte."), path))
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(say(translate("Core", "%1 är ingen läsbar xlsx-fil (%2)."), path, exc)) from exc
    rows: list[DnrRow] = []
    sheets_found = 0
    try:
        identifier = workbook.properties.identifier or ""
        export_uuid = identifier.removeprefix("granska-export:") if identifier else None
        for sheet in workbook.worksheets:
            lines = sheet.iter_rows(values_only=True)
            header = next(lines, None)
            if not header:
                continue
            names = [str(h).strip() if h is not None else "" for h in header]
            if ROW_ID_HEADER not in names or DNR_HEADER not in names:
                continue
            sheets_found += 1
            key_col, dnr_col = names.index(ROW_ID_HEADER), names.index(DNR_HEADER)
            for line, values in enumerate(lines, start=2):
                key = values[key_col] if key_col < len(values) else None
                value = values[dnr_col] if dnr_col < len(values) else None
                if key is None and value is None:
                    continue
                rows.append(DnrRow(sheet.title, line, str(key or "").strip(), value))
    finally:
        workbook.close()
    if sheets_found == 0:
        raise InputError(
            say(
                translate(
                    "Core",
                    "%1 har inget blad med kolumnerna %2 och %3. "
                    "Använd filen som granska export removals skapade.",
                ),
                path.name,
                ROW_ID_HEADER,
                DNR_HEADER,
            )
        )
    return rows, export_uuid


class DiarienummerImport:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = acting(sessions, actor)

    def import_file(
        self, path: Path, *, skip_conflicts: bool = False, dry_run: bool = False
    ) -> DnrImportResult:
        rows, export_uuid = read_dnr_rows(Path(path))
        try:
            with self._sessions.begin() as session:
                # The audit chain's lock first: a number typed in Granska meanwhile waits, or is seen.
                audit = None if dry_run else AuditWriter(session)
                result = self._match(session, rows, export_uuid)
                store = audit is not None and (skip_conflicts or not result.conflicts)
                if audit is not None and store:
                    self._store(session, audit, result.applied, export_uuid)
        except SQLAlchemyError as exc:
            raise EnvironmentFault(database_failure(exc)) from exc
        return DnrImportResult(
            result.applied,
            result.unchanged,
            result.empty,
            result.conflicts,
            export_uuid,
            store and bool(result.applied),
        )

    def _store(
        self, session: Session, audit: AuditWriter, changes: list[DnrChange], export_uuid: str | None
    ) -> None:
        now = self._actor.now()
        accounts = _account_ids(session, [change.item_id for change in changes])
        for change in changes:
            registration = session.get(Registration, change.registration_id)
            assert registration is not None
            registration.diarienummer = change.new
            audit.add(
                self._actor.username,
                now,
                "diarienummer",
                item_id=change.item_id,
                account_id=accounts.get(change.item_id),
                details={
                    "registration_id": change.registration_id,
                    "diarienummer": change.new,
                    "previous": change.old,
                    "source": "import-dnr",
                    "row": change.row_key,
                    "export": export_uuid,
                },
            )
        audit.flush()

    def _match(self, session: Session, rows: list[DnrRow], export_uuid: str | None) -> DnrImportResult:
        conflicts: list[DnrConflict] = []
        wanted: dict[str, tuple[DnrRow, str]] = {}
        ambiguous: set[str] = set()
        empty = 0
        for row in rows:
            if row.value is None or (isinstance(row.value, str) and not row.value.strip()):
                empty += 1
                continue
            if not ROW_KEY.match(row.row_key):
                conflicts.append(
                    DnrConflict(
                        row.sheet, row.line, row.row_key, translate("Core", "Rad-id saknas eller är ändrat")
                    )
                )
                continue
            try:
                number = clean_diarienummer(row.value)
            except InputError as exc:
                conflicts.append(DnrConflict(row.sheet, row.line, row.row_key, told(exc)))
                continue
            earlier = wanted.get(row.row_key)
            if earlier is not None and earlier[1] != number:
                conflicts.append(DnrConflict(
                    row.sheet, row.line, row.row_key,
                    say(translate("Core", "samma rad har två olika diarienummer: %1 (rad %2) och %3"),
                        earlier[1], earlier[0].line, number),
                ))  # fmt: skip
                ambiguous.add(row.row_key)
                continue
            wanted[row.row_key] = (row, number)
        for key in ambiguous:
            del wanted[key]  # which of the two numbers is right is for the registrator to say

        exported = _exported_rows(session, list(wanted))
        applied: list[DnrChange] = []
        unchanged = 0
        for key, (row, number) in wanted.items():
            known = exported.get(key)
            if known is None:
                conflicts.append(
                    DnrConflict(
                        row.sheet,
                        row.line,
                        key,
                        translate("Core", "Rad-id finns inte i någon export från Granska"),
                    )
                )
                continue
            registration = _registration_for(session, key, known)
            if registration is None:
                conflicts.append(
                    DnrConflict(
                        row.sheet,
                        row.line,
                        key,
                        translate("Core", "borttagningen är ännu inte diarieförd i Granska"),
                    )
                )
                continue
            if registration.diarienummer == number:
                unchanged += 1
            elif registration.diarienummer:
                conflicts.append(DnrConflict(
                    row.sheet, row.line, key,
                    say(translate("Core", "Granska har redan diarienummer %1; filen säger %2. "
                                      "Rätta det i Granska eller i filen."),
                        registration.diarienummer, number),
                ))  # fmt: skip
            else:
                applied.append(DnrChange(key, registration.item_id, registration.id, None, number))
        return DnrImportResult(applied, unchanged, empty, conflicts, export_uuid)


def _account_ids(session: Session, item_ids: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for start in range(0, len(item_ids), 1000):
        chunk = item_ids[start : start + 1000]
        found.update(
            (item_id, account_id)
            for item_id, account_id in session.execute(
                select(Item.id, Item.account_id).where(Item.id.in_(chunk))
            )
        )
    return found


def _exported_rows(session: Session, keys: list[str]) -> dict[str, ExportRow]:
    """The most recent export row under each key (an id printed by some export)."""
    found: dict[str, ExportRow] = {}
    for start in range(0, len(keys), 1000):
        chunk = keys[start : start + 1000]
        for row in session.scalars(
            select(ExportRow).where(ExportRow.row_key.in_(chunk)).order_by(ExportRow.id)
        ):
            found[row.row_key] = row
    return found


def _registration_for(session: Session, key: str, exported: ExportRow) -> Registration | None:
    if exported.registration_id:
        return session.get(Registration, exported.registration_id)
    if key.startswith("D"):
        return None
    # The removal had no registration when it was exported; it may have one now.
    decision = session.get(Decision, exported.decision_id) if exported.decision_id else None
    if decision is None:
        return None
    return session.scalars(
        select(Registration)
        .where(
            Registration.item_id == decision.item_id,
            Registration.criterion == REMOVAL_CRITERION,
            (Registration.decision_id == decision.id) | Registration.decision_id.is_(None),
        )
        .order_by(Registration.decision_id.is_(None), Registration.id.desc())
        .limit(1)
    ).first()
