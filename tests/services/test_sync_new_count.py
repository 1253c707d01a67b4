"""The sync's "N nya" counts the new work, not the page's own posts (issue #15): a fake
platform on 127.0.0.1 serves the municipality's post and comments on it; the post is stored as
context and left out of the count, in the message and in `new_work`."""

from __future__ import annotations

from app.models import ItemStatus
from app.services.accounts.platforms import ConnectorRegistry
from app.services.intake.sync import SyncService
from tests.helpers.platforms import quick_options, running
from tests.services.test_sync import stored


def test_the_pages_own_posts_are_not_counted_as_new(database):
    with running("facebook") as r:
        store = r.fake.store
        post = store.add_post("Simhallen öppnar igen i maj")
        store.add_thread(post, 7)
        store.add_thread(store.add_post("Vägarbete på Storgatan"), 4)
        key = r.add_account(database.sessions)
        registry = ConnectorRegistry(lambda _a: r.fake.token, quick_options(None, page_size=10))
        [result] = SyncService(database.sessions, registry).sync(key)
        assert result.ok, result.message
        ids, _state = stored(database.sessions, key)
        assert len(ids) == 13  # both posts are kept, as context
        assert (result.created, result.context, result.new_work) == (13, 2, 11)
        assert result.message.split(": ", 1)[1].startswith("11 nya, 0 uppdaterade")
        [again] = SyncService(database.sessions, registry).sync(key)  # nothing new the second time
        assert again.new_work == 0 and again.message.split(": ", 1)[1].startswith("0 nya")


def test_context_rows_are_the_ones_left_out(database):
    from sqlalchemy import func, select

    from app.models import Item

    with running("facebook") as r:
        store = r.fake.store
        store.add_thread(store.add_post("Inlägg"), 3)
        key = r.add_account(database.sessions)
        registry = ConnectorRegistry(lambda _a: r.fake.token, quick_options(None, page_size=10))
        [result] = SyncService(database.sessions, registry).sync(key)
    with database.sessions() as s:
        work = s.scalar(select(func.count()).select_from(Item).where(Item.status != ItemStatus.CONTEXT))
    assert result.new_work == work == 3
