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

from app.services.records.audit_rows import ROWS, Family, check_sqlite
from app.services.records.audit_walk import ChainState, Seen, seal_rows, walk_rows

TYPE_CHECKING = False  # typing is most of a megabyte in this lean process
if TYPE_CHECKING:
    from typing import IO, Any

    Calls = list[tuple[Any, ...]]
    Sql = tuple[str, list[Any]]

# `python -c` of the child: the path first (this module is found where verify found it).
BOOT = (
    "import pickle, sys; sys.path[:0] = pickle.load(sys.stdin.buffer); "
    "from app.services.records.audit_child import serve; serve()"
)
# The frozen bundle's child: the bundle itself with this argument (packaging/launch.py).
FLAG = "--granska-audit-verify-child"
CACHE_KB = 64  # SQLite's page cache: the reads are one pass in index order


class Job:
    """What the child is to do, all of it plain data (nothing it would import SQLAlchemy for)."""

    def __init__(
        self,
        database: str,
        upto: int,
        head_sql: Sql,
        head: tuple[Any, ...] | None,
        events_sql: Sql,
        seals_sql: Sql,
        witnesses: list[Seen],
        families: dict[str, Family],
    ) -> None:
        self.database = database  # the SQLite file, as a file: URI
        self.upto = upto  # the last event of verify's snapshot
        self.head_sql, self.head = head_sql, head  # the audit head in verify's snapshot
        self.events_sql, self.seals_sql = events_sql, seals_sql
        self.witnesses, self.families = witnesses, families


class ChildResult:
    def __init__(
        self,
        same_head: bool,
        chain: ChainState,
        chain_calls: Calls,
        kinds: dict[str, tuple[int, Calls]],
        peak_kb: int | None,
    ) -> None:
        self.same_head = same_head  # the child's snapshot had verify's audit head
        self.chain, self.chain_calls = chain, chain_calls
        self.kinds = kinds  # kind -> (records read, calls)
        self.peak_kb = peak_kb  # the child's own peak memory, where the system tells (bench/audit_verify)


def recorder() -> tuple[Calls, Any]:
    calls: Calls = []

    def add(*args: Any) -> None:
        calls.append(args)

    return calls, add


def _batches(con: sqlite3.Connection, sql: Sql) -> Iterator[Sequence[Any]]:
    cursor = con.execute(*sql)
    try:
        while batch := cursor.fetchmany(ROWS):
            yield batch
    finally:
        cursor.close()


def work(job: Job, ask: Any) -> ChildResult:
    """The chain, then each family `ask()` gives until it gives None."""
    uri = f"{job.database}?mode=ro"
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
    return ChildResult(same_head, state, chain_calls, kinds, peak_kb())


def peak_kb() -> int | None:
    """This process's peak resident memory since it started: Linux's VmHWM (getrusage's
    ru_maxrss would count the parent's pages the child shared until its exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


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
