"""`granska remove|register|notify|keep|retry|audit verify|gallra` and their exit codes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from app.cli import main
from app.models import AuditEvent, Evidence
from app.models.db import open_database
from tests.helpers.platform import fake_registry
from tests.helpers.workflow import make_item


@pytest.fixture
def cli(tmp_path, monkeypatch, platform):
    """Runs `granska` in-process on a fresh database, with the platform double connected."""
    import app.services.accounts.platforms as platforms

    monkeypatch.setattr(platforms, "connector_registry", fake_registry)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    db = open_database(url)

    def run(capsys, *argv: str) -> tuple[int, str, str]:
        code = main(["--db", url, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    run.db = db  # type: ignore[attr-defined]
    yield run
    db.dispose()


def _events(db) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.item_id.is_not(None)))


def test_remove_exits_0_when_removed_and_3_when_pending(cli, capsys, platform):
    online = make_item(cli.db.sessions, "Ni är idioter", api_base=platform.url)
    code, out, _ = cli(capsys, "remove", str(online), "--reason", "personangrepp")
    assert code == 0 and out.startswith("Borttagen och diarieförd.")

    flaky = make_item(cli.db.sessions, "Jävla skämt", api_base=platform.url)
    platform.fail_next("hide", 503, times=2)
    code, out, _ = cli(capsys, "remove", str(flaky), "--reason", "svordomar", "--motivation", "Svordom")
    assert code == 3 and "Beviset och beslutet är sparade" in out and "503" in out
    code, out, _ = cli(capsys, "retry", "--list")
    assert code == 3 and f"post {flaky}: borttagning (pending" in out
    code, out, _ = cli(capsys, "retry", "--now")
    assert code == 3 and "0 steg klara" in out
    code, out, _ = cli(capsys, "retry", "--now")
    assert code == 0 and out.startswith("2 steg klara")

    by_hand = make_item(cli.db.sessions, "Köp nu", account="intranat")
    code, out, _ = cli(capsys, "remove", str(by_hand), "--reason", "reklam")
    assert code == 3 and "Ta bort kommentaren för hand: https://" in out
    code, out, _ = cli(capsys, "remove", str(by_hand), "--confirm")
    assert code == 0 and "Borttagen" in out
    code, out, _ = cli(capsys, "notify", str(by_hand))
    assert code == 0 and "Text att publicera:\nHej! Vi har tagit bort en kommentar" in out
    code, out, _ = cli(capsys, "notify", str(by_hand), "--posted", "--link", "https://intranat/x")
    assert code == 0 and "publicerat" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["remove", "{id}", "--reason", "fult"], "--reason"),
        (["remove", "{id}"], "Ange skälet"),
        (["remove", "{id}", "--reason", "reklam", "--confirm"], "antingen"),
        (["remove", "9999", "--reason", "reklam"], "ingen post med id 9999"),
        (["remove", "abc", "--reason", "reklam"], "post-id"),
        (["remove", "0", "--reason", "reklam"], "inte ett post-id: 0"),
        (["register", "{id}"], "--criterion"),
        (["register", "{id}", "--criterion", "befintligt-arende"], "diarienummer"),
        (["register", "{id}", "--dnr", "KS/2026:1"], "inte diarieförd"),
        (["notify", "{id}", "--template", "okand"], "Okänd mall"),
        (["gallra", "--older-than", "0"], "dagar"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(cli, capsys, argv, message):
    item_id = make_item(cli.db.sessions, "Köp nu")
    code, out, err = cli(capsys, *[a.replace("{id}", str(item_id)) for a in argv])
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and out == ""
    assert _events(cli.db) == 0


def test_register_keep_and_the_registrators_dnr(cli, capsys, monkeypatch):
    item_id = make_item(cli.db.sessions, "Gatlyktan är trasig")
    code, out, _ = cli(
        capsys, "register", str(item_id), "--criterion", "atgard", "--motivation", "Felanmälan"
    )
    assert code == 0 and "Diarieförd: leder till åtgärd" in out
    code, out, _ = cli(capsys, "register", str(item_id), "--dnr", "KS/2026:99")
    assert code == 0 and "KS/2026:99" in out
    other = make_item(cli.db.sessions, "Tack!")
    assert cli(capsys, "keep", str(other))[0] == 0
    monkeypatch.setenv("GRANSKA_USER", "bo")
    code, _, err = cli(capsys, "keep", str(other))
    assert code == 2 and "Redan avgjord av okänd användare (testare)" in err


def test_audit_verify_exits_1_naming_the_first_broken_entry(cli, capsys):
    for text in ("Ni är idioter", "Köp nu", "Jävla skämt"):
        cli(capsys, "remove", str(make_item(cli.db.sessions, text)), "--reason", "personangrepp")
    code, out, _ = cli(capsys, "audit", "verify")
    assert code == 0 and "4 händelser, " in out and "3 beviskopior" in out  # the account's, the 3 removals'
    with cli.db.sessions.begin() as s:
        removals = select(AuditEvent.id).where(AuditEvent.action == "remove").order_by(AuditEvent.id)
        second = s.scalars(removals).all()[1]
        s.execute(update(AuditEvent).where(AuditEvent.id == second).values(actor="mallory"))
        s.execute(update(Evidence).where(Evidence.id == 3).values(payload="{}"))
    code, out, _ = cli(capsys, "audit", "verify")
    assert code == 1
    assert out.startswith(f"Granskningsloggen är bruten: Händelse {second} (remove, ")
    assert "Ytterligare 1 fel" in out and "Bevis 3" in out


def test_gallra_dry_run_and_run(cli, capsys):
    make_item(cli.db.sessions, "Tack")
    code, out, _ = cli(capsys, "gallra", "--dry-run")
    assert code == 0 and out.startswith("0 poster äldre än 180 dagar")
    code, out, _ = cli(capsys, "gallra", "--older-than", "30")
    assert code == 0 and "Gallrade 0 poster äldre än 30 dagar" in out and "loggad" in out


def test_queue_status_tells_an_unpublished_answer_from_a_published_one(cli, capsys):
    import json

    from app.services.context import Actor
    from app.services.moderation.facade import ModerationService

    item_id = make_item(cli.db.sessions, "När öppnar badet?")  # no connector: posted by hand
    ModerationService(cli.db.sessions, actor=Actor("sofia")).answer(item_id, "Hej! I juni.")
    code, out, _err = cli(capsys, "queue", "--status", "answer_pending", "--json")
    assert code == 0 and [i["id"] for i in json.loads(out)] == [item_id]
    assert json.loads(cli(capsys, "queue", "--status", "answered", "--json")[1]) == []
    assert cli(capsys, "notify", str(item_id), "--posted")[0] == 0
    code, out, _err = cli(capsys, "queue", "--status", "answered", "--json")
    assert [i["id"] for i in json.loads(out)] == [item_id]
    # A scheduled reminder or nothing at all: `retry --list` has nothing waiting on a failure.
    assert cli(capsys, "retry", "--list")[0] == 0
