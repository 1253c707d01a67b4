"""`granska whoami`, `admins add --role`, `admins role|deactivate` (#14) and their exit codes."""

from __future__ import annotations

import io
import json
import os

import pytest

from app.cli import main


def _run(capsys, monkeypatch, url: str, who: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("GRANSKA_USER", who)
    code = main(["--db", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_whoami_roles_and_refusals_on_the_command_line(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'team.db'}"
    code, out, _ = _run(capsys, monkeypatch, url, "ensam", "whoami", "--json")
    assert code == 0 and json.loads(out) == {
        "username": "ensam",
        "name": "ensam",
        "roles": [],
        "accounts": [],
        "roles_in_use": False,
        "database": "sqlite",
    }
    assert (
        _run(
            capsys,
            monkeypatch,
            url,
            "ensam",
            "accounts",
            "add",
            "fb",
            "--platform",
            "facebook",
            "--name",
            "Kommunen",
        )[0]
        == 0
    )
    code, out, _ = _run(
        capsys,
        monkeypatch,
        url,
        "ensam",
        "admins",
        "add",
        "chef",
        "--name",
        "Cecilia",
        "--role",
        "förvaltningschef",
    )
    assert code == 0 and "förvaltningschef" in out
    code, _, err = _run(capsys, monkeypatch, url, "ensam", "admins", "add", "anna", "--name", "Anna")
    assert code == 2 and "Du (ensam) finns inte i administratörsregistret" in err

    for argv in (
        ("admins", "add", "anna", "--name", "Anna", "--role", "administrator"),
        ("accounts", "assign", "fb", "anna"),
    ):
        assert _run(capsys, monkeypatch, url, "chef", *argv)[0] == 0
    code, out, _ = _run(capsys, monkeypatch, url, "Anna", "whoami", "--json")
    me = json.loads(out)
    assert (me["roles"], me["accounts"], me["roles_in_use"]) == (["administrator"], ["fb"], True)
    code, out, _ = _run(capsys, monkeypatch, url, "anna", "whoami")
    assert "Roller: administratör" in out and "Konton du arbetar med: fb" in out

    for argv in (
        ("admins", "role", "anna", "forvaltningschef"),
        ("admins", "deactivate", "chef"),
        ("accounts", "unassign", "fb", "anna"),
    ):
        code, out, err = _run(capsys, monkeypatch, url, "anna", *argv)
        assert code == 2 and "Du (anna, administratör) får inte" in err and out == ""
    code, out, _ = _run(
        capsys, monkeypatch, url, "chef", "admins", "role", "anna", "administrator", "registrator"
    )
    assert code == 0 and "administratör, registrator" in out
    code, out, _ = _run(capsys, monkeypatch, url, "chef", "admins", "deactivate", "anna")
    assert code == 0 and "administrerar inte längre fb" in out
    code, out, _ = _run(capsys, monkeypatch, url, "anna", "whoami", "--json")
    assert json.loads(out)["roles"] == [] and json.loads(out)["accounts"] == []


def test_a_password_is_for_the_team_database_only(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("hemligt\n"))
    code, _, err = _run(
        capsys,
        monkeypatch,
        f"sqlite:///{tmp_path / 'one.db'}",
        "ensam",
        "admins",
        "add",
        "anna",
        "--name",
        "Anna",
        "--password-stdin",
    )
    assert code == 2 and "bara en teamdatabas på PostgreSQL" in err


@pytest.mark.postgres
@pytest.mark.not_on_windows(
    "granska login makes the person's key pair with cryptography, whose compiled part does not "
    "load under Wine (a Windows library it needs is missing); the README's Windows checklist covers it"
)
def test_team_database_admins_add_makes_a_login_and_login_keeps_its_password(pg_db, capsys, monkeypatch):
    from sqlalchemy import text

    from app.models.db import resolve_url
    from app.services.accounts.team_credentials import with_stored_password

    owner = pg_db.engine.url.render_as_string(hide_password=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("chefens-lösen\n"))
    code, out, err = _run(
        capsys,
        monkeypatch,
        owner,
        "vem-som-helst",
        "admins",
        "add",
        "tl_chef",
        "--name",
        "Chef",
        "--role",
        "forvaltningschef",
        "--password-stdin",
    )
    assert code == 0, err
    with pg_db.engine.connect() as con:
        row = con.execute(
            text(
                "SELECT rolcanlogin, rolpassword IS NOT NULL, "
                "pg_has_role('tl_chef', 'granska_forvaltningschef', 'MEMBER') "
                "FROM pg_authid WHERE rolname = 'tl_chef'"
            )
        ).one()
    assert tuple(row) == (True, True, True)

    chef = owner.replace("postgres@", "tl_chef@", 1)
    monkeypatch.setattr("sys.stdin", io.StringIO("chefens-lösen\n"))
    code, out, err = _run(capsys, monkeypatch, chef, "låtsas-någon-annan", "login", "--password-stdin")
    assert code == 0 and "Lösenordet är sparat i din nyckelring" in out and "nyckelpar är skapat" in out, err
    assert with_stored_password(resolve_url(chef)).password == "chefens-lösen"
    code, out, _ = _run(capsys, monkeypatch, chef, "låtsas-någon-annan", "whoami", "--json")
    me = json.loads(out)
    assert (me["username"], me["roles"], me["database"]) == ("tl_chef", ["forvaltningschef"], "postgresql")


def test_the_remaining_duties_are_refused_on_the_command_line_with_exit_2(tmp_path, capsys, monkeypatch):
    """Screenshots, the register's texts, settings and archived evidence, as someone without the
    role: exit 2, one Swedish line, nothing changed; the same commands work for the right role."""
    url = f"sqlite:///{tmp_path / 'team.db'}"
    for argv in (
        ("accounts", "add", "fb", "--platform", "facebook", "--name", "Kommunen"),
        ("admins", "add", "chef", "--name", "Cecilia", "--role", "förvaltningschef"),
    ):
        assert _run(capsys, monkeypatch, url, "ensam", *argv)[0] == 0
    for argv in (
        ("admins", "add", "rut", "--name", "Rut", "--role", "registrator"),
        ("admins", "add", "kim", "--name", "Kim", "--role", "kommunikationschef"),
    ):
        assert _run(capsys, monkeypatch, url, "chef", *argv)[0] == 0
    for who, argv, message in (
        (
            "rut",
            ("screenshots", "interval", "fb", "30"),
            "får inte ta, arkivera eller skicka skärmdumpar av kontot fb",
        ),
        ("kim", ("accounts", "edit", "fb", "--purpose", "Kapad"), "får inte ändra kontoregistrets texter"),
        (
            "rut",
            ("mail", "set", "--host", "smtp.evil.example", "--sender", "x@evil.example"),
            "får inte ändra Granskas gemensamma inställningar",
        ),
    ):
        code, out, err = _run(capsys, monkeypatch, url, who, *argv)
        assert (code, out) == (2, "") and message in err and "Traceback" not in err
    code, out, _ = _run(capsys, monkeypatch, url, "chef", "accounts", "show", "fb", "--json")
    shown = json.loads(out)
    assert shown["purpose"].startswith("Vårda relationen")
    code, out, _ = _run(capsys, monkeypatch, url, "kim", "screenshots", "due", "--json")
    assert json.loads(out)[0]["interval_days"] == 365
    assert _run(capsys, monkeypatch, url, "kim", "screenshots", "interval", "fb", "30")[0] == 0
    assert _run(capsys, monkeypatch, url, "chef", "accounts", "edit", "fb", "--purpose", "Info")[0] == 0
    assert _run(capsys, monkeypatch, url, "kim", "audit", "verify")[0] == 0


@pytest.mark.postgres
@pytest.mark.not_on_windows("the team database's tests run against the PostgreSQL that scripts/test starts")
def test_admins_add_sends_only_a_scram_verifier_never_the_password(pg_db, capsys, monkeypatch):
    """With every statement logged (log_statement=all), the server's log holds the SCRAM
    verifier libpq computed here, never the password; and the password opens the login."""
    from pathlib import Path

    import psycopg
    from sqlalchemy import text

    from tests.helpers.databases import password_required

    password = "Långt-hemligt-lösen-93"
    owner = pg_db.engine.url.render_as_string(hide_password=False)
    with pg_db.engine.connect() as con:
        log = Path(con.execute(text("SHOW data_directory")).scalar()) / "server.log"
        con.execute(text(f"ALTER DATABASE \"{pg_db.engine.url.database}\" SET log_statement = 'all'"))
        con.commit()
    before = log.stat().st_size
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code, _, err = _run(
        capsys, monkeypatch, owner, "x", "admins", "add", "tl_pw", "--name", "Per", "--password-stdin"
    )
    assert code == 0, err
    with log.open("rb") as f:
        f.seek(before)
        logged = f.read().decode("utf-8", "replace")
    assert "granska_create_login" in logged  # the statement was logged...
    assert password not in logged and password[3:15] not in logged  # ...without the password
    assert "SCRAM-SHA-256$4096:" in logged
    with pg_db.engine.connect() as con:
        stored = con.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = 'tl_pw'")).scalar()
    assert stored.startswith("SCRAM-SHA-256$")
    person = pg_db.engine.url.set(drivername="postgresql", username="tl_pw")
    with password_required(pg_db.engine, "tl_pw"):
        with psycopg.connect(person.set(password=password).render_as_string(hide_password=False)) as con:
            assert con.execute("SELECT session_user").fetchone() == ("tl_pw",)
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(person.set(password="fel").render_as_string(hide_password=False)).close()


@pytest.mark.postgres
@pytest.mark.not_on_windows("the team database's tests run against the PostgreSQL that scripts/test starts")
def test_a_kerberos_url_is_passed_to_libpq_as_it_is(pg_db, capsys, monkeypatch):
    """What can be tried here without an Active Directory: the URL's gssencmode and krbsrvname
    reach libpq unchanged (no password is asked for or stored), and demanding GSSAPI without a
    Kerberos ticket is the environment's fault: one line naming GSSAPI, exit 1, no traceback.
    psycopg's binary wheel bundles a libpq built without GSSAPI; with PSYCOPG_IMPL=python the
    system's libpq (Debian's has GSSAPI) is used and really asks Kerberos for a ticket."""
    import subprocess
    import sys
    from pathlib import Path

    from app.services.accounts.team_credentials import open_as_me

    owner = pg_db.engine.url.render_as_string(hide_password=False)
    kerberos = owner + "?gssencmode=disable&krbsrvname=granska_krb"
    code, out, err = _run(capsys, monkeypatch, kerberos, "x", "whoami", "--json")
    assert code == 0 and json.loads(out)["database"] == "postgresql", err
    db = open_as_me(kerberos)
    try:
        with db.engine.connect() as con:
            dsn = con.connection.dbapi_connection.info.dsn
        assert "krbsrvname=granska_krb" in dsn and "password" not in dsn
    finally:
        db.dispose()
    required = owner + "?gssencmode=require&krbsrvname=postgres"
    code, out, err = _run(capsys, monkeypatch, required, "x", "whoami")
    assert code == 1 and out == "" and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "GSSAPI" in err, err

    script = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PSYCOPG_IMPL": "python", "KRB5CCNAME": "FILE:/nonexistent/granska-krb5cc"}
    root = Path(__file__).parents[2]
    for url, expected in ((kerberos, 0), (required, 1)):
        done = subprocess.run(
            [sys.executable, "-c", script, "--db", url, "whoami"],
            capture_output=True, text=True, timeout=60, env=env, cwd=root,
        )  # fmt: skip
        assert done.returncode == expected, done.stderr
    assert "GSSAPI" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "not compiled in" not in done.stderr  # the system libpq tried Kerberos for real


def test_queue_lists_my_accounts_and_only_the_kommunikationschef_reads_the_others(
    tmp_path, capsys, monkeypatch
):
    """As in the window: `queue` shows the accounts I administer; another account's queue is the
    kommunikationschef's to read; the registrator and an administrator are refused it (exit 2)."""
    url = f"sqlite:///{tmp_path / 'team.db'}"
    assert _run(capsys, monkeypatch, url, "ensam", "demo", "--items", "60")[0] == 0
    code, out, _ = _run(capsys, monkeypatch, url, "ensam", "queue", "--json", "--limit", "1000")
    every = {row["account"] for row in json.loads(out)}
    mine, other = sorted(every)[:2]
    chef = ("admins", "add", "chef", "--name", "C", "--role", "förvaltningschef")
    assert _run(capsys, monkeypatch, url, "ensam", *chef)[0] == 0
    for argv in (
        ("admins", "add", "anna", "--name", "Anna", "--role", "administrator"),
        ("admins", "add", "rut", "--name", "Rut", "--role", "registrator"),
        ("admins", "add", "kim", "--name", "Kim", "--role", "kommunikationschef"),
        ("accounts", "assign", mine, "anna"),
    ):
        assert _run(capsys, monkeypatch, url, "chef", *argv)[0] == 0

    def listed(who: str, *extra: str) -> tuple[int, set[str], str]:
        code, out, err = _run(capsys, monkeypatch, url, who, "queue", "--json", "--limit", "1000", *extra)
        return code, ({row["account"] for row in json.loads(out)} if code == 0 else set()), err

    assert listed("anna")[:2] == (0, {mine})
    assert listed("anna", "--account", mine)[:2] == (0, {mine})
    for who, extra in (
        ("anna", ("--account", other)),
        ("anna", ("--all-accounts",)),
        ("rut", ("--all-accounts",)),
    ):
        code, keys, err = listed(who, *extra)
        assert code == 2 and "får inte läsa poster" in err and "Traceback" not in err
    assert listed("rut")[:2] == (0, set())
    assert listed("kim", "--all-accounts")[:2] == (0, every)
    assert listed("kim", "--account", other)[:2] == (0, {other})
    assert _run(capsys, monkeypatch, url, "kim", "audit", "verify")[0] == 0
