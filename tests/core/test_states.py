"""The states became enums without changing a stored byte: databases written before read the
same, and what is written now reads back as the same plain text."""

from __future__ import annotations

import json

from sqlalchemy import select, text

from app.core.errors import ErrorKind, PlatformError
from app.core.states import WAITING, Action, ItemKind, Outcome, Step, StepStatus
from app.models import OutboxStep
from app.services.moderation.outbox import queue_step
from app.services.moderation.writer import Writer
from tests.helpers.workflow import make_item


def test_the_stored_strings_are_the_ones_databases_already_hold():
    assert [s.value for s in Step] == ["platform_remove", "post_notice", "send_escalation", "send_forward"]
    assert [s.value for s in StepStatus] == ["pending", "running", "done", "manual", "blocked"]
    assert WAITING == ("pending", "running", "blocked")
    assert [o.value for o in Outcome] == ["done", "retry", "blocked", "manual"]
    assert [a.value for a in Action] == [
        "remove", "register", "notify", "keep", "answer", "forward", "hand_over",
    ]  # fmt: skip
    assert [k.value for k in ItemKind] == ["post", "comment"]
    assert json.dumps({"kind": ErrorKind.RATE_LIMIT}) == '{"kind": "rate_limit"}'  # sync state JSON


def test_a_step_written_with_enums_reads_back_as_plain_text(database):
    item_id = make_item(database.sessions)
    with database.sessions.begin() as session:
        writer = Writer(session.connection())
        step_id = queue_step(
            writer,
            item_id=item_id,
            decision_id=None,
            step=Step.POST_NOTICE,
            payload={},
            now=_now(),
            status=StepStatus.MANUAL,
        )
    with database.sessions() as session:
        raw = session.execute(text("SELECT step, status FROM outbox WHERE id = :i"), {"i": step_id}).one()
        row = session.scalar(select(OutboxStep).where(OutboxStep.id == step_id))
    assert tuple(raw) == ("post_notice", "manual")
    assert (row.step, row.status) == (Step.POST_NOTICE, StepStatus.MANUAL)


def test_a_platform_error_kind_given_as_text_is_the_enum():
    error = PlatformError("Vänta", "rate_limit", retry_after=30)
    assert error.kind is ErrorKind.RATE_LIMIT and error.retryable


def _now():
    from datetime import UTC, datetime

    return datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
