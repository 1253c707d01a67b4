"""The registrator's export in a process of its own (app/services/records/export_process.py):
progress arrives, a cancel leaves no file and the next export works, the file reads back."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.core.errors import InputError
from app.models import Export
from app.services.context import Actor, acting
from app.services.records.audit_verify import verify_chain
from app.services.records.export import ExportCancelled, RemovalLogRequest
from app.services.records.export_process import export_in_process
from tests.helpers import moderation as m

EVERYTHING = RemovalLogRequest(date(2000, 1, 1), date(2100, 12, 31))


def _url(db) -> str:  # type: ignore[no-untyped-def]
    return str(db.engine.url.render_as_string(hide_password=False))


def test_the_export_runs_in_a_child_and_reads_back(database, tmp_path):
    m.bulk_removals(database.sessions, 1200)
    seen: list[tuple[int, int]] = []
    out = tmp_path / "logg.xlsx"
    result = export_in_process(
        _url(database), "anna", EVERYTHING, out, progress=lambda d, t: seen.append((d, t))
    )
    assert result.removals == 1200 and result.path == out
    assert seen[0] == (0, result.removals + result.registrations) and seen[-1][0] == seen[-1][1]
    assert len(seen) >= 3  # along the way, not only at the end
    rows = list(load_workbook(out)["Borttagna"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1200
    with database.sessions() as session:
        export = session.scalars(select(Export)).one()
        # who acts: "anna" on SQLite, the connection's login on PostgreSQL, as in the window
        assert (export.created_by, export.uuid) == (
            acting(database.sessions, Actor("anna")).username,
            result.uuid,
        )


def test_cancel_leaves_no_file_and_the_next_export_works(sqlite_db, tmp_path):
    m.bulk_removals(sqlite_db.sessions, 3000)
    folder = tmp_path / "till-registratorn"
    folder.mkdir()
    out = folder / "logg.xlsx"
    started = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 500:
            started.set()

    with pytest.raises(ExportCancelled):
        export_in_process(
            _url(sqlite_db), "anna", EVERYTHING, out, progress=progress, should_cancel=started.is_set
        )
    assert list(folder.iterdir()) == []  # neither the file nor its temporary
    with sqlite_db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Export)) == 0
    result = export_in_process(_url(sqlite_db), "anna", EVERYTHING, out)
    assert result.removals == 3000 and [p.name for p in folder.iterdir()] == ["logg.xlsx"]
    assert load_workbook(out)["Borttagna"].max_row == 3001
    with sqlite_db.sessions() as session:
        # the chain of events is whole (bulk_removals' rows are written outside it, on purpose)
        report = verify_chain(session)
        assert report.events >= 1 and report.first_broken_event is None


def test_the_childs_refusal_arrives_as_itself(sqlite_db, tmp_path):
    (tmp_path / "finns.xlsx").write_bytes(b"registratorns fil")
    with pytest.raises(InputError, match="finns redan"):
        export_in_process(_url(sqlite_db), "anna", EVERYTHING, tmp_path / "finns.xlsx")
    assert (tmp_path / "finns.xlsx").read_bytes() == b"registratorns fil"
    result = export_in_process(_url(sqlite_db), "anna", EVERYTHING, tmp_path / "ny.xlsx")
    assert result.removals == 0 and (tmp_path / "ny.xlsx").exists()


def test_only_a_database_another_process_can_open_is_exported_there():
    from sqlalchemy.engine import make_url

    from app.services.records.export_process import shareable

    assert shareable(make_url("sqlite:////tmp/granska.db"))
    assert shareable(make_url("postgresql+psycopg://anna@db.kommun.se/granska"))
    assert not shareable(make_url("sqlite://")) and not shareable(make_url("sqlite:///:memory:"))


def test_a_cancel_while_the_child_starts_stops_it_at_once(sqlite_db, tmp_path):
    m.bulk_removals(sqlite_db.sessions, 200)
    folder = tmp_path / "till-registratorn"
    folder.mkdir()
    with pytest.raises(ExportCancelled):
        export_in_process(
            _url(sqlite_db), "anna", EVERYTHING, folder / "logg.xlsx", should_cancel=lambda: True
        )
    assert list(folder.iterdir()) == []
    result = export_in_process(_url(sqlite_db), "anna", EVERYTHING, folder / "logg.xlsx")
    assert result.removals == 200 and [p.name for p in folder.iterdir()] == ["logg.xlsx"]
