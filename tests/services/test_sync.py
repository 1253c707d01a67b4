"""Sync against the five fake platforms: everything arrives exactly once through 429s, 500s,
timeouts, an expired token and broken JSON; author edits become versions, author deletions
are marked with their text kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.models import Account, Item, ItemStatus, ItemVersion
from app.models.base import utcnow
from app.services.accounts.platforms import ConnectorRegistry
from app.services.intake.sync import SyncService
from tests.helpers.platforms import Sleeps, quick_options, running
from tests.helpers.platforms.server import Response

PLATFORMS = ["facebook", "instagram", "youtube", "x", "linkedin"]
# The requests that list comments on each platform.
COMMENT_LISTING = {
    "facebook": "/comments",
    "instagram": "/comments",
    "youtube": "/comment",
    "x": "/search",
    "linkedin": "/comments",
}
# Listing requests that make up the first thread of `fill()` at 10 a page, per platform.
EXPIRES_AFTER = {
    "facebook": ("/comments", 4),
    "instagram": ("/comments", 1),
    "youtube": ("commentThreads", 1),
    "x": ("/search", 4),
    "linkedin": ("/comments", 9),
}


def fill(fake, posts: int = 3, comments: int = 25) -> None:
    store = fake.store
    for n in range(posts):
        store.add_thread(store.add_post(f"Inlägg {n}: nytt om simhallen"), comments, replies_every=4)


def expected_ids(platform: str, fake) -> set[str]:
    """The ids Granska stores for what the fake holds (YouTube has no post items; LinkedIn
    names everything by URN)."""
    store = fake.store
    if platform == "linkedin":
        return {f"urn:li:share:{p}" for p in store.posts} | {
            f"urn:li:comment:(urn:li:activity:{c.post_id},{c.id})" for c in store.comments.values()
        }
    posts = set() if platform == "youtube" else set(store.posts)
    return posts | set(store.comments)


def stored(sessions, key: str) -> tuple[list[str], dict[str, object]]:
    with sessions() as s:
        ids = list(s.scalars(select(Item.external_id).join(Account).where(Account.key == key)))
        account = s.scalar(select(Account).where(Account.key == key))
        return ids, {"last_sync_at": account.last_sync_at, "state": dict(account.sync_state or {})}


def service(sessions, fake, sleeps: Sleeps | None = None, **kw) -> SyncService:
    registry = ConnectorRegistry(lambda _a: fake.token, quick_options(sleeps, read_timeout=0.5, page_size=10))
    return SyncService(sessions, registry, batch_size=20, **kw)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_sync_survives_429_500_timeouts_and_broken_json_without_loss_or_doubles(database, platform):
    with running(platform) as r:
        fill(r.fake, posts=5)
        key = r.add_account(database.sessions)
        where = COMMENT_LISTING[platform]
        r.fake.fail_with_429(5, match=where)
        r.fake.fail_with_server_error(match=where, after=1)
        r.fake.fail_slowly(3.0, match=where, after=2)
        r.fake.fail_with_broken_json(match=where, after=3)
        sleeps = Sleeps()
        [result] = service(database.sessions, r.fake, sleeps).sync(key)
        assert result.ok, result.message
        assert r.fake.faults == []  # every fault was served
        assert 5.0 in sleeps.waits
        ids, account = stored(database.sessions, key)
        assert len(ids) == len(set(ids))
        assert set(ids) == expected_ids(platform, r.fake)
        assert account["last_sync_at"] is not None and "since" in account["state"]

        [again] = service(database.sessions, r.fake).sync(key)
        assert again.ok and again.created == 0 and again.updated == 0
        assert sorted(stored(database.sessions, key)[0]) == sorted(ids)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_an_expired_token_mid_sync_keeps_what_arrived_and_the_next_sync_completes(sqlite_db, platform):
    with running(platform) as r:
        fill(r.fake)
        key = r.add_account(sqlite_db.sessions)
        match, after = EXPIRES_AFTER[platform]
        r.fake.expire_token(after=after, match=match)  # once the first thread is complete
        [failed] = service(sqlite_db.sessions, r.fake).sync(key)
        assert not failed.ok and failed.error_kind == "auth"
        assert f"Token för Vadstena kommun ({key})" in failed.message
        assert "Inställningar → Konton" in failed.message and "hann sparas" in failed.message
        ids, account = stored(sqlite_db.sessions, key)
        assert 0 < len(ids) < len(expected_ids(platform, r.fake))
        assert account["last_sync_at"] is None and "last_error" in account["state"]

        r.fake.renew_token("new-token-456")
        [done] = service(sqlite_db.sessions, r.fake).sync(key)
        assert done.ok
        ids, account = stored(sqlite_db.sessions, key)
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids(platform, r.fake)
        assert "last_error" not in account["state"]


def test_broken_json_that_stays_broken_fails_clearly_and_loses_nothing(sqlite_db):
    with running("facebook") as r:
        fill(r.fake)
        key = r.add_account(sqlite_db.sessions)
        r.fake.fail_with_broken_json(match="/comments", after=2, times=50)
        [failed] = service(sqlite_db.sessions, r.fake).sync(key)
        assert not failed.ok and "trasig JSON" in failed.message
        r.fake.faults.clear()
        [done] = service(sqlite_db.sessions, r.fake).sync(key)
        ids = stored(sqlite_db.sessions, key)[0]
        assert done.ok and len(ids) == len(set(ids)) == len(expected_ids("facebook", r.fake))


def _item(sessions, external_id: str) -> Item:
    with sessions() as s:
        return s.scalar(select(Item).where(Item.external_id == external_id))


def _external(platform: str, comment) -> str:
    if platform == "linkedin":
        return f"urn:li:comment:(urn:li:activity:{comment.post_id},{comment.id})"
    return comment.id


@pytest.mark.parametrize("platform", PLATFORMS)
def test_author_edits_become_versions_and_deletions_are_marked_with_text_kept(sqlite_db, platform):
    with running(platform) as r:
        store = r.fake.store
        post = store.add_post("Snöröjningen är i gång.")
        kind, rude, quitter = (
            store.add_comment(post, t)
            for t in ("Tack till snöröjarna!", "Bra jobbat", "Detta tar jag tillbaka")
        )
        key = r.add_account(sqlite_db.sessions)
        sync = service(sqlite_db.sessions, r.fake)
        assert sync.sync(key)[0].ok
        store.edit(rude.id, "Jävla skämt till snöröjning", new_id="7777" if platform == "x" else None)
        store.delete(quitter.id)
        [result] = sync.sync(key)
        assert result.ok and result.new_versions == 1 and result.deleted_by_author == 1

        edited = _item(sqlite_db.sessions, _external(platform, rude))
        assert edited.text == "Jävla skämt till snöröjning"
        assert edited.status == ItemStatus.FLAGGED  # the edit went through the flagging rules
        with sqlite_db.sessions() as s:
            versions = list(s.scalars(select(ItemVersion.text).where(ItemVersion.item_id == edited.id)))
        assert versions == ["Bra jobbat"]

        gone = _item(sqlite_db.sessions, _external(platform, quitter))
        assert gone.status == ItemStatus.DELETED_BY_AUTHOR and gone.text == "Detta tar jag tillbaka"
        assert _item(sqlite_db.sessions, _external(platform, kind)).status == ItemStatus.NEW


def test_a_comment_we_removed_is_not_called_deleted_by_its_author(sqlite_db):
    with running("youtube") as r:
        store = r.fake.store
        comment = store.add_comment(store.add_post(), "Olagligt hot")
        key = r.add_account(sqlite_db.sessions)
        sync = service(sqlite_db.sessions, r.fake)
        sync.sync(key)
        with sqlite_db.sessions.begin() as s:
            s.execute(update(Item).where(Item.external_id == comment.id).values(status=ItemStatus.REMOVED))
        store.comments[comment.id].status = "rejected"  # what #4's removal does on YouTube
        assert sync.sync(key)[0].deleted_by_author == 0
        assert _item(sqlite_db.sessions, comment.id).status == ItemStatus.REMOVED


def test_a_comment_that_shows_up_again_goes_back_to_the_queue(sqlite_db):
    with running("facebook") as r:
        store = r.fake.store
        comment = store.add_comment(store.add_post(), "Hej")
        key = r.add_account(sqlite_db.sessions)
        sync = service(sqlite_db.sessions, r.fake)
        sync.sync(key)
        hidden = store.comments.pop(comment.id)
        assert sync.sync(key)[0].deleted_by_author == 1
        store.comments[hidden.id] = hidden  # the platform lists it again
        result = sync.sync(key)[0]
        assert result.restored == 1 and _item(sqlite_db.sessions, comment.id).status == ItemStatus.NEW


def test_posts_outside_the_window_are_left_alone(sqlite_db):
    with running("facebook") as r:
        store = r.fake.store
        old = store.add_post("I fjol", created=utcnow() - timedelta(days=40))
        old_comment = store.add_comment(old, "Gammal fråga")
        key = r.add_account(sqlite_db.sessions)
        with sqlite_db.sessions.begin() as s:
            s.execute(update(Account).where(Account.key == key).values(sync_state={"window_days": 60}))
        sync = service(sqlite_db.sessions, r.fake)
        sync.sync(key)
        assert _item(sqlite_db.sessions, old_comment.id) is not None
        with sqlite_db.sessions.begin() as s:
            s.execute(update(Account).where(Account.key == key).values(sync_state={"window_days": 14}))
        assert sync.sync(key)[0].ok
        assert _item(sqlite_db.sessions, old_comment.id).status == ItemStatus.NEW  # not "deleted"


def test_a_sync_after_a_long_pause_reaches_back_to_the_saved_position(sqlite_db):
    with running("facebook") as r:
        key = r.add_account(sqlite_db.sessions)
        long_ago = utcnow() - timedelta(days=30)
        with sqlite_db.sessions.begin() as s:
            state = {"since": long_ago.isoformat()}
            s.execute(update(Account).where(Account.key == key).values(sync_state=state))
        service(sqlite_db.sessions, r.fake).sync(key)
        feed = next(q for q in r.fake.requests if q.path.endswith("/feed"))
        assert abs(int(feed.query["since"]) - long_ago.timestamp()) < 2


def test_progress_is_reported_and_new_items_are_flagged(sqlite_db):
    with running("x") as r:
        store = r.fake.store
        post = store.add_post()
        store.add_thread(post, 40)
        store.add_comment(post, "Helvete vad dåligt plogat det är")
        key = r.add_account(sqlite_db.sessions)
        seen = []
        [result] = service(sqlite_db.sessions, r.fake).sync(key, progress=seen.append)
        assert result.created == 42
        assert seen[-1].stored == 42 and seen[-1].account == key
        with sqlite_db.sessions() as s:
            flagged = s.scalar(select(func.count()).where(Item.status == ItemStatus.FLAGGED))
        assert flagged == 1


def test_all_accounts_skip_those_without_platform_and_report_missing_tokens(sqlite_db):
    from app.services.accounts.accounts import AccountService

    with running("facebook") as r:
        fill(r.fake, posts=1, comments=3)
        r.add_account(sqlite_db.sessions)
        AccountService(sqlite_db.sessions).add_account("intranat", "intranet", "Internwebben")
        AccountService(sqlite_db.sessions).add_account("yt", "youtube", "Vadstena Play", external_id="UC1")
        registry = ConnectorRegistry(lambda a: r.fake.token if a.key == "facebook" else None, quick_options())
        results = {res.account: res for res in SyncService(sqlite_db.sessions, registry).sync()}
        assert set(results) == {"facebook", "yt"}
        assert results["facebook"].ok and results["facebook"].created == 4
        assert not results["yt"].ok
        assert "Ingen token är sparad för Vadstena Play (yt)" in results["yt"].message


def test_a_cancelled_sync_keeps_what_it_stored_and_does_not_move_on(sqlite_db):
    with running("facebook") as r:
        fill(r.fake)
        key = r.add_account(sqlite_db.sessions)
        [result] = service(sqlite_db.sessions, r.fake).sync(key, should_stop=lambda: True)
        assert not result.ok and result.error_kind == "cancelled"
        ids, account = stored(sqlite_db.sessions, key)
        assert ids and account["last_sync_at"] is None and "since" not in account["state"]


def test_hostile_text_is_stored_exactly_except_what_no_database_can_hold(database):
    with running("facebook") as r:
        store = r.fake.store
        post = store.add_post()
        texts = {
            "markup": "<b>fet</b> <img src=x onerror=alert(1)> =1+1",
            "emoji": "Tack 😀👍 för hjälpen",
            "nul": "före\x00efter",
            "lone": "halv \ud83d surrogat",
        }
        ids = {name: store.add_comment(post, text).id for name, text in texts.items()}
        key = r.add_account(database.sessions)
        assert service(database.sessions, r.fake).sync(key)[0].ok
        got = {name: _item(database.sessions, cid).text for name, cid in ids.items()}
    assert got["markup"] == texts["markup"] and got["emoji"] == texts["emoji"]
    assert got["nul"] == "före\u2400efter"  # visible, never dropped silently
    assert got["lone"] == "halv \ufffd surrogat"


def test_an_answer_without_its_listing_is_never_read_as_no_comments(sqlite_db):
    with running("facebook") as r:
        store = r.fake.store
        post = store.add_post()
        store.add_thread(post, 5)
        key = r.add_account(sqlite_db.sessions)
        sync = service(sqlite_db.sessions, r.fake)
        assert sync.sync(key)[0].ok
        r.fake.fail(Response.json({}), match="/comments", times=50)  # 200 OK, but no "data"
        [failed] = sync.sync(key)
        assert not failed.ok and "ofullständigt svar" in failed.message
        with sqlite_db.sessions() as s:
            statuses = set(s.scalars(select(Item.status).where(Item.kind == "comment")))
        assert statuses == {ItemStatus.NEW}  # nothing called deleted
