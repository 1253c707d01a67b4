"""`granska demo --decided F`: a share of the demo decided through the real decision path."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.core.errors import InputError
from app.models import AuditEvent, Decision, Evidence, Item, ItemStatus, Registration
from app.services.intake.demo import load_demo
from app.services.moderation.demo_decisions import decide_demo_share
from app.services.records.archive import ArchiveFilter, ArchiveService
from app.services.records.audit import AuditService


def test_a_share_is_decided_with_evidence_registration_and_log(database):
    load_demo(database.sessions, 300)
    done = decide_demo_share(database.sessions, 0.5, batch=40)
    assert done.removed + done.registered == 150
    assert done.removed > 0 and done.registered > 0
    with database.sessions() as session:
        open_left = session.scalar(
            select(func.count()).where(Item.status.in_((ItemStatus.NEW, ItemStatus.FLAGGED)))
        )
        # The municipality's own posts are context, never decided.
        own_posts = session.scalar(select(func.count()).where(Item.status == ItemStatus.CONTEXT))
        copies = session.scalar(select(func.count()).select_from(Evidence))
        removals = session.scalar(select(func.count()).where(Decision.action == "remove"))
        registrations = session.scalar(select(func.count()).select_from(Registration))
        deciders = set(session.scalars(select(Decision.decided_by).distinct()))
        events = session.scalar(select(func.count()).where(AuditEvent.action.in_(("remove", "register"))))
    # Every decided item has its saved copy, a registration and its audit event, as in the window.
    assert (
        open_left + own_posts == 150
        and own_posts > 0
        and copies == 150
        and registrations == 150
        and events == 150
    )
    assert removals == done.removed
    if database.engine.dialect.name == "sqlite":
        assert deciders <= {"sofia", "erik", "amina"}
    else:  # the team database: the login role acts, whoever the demo names
        assert len(deciders) == 1
    assert len(ArchiveService(database.sessions).search(ArchiveFilter(), limit=500)) == 150
    report = AuditService(database.sessions).verify([])
    assert report.intact, report.problems


def test_deciding_again_decides_among_the_rest_and_refuses_a_bad_share(sqlite_db):
    load_demo(sqlite_db.sessions, 100)
    decide_demo_share(sqlite_db.sessions, 0.2)
    decide_demo_share(sqlite_db.sessions, 0.2)
    with sqlite_db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Evidence)) == 40
    with pytest.raises(InputError):
        decide_demo_share(sqlite_db.sessions, 1.5)
    assert AuditService(sqlite_db.sessions).verify([]).intact


def test_command_line_demo_decided(capsys, tmp_path):
    db = ["--db", f"sqlite:///{tmp_path / 'demo.db'}"]
    assert main([*db, "demo", "--items", "200", "--decided", "0.25"]) == 0
    out = capsys.readouterr().out
    assert "Avgjorda:" in out and "borttagna" in out and "diarieförda" in out
    assert main([*db, "audit", "verify"]) == 0
    assert main([*db, "demo", "--items", "10", "--decided", "2"]) == 2
    assert "mellan 0 och 1" in capsys.readouterr().err
