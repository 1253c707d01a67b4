from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt

import app.ui.translations as translations
from app.resources import resource_path
from app.services.moderation.facade import ModerationService
from app.ui.translations import build_qm, choose_language, install_translators, lrelease
from tests.helpers.ui import open_window

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "granska_en.ts")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            found[(name, message.findtext("source"))] = translation
    return found


def test_the_english_ts_covers_every_string_and_is_finished(tmp_path):
    """If this fails after a UI change: run scripts/update-translations and translate."""
    lupdate = Path(lrelease()).with_name("lupdate")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [
            str(lupdate),
            "-silent",
            "-extensions",
            "py",
            "-locations",
            "none",
            str(ROOT / "app"),
            "-ts",
            str(fresh),
        ],
        check=True,
        timeout=120,
    )
    committed = messages(TS)
    assert set(messages(fresh)) - set(committed) == set()
    unfinished = [src for (ctx, src), t in committed.items() if t is None or t.get("type") == "unfinished"]
    assert unfinished == []


def test_language_follows_the_setting_then_the_system_locale():
    assert choose_language("en", QLocale(QLocale.Language.Swedish)) == "en"
    assert choose_language("auto", QLocale(QLocale.Language.Swedish)) == "sv"
    assert choose_language("auto", QLocale(QLocale.Language.German)) == "en"
    assert choose_language(None, QLocale(QLocale.Language.English)) == "en"
    # The machine policy's language (app/core/machine_policy.py) beats the system's, not the user's.
    assert choose_language("auto", QLocale(QLocale.Language.German), machine="sv") == "sv"
    assert choose_language("en", QLocale(QLocale.Language.German), machine="sv") == "en"


def test_the_qm_is_built_from_the_ts_when_missing(tmp_path, monkeypatch):
    """On a fresh machine where nothing built it yet, the app builds it into the cache."""
    qm = tmp_path / "granska_en.qm"
    assert build_qm(TS, qm) and qm.stat().st_size > 1000
    monkeypatch.setattr(translations, "resource_path", lambda *parts: tmp_path.joinpath("none", *parts))
    assert translations.qm_file("en") is None  # neither .ts nor .qm: stays Swedish
    resources = tmp_path / "res"
    (resources / "translations").mkdir(parents=True)
    (resources / "translations" / "granska_en.ts").write_bytes(TS.read_bytes())
    monkeypatch.setattr(translations, "resource_path", lambda *parts: resources.joinpath(*parts))
    built = translations.qm_file("en")
    assert built is not None and built.exists() and "cache" in str(built)


def test_the_window_speaks_english_with_the_translation(qtbot, sqlite_db):
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        assert len(installed) == 2  # ours and Qt's own
        window = open_window(qtbot, sqlite_db, ModerationService(sqlite_db.sessions))
        assert window.windowTitle() == "Granska – moderation queue"
        assert window.queue.tabs.tabText(0).startswith("New")
        assert window.moderation_actions.actions["remove"].text() == "Remove"
        assert window.queue.model.headerData(0, Qt.Orientation.Horizontal) == "Received"
        # Every menu entry, the hooked-in views' too (they install after the window is built).
        from app.ui.records import hooks as records_views
        from app.ui.records import moderation_hooks as moderation_views

        moderation_views.install(window)
        records_views.install(window)
        swedish = {source for (_ctx, source), t in messages(TS).items() if t is not None and t.text}
        entries = [a.text() for menu in window.menus.values() for a in menu.actions() if a.text()]
        assert "Audit log…" in entries and "Accounts…" in entries
        assert [e for e in entries if e in swedish] == []
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_swedish_is_the_source_and_loads_qts_own_swedish(qapp):
    app = QCoreApplication.instance()
    installed = install_translators(app, "sv")
    try:
        assert len(installed) == 1  # Qt's standard buttons in Swedish; our strings are Swedish
    finally:
        for translator in installed:
            app.removeTranslator(translator)
