"""Arkiv → Konflikter från offlinearbete: an offline decision that arrived after someone else had
decided the item is listed with both decisions, the team's (which stands) and the offline one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.services.offline.copy import LocalCopy
from app.services.offline.journal import OfflineModeration
from app.services.offline.replay import replay_journal
from app.ui.records.conflicts_view import ConflictsView
from tests.helpers.moderation import add_item
from tests.helpers.ui import open_window, show_loaded

NOW = datetime.now(UTC).replace(microsecond=0)
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_conflicts_show_both_decisions(qtbot, sqlite_db, tmp_path: Path) -> None:
    contested = add_item(sqlite_db.sessions, "Ni är idioter allihop.", external_id="c1", created_at=NOW)
    calm = add_item(sqlite_db.sessions, "Fråga om öppettider", external_id="c2", created_at=NOW)
    copy = LocalCopy(tmp_path / "kopia.db")
    copy.refresh(sqlite_db)
    offline = OfflineModeration(copy, actor=Actor("bertil"))
    offline.remove(contested, "personangrepp")
    offline.keep(calm)
    ModerationService(sqlite_db.sessions, actor=Actor("anna")).keep(contested)  # meanwhile, on the team's
    report = replay_journal(sqlite_db, copy)
    assert report.applied == 1 and [c.item_id for c in report.conflicts] == [contested]

    view = show_loaded(qtbot, ConflictsView(sqlite_db))
    assert view.summary.text().startswith("1 beslut fattade offline kom fram efter att någon annan")
    assert view.table.rowCount() == 1
    cells = [view.table.item(0, c).text() for c in range(view.table.columnCount())]
    assert cells[0] == str(contested) and cells[2] == "Ni är idioter allihop."
    assert cells[3].startswith("Behåll – okänd användare (anna), ")  # the team's decision, which stands
    assert cells[4].startswith("Ta bort – okänd användare (bertil), ")  # the offline one, kept as a conflict
    assert cells[5]  # the copy's time
    SHOTS.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(SHOTS / "offline-conflicts.png"))
    copy.close()


def test_the_arkiv_menu_opens_the_conflicts(qtbot, sqlite_db) -> None:
    from app.ui.views import install_views

    window = open_window(qtbot, sqlite_db)
    install_views(window)
    titles = [a.text() for a in window.menus["arkiv"].actions()]
    assert "Konflikter från offlinearbete…" in titles
    action = next(a for a in window.menus["arkiv"].actions() if a.text() == "Konflikter från offlinearbete…")
    action.trigger()
    view = qtbot.waitUntil(lambda: window.findChild(ConflictsView) is not None) or window.findChild(
        ConflictsView
    )
    assert view is not None


def test_the_conflicts_speak_english_with_the_translation(qtbot, sqlite_db) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.ui.translations import install_translators

    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        view = show_loaded(qtbot, ConflictsView(sqlite_db))
        assert view.summary.text() == (
            "No conflicts: every decision made offline has been entered in the team database."
        )
        header = view.table.horizontalHeaderItem(3).text()
        assert header == "The team's decision (stands)"
        SHOTS.mkdir(parents=True, exist_ok=True)
        view.grab().save(str(SHOTS / "offline-conflicts-en.png"))
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_a_conflict_reads_in_english_names_and_all(qtbot, sqlite_db, tmp_path: Path) -> None:
    """The count in the right number, and the stand-in for a login the register does not know
    in the window's language (it is made by the core, in Swedish, for the command line)."""
    from PySide6.QtCore import QCoreApplication

    from app.ui.translations import install_translators

    contested = add_item(sqlite_db.sessions, "Ni är idioter allihop.", external_id="c1", created_at=NOW)
    copy = LocalCopy(tmp_path / "kopia.db")
    copy.refresh(sqlite_db)
    OfflineModeration(copy, actor=Actor("bertil")).remove(contested, "personangrepp")
    ModerationService(sqlite_db.sessions, actor=Actor("anna")).keep(contested)
    assert len(replay_journal(sqlite_db, copy).conflicts) == 1
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        view = show_loaded(qtbot, ConflictsView(sqlite_db))
        assert view.summary.text().startswith("1 decision made offline arrived after someone else")
        assert view.table.item(0, 3).text().startswith("Keep – unknown user (anna), ")
        assert view.table.item(0, 4).text().startswith("Remove – unknown user (bertil), ")
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        copy.close()
