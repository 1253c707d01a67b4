"""#12.4: bad input gets a message and exit 2, never a traceback; an export that cannot be
written leaves neither half a file nor a stray temporary one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.models import Item
from app.models.db import open_database
from app.services.records.removal_log import STOCKHOLM

ROOT = Path(__file__).resolve().parents[2]
GOOD = '{"account":"intra","external_id":"ok","text":"Hej","created_at":"2026-05-01T12:00:00+02:00"}'


def granska(capsys, url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(db_url, capsys):
    add_intranet(capsys, db_url)
    return db_url


def add_intranet(capsys, url: str) -> None:
    assert granska(capsys, url, "accounts", "add", "intra", "--platform", "intranet", "--name", "I")[0] == 0


def line(**fields) -> str:
    record = {
        "account": "intra",
        "external_id": "x",
        "text": "Text",
        "created_at": "2026-05-01T12:00:00+02:00",
    }
    record.update(fields)
    return json.dumps(record)


@pytest.mark.parametrize(("second", "message"), [
    (line(raw={"likes": 1}).replace("1}", "NaN}"), "NaN är inte giltig JSON"),
    (line(raw={"likes": 1}).replace("1}", "Infinity}"), "Infinity är inte giltig JSON"),
    (line(raw={"likes": 1}).replace("1}", "-Infinity}"), "-Infinity är inte giltig JSON"),
    (line(raw={"likes": 1}).replace("1}", "1e400}"), "1e400 är för stort"),
    (line(raw={"a": 1}).replace('"a": 1', '"a": 1, "a": 2'), "nyckeln 'a' finns två gånger"),
    (line().replace('"text": "Text"', '"text": "Text", "text": "Annan"'), "nyckeln 'text' finns två gånger"),
    (line(created_at="0001-01-01T00:00:00+14:00"), "kan inte lagras i UTC"),
    (line(created_at="9999-12-31T23:59:59-14:00"), "kan inte lagras i UTC"),
    (line(raw={"n": 1}).replace('"n": 1', '"n": ' + "9" * 5000), "ogiltig JSON"),
])  # fmt: skip
def test_a_line_the_evidence_copy_could_not_keep_as_sent_is_refused_with_its_number(
    url, tmp_path, capsys, second, message
):
    path = tmp_path / "in.jsonl"
    path.write_text(f"{GOOD}\n{second}\n", encoding="utf-8")
    code, _out, err = granska(capsys, url, "import", str(path))
    assert code == 2, err
    assert err.startswith("granska: rad 2: ") and message in err and "Traceback" not in err
    db = open_database(url)
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 0
    db.dispose()
    path.write_text(GOOD + "\n", encoding="utf-8")
    assert granska(capsys, url, "import", str(path))[0] == 0  # and the next import works


def test_an_archive_search_of_a_pasted_page_is_a_message(url, capsys):
    assert granska(capsys, url, "add-item", "intra", "--text", "Du är en idiot")[0] == 0
    assert granska(capsys, url, "remove", "1", "--reason", "personangrepp")[0] == 3  # by hand
    code, out, err = granska(capsys, url, "archive", "search", "å" * 50_000)
    assert code == 2 and out == "" and "Söktexten är för lång (50000 tecken" in err
    code, out, _err = granska(capsys, url, "archive", "search", "idiot " * 100)
    assert code == 0 and "Du är en idiot" in out  # a long but reasonable search still works


def _one_removal(capsys, url: str) -> None:
    assert granska(capsys, url, "add-item", "intra", "--text", "Du är en idiot")[0] == 0
    assert granska(capsys, url, "remove", "1", "--reason", "personangrepp")[0] == 3  # by hand


def _export(url: str, output: Path, *extra: str) -> list[str]:
    today = datetime.now(STOCKHOLM).date().isoformat()  # the period is read in Swedish time
    return ["export", "removals", "--from", today, "--to", today, "--output", str(output), *extra]


def test_an_export_onto_a_full_disk_says_so_and_leaves_the_old_file_untouched(tmp_path, small_disk, capsys):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    add_intranet(capsys, url)
    _one_removal(capsys, url)
    target = small_disk.path / "förteckning.xlsx"
    target.write_bytes(b"last month's export")
    small_disk.fill(leave=2048)
    code, _out, err = granska(capsys, url, *_export(url, target, "--overwrite"))
    assert code == 1 and "disken är full" in err and str(target) in err, err
    assert target.read_bytes() == b"last month's export"
    assert sorted(p.name for p in small_disk.path.iterdir()) == ["filler", "förteckning.xlsx"]
    small_disk.make_room()
    assert granska(capsys, url, *_export(url, target, "--overwrite"))[0] == 0
    assert target.read_bytes().startswith(b"PK")


def test_what_a_killed_export_left_is_removed_by_the_next_export(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    add_intranet(capsys, url)
    _one_removal(capsys, url)
    out = tmp_path / "ut"
    out.mkdir()
    target = out / "förteckning.xlsx"
    env = {**os.environ, "GRANSKA_FAULT": "kill@1:INSERT INTO exports"}  # the file is written by then
    killed = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", url, *_export(url, target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert killed.returncode == -9
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")]  # what the kill left
    assert not target.exists()
    code, _out, err = granska(capsys, url, *_export(url, target))
    assert code == 0, err
    assert [p.name for p in out.iterdir()] == ["förteckning.xlsx"]
