"""Issue #15, English and one set of letters (found in the last hunt): refusals the window shows
from the archive search, the removal log's period, weeding, a team password on SQLite, a sign-in
without a client id and the screenshot grabber without a screen, in the English window in
English and in the Swedish window word for word as the command line prints them."""

from __future__ import annotations

import re
import uuid
from datetime import date

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select, update

from app.cli import main
from app.core.errors import InputError, PlatformError
from app.models import Account, Decision
from app.models.db import DatabaseError, open_database
from app.services.accounts.accounts import AccountService
from app.services.accounts.credentials import CredentialStore, KeyringUnavailable
from app.services.accounts.register import AccountRegister
from app.services.accounts.roles import scram_verifier
from app.services.accounts.tokens import token_endpoint
from app.services.moderation.gallring import GallringService
from app.services.offline.journal import SAVED_LOCALLY
from app.services.records.archive import ArchiveFilter, ArchiveService
from app.services.records.audit import ACTION_LABELS, AuditService
from app.services.records.removal_log import period_scope
from app.services.screenshots.capture import ScreenCaptureError, ScreenGrabber
from app.ui.core_text import window_text
from app.ui.records.audit_text import action_name
from app.ui.records.audit_view import AuditView
from app.ui.translations import install_translators
from tests.faults.test_search_index import _damage_like_the_old_build
from tests.helpers.items import add_accounts
from tests.helpers.ui import show_loaded
from tests.helpers.workflow import ensure_account, make_item, service
from tests.ui.test_core_messages_platforms import in_both_windows, refusal
from tests.ui.test_core_messages_stored import in_english
from tests.ui.test_language_walk import SWEDISH


def test_refusals_found_in_the_last_hunt_in_the_windows_language(qapp, sqlite_db):
    AccountService(sqlite_db.sessions).add_account("yt", "youtube", "Play")  # no client id
    with sqlite_db.sessions() as s:
        account = s.scalar(select(Account).where(Account.key == "yt"))
    search = ArchiveFilter(text="ord " * 300)
    session = sqlite_db.sessions()
    said = {
        "search": in_both_windows(lambda: refusal(lambda: ArchiveService(sqlite_db.sessions).search(search))),
        "period": in_both_windows(lambda: refusal(lambda: period_scope(date(2026, 5, 2), date(2026, 5, 1)))),
        "weeding": in_both_windows(
            lambda: refusal(lambda: GallringService(sqlite_db.sessions).set_age_days(0), InputError)
        ),
        "password": in_both_windows(
            lambda: refusal(lambda: scram_verifier(session, "sofia", "hemligt"), InputError)
        ),
        "client id": in_both_windows(lambda: refusal(lambda: token_endpoint(account, None), PlatformError)),
    }
    session.close()
    assert {k: v[0] for k, v in said.items()} == {
        "search": (
            "The search text is too long (1200 characters, at most 1000): "
            "search for a few words from the text."
        ),
        "period": "The period ends (2026-05-01) before it starts (2026-05-02).",
        "weeding": "The age for weeding is given in days, at least 1.",
        "password": "A password can only be set on a team database (PostgreSQL).",
        "client id": (
            "The account Play (yt) has no client id for signing in to YouTube: enter the municipality's "
            "own with granska accounts edit yt --client-id ID."
        ),
    }
    assert (
        {k: v[1] for k, v in said.items()}
        == {k: v[2] for k, v in said.items()}
        == {
            "search": "Söktexten är för lång (1200 tecken, högst 1000): sök på några ord ur texten.",
            "period": "Perioden slutar (2026-05-01) före den börjar (2026-05-02).",
            "weeding": "Åldern för gallring anges i dagar, minst 1.",
            "password": "Lösenord kan bara sättas på en teamdatabas (PostgreSQL).",
            "client id": (
                "Kontot Play (yt) saknar klient-id för inloggning hos YouTube: ange kommunens eget med "
                "granska accounts edit yt --client-id ID."
            ),
        }
    )


def test_no_screen_to_grab_in_the_windows_language(qapp, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    english, swedish, printed = in_both_windows(lambda: refusal(ScreenGrabber().monitors, ScreenCaptureError))
    assert english == (
        "No screen to take a screenshot of: DISPLAY is not set. Run Granska in a graphical session "
        "(or under xvfb-run for scheduled runs)."
    )
    assert (
        swedish
        == printed
        == (
            "Ingen skärm att ta en skärmdump av: DISPLAY är inte satt. Kör Granska i en grafisk session "
            "(eller under xvfb-run för schemalagda körningar)."
        )
    )
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    english, swedish, printed = in_both_windows(lambda: refusal(ScreenGrabber().monitors, ScreenCaptureError))
    assert english.startswith("Screenshots need X11 or XWayland, but only Wayland was found")
    assert swedish == printed and swedish.startswith("Skärmdumpar kräver X11 eller XWayland")


def test_no_keyring_an_unreachable_team_database_and_too_few_administrators_in_the_windows_language(
    qapp, sqlite_db, no_keyring
):
    store = CredentialStore(f"se.vadstena.Granska.test-{uuid.uuid4()}")
    english, swedish, printed = in_both_windows(
        lambda: refusal(lambda: store.set("a", "t"), KeyringUnavailable)
    )
    assert english == (
        "No keyring is available to store sign-in credentials. On Linux: install and start gnome-keyring "
        "(or KWallet) in your desktop session. Granska works without a keyring, but then cannot fetch or "
        "remove comments on the platforms."
    )
    assert swedish == printed and swedish.startswith("Ingen nyckelring finns tillgänglig för att spara")

    url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    assert in_both_windows(lambda: refusal(lambda: open_database(url), DatabaseError)) == (
        "The team database at 127.0.0.1:1 cannot be reached (the connection was refused; the server may "
        "be switched off). Check the network or VPN, or ask IT whether the server is running. Nothing "
        "has been changed.",
        "Teamdatabasen på 127.0.0.1:1 nås inte (anslutningen nekades; servern är kanske avstängd). "
        "Kontrollera nätverket eller VPN, eller fråga IT om servern är igång. Ingenting har ändrats.",
        "Teamdatabasen på 127.0.0.1:1 nås inte (anslutningen nekades; servern är kanske avstängd). "
        "Kontrollera nätverket eller VPN, eller fråga IT om servern är igång. Ingenting har ändrats.",
    )

    AccountService(sqlite_db.sessions).add_account("yt", "youtube", "Play")  # nobody administers it
    assert in_both_windows(lambda: AccountRegister(sqlite_db.sessions).entry("yt").administrator_warning) == (
        "Play has no administrator. The guidelines say that at least two people should be able to "
        "administer each account, so that no account is left without someone who can reach it.",
        "Play har ingen administratör. Riktlinjerna säger att minst två personer bör kunna administrera "
        "varje konto, så att inget konto blir utan någon som kommer åt det.",
        "Play har ingen administratör. Riktlinjerna säger att minst två personer bör kunna administrera "
        "varje konto, så att inget konto blir utan någon som kommer åt det.",
    )


def test_a_broken_audit_chain_in_the_windows_language(qtbot, sqlite_db, capsys):
    ensure_account(sqlite_db.sessions, "fb")
    item = make_item(sqlite_db.sessions, "Jävla idioter", account="fb", external_id="rm9")
    service(sqlite_db).remove(item, "svordomar", "-")
    with sqlite_db.sessions.begin() as s:  # changed behind Granska's back
        s.execute(update(Decision).where(Decision.item_id == item).values(motivation="ändrad i efterhand"))
    report = AuditService(sqlite_db.sessions).verify()
    english, swedish, printed = in_both_windows(lambda: report.problems[0])
    event = re.search(r"händelse (\d+)", swedish)
    assert event is not None
    assert english == f"Decision 1 (item {item}) has been changed after event {event[1]}, which sealed it."
    assert (
        swedish
        == printed
        == f"Beslut 1 (post {item}) har ändrats efter händelse {event[1]}, som förseglade den."
    )
    capsys.readouterr()
    assert main(["--db", str(sqlite_db.engine.url), "audit", "verify"]) != 0
    assert f"Granskningsloggen är bruten: {swedish}" in capsys.readouterr().out  # the command line, as before
    # The audit view's status line, in English.
    view = show_loaded(qtbot, AuditView(sqlite_db.sessions))
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        view.verify()
        qtbot.waitUntil(lambda: "chain" in view.status.text().lower(), timeout=10000)
        assert view.status.text() == f"The chain is broken: {english}"
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_every_audit_action_has_a_name_in_both_languages(qapp):
    """The audit view's Event column: an action the core names (a forward's reminder, say) is
    never shown as its stored code."""
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        english = {code: action_name(code) for code in ACTION_LABELS}
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    swedish = {code: action_name(code) for code in ACTION_LABELS}
    assert {c: n for c, n in english.items() if n == c or SWEDISH.search(n)} == {}
    assert {c: n for c, n in swedish.items() if n == c} == {}
    assert english["forward_reminder_queued"] == "Reminder to answer scheduled"
    assert swedish["forward_reminder_queued"] == "Påminnelse om svar schemalagd"


def test_a_search_index_healed_at_start_is_told_in_the_windows_language(qapp, tmp_path):
    """The messages the window shows in a box after opening the database (app/ui/main.py tell)."""
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    add_accounts(db.sessions)
    db.dispose()
    _damage_like_the_old_build(tmp_path / "g.db")
    db = open_database(url)
    try:
        messages = list(db.messages)
    finally:
        db.dispose()
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        english = [window_text(m) for m in messages]
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    assert "The search index's triggers were missing (items_fts_ai) and have been recreated." in english
    assert "The search index did not match the items and has been rebuilt from them." in english
    assert not [m for m in english if SWEDISH.search(m)]
    assert [window_text(m) for m in messages] == [str(m) for m in messages]
    assert "Sökindexets utlösare saknades (items_fts_ai) och har återskapats." in messages


def test_a_decision_saved_offline_is_told_in_the_windows_language(qapp):
    """What the window's status line says after a decision made while the team database is away
    (app/services/offline/journal.py: the outcome's message)."""
    assert in_both_windows(lambda: SAVED_LOCALLY) == (
        "Saved locally, sent when the database can be reached.",
        "Sparat lokalt, skickas när databasen nås.",
        "Sparat lokalt, skickas när databasen nås.",
    )


def test_a_damaged_file_found_after_the_queue_shows_in_the_windows_language(qapp, tmp_path, monkeypatch):
    import app.models.sqlite_checks
    from app.models.deferred_checks import run_deferred_checks
    from tests.models.test_db import _granska_file_with_a_damaged_table

    path = tmp_path / "granska.db"
    _granska_file_with_a_damaged_table(path, "items")
    monkeypatch.setattr(app.models.sqlite_checks, "FULL_CHECK_BYTES", 0)
    path.with_name(path.name + "-wal").write_bytes(b"\0" * 32)  # what a crash leaves behind
    db = open_database(f"sqlite:///{path}", defer_checks=True)
    try:
        [message] = run_deferred_checks(db)
    finally:
        db.dispose()
    english, swedish, printed = in_both_windows(lambda: message)
    assert english.startswith(f"The database {path} is damaged (")
    assert english.endswith("What was already saved remains in the moved-aside file.")
    assert swedish == printed and swedish.startswith(f"Databasen {path} är skadad (")


def test_an_offline_conflicts_reason_in_the_windows_language(qtbot, sqlite_db, tmp_path):
    """Arkiv → Konflikter från offlinearbete: why the offline decision did not go in (the team's
    refusal, stored beside its source) in the English window's tooltip in English."""
    from datetime import UTC, datetime

    from app.services.context import Actor
    from app.services.moderation.facade import ModerationService
    from app.services.offline.copy import LocalCopy
    from app.services.offline.journal import OfflineModeration
    from app.services.offline.replay import replay_journal
    from app.ui.records.conflicts_view import ConflictsView
    from tests.helpers.moderation import add_item

    now = datetime.now(UTC).replace(microsecond=0)
    contested = add_item(sqlite_db.sessions, "Ni är idioter allihop.", external_id="c1", created_at=now)
    copy = LocalCopy(tmp_path / "kopia.db")
    copy.refresh(sqlite_db)
    OfflineModeration(copy, actor=Actor("bertil")).remove(contested, "personangrepp")
    ModerationService(sqlite_db.sessions, actor=Actor("anna")).keep(contested)  # meanwhile, on the team's
    [conflict] = replay_journal(sqlite_db, copy).conflicts
    copy.close()

    def tooltip() -> str:
        view = show_loaded(qtbot, ConflictsView(sqlite_db))
        return str(view.table.item(0, 4).toolTip())

    english, swedish = in_english(tooltip), tooltip()
    assert swedish == str(conflict.message) and swedish.startswith("Redan avgjord av okänd användare (anna) ")
    assert english.startswith("Already decided by unknown user (anna) ") and english.endswith(" (approved).")
