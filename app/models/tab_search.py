"""The queue's tabs searched on SQLite: a full-text index in which each item sits once for every
tab it belongs to, so that a tab's count under a search never looks at `items`.

Counting a search's matches per tab joined every match to `items` for its status: 90-300 ms for
a common word at a million items. In `items_fts_tabs` an item's row id is its id with the tab's
number above bit 32 (`tab << 32 | id`): a tab's matches are one range of row ids, which FTS5
seeks to, so "how many of the new items say simhallen, up to 1 001" reads at most 1 001 entries
of the word's list, and none when the tab holds no match. The `tags` column holds what the
window can filter the tabs by (status, account, suggested reason, question) as tokens no typed
word is matched against (the user's words are confined to the text columns).

Contentless (`content=''`, no column sizes kept): the rows are written and deleted by triggers
on `items`, in the same transaction as the write, with the values the item had; a bulk import
defers them like the queue's own index (app/models/fulltext.py). Which statuses make up a tab
is written into the triggers from TABS; `repair_tab_search` re-creates triggers that are
missing or were written for other tabs, and rebuilds an index whose tab sizes disagree with the
kept counts.
"""

from __future__ import annotations

from typing import Any

from app.core.messages import say, translate

TABLE = "items_fts_tabs"
# The vocabulary of the queue's own index: the terms a typed prefix stands for (capped_counts).
TERMS = "items_fts_terms"
SHIFT = 32

# (name, statuses, questions only), as app/services/queue/shapes.QUEUES (a test keeps them in
# step); a tab's number is its place here, from 1.
TABS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("new", ("new",), False),
    ("flagged", ("flagged",), False),
    ("questions", ("new", "flagged", "forwarded", "answer_pending"), True),
    ("pending", ("pending_platform", "remove_by_hand", "answer_pending"), False),
    ("decided", ("kept", "removed", "answered", "registered", "handed_over", "deleted_by_author"), False),
)
TAB_NUMBERS = {name: number for number, (name, _, _) in enumerate(TABS, start=1)}

_COLUMNS = "text, author_name, tags"
# columnsize=0: no %_docsize row per entry (a quarter of the fill's CPU, #20); nothing reads
# the column sizes (no bm25, no rank), and a tab's entries are counted through its tags.
_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({_COLUMNS}, content='', columnsize=0, "
    "tokenize='unicode61 remove_diacritics 0')"
)
_CREATE_TERMS = f"CREATE VIRTUAL TABLE IF NOT EXISTS {TERMS} USING fts5vocab(items_fts, row)"


def tab_range(name: str) -> tuple[int, int]:
    """The row ids of the tab `name`: from the first, up to (not including) the second."""
    number = TAB_NUMBERS[name]
    return number << SHIFT, (number + 1) << SHIFT


def status_tag(status: str) -> str:
    return "s" + status.encode().hex()


def account_tag(account_id: int) -> str:
    return f"a{int(account_id)}"


def reason_tag(reason: str) -> str:
    return "r" + reason.encode().hex()


QUESTION_TAG = "q"


def _tags(row: str) -> str:
    # hex(): any status or reason code becomes one token (the tokenizer folds the case).
    return (
        f"'s' || hex({row}.status) || ' a' || {row}.account_id "
        f"|| coalesce(' r' || hex({row}.suggested_reason), '') "
        f"|| CASE WHEN {row}.is_question THEN ' {QUESTION_TAG}' ELSE '' END"
    )


def _member(row: str, statuses: tuple[str, ...], questions: bool) -> str:
    listed = ", ".join("'" + s.replace("'", "''") + "'" for s in statuses)
    return f"{row}.status IN ({listed})" + (f" AND {row}.is_question" if questions else "")


def _write(row: str, delete: bool) -> str:
    command = f"{TABLE}, " if delete else ""
    value = "'delete', " if delete else ""
    return "".join(
        f"INSERT INTO {TABLE}({command}rowid, {_COLUMNS}) SELECT {value}({number} << {SHIFT}) | {row}.id, "
        f"{row}.text, {row}.author_name, {_tags(row)} WHERE {_member(row, statuses, questions)}; "
        for number, (_, statuses, questions) in enumerate(TABS, start=1)
    )


_WATCHED = ("text", "author_name", "status", "is_question", "account_id", "suggested_reason")
INSERT_TRIGGER = f"CREATE TRIGGER {TABLE}_ai AFTER INSERT ON items BEGIN {_write('new', False)}END"
TRIGGERS = {
    f"{TABLE}_ai": INSERT_TRIGGER,
    f"{TABLE}_ad": f"CREATE TRIGGER {TABLE}_ad AFTER DELETE ON items BEGIN {_write('old', True)}END",
    f"{TABLE}_au": (
        f"CREATE TRIGGER {TABLE}_au AFTER UPDATE OF {', '.join(_WATCHED)} ON items WHEN "
        + " OR ".join(f"old.{c} IS NOT new.{c}" for c in _WATCHED)
        + f" BEGIN {_write('old', True)}{_write('new', False)}END"
    ),
}


def index_rows(connection: Any, after_id: int = 0, held: set[tuple[str, bool]] | None = None) -> None:
    """Index the items with an id above `after_id`, tab by tab in row-id order (FTS5 writes
    rows that come in order into few segments). NOT INDEXED: the rows are read by their id
    range; SQLite otherwise chose the status index and read every item of the tab's statuses
    in the table for each part of a sync (half the sync's time at 100k items, #20). A tab none
    of the new items belongs to is not scanned for them: `held`, the (status, is_question) pairs
    they hold (queue_counts.count_new_rows), or read here."""
    if held is None:
        found = connection.exec_driver_sql(
            "SELECT DISTINCT status, is_question FROM items NOT INDEXED WHERE id > ?", (after_id,)
        )
        held = {(status, bool(question)) for status, question in found}
    for number, (_, statuses, questions) in enumerate(TABS, start=1):
        if not any(status in statuses and (question or not questions) for status, question in held):
            continue
        connection.exec_driver_sql(
            f"INSERT INTO {TABLE}(rowid, {_COLUMNS}) SELECT ({number} << {SHIFT}) | i.id, i.text, "
            f"i.author_name, {_tags('i')} FROM items i NOT INDEXED "
            f"WHERE i.id > ? AND {_member('i', statuses, questions)} ORDER BY i.id",
            (after_id,),
        )


def _create(sql: Any) -> None:
    from app.models.fulltext import HASHSIZE

    sql(_CREATE)
    sql(HASHSIZE.format(table=TABLE))
    sql(_CREATE_TERMS)
    for name, statement in TRIGGERS.items():
        sql(f"DROP TRIGGER IF EXISTS {name}")
        sql(statement)


def _rebuild(connection: Any) -> None:
    connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('delete-all')")
    index_rows(connection)


def create_tab_search(connection: Any) -> None:
    _create(connection.exec_driver_sql)
    _rebuild(connection)


def drop_tab_search(connection: Any) -> None:
    sql = connection.exec_driver_sql
    for name in TRIGGERS:
        sql(f"DROP TRIGGER IF EXISTS {name}")
    sql(f"DROP TABLE IF EXISTS {TERMS}")
    sql(f"DROP TABLE IF EXISTS {TABLE}")


def defer_tab_indexing(connection: Any) -> None:
    """A bulk import: the insert trigger off until `resume_tab_indexing` (see fulltext.py)."""
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {TABLE}_ai")


def resume_tab_indexing(connection: Any) -> None:
    connection.exec_driver_sql(INSERT_TRIGGER.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))


def repair_tab_search(connection: Any, *, count_rows: bool = True) -> list[str]:
    """Missing or outdated triggers re-created; an index whose tabs hold other numbers of items
    than the kept counts (app/models/queue_counts.py, repaired first) rebuilt."""
    from app.models.fulltext import begin_sqlite_transaction

    sql = connection.exec_driver_sql
    rows = sql(f"SELECT name, sql FROM sqlite_master WHERE name LIKE '{TABLE}%' OR name = ?", (TERMS,))
    found = {name: statement for name, statement in rows}
    stale = [name for name, statement in TRIGGERS.items() if found.get(name) != statement]
    there = TABLE in found and TERMS in found
    if there and not stale and (not count_rows or _agrees(sql)):
        return []
    begin_sqlite_transaction(connection)
    _create(sql)
    messages: list[str] = []
    if there and stale:
        messages.append(
            say(
                translate("Core", "Flikarnas sökindex saknade utlösare (%1) som har återskapats."),
                ", ".join(stale),
            )
        )
    if not there or stale or not _agrees(sql):
        _rebuild(connection)
        if there:
            messages.append(translate("Core", "Flikarnas sökindex har byggts om från posterna."))
    return messages


def _agrees(sql: Any) -> bool:
    """Each tab's rows in the index as many as the kept counts say the tab holds. Every row
    carries its status as a tag: a tab's rows are counted as the matches of its statuses' tags
    in its range of row ids (the index keeps no per-row table to count)."""
    for name, statuses, questions in TABS:
        low, high = tab_range(name)
        tags = " OR ".join(f'"{status_tag(s)}"' for s in statuses)
        indexed = sql(
            f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH ? AND rowid >= ? AND rowid < ?",
            (f"tags : ({tags})", low, high),
        ).scalar()
        listed = ", ".join("?" * len(statuses))
        kept = sql(
            f"SELECT coalesce(sum(n), 0) FROM queue_counts WHERE status IN ({listed})"
            + (" AND is_question" if questions else ""),
            statuses,
        ).scalar()
        if indexed != kept:
            return False
    return True
