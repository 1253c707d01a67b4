"""The YouTube connector against a Data API v3 on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.connectors.youtube import seconds_to_quota_reset
from app.core.errors import PlatformError
from tests.helpers.platforms import Sleeps, quick_options, running


@pytest.fixture
def yt():
    with running("youtube") as r:
        yield r


def test_threads_in_every_moderation_state_and_all_their_replies_arrive(yt):
    store = yt.fake.store
    video = store.add_post("Så bygger vi den nya förskolan")
    threads = store.add_thread(video, 130, replies_every=0)
    big = threads[0]
    replies = [store.add_comment(video, f"Svar {i}", parent=big) for i in range(7)]
    held = store.add_comment(video, "Ring mig på 070-123 45 67", status="heldForReview")
    spam = store.add_comment(video, "Tjäna pengar snabbt!", status="likelySpam")
    result = yt.connector(quick_options(page_size=50)).fetch(None)
    ids = [i.external_id for i in result.items]
    assert len(ids) == len(set(ids))
    assert set(ids) == {*(t.id for t in threads), *(r.id for r in replies), held.id, spam.id}
    listings = [r for r in yt.fake.requests if r.path.endswith("commentThreads")]
    statuses = {r.query.get("moderationStatus") for r in listings}
    assert statuses == {"published", "heldForReview", "likelySpam"}
    assert yt.fake.count("/comments") == 1  # 2 replies embedded, the thread has 7: comments.list once
    first = next(i for i in result.items if i.external_id == replies[0].id)
    assert first.parent_external_id == big.id and first.post_external_id == video.id
    assert first.permalink == f"https://www.youtube.com/watch?v={video.id}&lc={replies[0].id}"


def test_an_edited_comment_carries_its_update_time(yt):
    store = yt.fake.store
    comment = store.add_comment(store.add_post(), "Först")
    store.edit(comment.id, "Sedan")
    item = yt.connector().fetch(None).items[0]
    assert item.text == "Sedan" and item.edited_at == store.comments[comment.id].updated


def test_quota_exceeded_is_not_retried_and_says_when_it_resets(yt):
    yt.fake.store.add_comment(yt.fake.store.add_post(), "Hej")
    sleeps = Sleeps()
    yt.fake.exceed_quota(times=5)
    with pytest.raises(PlatformError) as caught:
        yt.connector(quick_options(sleeps)).fetch(None)
    assert caught.value.kind == "rate_limit" and sleeps.waits == []
    assert "kvoten" in str(caught.value) and "Vadstena kommun (youtube)" in str(caught.value)
    assert 0 < caught.value.retry_after <= 24 * 3600
    assert yt.fake.count("commentThreads") == 1


def test_quota_resets_at_midnight_pacific_time():
    # 2026-01-15 12:00 UTC is 04:00 in Los Angeles: 20 hours to midnight there.
    assert seconds_to_quota_reset(datetime(2026, 1, 15, 12, 0, tzinfo=UTC)) == 20 * 3600


def test_removal_is_rejection_and_others_comments_cannot_be_deleted(yt):
    store = yt.fake.store
    comment = store.add_comment(store.add_post(), "Hatiskt innehåll")
    connector = yt.connector()
    caps = connector.capabilities
    assert caps.can_hide and not caps.can_delete and not caps.can_unhide
    requests_before = len(yt.fake.requests)
    refused = connector.delete(comment.id)
    assert not refused.ok and "Dölj" in refused.message
    assert len(yt.fake.requests) == requests_before  # nothing asked of the platform
    assert connector.hide(comment.id).ok
    assert store.comments[comment.id].status == "rejected"
    assert connector.fetch(None).items == []  # rejected comments are no longer listed


def test_reply_is_posted_under_the_comment(yt):
    store = yt.fake.store
    comment = store.add_comment(store.add_post(), "När kommer nästa film?")
    result = yt.connector().reply(comment.id, "Hej! I maj, håll utkik här.")
    assert store.comments[result.ref].parent_id == comment.id


def test_an_expired_token_is_reported_with_the_account(yt):
    yt.fake.expire_token()
    with pytest.raises(PlatformError) as caught:
        yt.connector().check()
    assert caught.value.kind == "auth" and "Token för Vadstena kommun (youtube)" in str(caught.value)
