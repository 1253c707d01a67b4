"""A large sync fetches through a child process (app/services/intake/sync_process.py):
it stores what the sync in one process stores, fails with the same words when the platform
does, and a child that dies midway keeps what was written, says so, and the next sync works."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.connectors.common import ConnectorOptions
from app.connectors.facebook import FacebookConnector
from app.connectors.http import RetryPolicy, Timeouts
from app.services.accounts.platforms import ConnectorRegistry
from app.services.intake import item_writer, sync, sync_process
from app.services.intake.sync import SyncService
from app.services.records.audit_verify import verify_chain
from tests.helpers.databases import sqlite_url
from tests.helpers.platforms import running
from tests.services.test_import_child import _stored
from tests.services.test_sync import PLATFORMS, expected_ids, fill, stored

# Options a child can take (no lambda): short retries, real (tiny) sleeps.
OPTIONS = ConnectorOptions(
    retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=1.0, total_budget=5.0),
    timeouts=Timeouts(connect=2.0, read=0.5),
    page_size=10,
)


def _open(folder: Path):
    from app.models.db import open_database

    folder.mkdir()
    return open_database(sqlite_url(folder))


@pytest.fixture
def two(tmp_path, monkeypatch):
    """Two databases: the sync in one process (first) and through the child (second)."""
    now = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)  # the times an update writes: the same on both
    monkeypatch.setattr(item_writer, "utcnow", lambda: now)
    dbs = [_open(tmp_path / "one"), _open(tmp_path / "two")]
    yield dbs
    for db in dbs:
        db.dispose()


def _sync(db, fake, key, child: bool, monkeypatch, renew=None, batch: int = 20):
    started = []
    real = sync_process.start_child

    def start(*args):
        started.append(True)
        return real(*args)

    monkeypatch.setattr(sync, "through_child", lambda *_a: child)
    monkeypatch.setattr(sync, "start_child", start)
    registry = ConnectorRegistry(lambda _a: fake.token, OPTIONS, renew_for=renew)
    [result] = SyncService(db.sessions, registry, batch_size=batch).sync(key)
    assert bool(started) == child
    return result


def _audit_whole(db) -> None:
    with db.sessions() as session:
        assert verify_chain(session).first_broken_event is None


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_child_stores_exactly_what_one_process_stores(two, monkeypatch, platform):
    with running(platform) as r:
        fill(r.fake, posts=4, comments=30)
        keys = [r.add_account(db.sessions) for db in two]
        first = [
            _sync(db, r.fake, key, child, monkeypatch)
            for db, key, child in zip(two, keys, (False, True), strict=True)
        ]
        assert first[0] == first[1] and first[0].ok and first[0].created > 100
        # Then an edit, a deletion by its author and a new comment: an update, a version, a mark.
        store = r.fake.store
        ids = sorted(store.comments)
        store.edit(ids[3], "Ändrad text, du är en idiot")
        store.delete(ids[7])
        store.add_comment(next(iter(store.posts.values())), "Ny kommentar")
        again = [
            _sync(db, r.fake, key, child, monkeypatch)
            for db, key, child in zip(two, keys, (False, True), strict=True)
        ]
        assert again[0] == again[1] and again[0].ok
        assert again[0].new_versions == 1 and again[0].deleted_by_author >= 1
        assert _stored(two[0]) == _stored(two[1])
        assert set(stored(two[1].sessions, keys[1])[0]) >= expected_ids(platform, r.fake)


class RepeatingFacebook(FacebookConnector):
    """A platform that lists every thread twice (a hiccup in its paging): the child, too, runs
    this class (it is found by its module's name)."""

    def chunks(self, state):
        for chunk in super().chunks(state):
            yield chunk
            yield chunk


class _Repeating(ConnectorRegistry):
    def for_account(self, account):
        return RepeatingFacebook(account, self._secret_for(account), options=OPTIONS)


def test_an_item_listed_twice_is_stored_once_on_both_ways(two, monkeypatch):
    with running("facebook") as r:
        fill(r.fake, posts=3, comments=12)
        keys = [r.add_account(db.sessions) for db in two]
        results = []
        for db, key, child in zip(two, keys, (False, True), strict=True):
            monkeypatch.setattr(sync, "through_child", lambda *_a, child=child: child)
            service = SyncService(db.sessions, _Repeating(lambda _a: r.fake.token), batch_size=50)
            results.extend(service.sync(key))
        assert results[0] == results[1] and results[1].ok
        assert results[1].created == len(expected_ids("facebook", r.fake)) and results[1].unchanged > 0
        assert _stored(two[0]) == _stored(two[1])


def test_the_rows_left_over_from_a_childs_batch_join_the_next_batchs_part(two, monkeypatch):
    """Threads of 22 items, the child's batches of 21 or more, parts of at most 21: a batch's
    last row waits for the next batch's rows instead of taking a transaction of its own."""
    db = two[1]
    parts: list[int] = []
    real = SyncService._timed_import

    def timed(self, items, rows_of=None):  # type: ignore[no-untyped-def]
        parts.append(len(items))
        return real(self, items, rows_of)

    monkeypatch.setattr(SyncService, "_timed_import", timed)
    with running("facebook") as r:
        fill(r.fake, posts=6, comments=21)
        key = r.add_account(db.sessions)
        done = _sync(db, r.fake, key, True, monkeypatch, batch=21)
    assert done.ok and done.created == 6 * 22 == sum(parts)
    assert min(parts[:-1]) >= 10  # a part's least (learnt); a batch's last row was a part of 1
    ids = stored(db.sessions, key)[0]
    assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)


FAULTS = {
    "429": lambda fake: fake.fail_with_429(30, match="/comments", after=5),
    "500": lambda fake: fake.fail_with_server_error(match="/comments", after=5, times=9),
    "broken-json": lambda fake: fake.fail_with_broken_json(match="/comments", after=5, times=9),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_platform_failing_inside_the_child_says_the_same_and_keeps_the_same(two, monkeypatch, fault):
    with running("facebook") as r:
        fill(r.fake, posts=4, comments=30)
        keys = [r.add_account(db.sessions) for db in two]
        failed = []
        for db, key, child in zip(two, keys, (False, True), strict=True):
            FAULTS[fault](r.fake)
            failed.append(_sync(db, r.fake, key, child, monkeypatch))
            r.fake.faults.clear()
        assert not failed[1].ok and failed[0] == failed[1]
        assert _stored(two[0]) == _stored(two[1]) and _stored(two[1])["items"]
        states = [stored(db.sessions, key)[1] for db, key in zip(two, keys, strict=True)]
        assert states[0]["state"].keys() == states[1]["state"].keys() and states[1]["last_sync_at"] is None
        # The next sync fetches the same window again and stores everything once.
        done = _sync(two[1], r.fake, keys[1], True, monkeypatch)
        ids = stored(two[1].sessions, keys[1])[0]
        assert done.ok and len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
        _audit_whole(two[1])


def test_a_child_killed_midway_keeps_what_was_written_and_the_next_sync_completes(two, monkeypatch):
    db = two[1]
    with running("facebook") as r:
        fill(r.fake, posts=6, comments=40)
        key = r.add_account(db.sessions)
        chunks = sync_process.SyncChild.chunks

        def killed_after_the_first(self):
            for n, chunk in enumerate(chunks(self)):
                yield chunk
                if n == 0:
                    self.process.kill()

        monkeypatch.setattr(sync_process.SyncChild, "chunks", killed_after_the_first)
        # Later pages answer late: the child cannot have sent the whole window before it is
        # killed (under Wine it once had, frames waiting in the pipe, and the sync ended well).
        r.fake.fail_slowly(0.3, match="/comments", after=4, times=1000)
        failed = _sync(db, r.fake, key, True, monkeypatch)
        r.fake.faults.clear()
        assert not failed.ok and failed.error_kind == "transient"
        assert "processen som hämtar från Facebook slutade utan svar" in failed.message
        assert "hann sparas" in failed.message
        ids, account = stored(db.sessions, key)
        assert 0 < len(ids) < len(expected_ids("facebook", r.fake)) and account["last_sync_at"] is None
        monkeypatch.setattr(sync_process.SyncChild, "chunks", chunks)
        done = _sync(db, r.fake, key, True, monkeypatch)
        ids = stored(db.sessions, key)[0]
        assert done.ok and len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
        _audit_whole(db)


def test_a_child_that_fails_fails_the_sync_as_one_process_would(two, monkeypatch):
    db = two[1]
    with running("facebook") as r:
        fill(r.fake)
        key = r.add_account(db.sessions)
        real = sync_process.start_child
        # The child cannot count with it: our own bug, raised here as it would be in one process.
        monkeypatch.setattr(sync_process, "start_child", lambda *a: real(*a[:-1], "sju"))
        with pytest.raises(RuntimeError, match="TypeError"):
            _sync(db, r.fake, key, True, monkeypatch)
        monkeypatch.setattr(sync_process, "start_child", real)
        done = _sync(db, r.fake, key, True, monkeypatch)
        assert done.ok and set(stored(db.sessions, key)[0]) == expected_ids("facebook", r.fake)
        _audit_whole(db)


def test_an_expired_token_is_renewed_here_and_handed_to_the_child(two, monkeypatch):
    db = two[1]
    with running("facebook") as r:
        fill(r.fake)
        key = r.add_account(db.sessions)
        r.fake.expire_token(after=3, match="/comments")
        asked = []

        def renew_for(_account, _secret):
            def renew():
                asked.append(True)
                r.fake.renew_token("fresh-token-789")
                return "fresh-token-789"

            return renew

        done = _sync(db, r.fake, key, True, monkeypatch, renew=renew_for)
        assert done.ok and asked == [True]
        assert set(stored(db.sessions, key)[0]) == expected_ids("facebook", r.fake)


def test_a_saved_position_and_a_tests_sleep_keep_the_sync_in_one_process(sqlite_db):
    with running("facebook") as r:
        connector = r.connector(OPTIONS)
        assert sync_process.through_child(connector, None, sqlite=True)
        assert not sync_process.through_child(connector, {"since": "2026-06-01T00:00:00+00:00"}, sqlite=True)
        assert not sync_process.through_child(connector, None, sqlite=False)
        # A test's sleep (recording the waits) is called in this process: the sync stays here.
        assert not sync_process.through_child(r.connector(), None, sqlite=True)


def test_the_frozen_bundles_way_in_starts_the_child(two, monkeypatch):
    """The bundle starts itself with sync_child.FLAG (packaging/launch.py): run here as a script."""
    from app.services.intake.sync_child import FLAG

    root = Path(__file__).resolve().parents[2]
    launch = str(root / "packaging" / "launch.py")
    run = (
        f"import runpy, sys; sys.path[:0] = [{str(root)!r}]; sys.argv = [{launch!r}, {FLAG!r}]; "
        f"runpy.run_path({launch!r}, run_name='__main__')"
    )
    monkeypatch.setattr(sync_process, "command", lambda: [sys.executable, "-c", run])
    with running("facebook") as r:
        fill(r.fake)
        key = r.add_account(two[1].sessions)
        done = _sync(two[1], r.fake, key, True, monkeypatch)
        assert done.ok and set(stored(two[1].sessions, key)[0]) == expected_ids("facebook", r.fake)
