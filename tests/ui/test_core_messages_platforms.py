"""Issue #15, English and one set of letters (continued): what the platforms' connectors
answer (a hide done, a deletion the platform does not allow), what the mail service and the
moderation service say, in the English window in English and in the Swedish window word for
word as the command line prints it. Each is taken as the window shows it: a status through
window_text, an error through describe_error."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.ui.core_text import window_text
from app.ui.translations import install_translators
from tests.helpers.platforms import running


def in_both_windows(say: Callable[[], object]) -> tuple[str, str, str]:
    """(the English window's text, the Swedish window's, what the command line prints)."""
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        english = window_text(say())
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    said = say()
    return english, window_text(said), str(said)


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
