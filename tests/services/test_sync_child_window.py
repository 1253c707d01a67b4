"""The window's large sync fetches through a child process too (app/services/intake/sync.py):
a decision pressed while it writes goes before its next part, both are kept once, and the
audit chain holds."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from app.models import Decision, Item, ItemStatus
from app.services.accounts.platforms import ConnectorRegistry
from app.services.context import Actor
from app.services.intake import sync
from app.services.intake.importer import ImportService
from app.services.intake.sync import AFTER_GIVING_WAY, SyncService
from app.services.moderation.facade import ModerationService
from app.services.records.audit import AuditService
from app.services.writer_turns import WaitingWrites
from tests.helpers.platforms import running
from tests.services.test_sync import expected_ids, fill, stored
from tests.services.test_sync_child import OPTIONS
from tests.services.test_sync_gives_way import stored_item


class _PressOnSecondLook(WaitingWrites):
    """The person presses when the sync looks whether anyone waits for the second time: before
    its second part."""

    def __init__(self, press) -> None:
        super().__init__()
        self._press = press
        self.looks = 0

    def __call__(self) -> bool:
        self.looks += 1
        if self.looks == 2:
            threading.Thread(target=self._press).start()
            while not super().__call__():
                pass
        return super().__call__()


def test_a_decision_pressed_during_the_windows_sync_through_its_child_goes_before_the_next_part(
    sqlite_db, tmp_path, monkeypatch
):
    started, parts = [], []
    real_start, real_import = sync.start_child, ImportService.import_items

    def start(*args):
        started.append(True)
        return real_start(*args)

    def counted(self, items, progress=None, **kw):
        result = real_import(self, items, progress, **kw)
        parts.append(len(items) if result.taken is None else result.taken)
        return result

    monkeypatch.setattr(sync, "through_child", lambda *_a: True)
    monkeypatch.setattr(sync, "start_child", start)
    with running("facebook") as r:
        fill(r.fake, posts=2, comments=30)
        key = r.add_account(sqlite_db.sessions)
        first = stored_item(sqlite_db, tmp_path, key)
        monkeypatch.setattr(ImportService, "import_items", counted)
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        moderation = ModerationService(sqlite_db.sessions, actor=Actor("anna"))
        stored_when_decided: list[int] = []

        def press() -> None:
            def decide() -> None:
                waiting.started()
                with sqlite_db.sessions() as s:
                    stored_when_decided.append(len(list(s.scalars(select(Item.id)))))
                moderation.keep(first)

            waiting.arrived()
            try:
                writer.submit(decide).result()
            finally:
                waiting.finished()

        waiting = _PressOnSecondLook(press)
        registry = ConnectorRegistry(lambda _a: r.fake.token, OPTIONS)
        service = SyncService(
            sqlite_db.sessions,
            registry,
            batch_size=20,
            write=lambda fn: writer.submit(fn).result(),
            give_way=waiting,
        )
        [result] = service.sync(key)
        writer.shutdown()
        assert result.ok, result.message
        assert started == [True]
        # The first part was written; the second gave way before it began: the decision came
        # in between, and a few items followed it.
        assert stored_when_decided == [1 + parts[0]] and parts[1] == AFTER_GIVING_WAY
        ids = stored(sqlite_db.sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake) | {"own1"}
        with sqlite_db.sessions() as s:
            assert s.get(Item, first).status == ItemStatus.KEPT
            assert len(s.scalars(select(Decision.id).where(Decision.item_id == first)).all()) == 1
        assert AuditService(sqlite_db.sessions).verify().intact
        # The next sync runs as an ordinary one: nothing new, nothing doubled.
        [again] = SyncService(sqlite_db.sessions, registry, give_way=WaitingWrites()).sync(key)
        assert again.ok and again.created == 0
        assert sorted(stored(sqlite_db.sessions, key)[0]) == sorted(ids)
