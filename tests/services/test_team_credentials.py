"""Platform tokens kept centrally in the team database (#14): set by one administrator, opened
by a second assigned one (each with their own keyring, in their own D-Bus session and home),
not by an unassigned one nor after unassigning; pg_dump holds no token and no private key."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.models.db import open_database
from app.services.accounts.accounts import AccountService
from app.services.accounts.administrators import AdministratorRegister
from app.services.accounts.register import AccountRegister
from tests.helpers.workflow import ensure_account

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.not_on_windows(
        "each person runs in a dbus-run-session of their own with gnome-keyring (Linux only), and "
        "cryptography's compiled part does not load under Wine (a Windows library it needs is missing)"
    ),
]
TOKEN = "EAAB-team-token-7f3a9c"


def _person(tmp_path: Path, url: str, who: str, *argv: str, stdin: str = "") -> str:
    home = tmp_path / who
    for sub in ("", ".local/share", ".config", ".cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "XDG_", "GRANSKA_KEYRING"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    person_url = url.replace("postgres@", f"{who}@", 1)
    script = (
        'echo -n "$0" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && '
        'exec "$1" -m tests.helpers.team_person "$2" "$3" "$4"'
    )
    args = [f"pw-{who}", sys.executable, person_url, *argv, *([""] * (2 - len(argv)))]
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_token_set_by_one_administrator_opens_for_assigned_colleagues_only(pg_db, tmp_path):
    if shutil.which("dbus-run-session") is None:
        pytest.fail("dbus-run-session is missing (scripts/test installs dbus)")
    url = pg_db.engine.url.render_as_string(hide_password=False)
    ensure_account(pg_db.sessions, "fb")
    AdministratorRegister(pg_db.sessions).add("tc_chef", "Chef", roles=("forvaltningschef",))
    chef = open_database(url.replace("postgres@", "tc_chef@", 1))
    try:
        for who in ("tc_anna", "tc_bo", "tc_carl"):
            AdministratorRegister(chef.sessions).add(who, who, roles=("administrator",))
        AccountService(chef.sessions).assign("fb", "tc_anna")
        digest = hashlib.sha256(TOKEN.encode()).hexdigest()

        assert _person(tmp_path, url, "tc_anna", "login").startswith("created=True")
        assert _person(tmp_path, url, "tc_anna", "set", "fb", stdin=TOKEN) == "saved"
        assert _person(tmp_path, url, "tc_anna", "get", "fb") == digest
        assert _person(tmp_path, url, "tc_anna", "registry", "fb") == digest  # what a removal uses

        AccountService(chef.sessions).assign("fb", "tc_bo")
        assert _person(tmp_path, url, "tc_bo", "login") == "created=True shared=0"
        assert _person(tmp_path, url, "tc_bo", "get", "fb") == "none"  # not sealed for him yet
        warning = AccountRegister(pg_db.sessions).entry("fb").administrator_warning
        assert warning and "Bara 1 person(er) kan öppna inloggningsuppgifterna" in warning
        assert "(tc_anna)" in warning
        assert _person(tmp_path, url, "tc_anna", "login") == "created=False shared=1"  # she seals it
        assert _person(tmp_path, url, "tc_bo", "get", "fb") == digest
        entry = AccountRegister(pg_db.sessions).entry("fb")
        assert entry.key_holders == ("tc_anna", "tc_bo") and entry.administrator_warning is None

        _person(tmp_path, url, "tc_carl", "login")
        assert _person(tmp_path, url, "tc_carl", "get", "fb") == "none"  # not assigned

        AccountRegister(chef.sessions).unassign("fb", "tc_bo")
        assert _person(tmp_path, url, "tc_bo", "get", "fb") == "none"
        assert _person(tmp_path, url, "tc_anna", "get", "fb") == digest
    finally:
        chef.dispose()

    pg_dump = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))[-1]
    dump = subprocess.run(
        [str(pg_dump), "--dbname", url.replace("postgresql+psycopg", "postgresql")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "account_key_copies" in dump and "BEGIN PUBLIC KEY" in dump
    assert TOKEN not in dump and "PRIVATE KEY" not in dump
