"""`granska whoami`, `admins add --role`, `admins role|deactivate` (#14) and their exit codes."""

from __future__ import annotations

import io
import json

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
        "username": "ensam", "name": "ensam", "roles": [], "accounts": [], "roles_in_use": False,
        "database": "sqlite"}  # fmt: skip
    assert _run(capsys, monkeypatch, url, "ensam", "accounts", "add", "fb", "--platform", "facebook",
                "--name", "Kommunen")[0] == 0  # fmt: skip
    code, out, _ = _run(capsys, monkeypatch, url, "ensam", "admins", "add", "chef", "--name", "Cecilia",
                        "--role", "förvaltningschef")  # fmt: skip
    assert code == 0 and "förvaltningschef" in out
    code, _, err = _run(capsys, monkeypatch, url, "ensam", "admins", "add", "anna", "--name", "Anna")
    assert code == 2 and "Du (ensam) finns inte i administratörsregistret" in err

    for argv in (("admins", "add", "anna", "--name", "Anna", "--role", "administrator"),
                 ("accounts", "assign", "fb", "anna")):  # fmt: skip
        assert _run(capsys, monkeypatch, url, "chef", *argv)[0] == 0
    code, out, _ = _run(capsys, monkeypatch, url, "Anna", "whoami", "--json")
    me = json.loads(out)
    assert (me["roles"], me["accounts"], me["roles_in_use"]) == (["administrator"], ["fb"], True)
    code, out, _ = _run(capsys, monkeypatch, url, "anna", "whoami")
    assert "Roller: administratör" in out and "Konton du arbetar med: fb" in out

    for argv in (("admins", "role", "anna", "forvaltningschef"), ("admins", "deactivate", "chef"),
                 ("accounts", "unassign", "fb", "anna")):  # fmt: skip
        code, out, err = _run(capsys, monkeypatch, url, "anna", *argv)
        assert code == 2 and "Du (anna, administratör) får inte" in err and out == ""
    code, out, _ = _run(capsys, monkeypatch, url, "chef", "admins", "role", "anna", "administrator",
                        "registrator")  # fmt: skip
    assert code == 0 and "administratör, registrator" in out
    code, out, _ = _run(capsys, monkeypatch, url, "chef", "admins", "deactivate", "anna")
    assert code == 0 and "administrerar inte längre fb" in out
    code, out, _ = _run(capsys, monkeypatch, url, "anna", "whoami", "--json")
    assert json.loads(out)["roles"] == [] and json.loads(out)["accounts"] == []


def test_a_password_is_for_the_team_database_only(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("hemligt\n"))
    code, _, err = _run(capsys, monkeypatch, f"sqlite:///{tmp_path / 'one.db'}", "ensam", "admins", "add",
                        "anna", "--name", "Anna", "--password-stdin")  # fmt: skip
    assert code == 2 and "bara en teamdatabas på PostgreSQL" in err
