from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import keyring
import pytest

from app.services.records.package_verify import verify_package
from app.ui.records.archive_model import PAGE
from app.ui.records.archive_view import ArchiveView
from tests.helpers import moderation as m


def open_view(qtbot, db):  # type: ignore[no-untyped-def]
    view = ArchiveView(db)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    return view


def wait_loaded(qtbot, view, action=None):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        if action is not None:
            action()


@pytest.fixture
def offline(monkeypatch):
    """No network and no keyring: the archive must not need either."""

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("the archive must work offline")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(keyring, "get_password", refuse)


def test_rows_load_lazily_a_page_at_a_time(qtbot, sqlite_db, offline):
    m.bulk_removals(sqlite_db.sessions, 450)
    view = open_view(qtbot, sqlite_db)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    assert view.model.rowCount() == PAGE  # the first load is partial
    assert "450 poster" in view.status.text()
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 * PAGE, timeout=10_000)
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 450, timeout=10_000)
    ids = [view.model.entry(r).item_id for r in range(450)]
    assert len(set(ids)) == 450


def test_search_and_filters_while_typing(qtbot, sqlite_db, offline):
    sessions = sqlite_db.sessions
    m.ensure_account(sessions, "ig", "instagram")
    hot = m.add_item(sessions, "Jag vet var du bor")
    ad = m.add_item(sessions, "Köp solglasögon", account="ig")
    m.remove(sessions, hot, "brott", by="anna")
    m.remove(sessions, ad, "reklam", by="bertil")
    view = open_view(qtbot, sqlite_db)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and view.admin.count() == 3, timeout=10_000)
    wait_loaded(qtbot, view, lambda: qtbot.keyClicks(view.search, "solgl"))
    assert [view.model.entry(r).item_id for r in range(view.model.rowCount())] == [ad]
    wait_loaded(qtbot, view, view.search.clear)
    wait_loaded(qtbot, view, lambda: view.admin.setCurrentIndex(view.admin.findData("anna")))
    assert view.model.rowCount() == 1 and view.model.entry(0).item_id == hot
    wait_loaded(qtbot, view, lambda: view.reason.setCurrentIndex(view.reason.findData("reklam")))
    assert view.model.rowCount() == 0
    wait_loaded(qtbot, view, lambda: view.admin.setCurrentIndex(0))
    assert [view.model.entry(r).item_id for r in range(view.model.rowCount())] == [ad]
    wait_loaded(qtbot, view, lambda: view.account.setCurrentIndex(view.account.findData("fb")))
    assert view.model.rowCount() == 0


def test_saved_copy_beside_the_current_state_as_plain_text(qtbot, sqlite_db, offline):
    sessions = sqlite_db.sessions
    hostile = "<b>fet</b> <img src=x onerror=alert(1)> =1+1 \x1b[31m"
    item = m.add_item(sessions, hostile)
    m.remove(sessions, item, at=datetime(2026, 5, 4, 12, tzinfo=UTC))
    view = open_view(qtbot, sqlite_db)
    with qtbot.waitSignal(view.detail_shown, timeout=10_000):
        pass
    assert view.saved_text.toPlainText() == hostile
    assert "Kontrollsumman stämmer" in view.saved_state.text()
    assert view.current_text.toPlainText() == "" and "okänt" in view.current_title.text()
    assert '"text": "<b>fet</b>' in view.raw.toPlainText()
    assert "Bevis sparat" in view.history.toPlainText()
    # Shown in the table with the control character visible, never interpreted.
    assert view.model.data(view.model.index(0, 3)).endswith("=1+1 \\x1B[31m")

    from sqlalchemy import update

    from app.models import Item

    with sessions.begin() as session:
        session.execute(
            update(Item).values(text="ändrad av författaren", fetched_at=datetime(2026, 5, 6, tzinfo=UTC))
        )
    with qtbot.waitSignal(view.detail_shown, timeout=10_000):
        view.refresh()
    assert view.saved_text.toPlainText() == hostile
    assert view.current_text.toPlainText() == "ändrad av författaren"
    assert "hämtat 2026-05-06" in view.current_title.text()


def test_the_selection_exports_as_an_evidence_package(qtbot, sqlite_db, tmp_path, offline):
    sessions = sqlite_db.sessions
    ids = [m.add_item(sessions, f"kommentar {n}", created_at=m.T0 + timedelta(minutes=n)) for n in range(3)]
    for n, item in enumerate(ids):
        m.remove(sessions, item, at=m.T0 + timedelta(hours=1, minutes=n))
    view = open_view(qtbot, sqlite_db)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10_000)
    view.table.selectRow(0)
    view.table.selectionModel().select(
        view.model.index(2, 0),
        view.table.selectionModel().SelectionFlag.Select | view.table.selectionModel().SelectionFlag.Rows,
    )
    assert view.export_button.isEnabled()
    out = tmp_path / "urval.zip"
    with qtbot.waitSignal(view.package_written, timeout=30_000) as blocker:
        view.export_package(out)
    assert blocker.args[0].items == 2
    check = verify_package(out)
    assert check.ok and check.items == sorted([ids[2], ids[0]])
    assert "Bevispaketet" in view.status.text()


def test_the_channel_and_who_saved_the_copy_are_named_not_keyed(qtbot, sqlite_db, offline):
    """#15: names instead of internal keys, in the archive too."""
    sessions = sqlite_db.sessions
    m.ensure_account(sessions, "fb", "facebook", "Vadstena kommun")
    m.ensure_administrator(sessions, "sofia", "Sofia Lind")
    item = m.add_item(sessions, "Ni är idioter.")
    m.remove(sessions, item, by="sofia", at=datetime(2026, 5, 4, 12, tzinfo=UTC))
    view = open_view(qtbot, sqlite_db)
    with qtbot.waitSignal(view.detail_shown, timeout=10_000):
        pass
    assert view.model.data(view.model.index(0, 1)) == "Vadstena kommun (Facebook)"
    assert "av Sofia Lind" in view.saved_title.text() and "sofia)" not in view.saved_title.text()
