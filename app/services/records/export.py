"""The removal log for the registrator, as an Excel file (its sheets: removal_workbook.py).

Streamed with openpyxl's write-only mode, so memory stays flat however many rows there are.
The file is written under a temporary name and renamed when complete, so a cancelled or failed
export leaves nothing. What the export contained is recorded (tables `exports` and
`export_rows`), which is how the registrator's diarienummer is read back (dnr_import.py).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError, os_cause
from app.core.messages import say, translate
from app.models import Account, Administrator, Export, ExportRow, Registration
from app.models.db_errors import database_failure
from app.services.accounts.identity import unregistered_name
from app.services.accounts.roles import Duty, require
from app.services.context import Actor, acting
from app.services.offline.copy import copy_fresh_at, offline_mark
from app.services.records import removal_log as log
from app.services.records.audit_witness import witness_now
from app.services.records.print_layout import TIME_ZONE_NOTE
from app.services.records.removal_workbook import RemovalLogWriter, _Contents, set_properties
from app.services.records.spreadsheet import AtomicFile, discard_workbook, save_workbook

Progress = Callable[[int, int], None]  # (rows written, rows in all)
ShouldCancel = Callable[[], bool]
PROGRESS_EVERY = 500
RECORD_BATCH = 5000


def file_name_for(date_from: date, date_to: date) -> str:
    """The file's name says its period: a month, a year, or the two days."""
    after = date_to + timedelta(days=1)
    if date_from.day == 1 and after.day == 1:
        if date_from.month == 1 and after.month == 1 and after.year == date_from.year + 1:
            return f"borttagna-{date_from:%Y}.xlsx"
        if (after.year * 12 + after.month) - (date_from.year * 12 + date_from.month) == 1:
            return f"borttagna-{date_from:%Y-%m}.xlsx"
    return f"borttagna-{date_from.isoformat()}--{date_to.isoformat()}.xlsx"


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


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


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
            raise InputError(say(translate("Core", "Okänt konto: %1"), ", ".join(unknown)))

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
            raise InputError(say(translate("Core", "Exportfilen ska sluta på .xlsx: %1"), output))
        require(self._sessions, Duty.EXPORT, self._actor, details={"file": output.name})
        export_uuid = str(uuid.uuid4())
        now = self._actor.now()
        try:
            with self._sessions() as session, AtomicFile(output, overwrite=overwrite) as target:
                self._check_accounts(session, scope.account_keys)
                n_removals, n_registrations = log.count_entries(session, scope)
                total = n_removals + n_registrations
                period = f"{request.date_from.isoformat()} – {request.date_to.isoformat()}"
                workbook = Workbook(write_only=True)
                fresh = copy_fresh_at(session)  # made offline, on the local copy: said on every page
                offline = offline_mark(fresh) if fresh is not None else ""
                heading = f"Period {period}. {TIME_ZONE_NOTE}"
                writer = RemovalLogWriter(workbook, f"{offline} {heading}" if offline else heading)
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
                    accounts = ", ".join(_account_names(session, scope.account_keys)) or "Alla konton"
                    author = _administrator_name(session, self._actor.username)
                    writer.finish([
                        *([("Gjord offline", offline)] if offline else []),
                        ("Period (båda dagarna ingår)", period),
                        ("Konton", accounts),
                        ("Skapad", log.local_naive(now)),
                        ("Skapad av", author),
                        ("Antal borttagna", writer.removals.rows),
                        ("Antal diarieförda utan borttagning", writer.registered.rows),
                        ("Exportens id", export_uuid),
                        # The audit log's end as of this export: `audit verify --witness FILE`
                        ("Granskningsloggens slut", witness_now(session, f"registratorexport {output}")),
                    ])  # fmt: skip
                    set_properties(
                        workbook,
                        f"Borttagna och diarieförda inlägg {period}"
                        + (" (gjord offline)" if offline else ""),
                        author,
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
                say(
                    translate("Core", "Kan inte skriva exportfilen %1: %2. Ingenting har ändrats."),
                    output,
                    os_cause(exc),
                )
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


def _account_names(session: Session, keys: tuple[str, ...]) -> list[str]:
    names = {
        key: name
        for key, name in session.execute(select(Account.key, Account.name).where(Account.key.in_(keys)))
    }
    return [names.get(key, key) for key in keys]


def _administrator_name(session: Session, username: str) -> str:
    """The name the registrator knows; for someone without a name on record, a readable stand-in."""
    name = session.scalar(select(Administrator.name).where(Administrator.username == username))
    return name or unregistered_name(username)


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
