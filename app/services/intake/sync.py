"""Fetching new and changed comments from the platforms into the database (`granska sync`).

Why nothing is lost or doubled: every batch is upserted on (account, platform id) through the
import path, which flags new items with the rules and keeps an author's earlier text as a
version; the account's saved position (`sync_state`) only moves forward after a complete
sync. A sync that stops half-way (429 past its retries, 500, timeout, expired token, broken
JSON) keeps what it stored, and the next one fetches the same window again — the upsert makes
the second copy an update, never a new row.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.connector import CompleteListing, FetchChunk
from app.core.errors import ErrorKind, InputError, PlatformError
from app.core.messages import heard, kept, say, told, translate
from app.core.pause_points import pause_point, pausing
from app.models import Account, Item
from app.models.connections_apart import connections_apart
from app.models.wal_checkpoint import Checkpoints, checkpoints_spaced
from app.services.accounts.connections import AccountRef
from app.services.accounts.platforms import ConnectorRegistry, connector_platforms
from app.services.context import Actor, Writes, acting, in_this_thread
from app.services.intake.author_deletions import author_changes
from app.services.intake.importer import ImportResult, ImportService
from app.services.intake.prefetch import prefetched
from app.services.intake.rule_lists import load_rule_set
from app.services.intake.sync_indexes import IndexesAside
from app.services.intake.sync_merges import MergesHeld
from app.services.intake.sync_process import RowsChunk, SyncChild, meets, start_child, through_child
from app.services.intake.sync_results import SyncProgress as SyncProgress
from app.services.intake.sync_results import SyncResult as SyncResult
from app.services.intake.sync_results import Tally
from app.services.intake.verdicts_ahead import RulesAhead
from app.services.records.audit import AuditWriter, reseal_where_sealed
from app.services.writer_turns import WaitingWrites

log = logging.getLogger(__name__)
STOCKHOLM = ZoneInfo("Europe/Stockholm")

BATCH = 2000
# The longest one of the sync's write transactions should take: a decision pressed meanwhile
# waits for the writer at most about this long. A batch is written in parts sized to it,
# learnt as the sync goes (a few hundred items on a fresh file, a few dozen at a million).
WRITE_BUDGET_S = 0.025
# In the window a person presses decisions meanwhile: shorter still (10 ms: a sync a quarter
# slower; a decision during it waited 25 ms at p90 on the 1M demo, 63 ms at 25 ms).
WINDOW_WRITE_BUDGET_S = 0.010
FIRST_PART = 50
AFTER_GIVING_WAY = 10
# A part gives way to a person's write at most this many times in a row; the next one is
# written whatever waits, so that a sync always moves on. Giving way once only left a press
# made soon after another waiting for the whole of the next part. (The search index's merges,
# 0.5-1.6 s at a million items, are no longer made inside a part: intake/sync_merges.py.)
GIVE_WAY_IN_A_ROW = 4
SMALL_PART = 300  # up to this many items, the search index is kept row by row (no schema change)
# On the command line no decision of this process waits for the writer: parts are kept in bulk
# from this size on (the row-by-row triggers cost ~4x an item; parts that a busy machine made
# smaller took that path and got slower still: a sync of 100k items, 4.0 against 5.6 s CPU).
COMMAND_LINE_SMALL_PART = 30


class SyncService:
    """`write` runs each of the sync's transactions (a batch of items, the author deletions,
    the saved position): the window hands them to its database writer one at a time, so a
    decision is never queued behind a platform that is slow to answer."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        connectors: ConnectorRegistry,
        *,
        importer: ImportService | None = None,
        actor: Actor | None = None,
        batch_size: int = BATCH,
        write: Writes = in_this_thread,
        write_budget: float = WRITE_BUDGET_S,
        give_way: Callable[[], bool] | None = None,
    ) -> None:
        self._sessions = sessions
        self._write = write
        self._connectors = connectors
        # Verdicts judged on the fetching thread (intake/verdicts_ahead.py): own importer only.
        self._ahead = None if importer else RulesAhead(load_rule_set(sessions))
        self._importer = importer or ImportService(sessions, self._ahead)
        self._actor = acting(sessions, actor)
        self._batch_size = batch_size
        self._part = min(batch_size, FIRST_PART)  # items per write transaction, learnt
        self._write_budget = write_budget
        self._index_checked = False
        # True while a person's write waits for the writer (app/services/writer_turns.py).
        self._give_way = give_way
        self._gave_way = 0  # how many times in a row a part gave way
        self._checkpoints = Checkpoints(sessions)
        self._parts: sessionmaker[Session] | None = None  # the parts' own, during a sync in the window

    # -- which accounts ------------------------------------------------------------------------
    def syncable(self, key: str | None = None) -> list[AccountRef]:
        with self._sessions() as session:
            stmt = select(Account).order_by(Account.key)
            if key is not None:
                stmt = stmt.where(Account.key == key)
            accounts = list(session.scalars(stmt))
            if key is not None and not accounts:
                raise InputError(say(translate("Core", "Okänt konto %1."), repr(key)))
            if key is not None and accounts[0].platform not in connector_platforms():
                raise InputError(
                    say(
                        translate(
                            "Core",
                            "Kontot %1 (%2) hämtas inte från någon plattform; "
                            "importera dess poster med granska import.",
                        ),
                        repr(key),
                        accounts[0].platform,
                    )
                )
            fetched = connector_platforms()
            return [AccountRef.of(a) for a in accounts if a.platform in fetched and (a.active or key)]

    # -- syncing -------------------------------------------------------------------------------
    def sync(
        self,
        key: str | None = None,
        progress: Callable[[SyncProgress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        *,
        scheduled: bool = False,
    ) -> list[SyncResult]:
        """`scheduled`: leave alone the accounts a platform asked to wait (a spent quota)."""
        results = []
        # In the window the log is the sync's to move: no commit on the writer waits for it, and
        # its parts write on connections of their own: one a part throws away when it gives way
        # is never the next decision's (app/models/connections_apart.py). On the command line
        # its checkpoints are spaced out, and the whole log is moved at the end.
        in_window = self._give_way is not None
        with ExitStack() as stack:
            if in_window:
                if isinstance(self._give_way, WaitingWrites):  # its fetching waits for them too
                    pause = partial(self._give_way.pause, should_stop)
                    stack.enter_context(pausing(pause, self._give_way.interruptible))
                self._parts = stack.enter_context(connections_apart(self._sessions))
                stack.enter_context(self._checkpoints.in_charge(self._parts))
                if isinstance(self._give_way, WaitingWrites):  # no index merge inside a part
                    held = MergesHeld(self._parts, self._write, self._give_way, should_stop)
                    stack.enter_context(held.around())
            else:
                stack.enter_context(checkpoints_spaced(self._sessions))
            try:
                for ref in self.syncable(key):
                    waiting = self._waiting(ref) if scheduled else None
                    results.append(waiting or self.sync_account(ref, progress, should_stop))
            finally:
                self._parts = None
                if self._ahead is not None:  # verdicts judged ahead of a sync that failed
                    self._ahead.clear()
        return results

    def _waiting(self, ref: AccountRef) -> SyncResult | None:
        until = (ref.sync_state or {}).get("retry_after")
        if not until or datetime.fromisoformat(until) <= self._actor.now():
            return None
        local = datetime.fromisoformat(until).astimezone(STOCKHOLM).strftime("%H:%M")
        state = ref.sync_state or {}
        why = heard(state.get("last_error"), state.get("last_error_said")) or ""
        message = say(translate("Core", "%1: väntar till %2 innan nästa hämtning (%3)"), ref.name, local, why)
        return SyncResult(ref.key, False, message, error_kind=ErrorKind.WAITING)

    def sync_account(
        self,
        ref: AccountRef,
        progress: Callable[[SyncProgress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SyncResult:
        started = self._actor.now()
        try:
            connector = self._connectors.for_account(ref)
        except PlatformError as exc:
            return self._failed(ref, exc, Tally())
        if connector is None:
            message = say(
                translate(
                    "Core", "Ingen token är sparad för %1 (%2): lägg till den under Inställningar → Konton."
                ),
                ref.name,
                ref.key,
            )
            return SyncResult(ref.key, False, message, error_kind=ErrorKind.AUTH)
        tally = Tally()
        self._index_checked = False
        stored_before = self._last_item_id()
        listings: list[CompleteListing] = []
        batch: list[Any] = []  # items, or the child's rows
        # On the command line a large sync into a small table sets the indexes aside (#20).
        aside = IndexesAside(self._sessions, self._write) if self._give_way is None else None
        # A large one runs its connector in a child process: this one writes (#20). In the window
        # too: the pages' parsing, the rules and the rows no longer take the interpreter from a
        # decision pressed meanwhile (bench/decision_during_sync.py, 1M demo, 2 cores at load
        # 5-9: a decision during the sync p90 31.5 ms, 13.0-43.6 in 7 runs, against 44.5,
        # 26.2-80.2 in 3 runs in one process; the sync 42-79 s against 69-75). Quiet (load
        # 1) the p90 is within the noise, 5.7-6.4 ms against 4.8-7.4; the sync 16-19 s against 20-22.
        child = self._child(ref, connector)
        encoded: set[str] = set()  # the child's rows whose raw it encoded (not received)
        rows_of = None if child is None else (ref.id, encoded)

        def flush(whole: bool = True) -> None:
            """`whole=False`: rows too few for a part wait for the child's next batch."""
            items = list(batch)
            batch.clear()
            while items:
                # The turn after giving way does not give way: a few items only, then.
                size = AFTER_GIVING_WAY if self._gave_way else self._part
                if not whole and len(items) < size:
                    batch.extend(items)
                    break
                part, items[:] = items[:size], items[size:]
                pause_point()  # a person's write first, and its result back, then the next part
                result, took = self._write(partial(self._timed_import, part, rows_of))
                if self._ahead is not None and child is None:
                    self._ahead.forget(part[: result.taken])
                tally.add(result)
                if self._give_way is not None:  # in the window: off the writer's turn
                    self._checkpoints()
                if result.taken is not None:  # gave way to a decision: the rest goes next
                    items[:0] = part[result.taken :]
                    continue
                if size != self._part:  # a few items only: nothing learnt about the part
                    continue
                # Toward the budget, at most doubling or quartering at a time.
                scale = min(2.0, max(0.25, self._write_budget / max(took, 1e-4)))
                self._part = max(10, min(self._batch_size, int(self._part * scale)))
            if aside is not None:
                aside.after_part(tally.result.created, stored_before)
            if progress:
                progress(SyncProgress(ref.key, tally.fetched, tally.result.total))

        try:
            # The next pages download while this thread writes the last ones to the database.
            arriving: Iterator[FetchChunk | RowsChunk]
            if child is not None:
                arriving = child.chunks()
            else:
                chunks = connector.chunks(ref.sync_state)
                arriving = prefetched(self._ahead.judged(chunks) if self._ahead else chunks)
            for chunk in arriving:
                if isinstance(chunk, RowsChunk) and meets(batch, chunk.items):
                    flush()  # an item that came again never meets itself in one part
                batch.extend(chunk.items)
                listings.extend(chunk.complete)
                if chunk.deleted:
                    listings.append(CompleteListing(seen=frozenset(), gone=frozenset(chunk.deleted)))
                tally.fetched += len(chunk.items)
                if isinstance(chunk, RowsChunk):
                    encoded.update(chunk.encoded)
                # The child's rows in whole parts: the few left over join its next batch's
                # (a batch's last part was a few rows on a transaction of its own, #20).
                if child is not None:
                    flush(whole=False)
                elif len(batch) >= self._batch_size:
                    flush()
                if should_stop and should_stop():
                    flush()
                    return SyncResult(
                        ref.key,
                        False,
                        say(
                            translate("Core", "Hämtningen för %1 avbröts; det som hunnit hämtas är sparat."),
                            ref.name,
                        ),
                        error_kind=ErrorKind.CANCELLED,
                    )
            flush()
        except PlatformError as exc:
            flush()  # what arrived before the failure is kept
            return self._failed(ref, exc, tally)
        finally:
            if child is not None:
                child.stop()
            if aside is not None:  # built before the author-deletion check reads them
                aside.restore()
        deleted, restored = self._write(lambda: self.mark_author_deletions(ref.id, listings, stored_before))
        state = connector.next_state(ref.sync_state, started)
        self._save_state(ref.id, state, started)
        r = tally.result
        message = say(
            translate("Core", "%1: %2 nya, %3 uppdaterade (%4 med ändrad text), %5 raderade av författaren."),
            ref.name,
            r.created - r.context,  # the page's own posts are context, not new work
            r.updated,
            r.new_versions,
            deleted,
        )
        return SyncResult(
            ref.key,
            True,
            message,
            r.created,
            r.updated,
            r.unchanged,
            r.new_versions,
            deleted,
            restored,
            context=r.context,
        )

    def _child(self, ref: AccountRef, connector: Any) -> SyncChild | None:
        """The child process that fetches a large sync (intake/sync_process.py)."""
        bind = self._sessions.kw.get("bind")
        sqlite = getattr(getattr(bind, "dialect", None), "name", None) == "sqlite"
        if self._ahead is None:
            return None
        if not through_child(connector, ref.sync_state, sqlite):
            return None
        row_account = (ref.id, ref.external_id)
        try:
            return start_child(connector, ref.sync_state, row_account, self._ahead.lists, self._batch_size)
        except OSError as exc:  # no interpreter to start: the sync fetches here, as always
            log.warning("hämtningen för %s körs i denna process: %s", ref.key, exc)
            return None

    def _last_item_id(self) -> int:
        """The last item id stored so far: the rows after it are this sync's own (its rowid's
        last entry on SQLite, the primary key's on PostgreSQL; nothing else is read)."""
        with self._sessions() as session:
            return session.scalar(select(func.max(Item.id))) or 0

    def _timed_import(
        self, items: list[Any], rows_of: tuple[int, set[str]] | None = None
    ) -> tuple[ImportResult, float]:
        """On the writer: one transaction, and how long it held the file."""
        # A decision handed over before or during this part goes first, up to GIVE_WAY_IN_A_ROW
        # times in a row: then the sync moves on whatever the count says.
        give_way = None if self._gave_way >= GIVE_WAY_IN_A_ROW else self._give_way
        if give_way is not None and give_way():
            self._gave_way += 1
            return ImportResult(taken=0), 0.0
        start = time.perf_counter()
        # The search index is checked (and put right) in the sync's first transaction only.
        first = not self._index_checked
        small = COMMAND_LINE_SMALL_PART if self._give_way is None else SMALL_PART
        result = self._importer.import_items(
            items, bulk=len(items) > small, check_index=first, give_way=give_way, sessions=self._parts,
            rows_of=rows_of,
        )  # fmt: skip
        self._gave_way = self._gave_way + 1 if result.taken is not None else 0
        self._index_checked = self._index_checked or not self._gave_way
        return result, time.perf_counter() - start

    def _failed(self, ref: AccountRef, exc: PlatformError, tally: Tally) -> SyncResult:
        now = self._actor.now()
        state = dict(ref.sync_state or {})
        state["last_error"] = str(exc)
        state["last_error_said"] = kept(told(exc))  # the window says it later in its own language
        state["last_error_at"] = now.isoformat()
        state["last_error_kind"] = exc.kind
        if exc.retry_after:
            state["retry_after"] = (now + timedelta(seconds=exc.retry_after)).isoformat()
        self._save_state(ref.id, state, None)
        r = tally.result
        said = told(exc)
        saved = translate("Core", "%1 %2 nya och %3 uppdaterade poster hann sparas.")
        message = say(saved, said, r.created - r.context, r.updated) if r.total else said
        log.info("synk av %s misslyckades: %s", ref.key, exc)
        return SyncResult(
            ref.key,
            False,
            message,
            r.created,
            r.updated,
            r.unchanged,
            r.new_versions,
            error_kind=exc.kind,
            retry_after=exc.retry_after,
            context=r.context,
        )

    def _save_state(self, account_id: int, state: dict[str, Any], synced_at: datetime | None) -> None:
        values: dict[str, Any] = {"sync_state": state}
        if synced_at is not None:
            values["last_sync_at"] = synced_at

        def save() -> None:
            with self._sessions.begin() as session:
                session.execute(update(Account).where(Account.id == account_id).values(**values))

        self._write(save)

    # -- comments deleted by their authors -----------------------------------------------------
    def mark_author_deletions(
        self, account_id: int, listings: Iterable[CompleteListing], stored_before: int | None = None
    ) -> tuple[int, int]:
        """A stored comment inside a completely listed scope that the platform no longer lists
        was deleted by its author: it is marked, its saved text stays. One that shows up again
        (a platform hiccup) goes back to the queue. `stored_before`: the last item id stored
        before this sync fetched the listings (the ones after it came from them)."""
        listings = list(listings)
        if not listings:
            return 0, 0
        with self._sessions.begin() as session:
            audit = AuditWriter(session)  # the chain's lock first, as every writer takes it
            gone, back = author_changes(session, account_id, listings, stored_before)
            table = Item.__table__
            stmt = (
                update(table)
                .where(table.c.id == bindparam("item_id"), table.c.status == bindparam("old"))
                .values(status=bindparam("new"), row_version=table.c.row_version + 1)
            )
            for changes in (gone, back):
                if changes:
                    session.connection().execute(stmt, changes)
            # A decided item (sealed by its decision) changes status here too: sealed again.
            sealed = reseal_where_sealed(session, "item", [c["item_id"] for c in gone + back])
            if sealed:
                audit.add(
                    self._actor.username,
                    self._actor.now(),
                    "author_deleted",
                    account_id=account_id,
                    details={"count": len(sealed)},
                    seals=[("item", i) for i in sealed],
                )
                audit.flush()
        return len(gone), len(back)
