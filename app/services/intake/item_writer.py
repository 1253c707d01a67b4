"""The upsert under every intake path (the JSON Lines import, the connectors' syncs, the demo):
a batch of incoming items into `items`, new ones inserted with their verdicts, known ones
updated with an edited text kept as a version. It writes inside a transaction it is given
(app/services/intake/importer.py begins and ends it)."""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import JSON, Connection, Text, bindparam, cast, insert, select, update

from app.core.incoming import IncomingItem
from app.models import OPEN_STATUSES, Item, ItemStatus, ItemVersion
from app.models.base import to_driver_datetime, utcnow
from app.models.bulk_indexes import IndexPlan, forget_set_aside, restore_indexes
from app.models.fulltext import (
    begin_sqlite_transaction,
    defer_sqlite_indexing,
    index_new_rows,
    resume_sqlite_indexing,
)
from app.services.intake.item_rows import INSERT_COLUMNS as _INSERT_COLUMNS
from app.services.intake.item_rows import STATUS, WIDTH, item_of_row, new_row
from app.services.intake.item_rows import json_text as _json_text
from app.services.intake.rules import RuleSet, Verdict

IMPORT_CACHE_KIB = 65536


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_versions: int = 0
    context: int = 0  # of `created`, the account's own posts: context, not work
    # 0 when the import gave way to a waiting write (`give_way`): nothing was written.
    taken: int | None = None

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


# Rows in one INSERT when triggers keep the index: 19 values each, well under SQLite's 32,766.
_ROWS_A_STATEMENT = 100


@functools.lru_cache(maxsize=_ROWS_A_STATEMENT)
def _insert_sql(rows: int) -> str:
    """`INSERT INTO items (...) VALUES (?, ...), (?, ...)` for `rows` rows."""
    one = f"({', '.join('?' * len(_INSERT_COLUMNS))})"
    return f"INSERT INTO items ({', '.join(_INSERT_COLUMNS)}) VALUES {', '.join([one] * rows)}"


class ItemWriter:
    """Upserts items in batches inside one connection's transaction.

    SQLite gets the driver's executemany directly (the ORM costs 5-8x here, see STACK-NOTES);
    other databases go through SQLAlchemy Core.
    """

    def __init__(
        self, connection: Connection, rules: RuleSet, accounts: Mapping[str, Any], *, bulk: bool = True
    ):
        """`accounts`: by key, anything with the account's `id` and `external_id`."""
        self._con = connection
        self._rules = rules
        self._accounts = accounts
        self._account_ids = {key: account.id for key, account in accounts.items()}
        self._account_external_ids = {account.id: account.external_id for account in accounts.values()}
        self._dialect = connection.dialect.name
        self.result = ImportResult()
        now = utcnow()
        self._now = now
        self._now_db = to_driver_datetime(now, self._dialect)
        self.now_db = self._now_db  # fetched_at, as the driver is handed it
        self._indexed_upto = None
        self._unindexed = False  # rows inserted since the last index_new_rows (bulk only)
        self._unindexed_rows = 0  # how many (write_rows only)
        self._bulk = bulk and self._dialect == "sqlite"
        self._plan: IndexPlan | None = None
        if not self._bulk and self._dialect == "sqlite":
            # A few dozen items (a sync's short transaction): the triggers index them row by
            # row; dropping and re-creating one would change the schema, which every other
            # connection (the decision being pressed) must then read again.
            begin_sqlite_transaction(connection)
        if self._bulk:
            self._indexed_upto = defer_sqlite_indexing(connection)
            self._plan = IndexPlan(connection, self._indexed_upto)
            # A bigger page cache for the import only: index pages stay in memory (~20 % faster
            # at 100k rows); reset by release() so an idle window keeps a small footprint.
            connection.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")

    def finish(self) -> None:
        """Must be called before the transaction commits."""
        if self._indexed_upto is not None:
            self._index_pending()
            restore_indexes(self._con)  # after the search indexes: they read by row id
            resume_sqlite_indexing(self._con)
            self._indexed_upto = None

    def release(self) -> None:
        """Called whether the import succeeded or not (a connection a sync's part threw away
        when it gave way goes with its cache: app/services/intake/part_interrupts.py)."""
        if self._bulk and not self._con.invalidated:
            self._con.exec_driver_sql("PRAGMA cache_size = -2000")
            forget_set_aside(self._con)

    def write(self, batch: list[IncomingItem], expected: float | None = None) -> None:
        """`expected`: an estimate of all the items of the import, this batch's included
        (large imports set the items' indexes aside: app/models/bulk_indexes.py)."""
        by_account: dict[int, dict[str, IncomingItem]] = {}
        account_ids = self._account_ids
        for item in batch:
            by_account.setdefault(account_ids[item.account], {})[item.external_id] = item
        new_rows: list[tuple[Any, ...]] = []
        evaluate, row = self._rules.evaluate, self._row
        for account_id, items in by_account.items():
            existing = self._existing(account_id, list(items))
            for external_id, item in items.items():
                old = existing.get(external_id)
                if old is None:
                    new_rows.append(row(account_id, item, evaluate(item.text)))
                else:
                    self._index_pending()  # the update's triggers take the row out of the index
                    self._update(old, item)
        if self._plan is not None:
            self._plan.before_insert(len(batch), len(new_rows), expected)
        if new_rows:
            self._insert(new_rows)
            self.result.created += len(new_rows)
            self.result.context += sum(1 for r in new_rows if r[STATUS] == ItemStatus.CONTEXT)

    def write_rows(
        self,
        count: int,
        context: int,
        expected: float | None,
        ids: list[tuple[int, str]],
        chunks: list[tuple[Any, ...]],
    ) -> None:
        """A batch as the import's child process built it (import_child.batch_frame): what
        `write` does with the same items. SQLite only."""
        found = [(account_id, self._found(account_id, text)) for account_id, text in ids]
        if any(known for _account_id, known in found):
            self._write_known(count, expected, found, chunks)
            return
        if self._plan is not None:
            self._plan.before_insert(count, count, expected)
        for chunk in chunks:
            self._con.exec_driver_sql(_insert_sql(len(chunk) // WIDTH), chunk)
        self._unindexed = self._indexed_upto is not None
        self._unindexed_rows += count
        self.result.created += count
        self.result.context += context

    def index_some(self, at_least: int) -> None:
        """Index the rows inserted since the last time when there are `at_least` of them: while
        the import's child process builds the next batch (the index, tab counts and search rows
        of a million items then cost nothing at the end, #20)."""
        if self._unindexed_rows >= at_least:
            self._index_pending()

    def _write_known(
        self,
        count: int,
        expected: float | None,
        found: list[tuple[int, list[str]]],
        chunks: list[tuple[Any, ...]],
    ) -> None:
        """`write_rows` for a batch with items already stored: those are updated, as `write`
        does, from the items their rows stand for."""
        flat = list(chain.from_iterable(chunks))
        rows = [tuple(flat[at : at + WIDTH]) for at in range(0, len(flat), WIDTH)]
        existing = {account_id: self._stored(account_id, known) for account_id, known in found if known}
        self._upsert_rows(count, expected, existing, rows)

    def write_built(self, account_id: int, encoded: Collection[str], rows: list[tuple[Any, ...]]) -> None:
        """Rows of one account built as `write` builds them (new_row; the sync's child process,
        app/services/intake/sync_process.py), none twice: what `write` does with their items.
        `encoded`: the ids whose `raw` was encoded there, not received as text (an update then
        stores it as `write` does)."""
        known = self._found(account_id, _json_text([row[2] for row in rows]))
        existing = {account_id: self._stored(account_id, known)} if known else {}
        self._upsert_rows(len(rows), len(rows), existing, rows, encoded)

    def _upsert_rows(
        self,
        count: int,
        expected: float | None,
        existing: dict[int, dict[str, Any]],
        rows: list[tuple[Any, ...]],
        encoded: Collection[str] = (),
    ) -> None:
        new_rows: list[tuple[Any, ...]] = [] if existing else rows
        for row in rows if existing else ():
            old = existing.get(row[0], {}).get(row[2])
            if old is None:
                new_rows.append(row)
            else:
                self._index_pending()  # the update's triggers take the row out of the index
                item = item_of_row(row)
                if row[2] in encoded:
                    item.raw_json = None
                self._update(old, item)
        if self._plan is not None:
            self._plan.before_insert(count, len(new_rows), expected)
        if new_rows:
            self._insert(new_rows)
            self.result.created += len(new_rows)
            self.result.context += sum(1 for r in new_rows if r[STATUS] == ItemStatus.CONTEXT)

    def _found(self, account_id: int, external_ids: str) -> list[str]:
        """Which of `external_ids` (a JSON list) the account has (SQLite): most of an import is
        new, and SQLAlchemy's expansion of a 5000-value IN costs ~10 µs an item."""
        found = self._con.exec_driver_sql(
            "SELECT external_id FROM items WHERE account_id = ? "
            "AND external_id IN (SELECT value FROM json_each(?))",
            (account_id, external_ids),
        ).fetchall()
        return [external_id for (external_id,) in found]

    def _existing(self, account_id: int, external_ids: list[str]) -> dict[str, Any]:
        if self._dialect == "sqlite":
            # Full rows only for the ids that exist.
            external_ids = self._found(account_id, _json_text(external_ids))
            if not external_ids:
                return {}
        return self._stored(account_id, external_ids)

    def _stored(self, account_id: int, external_ids: list[str]) -> dict[str, Any]:
        """The stored rows of `external_ids`, which the account has."""
        stmt = select(
            Item.id,
            Item.external_id,
            Item.text,
            Item.edited_at,
            Item.status,
            Item.raw,
            Item.author_name,
            Item.author_id,
            Item.author_url,
            Item.permalink,
            Item.parent_external_id,
            Item.post_external_id,
        ).where(Item.account_id == account_id, Item.external_id.in_(external_ids))
        return {row.external_id: row for row in self._con.execute(stmt)}

    def _row(self, account_id: int, item: IncomingItem, verdict: Verdict) -> tuple[Any, ...]:
        external_id = self._account_external_ids.get(account_id)
        return new_row(account_id, external_id, item, verdict, self._now_db, self._dialect)

    def _insert(self, rows: list[tuple[Any, ...]]) -> None:
        if self._dialect == "sqlite":
            # One statement per up to _ROWS_A_STATEMENT rows. With the triggers (a short part)
            # executemany's statement a row made FTS5 write its pending terms out after every
            # row (a sync of 20k comments in parts of 50: 1.18 s CPU against 0.78 s). Without
            # them (bulk) a hundred rows a statement cost two thirds of executemany's row a
            # step (100k rows into an indexed table: 0.10 against 0.15 s, #20).
            for start in range(0, len(rows), _ROWS_A_STATEMENT):
                part = rows[start : start + _ROWS_A_STATEMENT]
                self._con.exec_driver_sql(_insert_sql(len(part)), tuple(chain.from_iterable(part)))
            self._unindexed = self._indexed_upto is not None
            return
        # The JSON columns get their text as it is (PostgreSQL's json keeps it): `raw` as received.
        json_text = {"raw": "raw_text", "flags": "flags_text"}
        stmt = insert(Item.__table__).values(
            {column: cast(bindparam(name, type_=Text), JSON) for column, name in json_text.items()}
        )
        names = [json_text.get(column, column) for column in _INSERT_COLUMNS]
        self._con.execute(stmt, [dict(zip(names, row, strict=True)) for row in rows])

    def _index_pending(self) -> None:
        """Index (and count) the rows the bulk path inserted since it last did: once at the end
        of an import (one FTS5 segment written from all its rows, not one a batch: 0.5 s less at
        50k items), or before an update of one of them (its triggers take the row's old entries
        out of the indexes and counts, which must be there)."""
        if self._unindexed and self._indexed_upto is not None:
            self._indexed_upto = index_new_rows(self._con, self._indexed_upto)
            self._unindexed, self._unindexed_rows = False, 0

    def _update(self, old: Any, item: IncomingItem) -> None:
        changes: dict[str, Any] = {}
        for field in (
            "author_name",
            "author_id",
            "author_url",
            "permalink",
            "parent_external_id",
            "post_external_id",
        ):
            if getattr(item, field) != getattr(old, field):
                changes[field] = getattr(item, field)
        if item.raw is not None and item.raw != old.raw:
            changes["raw"] = item.raw
        if item.text != old.text:
            # The author edited: the earlier text is kept as a version, never overwritten.
            self._con.execute(
                insert(ItemVersion.__table__),
                {"item_id": old.id, "text": old.text, "edited_at": old.edited_at,
                 "replaced_at": self._now, "raw": old.raw},
            )  # fmt: skip
            self.result.new_versions += 1
            verdict = self._rules.evaluate(item.text)
            changes.update(
                text=item.text,
                edited_at=item.edited_at or self._now,
                flags=verdict.flag_dicts,
                suggested_reason=verdict.suggested_reason,
                is_question=verdict.is_question and old.status != ItemStatus.CONTEXT,
            )
            if old.status in OPEN_STATUSES:
                changes["status"] = ItemStatus.FLAGGED if verdict.suggested_reason else ItemStatus.NEW
        elif item.edited_at is not None and item.edited_at != old.edited_at:
            changes["edited_at"] = item.edited_at
        if not changes:
            self.result.unchanged += 1
            return
        changes["fetched_at"] = self._now
        stmt = update(Item.__table__).where(Item.__table__.c.id == bindparam("item_id"))
        if "raw" in changes and item.raw_json is not None:
            # The platform's own text, as on insert: not an encoding of the decoded object.
            raw_text = bindparam("raw_text", type_=Text)
            stmt = stmt.values(raw=raw_text if self._dialect == "sqlite" else cast(raw_text, JSON))
            changes["raw_text"] = item.raw_json
            del changes["raw"]
        self._con.execute(stmt, {"item_id": old.id, **changes})
        self.result.updated += 1
