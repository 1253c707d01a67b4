"""A decision pressed while a sync writes goes in between the sync's items instead of waiting
for its transaction (app/services/writer_turns.py); both end right and the audit chain holds."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from app.models import Decision, Item, ItemStatus
from app.services.context import Actor
from app.services.intake.importer import ImportResult, ImportService
from app.services.intake.sync import GIVE_WAY_IN_A_ROW, SyncService
from app.services.moderation.facade import ModerationService
from app.services.records.audit import AuditService
from app.services.writer_turns import WaitingWrites
from tests.helpers.items import record, write_jsonl
from tests.helpers.platforms import quick_options, running
from tests.services.test_sync import expected_ids, fill, stored


class _CountingImports(ImportService):
    def __init__(self, sessions) -> None:
        super().__init__(sessions)
        self.parts: list[int] = []

    def import_items(self, items, progress=None, **kw):
        result = super().import_items(items, progress, **kw)
        self.parts.append(len(items) if result.taken is None else result.taken)
        return result


def syncing(sessions, fake, **kw) -> SyncService:
    from app.services.accounts.platforms import ConnectorRegistry

    registry = ConnectorRegistry(lambda _a: fake.token, quick_options(None, read_timeout=2.0, page_size=10))
    return SyncService(sessions, registry, batch_size=40, write_budget=10.0, **kw)


def test_a_sync_asked_to_give_way_all_the_time_still_stores_everything_once(database):
    turns: list[str] = []  # "0": a part gave way, "w": it was written

    def write(fn):
        out = fn()
        if isinstance(out, tuple) and isinstance(out[0], ImportResult):
            turns.append("w" if out[0].taken is None else "0")
        return out

    with running("facebook") as r:
        fill(r.fake, posts=2, comments=20)
        key = r.add_account(database.sessions)
        importer = _CountingImports(database.sessions)
        service = syncing(database.sessions, r.fake, importer=importer, give_way=lambda: True, write=write)
        [result] = service.sync(key)
        assert result.ok, result.message
        ids = stored(database.sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
        assert result.created == len(ids)
        # A part after one that gave way gives way again, a few times; then one is written.
        gave_way = "".join(turns)
        assert "0" * GIVE_WAY_IN_A_ROW + "w" in gave_way and "0" * (GIVE_WAY_IN_A_ROW + 1) not in gave_way


def test_a_decision_pressed_during_a_sync_goes_between_its_items(database, tmp_path):
    """One writer thread, as in the window: the decision is handed over while the sync's
    import is writing; it runs before the rest of that part, and both are kept."""
    with running("facebook") as r:
        fill(r.fake, posts=2, comments=30)
        key = r.add_account(database.sessions)
        first = stored_item(database, tmp_path, key)  # one item already there to decide on
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        waiting = WaitingWrites()
        moderation = ModerationService(database.sessions, actor=Actor("anna"))
        stored_when_decided: list[int] = []
        pressed = threading.Event()

        def press() -> None:
            def decide() -> None:
                waiting.started()
                with database.sessions() as s:
                    stored_when_decided.append(len(list(s.scalars(select(Item.id)))))
                moderation.keep(first)
                waiting.finished()

            waiting.arrived()
            writer.submit(decide).result()

        asked: list[bool] = []

        def give_way() -> bool:
            asked.append(True)
            # The person presses once the first part's transaction has begun (the first ask is
            # before it starts, the second after its first few items).
            if len(asked) == 2 and not pressed.is_set():
                pressed.set()
                threading.Thread(target=press).start()
                while not waiting():
                    pass
            return waiting()

        importer = _CountingImports(database.sessions)
        service = syncing(
            database.sessions,
            r.fake,
            importer=importer,
            give_way=give_way,
            write=lambda fn: writer.submit(fn).result(),
        )
        [result] = service.sync(key)
        writer.shutdown()
        assert result.ok, result.message
        total = len(expected_ids("facebook", r.fake)) + 1
        # In between the sync's items: the part it came into was rolled back, not committed
        # (the decision does not wait for the sync's commit); its items came in the next turn.
        assert stored_when_decided == [1]
        assert importer.parts[:2] == [0, 10]  # a few items in the next turn, then whole parts
        ids = stored(database.sessions, key)[0]
        assert len(ids) == len(set(ids)) == total and set(ids) == expected_ids("facebook", r.fake) | {"own1"}
        with database.sessions() as s:
            assert s.get(Item, first).status == ItemStatus.KEPT
            assert len(s.scalars(select(Decision.id).where(Decision.item_id == first)).all()) == 1
        assert AuditService(database.sessions).verify().intact


def stored_item(database, tmp_path, key: str) -> int:
    """An item of the account imported before the sync, to decide on."""
    line = record("own1", account=key, platform=None, text="Simhallen har stängt igen")
    ImportService(database.sessions).import_file(write_jsonl(tmp_path / "one.jsonl", [line]))
    with database.sessions() as s:
        return int(s.scalars(select(Item.id).where(Item.external_id == "own1")).one())
