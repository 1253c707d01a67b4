"""Issue #15, English and one set of letters (continued): what an action's follow-up says (a
forward's e-mail waiting to be sent, a registration's criterion) and the yearly report's PDF when
it cannot be written, in the English window in English and in the Swedish window word for word
as the command line prints it."""

from __future__ import annotations

from app.core.errors import EnvironmentFault
from app.services.context import Actor
from app.services.stats.report import build_report
from app.ui.report_pdf import write_report_pdf
from tests.helpers.workflow import make_item, service
from tests.ui.test_core_messages_platforms import in_both_windows, refusal


def test_a_forwards_e_mail_waiting_in_the_windows_language(qapp, sqlite_db):
    svc = service(sqlite_db)
    items = iter([make_item(sqlite_db.sessions, "En fråga"), make_item(sqlite_db.sessions, "En till")])
    said = in_both_windows(lambda: svc.forward(next(items), "bygg@vadstena.se", "Kan ni svara?").message)
    english, swedish, printed = said
    assert swedish == printed
    assert printed.startswith("E-posten till bygg@vadstena.se är inte skickad än: ")
    assert printed.endswith(" Åtgärda orsaken och kör 'granska retry'.")
    # The outbox's stored reason (the step's last_error) is said again in English too (en15d).
    assert english == (
        "The e-mail to bygg@vadstena.se is not sent yet: No mail server is set up (Settings → E-mail); "
        "the question is forwarded once it is. Fix the cause and run 'granska retry'."
    )


def test_a_registrations_criterion_in_the_windows_language(qapp, sqlite_db):
    svc = service(sqlite_db)
    items = iter([make_item(sqlite_db.sessions, "Jag vill överklaga"), make_item(sqlite_db.sessions, "Igen")])
    said = in_both_windows(lambda: svc.register(next(items), "atgard", "").message)
    assert said == (
        "Registered: leads to action; the registrar fills in the case number.",
        "Diarieförd: leder till åtgärd; registratorn fyller i diarienumret.",
        "Diarieförd: leder till åtgärd; registratorn fyller i diarienumret.",
    )


def test_a_report_pdf_that_cannot_be_written_in_the_windows_language(qapp, sqlite_db, tmp_path):
    report = build_report(sqlite_db.sessions, 2026, Actor("chef"))
    path = tmp_path / "finns-inte" / "utvardering-2026.pdf"
    said = in_both_windows(lambda: refusal(lambda: write_report_pdf(report, path), EnvironmentFault))
    assert said == (
        f"Cannot write {path}: the file or folder does not exist",
        f"Kan inte skriva {path}: filen eller mappen finns inte",
        f"Kan inte skriva {path}: filen eller mappen finns inte",
    )
    assert (
        write_report_pdf(report, tmp_path / "utvardering-2026.pdf").stat().st_size > 0
    )  # the next one works
