"""The quick queue read (app/services/queue/quick.py): the same items as the whole way, from the
queue's own statements compiled beforehand, and the whole way whenever it cannot be sure."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import union

from app.cli import main
from app.models.db import open_database
from app.services.queue import quick_compile, quick_sql, quick_sql_unions
from app.services.queue.listing import QueueService
from app.services.queue.quick import quick_page, unpack
from app.services.queue.quick_compile import statements
from app.services.queue.shapes import QueueFilter


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("quick") / "demo.db"
    assert main(["--db", f"sqlite:///{path}", "demo", "--items", "300", "--decided", "0.4"]) == 0
    return path


def _url(path) -> str:
    return f"sqlite:///{path}"


def _as_compiled(name: str, value):
    """quick_sql's value as statements() gives it (the unions are packed, JSON has no tuples)."""
    if name == "PAGE_UNIONS":
        value = {key: unpack(packed) for key, packed in value.items()}
    return json.loads(json.dumps(value))


def test_the_compiled_statements_are_what_the_queue_compiles_to_today():
    """After a change to the queue's queries: python -m app.services.queue.quick_compile."""
    for name, value in statements().items():
        written = getattr(quick_sql_unions if name == "PAGE_UNIONS" else quick_sql, name)
        assert _as_compiled(name, written) == json.loads(json.dumps(value)), name


def test_a_change_to_the_queues_queries_makes_the_compiled_file_stale(monkeypatch):
    """The search's probe, a union of several statuses, who the login is: each compiled from the
    queue's own statement, so changing that statement is caught (here: the probe's cap, the
    order of a several-status page, the login's comparison)."""
    from app.services.accounts import roles_used
    from app.services.queue import paging

    monkeypatch.setattr(paging, "SEARCH_PROBE", 500)
    monkeypatch.setattr(quick_compile, "SEARCH_PROBE", 500)
    changed = statements()
    assert _as_compiled("SEARCH_PROBE", quick_sql.SEARCH_PROBE) != json.loads(
        json.dumps(changed["SEARCH_PROBE"])
    )
    monkeypatch.setattr(paging, "union_all", union)  # UNION instead of UNION ALL
    unions = statements()["PAGE_UNIONS"]
    assert all(
        _as_compiled("PAGE_UNIONS", {k: v})[k] != json.loads(json.dumps(unions[k]))
        for k, v in quick_sql_unions.PAGE_UNIONS.items()
    )
    monkeypatch.setattr(roles_used, "casefold", lambda x: x)
    login = statements()["ADMINISTRATOR_BY_LOGIN"]
    assert _as_compiled("", quick_sql.ADMINISTRATOR_BY_LOGIN) != json.loads(json.dumps(login))


@pytest.mark.parametrize(
    "qfilter",
    [
        QueueFilter(),
        QueueFilter(statuses=("flagged",)),
        QueueFilter(statuses=("removed",)),
        QueueFilter(platforms=("facebook", "instagram")),
        QueueFilter(statuses=("new",), platforms=("x",)),
        QueueFilter(statuses=("weeded",)),
        QueueFilter(search="simhallen"),
        QueueFilter(statuses=("new", "flagged"), search="hej"),
        QueueFilter(statuses=("new", "flagged", "removed")),
        QueueFilter(account_keys=("facebook",)),
    ],
)
def test_the_quick_read_lists_what_the_whole_way_lists(demo_file, qfilter):
    db = open_database(_url(demo_file))
    try:
        whole = QueueService(db.sessions).page(qfilter, limit=40)
    finally:
        db.dispose()
    quick = quick_page(_url(demo_file), qfilter, 40)
    assert quick is not None
    items, messages = quick
    assert items == whole and messages == []
    assert all(i.created_at.tzinfo is not None for i in items)


def test_what_it_cannot_answer_goes_the_whole_way(demo_file):
    for qfilter in (
        QueueFilter(account_keys=("facebook", "nosuchaccount")),  # the whole way names it
        QueueFilter(statuses=("new",) * (quick_sql.MOST_STATUSES + 1)),
        QueueFilter(reasons=("hat",)),
        QueueFilter(newest_first=True),
    ):
        assert quick_page(_url(demo_file), qfilter, 10) is None
    assert quick_page("postgresql://nobody@127.0.0.1:1/x", QueueFilter(), 10) is None


def test_a_file_that_is_new_or_of_another_schema_is_left_to_the_whole_way(tmp_path, demo_file):
    assert quick_page(_url(tmp_path / "new.db"), QueueFilter(), 10) is None
    assert not (tmp_path / "new.db").exists()  # nothing created on the way
    old = tmp_path / "old.db"
    old.write_bytes(demo_file.read_bytes())
    with sqlite3.connect(old) as con:
        con.execute("UPDATE alembic_version SET version_num = '0008_older'")
    con.close()
    assert quick_page(_url(old), QueueFilter(), 10) is None


def test_with_roles_it_cannot_read_the_whole_way_says_so(tmp_path, demo_file, monkeypatch):
    team = tmp_path / "roles.db"
    team.write_bytes(demo_file.read_bytes())
    con = sqlite3.connect(team)
    with con:
        con.execute("UPDATE administrators SET roles = 'moderator' WHERE username = 'sofia'")
    con.close()
    monkeypatch.setenv("GRANSKA_USER", "sofia")
    assert quick_page(_url(team), QueueFilter(), 10) is None


def test_a_search_index_out_of_step_is_repaired_and_said(tmp_path, demo_file, capsys):
    broken = tmp_path / "trigger.db"
    broken.write_bytes(demo_file.read_bytes())
    con = sqlite3.connect(broken)
    con.execute("DROP TRIGGER items_fts_ai")
    con.close()
    quick = quick_page(_url(broken), QueueFilter(), 5)
    assert quick is not None
    items, messages = quick
    assert len(items) == 5
    assert any("utlösare saknades (items_fts_ai)" in m for m in messages)
    con = sqlite3.connect(broken)
    assert con.execute("SELECT 1 FROM sqlite_master WHERE name = 'items_fts_ai'").fetchone()
    con.close()
    assert main(["--db", _url(broken), "audit", "verify"]) == 0
