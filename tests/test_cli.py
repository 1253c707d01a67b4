from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from app.cli import build_parser, main
from tests.helpers.items import record, write_jsonl


@pytest.fixture
def db(tmp_path):
    return ["--db", f"sqlite:///{tmp_path / 'cli.db'}"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_accounts_add_and_list(capsys, db):
    code, out, _ = run(
        capsys,
        *db,
        "accounts",
        "add",
        "fb",
        "--platform",
        "facebook",
        "--name",
        "Vadstena kommun",
        "--url",
        "https://facebook.com/vadstena",
    )
    assert code == 0 and "fb" in out
    code, out, _ = run(capsys, *db, "accounts", "list", "--json")
    accounts = json.loads(out)
    assert code == 0 and accounts[0]["key"] == "fb" and accounts[0]["platform"] == "facebook"


@pytest.mark.parametrize(
    "argv",
    [
        ["accounts", "add", "fb", "--platform", "myspace", "--name", "x"],
        ["accounts", "add", "Fel Nyckel", "--platform", "x", "--name", "x"],
        ["queue", "--limit", "-3"],
        ["queue", "--account", "finnsinte"],
        ["demo", "--items", "tusen"],
        ["import", "/finns/inte.jsonl"],
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(capsys, db, argv):
    code, _, err = run(capsys, *db, *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("granska")
    code, out, _ = run(capsys, *db, "accounts", "list", "--json")
    assert json.loads(out) == []


def test_argparse_errors_are_one_line_and_exit_2(capsys):
    assert main(["queue", "--status", "bogus"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--status" in err


def test_every_subcommand_has_help(capsys):
    parser = build_parser()
    subactions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    names = list(subactions[0].choices)
    assert {"accounts", "demo", "import", "queue"} <= set(names)
    for name in names:
        assert main([name, "--help"]) == 0
        assert "användning" in capsys.readouterr().out


def test_demo_import_queue_round_trip(capsys, db, tmp_path):
    code, out, _ = run(capsys, *db, "demo", "--items", "200")
    assert code == 0 and "200 nya poster" in out
    code, out, _ = run(capsys, *db, "queue", "--status", "flagged", "--json", "--limit", "500")
    flagged = json.loads(out)
    assert code == 0 and flagged
    assert {
        "id",
        "external_id",
        "account",
        "platform",
        "author_name",
        "text",
        "created_at",
        "status",
        "flags",
    } <= set(flagged[0])
    assert all(f["status"] == "flagged" and f["flags"] for f in flagged)
    times = [f["created_at"] for f in flagged]
    assert times == sorted(times)

    path = write_jsonl(tmp_path / "in.jsonl", [record("c1", account="facebook", text="Hej kommunen")])
    code, out, _ = run(capsys, *db, "import", str(path))
    assert code == 0 and "1 nya" in out
    code, out, _ = run(capsys, *db, "queue", "--search", "kommunen", "--account", "facebook", "--json")
    assert any(i["external_id"] == "c1" for i in json.loads(out))
    # Re-running the demo does not duplicate.
    code, out, _ = run(capsys, *db, "demo", "--items", "200")
    assert "0 nya poster" in out


def test_a_bad_import_line_exits_2_and_names_the_line(capsys, db, tmp_path):
    run(capsys, *db, "accounts", "add", "fb", "--platform", "facebook", "--name", "FB")
    path = write_jsonl(tmp_path / "in.jsonl", [record("c1"), "{oops"])
    code, _, err = run(capsys, *db, "import", str(path))
    assert code == 2 and "rad 2" in err
    code, out, _ = run(capsys, *db, "queue", "--json")
    assert json.loads(out) == []


def test_console_script_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", f"sqlite:///{tmp_path / 'x.db'}", "queue"],
        capture_output=True,
        encoding="utf-8",
        timeout=120,  # the command line writes UTF-8
    )
    assert result.returncode == 0 and "Kön är tom" in result.stdout


@pytest.mark.parametrize(
    "asked",
    [[], ["--search", "åsa 👍"], ["--status", "new", "--status", "flagged", "--json"], ["--account", "fb"]],
    ids=["plain", "search", "statuses-json", "account"],
)
@pytest.mark.parametrize("console", ["cp1252", "ascii"])
def test_a_comment_with_an_emoji_prints_whatever_the_console_encoding(tmp_path, console, asked):
    # PYTHONIOENCODING stands in for Windows, where piped output is cp1252.
    db = ["--db", f"sqlite:///{tmp_path / 'x.db'}"]
    assert main([*db, "accounts", "add", "fb", "--platform", "facebook", "--name", "FB"]) == 0
    comment = "Tack för svaret 👍 – Åsa"
    path = write_jsonl(tmp_path / "in.jsonl", [record("c1", text=comment, author_name="Åsa Öberg")])
    assert main([*db, "import", str(path)]) == 0
    env = {**os.environ, "PYTHONIOENCODING": console}
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", *db, "queue", *asked], capture_output=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    out = result.stdout.decode("utf-8")
    if "--json" in asked:
        assert json.loads(out)[0]["text"] == comment and json.loads(out)[0]["author_name"] == "Åsa Öberg"
    else:
        assert f"Åsa Öberg: {comment}" in out


@pytest.mark.not_on_windows("Windows always has a screen: there is no DISPLAY to lack")
def test_gui_without_a_display_says_so(tmp_path, monkeypatch):
    env = {
        k: v
        for k, v in __import__("os").environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", f"sqlite:///{tmp_path}/g.db"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 1 and "ingen skärm" in result.stderr


def test_queue_says_statuses_reasons_and_platforms_in_words_and_json_keeps_the_codes(capsys, db):
    assert run(capsys, *db, "demo", "--items", "200", "--decided", "0.3")[0] == 0
    code, out, _ = run(capsys, *db, "queue", "--limit", "200")
    assert code == 0
    assert "Flaggad" in out and "Personangrepp eller förolämpning" in out and "Facebook: " in out
    assert " flagged " not in out and "[personangrepp]" not in out
    code, out, _ = run(capsys, *db, "queue", "--status", "flagged", "--json", "--limit", "200")
    flagged = json.loads(out)
    assert {i["status"] for i in flagged} == {"flagged"} and {i["status_label"] for i in flagged} == {
        "Flaggad"
    }
    with_reason = [i for i in flagged if i["suggested_reason"] == "personangrepp"]
    assert with_reason and with_reason[0]["reason_label"] == "Personangrepp eller förolämpning"
    assert {(i["platform"], i["platform_label"]) for i in flagged} >= {("facebook", "Facebook")}
