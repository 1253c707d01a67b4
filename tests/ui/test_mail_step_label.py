"""A failed e-mail step (a forwarded question, its reminder, the e-mail to a manager) failed at
the mail server, not at a platform: the item's history and the audit log view
call it "E-posten kunde inte skickas" ("The e-mail could not be sent" in the English window);
a failed platform step keeps "Plattformen svarade med fel"."""

from __future__ import annotations

from app.services.records.audit import AuditFilter, AuditService, action_label
from app.ui.core_text import window_text
from app.ui.records.audit_text import action_name
from tests.helpers.workflow import make_item, service
from tests.ui.test_core_messages_stored import in_english


def test_a_failed_mail_step_is_not_called_a_platform_error(qapp, sqlite_db):
    svc = service(sqlite_db)
    question = make_item(sqlite_db.sessions, "Får jag bygga ett plank?")
    svc.forward(question, "bygg@vadstena.se", "Kan ni svara?")  # no mail server: the step fails

    def history() -> str:
        return "\n".join(window_text(e.summary) for e in service(sqlite_db).history(question))

    swedish, english = history(), in_english(history)
    assert "E-posten kunde inte skickas: Ingen e-postserver är inställd" in swedish
    assert "The e-mail could not be sent: No mail server is set up" in english
    assert "Plattformen" not in swedish and "platform" not in english

    # The audit log view, in both languages; the entry's label in Swedish.
    [failed] = [
        e
        for e in AuditService(sqlite_db.sessions).search(AuditFilter(item_id=question))
        if e.action == "platform_failed"
    ]
    assert action_name(failed.action, failed.details) == "E-posten kunde inte skickas"
    assert in_english(lambda: action_name(failed.action, failed.details)) == "The e-mail could not be sent"
    assert failed.label == "E-posten kunde inte skickas"

    # A platform step that failed is still the platform's error.
    removal = {"step": "platform_remove", "attempt": 1, "error": "HTTP 500"}
    assert str(action_label("platform_failed", removal)) == "Plattformen svarade med fel"
    assert (
        in_english(lambda: action_name("platform_failed", removal)) == "The platform answered with an error"
    )
