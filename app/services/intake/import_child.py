"""A large JSON Lines import's second process (started by import_process): it reads the file,
decodes, checks and flags every line and builds the rows, in the batches the import writes,
while the importing process only writes them (#20: the per-line Python work is most of an
import's time besides SQLite's own, and two threads of one process take turns with it).

It is a lean interpreter: this module and what it imports (incoming, rules, item_rows) use no
SQLAlchemy and no model. The lines are read, checked and refused by the very code the import
in one process uses (read_jsonl, RuleSet.evaluate, new_row), in the same order.

The conversation over the child's stdin and stdout: the import sends sys.path, then the job
(pickled, plain data); the child answers with frames, each an 8-byte length and a marshal of a
tuple (marshal: plain values only, a third of pickle's cost to write):

- ("rows", rows, context, expected, progress, ids, chunks): one batch, as the import in one
  process would hand it to ItemWriter.write: `ids` each account's external ids (a JSON list),
  `chunks` its rows in that order, a hundred a tuple, flattened (ready for one INSERT each);
- ("end", count) after the last batch, or ("error", kind, ...) instead: nothing else follows.
"""

from __future__ import annotations

import gc
import marshal
import pickle
import sys
from itertools import chain

from app.core.errors import InputError
from app.services.intake.incoming import ImportLineError, lines_expected, read_jsonl
from app.services.intake.item_rows import STATUS, json_text, new_row
from app.services.intake.rules import RuleSet

TYPE_CHECKING = False  # typing is most of a megabyte in this lean process
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import IO, Any

# `python -c` of the child: the path first (this module is found where the import found it).
BOOT = (
    "import pickle, sys; sys.path[:0] = pickle.load(sys.stdin.buffer); "
    "from app.services.intake.import_child import serve; serve()"
)
# The frozen bundle's child: the bundle itself with this argument (packaging/launch.py).
FLAG = "--granska-import-child"
ROWS_A_CHUNK = 100  # ItemWriter's rows a statement (_ROWS_A_STATEMENT)
_CONTEXT = "context"


class Job:
    """What the child is to do, all of it plain data."""

    def __init__(
        self,
        path: str,
        accounts: dict[str, tuple[int, str, str | None]],
        lists: dict[str, list[str]],
        now_db: str,
        batch: int,
    ) -> None:
        self.path = path
        self.accounts = accounts  # key -> (id, platform, external id)
        self.lists = lists  # the rule set's word lists
        self.now_db = now_db  # fetched_at, as the driver is handed it
        self.batch = batch  # items a batch (importer.BATCH)


def batch_frame(
    by_account: dict[int, list[tuple[Any, ...]]], expected: float | None, progress: int
) -> tuple[Any, ...]:
    """One batch's frame (`progress` -1: none is reported after it)."""
    ids = [(account_id, json_text([row[2] for row in rows])) for account_id, rows in by_account.items()]
    rows = list(chain.from_iterable(by_account.values()))
    context = sum(1 for row in rows if row[STATUS] == _CONTEXT)
    chunks = [
        tuple(chain.from_iterable(rows[start : start + ROWS_A_CHUNK]))
        for start in range(0, len(rows), ROWS_A_CHUNK)
    ]
    return ("rows", len(rows), context, expected, progress, ids, chunks)


def work(job: Job, send: Callable[[tuple[Any, ...]], None]) -> None:
    """The batches of ImportService._write_all (no give-way: a file's import has none)."""
    with open(job.path, encoding="utf-8", newline="\n") as stream:  # noqa: PTH123 - lean
        expected = lines_expected(stream)
        evaluate = RuleSet(job.lists).evaluate
        accounts, now_db, step = job.accounts, job.now_db, job.batch
        unknown: dict[str, int] = {}
        by_account: dict[int, list[tuple[Any, ...]]] = {}
        seen: set[tuple[int, str]] = set()
        count = 0
        for line, item in read_jsonl(stream):
            account = accounts.get(item.account)
            if account is None:
                unknown.setdefault(item.account, line)
                continue
            account_id, platform, account_external_id = account
            if item.platform and item.platform != platform:
                raise ImportLineError(
                    line,
                    f"kontot {item.account!r} är ett {platform}-konto, men raden säger {item.platform!r}",
                )
            key = (account_id, item.external_id)
            if key in seen:  # the same item twice in a batch: the later one is an update
                if not unknown:
                    send(batch_frame(by_account, None, -1))
                by_account, seen = {}, set()
            if not unknown:  # nothing more is written once an account is unknown
                row = new_row(account_id, account_external_id, item, evaluate(item.text), now_db, "sqlite")
                by_account.setdefault(account_id, []).append(row)
            seen.add(key)
            count += 1
            if len(seen) >= step:
                if not unknown:
                    send(batch_frame(by_account, expected(line) if expected else None, count))
                by_account, seen = {}, set()
        if unknown:
            listed = ", ".join(f"{k!r} (först på rad {n})" for k, n in unknown.items())
            raise InputError(f"Okända konton: {listed}. Inget har importerats.")
        send(batch_frame(by_account, count, -1))
        send(("end", count))


def error_frame(exc: BaseException) -> tuple[Any, ...]:
    if isinstance(exc, ImportLineError):
        return ("error", "line", exc.line, str(exc))
    if isinstance(exc, InputError):
        return ("error", "input", str(exc))
    if isinstance(exc, UnicodeDecodeError):
        return ("error", "unicode", exc.start)
    if isinstance(exc, OSError):
        return ("error", "os", exc.strerror or str(exc))
    return ("error", "other", f"{type(exc).__name__}: {exc}")


def serve(source: IO[bytes] | None = None, answers: IO[bytes] | None = None) -> None:
    """The child's whole life: the job from stdin, the frames to stdout."""
    gc.disable()  # millions of short-lived tuples, none in a cycle (as the import's own)
    source = source or sys.stdin.buffer
    answers = answers or sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print would break the frames
    write, flush = answers.write, answers.flush

    def send(frame: tuple[Any, ...]) -> None:
        data = marshal.dumps(frame)
        write(len(data).to_bytes(8, "little"))
        write(data)
        flush()

    try:
        work(pickle.load(source), send)
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the import
        try:
            send(error_frame(exc))
        except OSError:  # the import has gone: no one to answer
            pass


def main() -> None:
    """The frozen bundle's child (packaging/launch.py): the path frame is the bundle's own."""
    pickle.load(sys.stdin.buffer)
    serve()
