from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QDate

from app.services.records.removal_log import REMOVAL_COLUMNS, sheet_headers
from app.ui.records.export_dialog import ExportDialog, previous_month
from tests.helpers import moderation as m


def make_dialog(qtbot, db, tmp_path, name="logg.xlsx"):  # type: ignore[no-untyped-def]
    dialog = ExportDialog(db, today=date(2026, 6, 10))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(tmp_path / name))
    qtbot.waitUntil(lambda: dialog.summary.text() != "")
    return dialog


def test_previous_month_is_the_default_period():
    assert previous_month(date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert previous_month(date(2026, 3, 1)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_export_from_the_dialog(qtbot, sqlite_db, tmp_path):
    m.ensure_account(sqlite_db.sessions, "ig", "instagram")
    m.remove(sqlite_db.sessions, m.add_item(sqlite_db.sessions, "=1+1"))
    m.remove(sqlite_db.sessions, m.add_item(sqlite_db.sessions, "instagram", account="ig"))
    dialog = make_dialog(qtbot, sqlite_db, tmp_path)
    assert dialog.accounts.count() == 2
    assert "2 borttagna" in dialog.summary.text()
    dialog.accounts.item(0).setCheckState(dialog.accounts.item(0).checkState().Checked)
    qtbot.waitUntil(lambda: "1 borttagna" in dialog.summary.text())
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000) as blocker:
        dialog.export_button.click()
    result = blocker.args[0]
    assert result.removals == 1 and (tmp_path / "logg.xlsx").exists()
    assert "Klart: 1 borttagna" in dialog.status.text()
    rows = list(load_workbook(tmp_path / "logg.xlsx")["Borttagna"].iter_rows(min_row=2, values_only=True))
    assert rows[0][sheet_headers(REMOVAL_COLUMNS).index("Fullständig text")] == "=1+1"


def test_the_file_name_follows_the_chosen_period(qtbot, sqlite_db, tmp_path):
    dialog = ExportDialog(sqlite_db, today=date(2026, 6, 10))
    qtbot.addWidget(dialog)
    folder = Path(dialog.path.text()).parent
    assert Path(dialog.path.text()).name == "borttagna-2026-05.xlsx"
    dialog.date_from.setDate(QDate(2026, 1, 1))
    dialog.date_to.setDate(QDate(2026, 12, 31))
    assert dialog.path.text() == str(folder / "borttagna-2026.xlsx")
    dialog.date_to.setDate(QDate(2026, 3, 15))
    assert Path(dialog.path.text()).name == "borttagna-2026-01-01--2026-03-15.xlsx"
    dialog.date_to.setDate(QDate(2026, 1, 31))
    assert Path(dialog.path.text()).name == "borttagna-2026-01.xlsx"
    # A name the user wrote is theirs: the period no longer renames it.
    dialog.path.setText(str(tmp_path / "till-registratorn.xlsx"))
    dialog.date_to.setDate(QDate(2026, 2, 28))
    assert dialog.path.text() == str(tmp_path / "till-registratorn.xlsx")


def test_progress_shows_and_cancel_leaves_no_file(qtbot, sqlite_db, tmp_path):
    m.bulk_removals(sqlite_db.sessions, 3000)
    dialog = make_dialog(qtbot, sqlite_db, tmp_path)
    dialog.date_from.setDate(dialog.date_from.date().addMonths(-1))
    dialog.export_button.click()
    assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
    assert not dialog.choose_button.isEnabled() and not dialog.path.isEnabled()
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 3000, timeout=30_000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: "avbröts" in dialog.status.text(), timeout=30_000)
    assert list(tmp_path.glob("logg*")) == [] and list(tmp_path.glob(".logg*")) == []
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isVisible()


def test_closing_while_exporting_cancels_first(qtbot, sqlite_db, tmp_path):
    m.bulk_removals(sqlite_db.sessions, 3000)
    dialog = make_dialog(qtbot, sqlite_db, tmp_path)
    dialog.date_from.setDate(dialog.date_from.date().addMonths(-1))
    dialog.export_button.click()
    dialog.close_button.setEnabled(True)  # as if Esc or the window's close button
    dialog.reject()
    assert dialog.isVisible()  # it stays until the export has stopped
    qtbot.waitUntil(lambda: "avbröts" in dialog.status.text(), timeout=30_000)
    assert dialog.result_ is None and list(tmp_path.glob("*logg*")) == []
    dialog.reject()
    assert not dialog.isVisible()


def test_errors_are_shown_as_plain_sentences(qtbot, sqlite_db, tmp_path):
    m.remove(sqlite_db.sessions, m.add_item(sqlite_db.sessions))
    (tmp_path / "finns.xlsx").write_bytes(b"registratorns fil")
    dialog = make_dialog(qtbot, sqlite_db, tmp_path, "finns.xlsx")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "finns redan" in dialog.status.text(), timeout=30_000)
    assert (tmp_path / "finns.xlsx").read_bytes() == b"registratorns fil"
