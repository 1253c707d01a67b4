"""Sync's check for comments deleted by their authors reads the posts it just listed, not the
account's whole history: its cost stays flat as the history grows, and it still marks what it
should and leaves the rest alone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event, select

from app.core.connector import CompleteListing
from app.core.incoming import IncomingItem
from app.models import Account, Item, ItemStatus
from app.models.base import utcnow
from app.services.accounts.accounts import AccountService
from app.services.accounts.platforms import ConnectorRegistry
from app.services.intake.importer import ImportService
from app.services.intake.sync import SyncService
from app.services.records.audit import AuditService

START = utcnow() - timedelta(days=3)


def _comments(post: str, first: int, n: int) -> list[IncomingItem]:
    return [
        IncomingItem(
            "fb",
            f"{post}_{i}",
            f"Kommentar {i} om {post}",
            START + timedelta(seconds=i),
            kind="comment",
            parent_external_id=post,
            post_external_id=post,
        )
        for i in range(first, first + n)
    ]


@contextmanager
def sqlite_steps(engine) -> Iterator[list[int]]:  # type: ignore[no-untyped-def]
    """Counts SQLite's virtual machine steps (in thousands) on every connection meanwhile."""
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    def on_checkout(dbapi_connection, _record, _proxy) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.set_progress_handler(tick, 1000)

    event.listen(engine, "checkout", on_checkout)
    try:
        yield steps
    finally:
        event.remove(engine, "checkout", on_checkout)


def _status(sessions, external_id: str) -> str:  # type: ignore[no-untyped-def]
    with sessions() as s:
        return str(s.scalar(select(Item.status).where(Item.external_id == external_id)))


def test_the_author_deletion_check_reads_the_listed_posts_not_the_history(sqlite_db):
    sessions = sqlite_db.sessions
    AccountService(sessions).add_account("fb", "facebook", "Vadstena kommun")
    importer = ImportService(sessions)
    importer.import_items(_comments("old", 0, 2000) + _comments("new", 0, 20))
    with sessions() as s:
        account_id = s.scalar(select(Account.id).where(Account.key == "fb"))
    sync = SyncService(sessions, ConnectorRegistry())

    def check(missing: set[str]) -> tuple[int, int]:
        seen = frozenset(f"new_{i}" for i in range(20)) - missing
        with sqlite_steps(sqlite_db.engine) as steps:
            deleted, _back = sync.mark_author_deletions(
                account_id, [CompleteListing(seen=seen, post_external_id="new")]
            )
        return deleted, steps[0]

    deleted, small = check({"new_3"})
    assert deleted == 1 and _status(sessions, "new_3") == ItemStatus.DELETED_BY_AUTHOR

    importer.import_items(_comments("old", 2000, 8000))  # five times the history
    deleted, large = check({"new_3", "new_4"})
    assert deleted == 1 and _status(sessions, "new_4") == ItemStatus.DELETED_BY_AUTHOR
    # The old check read every stored comment of the account: five times the steps (26 → 130).
    assert large <= small + 5, (small, large)
    # Comments on a post that was not listed this time are left alone.
    assert _status(sessions, "old_5") == ItemStatus.NEW
    with sessions() as s:
        marked = set(s.scalars(select(Item.external_id).where(Item.status == ItemStatus.DELETED_BY_AUTHOR)))
    assert marked == {"new_3", "new_4"}


def test_a_reply_thread_is_checked_through_its_post_and_a_reappearing_comment_comes_back(database):
    # Both databases: the check reads plain rows on the connection, without their creation time.
    sessions = database.sessions
    AccountService(sessions).add_account("yt", "youtube", "Vadstena kommun")
    top = IncomingItem(
        "yt", "top", "Första", START, kind="comment", parent_external_id="video", post_external_id="video"
    )
    replies = [
        IncomingItem(
            "yt",
            f"r{i}",
            "Svar",
            START + timedelta(minutes=i),
            kind="comment",
            parent_external_id="top",
            post_external_id="video",
        )
        for i in range(3)
    ]
    ImportService(sessions).import_items([top, *replies])
    with sessions() as s:
        account_id = s.scalar(select(Account.id).where(Account.key == "yt"))
    sync = SyncService(sessions, ConnectorRegistry())
    listing = CompleteListing(seen=frozenset({"r0", "r2"}), parent_external_id="top")
    assert sync.mark_author_deletions(account_id, [listing]) == (1, 0)
    assert _status(sessions, "r1") == ItemStatus.DELETED_BY_AUTHOR
    assert _status(sessions, "top") == ItemStatus.NEW  # the parent is not in the reply listing's scope
    again = CompleteListing(seen=frozenset({"r0", "r1", "r2"}), parent_external_id="top")
    assert sync.mark_author_deletions(account_id, [again]) == (0, 1)
    assert _status(sessions, "r1") == ItemStatus.NEW


def test_a_big_batch_is_written_in_short_transactions_a_decision_can_slip_between(sqlite_db):
    from sqlalchemy import func

    from tests.helpers.platforms import quick_options, running

    with running("facebook") as r:
        r.fake.store.add_thread(r.fake.store.add_post("Simhallen"), 600, replies_every=4)
        key = r.add_account(sqlite_db.sessions)
        held: list[int] = []  # items each write transaction added

        def write(transaction):  # type: ignore[no-untyped-def]
            with sqlite_db.sessions() as s:
                before = s.scalar(select(func.count()).select_from(Item))
            result = transaction()
            with sqlite_db.sessions() as s:
                held.append(s.scalar(select(func.count()).select_from(Item)) - before)
            return result

        registry = ConnectorRegistry(lambda _a: r.fake.token, quick_options(page_size=100))
        [result] = SyncService(sqlite_db.sessions, registry, batch_size=2000, write=write).sync(key)
    assert result.ok and result.created == 601
    assert sum(held) == 601  # every item once
    # The old sync wrote the whole batch (601 items) in one transaction: a decision pressed
    # meanwhile waited for all of it. Now the first part is small and none holds them all.
    adding = [n for n in held if n]
    assert adding[0] <= 50 and len(adding) > 1 and max(adding) < 601


def test_the_first_sync_does_not_read_back_the_comments_it_just_stored(sqlite_db):
    from tests.helpers.platforms import quick_options, running

    class Measured(SyncService):
        steps: list[int] = []

        def mark_author_deletions(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            with sqlite_steps(sqlite_db.engine) as steps:
                found = super().mark_author_deletions(*args, **kwargs)
            self.steps.append(steps[0])
            return found

    with running("facebook") as r:
        store = r.fake.store
        comments = store.add_thread(store.add_post("Simhallen"), 2000, replies_every=4)
        key = r.add_account(sqlite_db.sessions)
        registry = ConnectorRegistry(lambda _a: r.fake.token, quick_options(page_size=100))
        sync = Measured(sqlite_db.sessions, registry)
        [first] = sync.sync(key)
        assert first.ok and first.created == 2001 and first.deleted_by_author == 0
        # The old check read all 2,000 comments back, row and all, to find each one listed (26
        # thousand steps of SQLite here; a first sync of 100k comments: 0.3 s of its writer).
        # They came from these very listings: only their index entries are passed over now (12).
        assert sync.steps[0] <= 15, sync.steps
        quitter = comments[7]
        store.comments.pop(quitter.id)  # its author deleted it on the platform
        [second] = sync.sync(key)
        assert second.ok and second.deleted_by_author == 1
    assert _status(sqlite_db.sessions, quitter.id) == ItemStatus.DELETED_BY_AUTHOR
    with sqlite_db.sessions() as s:
        statuses = set(s.scalars(select(Item.status).where(Item.external_id != quitter.id)))
    assert ItemStatus.DELETED_BY_AUTHOR not in statuses


def test_a_comment_stored_by_a_failed_sync_and_then_deleted_is_marked_by_the_next(sqlite_db):
    from tests.helpers.platforms import quick_options, running

    with running("facebook") as r:
        store = r.fake.store
        store.add_thread(store.add_post("Simhallen"), 25, replies_every=4)
        newest = store.add_thread(store.add_post("Gatan"), 25, replies_every=4)  # listed first
        key = r.add_account(sqlite_db.sessions)
        r.fake.expire_token(after=4, match="/comments")  # once the first thread is complete

        def sync() -> SyncService:
            registry = ConnectorRegistry(lambda _a: r.fake.token, quick_options(page_size=10))
            return SyncService(sqlite_db.sessions, registry, batch_size=20)

        [failed] = sync().sync(key)
        assert not failed.ok and failed.deleted_by_author == 0, failed.message
        quitter = newest[3]
        assert _status(sqlite_db.sessions, quitter.id) == ItemStatus.NEW  # stored before it failed
        store.comments.pop(quitter.id)  # its author deleted it on the platform
        r.fake.renew_token("new-token-456")
        [done] = sync().sync(key)
        assert done.ok and done.deleted_by_author == 1
    assert _status(sqlite_db.sessions, quitter.id) == ItemStatus.DELETED_BY_AUTHOR
    assert AuditService(sqlite_db.sessions).verify().intact
