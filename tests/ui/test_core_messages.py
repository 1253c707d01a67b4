"""What the Qt-free core says (app/core/messages.py) reaches the window in its language: a role
refusal, an item's history, the register dialog's note and a screenshot's monitor names are
English in the English window, and Swedish with no English in the Swedish window, where they
are word for word what the command line prints."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel
from sqlalchemy import select, update

from app.core.errors import Forbidden
from app.models import Account, Decision, Notice
from app.services.accounts.administrators import AdministratorRegister
from app.services.queue.listing import QueueFilter, QueueService
from app.services.screenshots.capture import MonitorInfo
from app.ui.core_text import window_text
from app.ui.failures import describe_error
from app.ui.queue.action_dialogs import RegisterDialog
from app.ui.translations import install_translators
from tests.helpers.workflow import ensure_account, make_item, service
from tests.ui.test_language_walk import SWEDISH

ENGLISH = re.compile(
    r"\b(the|and|you|may|not|of|on|is|yet|items?|account|removed|removal|decided|registered|answer|"
    r"notice|screens?|saved|evidence|copy|case|number|role|queued|waiting|minor|importance)\b",
    re.IGNORECASE,
)


def _said(db, monkeypatch, qtbot) -> tuple[dict[str, str], dict[str, str], set[str]]:  # type: ignore[no-untyped-def]
    """(what the window shows, what the CLI prints, the data among it) for each path."""
    ensure_account(db.sessions, "fb")
    removed = make_item(db.sessions, "Jävla idioter", account="fb", external_id="rm1")
    registered = make_item(db.sessions, "Jag vill överklaga bygglovet", account="fb", external_id="reg1")
    sofia = service(db, user="sofia")
    sofia.remove(removed, "svordomar", "-")
    sofia.register(registered, "atgard", "-")
    with db.sessions.begin() as session:  # as the platform step writes it once the comment is hidden
        session.execute(
            update(Decision).where(Decision.item_id == removed).values(platform_result="Dold på plattformen.")
        )
    shown: dict[str, str] = {}
    printed: dict[str, str] = {}
    for item_id in (removed, registered):
        for n, entry in enumerate(sofia.history(item_id)):
            shown[f"history {item_id}.{n}"] = window_text(entry.summary)
            printed[f"history {item_id}.{n}"] = str(entry.summary)
    with db.sessions() as session:
        data = {" ".join(t.split())[:89] for t in session.scalars(select(Notice.text))}  # public notices
        data |= set(session.scalars(select(Account.name)))
    # The register dialog's note and each criterion's explanation.
    items = QueueService(db.sessions).page(QueueFilter())
    dialog = RegisterDialog(items)
    qtbot.addWidget(dialog)
    for n, label in enumerate(dialog.findChildren(QLabel)):
        if label.text() and not any(i.text in label.text() or i.author_name in label.text() for i in items):
            shown[f"register label {n}"] = label.text()
    # A screenshot's monitors.
    for monitor in (MonitorInfo(0, 0, 0, 2560, 800), MonitorInfo(1, 0, 0, 1280, 800, True, "HDMI-1")):
        shown[f"monitor {monitor.number}"] = window_text(monitor.label)
        printed[f"monitor {monitor.number}"] = str(monitor.label)
    # A refusal: roles in use, bo administers nothing.
    AdministratorRegister(db.sessions).add("chef", "Cecilia Chef", roles=("förvaltningschef",))
    monkeypatch.setenv("GRANSKA_USER", "chef")
    AdministratorRegister(db.sessions).add("bo", "Bo Ek", roles=("administrator",))
    item = make_item(db.sessions, "Hej", account="fb", external_id="ref1")
    with pytest.raises(Forbidden) as refused:
        service(db, user="bo").keep(item)
    shown["refusal"] = describe_error(refused.value)[0]
    printed["refusal"] = str(refused.value)
    return shown, printed, data


def _without(text: str, data: set[str]) -> str:
    for d in sorted(data, key=len, reverse=True):  # a whole text before its shortened start
        text = text.replace(d, "")
    return text


def test_the_core_speaks_english_in_the_english_window(qtbot, sqlite_db, monkeypatch):
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        shown, printed, data = _said(sqlite_db, monkeypatch, qtbot)
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    swedish = {k: t for k, t in shown.items() if SWEDISH.search(_without(t, data))}
    assert swedish == {}
    assert shown["refusal"] == "You (bo, administrator) may not decide on items on the account fb."
    assert shown["monitor 0"] == "all screens: 2560×800 at (0, 0)"
    assert any(t.startswith("Registered: Leads to action (no case number yet)") for t in shown.values())
    assert any("Posts and comments of minor or passing importance" in t for t in shown.values())
    assert any(t.endswith("Hidden on the platform.") for t in shown.values())
    # The command line still speaks Swedish.
    assert printed["refusal"] == "Du (bo, administratör) får inte besluta om poster på kontot fb."
    assert printed["monitor 1"] == "skärm 1 (HDMI-1): 1280×800 vid (0, 0)"


def test_the_core_speaks_swedish_in_the_swedish_window(qtbot, sqlite_db, monkeypatch):
    shown, printed, data = _said(sqlite_db, monkeypatch, qtbot)
    english = {k: t for k, t in shown.items() if ENGLISH.search(_without(t, data))}
    assert english == {}
    assert all(shown[k] == printed[k] for k in printed)  # the window says what the CLI prints
    assert any(
        t.startswith("Diarieförd: Leder till åtgärd (ännu inget diarienummer)") for t in shown.values()
    )


def _said_by_actions(db, qtbot) -> tuple[dict[str, str], dict[str, str], set[str]]:  # type: ignore[no-untyped-def]
    """(what the window shows, what the CLI prints, the data among it) after the window's
    actions: refusals of an answer, a forward, a hand-over and a confirmation, a removal
    confirmed by hand in the item's history, and the archive's history of that item."""
    from datetime import date
    from pathlib import Path

    from app.core.errors import InputError
    from app.services.accounts.accounts import AccountService
    from app.services.accounts.register import AccountRegister
    from app.services.records.archive import ArchiveService
    from app.services.records.export import ExportService, RemovalLogRequest
    from app.ui.records.archive_view import ArchiveView

    ensure_account(db.sessions, "fb")
    gone = make_item(db.sessions, "Jävla idioter", account="fb", external_id="hand1")
    open_item = make_item(db.sessions, "När öppnar badet?", account="fb", external_id="q1")
    sofia = service(db, user="sofia")
    sofia.remove(gone, "svordomar", "Svordomar i kommentaren")
    sofia.confirm_removed(gone)  # removed on the platform by hand, confirmed in Granska
    shown: dict[str, str] = {}
    printed: dict[str, str] = {}
    refusals = {
        "answer": lambda: sofia.answer(open_item, "   "),
        "forward": lambda: sofia.forward(open_item, "bygglov", "-"),
        "hand over": lambda: sofia.hand_over(open_item, "sofia", "jäv"),
        "confirm": lambda: sofia.confirm_removed(open_item),
        "account key": lambda: AccountService(db.sessions).add_account("Bad Key", "facebook", "Kommunen"),
        "page address": lambda: AccountRegister(db.sessions).update("fb", page_url="kommun.se"),
        "unknown account": lambda: AccountRegister(db.sessions).update("saknas", name="X"),
        "export": lambda: ExportService(db.sessions).export_removals(
            RemovalLogRequest(date(2026, 1, 1), date(2026, 12, 31)), Path("logg.csv")
        ),
    }
    for name, action in refusals.items():
        with pytest.raises(InputError) as refused:
            action()
        shown[name] = describe_error(refused.value)[0]
        printed[name] = str(refused.value)
    for n, entry in enumerate(sofia.history(gone)):
        shown[f"history {n}"] = window_text(entry.summary)
        printed[f"history {n}"] = str(entry.summary)
    view = ArchiveView(db)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.detail_shown, timeout=10_000):
        view.show()
    shown["archive"] = view.history.toPlainText()
    shown["archive row"] = " | ".join(view.model.data(view.model.index(0, c)) for c in (4, 5))
    detail = ArchiveService(db.sessions).detail(gone)
    printed["archive"] = "\n".join(h.summary for h in detail.history)
    with db.sessions() as session:
        raw = list(session.scalars(select(Notice.text)))  # public notices, as stored and as shortened
    notices = raw + [" ".join(t.split()) for t in raw]
    data = {"Svordomar i kommentaren", "Jävla idioter", "När öppnar badet?"}
    data |= {t[:89] for t in notices[len(raw) :]} | set(notices)
    return shown, printed, data


def test_window_actions_say_english_in_the_english_window(qtbot, sqlite_db):
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        shown, printed, data = _said_by_actions(sqlite_db, qtbot)
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    assert {k: t for k, t in shown.items() if SWEDISH.search(_without(t, data))} == {}
    assert shown["answer"] == "Write an answer."
    assert shown["forward"] == "Give an e-mail address to forward to (e.g. bygg@kommun.se), not 'bygglov'."
    assert shown["hand over"] == "'sofia' is not an active administrator."
    assert shown["confirm"].endswith("is not waiting to be removed by hand.")
    assert shown["account key"].startswith("Invalid account key 'Bad Key': use lower-case letters")
    assert shown["page address"] == "The page's address must be an http or https address: 'kommun.se'"
    assert shown["unknown account"] == "Unknown account 'saknas'."
    assert shown["export"] == "The export file must end in .xlsx: logg.csv"
    assert any("Removed by hand, confirmed by" in t for k, t in shown.items() if k.startswith("history"))
    assert "Decision: removed – Profanity or obscene words. Removed by hand, confirmed by" in shown["archive"]
    assert "Evidence saved (SHA-256" in shown["archive"]
    assert shown["archive row"] == "Removed | Profanity or obscene words"
    # The command line still speaks Swedish.
    assert printed["answer"] == "Skriv ett svar."
    assert printed["page address"] == "Sidans adress måste vara en http- eller https-adress: 'kommun.se'"
    assert "Borttagen för hand, bekräftat av" in printed["archive"]


def test_window_actions_say_swedish_in_the_swedish_window(qtbot, sqlite_db):
    shown, printed, data = _said_by_actions(sqlite_db, qtbot)
    assert {k: t for k, t in shown.items() if ENGLISH.search(_without(t, data))} == {}
    assert all(shown[k] == printed[k] for k in printed if k != "archive")
    assert all(line in shown["archive"] for line in printed["archive"].splitlines())
    # Names, not the archive's internal codes.
    assert "Beslut: borttagen" in shown["archive"] and "remove" not in shown["archive"]
    assert "Borttagen för hand, bekräftat av" in shown["archive"]
    assert shown["archive row"] == "Borttagen | Svordomar eller obscena ord"


def test_the_import_dialog_explains_a_bad_file_in_the_windows_language(qtbot, sqlite_db, tmp_path):
    from app.ui.records.dnr_import_dialog import DnrImportDialog
    from tests.ui.test_dnr_import_dialog import run

    missing = tmp_path / "saknas.xlsx"
    said = {}
    app = QCoreApplication.instance()
    for language in ("en", "sv"):
        installed = install_translators(app, "en") if language == "en" else []
        try:
            dialog = DnrImportDialog(sqlite_db.sessions)
            qtbot.addWidget(dialog)
            dialog.show()
            dialog.path.setText(str(missing))
            run(qtbot, dialog, dialog.import_button)
            said[language] = dialog.summary.text()
        finally:
            for translator in installed:
                app.removeTranslator(translator)
    assert said == {"en": f"The file {missing} does not exist.", "sv": f"Filen {missing} finns inte."}


def test_the_mail_settings_refusal_is_in_the_windows_language(qtbot, sqlite_db):
    import uuid

    from PySide6.QtWidgets import QWidget

    from app.services.accounts.credentials import CredentialStore
    from app.services.mail import MailSettingsService
    from app.ui.settings.mail_settings import MailSettingsDialog
    from app.ui.tasks import TaskManager

    store = CredentialStore(f"se.vadstena.Granska.test-{uuid.uuid4()}")
    said = {}
    app = QCoreApplication.instance()
    for language in ("en", "sv"):
        installed = install_translators(app, "en") if language == "en" else []
        try:
            host = QWidget()
            qtbot.addWidget(host)
            dialog = MailSettingsDialog(
                MailSettingsService(sqlite_db.sessions, store), TaskManager(host), host
            )
            dialog.show()
            qtbot.waitUntil(dialog.save_button.isEnabled)
            dialog.host.setText("smtp.vadstena.se")
            dialog.sender.setText("ingen adress")
            dialog.save_button.click()
            qtbot.waitUntil(lambda: "ingen adress" in dialog.result.text())  # noqa: B023
            said[language] = dialog.result.text()
        finally:
            for translator in installed:
                app.removeTranslator(translator)
    assert said == {
        "en": "The sender address is invalid: 'ingen adress'.",
        "sv": "Avsändaradressen är ogiltig: 'ingen adress'.",
    }


def test_the_screenshot_send_dialog_refuses_in_the_windows_language(qtbot, sqlite_db, tmp_path):
    import uuid

    from app.services.accounts.credentials import CredentialStore
    from app.services.screenshots.schedule import ScreenshotService
    from app.ui.screenshots.view import ScreenshotsView
    from tests.helpers.screens import Clock, add_account, png_of, utc
    from tests.helpers.ui import show_loaded

    add_account(sqlite_db.sessions, "fb", url="https://facebook.com/vadstena")
    clock = Clock(utc("2026-03-01T10:00:00+00:00"))
    ScreenshotService(sqlite_db.sessions, clock.actor()).file_screenshot("fb", png_of((9, 9, 9), 64, 40))
    store = CredentialStore(f"se.vadstena.Granska.test-{uuid.uuid4()}")
    said = {}
    app = QCoreApplication.instance()
    for language in ("en", "sv"):
        installed = install_translators(app, "en") if language == "en" else []
        try:
            view = show_loaded(
                qtbot, ScreenshotsView(sqlite_db.sessions, actor=clock.actor(), credentials=store)
            )
            view.gallery.item(0).setSelected(True)
            dialog = view.send_selected()
            qtbot.waitUntil(lambda: bool(dialog.smtp_state.text()))  # noqa: B023
            dialog.to.setText("chef.vadstena.se")
            dialog.save_eml(str(tmp_path / "brev.eml"))
            qtbot.waitUntil(lambda: "chef.vadstena.se" in dialog.problem.text())  # noqa: B023
            said[language] = dialog.problem.text()
            dialog.close()
        finally:
            for translator in installed:
                app.removeTranslator(translator)
    assert said == {
        "en": "The recipient's address is invalid: 'chef.vadstena.se'.",
        "sv": "Mottagarens adress är ogiltig: 'chef.vadstena.se'.",
    }
