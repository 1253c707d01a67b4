from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.models.db import open_database
from tests.helpers import moderation as m


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    database = open_database(url)
    yield database, ["--db", url]
    database.dispose()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_then_import_dnr_round_trip(capsys, db, tmp_path):
    database, flags = db
    removal = m.remove(database.sessions, m.add_item(database.sessions, "=1+1"))
    out = tmp_path / "maj.xlsx"
    code, stdout, _ = run(
        capsys,
        *flags,
        "export",
        "removals",
        "--from",
        "2026-05-01",
        "--to",
        "2026-05-31",
        "--account",
        "fb",
        "--output",
        str(out),
    )
    assert code == 0 and "1 borttagna" in stdout
    workbook = load_workbook(out)
    workbook["Borttagna"]["D2"] = "KS 2026/40"
    workbook.save(out)
    code, stdout, _ = run(capsys, *flags, "import-dnr", str(out), "--dry-run")
    assert code == 0 and "1 diarienummer skulle sparas" in stdout
    code, stdout, _ = run(capsys, *flags, "import-dnr", str(out))
    assert code == 0 and f"B{removal.decision_id} (post {removal.item_id}): KS 2026/40" in stdout
    code, stdout, _ = run(capsys, *flags, "archive", "search", "--json")
    assert json.loads(stdout)[0]["diarienummer"] == "KS 2026/40"


def test_import_dnr_conflict_exits_2_and_changes_nothing(capsys, db, tmp_path):
    database, flags = db
    m.remove(database.sessions, m.add_item(database.sessions), diarienummer="KS 1")
    out = tmp_path / "maj.xlsx"
    run(
        capsys,
        *flags,
        "export",
        "removals",
        "--from",
        "2026-05-01",
        "--to",
        "2026-05-31",
        "--output",
        str(out),
    )
    workbook = load_workbook(out)
    workbook["Borttagna"]["D2"] = "KS 2"
    workbook.save(out)
    code, _, err = run(capsys, *flags, "import-dnr", str(out))
    assert code == 2
    assert "Konflikt: Borttagna rad 2" in err and "Inget sparades" in err.splitlines()[-1]
    code, stdout, _ = run(capsys, *flags, "archive", "search", "--json")
    assert json.loads(stdout)[0]["diarienummer"] == "KS 1"


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "removals", "--from", "2026-13-01", "--to", "2026-05-31", "--output", "x.xlsx"],
        ["export", "removals", "--from", "2026-05-31", "--to", "2026-05-01", "--output", "x.xlsx"],
        [
            "export",
            "removals",
            "--from",
            "2026-05-01",
            "--to",
            "2026-05-31",
            "--account",
            "nej",
            "--output",
            "x.xlsx",
        ],
        ["package", "12", "tolv", "--output", "p.zip"],
        ["package", "1"],
        ["package", "verify"],
        ["import-dnr", "finns-inte.xlsx"],
        ["archive", "show", "4711"],
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, db, tmp_path, monkeypatch, argv):
    _database, flags = db
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *flags, *argv)
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("granska")
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "p.zip").exists()


def test_package_and_verify(capsys, db, tmp_path):
    database, flags = db
    item = m.add_item(database.sessions, "hot")
    m.remove(database.sessions, item, "brott")
    out = tmp_path / "paket.zip"
    code, stdout, _ = run(capsys, *flags, "package", str(item), "--output", str(out))
    assert code == 0 and "1 poster, 1 bevisfiler" in stdout
    code, stdout, _ = run(capsys, *flags, "package", "verify", str(out))
    assert code == 0 and "Alla kontrollsummor stämmer" in stdout and "Jämfört med databasen" in stdout
    out.write_bytes(out.read_bytes().replace(b"manifest", b"manifesT"))
    code, _, err = run(capsys, *flags, "package", "verify", str(out))
    assert code == 2 and err.startswith("granska")


def test_archive_output_never_lets_a_comment_drive_the_terminal(capsys, db):
    database, flags = db
    item = m.add_item(database.sessions, "hej\x1b[2J\x1b]0;titel\x07 då\rX")
    m.remove(database.sessions, item)
    code, stdout, _ = run(capsys, *flags, "archive", "search", "hej")
    assert code == 0 and "\x1b" not in stdout and "\r" not in stdout and "\\x1B[2J" in stdout
    code, stdout, _ = run(capsys, *flags, "archive", "show", str(item))
    assert code == 0 and "\x1b" not in stdout and "\x07" not in stdout
    code, stdout, _ = run(capsys, *flags, "archive", "show", str(item), "--json")
    assert json.loads(stdout)["saved_copies"][0]["text"] == "hej\x1b[2J\x1b]0;titel\x07 då\rX"
