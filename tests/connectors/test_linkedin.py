"""The LinkedIn connector against a Community Management API on 127.0.0.1."""

from __future__ import annotations

import pytest

from app.connectors.linkedin import LINKEDIN_VERSION
from app.core.errors import PlatformError
from tests.helpers.platforms import Sleeps, quick_options, running


@pytest.fixture
def li():
    with running("linkedin") as r:
        yield r


def test_every_call_names_the_version_and_restli_2(li):
    li.fake.store.add_thread(li.fake.store.add_post(), 3)
    li.connector().fetch(None)
    assert li.fake.requests
    for request in li.fake.requests:
        assert request.headers["linkedin-version"] == LINKEDIN_VERSION
        assert request.headers["x-restli-protocol-version"] == "2.0.0"


def test_comments_and_comments_on_comments_with_start_count_paging(li):
    store = li.fake.store
    post = store.add_post("Vi söker sommarvikarier!")
    comments = store.add_thread(post, 110)
    replies = [store.add_comment(post, f"Svar {i}", parent=comments[0]) for i in range(3)]
    result = li.connector(quick_options(page_size=50)).fetch(None)
    got = {i.external_id: i for i in result.items if i.kind == "comment"}
    assert len(got) == 113
    top = [r for r in li.fake.requests if r.path == f"/rest/socialActions/urn:li:share:{post.id}/comments"]
    assert [(r.query["start"], r.query["count"]) for r in top] == [("0", "50"), ("50", "50"), ("100", "50")]
    parent = f"urn:li:comment:(urn:li:activity:{post.id},{comments[0].id})"
    nested = [r for r in li.fake.requests if r.path == f"/rest/socialActions/{parent}/comments"]
    assert len(nested) == 1  # only the comment that has comments is asked
    reply = got[f"urn:li:comment:(urn:li:activity:{post.id},{replies[2].id})"]
    assert reply.parent_external_id == parent and reply.author_id == "urn:li:person:u1"


def test_delete_names_the_organization_as_actor(li):
    store = li.fake.store
    post = store.add_post()
    comment = store.add_comment(post, "Reklam för en annan arbetsgivare")
    connector = li.connector()
    assert not connector.capabilities.can_hide and connector.capabilities.can_delete
    assert not connector.hide("x").ok
    assert connector.delete(f"urn:li:comment:(urn:li:activity:{post.id},{comment.id})").ok
    assert li.fake.deleted_by_page == [comment.id]
    delete = next(r for r in li.fake.requests if r.method == "DELETE")
    assert delete.query == {"actor": li.fake.org_urn}


def test_reply_goes_under_the_comment(li):
    store = li.fake.store
    post = store.add_post()
    comment = store.add_comment(post, "Hur söker man?")
    urn = f"urn:li:comment:(urn:li:activity:{post.id},{comment.id})"
    result = li.connector().reply(urn, "Hej! Sök via vadstena.se/jobb.")
    assert result.ref and result.ref.startswith("urn:li:comment:(")


def test_throttling_backs_off_and_an_expired_token_is_named(li):
    li.fake.store.add_thread(li.fake.store.add_post(), 2)
    sleeps = Sleeps()
    li.fake.throttle(match="socialActions")
    assert len(li.connector(quick_options(sleeps)).fetch(None).items) == 3
    assert len(sleeps.waits) == 1
    li.fake.expire_token()
    with pytest.raises(PlatformError) as caught:
        li.connector().check()
    assert str(caught.value) == (
        "Token för Vadstena kommun (linkedin) har gått ut: förnya den under Inställningar → Konton."
    )
