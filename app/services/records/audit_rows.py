"""`audit verify`'s check of a sealed kind of record on SQLite, over the bare sqlite3 driver:
every record against its newest seal, every seal against its record, every record of a kind
that must be sealed against having a seal at all.

The newest seal of each record and the record itself come as one row of one query (the seals'
index gives them in record order, the record by its primary key), so Python sees one row per
record instead of merging two streams of a million rows each; records with no seal come from a
second query that is empty in an intact database. Memory stays flat.

It imports no SQLAlchemy and no model: verify's second process (audit_child) checks its share of
the kinds with this very code, the kind described by a Family (its table's name and columns and
seal_text's plan of them) rather than by its table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.core.messages import say, told, translate
from app.core.seal_text import GONE, Plan, Unreadable, digester

TYPE_CHECKING = False  # typing is most of a megabyte in verify's lean second process (audit_child)
if TYPE_CHECKING:
    from typing import Any

    Digest = Callable[[Sequence[Any]], str]

END = 10**12  # sort key of problems that belong to no event

Add = Callable[..., None]  # _Problems.add(key, message, record=None)
# Rows of a batch, everywhere verify reads (an evidence copy's payload: fewer): a few hundred kB
# at most however long the log, and as fast as larger batches.
ROWS = 200


class Family:
    """A sealed kind of record, without its table (audit_kinds.family builds it from a SealedKind)."""

    __slots__ = ("kind", "label", "table", "columns", "required", "plan")

    def __init__(
        self, kind: str, label: str, table: str, columns: tuple[str, ...], required: bool, plan: Plan
    ) -> None:
        self.kind, self.label, self.table = kind, label, table  # label: Swedish, as verify names it
        self.columns, self.required, self.plan = columns, required, plan


class Names:
    def __init__(self, family: Family) -> None:
        self.label = family.label
        self.at_id = family.columns.index("id")
        told = "item_id" in family.columns and family.kind != "evidence"
        self.at_item = family.columns.index("item_id") if told else None

    def __call__(self, row: Sequence[Any]) -> tuple[str, str]:  # only for a problem
        about = say(translate("Core", " (post %1)"), row[self.at_item]) if self.at_item is not None else ""
        return say("%1 %2", self.label, row[self.at_id]), about


def compare(add: Add, names: Names, digest: Digest, row: Sequence[Any], event_id: int, sha: str) -> None:
    try:
        now = digest(row)
    except Unreadable as exc:
        name, about = names(row)
        add(
            event_id,
            say(
                translate("Core", "%1%2 har ett oläsbart värde (%3): den har ändrats efter händelse %4."),
                name,
                about,
                told(exc),
                event_id,
            ),
            name,
        )
        return
    if now == sha:
        return
    name, about = names(row)
    if sha == GONE:
        gone = translate("Core", "%1%2 togs bort enligt händelse %3 men finns igen.")
        add(event_id, say(gone, name, about, event_id), name)
    else:
        changed = translate("Core", "%1%2 har ändrats efter händelse %3, som förseglade den.")
        add(event_id, say(changed, name, about, event_id), name)


def unsealed(add: Add, names: Names, row: Sequence[Any]) -> None:
    name, about = names(row)
    add(
        END + row[names.at_id],
        say(
            translate("Core", "%1%2 finns inte i granskningsloggen: den har lagts till utanför Granska."),
            name,
            about,
        ),
        name,
    )


def missing(add: Add, label: str, record_id: Any, event_id: int, sha: str) -> None:
    if sha != GONE:
        name = say("%1 %2", label, record_id)
        add(
            event_id,
            say(
                translate("Core", "%1, förseglad i händelse %2, saknas: den har raderats utanför Granska."),
                name,
                event_id,
            ),
            name,
        )


LATEST = (
    "SELECT record_id, max(event_id) AS event_id, sha256 FROM audit_seals "
    "WHERE kind = ? AND typeof(record_id) = 'integer' AND typeof(event_id) = 'integer' GROUP BY record_id"
)
UNSEALED = (
    "NOT EXISTS (SELECT 1 FROM audit_seals "
    "WHERE kind = ? AND record_id = t.id AND typeof(record_id) = 'integer' AND typeof(event_id) = 'integer')"
)


def check_sqlite(dbapi: Any, add: Add, family: Family, rows: int = ROWS) -> int:
    """The number of records read, through `dbapi`, a sqlite3 connection (in its snapshot)."""
    columns = ", ".join(f't."{c}"' for c in family.columns)
    # One row per sealed record: its newest seal (SQLite takes the bare columns of an aggregate
    # from the row holding the max) and the record, NULLs when it is gone. A seal whose record
    # id or event id is no integer is left out, as iter_latest leaves it: its event's hash no
    # longer holds, and the chain's walk reports it (a text event id would otherwise be taken
    # as the newest, max() sorting text after numbers, and break the problems' order).
    joined = (
        f"SELECT s.record_id, s.event_id, s.sha256, {columns} FROM ({LATEST}) AS s "
        f"LEFT JOIN {family.table} AS t ON t.id = s.record_id"
    )
    names = Names(family)
    digest = digester(family.kind, family.plan, offset=3)  # the record's columns after the seal's three
    present = 3 + names.at_id
    checked = 0
    cursor = dbapi.cursor()
    try:
        cursor.execute(joined, (family.kind,))
        while batch := cursor.fetchmany(rows):
            for row in batch:
                if row[present] is None:
                    missing(add, family.label, row[0], row[1], row[2])
                    continue
                checked += 1
                try:
                    if digest(row) == row[2]:
                        continue
                except Unreadable:
                    pass
                compare(add, names, digester(family.kind, family.plan), row[3:], row[1], row[2])
        if family.required:
            cursor.execute(
                f"SELECT {columns} FROM {family.table} AS t WHERE {UNSEALED} ORDER BY t.id", (family.kind,)
            )
            while batch := cursor.fetchmany(rows):
                for record in batch:
                    checked += 1
                    unsealed(add, names, record)
    finally:
        cursor.close()
    return checked
