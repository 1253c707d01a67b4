"""The registrator's workbook as it prints: LibreOffice turns it into a PDF, poppler reads it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from openpyxl import load_workbook

from app.services.context import Actor
from app.services.records.export import ExportService, RemovalLogRequest
from app.services.records.removal_log import REMOVAL_COLUMNS, excerpt, sheet_headers
from app.services.records.removal_workbook import ESCAPE_NOTE, TRUNCATION_NOTE
from app.services.records.spreadsheet import escape_cell_text
from tests.helpers import moderation as m
from tests.helpers.ci import linux_tool
from tests.helpers.databases import sessions_as
from tests.helpers.libreoffice import print_with_libreoffice

MAY = RemovalLogRequest(date(2026, 5, 1), date(2026, 5, 31))
ACTOR = Actor("registrator", clock=lambda: datetime(2026, 6, 2, 9, 0, tzinfo=UTC))
COMMENTS = [
    "Ni på kommunen är idioter allihop, det vet ju alla som bor här sedan länge och ingen bryr sig.",
    "Köp billiga solglasögon med rabattkoden VADSTENA50 på www.billigt-exempel.se redan i dag!",
    "Handläggaren på bygglov är en inkompetent lögnhals som borde sparkas på studs, skäms!",
    "Helvete vad dåligt plogat det är på vår gata igen, fan ta er allihop på tekniska kontoret.",
    "Ring mig på 070-123 45 67 så berättar jag vad grannen på Storgatan 5 egentligen håller på med.",
]
REASONS = ["personangrepp", "reklam", "personangrepp", "svordomar", "sekretess"]


def _a_month(sessions) -> None:
    """A typical month: 30 removals by two administrators, 8 registrations."""
    m.ensure_administrator(sessions, "anna", "Anna Admin")
    m.ensure_administrator(sessions, "bertil", "Bertil Berg")
    for n in range(30):
        item = m.add_item(
            sessions,
            COMMENTS[n % len(COMMENTS)],
            author_name="=1+1" if n == 7 else f"Avsändare Nummer{n}",
            created_at=datetime(2026, 5, 1 + n, 9, 0, tzinfo=UTC),
        )
        m.remove(
            sessions, item, REASONS[n % len(REASONS)], by=("anna", "bertil")[n % 2],
            at=datetime(2026, 5, 1 + n, 10, 0, tzinfo=UTC),
        )  # fmt: skip
    for n in range(8):
        item = m.add_item(
            sessions,
            "Gatlyktan utanför skolan på Klostergatan har varit trasig i tre veckor nu, när lagas den?",
            created_at=datetime(2026, 5, 2 + n, 9, 0, tzinfo=UTC),
        )
        m.register(sessions, item, "atgard", by="anna", at=datetime(2026, 5, 2 + n, 11, 0, tzinfo=UTC))


@linux_tool("LibreOffice and poppler")
def test_a_months_log_prints_one_a4_page_wide_with_the_header_on_every_page(database, tmp_path):
    sessions = database.sessions
    _a_month(sessions)
    out = tmp_path / "maj.xlsx"
    ExportService(sessions_as(sessions, ACTOR.username), ACTOR).export_removals(MAY, out)

    size, pages = print_with_libreoffice(out, tmp_path)
    assert "(A4)" in size and size.split()[2] > size.split()[4]  # A4, wider than high: landscape
    removal_pages = [p for p in pages if p.lstrip().startswith("Borttagna")]
    registration_pages = [p for p in pages if p.lstrip().startswith("Diarieförda")]
    assert removal_pages and registration_pages
    # One page wide: every page has the first and the last printed column, and their headers.
    for page in removal_pages:
        assert "Rad-id" in page and "Meddelandets" in page and "Beslutad av" in page
    for page in registration_pages:
        assert "Rad-id" in page and "Diarieförd av" in page
    # A month of removals on a few pages, not the 13 a narrow sheet cut into strips made.
    assert len(removal_pages) <= 4 and len(pages) <= 8
    printed = "\n".join(removal_pages)
    # Every row whole: a row too low for its wrapped text would print only its first line.
    for comment in COMMENTS:
        for word in excerpt(f"Kommentar på Vadstena kommun (fb): {comment}").split():
            assert word.strip("…") in printed
    for n in range(30):
        assert ("=1+1" if n == 7 else f"Nummer{n}") in printed  # every row is there
    # Names, not logins; the time zone once in the page header, not in every column.
    assert "Anna Admin" in printed and "Bertil Berg" in printed and "bertil" not in printed
    assert printed.count("svensk tid") == len(removal_pages) and "(svensk tid)" not in printed
    # Links, ids and hashes stay in the file, off the paper.
    assert "Bevisets SHA-256" not in printed and "Avsändarens profil" not in printed
    assert "facebook.example/u1" not in printed
    # A commenter's formula is printed as the text it was, never computed.
    assert "=1+1" in printed


def test_the_summary_stays_in_its_columns_and_explains_only_what_happened(database, tmp_path):
    sessions = database.sessions
    _a_month(sessions)
    out = tmp_path / "maj.xlsx"
    ExportService(sessions_as(sessions, ACTOR.username), ACTOR).export_removals(MAY, out)
    workbook = load_workbook(out)
    summary = [row for row in workbook["Sammanfattning"].iter_rows() if any(c.value for c in row)]
    values = [[c.value for c in row] for row in summary]
    assert ["Skapad av", "okänd användare (registrator)"] == values[4][:2]
    # Each count in the third column, left-aligned under its "Antal"; months too under their heading.
    for row in summary:
        for cell in row:
            if isinstance(cell.value, int | datetime):
                assert cell.alignment.horizontal == "left"
    assert any(v[0] == "Vadstena kommun (fb) (Facebook)" and v[2] == 30 for v in values)
    notes = [v[1] for v in values]
    assert ESCAPE_NOTE not in notes and TRUNCATION_NOTE not in notes
    # Rows tall enough for their wrapped text, here and in the table.
    sheet = workbook["Borttagna"]
    description = sheet_headers(REMOVAL_COLUMNS).index("Kort beskrivning")
    assert all(
        sheet.row_dimensions[r].height and sheet.row_dimensions[r].height >= 30
        for r in range(2, 32)
        if len(sheet.cell(row=r, column=description + 1).value) > 60
    )

    weird = m.add_item(sessions, "styrtecken \x01 här", created_at=m.T0 + timedelta(days=1))
    m.remove(sessions, weird, at=m.T0 + timedelta(days=1, hours=1))
    again = tmp_path / "maj-2.xlsx"
    ExportService(sessions_as(sessions, ACTOR.username), ACTOR).export_removals(MAY, again)
    notes = [r[1] for r in load_workbook(again)["Sammanfattning"].iter_rows(values_only=True)]
    assert ESCAPE_NOTE in notes and TRUNCATION_NOTE not in notes
    assert escape_cell_text("\x01") == "\\x01"
