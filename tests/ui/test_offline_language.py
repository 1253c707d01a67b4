"""Switching the language while offline: the window built in the new language is still on the
local copy, with the banner (translated), the reconnection still tried from it alone, and
decisions still saved locally."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.services.offline.copy import LocalCopy
from app.services.offline.journal import OfflineModeration
from app.ui.offline_mode import OfflineMode
from app.ui.translations import INSTALLED
from tests.helpers.moderation import add_item, ensure_account
from tests.helpers.ui import open_window, wait_loaded
from tests.ui.test_language_switch import choose

NOW = datetime.now(UTC).replace(microsecond=0)
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
HOUR = 3_600_000


def test_a_language_switch_offline_keeps_the_banner(qtbot, sqlite_db, tmp_path: Path) -> None:
    ensure_account(sqlite_db.sessions, "intra", "intranet")
    for n in range(2):
        add_item(
            sqlite_db.sessions,
            f"Fråga {n} om snöröjningen",
            account="intra",
            external_id=f"q{n}",
            created_at=NOW,
        )
    copy = LocalCopy(tmp_path / "kopia.db")
    copy.refresh(sqlite_db)
    moderation = OfflineModeration(copy)
    window = open_window(qtbot, copy.db, moderation)
    mode = OfflineMode(window, None, moderation, interval_ms=HOUR)
    window.offline_mode = mode
    try:
        choose(window, "en")
        qtbot.waitUntil(lambda: getattr(window, "replaced_by", None) is not None)
        english = window.replaced_by
        qtbot.addWidget(english)
        wait_loaded(qtbot, english)
        banner = english.offline_mode.banner
        assert banner.text().startswith("Offline – working on the local copy from ")
        qtbot.waitUntil(lambda: english.offline_mode.bar.isVisible() and banner.width() > 600)
        assert english.offline_mode.timer.isActive() and not mode.timer.isActive()  # one reconnection
        assert not english.sync.action.isEnabled()
        assert english.moderation_actions.moderation is moderation  # decisions still saved locally
        SHOTS.mkdir(parents=True, exist_ok=True)
        english.grab().save(str(SHOTS / "offline-language-en.png"))

        choose(english, "sv")
        qtbot.waitUntil(lambda: getattr(english, "replaced_by", None) is not None)
        swedish = english.replaced_by
        qtbot.addWidget(swedish)
        wait_loaded(qtbot, swedish)
        assert swedish.offline_mode.banner.text().startswith("Offline – arbetar på lokal kopia från ")
        swedish.grab().save(str(SHOTS / "offline-language-sv.png"))
    finally:
        app = QCoreApplication.instance()
        for translator in INSTALLED:
            app.removeTranslator(translator)
        INSTALLED.clear()
        copy.close()
