"""Issue #15, English and one set of letters: what Granska said and stored (a failed e-mail
step's reason in the outbox, a failed sync's last error on the account) is read back later in
the English window in English, and in the Swedish window word for word as the command line
prints it; the Swedish text stays in its column, so an older row (stored without its source)
still shows as it was, and the next action and `audit verify` are not disturbed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select, update

from app.cli import main
from app.models import Account, OutboxStep
from app.services.accounts.connections import CredentialService
from app.services.accounts.credentials import CredentialStore
from app.services.accounts.platforms import ConnectorRegistry
from app.services.intake.sync import SyncService
from app.services.moderation.history import kept_reasons, platform_result_text
from app.services.records.audit import AuditService
from app.ui.core_text import window_text
from app.ui.queue.by_hand_view import ByHandView
from app.ui.settings.accounts_dialog import AccountsDialog
from app.ui.translations import install_translators
from tests.helpers.platforms import quick_options, running
from tests.helpers.ui import show_loaded
from tests.helpers.workflow import make_item, service

NO_SERVER = "Ingen e-postserver är inställd (Inställningar → E-post); frågan skickas vidare när den är det."
NO_SERVER_EN = "No mail server is set up (Settings → E-mail); the question is forwarded once it is."


def in_english(show: Callable[[], str]) -> str:
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        return show()
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def by_hand_reason(qtbot, db) -> str:  # type: ignore[no-untyped-def]
    """The failed step's line in Verktyg → Att göra för hand, read from the database anew."""
    view = show_loaded(qtbot, ByHandView(service(db)))
    row = next(r for r, t in enumerate(view.tasks_shown) if t.kind == "retry")
    return str(view.table.item(row, 4).text())


def retry_list(capsys, url: str) -> str:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    main(["--db", url, "retry", "--list"])
    return str(capsys.readouterr().out)


def test_a_failed_e_mail_steps_stored_reason_in_the_windows_language(qtbot, capsys, database, db_url):
    svc = service(database)
    question = make_item(database.sessions, "Får jag bygga ett plank?")
    waiting = svc.forward(question, "bygg@vadstena.se", "Kan ni svara?")  # no mail server: it waits
    with database.sessions() as s:
        assert (
            s.scalar(select(OutboxStep.last_error).order_by(OutboxStep.id).limit(1)) == NO_SERVER
        )  # the Swedish text, as before

    english = in_english(lambda: by_hand_reason(qtbot, database))
    swedish = by_hand_reason(qtbot, database)
    printed = retry_list(capsys, db_url)
    assert english == f"Forwarding by e-mail: {NO_SERVER_EN}"
    assert swedish == f"Vidarebefordran med e-post: {NO_SERVER}"
    assert f"post 1: vidarebefordran med e-post (blocked): {NO_SERVER}\n" in printed  # word for word
    assert str(waiting.message).endswith(f"{NO_SERVER} Åtgärda orsaken och kör 'granska retry'.")

    # A row stored before the source was kept beside the text: shown as it was stored.
    with database.sessions.begin() as s:
        s.execute(update(OutboxStep).where(OutboxStep.status == "blocked").values(last_error_said=None))
    assert in_english(lambda: by_hand_reason(qtbot, database)) == f"Forwarding by e-mail: {NO_SERVER}"
    assert f"post 1: vidarebefordran med e-post (blocked): {NO_SERVER}\n" in retry_list(capsys, db_url)
    # A text written later without its source is never replaced by an older one's words.
    with database.sessions.begin() as s:
        said = {"source": NO_SERVER, "parts": []}
        s.execute(
            update(OutboxStep)
            .where(OutboxStep.status == "blocked")
            .values(last_error="Något annat hände.", last_error_said=said)
        )
    assert in_english(lambda: by_hand_reason(qtbot, database)) == "Forwarding by e-mail: Något annat hände."

    # The next ordinary action works, and the audit chain still verifies.
    other = make_item(database.sessions, "Och en till fråga?")
    assert svc.keep(other).status == "kept"
    assert AuditService(database.sessions).verify().intact


def open_accounts(qtbot, sessions) -> AccountsDialog:  # type: ignore[no-untyped-def]
    from app.services.accounts.register import AccountRegister

    store = CredentialStore()
    dialog = AccountsDialog(AccountRegister(sessions), CredentialService(sessions, store))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.account_list.count() > 0 and dialog.tasks.is_idle())
    return dialog


def last_error_line(qtbot, sessions) -> str:  # type: ignore[no-untyped-def]
    dialog = open_accounts(qtbot, sessions)
    line = dialog.sync_label.text().splitlines()[-1]
    dialog.close()
    return str(line)


def test_a_failed_syncs_stored_error_in_the_windows_language(qtbot, capsys, sqlite_db):
    with running("youtube") as r:
        key = r.add_account(sqlite_db.sessions)
        r.fake.expire_token()
        sync = SyncService(sqlite_db.sessions, ConnectorRegistry(lambda _a: r.fake.token, quick_options()))
        [failed] = sync.sync(key)
    assert not failed.ok
    with sqlite_db.sessions() as s:
        stored = str(s.scalar(select(Account.sync_state))["last_error"])
    english = in_english(lambda: last_error_line(qtbot, sqlite_db.sessions))
    swedish = last_error_line(qtbot, sqlite_db.sessions)
    assert swedish == f"Senaste fel: {stored}"
    assert english == (
        "Last error: The token for Vadstena kommun (youtube) has expired or is invalid: "
        "renew it under Settings → Accounts."
    )
    # An older account (no source beside its error): shown as it was stored.
    with sqlite_db.sessions.begin() as s:
        account = s.scalar(select(Account))
        account.sync_state = {k: v for k, v in account.sync_state.items() if k != "last_error_said"}
    assert in_english(lambda: last_error_line(qtbot, sqlite_db.sessions)) == f"Last error: {stored}"
    assert AuditService(sqlite_db.sessions).verify().intact


def history_texts(db, item_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [window_text(entry.summary) for entry in service(db).history(item_id)]


def test_the_history_says_a_stored_reason_in_the_windows_language(qtbot, sqlite_db):
    """The audit trail and a decision's platform result are sealed and stay as written: the
    history finds their words among the outbox's kept reasons and says those in English."""
    svc = service(sqlite_db)
    question = make_item(sqlite_db.sessions, "Får jag bygga ett plank?")
    svc.forward(question, "bygg@vadstena.se", "Kan ni svara?")

    english = "\n".join(in_english(lambda: "\n".join(history_texts(sqlite_db, question))).splitlines())
    swedish = "\n".join(history_texts(sqlite_db, question))
    printed = "\n".join(str(e.summary) for e in service(sqlite_db).history(question))
    assert swedish == printed and NO_SERVER in swedish
    assert NO_SERVER not in english and NO_SERVER_EN in english
    # A removal's "Väntar på plattformen: …" on its (sealed) decision, the same way.
    with sqlite_db.sessions() as s:
        said = kept_reasons(s, question)
    waiting = platform_result_text(f"Väntar på plattformen: {NO_SERVER}", said)
    assert in_english(lambda: window_text(waiting)) == f"Pending on platform: {NO_SERVER_EN}"
    assert window_text(waiting) == str(waiting) == f"Väntar på plattformen: {NO_SERVER}"
    assert (
        platform_result_text("Väntar på plattformen: något annat", said)
        == "Väntar på plattformen: något annat"
    )
    assert AuditService(sqlite_db.sessions).verify().intact
