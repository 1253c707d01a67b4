"""The Facebook connector against a Graph API on 127.0.0.1."""

from __future__ import annotations

import pytest

from app.core.errors import PlatformError
from tests.helpers.platforms import Sleeps, quick_options, running
from tests.helpers.platforms.graph import graph_error


@pytest.fixture
def fb():
    with running("facebook") as r:
        yield r


def test_posts_and_every_comment_and_reply_arrive_over_several_pages(fb):
    store = fb.fake.store
    post = store.add_post("Vägarbete på Storgatan vecka 12–14.")
    comments = store.add_thread(post, 250, replies_every=4)
    result = fb.connector(quick_options(page_size=100)).fetch(None)
    got = [i for i in result.items if i.kind == "comment"]
    assert sorted(i.external_id for i in got) == sorted(c.id for c in comments)
    assert fb.fake.count(f"/{post.id}/comments") == 3  # 250 comments, 100 a page
    reply = next(i for i in got if i.external_id == comments[1].id)
    assert reply.parent_external_id == comments[0].id and reply.post_external_id == post.id
    assert reply.author_name == "Person 1" and reply.author_url == "https://www.facebook.com/u1"
    assert all(r.query.get("filter") == "stream" for r in fb.fake.requests if "/comments" in r.path)
    assert result.state["since"]


def test_an_expired_token_names_the_account_and_where_to_renew_it(fb):
    fb.fake.store.add_post()
    fb.fake.expire_token()
    with pytest.raises(PlatformError) as caught:
        fb.connector().fetch(None)
    assert str(caught.value) == (
        "Token för Vadstena kommun (facebook) har gått ut: förnya den under Inställningar → Konton."
    )
    assert caught.value.kind == "auth"


@pytest.mark.parametrize(
    ("code", "kind"), [(4, "rate_limit"), (17, "rate_limit"), (32, "rate_limit"), (80001, "rate_limit"),
                       (1, "transient"), (2, "transient"), (10, "permission"), (200, "permission"),
                       (299, "permission"), (100, "bad_response")],
)  # fmt: skip
def test_graph_error_codes_are_sorted_as_documented(fb, code, kind):
    fb.fake.fail(graph_error(f"(#{code}) something", code), times=10)
    with pytest.raises(PlatformError) as caught:
        fb.connector().check()
    assert caught.value.kind == kind


def test_a_throttled_page_waits_the_minutes_the_usage_header_names(fb):
    post = fb.fake.store.add_post()
    fb.fake.store.add_thread(post, 3)
    sleeps = Sleeps()
    fb.fake.throttle(minutes=1, match="/comments")
    result = fb.connector(quick_options(sleeps)).fetch(None)
    assert sleeps.waits == [60.0]
    assert len(result.items) == 4


def test_hide_unhide_delete_and_reply_change_the_platform(fb):
    store = fb.fake.store
    post = store.add_post()
    first, second = store.add_thread(post, 2)
    connector = fb.connector()
    assert connector.capabilities.can_hide and connector.capabilities.can_delete
    assert connector.hide(first.id).ok and store.comments[first.id].hidden
    assert connector.unhide(first.id).ok and not store.comments[first.id].hidden
    reply = connector.reply(first.id, "Hej Anna! Simhallen öppnar 2 maj, se vadstena.se.")
    assert store.comments[reply.ref].parent_id == first.id
    assert connector.delete(second.id).ok and second.id not in store.comments
    with pytest.raises(PlatformError) as caught:
        connector.delete(second.id)
    assert caught.value.kind == "not_found"
    method, path, params = fb.fake.actions[0]
    assert (method, params) == ("POST", {"is_hidden": "true"})
