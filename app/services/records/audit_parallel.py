"""`audit verify` on two cores: a second process walks the chain and checks some families of
sealed records while this one checks the evidence copies and the other families.

Both read the same database file, each in a snapshot of its own. This process's snapshot (the
verify's own, opened first and held to the end) decides:

- the child walks the chain while this process checks the evidence copies; then each takes the
  next family of sealed records not yet taken (QUEUE);
- the child walks the chain only up to the last event of this snapshot: events and their seals
  are only ever appended, so it reads the same rows as this process would; what lies past that
  event is read here (audit_chain.end_of_chain);
- the child reads the audit head first: when Granska wrote nothing in between (the same head),
  its snapshot is this one; when it did, each family in which the child found a problem is
  checked again here, so a decision made during the verify is never reported as a change;
- the problems come back as the calls that would have added them, and are added here in the
  order one process adds them: the report is the same, message for message.

The child starts with `spawn` (the same on Windows, Linux and macOS; the frozen bundle calls
`multiprocessing.freeze_support()` in packaging/launch.py). Starting costs about half a second,
so a small log is verified in one process. A child that dies without an answer is a clear error,
never an intact log.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection as Pipe
from multiprocessing.process import BaseProcess
from typing import Any

from sqlalchemy import Connection, func, select

from app.core.errors import EnvironmentFault
from app.core.messages import translate
from app.models import AuditEvent, AuditHead
from app.models.db import sqlite_file
from app.models.seals import HEAD_ID, KINDS
from app.services.records.audit_chain import ChainState, walk_chain
from app.services.records.audit_kinds import check_kind
from app.services.records.audit_witness import Witness

# Below this many events one process does it all (a child's start costs more than it saves).
PARALLEL_FROM = 100_000
# The families besides the evidence copies, the largest first: after the chain (the child) and
# the evidence copies (this process), each process takes the next one not yet taken, so the two
# end at about the same time whatever the shape of the data.
QUEUE = (
    "decision",
    "registration",
    "item",
    "notice",
    "escalation",
    "recusal",
    "screenshot",
    "account",
    "administrator",
    "account_administrator",
)

Calls = list[tuple[Any, ...]]
POLL_S = 0.1


@dataclass
class ChildResult:
    same_head: bool  # the child's snapshot had this process's audit head
    chain: ChainState
    chain_calls: Calls
    kinds: dict[str, tuple[int, Calls]]  # kind -> (records read, calls)


def _head(con: Connection) -> tuple[Any, ...] | None:
    row = con.execute(select(AuditHead.count, AuditHead.last_hash).where(AuditHead.id == HEAD_ID)).first()
    return None if row is None else tuple(row)


def recorder() -> tuple[Calls, Any]:
    calls: Calls = []

    def add(*args: Any) -> None:
        calls.append(args)

    return calls, add


def check_kinds(con: Connection, kinds: Iterable[str]) -> dict[str, tuple[int, Calls]]:
    found = {}
    for kind in kinds:
        calls, add = recorder()
        found[kind] = (check_kind(con, add, KINDS[kind]), calls)
    return found


def taken(turn: Any) -> Iterator[str]:
    """The families of QUEUE this process takes, one at a time, `turn` shared by both."""
    while True:
        with turn.get_lock():
            at = turn.value
            turn.value = at + 1
        if at >= len(QUEUE):
            return
        yield QUEUE[at]


def _child(
    url: str, upto: int, head: tuple[Any, ...] | None, witnesses: list[Witness], turn: Any, pipe: Pipe
) -> None:
    """Runs in the child: the chain up to `upto` and the families it takes, answered over `pipe`."""
    from sqlalchemy import create_engine

    gc.disable()  # millions of short-lived tuples, none in a cycle (as verify_chain)
    engine = None
    try:
        engine = create_engine(url, connect_args={"timeout": 5})
        with engine.connect() as con:
            con.exec_driver_sql("BEGIN")  # one snapshot for all reads, from the head on
            same_head = _head(con) == head
            chain_calls, add = recorder()
            state = walk_chain(con, add, witnesses, upto)
            kinds = check_kinds(con, taken(turn))
            con.rollback()
        pipe.send(("done", ChildResult(same_head, state, chain_calls, kinds)))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the verify
        try:
            pickle.loads(pickle.dumps(exc))  # what cannot cross as itself crosses as its words
        except Exception:  # noqa: BLE001
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        pipe.send(("error", exc))
    finally:
        if engine is not None:
            engine.dispose()
        pipe.close()


class Helper:
    """The child at work; `result()` waits for its answer, `stop()` ends it however things went."""

    def __init__(self, process: BaseProcess, pipe: Pipe, upto: int, turn: Any) -> None:
        self.process, self.pipe, self.upto, self.turn = process, pipe, upto, turn
        self.answered = False

    def result(self) -> ChildResult:
        message = None
        try:
            # Not a bare recv(): on Windows a child killed before it took its end of the pipe
            # leaves that end open here, and recv() would wait for ever.
            while self.pipe.poll(POLL_S) or self.process.is_alive() or self.pipe.poll(0):
                if self.pipe.poll(0):
                    message = self.pipe.recv()
                    break
        except (EOFError, OSError):
            message = None
        self.answered = message is not None
        if message is None or message[0] not in ("done", "error"):
            raise EnvironmentFault(
                translate(
                    "Core",
                    "Granskningsloggen kunde inte kontrolleras: den andra kontrollprocessen slutade "
                    "utan svar. Inget har ändrats; försök igen.",
                )
            )
        if message[0] == "error":
            error: BaseException = message[1]
            raise error
        result: ChildResult = message[1]
        return result

    def stop(self) -> None:
        self.pipe.close()
        if self.answered:  # it has sent all and is ending: otherwise verify failed, its work is moot
            self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()


def start(con: Connection, witnesses: list[Witness]) -> Helper | None:
    """A child for a large SQLite file (None: one process), after this snapshot's first read."""
    url = con.engine.url
    database = sqlite_file(url)
    if database is None or "memory" in str(database) or "memory" in str(url.query.get("mode", "")):
        return None
    upto = con.execute(select(func.max(AuditEvent.id))).scalar()
    if upto is None or upto < PARALLEL_FROM:
        return None
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    turn = context.Value("i", 0)
    process = context.Process(
        target=_child,
        args=(url.render_as_string(hide_password=False), upto, _head(con), witnesses, turn, theirs),
        name="granska-audit-verify",
        daemon=True,  # ends with this process
    )
    process.start()
    theirs.close()
    return Helper(process, ours, upto, turn)
