from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, select

from app.core.errors import InputError
from app.models import AuditEvent, Registration
from app.services.context import Actor
from app.services.records.audit import AuditFilter, AuditService
from app.services.records.dnr_import import DiarienummerImport
from app.services.records.export import ExportService, RemovalLogRequest
from tests.helpers import moderation as m
from tests.helpers.ci import linux_tool
from tests.helpers.databases import sessions_as
from tests.helpers.libreoffice import soffice

MAY = RemovalLogRequest(date(2026, 5, 1), date(2026, 5, 31))
ACTOR = Actor("registrator", clock=lambda: datetime(2026, 6, 2, 9, 0, tzinfo=UTC))


def export(sessions, path: Path) -> Path:
    ExportService(sessions_as(sessions, ACTOR.username), ACTOR).export_removals(MAY, path)
    return path


def fill(path: Path, numbers: dict[str, object], *, sheet_order_reversed: bool = True) -> Path:
    """Do what the registrator does: sort, add a column of their own, type the numbers."""
    workbook = load_workbook(path)
    for sheet in workbook.worksheets[:2]:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        header, body = rows[0], rows[1:]
        if sheet_order_reversed:
            body.reverse()
        sheet.delete_rows(1, sheet.max_row)
        sheet.append(["Registratorns anteckning", *header])
        for row in body:
            if row[0] in numbers:
                row[header.index("Diarienummer")] = numbers[row[0]]
            sheet.append(["ok", *row])
    workbook.save(path)
    return path


def numbers(sessions) -> dict[int, str | None]:
    with sessions() as session:
        return dict(session.execute(select(Registration.id, Registration.diarienummer)).all())


def test_numbers_come_back_by_row_id_whatever_the_registrator_did_to_the_sheet(database, tmp_path):
    sessions = database.sessions
    first = m.remove(sessions, m.add_item(sessions, "a"))
    second = m.remove(sessions, m.add_item(sessions, "b"))
    registered, _ = m.register(sessions, m.add_item(sessions, "c"))
    path = fill(export(sessions, tmp_path / "logg.xlsx"), {
        f"B{first.decision_id}": "KS 2026/101", f"D{registered}": "KS 2026/102",
    })  # fmt: skip
    result = DiarienummerImport(sessions).import_file(path)
    assert result.stored and not result.conflicts
    assert {(c.row_key, c.new) for c in result.applied} == {
        (f"B{first.decision_id}", "KS 2026/101"),
        (f"D{registered}", "KS 2026/102"),
    }
    assert result.empty == 1  # the second removal has no number yet
    assert numbers(sessions) == {
        first.registration_id: "KS 2026/101",
        second.registration_id: None,
        registered: "KS 2026/102",
    }
    again = DiarienummerImport(sessions).import_file(path)
    assert (again.applied, again.unchanged, again.stored) == ([], 2, False)


def test_a_conflict_stores_nothing_and_every_conflict_is_reported(database, tmp_path):
    sessions = database.sessions
    known = m.remove(sessions, m.add_item(sessions, "a"), diarienummer="KS 2026/1")
    fresh = m.remove(sessions, m.add_item(sessions, "b"))
    twice = m.remove(sessions, m.add_item(sessions, "c"))
    path = export(sessions, tmp_path / "logg.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Borttagna"]
    keys = [row[0].value for row in sheet.iter_rows(min_row=2)]
    for row in sheet.iter_rows(min_row=2):
        row[3].value = {
            f"B{known.decision_id}": "KS 2026/999",
            f"B{fresh.decision_id}": "KS 2026/2",
            f"B{twice.decision_id}": "KS 2026/3",
        }[row[0].value]
    sheet.append([f"B{twice.decision_id}", None, None, "KS 2026/4"])
    sheet.append(["B999999", None, None, "KS 2026/5"])
    sheet.append(["ändrat id", None, None, "KS 2026/6"])
    sheet.append([keys[1], None, None, datetime(2026, 5, 17)])
    workbook.save(path)

    result = DiarienummerImport(sessions).import_file(path)
    assert not result.stored
    messages = sorted(str(c) for c in result.conflicts)
    assert len(messages) == 5, messages
    assert any("redan diarienummer KS 2026/1" in s and "KS 2026/999" in s for s in messages)
    assert any("två olika diarienummer" in s and "rad 5" in s for s in messages)
    assert any("B999999" in s and "finns inte i någon export" in s for s in messages)
    assert any("Rad-id saknas eller är ändrat" in s for s in messages)
    assert any("datum" in s for s in messages)
    assert numbers(sessions)[fresh.registration_id] is None

    skipped = DiarienummerImport(sessions).import_file(path, skip_conflicts=True)
    assert skipped.stored and [c.new for c in skipped.applied] == ["KS 2026/2"]
    assert numbers(sessions) == {
        known.registration_id: "KS 2026/1",
        fresh.registration_id: "KS 2026/2",
        twice.registration_id: None,
    }


def test_each_number_read_back_is_in_the_audit_log_and_nothing_else_is(database, tmp_path):
    sessions = database.sessions
    removal = m.remove(sessions, m.add_item(sessions, "a"))
    registered, _ = m.register(sessions, m.add_item(sessions, "c"))
    path = fill(
        export(sessions, tmp_path / "logg.xlsx"),
        {f"B{removal.decision_id}": "KS 2026/201", f"D{registered}": "KS 2026/202"},
    )
    registrator = sessions_as(sessions, ACTOR.username)  # on PostgreSQL her own login acts
    DiarienummerImport(registrator, ACTOR).import_file(path, dry_run=True)
    assert dnr_events(sessions) == []
    result = DiarienummerImport(registrator, ACTOR).import_file(path)
    events = dnr_events(sessions)
    logged = sorted((e.item_id, e.details["diarienummer"], e.details["registration_id"]) for e in events)
    assert logged == sorted((c.item_id, c.new, c.registration_id) for c in result.applied)
    assert len(logged) == 2
    assert {(e.actor, e.details["source"], e.details["export"]) for e in events} == {
        ("registrator", "import-dnr", result.export_uuid)
    }
    assert all(e.account_id is not None and e.details["previous"] is None for e in events)
    [shown] = AuditService(sessions).search(AuditFilter(actions=("diarienummer",), item_id=removal.item_id))
    assert shown.summary == f"diarienummer: KS 2026/201, från: import-dnr, rad: B{removal.decision_id}"
    chain = AuditService(sessions).verify()
    assert chain.intact
    DiarienummerImport(registrator, ACTOR).import_file(path)  # nothing new: no new events
    assert len(dnr_events(sessions)) == 2


def dnr_events(sessions) -> list[AuditEvent]:
    with sessions() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.action == "diarienummer").order_by(AuditEvent.id)
            )
        )


def test_dry_run_and_numbers_typed_as_numbers(database, tmp_path):
    sessions = database.sessions
    removal = m.remove(sessions, m.add_item(sessions, "a"))
    path = fill(export(sessions, tmp_path / "logg.xlsx"), {f"B{removal.decision_id}": 20260017})
    dry = DiarienummerImport(sessions).import_file(path, dry_run=True)
    assert [c.new for c in dry.applied] == ["20260017"] and not dry.stored
    assert numbers(sessions)[removal.registration_id] is None
    DiarienummerImport(sessions).import_file(path)
    assert numbers(sessions)[removal.registration_id] == "20260017"


def test_a_removal_registered_after_the_export_gets_its_number(database, tmp_path):
    sessions = database.sessions
    removal = m.remove(sessions, m.add_item(sessions, "a"))
    with sessions.begin() as session:  # from before each removal was registered with it
        session.execute(delete(Registration).where(Registration.decision_id == removal.decision_id))
    path = fill(export(sessions, tmp_path / "logg.xlsx"), {f"B{removal.decision_id}": "KS 2026/7"})
    early = DiarienummerImport(sessions).import_file(path)
    assert [c.message for c in early.conflicts] == ["borttagningen är ännu inte diarieförd i Granska"]
    with sessions.begin() as session:
        session.add(
            Registration(
                item_id=removal.item_id,
                decision_id=removal.decision_id,
                criterion="removal",
                registered_by="testare",
            )
        )
    assert DiarienummerImport(sessions).import_file(path).stored
    assert list(numbers(sessions).values()) == ["KS 2026/7"]


@linux_tool("LibreOffice")
def test_a_file_saved_by_libreoffice_reads_back(sqlite_db, tmp_path):
    sessions = sqlite_db.sessions
    removal = m.remove(sessions, m.add_item(sessions, "=1+1 hej"))
    path = fill(export(sessions, tmp_path / "logg.xlsx"), {f"B{removal.decision_id}": "KS 2026/8"})
    out = tmp_path / "libre"
    subprocess.run(
        [
            soffice(),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = DiarienummerImport(sessions).import_file(out / "logg.xlsx")
    assert result.stored and [c.new for c in result.applied] == ["KS 2026/8"]


def test_files_that_are_not_the_export_are_refused(sqlite_db, tmp_path):
    importer = DiarienummerImport(sqlite_db.sessions)
    with pytest.raises(InputError, match="finns inte"):
        importer.import_file(tmp_path / "saknas.xlsx")
    (tmp_path / "text.xlsx").write_text("inte ett kalkylark")
    with pytest.raises(InputError, match="ingen läsbar xlsx-fil"):
        importer.import_file(tmp_path / "text.xlsx")
    from openpyxl import Workbook

    other = Workbook()
    other.active.append(["Namn", "Nummer"])
    other.save(tmp_path / "annan.xlsx")
    with pytest.raises(InputError, match="Rad-id och Diarienummer"):
        importer.import_file(tmp_path / "annan.xlsx")
