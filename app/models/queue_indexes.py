"""Indexes the queue window needs at a million items. Declared here, beside the Item class, so
no existing model changes.

The tab counts' own index (status, question, account, flag, time) is gone (0010_perf20b): on
SQLite the counts are kept in a table (app/models/queue_counts.py), and an index-only count on
PostgreSQL reads the same columns from ix_items_search_keys below. Every index costs each
imported row; tests/models/test_query_plans.py proves each hot query still has one.
"""

from sqlalchemy import Index, text

from app.models.items import Item

# A search finds item ids in the full-text index; the queue then needs each match's status,
# question mark, account, flag and time. Led by id, this index answers that from a few thousand
# dense index pages instead of one wide item row (and its page) per match: a rare word's page and
# the counts under a search at a million items. SQLite must be told to use it (INDEXED BY, see
# app/services/queue/paging.py): its planner always prefers the table's own rowid lookup.
SEARCH_KEYS_INDEX = Index(
    "ix_items_search_keys",
    Item.id,
    Item.status,
    Item.is_question,
    Item.account_id,
    Item.suggested_reason,
    Item.created_at,
)

# The statistics (#17) read a period's items per account: led by account and time and holding
# the question mark, status and when the clock stopped, so every count of `granska stats`
# (waiting and overdue questions too) is an index-only range scan.
STATS_INDEX = Index(
    "ix_items_account_created",
    Item.account_id,
    Item.created_at,
    Item.is_question,
    Item.status,
    Item.first_response_at,
)

# The response times read only the items whose clock has stopped: a partial index of those.
RESPONSE_INDEX = Index(
    "ix_items_first_response",
    Item.account_id,
    Item.created_at,
    Item.is_question,
    Item.first_response_at,
    Item.first_response_by,
    sqlite_where=Item.first_response_at.is_not(None),
    postgresql_where=Item.first_response_at.is_not(None),
)

# The statistics' questions, and those still waiting for their first answer (0011_stats17b):
# a period's questions, waiting and overdue are range counts of these (stats/response_times.py).
QUESTIONS_INDEX = Index(
    "ix_items_questions",
    Item.account_id,
    Item.created_at,
    Item.is_question,
    sqlite_where=text("is_question IS 1"),
    postgresql_where=text("is_question IS true"),
)
_WAITING = " AND first_response_at IS NULL AND status NOT IN ('deleted_by_author', 'weeded')"
WAITING_QUESTIONS_INDEX = Index(
    "ix_items_waiting_questions",
    Item.account_id,
    Item.created_at,
    Item.is_question,
    Item.status,
    Item.first_response_at,
    sqlite_where=text("is_question IS 1" + _WAITING),
    postgresql_where=text("is_question IS true" + _WAITING),
)

# Sync's check for comments deleted by their authors (#20) reads the stored comments of the
# posts it just listed: led by account and post, so it reads those and nothing else.
THREAD_INDEX = Index("ix_items_post", Item.account_id, Item.post_external_id)
