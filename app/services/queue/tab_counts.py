"""The tabs' counts under a search on SQLite, from the tabs' own full-text index
(app/models/tab_search.py): per tab one FTS5 query over the tab's range of row ids, stopped at
the cap, that never reads `items`.

The last word typed is a prefix. FTS5 (3.40) expands a prefix by merging the whole lists of
every term it stands for before the row-id range applies: once per tab, 2-3 ms for a common
word at a million items. So the prefix is looked up once in the queue index's vocabulary
(items_fts_terms) and each tab is asked for those few whole terms, each of which FTS5 seeks in
the tab's range. A prefix that stands for many terms (a letter or two) is left to FTS5.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Account
from app.models.fulltext import search_terms
from app.models.tab_search import (
    QUESTION_TAG,
    TABLE,
    TABS,
    TERMS,
    account_tag,
    reason_tag,
    status_tag,
    tab_range,
)

# Terms the vocabulary may give a prefix before the prefix is left to FTS5.
MOST_TERMS = 64
# Words FTS5's tokenizer keeps as Python's lower() and \w+ read them (a wider alphabet may be
# split or folded otherwise: those prefixes are left to FTS5, which tokenizes them itself).
_PLAIN = re.compile(r"[0-9a-zà-öø-ÿ]+")

_COUNT = (
    f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH ? AND rowid >= ? AND rowid < ? LIMIT ?)"
)


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _any(tokens: list[str]) -> str:
    return "(" + " OR ".join(_quoted(t) for t in tokens) + ")"


def _words(session: Session, query: str) -> str | None:
    """The typed words as an FTS5 expression over the text columns; None when the last word is
    a prefix of nothing in the index (no item can match)."""
    terms = search_terms(query)
    phrases = [_quoted(t) for t in terms[:-1]]
    last = terms[-1]
    if _PLAIN.fullmatch(last):
        upper = last[:-1] + chr(ord(last[-1]) + 1)
        found = session.connection().exec_driver_sql(
            f"SELECT term FROM {TERMS} WHERE term >= ? AND term < ? LIMIT {MOST_TERMS + 1}", (last, upper)
        )
        whole = [t for (t,) in found if t.startswith(last)]
        if not whole:
            return None
        phrases.append(_any(whole) if len(whole) <= MOST_TERMS else _quoted(last) + "*")
    else:
        phrases.append(_quoted(last) + "*")
    return "{text author_name} : (" + " AND ".join(phrases) + ")"


def _account_ids(session: Session, f: Any) -> set[int] | None:
    ids: set[int] | None = None
    for column, values in ((Account.key, f.account_keys), (Account.platform, f.platforms)):
        if values:
            found = set(session.scalars(select(Account.id).where(column.in_(values))))
            ids = found if ids is None else ids & found
    return ids


def tab_counts(session: Session, f: Any, queues: tuple[Any, ...], cap: int) -> dict[str, int] | None:
    """Each queue's count under the search in `f`, at most `cap + 1`; None when the index cannot
    answer (a period, or a queue that is not one of its tabs): count from the items then."""
    if f.since is not None or f.until is not None:
        return None
    tabs = {name: (statuses, questions) for name, statuses, questions in TABS}
    if any(tabs.get(q.name) != (q.statuses, q.questions_only) for q in queues):
        return None
    zero = {q.name: 0 for q in queues}
    words = _words(session, f.search)
    accounts = _account_ids(session, f)
    if words is None or accounts == set():
        return zero
    filters = []
    if accounts is not None:
        filters.append(_any([account_tag(i) for i in sorted(accounts)]))
    if f.reasons:
        filters.append(_any([reason_tag(r) for r in f.reasons]))
    counts = {}
    sql = session.connection().exec_driver_sql
    for q in queues:
        narrowed = q.narrow(f)
        if not set(narrowed.statuses) & set(q.statuses):
            counts[q.name] = 0
            continue
        tags = list(filters)
        if set(narrowed.statuses) != set(q.statuses):
            tags.append(_any([status_tag(s) for s in narrowed.statuses]))
        if narrowed.questions_only and not q.questions_only:
            tags.append(_quoted(QUESTION_TAG))
        expression = words + "".join(" AND tags : " + t for t in tags)
        low, high = tab_range(q.name)
        counts[q.name] = int(sql(_COUNT, (expression, low, high, cap + 1)).scalar() or 0)
    return counts
