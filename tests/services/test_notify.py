from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.connector import Capabilities
from app.core.errors import InputError
from app.models import Notice
from app.services.moderation.notify import personalise, reply_target
from app.services.settings import SettingsService
from tests.helpers.platform import fake_registry
from tests.helpers.workflow import make_item, service


def _notices(db):
    with db.sessions() as s:
        return list(s.scalars(select(Notice).order_by(Notice.id)))


def test_a_political_question_gets_the_referral_in_a_personal_tone(database, platform, registry):
    item_id = make_item(
        database.sessions,
        "Varför röstade kommunfullmäktige nej?",
        api_base=platform.url,
        author="Karin Öberg",
    )
    outcome = service(database, connectors=registry).notify(item_id, template="politisk")
    assert outcome.message == "Meddelandet är publicerat i tråden." and not outcome.pending
    ((reply_to, text),) = platform.replies
    assert text.startswith("Hej Karin! Tack för din fråga.") and "partiernas egna kanaler" in text
    assert _notices(database)[0].kind == "referral"
    with database.sessions() as s:
        external = s.scalar(select(Notice.platform_ref))
    assert external == "reply-1" and reply_to != "p1"  # the answer goes to the question itself


def test_where_the_platform_cannot_reply_the_text_waits_to_be_copied(database, platform):
    no_reply = fake_registry(Capabilities(can_hide=True, can_delete=True, can_reply=False))
    item_id = make_item(database.sessions, "Jävla skämt", api_base=platform.url)
    outcome = service(database, connectors=no_reply).remove(item_id, "svordomar")
    assert outcome.status == "removed" and "för hand" in outcome.message
    (notice,) = _notices(database)
    assert notice.status == "manual" and "svordomar" in notice.text and platform.replies == []
    again = service(database, connectors=no_reply).notify(item_id)  # tried again: still by hand
    assert "för hand" in again.message and len(_notices(database)) == 1


def test_the_same_notice_is_not_posted_twice(database, platform, registry):
    item_id = make_item(database.sessions, "Hur ansöker man om parkeringstillstånd?", api_base=platform.url)
    svc = service(database, connectors=registry)
    svc.notify(item_id, template="svar-lank")
    with pytest.raises(InputError, match="redan publicerat"):
        svc.notify(item_id, template="svar-lank")
    assert len(platform.replies) == 1


def test_unknown_or_missing_templates_are_bad_input(database):
    item_id = make_item(database.sessions, "Hej")
    with pytest.raises(InputError, match="Okänd mall 'okand'"):
        service(database).notify(item_id, template="okand")
    with pytest.raises(InputError, match="Ange vilket meddelande"):
        service(database).notify(item_id)
    assert _notices(database) == []


def test_the_municipality_edits_the_notice_templates(database):
    SettingsService(database.sessions).set("notice_templates", {"reklam": "Vi tog bort reklam. /Kommunen"})
    item_id = make_item(database.sessions, "Köp nu")
    service(database).remove(item_id, "reklam")
    assert _notices(database)[0].text == "Vi tog bort reklam. /Kommunen"


def test_personal_tone_and_where_a_notice_goes():
    assert personalise("Hej {name}! Tack.", "Anna Andersson") == "Hej Anna! Tack."
    assert personalise("Hej {name}! Tack.", "") == "Hej! Tack."
    assert reply_target("removal", "c1", "p1", "p1") == "p1"
    assert reply_target("removal", "p1", None, "p1") is None  # a removed post: no thread left
    assert reply_target("answer", "c1", "p1", "p1") == "c1"


def test_the_text_to_post_by_hand_is_ready_to_copy(database):
    item_id = make_item(database.sessions, "Köp nu <b>!</b>")
    svc = service(database)
    svc.remove(item_id, "reklam")
    assert svc.notice_to_post_by_hand(item_id) is None  # waits for the removal first
    svc.confirm_removed(item_id)
    assert "reklam" in svc.notice_to_post_by_hand(item_id)
    svc.mark_notice_posted(item_id)
    assert svc.notice_to_post_by_hand(item_id) is None
