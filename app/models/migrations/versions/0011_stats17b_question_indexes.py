"""stats17b: partial indexes holding only questions, and only questions still waiting for their
first answer (#17)

Revision ID: 0011_stats17b
Revises: 0011_perf20h

The statistics count a period's questions, those still waiting and those overdue per account;
over the account index that read every item of the period and evaluated the question's state
on each (0.4 s of a year at a million items). Each is now a range count of an index that holds
only such items (app/services/stats/response_times.question_counts). The waiting index's terms
are the query's own text (a partial index is only used when its terms appear in the query).
On SQLite the kept `stats_counts` also count police reports (app/models/stats_counts.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_stats17b"
down_revision = "0011_perf20h"
branch_labels = None
depends_on = None

QUESTION = {"sqlite": "is_question IS 1", "postgresql": "is_question IS true"}
WAITING = " AND first_response_at IS NULL AND status NOT IN ('deleted_by_author', 'weeded')"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # A forward alone no longer stops a question's clock (#17): this build's stopped-clock
    # triggers, and every clock counted again, here rather than by the start-up repair.
    from app.models.response_clock import install

    install(op.get_bind())
    if dialect == "sqlite":  # the police reports join the kept counts: triggers added, recounted
        from app.models.stats_counts import create_stats_counts

        create_stats_counts(op.get_bind())
    question = QUESTION.get(dialect, "is_question")
    op.create_index(
        "ix_items_questions",
        "items",
        ["account_id", "created_at", "is_question"],
        unique=False,
        sqlite_where=sa.text(question),
        postgresql_where=sa.text(question),
    )
    op.create_index(
        "ix_items_waiting_questions",
        "items",
        ["account_id", "created_at", "is_question", "status", "first_response_at"],
        unique=False,
        sqlite_where=sa.text(question + WAITING),
        postgresql_where=sa.text(question + WAITING),
    )


def downgrade() -> None:
    op.drop_index("ix_items_waiting_questions", table_name="items")
    op.drop_index("ix_items_questions", table_name="items")
