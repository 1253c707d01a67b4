from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core.canonical import sha256_hex
from app.core.connector import Capabilities
from app.core.errors import InputError
from app.models import AuditEvent, Decision, Evidence, Item, Notice, OutboxStep, Registration
from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.services.records.audit import AuditService
from tests.helpers.platform import fake_registry
from tests.helpers.workflow import add_admin, count, item_events, make_item, service


def _item(db, platform):
    return make_item(db.sessions, "Ni är idioter allihop", api_base=platform.url)


def _status(db, item_id):
    with db.sessions() as s:
        return s.scalar(select(Item.status).where(Item.id == item_id))


def _external(db, item_id):
    with db.sessions() as s:
        return s.scalar(select(Item.external_id).where(Item.id == item_id))


def _steps(db, item_id):
    with db.sessions() as s:
        return {o.step: o for o in s.scalars(select(OutboxStep).where(OutboxStep.item_id == item_id))}


def test_a_removal_does_every_step_in_the_guidelines_order(database, platform, registry):
    item_id = _item(database, platform)
    outcome = service(database, connectors=registry).remove(item_id, "personangrepp")

    assert (outcome.status, outcome.pending) == ("removed", False)
    assert "Borttagen och diarieförd" in outcome.message and "publicerat" in outcome.message
    assert platform.hidden == {_external(database, item_id)}
    assert platform.count("hide") == 1 and platform.count("delete") == 0
    # The public notice went to the thread (the post the comment was on), exactly once.
    assert [r[0] for r in platform.replies] == ["p1"]
    assert "personangrepp" in platform.replies[0][1]
    with database.sessions() as s:
        evidence = s.scalars(select(Evidence)).one()
        decision = s.scalars(select(Decision)).one()
        registration = s.scalars(select(Registration)).one()
        notice = s.scalars(select(Notice)).one()
        actions = list(
            s.scalars(select(AuditEvent.action).where(AuditEvent.item_id == item_id).order_by(AuditEvent.id))
        )
    assert sha256_hex(evidence.payload) == evidence.sha256 and evidence.item_id == item_id
    assert (decision.action, decision.reason_code, decision.mode) == ("remove", "personangrepp", "hide")
    assert (
        decision.evidence_id == evidence.id and decision.motivation == "Kommentaren innehöll personangrepp."
    )
    assert decision.platform_result == "Dold på plattformen."
    assert (registration.criterion, registration.decision_id) == ("removal", decision.id)
    assert (notice.status, notice.platform_ref) == ("posted", "reply-1")
    assert actions == ["remove", "platform_removed", "notice_posted"]
    # Evidence first: it has the lowest time and the decision points at it.
    assert evidence.saved_at <= decision.decided_at
    assert AuditService(database.sessions).verify().intact


def test_delete_where_asked_and_allowed_and_hide_where_delete_is_not(database, platform):
    item_id = _item(database, platform)
    service(database, connectors=fake_registry()).remove(
        item_id, "reklam", "Reklam för kasino", mode="delete"
    )
    assert platform.count("delete") == 1 and platform.count("hide") == 0

    hide_only = fake_registry(Capabilities(can_hide=True, can_reply=True))
    other = _item(database, platform)
    outcome = service(database, connectors=hide_only).remove(other, "reklam", mode="delete")
    assert outcome.status == "removed" and platform.count("hide") == 1


def test_without_a_connector_the_item_is_removed_by_hand_and_confirmed(database):
    item_id = make_item(database.sessions, "Köp nu med rabattkod")
    svc = service(database)  # no connectors at all
    outcome = svc.remove(item_id, "reklam")
    assert (outcome.status, outcome.pending) == ("remove_by_hand", True)
    assert "https://social.example/p/p1?c=" in outcome.message
    steps = _steps(database, item_id)
    assert steps["platform_remove"].status == "manual" and steps["post_notice"].status == "pending"

    confirmed = svc.confirm_removed(item_id)
    assert (confirmed.status, confirmed.pending) == ("removed", False)
    assert "för hand" in confirmed.message
    with database.sessions() as s:
        notice = s.scalars(select(Notice)).one()
    assert notice.status == "manual" and "reklam" in notice.text

    posted = svc.mark_notice_posted(item_id, "https://social.example/p/p1?c=svar")
    assert posted.status == "removed"
    with database.sessions() as s:
        notice = s.scalars(select(Notice)).one()
    assert (notice.status, notice.platform_ref) == ("posted", "https://social.example/p/p1?c=svar")
    assert all(step.status == "done" for step in _steps(database, item_id).values())
    with pytest.raises(InputError, match="väntar inte"):
        svc.confirm_removed(item_id)


def test_a_rate_limit_leaves_the_item_pending_and_retries_after_the_platforms_wait(database, platform, clock):
    item_id = _item(database, platform)
    platform.fail_next("hide", 429, retry_after=120)
    svc = ModerationService(database.sessions, connectors=fake_registry(), actor=Actor("testare", clock))
    outcome = svc.remove(item_id, "svordomar")

    assert (outcome.status, outcome.pending) == ("pending_platform", True)
    assert "429" in outcome.message and "Nytt försök" in outcome.message
    step = _steps(database, item_id)["platform_remove"]
    assert step.status == "pending" and step.next_attempt_at == clock.now + timedelta(seconds=120)
    assert platform.replies == []  # the notice waits for the removal

    clock.advance(seconds=60)
    assert svc.resume().done == 0 and platform.count("hide") == 1  # too early: not asked again
    clock.advance(seconds=61)
    summary = svc.resume()
    assert summary.done == 2 and summary.waiting == []
    assert _status(database, item_id) == "removed"
    assert platform.count("hide") == 2 and len(platform.replies) == 1


def test_server_errors_back_off_exponentially(database, platform, clock):
    item_id = _item(database, platform)
    platform.fail_next("hide", 503, times=2)
    svc = ModerationService(database.sessions, connectors=fake_registry(), actor=Actor("testare", clock))
    svc.remove(item_id, "svordomar")
    first = _steps(database, item_id)["platform_remove"]
    assert first.next_attempt_at - clock.now == timedelta(seconds=30)
    clock.advance(seconds=30)
    svc.resume()
    second = _steps(database, item_id)["platform_remove"]
    assert second.attempts == 2 and second.next_attempt_at - clock.now == timedelta(seconds=60)
    assert "503" in second.last_error
    clock.advance(seconds=60)
    svc.resume()
    assert _status(database, item_id) == "removed" and platform.count("hide") == 3


def test_an_expired_token_waits_for_a_person_then_granska_retry(database, platform, clock):
    item_id = _item(database, platform)
    platform.fail_next("hide", 401)
    svc = ModerationService(database.sessions, connectors=fake_registry(), actor=Actor("testare", clock))
    outcome = svc.remove(item_id, "svordomar")
    assert outcome.pending and "förnya" in outcome.message and "granska retry" in outcome.message
    assert _steps(database, item_id)["platform_remove"].status == "blocked"
    clock.advance(days=1)
    assert svc.resume().done == 0  # start-up does not hammer an expired token
    summary = svc.retry()  # the administrator renewed the token and asks again
    assert summary.done == 2 and _status(database, item_id) == "removed"


def test_a_comment_already_gone_counts_as_removed(database, platform):
    item_id = _item(database, platform)
    platform.deleted.add(_external(database, item_id))  # its author deleted it meanwhile
    outcome = service(database, connectors=fake_registry()).remove(item_id, "svordomar", mode="delete")
    assert outcome.status == "removed"
    with database.sessions() as s:
        assert "fanns inte längre" in s.scalar(select(Decision.platform_result))


@pytest.mark.parametrize(
    ("reason", "mode", "message"),
    [("svärord", "hide", "Okänt skäl"), ("svordomar", "burn", "Okänt sätt")],
)
def test_bad_input_changes_nothing(database, reason, mode, message):
    item_id = make_item(database.sessions)
    with pytest.raises(InputError, match=message):
        service(database).remove(item_id, reason, mode=mode)
    assert _status(database, item_id) == "flagged"
    for model in (Evidence, Decision, Registration, Notice, OutboxStep):
        assert count(database.sessions, model) == 0
    assert item_events(database.sessions) == 0


def test_an_unknown_item_is_bad_input(database):
    with pytest.raises(InputError, match="ingen post med id 999"):
        service(database).remove(999, "svordomar")
    assert count(database.sessions, AuditEvent) == 0


def test_an_item_removed_by_someone_else_is_not_decided_twice(database):
    add_admin(database.sessions, "erik", "Erik Holm")
    item_id = make_item(database.sessions)
    service(database, user="erik").remove(item_id, "personangrepp")
    with pytest.raises(InputError, match="Redan avgjord av Erik Holm .* \\(borttagen\\)"):
        service(database, user="sofia").keep(item_id)
    with pytest.raises(InputError, match="Redan avgjord av Erik Holm"):
        service(database, user="sofia").remove(item_id, "svordomar")
    assert count(database.sessions, Evidence) == 1 and count(database.sessions, Decision) == 1


def test_whoever_kept_an_item_may_still_remove_it_but_nobody_else(database):
    item_id = make_item(database.sessions)
    service(database, user="anna").keep(item_id)
    with pytest.raises(InputError, match=r"Redan avgjord av okänd användare \(anna\)"):
        service(database, user="bo").remove(item_id, "personangrepp")
    assert service(database, user="anna").remove(item_id, "personangrepp").status == "remove_by_hand"


def test_an_item_pending_on_the_platform_can_be_confirmed_removed_by_hand(database, platform, registry):
    item_id = _item(database, platform)
    platform.fail_next("hide", 401)
    svc = service(database, connectors=registry)
    assert svc.remove(item_id, "svordomar").status == "pending_platform"
    outcome = svc.confirm_removed(item_id)
    assert (outcome.status, outcome.pending) == ("removed", False)
    assert len(platform.replies) == 1 and platform.count("hide") == 1  # never asked again
    assert svc.retry().done == 0


def test_the_decision_is_committed_before_anything_leaves_granska(database, platform, registry):
    """The window shows the decision at once and carries it out on another worker."""
    item_id = _item(database, platform)
    svc = service(database, connectors=registry)
    decided = svc.decide_remove(item_id, "personangrepp")
    assert (decided.status, decided.pending) == ("pending_platform", True)
    assert platform.count("hide") == 0 and platform.replies == []
    assert _status(database, item_id) == "pending_platform" and count(database.sessions, Evidence) == 1
    done = svc.carry_out(decided)
    assert (done.status, done.follow_up) == ("removed", None)
    assert platform.count("hide") == 1 and len(platform.replies) == 1
    assert svc.carry_out(done) is done  # nothing left to carry out
