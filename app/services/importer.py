"""Bringing items into the database: the JSON Lines import, and the same upsert path that
connectors and the demo use. One transaction per import: a bad line changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.models import OPEN_STATUSES, Account, Item, ItemKind, ItemStatus, ItemVersion
from app.models.base import to_driver_datetime, utcnow
from app.models.fulltext import defer_sqlite_indexing, index_new_rows, resume_sqlite_indexing
from app.services.errors import InputError
from app.services.rule_lists import load_rule_set
from app.services.rules import RuleSet, Verdict

BATCH = 5000
REQUIRED = ("account", "external_id", "text", "created_at")
STRING_FIELDS = {
    "account": 64,
    "platform": 32,
    "external_id": 200,
    "parent_external_id": 200,
    "post_external_id": 200,
    "author_name": 500,
    "author_id": 200,
    "author_url": 2000,
    "permalink": 2000,
    "text": None,
    "kind": 16,
}
KNOWN_FIELDS = set(STRING_FIELDS) | {"created_at", "edited_at", "raw"}

Progress = Callable[[int], None]


@dataclass(frozen=True)
class IncomingItem:
    account: str
    external_id: str
    text: str
    created_at: datetime
    platform: str | None = None
    kind: str | None = None
    parent_external_id: str | None = None
    post_external_id: str | None = None
    author_name: str = ""
    author_id: str | None = None
    author_url: str | None = None
    permalink: str | None = None
    edited_at: datetime | None = None
    raw: dict[str, Any] | None = None

    @property
    def resolved_kind(self) -> str:
        if self.kind:
            return self.kind
        if self.parent_external_id or (self.post_external_id and self.post_external_id != self.external_id):
            return ItemKind.COMMENT
        return ItemKind.POST


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_versions: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


class ImportLineError(InputError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"rad {line}: {message}")
        self.line = line


def _check_text(value: str, field: str) -> None:
    if "\x00" in value:
        raise ValueError(f"fältet {field!r} innehåller ett NUL-tecken (U+0000), som inte kan lagras")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"fältet {field!r} innehåller ett ensamt surrogattecken (ogiltig Unicode)") from None


def _check_raw(value: Any, path: str = "raw") -> None:
    if isinstance(value, str):
        _check_text(value, path)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text(k, path)
            _check_raw(v, f"{path}.{k}")
    elif isinstance(value, list):
        for v in value:
            _check_raw(v, path)


def parse_time(value: Any, field: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"fältet {field!r} måste vara en tidpunkt i ISO 8601-format")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"fältet {field!r} är ingen giltig tidpunkt: {value!r}") from None
    if parsed.tzinfo is None:
        raise ValueError(
            f"fältet {field!r} saknar tidszon: {value!r} (skriv t.ex. 2026-05-01T12:00:00+02:00)"
        )
    return parsed


def item_from_record(record: Any, *, check_characters: bool = True) -> IncomingItem:
    """Validate one decoded JSON record; raises ValueError with a Swedish message.

    `check_characters=False` skips the NUL and lone-surrogate scan, for callers that know the
    JSON text had no \\u escapes (the only way either can get into decoded JSON)."""
    if not isinstance(record, dict):
        raise ValueError("raden måste vara ett JSON-objekt")
    missing = [f for f in REQUIRED if record.get(f) in (None, "") and f != "text"]
    if "text" not in record or record["text"] is None:
        missing.append("text")
    if missing:
        raise ValueError("fält saknas: " + ", ".join(missing))
    unknown = sorted(set(record) - KNOWN_FIELDS)
    if unknown:
        raise ValueError("okända fält: " + ", ".join(unknown))
    for field, limit in STRING_FIELDS.items():
        value = record.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"fältet {field!r} måste vara en sträng")
        if check_characters:
            _check_text(value, field)
        if limit is not None and len(value) > limit:
            raise ValueError(f"fältet {field!r} är längre än {limit} tecken")
    raw = record.get("raw")
    if raw is not None:
        if not isinstance(raw, dict):
            raise ValueError("fältet 'raw' måste vara ett JSON-objekt")
        if check_characters:
            _check_raw(raw)
    kind = record.get("kind")
    if kind is not None and kind not in (ItemKind.POST, ItemKind.COMMENT):
        raise ValueError("fältet 'kind' måste vara 'post' eller 'comment'")
    return IncomingItem(
        account=record["account"],
        external_id=record["external_id"],
        text=record["text"],
        created_at=parse_time(record["created_at"], "created_at"),
        edited_at=parse_time(record["edited_at"], "edited_at") if record.get("edited_at") else None,
        platform=record.get("platform"),
        kind=kind,
        parent_external_id=record.get("parent_external_id") or None,
        post_external_id=record.get("post_external_id") or None,
        author_name=record.get("author_name") or "",
        author_id=record.get("author_id") or None,
        author_url=record.get("author_url") or None,
        permalink=record.get("permalink") or None,
        raw=raw,
    )


def read_jsonl(stream: IO[str]) -> Iterator[tuple[int, IncomingItem]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportLineError(number, f"ogiltig JSON ({exc.msg}, tecken {exc.colno})") from None
        try:
            yield number, item_from_record(record, check_characters="\\u" in line)
        except ValueError as exc:
            raise ImportLineError(number, str(exc)) from None


_INSERT_COLUMNS = (
    "account_id", "kind", "external_id", "parent_external_id", "post_external_id",
    "author_name", "author_id", "author_url", "text", "created_at", "edited_at", "permalink",
    "fetched_at", "raw", "status", "flags", "suggested_reason", "is_question", "row_version",
)  # fmt: skip


class ItemWriter:
    """Upserts items in batches inside one connection's transaction.

    SQLite gets the driver's executemany directly (the ORM costs 5-8x here, see STACK-NOTES);
    other databases go through SQLAlchemy Core.
    """

    def __init__(self, connection: Connection, rules: RuleSet, accounts: dict[str, Account]):
        self._con = connection
        self._rules = rules
        self._accounts = accounts
        self._dialect = connection.dialect.name
        self.result = ImportResult()
        now = utcnow()
        self._now = now
        self._now_db = to_driver_datetime(now, self._dialect)
        self._indexed_upto = defer_sqlite_indexing(connection) if self._dialect == "sqlite" else None

    def finish(self) -> None:
        """Must be called before the transaction commits."""
        if self._indexed_upto is not None:
            resume_sqlite_indexing(self._con)
            self._indexed_upto = None

    def write(self, batch: list[IncomingItem]) -> None:
        by_account: dict[int, dict[str, IncomingItem]] = {}
        for item in batch:
            by_account.setdefault(self._accounts[item.account].id, {})[item.external_id] = item
        new_rows: list[tuple[Any, ...]] = []
        for account_id, items in by_account.items():
            existing = self._existing(account_id, list(items))
            for external_id, item in items.items():
                old = existing.get(external_id)
                if old is None:
                    new_rows.append(self._row(account_id, item, self._rules.evaluate(item.text)))
                else:
                    self._update(old, item)
        if new_rows:
            self._insert(new_rows)
            self.result.created += len(new_rows)

    def _existing(self, account_id: int, external_ids: list[str]) -> dict[str, Any]:
        stmt = select(
            Item.id, Item.external_id, Item.text, Item.edited_at, Item.status, Item.raw,
            Item.author_name, Item.author_id, Item.author_url, Item.permalink,
            Item.parent_external_id, Item.post_external_id,
        ).where(Item.account_id == account_id, Item.external_id.in_(external_ids))  # fmt: skip
        return {row.external_id: row for row in self._con.execute(stmt)}

    def _row(self, account_id: int, item: IncomingItem, verdict: Verdict) -> tuple[Any, ...]:
        d = self._dialect
        flags = verdict.flag_dicts
        return (
            account_id, item.resolved_kind, item.external_id, item.parent_external_id,
            item.post_external_id, item.author_name, item.author_id, item.author_url, item.text,
            to_driver_datetime(item.created_at, d), to_driver_datetime(item.edited_at, d),
            item.permalink, self._now_db,
            json.dumps(item.raw, ensure_ascii=False) if item.raw is not None else None,
            ItemStatus.FLAGGED if verdict.suggested_reason else ItemStatus.NEW,
            json.dumps(flags, ensure_ascii=False) if flags else None,
            verdict.suggested_reason, verdict.is_question, 1,
        )  # fmt: skip

    def _insert(self, rows: list[tuple[Any, ...]]) -> None:
        if self._dialect == "sqlite":
            sql = (
                f"INSERT INTO items ({', '.join(_INSERT_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_INSERT_COLUMNS))})"
            )
            self._con.exec_driver_sql(sql, rows)
            if self._indexed_upto is not None:
                self._indexed_upto = index_new_rows(self._con, self._indexed_upto)
            return
        records = []
        for row in rows:
            record = dict(zip(_INSERT_COLUMNS, row, strict=True))
            record["raw"] = json.loads(record["raw"]) if record["raw"] else None
            record["flags"] = json.loads(record["flags"]) if record["flags"] else None
            records.append(record)
        self._con.execute(insert(Item.__table__), records)

    def _update(self, old: Any, item: IncomingItem) -> None:
        changes: dict[str, Any] = {}
        for field in ("author_name", "author_id", "author_url", "permalink",
                      "parent_external_id", "post_external_id"):  # fmt: skip
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
                is_question=verdict.is_question,
            )
            if old.status in OPEN_STATUSES:
                changes["status"] = ItemStatus.FLAGGED if verdict.suggested_reason else ItemStatus.NEW
        elif item.edited_at is not None and item.edited_at != old.edited_at:
            changes["edited_at"] = item.edited_at
        if not changes:
            self.result.unchanged += 1
            return
        changes["fetched_at"] = self._now
        self._con.execute(
            update(Item.__table__).where(Item.__table__.c.id == bindparam("item_id")),
            {"item_id": old.id, **changes},
        )
        self.result.updated += 1


class ImportService:
    def __init__(self, sessions: sessionmaker[Session], rules: RuleSet | None = None) -> None:
        self._sessions = sessions
        self._rules = rules if rules is not None else load_rule_set(sessions)

    def import_file(self, path: Path, progress: Progress | None = None) -> ImportResult:
        try:
            stream = path.open(encoding="utf-8", newline="\n")
        except OSError as exc:
            raise InputError(f"Kan inte läsa {path}: {exc.strerror}") from None
        with stream:
            try:
                return self.import_items(read_jsonl(stream), progress)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path} är inte UTF-8-kodad text (byte {exc.start})") from None

    def import_items(
        self,
        items: Iterable[IncomingItem] | Iterable[tuple[int, IncomingItem]],
        progress: Progress | None = None,
    ) -> ImportResult:
        """Upsert all items in one transaction. Any error rolls everything back."""
        with self._sessions() as session, session.begin():
            connection = session.connection()
            accounts = {a.key: a for a in session.scalars(select(Account))}
            writer = ItemWriter(connection, self._rules, accounts)
            unknown: dict[str, int] = {}
            batch: list[IncomingItem] = []
            seen: set[tuple[str, str]] = set()
            count = 0
            for entry in items:
                line, item = entry if isinstance(entry, tuple) else (count + 1, entry)
                account = accounts.get(item.account)
                if account is None:
                    unknown.setdefault(item.account, line)
                    continue
                if item.platform and item.platform != account.platform:
                    raise ImportLineError(
                        line,
                        f"kontot {item.account!r} är ett {account.platform}-konto, "
                        f"men raden säger {item.platform!r}",
                    )
                key = (item.account, item.external_id)
                if key in seen:  # the same item twice in a batch: the later one is an update
                    writer.write(batch)
                    batch, seen = [], set()
                batch.append(item)
                seen.add(key)
                count += 1
                if len(batch) >= BATCH:
                    if not unknown:
                        writer.write(batch)
                    batch, seen = [], set()
                    if progress:
                        progress(count)
            if unknown:
                listed = ", ".join(f"{k!r} (först på rad {n})" for k, n in unknown.items())
                raise InputError(f"Okända konton: {listed}. Inget har importerats.")
            writer.write(batch)
            writer.finish()
            if progress:
                progress(count)
            return writer.result
