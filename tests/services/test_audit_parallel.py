"""`audit verify` on two processes (audit_parallel, the child a lean interpreter: audit_child): the
report is the one process's report, message for message, whatever was changed and wherever in
the log; a decision made while it runs is no false alarm; a child that is killed or crashes is a
clear Swedish error, never an intact log, and the next verify works."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text, update

from app.core.errors import EnvironmentFault
from app.models import AuditEvent, AuditSeal, Decision, Evidence, Item, Registration
from app.services.records import audit_parallel
from app.services.records.audit import AuditService
from app.services.records.audit_witness import Witness
from tests.helpers.workflow import add_admin, make_item, service


@pytest.fixture
def history(sqlite_db):
    """Removals (with an escalation), registrations and keeps, in two halves of the log."""
    add_admin(sqlite_db.sessions, "erik", "Erik Holm", manager_email="chef@kommun.example")
    erik = service(sqlite_db, user="erik")
    for n in range(3):
        erik.remove(make_item(sqlite_db.sessions, f"Hot mot en folkgrupp {n}"), "hets", "Hets mot folkgrupp.")
        erik.register(make_item(sqlite_db.sessions, f"Brist i hemtjänsten {n}"), "arende", "Ett ärende.")
        erik.keep(make_item(sqlite_db.sessions, f"Tack {n}"))
    return sqlite_db


def _verify(
    db: Any,
    monkeypatch: pytest.MonkeyPatch,
    *,
    parallel: bool,
    witnesses: list[Witness] | None = None,
    child_takes_all: bool = False,
):
    """The report, and whether a second process did part of it. `child_takes_all`: this process
    takes no family from the queue, so the child checks them all (on a small log this process,
    done with its evidence copies before the child has started, would take them all)."""
    started: list[object] = []
    real_start, real_taken = audit_parallel.start, audit_parallel.taken

    def start(con: Any, known: list[Witness]) -> audit_parallel.Helper | None:
        helper = real_start(con, known)
        started.append(helper)
        return helper

    monkeypatch.setattr(audit_parallel, "PARALLEL_FROM", 1 if parallel else 10**12)
    monkeypatch.setattr(audit_parallel, "start", start)
    monkeypatch.setattr(audit_parallel, "taken", (lambda turn: iter(())) if child_takes_all else real_taken)
    report = AuditService(db.sessions).verify(witnesses or [])
    return report, started[0] is not None


def _ids(db: Any, model: Any) -> list[int]:
    with db.sessions() as s:
        return list(s.scalars(select(model.id).order_by(model.id)))


def _sql(db: Any, statement: str, **params: Any) -> None:
    with db.engine.begin() as con:
        con.execute(text(statement), params)


def _event_changed_late(db: Any) -> None:
    last = _ids(db, AuditEvent)[-2]
    with db.sessions.begin() as s:
        s.execute(update(AuditEvent).where(AuditEvent.id == last).values(actor="någon annan"))


def _event_deleted_in_the_middle(db: Any) -> None:
    middle = _ids(db, AuditEvent)[len(_ids(db, AuditEvent)) // 2]
    with db.sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.id == middle))


def _newest_events_cut_off(db: Any) -> None:  # their seals stay: past the last event
    with db.sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.id.in_(_ids(db, AuditEvent)[-2:])))


def _evidence_payload_changed(db: Any) -> None:
    with db.sessions.begin() as s:
        s.execute(update(Evidence).where(Evidence.id == _ids(db, Evidence)[-1]).values(payload='{"x": 1}'))


def _decision_and_registration_changed(db: Any) -> None:  # one event sealed both
    registration = _ids(db, Registration)[-1]
    with db.sessions.begin() as s:
        decision = s.scalar(select(Registration.decision_id).where(Registration.id == registration))
        s.execute(update(Registration).where(Registration.id == registration).values(motivation="ändrad"))
        s.execute(update(Decision).where(Decision.id == decision).values(motivation="ändrad"))


def _item_status_and_registration_deleted(db: Any) -> None:
    with db.sessions.begin() as s:
        s.execute(update(Item).where(Item.id == _ids(db, Item)[-1]).values(status="removed"))
        s.execute(delete(Registration).where(Registration.id == _ids(db, Registration)[0]))


def _odd_seals(db: Any) -> None:  # an unreadable event id, and a seal past the last event
    last = _ids(db, AuditEvent)[-1]
    _sql(db, "INSERT INTO audit_seals VALUES ('x', 0, 'annat', 1, 'a')")
    _sql(db, "INSERT INTO audit_seals VALUES (:e, 0, 'decision', 1, 'a')", e=last + 5)
    _sql(db, "INSERT INTO audit_seals VALUES (:e, 0, 'decision', 1, 'a')", e=last - 0.5)


def _evidence_seal_deleted(db: Any) -> None:  # its event names the copy without sealing it now
    copy = _ids(db, Evidence)[0]
    with db.sessions.begin() as s:
        s.execute(delete(AuditSeal).where(AuditSeal.kind == "evidence", AuditSeal.record_id == copy))
        s.execute(update(Evidence).where(Evidence.id == copy).values(saved_by="någon"))


def _seals_reordered_and_odd(db: Any) -> None:  # seals SQLite joins in another order, odd types
    events = _ids(db, AuditEvent)
    _sql(db, "UPDATE audit_seals SET seq = 100 - seq WHERE event_id = :e", e=events[-3])
    _sql(
        db, "UPDATE audit_seals SET record_id = record_id + 0.5 WHERE event_id = :e AND seq = 0", e=events[-5]
    )
    _sql(db, "UPDATE audit_seals SET kind = CAST(kind AS BLOB) WHERE event_id = :e", e=events[-7])


CHANGES: dict[str, Callable[[Any], None]] = {
    "seals reordered, odd types": _seals_reordered_and_odd,
    "nothing": lambda db: None,
    "an event near the end": _event_changed_late,
    "an event deleted in the middle": _event_deleted_in_the_middle,
    "the newest events cut off": _newest_events_cut_off,
    "an evidence copy's text": _evidence_payload_changed,
    "a decision and its registration": _decision_and_registration_changed,
    "an item's status, a registration deleted": _item_status_and_registration_deleted,
    "seals with odd event ids": _odd_seals,
    "an evidence copy's seal deleted": _evidence_seal_deleted,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_two_processes_report_what_one_process_reports(history, monkeypatch, change):
    CHANGES[change](history)
    one, helped = _verify(history, monkeypatch, parallel=False)
    two, split = _verify(history, monkeypatch, parallel=True)
    child_all, _ = _verify(history, monkeypatch, parallel=True, child_takes_all=True)
    assert not helped and split
    assert two == one and child_all == one
    assert two.intact == (change == "nothing")


def test_witnesses_are_checked_by_the_child_as_by_one_process(history, monkeypatch):
    with history.sessions() as s:
        hashes = list(s.scalars(select(AuditEvent.hash).order_by(AuditEvent.id)))
    witnesses = [
        Witness(2, hashes[1], "export a.xlsx"),  # holds
        Witness(4, "e" * 64, "bevispaket b.zip"),  # another event there
        Witness(len(hashes) + 3, "f" * 64, "mejl c.eml"),  # longer than the log
        Witness(None, hashes[5], "hash för hand"),  # found
        Witness(None, "d" * 64, "hash för hand"),  # nowhere
    ]
    one, _ = _verify(history, monkeypatch, parallel=False, witnesses=witnesses)
    two, split = _verify(history, monkeypatch, parallel=True, witnesses=witnesses, child_takes_all=True)
    assert split and two == one and len(two.problems) == 3


def _when_child_asks(monkeypatch: pytest.MonkeyPatch, action: Callable[[Any], None]) -> None:
    """Runs `action(child process)` when verify's child, done with the chain and alive, first
    asks for a family, before it is answered (with `child_takes_all`, only the child asks)."""

    class Asked(audit_parallel.Helper):
        def __init__(self, process: Any, upto: int, turn: audit_parallel.Turn) -> None:
            done: list[bool] = []
            take = turn.take

            def first_take() -> str | None:
                if not done:
                    done.append(True)
                    action(process)
                return take()

            turn.take = first_take  # type: ignore[method-assign]
            super().__init__(process, upto, turn)

    monkeypatch.setattr(audit_parallel, "Helper", Asked)


def _before_child_starts(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]) -> None:
    """Runs `action()` after verify has read in its snapshot, before its child takes its own."""
    command = audit_parallel.command

    def late() -> list[str]:
        action()
        return command()

    monkeypatch.setattr(audit_parallel, "command", late)


def test_a_decision_during_verify_is_no_false_alarm(history, monkeypatch):
    with history.sessions() as s:
        events = s.scalar(select(func.count()).select_from(AuditEvent))
    item = make_item(history.sessions, "Ett nytt hot")
    with monkeypatch.context() as patch:  # decided while both processes hold their snapshots
        _when_child_asks(patch, lambda _child: service(history, user="erik").remove(item, "hets", "Hot."))
        report, split = _verify(history, monkeypatch, parallel=True, child_takes_all=True)
    assert split and report.intact, report.problems
    assert report.events == events  # the snapshot verify opened first decides
    assert AuditService(history.sessions).verify().intact  # the decision was kept, sealed


def test_a_change_found_by_the_child_is_reported_as_in_verifys_snapshot(history, monkeypatch):
    _decision_and_registration_changed(history)
    one, _ = _verify(history, monkeypatch, parallel=False)
    registered = make_item(history.sessions, "Ännu en brist")
    with monkeypatch.context() as patch:
        _when_child_asks(
            patch, lambda _child: service(history, user="erik").register(registered, "arende", "Ä.")
        )
        two, split = _verify(history, monkeypatch, parallel=True, child_takes_all=True)
    assert split and not two.intact
    # the problems as in verify's snapshot; records the child read in its own (a little later)
    # are counted, a decision's new records among them
    assert (two.problems, two.first_broken_event, two.first_broken_record) == (
        one.problems,
        one.first_broken_event,
        one.first_broken_record,
    )
    assert (two.events, two.evidence) == (one.events, one.evidence) and two.records >= one.records


def _killed(child: Any) -> None:
    child.kill()
    child.wait()


def test_a_killed_child_is_a_clear_error_then_verify_works(history, monkeypatch):
    with monkeypatch.context() as patch:
        _when_child_asks(patch, _killed)
        with pytest.raises(EnvironmentFault, match="den andra kontrollprocessen slutade utan svar"):
            _verify(history, monkeypatch, parallel=True, child_takes_all=True)
    report, split = _verify(history, monkeypatch, parallel=True)
    assert split and report.intact


def test_a_small_log_is_verified_in_one_process(history):
    started: list[object] = []
    real_start = audit_parallel.start

    def start(con: Any, known: list[Witness]) -> audit_parallel.Helper | None:
        started.append(real_start(con, known))
        return started[-1]  # type: ignore[return-value]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit_parallel, "start", start)
        assert AuditService(history.sessions).verify().intact
    assert started == [None]  # under PARALLEL_FROM events: no second process to start


def test_the_command_says_and_exits_as_with_one_process(history, monkeypatch, capsys):
    from app.cli import main

    url = history.engine.url.render_as_string(hide_password=False)

    def verify(parallel: bool) -> tuple[int, str, str]:
        monkeypatch.setattr(audit_parallel, "PARALLEL_FROM", 1 if parallel else 10**12)
        code = main(["--db", url, "audit", "verify"])
        out, err = capsys.readouterr()
        return code, out, err

    assert verify(True) == verify(False) and verify(True)[0] == 0
    _decision_and_registration_changed(history)
    one, two = verify(False), verify(True)
    assert two == one and two[0] == 1 and two[1].startswith("Granskningsloggen är bruten: ")
    with monkeypatch.context() as patch:
        _when_child_asks(patch, _killed)
        patch.setattr(audit_parallel, "taken", lambda turn: iter(()))
        code, out, err = verify(True)
    assert (code, out) == (1, "")
    assert err.startswith("granska: Granskningsloggen kunde inte kontrolleras: den andra kontrollprocessen")
    assert verify(True) == one  # and the next verify works


def test_every_family_but_the_evidence_copies_is_in_the_queue_once():
    from app.models.seals import KINDS

    assert sorted(audit_parallel.QUEUE) == sorted(set(KINDS) - {"evidence"})
