"""The municipality's own posts are the comments' context, not work: no queue tab shows or
counts them, and the kept tab counts stay exact (SQLite's trigger-kept table, PostgreSQL's
planner) after own posts and comments arrive together."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import Item
from app.services.accounts.accounts import AccountService
from app.services.intake.importer import ImportService
from app.services.queue.listing import QUEUES, QueueFilter, QueueService
from tests.helpers.items import record, write_jsonl

PAGE = "page-1"


def _ingest(database, tmp_path) -> None:
    AccountService(database.sessions).add_account("fb", "facebook", "Vadstena kommun", external_id=PAGE)
    own = {"parent_external_id": None, "author_name": "Vadstena kommun"}
    records = [
        # The municipality asks, and its own text trips the word list: still not work.
        record(
            "p1", post_external_id="p1", author_id=PAGE, text="Vad tycker ni om jävla bra simhallen?", **own
        ),
        record("p2", post_external_id="p2", author_id=None, text="Nu öppnar biblioteket. Frågor?", **own),
        # A visitor's post on the page's feed is someone else's words: work as usual.
        record("p3", parent_external_id=None, post_external_id="p3", author_id="u9", text="Hej kommunen"),
        record("c1", post_external_id="p1", parent_external_id="p1", text="När öppnar simhallen?"),
        record("c2", post_external_id="p1", parent_external_id="p1", text="Jävla skämt"),
        record("c3", post_external_id="p2", parent_external_id="p2", text="Tack!"),
    ]
    ImportService(database.sessions).import_file(write_jsonl(tmp_path / "in.jsonl", records))


def _fresh_counts(database) -> dict[str, int]:
    """Each tab counted from the items themselves."""
    counts = {}
    with database.sessions() as session:
        for q in QUEUES:
            stmt = select(func.count()).select_from(Item).where(Item.status.in_(q.statuses))
            if q.questions_only:
                stmt = stmt.where(Item.is_question.is_(True))
            counts[q.name] = session.scalar(stmt)
    return counts


def test_own_posts_are_in_no_tab_and_the_kept_counts_stay_exact(database, tmp_path):
    _ingest(database, tmp_path)
    queue = QueueService(database.sessions)
    shown = {q.name: {s.external_id for s in queue.page(q.narrow(QueueFilter()))} for q in QUEUES}
    assert not any({"p1", "p2"} & ids for ids in shown.values()), shown
    assert shown["new"] == {"p3", "c1", "c3"} and shown["flagged"] == {"c2"}
    assert shown["questions"] == {"c1"}
    counts = queue.queue_counts(QueueFilter())
    assert (
        counts
        == _fresh_counts(database)
        == {"new": 3, "flagged": 1, "questions": 1, "pending": 0, "decided": 0}
    )
    # Searching for the own post's words finds it in no tab either.
    assert queue.queue_counts(QueueFilter(search="biblioteket"))["new"] == 0
    # Still the comments' context: the comment's detail shows its post.
    c1 = next(s for s in queue.page(QueueFilter(search="simhallen")) if s.external_id == "c1")
    detail = queue.detail(c1.id)
    assert detail is not None and detail.parent is not None and detail.parent.external_id == "p1"


def test_an_edited_own_post_stays_context(database, tmp_path):
    _ingest(database, tmp_path)
    edited = record(
        "p2", parent_external_id=None, post_external_id="p2", author_id=None, text="Har ni frågor? Jävla kul",
        edited_at="2026-05-02T08:00:00+02:00",
    )  # fmt: skip
    ImportService(database.sessions).import_file(write_jsonl(tmp_path / "edit.jsonl", [edited]))
    counts = QueueService(database.sessions).queue_counts(QueueFilter())
    assert counts == _fresh_counts(database) and counts["flagged"] == 1 and counts["questions"] == 1


def test_a_decision_on_an_own_post_is_refused_in_words(database, tmp_path):
    import pytest

    from app.core.errors import InputError
    from app.services.moderation.facade import ModerationService

    _ingest(database, tmp_path)
    with database.sessions() as session:
        p1 = session.scalar(select(Item.id).where(Item.external_id == "p1"))
    service = ModerationService(database.sessions)
    with pytest.raises(InputError, match="kommunens eget inlägg"):
        service.keep(p1)


def test_the_migration_moves_waiting_own_posts_out_of_nya(database, tmp_path):
    """A database from before: own posts waiting in Nya become context, counts still exact."""
    from alembic import command

    from app.models.db import alembic_config

    _ingest(database, tmp_path)
    with database.engine.begin() as con:
        command.downgrade(alembic_config(con), "0009_accounts_rls")
    queue = QueueService(database.sessions)
    assert queue.queue_counts(QueueFilter())["new"] == 4  # as it was: the own post in Nya
    with database.engine.begin() as con:
        command.upgrade(alembic_config(con), "head")
    counts = queue.queue_counts(QueueFilter())
    assert counts == _fresh_counts(database) and counts["new"] == 3 and counts["flagged"] == 1


def test_a_bare_line_without_a_thread_is_someones_words_and_stays_work(database, tmp_path):
    """An import line that names no thread and is not called a post (a hand-made file, an
    export from elsewhere) may be anyone's words: it stays in Nya and can be decided on."""
    AccountService(database.sessions).add_account("intra", "intranet", "Intranät")
    bare = {
        "account": "intra",
        "external_id": "x1",
        "text": "Dumma troll hela bunten",
        "created_at": "2026-05-01T12:00:00+02:00",
        "author_name": "Anna Andersson",
    }
    ImportService(database.sessions).import_file(write_jsonl(tmp_path / "bare.jsonl", [bare]))
    queue = QueueService(database.sessions)
    shown = {s.external_id for q in QUEUES for s in queue.page(q.narrow(QueueFilter()))}
    assert "x1" in shown
    assert queue.queue_counts(QueueFilter()) == _fresh_counts(database)
