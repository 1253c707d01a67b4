"""The settings municipal IT deploys for every user of a computer (app/core/machine_policy.py): the team
database and the language, from the registry's policy key or from the machine's granska.ini."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from app.core.machine_policy import REGISTRY_KEY, machine_policy, policy_file
from app.models.db import resolve_url

ROOT = Path(__file__).resolve().parents[2]


def deploy(text: str) -> Path:
    path = policy_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8-sig")  # as Notepad saves it, with a byte-order mark
    return path


def test_the_policy_file_lives_in_the_machine_folder(_isolated_user_folders):
    expected = "ProgramData" if os.name == "nt" else "machine-config"
    assert policy_file() == _isolated_user_folders / expected / "Granska" / "granska.ini"


def test_every_user_gets_the_team_database_from_the_machine_policy(tmp_path, monkeypatch):
    team = tmp_path / "team.db"
    deploy(f"[granska]\ndatabase = sqlite:///{team}\nlanguage = sv\n")
    granska = [sys.executable, "-m", "app.cli"]
    added = subprocess.run(
        [*granska, "accounts", "add", "fb", "--platform", "facebook", "--name", "FB"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    assert team.exists()  # the account went to the team database, not the user's own file
    listed = subprocess.run(
        [*granska, "accounts", "list"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert "fb" in listed.stdout
    # The user's own choice still comes first.
    monkeypatch.setenv("GRANSKA_DB", f"sqlite:///{tmp_path / 'mine.db'}")
    assert resolve_url(None).database == str(tmp_path / "mine.db")
    assert resolve_url(f"sqlite:///{tmp_path / 'x.db'}").database == str(tmp_path / "x.db")


def test_a_policy_that_makes_no_sense_is_ignored_and_granska_still_starts(caplog):
    deploy("[granska]\nlanguage = klingonska\n")
    assert machine_policy().language is None
    assert "klingonska" in caplog.text
    deploy("this is not an ini file")
    assert machine_policy().database is None
    assert resolve_url(None).database.endswith("granska.db")


@pytest.fixture
def policy_key():
    import winreg

    key = f"{REGISTRY_KEY}-test-{uuid.uuid4().hex[:8]}"
    yield key
    winreg.DeleteKeyEx(winreg.HKEY_LOCAL_MACHINE, key, winreg.KEY_WOW64_64KEY)


@pytest.mark.windows_only("the registry is Windows'")
def test_the_registry_policy_beats_the_policy_file(policy_key):
    import winreg

    deploy("[granska]\ndatabase = sqlite:///C:/från-filen.db\nlanguage = en\n")
    access = winreg.KEY_WRITE | winreg.KEY_WOW64_64KEY
    with winreg.CreateKeyEx(winreg.HKEY_LOCAL_MACHINE, policy_key, 0, access) as key:
        winreg.SetValueEx(key, "Database", 0, winreg.REG_SZ, "postgresql://granska@db.kommun.local/granska")
        winreg.SetValueEx(key, "Language", 0, winreg.REG_SZ, "SV")
    policy = machine_policy(registry_key=policy_key)
    assert policy.database == "postgresql://granska@db.kommun.local/granska"
    assert policy.language == "sv"
    assert machine_policy(registry_key=policy_key + "-finns-inte").database == "sqlite:///C:/från-filen.db"
