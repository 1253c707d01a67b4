"""Issue #15, English and one set of letters (continued): what the platforms' connectors
answer (a hide done, a deletion the platform does not allow), what the mail service and the
moderation service say, in the English window in English and in the Swedish window word for
word as the command line prints it. Each is taken as the window shows it: a status through
window_text, an error through describe_error."""

from __future__ import annotations

import errno
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication

from app.core.errors import EnvironmentFault, PlatformError, os_cause
from app.models.db import DatabaseError, open_database
from app.services.mail import Mailer, MailSettings
from app.services.replace_file import replace_file
from app.ui.core_text import window_text
from app.ui.failures import describe_error
from app.ui.translations import install_translators
from tests.helpers.mailbox import free_port
from tests.helpers.platforms import running
from tests.helpers.workflow import make_item, service


def shown(said: object) -> str:
    """As the window shows it: an error as every dialog does, a status through window_text."""
    return describe_error(said)[0] if isinstance(said, BaseException) else window_text(said)


def in_both_windows(say: Callable[[], object]) -> tuple[str, str, str]:
    """(the English window's text, the Swedish window's, what the command line prints)."""
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        english = shown(say())
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    said = say()
    return english, shown(said), str(said)


def refusal(action: Callable[[], object], kind: type[BaseException] = Exception) -> BaseException:
    with pytest.raises(kind) as refused:
        action()
    return refused.value


def test_the_connectors_results_and_refusals_in_the_windows_language(qapp):
    with running("x") as x:
        reply = x.fake.store.add_comment(x.fake.store.add_post(), "Svar")
        hidden = in_both_windows(lambda: x.connector().hide(reply.id).message)
        refused = in_both_windows(lambda: x.connector().delete(reply.id).message)
    with running("linkedin") as linkedin:
        cannot_hide = in_both_windows(lambda: linkedin.connector().hide("urn:li:comment:1").message)
    assert hidden == (
        "The reply is hidden on X (it can be reached through “View hidden replies”).",
        "Svaret är dolt på X (det nås via ”Visa dolda svar”).",
        "Svaret är dolt på X (det nås via ”Visa dolda svar”).",
    )
    assert refused == (
        "X does not let the account's owner delete other people's replies; use Hide instead.",
        "X låter inte kontots ägare radera andras svar; använd Dölj i stället.",
        "X låter inte kontots ägare radera andras svar; använd Dölj i stället.",
    )
    assert cannot_hide == (
        "LinkedIn does not let the page's owner hide comments.",
        "LinkedIn låter inte sidans ägare dölja kommentarer.",
        "LinkedIn låter inte sidans ägare dölja kommentarer.",
    )


def test_a_mail_servers_refusal_in_the_windows_language(qapp):
    port = free_port()
    mailer = Mailer(
        MailSettings(host="127.0.0.1", port=port, security="none", sender="granska@vadstena.se", timeout=5)
    )
    english, swedish, printed = in_both_windows(lambda: refusal(mailer.check, EnvironmentFault))
    assert english.startswith(
        f"Could not send mail via 127.0.0.1:{port}: The mail server 127.0.0.1 did not accept "
        f"connections on port {port} (wrong port, or down). ("
    )
    assert swedish == printed
    assert printed.startswith(
        f"Kunde inte skicka e-post via 127.0.0.1:{port}: E-postservern 127.0.0.1 tog inte emot "
        f"anslutningar på port {port} (fel port, eller nere). ("
    )
    detail = printed[printed.rindex(" (") :]  # the library's own words, the same in both windows
    assert english.endswith(detail) and "refused" in detail.lower()


def test_the_moderation_services_outcomes_in_the_windows_language(qapp, sqlite_db):
    svc = service(sqlite_db)
    items = iter([make_item(sqlite_db.sessions, "Bra jobbat"), make_item(sqlite_db.sessions, "Tack")])
    kept = in_both_windows(lambda: svc.keep(next(items)).message)
    items = iter([make_item(sqlite_db.sessions, "En fråga"), make_item(sqlite_db.sessions, "En till")])
    answered = in_both_windows(lambda: svc.answer(next(items), "Tack!", posted_by_hand=True).message)
    assert kept == (
        "Approved: the comment may stay.",
        "Godkänd: kommentaren får stå kvar.",
        "Godkänd: kommentaren får stå kvar.",
    )
    assert answered == (
        "The answer is saved and marked as published by hand.",
        "Svaret är sparat och markerat som publicerat för hand.",
        "Svaret är sparat och markerat som publicerat för hand.",
    )


def test_a_database_that_is_a_folder_in_the_windows_language(qapp, tmp_path):
    folder = tmp_path / "granska.db"
    folder.mkdir()
    said = in_both_windows(lambda: refusal(lambda: open_database(f"sqlite:///{folder}"), DatabaseError))
    assert said == (
        f"Cannot use the database {folder}: it is a folder, not a database file. Nothing has been changed.",
        f"Kan inte använda databasen {folder}: det är en mapp, inte en databasfil. Ingenting har ändrats.",
        f"Kan inte använda databasen {folder}: det är en mapp, inte en databasfil. Ingenting har ändrats.",
    )


def test_a_common_os_error_is_said_in_the_windows_language(qapp, tmp_path):
    source, folder = tmp_path / "ny.xlsx", tmp_path / "mapp"
    source.write_text("x")
    (folder / "inne").mkdir(parents=True)  # a folder, not empty, where the file should go
    said = in_both_windows(lambda: refusal(lambda: replace_file(source, folder, delays=()), EnvironmentFault))
    assert said == (
        f"Cannot save {folder}: it is a folder, not a file",
        f"Kan inte spara {folder}: det är en mapp, inte en fil",
        f"Kan inte spara {folder}: det är en mapp, inte en fil",
    )
    # An error without a sentence of its own: "systemfel", the code and the system's words.
    assert os_cause(OSError(errno.EIO, "Input/output error")) == "systemfel EIO (Input/output error)"


def test_a_platform_out_of_reach_or_sending_broken_json_in_the_windows_language(qapp):
    with running("facebook") as facebook:
        facebook.fake.store.add_comment(facebook.fake.store.add_post(), "Hej")
        facebook.fake.fail_with_broken_json(match="/comments", times=100)
        broken = in_both_windows(lambda: refusal(lambda: facebook.connector().fetch(None), PlatformError))
        gone = facebook.connector()
    unreachable = in_both_windows(lambda: refusal(gone.check, PlatformError))  # the server is gone now
    account, for_it = "för kontot Vadstena kommun (facebook).", "for the account Vadstena kommun (facebook)."
    assert broken == (
        f"Facebook sent an answer that could not be read (broken JSON) {for_it}",
        f"Facebook skickade ett svar som inte gick att läsa (trasig JSON) {account}",
        f"Facebook skickade ett svar som inte gick att läsa (trasig JSON) {account}",
    )
    assert unreachable == (
        f"Facebook could not be reached (ConnectError) {for_it}",
        f"Facebook gick inte att nå (ConnectError) {account}",
        f"Facebook gick inte att nå (ConnectError) {account}",
    )
