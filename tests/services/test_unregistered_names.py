"""A login the administrators' register does not know is shown readably, never as the bare
login: the OS account's full name where the machine has one, else «okänd användare (root)» —
in an item's history, the audit log, the archive and the command line alike."""

from __future__ import annotations

import pytest

from app.cli import main
from app.services.accounts.administrators import AdministratorRegister
from app.services.accounts.identity import display_names, unregistered_name
from app.services.records.archive import ArchiveService
from app.services.records.audit import AuditFilter, AuditService
from tests.helpers.workflow import ensure_account, make_item, service

UNKNOWN_ROOT = "okänd användare (root)"


def test_an_unregistered_login_reads_as_unknown_user_everywhere(sqlite_db, capsys, monkeypatch):
    monkeypatch.setenv("GRANSKA_USER", "root")
    ensure_account(sqlite_db.sessions, "fb")
    item = make_item(sqlite_db.sessions, account="fb")
    service(sqlite_db, user="root").remove(item, "personangrepp", "-")
    history = service(sqlite_db, user="root").history(item)
    assert history and {h.who for h in history} == {UNKNOWN_ROOT}
    events = AuditService(sqlite_db.sessions).search(AuditFilter())
    assert {e.actor_name for e in events if e.actor == "root"} == {UNKNOWN_ROOT}
    assert AuditService(sqlite_db.sessions).facets().actor_names["root"] == UNKNOWN_ROOT
    record = ArchiveService(sqlite_db.sessions).detail(item)
    assert record is not None and {h.who for h in record.history} == {UNKNOWN_ROOT}
    # The command line says the same.
    url = str(sqlite_db.engine.url)
    assert main(["--db", url, "archive", "show", str(item)]) == 0
    out = capsys.readouterr().out
    assert f"{UNKNOWN_ROOT}:" in out and " root:" not in out
    assert main(["--db", url, "whoami"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == UNKNOWN_ROOT


def test_a_registered_name_wins_in_any_letter_case(sqlite_db):
    AdministratorRegister(sqlite_db.sessions).add("anna", "Anna Ek")
    with sqlite_db.sessions() as session:
        names = display_names(session, {"ANNA", "root", "mallory-x"})
    assert names == {"ANNA": "Anna Ek", "root": UNKNOWN_ROOT, "mallory-x": "okänd användare (mallory-x)"}


@pytest.mark.not_on_windows("the OS user database (pwd, the full name in GECOS) is Unix's")
def test_the_os_full_name_is_used_when_the_machine_knows_one():
    import pwd

    named = next(
        (p for p in pwd.getpwall() if p.pw_gecos.split(",")[0].strip().casefold() not in ("", p.pw_name)),
        None,
    )
    assert named is not None, "this machine's user database has an account with a full name"
    full = named.pw_gecos.split(",")[0].strip()
    assert unregistered_name(named.pw_name) == f"{full} ({named.pw_name})"
