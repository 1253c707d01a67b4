"""Issue #15, English and one set of letters (the last gaps): what the outbox's steps say (a
removal the platform does not allow, an account with no connection to its platform, a notice
published by hand, Granska's own internal error), each failed attempt's error in the history
and the audit log, and the system's file errors (a full disk, a name too long, a busy file, a
network share gone) reach the English window in English, and the Swedish window and the
command line in Swedish, word for word as before."""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from app.core.connector import Capabilities
from app.core.errors import EnvironmentFault, os_cause
from app.core.messages import heard, say, translate
from app.core.states import Outcome, Step
from app.models import OutboxStep
from app.models.db import DatabaseError, open_database
from app.services.moderation.outbox import StepInfo
from app.services.moderation.remove import PlatformRemover
from app.services.records.audit import AuditFilter, AuditService
from app.services.replace_file import replace_file
from app.services.stats.report import build_report
from app.services.stats.report_xlsx import write_report_xlsx
from app.ui.core_text import window_text
from app.ui.records.audit_text import audit_summary
from tests.helpers.platforms import running
from tests.helpers.workflow import ensure_account, make_item, service
from tests.ui.test_core_messages_platforms import in_both_windows, refusal
from tests.ui.test_core_messages_stored import NO_SERVER, NO_SERVER_EN, by_hand_reason, in_english, retry_list

BUG = "RuntimeError('trasig inställning')"
IO = "Begäran kunde inte utföras på grund av ett I/O-fel"  # Windows' own words, in Swedish


def _broken_mailer():  # type: ignore[no-untyped-def]
    raise RuntimeError("trasig inställning")  # our own bug, as the outbox sees it


def test_an_internal_error_and_an_earlier_attempts_error_in_the_windows_language(
    qtbot, capsys, database, db_url
):
    svc = service(database)
    question = make_item(database.sessions, "Får jag bygga ett plank?")
    svc.forward(question, "bygg@vadstena.se", "Kan ni svara?")  # attempt 1: no mail server
    service(database, mailer_factory=_broken_mailer).retry(ignore_backoff=True)  # attempt 2: a bug

    # The by-hand list: the step's current reason.
    assert in_english(lambda: by_hand_reason(qtbot, database)) == (
        f"Forwarding by e-mail: Internal error in Granska: {BUG}"
    )
    assert by_hand_reason(qtbot, database) == f"Vidarebefordran med e-post: Internt fel i Granska: {BUG}"
    assert f"post 1: vidarebefordran med e-post (blocked): Internt fel i Granska: {BUG}\n" in retry_list(
        capsys, db_url
    )

    # The history: each attempt's own error, the first one no longer the step's reason.
    def history() -> str:
        return "\n".join(window_text(e.summary) for e in service(database).history(question))

    english, swedish = in_english(history), history()
    printed = "\n".join(str(e.summary) for e in service(database).history(question))
    assert NO_SERVER_EN in english and f"Internal error in Granska: {BUG}" in english
    assert NO_SERVER not in english and "Internt fel" not in english
    assert swedish == printed and NO_SERVER in swedish and f"Internt fel i Granska: {BUG}" in swedish

    # The audit log's "fel:" the same way; what the command line prints is unchanged.
    entries = [
        e
        for e in AuditService(database.sessions).search(AuditFilter(item_id=question))
        if e.details.get("error")
    ]
    assert len(entries) == 2
    assert [in_english(lambda e=e: audit_summary(e.details)) for e in entries] == [  # type: ignore[misc]
        f"error: Internal error in Granska: {BUG}",
        f"error: {NO_SERVER_EN}",
    ]
    assert [e.summary for e in entries] == [f"fel: Internt fel i Granska: {BUG}", f"fel: {NO_SERVER}"]
    assert [audit_summary(e.details) for e in entries] == [e.summary for e in entries]

    # The next ordinary action works, and the audit chain still verifies.
    assert svc.keep(make_item(database.sessions, "Och en till?")).status == "kept"
    assert AuditService(database.sessions).verify().intact


def test_a_removal_the_platform_or_the_account_cannot_do_in_the_windows_language(qapp, sqlite_db):
    with running("youtube") as youtube:
        connector = youtube.connector()
        connector.capabilities = Capabilities(can_fetch=True, can_reply=True)  # neither hide nor delete
        step = StepInfo(1, 1, None, Step.PLATFORM_REMOVE, {"external_id": "c1", "mode": "hide"}, 1)
        result = PlatformRemover(lambda _item: connector)(step, False)
    assert result.outcome == Outcome.MANUAL
    assert in_both_windows(lambda: result.message) == (
        "The platform does not let Granska hide or delete the comment: remove it by hand and then "
        "confirm in Granska.",
        "Plattformen låter inte Granska dölja eller radera kommentaren: ta bort den för hand och "
        "bekräfta sedan i Granska.",
        "Plattformen låter inte Granska dölja eller radera kommentaren: ta bort den för hand och "
        "bekräfta sedan i Granska.",
    )
    # An account with no connection to its platform: the step waits for a person, its reason kept.
    ensure_account(sqlite_db.sessions, "fb")
    item = make_item(sqlite_db.sessions, "Jävla idioter", account="fb", external_id="rm1")
    service(sqlite_db).remove(item, "svordomar", "-")
    [waiting] = [s for s in service(sqlite_db).pending_steps(item) if s.step == Step.PLATFORM_REMOVE]
    assert in_both_windows(lambda: waiting.result) == (
        "The account has no connection to the platform: remove the comment by hand via the link and "
        "then confirm in Granska.",
        "Kontot har ingen koppling till plattformen: ta bort kommentaren för hand via länken och "
        "bekräfta sedan i Granska.",
        "Kontot har ingen koppling till plattformen: ta bort kommentaren för hand via länken och "
        "bekräfta sedan i Granska.",
    )


def test_a_notice_published_by_hand_keeps_its_words_in_both_languages(qapp, sqlite_db):
    ensure_account(sqlite_db.sessions, "fb")  # no platform to post to: the notice waits for a person
    item = make_item(sqlite_db.sessions, "Jävla idioter", account="fb", external_id="rm2")
    svc = service(sqlite_db, user="sofia")
    svc.remove(item, "svordomar", "-")
    svc.confirm_removed(item)
    [waiting] = [s for s in svc.pending_steps(item) if s.step == Step.POST_NOTICE]
    cannot = (
        "Plattformen kan inte publicera meddelandet åt Granska: kopiera texten och publicera den för hand"
    )
    assert in_both_windows(lambda: waiting.result) == (
        "The platform cannot publish the notice for Granska: copy the text and publish it by hand in the "
        "thread.",
        f"{cannot} i tråden.",
        f"{cannot} i tråden.",
    )
    svc.mark_notice_posted(item, "https://facebook.example/p/1")
    with sqlite_db.sessions() as s:
        done = s.execute(
            select(OutboxStep.result, OutboxStep.result_said).where(
                OutboxStep.item_id == item, OutboxStep.step == Step.POST_NOTICE
            )
        ).one()
    name = done.result.removeprefix("Publicerat för hand av ").removesuffix(".")
    assert done.result == f"Publicerat för hand av {name}."  # the Swedish text as before
    assert in_both_windows(lambda: heard(done.result, done.result_said)) == (
        f"Published by hand by {name}.",
        f"Publicerat för hand av {name}.",
        f"Publicerat för hand av {name}.",
    )
    history = [window_text(e.summary) for e in svc.history(item)]
    assert not [
        line
        for line in in_english(lambda: [window_text(e.summary) for e in svc.history(item)])
        if "för hand" in line
    ]
    assert any("för hand" in line for line in history)
    assert AuditService(sqlite_db.sessions).verify().intact


def _saving(path: object, exc: OSError) -> str:
    return say(translate("Core", "Kan inte spara %1: %2"), path, os_cause(exc))


def _with_winerror(code: int, words: str) -> OSError:
    exc = OSError(errno.EINVAL, words)
    exc.winerror = code  # type: ignore[attr-defined]  # as Windows raises it
    return exc


def test_the_file_errors_an_administrator_meets_in_the_windows_language(qapp, tmp_path):
    f = tmp_path / "ut.xlsx"
    said = {
        "full": _saving(f, OSError(errno.ENOSPC, "No space left on device")),
        "full on Windows": _saving(
            f, _with_winerror(112, "Det finns inte tillräckligt med utrymme på disken")
        ),
        "end of disk on Windows": _saving(f, _with_winerror(39, "Disken är full")),
        "read-only": _saving(f, OSError(errno.EROFS, "Read-only file system")),
        "permission": _saving(f, OSError(errno.EPERM, "Operation not permitted")),
        "busy": _saving(f, OSError(errno.EBUSY, "Device or resource busy")),
        "long on Windows": _saving(f, _with_winerror(206, "Filnamnet eller filändelsen är för lång")),
        "share gone": _saving(
            f, _with_winerror(64, "Det angivna nätverksnamnet är inte längre tillgängligt")
        ),
        "no share": _saving(f, _with_winerror(67, "Det går inte att hitta nätverksnamnet")),
        "no server": _saving(f, _with_winerror(53, "Det gick inte att hitta nätverkssökvägen")),
        "other": _saving(f, OSError(errno.EIO, "Input/output error")),
        "other on Windows": _saving(f, _with_winerror(1117, IO)),
    }
    english = dict(zip(said, in_english(lambda: [window_text(s) for s in said.values()]), strict=True))
    assert english == {
        "full": f"Cannot save {f}: the disk is full",
        "full on Windows": f"Cannot save {f}: the disk is full",
        "end of disk on Windows": f"Cannot save {f}: the disk is full",
        "read-only": f"Cannot save {f}: the drive is write-protected",
        "permission": f"Cannot save {f}: permission denied",
        "busy": f"Cannot save {f}: the file or device is busy",
        "long on Windows": f"Cannot save {f}: the path or file name is too long",
        "share gone": f"Cannot save {f}: the network drive cannot be reached",
        "no share": f"Cannot save {f}: the network drive cannot be reached",
        "no server": f"Cannot save {f}: the network drive cannot be reached",
        "other": f"Cannot save {f}: system error EIO (Input/output error)",
        "other on Windows": (f"Cannot save {f}: system error WinError 1117 ({IO})"),
    }
    assert (
        {k: window_text(v) for k, v in said.items()}
        == {k: str(v) for k, v in said.items()}
        == {
            "full": f"Kan inte spara {f}: disken är full",
            "full on Windows": f"Kan inte spara {f}: disken är full",
            "end of disk on Windows": f"Kan inte spara {f}: disken är full",
            "read-only": f"Kan inte spara {f}: enheten är skrivskyddad",
            "permission": f"Kan inte spara {f}: behörighet saknas",
            "busy": f"Kan inte spara {f}: filen eller enheten används just nu",
            "long on Windows": f"Kan inte spara {f}: sökvägen eller filnamnet är för långt",
            "share gone": f"Kan inte spara {f}: nätverksenheten går inte att nå",
            "no share": f"Kan inte spara {f}: nätverksenheten går inte att nå",
            "no server": f"Kan inte spara {f}: nätverksenheten går inte att nå",
            "other": f"Kan inte spara {f}: systemfel EIO (Input/output error)",
            "other on Windows": f"Kan inte spara {f}: systemfel WinError 1117 ({IO})",
        }
    )


def test_a_real_name_too_long_and_a_report_that_cannot_be_written(qapp, sqlite_db, tmp_path):
    source = tmp_path / "ny.xlsx"
    source.write_text("x")
    too_long = tmp_path / ("r" * 300 + ".xlsx")  # the kernel's ENAMETOOLONG
    assert in_both_windows(
        lambda: refusal(lambda: replace_file(source, too_long, delays=()), EnvironmentFault)
    ) == (
        f"Cannot save {too_long}: the path or file name is too long",
        f"Kan inte spara {too_long}: sökvägen eller filnamnet är för långt",
        f"Kan inte spara {too_long}: sökvägen eller filnamnet är för långt",
    )
    # The yearly report's workbook in a "folder" that is a file: the window's sentence, no raw OSError.
    (tmp_path / "rapporter").write_text("en fil, ingen mapp")
    target = tmp_path / "rapporter" / "rapport.xlsx"
    report = build_report(sqlite_db.sessions, 2026)
    assert in_both_windows(lambda: refusal(lambda: write_report_xlsx(report, target), EnvironmentFault)) == (
        f"Cannot write {target}: part of the path is not a folder",
        f"Kan inte skriva {target}: en del av sökvägen är inte en mapp",
        f"Kan inte skriva {target}: en del av sökvägen är inte en mapp",
    )
    assert not list(tmp_path.glob(".granska-*"))
    write_report_xlsx(report, tmp_path / "rapport.xlsx")  # the next ordinary save works
    assert (tmp_path / "rapport.xlsx").stat().st_size > 0
    assert QCoreApplication.instance() is not None


def test_a_connection_check_and_a_bad_database_address_in_the_windows_language(qapp):
    said = {}
    for platform in ("facebook", "instagram", "youtube", "x", "linkedin"):
        with running(platform) as p:
            english, swedish, printed = in_both_windows(lambda p=p: p.connector().check().message)  # type: ignore[misc]
        assert swedish == printed and swedish.startswith("Ansluten till "), platform
        said[platform] = english.split(" ", 3)[:3]  # the page's or channel's name is the platform's data
    assert said == {p: ["Connected", "to", "the"] for p in said}
    bad = in_both_windows(lambda: refusal(lambda: open_database("inte en adress"), DatabaseError))
    assert bad == (
        "Invalid database address: 'inte en adress'",
        "Ogiltig databasadress: 'inte en adress'",
        "Ogiltig databasadress: 'inte en adress'",
    )
