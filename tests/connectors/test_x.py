"""The X connector against an API v2 on 127.0.0.1."""

from __future__ import annotations

import pytest

from app.core.errors import PlatformError
from tests.helpers.platforms import Sleeps, quick_options, running


@pytest.fixture
def x():
    with running("x") as r:
        yield r


def test_replies_come_by_conversation_search_with_next_token(x):
    store = x.fake.store
    post = store.add_post("Vägen till Motala är avstängd i kväll.")
    replies = store.add_thread(post, 230, replies_every=5)
    result = x.connector(quick_options(page_size=100)).fetch(None)
    got = {i.external_id: i for i in result.items if i.kind == "comment"}
    assert set(got) == {r.id for r in replies}
    searches = [r for r in x.fake.requests if r.path == "/2/tweets/search/recent"]
    assert [s.query["query"] for s in searches] == [f"conversation_id:{post.id}"] * 3
    assert [s.query.get("next_token") for s in searches] == [None, "t100", "t200"]
    assert got[replies[1].id].parent_external_id == replies[0].id
    assert got[replies[1].id].author_url == "https://x.com/person_1"


def test_an_edit_stays_the_same_item_with_new_text(x):
    store = x.fake.store
    reply = store.add_comment(store.add_post(), "Först")
    store.edit(reply.id, "Rättat", new_id="5555")
    item = next(i for i in x.connector().fetch(None).items if i.kind == "comment")
    assert item.external_id == reply.id and item.text == "Rättat" and item.raw["id"] == "5555"


def test_429_waits_until_the_rate_limit_window_resets(x):
    store = x.fake.store
    store.add_thread(store.add_post(), 3)
    sleeps = Sleeps()
    x.fake.rate_limit(reset_in=20, match="search")
    result = x.connector(quick_options(sleeps)).fetch(None)
    assert len(sleeps.waits) == 1 and 18 <= sleeps.waits[0] <= 22
    assert len(result.items) == 4


def test_hide_only_no_delete(x):
    store = x.fake.store
    reply = store.add_comment(store.add_post(), "Olämpligt svar")
    connector = x.connector()
    assert connector.capabilities.can_hide and not connector.capabilities.can_delete
    assert connector.hide(reply.id).ok and store.comments[reply.id].hidden
    assert connector.unhide(reply.id).ok and not store.comments[reply.id].hidden
    assert x.fake.hidden_calls == [(reply.id, True), (reply.id, False)]
    assert not connector.delete(reply.id).ok
    answer = connector.reply(reply.id, "Hej! Vi svarar gärna på vadstena.se.")
    assert store.comments[answer.ref].parent_id == reply.id


def test_unauthorized_problem_details_become_the_token_message(x):
    with pytest.raises(PlatformError) as caught:
        x.connector(token="wrong").check()
    assert caught.value.kind == "auth" and "förnya den under Inställningar → Konton" in str(caught.value)
