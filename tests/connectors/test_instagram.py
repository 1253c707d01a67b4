"""The Instagram connector against a Graph API on 127.0.0.1."""

from __future__ import annotations

import pytest

from app.core.errors import PlatformError
from tests.helpers.platforms import quick_options, running


@pytest.fixture
def ig():
    with running("instagram") as r:
        yield r


def test_comments_and_replies_beyond_the_nested_page_all_arrive(ig):
    store = ig.fake.store
    media = store.add_post("Bakom kulisserna på biblioteket.")
    top = store.add_comment(media, "Så fint!")
    replies = [store.add_comment(media, f"Svar {i}", parent=top) for i in range(5)]
    others = store.add_thread(media, 60)
    result = ig.connector(quick_options(page_size=100)).fetch(None)
    got = {i.external_id: i for i in result.items if i.kind == "comment"}
    assert set(got) == {top.id, *(r.id for r in replies), *(c.id for c in others)}
    assert got[replies[4].id].parent_external_id == top.id
    assert ig.fake.count(f"/{top.id}/replies") == 2  # 2 nested, then 2 + 1 through paging.next
    assert ig.fake.count(f"/{media.id}/comments") == 2  # at most 50 a page
    assert got[top.id].author_url == "https://www.instagram.com/Anna Andersson/"
    assert "replies" not in got[top.id].raw


def test_media_older_than_the_window_is_not_read(ig):
    store = ig.fake.store
    from datetime import timedelta

    from app.models.base import utcnow

    old = store.add_post("Gammal bild", created=utcnow() - timedelta(days=40))
    store.add_comment(old, "Gammal kommentar")
    new = store.add_post("Ny bild")
    result = ig.connector().fetch(None)
    assert {i.post_external_id for i in result.items} == {new.id}
    assert ig.fake.count(f"/{old.id}/comments") == 0


def test_hide_is_hide_true_and_delete_removes(ig):
    store = ig.fake.store
    media = store.add_post()
    comment = store.add_comment(media, "Köp billiga solglasögon på spam.example")
    connector = ig.connector()
    assert connector.hide(comment.id).ok and store.comments[comment.id].hidden
    assert ig.fake.actions[-1][2] == {"hide": "true"}
    assert connector.unhide(comment.id).ok and not store.comments[comment.id].hidden
    reply = connector.reply(comment.id, "Hej! Vi tar bort reklam enligt våra regler.")
    assert store.comments[reply.ref].parent_id == comment.id
    assert connector.delete(comment.id).ok and comment.id not in store.comments


def test_an_invalid_token_is_reported_as_invalid(ig):
    with pytest.raises(PlatformError) as caught:
        ig.connector(token="not-the-token").check()
    assert "är ogiltig" in str(caught.value) and "Inställningar → Konton" in str(caught.value)
