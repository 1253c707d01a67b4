"""A seam for the fault-injection tests (tests/faults/); nothing happens unless GRANSKA_FAULT
is set, and the engine does not even listen then.

GRANSKA_FAULT="ACTION@N" or "ACTION@N:WORD": just before the N-th statement that changes the
database (INSERT, UPDATE, DELETE, CREATE, DROP, ALTER; counted in this process) whose SQL
contains WORD (any statement without it), ACTION happens:

- `kill`: SIGKILL to this process, a power cut as far as the database can tell;
- `raise`: an InjectedFault (a RuntimeError), a bug in the middle of the work.

Statements through SQLAlchemy are seen by an engine event; code that writes with the driver
directly (app/services/moderation/writer.py) calls `before_statement` itself.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from typing import Any

ENV_VAR = "GRANSKA_FAULT"
_WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER")
_strike: Callable[[str], None] | None = None


class InjectedFault(RuntimeError):
    """The exception `raise` injects."""


def before_statement(statement: str) -> None:
    if _strike is not None:
        _strike(statement)


def _arm(spec: str) -> Callable[[str], None]:
    action, _, rest = spec.partition("@")
    number, _, word = rest.partition(":")
    target, seen = int(number), 0

    def strike(statement: str) -> None:
        nonlocal seen
        if not statement.lstrip().upper().startswith(_WRITES) or word not in statement:
            return
        seen += 1
        if seen != target:
            return
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        raise InjectedFault(f"{ENV_VAR}={spec}")

    return strike


def install(engine: Any) -> None:
    global _strike
    spec = os.environ.get(ENV_VAR)
    if not spec:
        _strike = None
        return
    _strike = _arm(spec)
    watch(engine)


def watch(engine: Any) -> None:
    """Another engine on the same database (a sync's own connections): its statements count
    toward the fault already armed, whose count goes on."""
    if _strike is None:
        return
    from sqlalchemy import event

    event.listen(
        engine, "before_cursor_execute", lambda _c, _cur, statement, *_a: before_statement(statement)
    )
