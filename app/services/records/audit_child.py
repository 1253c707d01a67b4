"""`audit verify`'s second process (started by audit_parallel): it walks the chain up to the
verify's last event and checks the families of sealed records it is given, one at a time, over
the bare sqlite3 driver, and answers with what it found.

It is a lean interpreter: this module and what it imports (the walk, the kind check, the
canonical text and the messages) use no SQLAlchemy and no model, so the process holds little
more than Python, sqlite3 and hashlib (tests/services/test_audit_child.py measures it). The
statements it runs come compiled from verify (one definition: audit_chain's), the kinds as
plans (audit_rows.Family), the canonical text is seal_text's, the very code verify uses.

The conversation, pickled frames over the child's stdin and stdout: verify sends sys.path (so
the child imports this module from where verify did), then the Job; the child asks ("next",)
for each family and is answered its name or None; it ends with ("done", ChildResult) or
("error", exception). Nothing else is written to its stdout.
"""

from __future__ import annotations

import gc
import pickle
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from app.services.records.audit_rows import Family, check_sqlite
from app.services.records.audit_walk import ChainState, Seen, seal_rows, walk_rows

# `python -c` of the child: the path first (this module is found where verify found it).
BOOT = (
    "import pickle, sys; sys.path[:0] = pickle.load(sys.stdin.buffer); "
    "from app.services.records.audit_child import serve; serve()"
)
# The frozen bundle's child: the bundle itself with this argument (packaging/launch.py).
FLAG = "--granska-audit-verify-child"
ROWS = 500  # rows of a batch: a few hundred kB at most, whatever the size of the log
CACHE_KB = 1024  # SQLite's page cache: the reads are one pass in index order

Calls = list[tuple[Any, ...]]


@dataclass(frozen=True)
class Job:
    database: str  # the SQLite file's absolute path
    upto: int  # the last event of verify's snapshot
    head_sql: tuple[str, list[Any]]
    head: tuple[Any, ...] | None  # the audit head in verify's snapshot
    events_sql: tuple[str, list[Any]]
    seals_sql: tuple[str, list[Any]]
    witnesses: list[Seen]
    families: dict[str, Family]


@dataclass
class ChildResult:
    same_head: bool  # the child's snapshot had verify's audit head
    chain: ChainState
    chain_calls: Calls
    kinds: dict[str, tuple[int, Calls]]  # kind -> (records read, calls)


def recorder() -> tuple[Calls, Any]:
    calls: Calls = []

    def add(*args: Any) -> None:
        calls.append(args)

    return calls, add


def _batches(con: sqlite3.Connection, sql: tuple[str, list[Any]]) -> Iterator[Sequence[Any]]:
    cursor = con.execute(*sql)
    try:
        while batch := cursor.fetchmany(ROWS):
            yield batch
    finally:
        cursor.close()


def work(job: Job, ask: Any) -> ChildResult:
    """The chain, then each family `ask()` gives until it gives None."""
    uri = f"{_as_uri(job.database)}?mode=ro"
    con = sqlite3.connect(uri, uri=True, timeout=5, isolation_level=None)
    try:
        con.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        con.execute("BEGIN")  # one snapshot for all reads, from the head on
        row = con.execute(*job.head_sql).fetchone()
        same_head = (None if row is None else tuple(row)) == job.head
        chain_calls, add = recorder()
        seals = seal_rows(_batches(con, job.seals_sql), add)
        state = walk_rows(_batches(con, job.events_sql), seals, add, job.witnesses)
        seals.close()
        kinds = {}
        while (kind := ask()) is not None:
            calls, add = recorder()
            kinds[kind] = (check_sqlite(con, add, job.families[kind], ROWS), calls)
        con.execute("ROLLBACK")
    finally:
        con.close()
    return ChildResult(same_head, state, chain_calls, kinds)


def _as_uri(path: str) -> str:
    from pathlib import Path

    return Path(path).as_uri()


def serve(source: IO[bytes] | None = None, answers: IO[bytes] | None = None) -> None:
    """The child's whole life: the Job from stdin, the answer to stdout."""
    gc.disable()  # millions of short-lived tuples, none in a cycle (as verify_chain)
    source = source or sys.stdin.buffer
    answers = answers or sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print would break the frames

    def ask() -> str | None:
        pickle.dump(("next",), answers)
        answers.flush()
        kind: str | None = pickle.load(source)
        return kind

    try:
        answer: tuple[str, Any] = ("done", work(pickle.load(source), ask))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the verify
        try:
            pickle.loads(pickle.dumps(exc))  # what cannot cross as itself crosses as its words
        except Exception:  # noqa: BLE001
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        answer = ("error", exc)
    try:
        pickle.dump(answer, answers)
        answers.flush()
    except OSError:  # verify has gone: no one to answer
        pass


def main() -> None:
    """The frozen bundle's child (packaging/launch.py): the path frame is the bundle's own."""
    pickle.load(sys.stdin.buffer)
    serve()
