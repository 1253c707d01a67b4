from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

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
    assert rows[0][10] == "=1+1"


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
