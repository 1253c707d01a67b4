"""A seam for the fault-injection tests (tests/faults/); nothing happens unless GRANSKA_FAULT
is set, and the engine does not even listen then.

GRANSKA_FAULT="ACTION@N" or "ACTION@N:WORD": just before the N-th statement that changes the
database (INSERT, UPDATE, DELETE, CREATE, DROP, ALTER; counted in this process) whose SQL
contains WORD (any statement without it), ACTION happens:

- `kill`: SIGKILL to this process, a power cut as far as the database can tell;
- `raise`: a RuntimeError, a bug in the middle of the work.
"""

from __future__ import annotations

import os
import signal
from typing import Any

ENV_VAR = "GRANSKA_FAULT"
_WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER")


class InjectedFault(RuntimeError):
    """The exception `raise` injects."""


def install(engine: Any) -> None:
    spec = os.environ.get(ENV_VAR)
    if not spec:
        return
    from sqlalchemy import event

    action, _, rest = spec.partition("@")
    number, _, word = rest.partition(":")
    target = int(number)
    seen = 0

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal seen
        if not statement.lstrip().upper().startswith(_WRITES) or word not in statement:
            return
        seen += 1
        if seen != target:
            return
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        raise InjectedFault(f"{ENV_VAR}={spec}")

    event.listen(engine, "before_cursor_execute", before)
