"""The removal log for the registrator, as an Excel file: sheets Borttagna (one row per
removal), Diarieförda (items registered without removal) and Sammanfattning (counts per reason,
account and month).

Streamed with openpyxl's write-only mode, so memory stays flat however many rows there are.
The file is written under a temporary name and renamed when complete, so a cancelled or failed
export leaves nothing. What the export contained is recorded (tables `exports` and
`export_rows`), which is how the registrator's diarienummer is read back (dnr_import.py).
"""

from __future__ import annotations

import hashlib
import uuid
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlalchemy import insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError, os_cause
from app.models import Account, Export, ExportRow, Registration
from app.models.db_errors import database_failure
from app.services.accounts.roles import Duty, require
from app.services.context import Actor, acting
from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.records import removal_log as log
from app.services.records.audit_witness import witness_now
from app.services.records.spreadsheet import (
    MONTH_FORMAT,
    TRUNCATION_MARKER,
    AtomicFile,
    Column,
    SheetWriter,
    discard_workbook,
    save_workbook,
)

Progress = Callable[[int, int], None]  # (rows written, rows in all)
ShouldCancel = Callable[[], bool]
PROGRESS_EVERY = 500
RECORD_BATCH = 5000

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


class ExportCancelled(Exception):
    """The user cancelled; no file was written and nothing was recorded."""


@dataclass(frozen=True)
class ExportResult:
    export_id: int
    uuid: str
    path: Path
    removals: int
    registrations: int
    sha256: str
    escaped_cells: int
    truncated_cells: int


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


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class RemovalLogWriter:
    """Writes the three sheets into a streaming workbook; shared with the evidence package."""

    def __init__(self, workbook: Workbook) -> None:
        self.removals = SheetWriter(workbook, "Borttagna", log.REMOVAL_COLUMNS)
        self.registered = SheetWriter(workbook, "Diarieförda", log.REGISTRATION_COLUMNS)
        # The summary has no table of its own; the columns only give the widths.
        self.summary = SheetWriter(
            workbook, "Sammanfattning", [Column("", width=40), Column("", width=44),
                                         Column("", width=10)],
            header=False, filter_and_freeze=False,
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
        self.by_account[values[5]] += 1
        removed_at = values[2]  # Swedish time, so a removal at 00:30 on 1 June counts in June
        self.by_month[(removed_at.year, removed_at.month)] += 1

    def write_registration(self, row: Any) -> None:
        self.registered.append(log.registration_values(row))
        self.contents.add("D", row.item_id, None, row.registration_id)
        self.by_criterion[row.criterion] += 1

    def finish(self, facts: list[tuple[str, Any]]) -> None:
        self.removals.close()
        self.registered.close()
        _write_summary(self.summary, self, facts)

    @property
    def escaped_cells(self) -> int:
        return self.removals.escaped_cells + self.registered.escaped_cells

    @property
    def truncated_cells(self) -> int:
        return self.removals.truncated_cells + self.registered.truncated_cells


_BOLD = Font(bold=True)


def _write_summary(out: SheetWriter, w: RemovalLogWriter, facts: list[tuple[str, Any]]) -> None:
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
    for note in (log.TIME_NOTE, ESCAPE_NOTE, TRUNCATION_NOTE):
        out.append_plain([note], ours=True)


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


@dataclass(frozen=True)
class RemovalLogRequest:
    date_from: date
    date_to: date
    account_keys: tuple[str, ...] = ()


class ExportService:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = acting(sessions, actor)

    def _check_accounts(self, session: Session, keys: tuple[str, ...]) -> None:
        known = set(session.scalars(select(Account.key).where(Account.key.in_(keys))))
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise InputError("Okänt konto: " + ", ".join(unknown))

    def count(self, request: RemovalLogRequest) -> tuple[int, int]:
        """(removals, registrations) the export would contain."""
        scope = log.period_scope(request.date_from, request.date_to, request.account_keys)
        with self._sessions() as session:
            return log.count_entries(session, scope)

    def export_removals(
        self,
        request: RemovalLogRequest,
        output: Path,
        *,
        overwrite: bool = False,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> ExportResult:
        scope = log.period_scope(request.date_from, request.date_to, request.account_keys)
        output = Path(output)
        if output.suffix.lower() != ".xlsx":
            raise InputError(f"Exportfilen ska sluta på .xlsx: {output}")
        require(self._sessions, Duty.EXPORT, self._actor, details={"file": output.name})
        export_uuid = str(uuid.uuid4())
        now = self._actor.now()
        try:
            with self._sessions() as session, AtomicFile(output, overwrite=overwrite) as target:
                self._check_accounts(session, scope.account_keys)
                n_removals, n_registrations = log.count_entries(session, scope)
                total = n_removals + n_registrations
                workbook = Workbook(write_only=True)
                writer = RemovalLogWriter(workbook)
                try:
                    done = 0
                    for stmt, write in (
                        (log.removal_statement(scope), writer.write_removal),
                        (log.registration_statement(scope), writer.write_registration),
                    ):
                        for row in log.stream(session, stmt):
                            if done % PROGRESS_EVERY == 0:
                                if should_cancel is not None and should_cancel():
                                    raise ExportCancelled
                                if progress is not None:
                                    progress(done, total)
                            write(row)
                            done += 1
                    period = f"{request.date_from.isoformat()} – {request.date_to.isoformat()}"
                    accounts = ", ".join(scope.account_keys) or "Alla konton"
                    writer.finish([
                        ("Period (svensk tid, båda dagarna ingår)", period),
                        ("Konton", accounts),
                        ("Skapad", log.local_naive(now)),
                        ("Skapad av", self._actor.username),
                        ("Antal borttagna", writer.removals.rows),
                        ("Antal diarieförda utan borttagning", writer.registered.rows),
                        ("Exportens id", export_uuid),
                        # The audit log's end as of this export: `audit verify --witness FILE`
                        ("Granskningsloggens slut", witness_now(session, f"registratorexport {output}")),
                    ])  # fmt: skip
                    set_properties(
                        workbook,
                        f"Borttagna och diarieförda inlägg {period}",
                        self._actor.username,
                        export_uuid,
                        "Underlag för diarieföring enligt riktlinjerna för sociala medier",
                        now,
                    )
                    save_workbook(workbook, target.path)
                except BaseException:
                    discard_workbook(workbook)
                    raise
                if progress is not None:
                    progress(total, total)
                digest = file_sha256(target.path)
                export_id = commit_export(
                    self._sessions, target, kind="removals", export_uuid=export_uuid, now=now,
                    sha256=digest, created_by=self._actor.username, writer=writer,
                    period=(request.date_from, request.date_to),
                    account_keys=list(scope.account_keys), mark_exported=True,
                )  # fmt: skip
        except SQLAlchemyError as exc:
            raise EnvironmentFault(database_failure(exc)) from exc
        except OSError as exc:
            raise EnvironmentFault(
                f"Kan inte skriva exportfilen {output}: {os_cause(exc)}. Ingenting har ändrats."
            ) from exc
        return ExportResult(
            export_id,
            export_uuid,
            output,
            writer.removals.rows,
            writer.registered.rows,
            digest,
            writer.escaped_cells,
            writer.truncated_cells,
        )


def commit_export(
    sessions: sessionmaker[Session],
    target: AtomicFile,
    *,
    kind: str,
    export_uuid: str,
    now: datetime,
    sha256: str,
    created_by: str,
    writer: RemovalLogWriter,
    period: tuple[date, date] | None,
    account_keys: list[str],
    mark_exported: bool,
    extra_rows: list[dict[str, Any]] | None = None,
    details: dict[str, Any] | None = None,
) -> int:
    """Record the export and put the file in place: both or neither. In one transaction the
    export and its rows are written, then the file is renamed into place, then the commit; if
    the rename fails the transaction rolls back, if the commit fails the file is taken back."""
    try:
        with sessions.begin() as session:
            return _record(
                session,
                target,
                kind=kind,
                export_uuid=export_uuid,
                now=now,
                sha256=sha256,
                created_by=created_by,
                contents=writer.contents,
                counts=(writer.removals.rows, writer.registered.rows),
                period=period,
                account_keys=account_keys,
                mark_exported=mark_exported,
                extra_rows=extra_rows,
                details=details,
            )
    except BaseException:
        if target.done:
            target.target.unlink(missing_ok=True)
        raise


def _record(
    session: Session,
    target: AtomicFile,
    *,
    kind: str,
    export_uuid: str,
    now: datetime,
    sha256: str,
    created_by: str,
    contents: _Contents,
    counts: tuple[int, int],
    period: tuple[date, date] | None,
    account_keys: list[str],
    mark_exported: bool,
    extra_rows: list[dict[str, Any]] | None,
    details: dict[str, Any] | None,
) -> int:
    export = Export(
        uuid=export_uuid, kind=kind, created_at=now, created_by=created_by,
        period_from=period[0] if period else None, period_to=period[1] if period else None,
        account_keys=account_keys or None, filename=target.target.name, sha256=sha256,
        removal_rows=counts[0], registration_rows=counts[1], details=details,
    )  # fmt: skip
    session.add(export)
    session.flush()
    table = ExportRow.__table__
    batch: list[dict[str, Any]] = []
    for i in range(len(contents)):
        batch.append({"export_id": export.id, **contents.row(i)})
        if len(batch) >= RECORD_BATCH:
            session.execute(insert(table), batch)
            batch = []
    for row in extra_rows or ():
        batch.append({"export_id": export.id, **row})
    if batch:
        session.execute(insert(table), batch)
    if mark_exported:
        for start in range(0, len(contents), RECORD_BATCH):
            ids = [r for r in contents.registrations[start : start + RECORD_BATCH] if r]
            session.execute(
                update(Registration)
                .where(Registration.id.in_(ids),
                       Registration.exported_at.is_(None))
                .values(exported_at=now)
                .execution_options(synchronize_session=False)
            )  # fmt: skip
    session.flush()
    target.commit()
    return export.id
