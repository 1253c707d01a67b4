"""audit seals: the content hash of every record an audit event wrote, covered by the chain

Revision ID: 0004_audit
Revises: 0003_search_keys

The existing chain is kept as it is and extended by one event, "audit_sealed", whose seals are
the records already in the database (evidence, decisions, registrations, notices, escalations,
recusals, screenshots, accounts, administrators and their assignments, and the status of every
item an event names). One summarising event rather than one per record: the log stays
readable, and its hash still covers every seal, in order.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_audit"
down_revision = "0003_search_keys"
branch_labels = None
depends_on = None

ACTOR = "granska (uppgradering)"


def upgrade() -> None:
    op.create_table(
        "audit_seals",
        sa.Column("event_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "seq", name=op.f("pk_audit_seals")),
    )
    with op.batch_alter_table("audit_seals", schema=None) as batch_op:
        batch_op.create_index("ix_audit_seals_record", ["kind", "record_id", "event_id"], unique=False)
    seal_existing_records(op.get_bind())


def seal_existing_records(con: sa.Connection) -> None:
    # The app's own sealing, so that verify computes what was sealed here. Columns a later
    # migration adds are left out (absent values are not part of a record's content).
    from app.models.seals import HEAD_ID, KINDS, SealHasher, digest, event_hash, raw_columns

    events = sa.table(
        "audit_events", sa.column("id", sa.Integer), sa.column("at"), sa.column("actor"),
        sa.column("action"), sa.column("item_id"), sa.column("account_id"), sa.column("details", sa.JSON),
        sa.column("prev_hash"), sa.column("hash"),
    )  # fmt: skip
    head_t = sa.table("audit_head", sa.column("id"), sa.column("last_hash"), sa.column("count"))
    seals_t = sa.table(
        "audit_seals",
        sa.column("event_id"),
        sa.column("seq"),
        sa.column("kind"),
        sa.column("record_id"),
        sa.column("sha256"),
    )
    head = con.execute(
        sa.select(head_t.c.last_hash, head_t.c.count).where(head_t.c.id == HEAD_ID).with_for_update()
    ).first()
    if head is None:
        return
    existing = sa.inspect(con)
    specs = []
    for spec in KINDS.values():
        present = {c["name"] for c in existing.get_columns(spec.table.name)}
        specs.append(replace(spec, columns=tuple(c for c in spec.columns if c in present)))
    counted = {
        spec.kind: con.scalar(sa.select(sa.func.count()).select_from(spec.table)) or 0 for spec in specs
    }
    if head[1] == 0 and not any(counted.values()):
        return  # a new, empty database: nothing to seal, nothing to log
    now = datetime.now(UTC)
    kinds: dict[str, int] = {}
    details: dict[str, Any] = {"migration": revision, "kinds": kinds}
    event_id = con.execute(
        sa.insert(events)
        .values(
            at=_driver_time(con, now),
            actor=ACTOR,
            action="audit_sealed",
            item_id=None,
            account_id=None,
            details=None,
            prev_hash=head.last_hash,
            hash="",
        )
        .returning(events.c.id)
    ).scalar_one()
    hasher = SealHasher()
    batch: list[dict[str, object]] = []
    for spec in specs:
        stmt = sa.select(*raw_columns(spec)).order_by(spec.table.c.id)
        if not spec.required:  # items: those an event names
            named = sa.select(events.c.item_id).where(events.c.item_id.is_not(None))
            stmt = stmt.where(spec.table.c.id.in_(named))
        n = 0
        for row in con.execute(stmt):
            sha = digest(spec, row)
            batch.append(
                {
                    "event_id": event_id,
                    "seq": hasher.count,
                    "kind": spec.kind,
                    "record_id": row.id,
                    "sha256": sha,
                }
            )
            hasher.add(spec.kind, row.id, sha)
            n += 1
            if len(batch) >= 1000:
                con.execute(sa.insert(seals_t), batch)
                batch = []
        if n:
            kinds[spec.kind] = n
    if batch:
        con.execute(sa.insert(seals_t), batch)
    details["count"] = hasher.count
    digest_of_event = event_hash(
        head.last_hash, now, ACTOR, "audit_sealed", None, None, details, hasher.hexdigest()
    )
    con.execute(
        sa.update(events).where(events.c.id == event_id).values(details=details, hash=digest_of_event)
    )
    con.execute(
        sa.update(head_t).where(head_t.c.id == HEAD_ID).values(last_hash=digest_of_event, count=head[1] + 1)
    )


def _driver_time(con: sa.Connection, moment: datetime) -> object:
    from app.models.base import to_driver_datetime

    return to_driver_datetime(moment, con.dialect.name)


def downgrade() -> None:
    # The "audit_sealed" event stays: deleting it would re-write the log. An older Granska's
    # verify will report that one event as changed (its hash covers the seals dropped here).
    with op.batch_alter_table("audit_seals", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_seals_record")
    op.drop_table("audit_seals")
