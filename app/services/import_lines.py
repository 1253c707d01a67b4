"""JSON Lines made ready to insert, on a second core when the file is big.

Reading, validating and flagging a line costs more than storing it, so a big import has a
worker process do that while this one writes to the database: the two overlap. The worker
imports no SQLAlchemy (it starts in a fraction of a second), stops a chunk at its first bad
line, and the chunks are taken in file order, so the error named is the one a line-by-line
import would name, and nothing is written before it that a line-by-line import would not write.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from operator import attrgetter
from types import TracebackType
from typing import IO, Any

from app.db_values import to_driver_datetime
from app.services.errors import EnvironmentFault
from app.services.incoming import ImportLineError, IncomingItem, parse_line
from app.services.rules import RuleSet, Verdict

# (kind, created_at, edited_at, raw, flags, suggested_reason, is_question) as the driver takes
# them: what a new row needs beyond the item's own text fields.
InsertValues = tuple[Any, ...]
Prepared = tuple[int, IncomingItem, InsertValues]

CHUNK_LINES = 2000
CHUNKS_AHEAD = 3

# json.dumps builds a new encoder on every call with ensure_ascii=False: build it once.
json_text = json.JSONEncoder(ensure_ascii=False).encode
_item_fields = attrgetter(*IncomingItem.__slots__)


def insert_values(item: IncomingItem, verdict: Verdict, dialect: str) -> InsertValues:
    return (
        item.resolved_kind,
        to_driver_datetime(item.created_at, dialect),
        to_driver_datetime(item.edited_at, dialect),
        json_text(item.raw) if item.raw is not None else None,
        json_text(verdict.flag_dicts) if verdict.flags else None,
        verdict.suggested_reason,
        verdict.is_question,
    )


# -- in the worker process --------------------------------------------------------------------
_rules = RuleSet()
_dialect = ""


def _start_worker(lists: dict[str, list[str]], dialect: str) -> None:
    global _rules, _dialect
    _rules, _dialect = RuleSet(lists), dialect


def _prepare_chunk(first: int, lines: list[str]) -> tuple[list[tuple[Any, ...]], tuple[int, str] | None]:
    """The chunk's items up to its first bad line, and that line's number and message."""
    prepared = []
    evaluate, dialect = _rules.evaluate, _dialect
    for number, line in enumerate(lines, start=first):
        try:
            item = parse_line(number, line)
        except ImportLineError as exc:
            return prepared, (exc.line, exc.detail)
        if item is not None:
            # A tuple of fields pickles several times faster than the object.
            prepared.append((number, _item_fields(item), insert_values(item, evaluate(item.text), dialect)))
    return prepared, None


# -- in the importing process -----------------------------------------------------------------
class PreparedInWorker:
    """Iterates (line number, item, insert values) of `stream`, prepared in a worker process.

    Use as a context manager: leaving it stops the worker (after the chunk it is on)."""

    def __init__(self, stream: IO[str], rules: RuleSet, dialect: str) -> None:
        self._stream = stream
        self._next_line = 1
        self._exhausted = False
        self._read_error: UnicodeDecodeError | None = None
        self._pending: deque[Future[Any]] = deque()
        # spawn, not fork: the importing process may have Qt's or the database's threads.
        self._pool = ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(rules.lists, dialect),
        )
        self._submit_ahead()

    def __enter__(self) -> PreparedInWorker:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __iter__(self) -> Iterator[Prepared]:
        while self._pending:
            try:
                prepared, error = self._pending.popleft().result()
            except BrokenProcessPool:
                raise EnvironmentFault(
                    "Importens arbetsprocess avbröts oväntat (slut på minne?). Inget har importerats."
                ) from None
            self._submit_ahead()
            for number, fields, values in prepared:
                yield number, IncomingItem(*fields), values
            if error is not None:
                raise ImportLineError(*error)
        if self._read_error is not None:
            # Raised where a line-by-line import would raise it: after the lines before it.
            raise self._read_error

    def _submit_ahead(self) -> None:
        while not self._exhausted and len(self._pending) < CHUNKS_AHEAD:
            lines = self._read_chunk()
            if lines:
                self._pending.append(self._pool.submit(_prepare_chunk, self._next_line, lines))
                self._next_line += len(lines)

    def _read_chunk(self) -> list[str]:
        lines: list[str] = []
        try:
            for line in self._stream:
                lines.append(line)
                if len(lines) == CHUNK_LINES:
                    return lines
        except UnicodeDecodeError as exc:
            self._read_error = exc
        self._exhausted = True
        return lines
