"""Bringing items into the database: the JSON Lines import, and the same upsert path that
connectors and the demo use. One transaction per import: a bad line changes nothing."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sized
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.incoming import IncomingItem
from app.models import Account
from app.models.fulltext import repair_fulltext
from app.services.intake import import_process
from app.services.intake.heap_aside import heap_set_aside
from app.services.intake.import_process import Child, write_from_child
from app.services.intake.incoming import ImportLineError, known_total, lines_expected, read_jsonl
from app.services.intake.item_writer import ImportResult, ItemWriter
from app.services.intake.part_interrupts import GaveWay, PartInterrupts
from app.services.intake.rule_lists import load_rule_set
from app.services.intake.rules import RuleSet

__all__ = [
    "ImportLineError",
    "ImportResult",
    "ImportService",
    "IncomingItem",
    "ItemWriter",
]

log = logging.getLogger(__name__)

BATCH = 5000
# Items written between two looks at whether a person's write waits (a few ms at a million).
GIVE_WAY_STEP = 5
Progress = Callable[[int], None]


class ImportService:
    def __init__(self, sessions: sessionmaker[Session], rules: RuleSet | None = None) -> None:
        self._sessions = sessions
        self._rules = rules if rules is not None else load_rule_set(sessions)

    def import_file(self, path: Path, progress: Progress | None = None) -> ImportResult:
        try:
            stream = path.open(encoding="utf-8", newline="\n")
        except OSError as exc:
            raise InputError(f"Kan inte läsa {path}: {exc.strerror}") from None
        # Lines read in a thread of their own ahead of the writes (decoded, checked and flagged
        # there), with the search indexes filled every 100k rows meanwhile, were measured and
        # left out (#20): the two threads took the interpreter in turns instead of overlapping
        # with SQLite's own work (CPU time = wall time); at 1M items 43.1 s against 38.5 s one
        # after the other, bench/ingest.py's ratio 0.481 against 0.480.
        with stream:
            try:
                if self._through_child(stream):
                    child = Child(path)
                    try:
                        with heap_set_aside():
                            return self._import((), progress, True, True, None, None, child=child)
                    finally:
                        child.stop()
                return self.import_items(read_jsonl(stream), progress, expected=lines_expected(stream))
            except UnicodeDecodeError as exc:
                raise InputError(f"{path} är inte UTF-8-kodad text (byte {exc.start})") from None

    def _through_child(self, stream: IO[str]) -> bool:
        """A large file into SQLite: read by a child process (app/services/intake/import_process.py)."""
        bind = self._sessions.kw.get("bind")
        if getattr(getattr(bind, "dialect", None), "name", None) != "sqlite" or not stream.seekable():
            return False
        if (os.cpu_count() or 1) < 2:  # one core: the two processes would only take turns
            return False
        return os.fstat(stream.fileno()).st_size >= import_process.CHILD_FROM_BYTES

    def import_items(
        self,
        items: Iterable[IncomingItem] | Iterable[tuple[int, IncomingItem]],
        progress: Progress | None = None,
        *,
        bulk: bool = True,
        check_index: bool = True,
        give_way: Callable[[], bool] | None = None,
        expected: Callable[[int], float] | None = None,
        sessions: sessionmaker[Session] | None = None,
        rows_of: tuple[int, Collection[str]] | None = None,
    ) -> ImportResult:
        """Upsert all items in one transaction. Any error rolls everything back. `bulk=False`
        for a few dozen items in a short transaction: no schema change, no bigger cache.
        `check_index=False` for the later parts of a sync, whose first part checked it.
        `give_way`: asked every GIVE_WAY_STEP items; when true, what is written so far is rolled
        back (cheap: nothing of it reached the file, where a commit took 10-100 ms at a million
        items) and the result says `taken=0` (app/services/writer_turns.py). `expected`: given
        the items read so far, an estimate of all of them (a list's own length by default).
        `sessions`: the transaction's, when not this service's (a sync's own connections in the
        window: app/models/connections_apart.py). `rows_of`: `items` are rows the sync's child
        process built (new_row) for this account id, and the ids of those whose `raw` it encoded
        (app/services/intake/sync_process.py)."""
        if expected is None and isinstance(items, Sized):
            expected = known_total(len(items))
        try:
            with heap_set_aside():
                return self._import(items, progress, bulk, check_index, give_way, expected, sessions, rows_of)
        except GaveWay:
            return ImportResult(taken=0)

    def _import(
        self,
        items: Iterable[IncomingItem] | Iterable[tuple[int, IncomingItem]],
        progress: Progress | None,
        bulk: bool,
        check_index: bool,
        give_way: Callable[[], bool] | None,
        expected: Callable[[int], float] | None,
        sessions: sessionmaker[Session] | None = None,
        rows_of: tuple[int, Collection[str]] | None = None,
        child: Child | None = None,
    ) -> ImportResult:
        with (sessions or self._sessions)() as session, session.begin():
            connection = session.connection()
            # An index left wrong by anything (an older build, a file edited elsewhere) is put
            # right first, in this transaction: what this import adds must be findable.
            for message in repair_fulltext(connection, count_rows=False) if check_index else ():
                log.warning("%s", message)
            # Plain rows, not ORM objects: a sync's short transactions read them each time.
            accounts = {
                a.key: a
                for a in connection.execute(
                    select(Account.key, Account.id, Account.platform, Account.external_id)
                )
            }
            writer = ItemWriter(connection, self._rules, accounts, bulk=bulk)
            try:
                with PartInterrupts(connection, give_way).running():
                    if rows_of is not None:
                        writer.write_built(*rows_of, list(items))  # type: ignore[arg-type]
                        writer.finish()
                        return writer.result
                    if child is not None:
                        return write_from_child(child, writer, accounts, self._rules.lists, BATCH, progress)
                    return self._write_all(writer, accounts, items, progress, give_way, expected)
            finally:
                writer.release()

    def _write_all(
        self,
        writer: ItemWriter,
        accounts: Mapping[str, Any],
        items: Iterable[IncomingItem] | Iterable[tuple[int, IncomingItem]],
        progress: Progress | None,
        give_way: Callable[[], bool] | None = None,
        expected: Callable[[int], float] | None = None,
    ) -> ImportResult:
        unknown: dict[str, int] = {}
        step = GIVE_WAY_STEP if give_way else BATCH
        batch: list[IncomingItem] = []
        seen: set[tuple[str, str]] = set()
        count = 0
        platforms = {key: account.platform for key, account in accounts.items()}
        for entry in items:
            line, item = entry if isinstance(entry, tuple) else (count + 1, entry)
            platform = platforms.get(item.account)
            if platform is None:
                unknown.setdefault(item.account, line)
                continue
            if item.platform and item.platform != platform:
                raise ImportLineError(
                    line,
                    f"kontot {item.account!r} är ett {platform}-konto, men raden säger {item.platform!r}",
                )
            key = (item.account, item.external_id)
            if key in seen:  # the same item twice in a batch: the later one is an update
                writer.write(batch)
                batch, seen = [], set()
            batch.append(item)
            seen.add(key)
            count += 1
            if len(batch) >= step:
                if not unknown:
                    writer.write(batch, expected(line) if expected else None)
                batch, seen = [], set()
                if progress:
                    progress(count)
                if give_way is not None and give_way() and not unknown:
                    raise GaveWay  # rolls the transaction back
        if unknown:
            listed = ", ".join(f"{k!r} (först på rad {n})" for k, n in unknown.items())
            raise InputError(f"Okända konton: {listed}. Inget har importerats.")
        writer.write(batch, count)
        writer.finish()
        if progress:
            progress(count)
        return writer.result
