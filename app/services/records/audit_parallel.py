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

The child is a lean interpreter (audit_child: no SQLAlchemy, no model; it runs the statements
compiled here), started as a new process with this process's own interpreter, `sys.executable`
(on Windows, Linux and macOS alike; the frozen bundle starts itself with audit_child.FLAG, see
packaging/launch.py), and spoken to over its stdin and stdout. Starting costs a tenth of a
second, so a small log is verified in one process. A child that dies without an answer is a
clear error, never an intact log.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

import app
from app.core.errors import EnvironmentFault
from app.core.messages import translate
from app.models import AuditEvent, AuditHead
from app.models.seals import HEAD_ID, KINDS, sqlite_sql
from app.services.records.audit_chain import events_stmt, seals_stmt
from app.services.records.audit_child import BOOT, FLAG, ChildResult, Job
from app.services.records.audit_child import recorder as recorder
from app.services.records.audit_kinds import check_kind, family
from app.services.records.audit_walk import Seen

if TYPE_CHECKING:
    from app.services.records.audit_child import Calls
    from app.services.records.audit_walk import Witnessed

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
NO_ANSWER = translate(
    "Core",
    "Granskningsloggen kunde inte kontrolleras: den andra kontrollprocessen slutade "
    "utan svar. Inget har ändrats; försök igen.",
)


class Turn:
    """Which family of QUEUE is next, shared by this process and (through Helper) the child."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._at = 0

    def take(self) -> str | None:
        with self._lock:
            at = self._at
            self._at = at + 1
        return QUEUE[at] if at < len(QUEUE) else None


def _head_stmt() -> Any:
    return select(AuditHead.count, AuditHead.last_hash).where(AuditHead.id == HEAD_ID)


def _head(con: Connection) -> tuple[Any, ...] | None:
    row = con.execute(_head_stmt()).first()
    return None if row is None else tuple(row)


def check_kinds(con: Connection, kinds: Iterable[str]) -> dict[str, tuple[int, Calls]]:
    found = {}
    for kind in kinds:
        calls, add = recorder()
        found[kind] = (check_kind(con, add, KINDS[kind]), calls)
    return found


def taken(turn: Turn) -> Iterator[str]:
    """The families of QUEUE this process takes, one at a time, `turn` shared by both."""
    while (kind := turn.take()) is not None:
        yield kind


class Helper:
    """The child at work; `result()` waits for its answer, `stop()` ends it however things went.
    A thread here answers the child's questions (the next family) while verify works."""

    def __init__(self, process: subprocess.Popen[bytes], upto: int, turn: Turn) -> None:
        self.process, self.upto, self.turn = process, upto, turn
        self.message: tuple[str, Any] | None = None
        self._thread = threading.Thread(target=self._listen, name="granska-audit-verify", daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        out, into = self.process.stdout, self.process.stdin
        assert out is not None and into is not None
        try:
            while True:
                message = pickle.load(out)
                if message == ("next",):
                    pickle.dump(self.turn.take(), into)
                    into.flush()
                    continue
                self.message = message
                return
        except Exception:  # noqa: BLE001 - a child that died or said nonsense: no answer
            return

    @property
    def answered(self) -> bool:
        return self.message is not None

    def result(self) -> ChildResult:
        self._thread.join()
        message = self.message
        if message is None or message[0] not in ("done", "error"):
            raise EnvironmentFault(NO_ANSWER)
        if message[0] == "error":
            error: BaseException = message[1]
            raise error
        result: ChildResult = message[1]
        return result

    def stop(self) -> None:
        if not self.answered:  # verify failed, or the child did: its work is moot
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._thread.join()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:  # the child is gone: nothing left to flush
                    pass


def command() -> list[str]:
    """The child's command line: this interpreter (or the frozen bundle) again."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FLAG]
    # -I -S: no environment variables, no user or site packages: its path is the one sent
    return [sys.executable, "-I", "-S", "-c", BOOT]


def child_path() -> list[str]:
    """Where the child finds app (an editable install finds it through a hook, not the path)
    and whatever else this process finds."""
    return [str(Path(app.__file__).resolve().parent.parent), *sys.path]


def _file(con: Connection) -> str | None:
    """The SQLite file of `con`'s main database (None: in memory, or not SQLite)."""
    if con.dialect.name != "sqlite":
        return None
    for _seq, name, path in con.exec_driver_sql("PRAGMA database_list"):
        if name == "main":
            return str(path) or None
    return None


def start(con: Connection, witnesses: list[Witnessed]) -> Helper | None:
    """A child for a large SQLite file (None: one process), after this snapshot's first read."""
    database = _file(con)
    if database is None:
        return None
    upto = con.execute(select(func.max(AuditEvent.id))).scalar()
    if upto is None or upto < PARALLEL_FROM:
        return None
    job = Job(
        Path(database).as_uri(),
        upto,
        sqlite_sql(con, _head_stmt()),
        _head(con),
        sqlite_sql(con, events_stmt(upto)),
        sqlite_sql(con, seals_stmt(upto=upto)),
        [Seen(w.count, w.hash, w.source) for w in witnesses],
        {kind: family(KINDS[kind]) for kind in QUEUE},
    )
    process = subprocess.Popen(
        command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console from the window
    )
    assert process.stdin is not None
    try:
        pickle.dump(child_path(), process.stdin)
        pickle.dump(job, process.stdin)
        process.stdin.flush()
    except OSError:  # it died at once: result() says so
        pass
    return Helper(process, upto, Turn())
