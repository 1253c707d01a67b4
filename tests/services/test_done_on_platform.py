"""Decided is not done: an answer is answered when it is published, a removal is "dold" when
the platform confirmed it, and until then the item stays where the administrator looks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.errors import InputError
from app.models import Item, Notice
from app.services.moderation.notify import DEFAULT_REPLIES
from app.services.queue.listing import QUEUES, QueueFilter, QueueService
from app.services.records.audit import AuditService
from app.services.records.removal_log import LogScope, removal_statement, removal_values, stream
from tests.helpers.workflow import make_item, service


def _status(db, item_id):
    with db.sessions() as s:
        return s.get(Item, item_id).status


def _queues_holding(db, item_id):
    queue = QueueService(db.sessions)
    return {
        q.name for q in QUEUES if any(i.id == item_id for i in queue.page(q.narrow(QueueFilter()), limit=500))
    }


def test_an_answer_the_platform_has_not_published_is_not_answered(database, platform, registry):
    item_id = make_item(database.sessions, "När öppnar simhallen?", api_base=platform.url)
    platform.fail_next("reply", 502)
    outcome = service(database, connectors=registry).answer(item_id, DEFAULT_REPLIES[0][1])
    assert (outcome.status, outcome.pending) == ("answer_pending", True)
    assert _status(database, item_id) == "answer_pending"
    # Still among the questions waiting for an answer, and among what waits on the platform.
    assert _queues_holding(database, item_id) == {"questions", "pending"}
    with database.sessions() as s:
        assert s.scalar(select(Notice.posted_at).where(Notice.item_id == item_id)) is None

    assert service(database, connectors=registry).retry(ignore_backoff=True).done == 1
    assert _status(database, item_id) == "answered"
    assert _queues_holding(database, item_id) == {"decided"}
    with database.sessions() as s:  # when it was published: what response times count from
        assert s.scalar(select(Notice.posted_at).where(Notice.item_id == item_id)) is not None
    assert AuditService(database.sessions).verify().intact


def test_an_answer_posted_by_hand_is_answered_once_confirmed(database):
    item_id = make_item(database.sessions, "Var hämtar jag sopkärl?")  # no connector: by hand
    outcome = service(database).answer(item_id, "Hej! På återvinningscentralen.")
    assert outcome.status == "answer_pending" and "för hand" in outcome.message
    assert _status(database, item_id) == "answer_pending"
    service(database).mark_notice_posted(item_id, "https://social.example/p/1?c=9")
    assert _status(database, item_id) == "answered"
    assert AuditService(database.sessions).verify().intact
    # The next ordinary action still works.
    assert service(database).keep(make_item(database.sessions, "Tack!")).status == "kept"


def test_a_removal_notice_is_refused_for_a_comment_never_removed(database):
    item_id = make_item(database.sessions, "När öppnar badet?")
    with pytest.raises(InputError, match="inte borttagen"):
        service(database).notify(item_id, template="svordomar")
    with database.sessions() as s:
        assert s.scalar(select(Notice.id)) is None
    service(database).notify(item_id, template="svar-lank")  # an answer template is fine


def test_the_administrators_own_notice_text_is_what_is_queued(database):
    item_id = make_item(database.sessions, "Köp billiga klockor på spam.example")
    service(database).decide_remove(item_id, "reklam", notice="Vi har dolt reklam för klockor.")
    with database.sessions() as s:
        assert (
            s.scalar(select(Notice.text).where(Notice.item_id == item_id))
            == "Vi har dolt reklam för klockor."
        )


def test_the_registrators_log_does_not_call_a_visible_comment_hidden(database, platform, registry):
    item_id = make_item(database.sessions, "Jävla idioter", api_base=platform.url)
    platform.fail_next("hide", 503)
    outcome = service(database, connectors=registry).remove(item_id, "svordomar")
    assert outcome.status == "pending_platform"

    def action_cell():
        with database.sessions() as s:
            (row,) = list(stream(s, removal_statement(LogScope(item_ids=(item_id,)))))
            return removal_values(row)[15]

    assert action_cell() == "Ska döljas (ännu synlig)"
    service(database, connectors=registry).retry(ignore_backoff=True)
    assert _status(database, item_id) == "removed" and action_cell() == "Dold"
