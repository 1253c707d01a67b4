"""The command line with the team database away: reading commands answer from the local copy
with a warning line, deciding commands save locally and exit 3, `granska offline status|sync`;
the server comes back and the next command hands the decisions over."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.models import Decision, OfflineDecision
from app.models.db import open_database
from app.services.records.audit import AuditService
from tests.helpers.moderation import add_item, ensure_account
from tests.helpers.private_postgres import PrivatePostgres

pytestmark = pytest.mark.not_on_windows(
    "the private PostgreSQL server these tests stop and start runs on Linux (scripts/test)"
)

NOW = datetime.now(UTC).replace(microsecond=0)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_command_line_offline_and_back(
    private_postgres: PrivatePostgres, capsys: pytest.CaptureFixture[str]
) -> None:
    team = open_database(private_postgres.url)
    ensure_account(team.sessions, "intra", "intranet")
    ids = [
        add_item(
            team.sessions, f"Fråga {n} om snöröjningen", account="intra", external_id=f"i{n}", created_at=NOW
        )
        for n in range(3)
    ]
    team.dispose()
    db = ("--db", private_postgres.url)

    code, out, err = run(capsys, *db, "offline", "status")
    assert code == 0 and "Ingen lokal kopia ännu" in out
    code, out, err = run(capsys, *db, "offline", "sync")
    assert code == 0 and "Lokal kopia uppdaterad (3 poster" in out

    private_postgres.stop()
    code, out, err = run(capsys, *db, "queue", "--json")
    assert code == 0
    assert sorted(i["id"] for i in json.loads(out)) == ids
    assert "Offline – teamdatabasen nås inte; svaret kommer från den lokala kopian från" in err
    assert "psycopg" not in err and "connection" not in err.lower()

    code, out, err = run(capsys, *db, "keep", str(ids[0]))
    assert code == 3 and "Sparat lokalt, skickas när databasen nås." in out
    code, out, err = run(capsys, *db, "remove", str(ids[1]), "--reason", "svordomar")
    assert code == 3 and "Sparat lokalt" in out
    code, out, err = run(capsys, *db, "queue", "--json", "--status", "new")
    assert [i["id"] for i in json.loads(out)] == [ids[2]]  # the copy shows what was decided offline

    # What cannot be done offline says so, in Swedish, and changes nothing.
    code, out, err = run(capsys, *db, "import", "nonexistent.jsonl")
    assert code == 2
    code, out, err = run(capsys, *db, "gallra", "--dry-run")
    assert code == 1 and "Teamdatabasen" in err and "nås inte" in err

    code, out, err = run(capsys, *db, "offline", "status")
    assert code == 3 and "Beslut som väntar på att skickas: 2" in out

    private_postgres.start()
    code, out, err = run(capsys, *db, "offline", "sync")
    assert code == 0, err
    assert "2 beslut sparade offline är nu skickade till teamdatabasen, 0 i konflikt" in err
    code, out, err = run(capsys, *db, "offline", "status")
    assert code == 0 and "Beslut som väntar på att skickas: 0" in out

    team = open_database(private_postgres.url)
    with team.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == 2
        assert session.scalar(select(func.count()).select_from(OfflineDecision)) == 2
    assert AuditService(team.sessions).verify().problems == ()
    team.dispose()
    code, out, err = run(capsys, *db, "audit", "verify")
    assert code == 0, err
