"""Arkiv → Läs in diarienummer från Excel: the dry run shows what would be saved and every
conflict, saving is all or nothing, and skipping the conflicts saves the rest."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.services.records.audit import AuditService
from app.ui.records.dnr_import_dialog import DnrImportDialog
from tests.helpers import moderation as m
from tests.services.test_dnr_import import export, numbers


def run(qtbot, dialog, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._tasks.is_idle() and dialog.dry_run_button.isEnabled(), timeout=20_000)


def test_dry_run_then_conflicts_then_skipping_them(qtbot, sqlite_db, tmp_path):
    sessions = sqlite_db.sessions
    fresh = m.remove(sessions, m.add_item(sessions, "a"))
    other = m.remove(sessions, m.add_item(sessions, "b"))
    path = export(sessions, tmp_path / "logg.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Borttagna"]
    for row in sheet.iter_rows(min_row=2):
        row[3].value = {f"B{fresh.decision_id}": "KS 2026/2", f"B{other.decision_id}": "KS 2026/3"}[
            row[0].value
        ]
    sheet.append(["B999999", None, None, "KS 2026/5"])  # not from any export: a conflict
    workbook.save(path)

    dialog = DnrImportDialog(sessions)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()  # no file yet
    qtbot.keyClicks(dialog.path, str(path))
    run(qtbot, dialog, dialog.dry_run_button)
    assert dialog.changes.rowCount() == 2 and dialog.conflicts.count() == 1
    assert "B999999" in dialog.conflicts.item(0).text()
    assert "inget är sparat" in dialog.summary.text()
    assert set(numbers(sessions).values()) == {None}

    run(qtbot, dialog, dialog.import_button)
    assert "Inget sparades på grund av konflikterna" in dialog.summary.text()
    assert set(numbers(sessions).values()) == {None}

    dialog.skip_conflicts.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text().startswith("Sparat")
    assert numbers(sessions) == {fresh.registration_id: "KS 2026/2", other.registration_id: "KS 2026/3"}
    assert AuditService(sessions).verify().intact


def test_a_file_that_is_no_workbook_is_explained_and_nothing_changes(qtbot, sqlite_db, tmp_path):
    bad = tmp_path / "inte.xlsx"
    bad.write_text("hej")
    dialog = DnrImportDialog(sqlite_db.sessions)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(bad))
    run(qtbot, dialog, dialog.import_button)
    assert "ingen läsbar xlsx-fil" in dialog.summary.text()
