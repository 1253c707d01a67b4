"""`granska accounts show|edit|links|assign|unassign` and `granska admins`."""

from __future__ import annotations

import csv
import json

import pytest

from app.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path):
    return ["--db", f"sqlite:///{tmp_path / 'cli.db'}"]


def test_register_fields_and_administrators_with_the_two_person_warning(capsys, db):
    run(capsys, *db, "accounts", "add", "fb", "--platform", "facebook", "--name", "Vadstena kommun")
    code, out, _ = run(
        capsys,
        *db,
        "accounts",
        "edit",
        "fb",
        "--monitoring",
        "Vardagar 8–17",
        "--response-time",
        "Inom en arbetsdag",
        "--contact",
        "kommunikation@vadstena.se",
        "--presentation",
        "Kommunens officiella sida",
    )
    assert code == 0 and "Bevakning: Vardagar 8–17" in out and "ingen administratör" in out
    run(
        capsys,
        *db,
        "admins",
        "add",
        "anna",
        "--name",
        "Anna Berg",
        "--email",
        "anna@vadstena.se",
        "--phone",
        "0143-150 00",
    )
    run(capsys, *db, "admins", "add", "bo", "--name", "Bo Ek")
    code, out, _ = run(capsys, *db, "accounts", "assign", "fb", "anna")
    assert "bara en administratör" in out
    code, out, _ = run(capsys, *db, "accounts", "assign", "fb", "bo")
    assert "⚠" not in out
    entry = json.loads(run(capsys, *db, "accounts", "show", "fb", "--json")[1])
    assert entry["response_time"] == "Inom en arbetsdag" and entry["administrator_warning"] is None
    assert [a["email"] for a in entry["administrators"]] == ["anna@vadstena.se", ""]
    code, out, _ = run(capsys, *db, "accounts", "unassign", "fb", "bo")
    assert "bara en administratör" in out
    run(capsys, *db, "admins", "edit", "bo", "--email", "bo.ek@vadstena.se")
    admins = json.loads(run(capsys, *db, "admins", "list", "--json")[1])
    emails = {a["username"]: a["email"] for a in admins}
    assert emails == {"anna": "anna@vadstena.se", "bo": "bo.ek@vadstena.se"}


def test_link_list_lists_active_accounts_with_an_address_and_escapes_everything(capsys, db, tmp_path):
    run(
        capsys,
        *db,
        "accounts",
        "add",
        "fb",
        "--platform",
        "facebook",
        "--name",
        "Vadstena <kommun>",
        "--url",
        "https://www.facebook.com/vadstenakommun?a=1&b=2",
    )
    run(
        capsys,
        *db,
        "accounts",
        "add",
        "yt",
        "--platform",
        "youtube",
        "--name",
        '=HYPERLINK("x")',
        "--url",
        "https://www.youtube.com/@vadstenaplay",
    )
    run(
        capsys,
        *db,
        "accounts",
        "add",
        "li",
        "--platform",
        "linkedin",
        "--name",
        "LinkedIn",
        "--url",
        "https://www.linkedin.com/company/vadstena",
    )
    run(capsys, *db, "accounts", "edit", "li", "--inactive")
    run(capsys, *db, "accounts", "add", "intra", "--platform", "intranet", "--name", "Internwebben")
    html_file = str(tmp_path / "l.html")
    code, out, _ = run(capsys, *db, "accounts", "links", "--format", "html", "--output", html_file)
    assert code == 0 and "2 konton" in out
    page = (tmp_path / "l.html").read_text(encoding="utf-8")
    assert "Vadstena &lt;kommun&gt;" in page and "?a=1&amp;b=2" in page
    assert "LinkedIn" not in page.split("<tbody>")[1] and "Internwebben" not in page
    run(capsys, *db, "accounts", "links", "--format", "csv", "--output", str(tmp_path / "l.csv"))
    with (tmp_path / "l.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0][:3] == ["Kanal", "Konto", "Adress"]
    assert rows[1][:2] == ["Facebook", "Vadstena <kommun>"]
    assert rows[2][:2] == ["YouTube", '\'=HYPERLINK("x")']  # text, never a formula


@pytest.mark.parametrize(
    "argv",
    [
        ["accounts", "edit", "finnsinte", "--tone", "x"],
        ["accounts", "edit", "fb", "--name", " "],
        ["accounts", "edit", "fb", "--url", "javascript:alert(1)"],
        ["accounts", "assign", "fb", "okand"],
        ["accounts", "links", "--format", "pdf", "--output", "x"],
        ["admins", "edit", "okand", "--email", "a@b"],
    ],
)
def test_bad_input_exits_2_and_changes_nothing(capsys, db, argv):
    run(capsys, *db, "accounts", "add", "fb", "--platform", "facebook", "--name", "FB")
    before = run(capsys, *db, "accounts", "show", "fb", "--json")[1]
    code, _, err = run(capsys, *db, *argv)
    assert code == 2 and err
    assert run(capsys, *db, "accounts", "show", "fb", "--json")[1] == before


def test_add_item_by_hand(capsys, db):
    run(capsys, *db, "accounts", "add", "intra", "--platform", "intranet", "--name", "Internwebben")
    code, out, _ = run(
        capsys,
        *db,
        "add-item",
        "intra",
        "--text",
        "Jävla skämt",
        "--author",
        "Kalle",
        "--time",
        "2026-05-01T12:00:00+02:00",
    )
    assert code == 0 and "sparad" in out
    code, out, _ = run(
        capsys,
        *db,
        "add-item",
        "intra",
        "--text",
        "Jävla skämt",
        "--author",
        "Kalle",
        "--time",
        "2026-05-01T12:00:00+02:00",
    )
    assert code == 0 and "fanns redan" in out
    queue = json.loads(run(capsys, *db, "queue", "--json")[1])
    assert len(queue) == 1 and queue[0]["status"] == "flagged"
    code, _, err = run(capsys, *db, "add-item", "intra", "--text", "x", "--time", "2026-05-01 12:00")
    assert code == 2 and "tidszon" in err
