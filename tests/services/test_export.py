from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select, update

from app.core.errors import InputError
from app.models import Export, ExportRow, Item, Registration
from app.services.context import Actor
from app.services.records.export import ExportCancelled, ExportService, RemovalLogRequest
from app.services.records.removal_log import REGISTRATION_COLUMNS, REMOVAL_COLUMNS, sheet_headers
from app.services.records.spreadsheet import escape_cell_text, unescape_cell_text
from tests.helpers import moderation as m
from tests.helpers.ci import linux_tool
from tests.helpers.databases import sessions_as
from tests.helpers.libreoffice import assert_same_cells, read_with_libreoffice

MAY = RemovalLogRequest(date(2026, 5, 1), date(2026, 5, 31))
ACTOR = Actor("registrator", clock=lambda: datetime(2026, 6, 2, 9, 0, tzinfo=UTC))

HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://evil.example";"klicka här")',
    "=cmd|' /C calc'!A0",
    "+46 70 123 45 67",
    "-2+3",
    "@SUM(A1:A2)",
    "styrtecken \x01\x02\x1b[31mröd\x1b[0m\x7f slut",
    "rad1\r\nrad2\rrad3\nrad4",
    "ogiltigt i XML: \ufffe \uffff",
    "OOXML-koder: _x0041_ och _x000D_ och _x005F_",
    "bakstreck: C:\\Users\\anna \\x41 \\\\ ¯\\_(ツ)_/¯",
    "<b>fet</b> <img src=x onerror=alert(1)> &amp; &lt;script&gt;",
    "emoji 😀👍🏽👨‍👩‍👧 🇸🇪",
    "RTL שלום عربى \u202eevil\u202c",
    "  mellanslag före och efter  ",
    "00123",
    "TRUE",
]
LONG = "Lång kommentar. " * 2500  # 40,000 characters


def col(columns, header: str) -> int:
    return sheet_headers(columns).index(header)


@pytest.fixture
def hostile_db(sqlite_db):
    sessions = sqlite_db.sessions
    m.ensure_administrator(sessions, "anna", "Anna Admin")
    ids = []
    for n, text in enumerate([*HOSTILE, LONG, "😀" * 20_000]):
        item = m.add_item(
            sessions,
            text,
            author_name=HOSTILE[n % len(HOSTILE)][:400],
            created_at=m.T0 + timedelta(minutes=n),
        )
        m.remove(
            sessions,
            item,
            motivation=HOSTILE[(n + 3) % len(HOSTILE)],
            at=m.T0 + timedelta(hours=1, minutes=n),
            by="anna",
        )
        ids.append(item)
    registered = m.add_item(sessions, "=SUM(1;2) synpunkt på gatubelysningen\x0b")
    m.register(sessions, registered, "sarskilt-intresse", motivation="@ särskilt intresse")
    return sqlite_db, ids, registered


@linux_tool("LibreOffice")
def test_hostile_text_survives_exactly_in_openpyxl_and_libreoffice(hostile_db, tmp_path):
    db, ids, registered = hostile_db
    out = tmp_path / "logg.xlsx"
    result = ExportService(sessions_as(db.sessions, ACTOR.username), ACTOR).export_removals(MAY, out)
    assert (result.removals, result.registrations) == (len(ids), 1)
    assert result.truncated_cells == 2 and result.escaped_cells > 0

    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Borttagna", "Diarieförda", "Sammanfattning"]
    rows = list(workbook["Borttagna"].iter_rows(values_only=True))
    text_col = col(REMOVAL_COLUMNS, "Fullständig text")
    for n, text in enumerate(HOSTILE):
        row = rows[1 + n]
        assert row[text_col] == escape_cell_text(text)
        assert unescape_cell_text(row[text_col]) == text
        assert row[col(REMOVAL_COLUMNS, "Avsändare")] == escape_cell_text(text)
        # The service keeps a motivation without its surrounding blanks.
        assert (
            unescape_cell_text(row[col(REMOVAL_COLUMNS, "Motivering")])
            == HOSTILE[(n + 3) % len(HOSTILE)].strip()
        )
    # Never a formula: the cells are text in the file itself.
    sheet = workbook["Borttagna"]
    assert {sheet.cell(row=r, column=text_col + 1).data_type for r in range(2, len(rows) + 1)} == {"s"}
    long_cell = rows[1 + len(HOSTILE)][text_col]
    assert long_cell.startswith(LONG[:1000]) and "[AVKORTAD: " in long_cell
    assert len(long_cell) <= 32_767

    libre = read_with_libreoffice(out, tmp_path)
    assert set(libre) == {"Borttagna", "Diarieförda", "Sammanfattning"}
    for name in workbook.sheetnames:
        assert_same_cells(workbook[name], libre[name])
    # LibreOffice did not evaluate anything: "=1+1" is not "2".
    assert libre["Borttagna"][1][text_col] == "=1+1"
    assert libre["Diarieförda"][1][col(REGISTRATION_COLUMNS, "Motivering")] == "@ särskilt intresse"


def test_dates_are_real_swedish_wall_clock_times_across_daylight_saving(database, tmp_path):
    sessions = database.sessions
    winter = m.add_item(sessions, "vinter", created_at=datetime(2026, 1, 15, 11, 0, tzinfo=UTC))
    summer = m.add_item(sessions, "sommar", created_at=datetime(2026, 7, 1, 10, 0, tzinfo=UTC))
    m.remove(sessions, winter, at=datetime(2026, 3, 29, 0, 30, tzinfo=UTC))  # 01:30 CET
    m.remove(sessions, summer, at=datetime(2026, 7, 1, 10, 15, tzinfo=UTC))
    out = tmp_path / "år.xlsx"
    ExportService(sessions_as(sessions, ACTOR.username), ACTOR).export_removals(
        RemovalLogRequest(date(2026, 1, 1), date(2026, 12, 31)), out
    )
    sheet = load_workbook(out)["Borttagna"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[1:3] for r in rows] == [
        (datetime(2026, 1, 15, 12, 0), datetime(2026, 3, 29, 1, 30)),
        (datetime(2026, 7, 1, 12, 0), datetime(2026, 7, 1, 12, 15)),
    ]
    assert sheet.cell(row=2, column=2).number_format == "yyyy-mm-dd hh:mm"
    assert "Europe/Stockholm" in sheet.cell(row=1, column=2).comment.text


def test_period_is_whole_swedish_days_and_accounts_filter(database, tmp_path):
    sessions = database.sessions
    m.ensure_account(sessions, "ig", "instagram")
    inside = m.add_item(sessions, "sista maj, sent")
    after = m.add_item(sessions, "första juni")
    other = m.add_item(sessions, "instagram", account="ig")
    m.remove(sessions, inside, at=datetime(2026, 5, 31, 21, 59, tzinfo=UTC))  # 23:59 in Sweden
    m.remove(sessions, after, at=datetime(2026, 5, 31, 22, 0, tzinfo=UTC))  # 00:00 on 1 June
    m.remove(sessions, other, at=datetime(2026, 5, 10, 12, 0, tzinfo=UTC))
    service = ExportService(sessions_as(sessions, ACTOR.username), ACTOR)
    assert service.count(MAY) == (2, 0)
    out = tmp_path / "fb.xlsx"
    service.export_removals(RemovalLogRequest(date(2026, 5, 1), date(2026, 5, 31), ("fb",)), out)
    rows = list(load_workbook(out)["Borttagna"].iter_rows(min_row=2, values_only=True))
    assert [r[col(REMOVAL_COLUMNS, "Post-id")] for r in rows] == [inside]


def test_every_column_the_registrator_needs(database, tmp_path):
    sessions = database.sessions
    m.ensure_administrator(sessions, "anna", "Anna Admin")
    item = m.add_item(
        sessions,
        "Du är ett svin",
        author_name="Troll Trollsson",
        author_id="troll1",
        author_url="https://facebook.example/troll1",
    )
    removal = m.remove(sessions, item, "personangrepp", by="anna", diarienummer="KS 2026/17", mode="delete")
    pending = m.remove(
        sessions, m.add_item(sessions, "väntar"), "reklam", platform=m.DOWN, down="Facebook svarar inte (503)"
    )
    m.remove(sessions, m.add_item(sessions, "för hand"), "svordomar", platform=m.BY_HAND)
    out = tmp_path / "k.xlsx"
    ExportService(sessions_as(sessions, ACTOR.username), ACTOR).export_removals(MAY, out)
    rows = list(load_workbook(out)["Borttagna"].iter_rows(values_only=True))
    header, first, second, third = rows
    assert list(header) == sheet_headers(REMOVAL_COLUMNS)
    cell = dict(zip(header, first, strict=True))
    assert cell["Rad-id"] == f"B{removal.decision_id}"
    assert cell["Diarienummer"] == "KS 2026/17"
    assert (cell["Kanal"], cell["Konto"]) == ("Facebook", "Vadstena kommun (fb)")  # the name, no key added
    assert (cell["Avsändare"], cell["Avsändarens id"], cell["Avsändarens profil"]) == (
        "Troll Trollsson",
        "troll1",
        "https://facebook.example/troll1",
    )
    assert cell["Kort beskrivning"].startswith("Kommentar på ")
    assert "Du är ett svin" in cell["Kort beskrivning"]
    assert (cell["Skäl (kod)"], cell["Skäl"]) == ("personangrepp", "Personangrepp eller förolämpning")
    assert cell["Motivering"] == "Kommentaren innehöll personangrepp."
    assert cell["Beslutad av"] == "Anna Admin"  # the name the registrator knows, not the login
    assert (cell["Åtgärd på plattformen"], cell["Resultat"]) == (
        "Raderad",
        "Borttagen: Raderad på plattformen.",
    )
    assert cell["Offentligt meddelande"].startswith("Hej! Vi har tagit bort en kommentar")
    assert cell["Meddelandets länk eller status"] == "https://facebook.example/p1?c=notice"
    assert cell["Bevisets SHA-256"] == removal.evidence_sha256
    assert cell["Post-id"] == item
    cell = dict(zip(header, second, strict=True))
    assert cell["Rad-id"] == f"B{pending.decision_id}" and cell["Diarienummer"] is None
    assert cell["Resultat"] == "Väntar på plattformen: Facebook svarar inte (503)"
    assert cell["Meddelandets länk eller status"] == "Köat, ännu inte publicerat"
    cell = dict(zip(header, third, strict=True))
    # By hand: the notice waits until someone confirms the comment is gone.
    assert (cell["Åtgärd på plattformen"], cell["Resultat"], cell["Meddelandets länk eller status"]) == (
        "För hand",
        "Ska tas bort för hand",
        "Köat, ännu inte publicerat",
    )


def test_the_full_text_is_what_was_saved_before_the_removal(database, tmp_path):
    """The author edited the comment after it was removed: the log keeps what was removed."""
    sessions = database.sessions
    removed = m.add_item(sessions, "Du är en idiot, Bertil")
    m.remove(sessions, removed, "personangrepp")
    registered = m.add_item(sessions, "Gatlyktan på Storgatan är trasig")
    m.register(sessions, registered, "atgard")
    with sessions.begin() as session:
        for item_id in (removed, registered):
            session.execute(update(Item).where(Item.id == item_id).values(text="(ändrad i efterhand)"))
    out = tmp_path / "sparat.xlsx"
    ExportService(sessions_as(sessions, ACTOR.username), ACTOR).export_removals(MAY, out)
    book = load_workbook(out)
    removal = dict(zip(*list(book["Borttagna"].iter_rows(values_only=True))[:2], strict=True))
    assert removal["Fullständig text"] == "Du är en idiot, Bertil"
    assert removal["Kort beskrivning"].endswith(": Du är en idiot, Bertil")
    registration = dict(zip(*list(book["Diarieförda"].iter_rows(values_only=True))[:2], strict=True))
    assert registration["Fullständig text"] == "Gatlyktan på Storgatan är trasig"


def test_layout_properties_and_summary(database, tmp_path):
    sessions = database.sessions
    for n, reason in enumerate(["hets", "hets", "reklam"]):
        m.remove(
            sessions, m.add_item(sessions, f"k{n}"), reason, at=datetime(2026, 4 + n, 20, 12, 0, tzinfo=UTC)
        )
    m.register(sessions, m.add_item(sessions, "fråga"), "atgard", at=datetime(2026, 5, 2, 12, 0, tzinfo=UTC))
    out = tmp_path / "v.xlsx"
    ExportService(sessions_as(sessions, ACTOR.username), ACTOR).export_removals(
        RemovalLogRequest(date(2026, 4, 1), date(2026, 6, 30)), out
    )
    workbook = load_workbook(out)
    props = workbook.properties
    assert props.title == "Borttagna och diarieförda inlägg 2026-04-01 – 2026-06-30"
    assert props.creator == "okänd användare (registrator)" and props.identifier.startswith("granska-export:")
    sheet = workbook["Borttagna"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:V4"
    text = get_column_letter(col(REMOVAL_COLUMNS, "Fullständig text") + 1)
    assert sheet.column_dimensions[text].width == 60
    assert sheet[f"{text}2"].alignment.wrap_text and sheet["A1"].font.b
    assert workbook["Diarieförda"].auto_filter.ref == "A1:R2"
    summary = [r for r in workbook["Sammanfattning"].iter_rows(values_only=True) if any(r)]
    assert ("hets", "Hets mot folkgrupp", 2) in summary
    assert ("reklam", "Reklam eller kommersiellt budskap", 1) in summary
    months = [r for r in summary if isinstance(r[0], datetime)]
    assert [(r[0].month, r[2]) for r in months] == [(4, 1), (5, 1), (6, 1)]
    assert ("atgard", "Leder till åtgärd", 1) in summary


def test_the_export_records_what_it_contained(database, tmp_path):
    sessions = database.sessions
    removal = m.remove(sessions, m.add_item(sessions, "a"))
    registration_id, _ = m.register(sessions, m.add_item(sessions, "b"))
    out = tmp_path / "r.xlsx"
    result = ExportService(sessions_as(sessions, ACTOR.username), ACTOR).export_removals(MAY, out)
    with sessions() as session:
        export = session.get(Export, result.export_id)
        assert (export.kind, export.removal_rows, export.registration_rows) == ("removals", 1, 1)
        assert export.sha256 == result.sha256 and export.filename == "r.xlsx"
        assert (export.period_from, export.period_to) == (date(2026, 5, 1), date(2026, 5, 31))
        keys = set(session.scalars(select(ExportRow.row_key).where(ExportRow.export_id == export.id)))
        assert keys == {f"B{removal.decision_id}", f"D{registration_id}"}
        exported = session.scalars(select(Registration.exported_at)).all()
        assert exported == [ACTOR.now(), ACTOR.now()]
    printed = {r[0] for r in load_workbook(out)["Borttagna"].iter_rows(min_row=2, values_only=True)}
    assert printed == {f"B{removal.decision_id}"}


def test_cancel_leaves_no_file_no_temporary_files_and_no_record(sqlite_db, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    m.bulk_removals(sqlite_db.sessions, 1200)
    seen: list[tuple[int, int]] = []
    out_dir = tmp_path / "ut"
    out_dir.mkdir()
    with pytest.raises(ExportCancelled):
        ExportService(sqlite_db.sessions, ACTOR).export_removals(
            MAY,
            out_dir / "avbruten.xlsx",
            progress=lambda d, t: seen.append((d, t)),
            should_cancel=lambda: len(seen) >= 2,
        )
    assert seen == [(0, 1200), (500, 1200)]
    assert list(out_dir.iterdir()) == [] and list(scratch.iterdir()) == []
    with sqlite_db.sessions() as session:
        assert session.scalars(select(Export)).all() == []
        assert set(session.scalars(select(Registration.exported_at))) == {None}


def test_progress_reaches_the_total(sqlite_db, tmp_path):
    m.bulk_removals(sqlite_db.sessions, 1001)
    seen = []
    ExportService(sqlite_db.sessions, ACTOR).export_removals(
        MAY, tmp_path / "p.xlsx", progress=lambda d, t: seen.append((d, t))
    )
    assert seen[0] == (0, 1001) and seen[-1] == (1001, 1001)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize(
    ("request_", "name", "message"),
    [
        (RemovalLogRequest(date(2026, 5, 31), date(2026, 5, 1)), "a.xlsx", "slutar"),
        (RemovalLogRequest(date(2026, 5, 1), date(2026, 5, 31), ("finnsinte",)), "a.xlsx", "Okänt konto"),
        (MAY, "a.csv", ".xlsx"),
        (MAY, "saknad-mapp/a.xlsx", "finns inte"),
    ],
)
def test_bad_requests_are_input_errors_and_write_nothing(database, tmp_path, request_, name, message):
    m.remove(database.sessions, m.add_item(database.sessions))
    out = tmp_path / "ut"
    out.mkdir()
    with pytest.raises(InputError, match=message):
        ExportService(database.sessions, ACTOR).export_removals(request_, out / name)
    assert list(out.iterdir()) == []
    with database.sessions() as session:
        assert session.scalars(select(Export)).all() == []


def test_an_existing_file_is_kept_unless_overwrite(database, tmp_path):
    out = tmp_path / "ifylld.xlsx"
    out.write_bytes(b"registratorns arbete")
    with pytest.raises(InputError, match="finns redan"):
        ExportService(database.sessions, ACTOR).export_removals(MAY, out)
    assert out.read_bytes() == b"registratorns arbete"
    ExportService(database.sessions, ACTOR).export_removals(MAY, out, overwrite=True)
    assert load_workbook(out).sheetnames[0] == "Borttagna"


def test_a_failed_commit_takes_the_renamed_file_back(database, tmp_path, monkeypatch):
    import app.services.records.export as export_module

    m.remove(database.sessions, m.add_item(database.sessions))
    original = export_module._record

    def record_then_fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        original(*args, **kwargs)  # the file is renamed into place here
        raise RuntimeError("the database went away before the commit")

    monkeypatch.setattr(export_module, "_record", record_then_fail)
    out = tmp_path / "ut"
    out.mkdir()
    with pytest.raises(RuntimeError):
        ExportService(database.sessions, ACTOR).export_removals(MAY, out / "logg.xlsx")
    assert list(out.iterdir()) == []
    with database.sessions() as session:
        assert session.scalars(select(Export)).all() == []
        assert set(session.scalars(select(Registration.exported_at))) == {None}
