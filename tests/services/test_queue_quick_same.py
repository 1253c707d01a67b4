"""`granska queue` prints the same bytes whether it reads quickly (app/services/queue/quick.py,
without SQLAlchemy) or the whole way: searches, several statuses, accounts, platforms, and
where roles are in use, a person who sees only their own accounts, a chief who sees all, and
someone the register does not know. Each case is run both ways on one 10k-item database."""

from __future__ import annotations

import sqlite3

import pytest

import app.services.queue.quick as quick
from app.cli import main
from tests.helpers.items import record, write_jsonl

HOSTILE = [
    "Slutkläm: \"NEAR(simhallen* OR -bad) AND '; DROP TABLE items; --",
    "Åsa Öberg svarar: ÄR DET SANT? 👍🏽 – tack 🇸🇪",
    "\u202eRTL-överstyrning\u202c och noll\u200bbredd och\ttab\noch ny rad",
    "<script>alert('simhallen')</script> & %s %d {0} \\x00",
    "simhallen " * 200,
    "café résumé naïve ﬁ (ligatur) ß STRASSE Ǆ",
]

CASES = [
    [],
    ["--search", "simhallen"],
    ["--search", "SIMHALLEN öppnar"],
    ["--search", "a"],  # a common prefix: the ordered walk, not the matches
    ["--search", 'NEAR(simhallen* OR "-bad'],
    ["--search", "!!! ???"],  # nothing searchable: no search at all
    ["--search", "åsa 👍"],
    ["--search", "drop table"],
    ["--search", "ǅ"],
    ["--status", "new", "--status", "flagged"],
    ["--status", "registered", "--status", "remove_by_hand", "--status", "context", "--status", "new"],
    ["--status", "new", "--status", "new"],  # the same status twice: as the whole way does
    ["--status", "weeded", "--status", "kept"],
    ["--account", "facebook"],
    ["--account", "x", "--account", "youtube", "--status", "new", "--status", "flagged"],
    ["--account", "facebook", "--search", "simhallen", "--status", "new", "--status", "flagged"],
    ["--platform", "x", "--platform", "facebook", "--search", "öppnar", "--status", "new"],
    ["--account", "intranat", "--platform", "facebook"],
    ["--account", "nosuchaccount"],
    ["--limit", "0", "--search", "simhallen"],
]
USERS = ["sofia", "SOFIA", "erik", "amina", "okand"]


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """The same 10k items twice: as one workstation (no roles) and as a team with roles: sofia
    an administrator of her accounts only, erik kommunikationschef, amina without a role."""
    folder = tmp_path_factory.mktemp("same")
    plain = folder / "plain.db"
    url = f"sqlite:///{plain}"
    assert main(["--db", url, "demo", "--items", "10000", "--decided", "0.2"]) == 0
    hostile = [
        record(
            f"h{i}",
            account="facebook",
            text=text,
            author_name=name,
            created_at=f"2020-01-0{i + 1}T08:00:00+01:00",
        )
        for i, (text, name) in enumerate(
            zip(HOSTILE, ["Åsa Öberg", "'; --", "Ǆemal", "👍", "x" * 300, "Ö"], strict=True)
        )
    ]
    assert main(["--db", url, "import", str(write_jsonl(folder / "hostile.jsonl", hostile))]) == 0
    team = folder / "team.db"
    team.write_bytes(plain.read_bytes())
    turl = f"sqlite:///{team}"
    with pytest.MonkeyPatch.context() as env:  # roles given as the register gives them (audited)
        env.setenv("GRANSKA_USER", "erik")
        assert main(["--db", turl, "admins", "role", "erik", "kommunikationschef", "forvaltningschef"]) == 0
        assert main(["--db", turl, "admins", "role", "sofia", "administrator"]) == 0
    return {"plain": f"sqlite:///{plain}", "team": f"sqlite:///{team}"}


def _both_ways(monkeypatch, capsys, argv):
    """(exit code, stdout, stderr) of `argv` the quick way and the whole way, and whether the
    quick way answered."""
    answered = []
    real = quick.quick_page

    def watched(*args):
        found = real(*args)
        answered.append(found is not None)
        return found

    monkeypatch.setattr(quick, "quick_page", watched)
    quick_run = (main(argv), *capsys.readouterr())
    monkeypatch.setattr(quick, "quick_page", lambda *args: None)
    whole_run = (main(argv), *capsys.readouterr())
    return quick_run, whole_run, answered == [True]


@pytest.mark.parametrize("case", CASES, ids=" ".join)
@pytest.mark.parametrize("output", [["--json"], []], ids=["json", "lines"])
def test_one_workstation_quick_and_whole_print_the_same(databases, monkeypatch, capsys, case, output):
    monkeypatch.setenv("GRANSKA_USER", "sofia")
    argv = ["--db", databases["plain"], "queue", "--limit", "40", *output, *case]
    quick_run, whole_run, answered = _both_ways(monkeypatch, capsys, argv)
    assert quick_run[1].encode("utf-8") == whole_run[1].encode("utf-8")
    assert quick_run == whole_run
    assert answered == ("nosuchaccount" not in case)  # an unknown account: the whole way names it
    if "nosuchaccount" in case:
        assert whole_run[0] != 0 and "Okänt konto: nosuchaccount" in whole_run[2]


@pytest.mark.parametrize("case", CASES[:1] + CASES[1:20:3] + [["--account", "instagram"]], ids=" ".join)
@pytest.mark.parametrize("user", USERS)
def test_with_roles_each_login_sees_the_same_accounts_both_ways(databases, monkeypatch, capsys, case, user):
    monkeypatch.setenv("GRANSKA_USER", user)
    argv = ["--db", databases["team"], "queue", "--json", "--limit", "40", *case]
    quick_run, whole_run, answered = _both_ways(monkeypatch, capsys, argv)
    assert quick_run[1].encode("utf-8") == whole_run[1].encode("utf-8")
    assert quick_run == whole_run
    refused = whole_run[0] != 0 and "får inte" in whole_run[2]
    # A refusal is the whole way's (it is written to the audit log), and so is an unknown account.
    assert answered == (not refused and "nosuchaccount" not in case)


def _accounts_of(url: str, username: str) -> set[str]:
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return {
            key
            for (key,) in con.execute(
                "SELECT a.key FROM accounts a JOIN account_administrators l ON l.account_id = a.id "
                "JOIN administrators p ON p.id = l.administrator_id WHERE p.username = ?",
                (username,),
            )
        }
    finally:
        con.close()


def test_a_restricted_login_sees_only_its_own_accounts_quickly(databases, monkeypatch, capsys):
    import json

    monkeypatch.setenv("GRANSKA_USER", "sofia")
    assert main(["--db", databases["team"], "queue", "--json", "--limit", "500"]) == 0
    shown = {item["account"] for item in json.loads(capsys.readouterr().out)}
    mine = _accounts_of(databases["team"], "sofia")
    assert shown and shown <= mine and "instagram" not in mine
    monkeypatch.setenv("GRANSKA_USER", "amina")  # no role: refused another's account, audited
    other = sorted(
        {"facebook", "instagram", "youtube", "x", "linkedin", "intranat"}
        - _accounts_of(databases["team"], "amina")
    )[0]
    assert main(["--db", databases["team"], "queue", "--account", other]) != 0
    assert "får inte" in capsys.readouterr().err
    assert main(["--db", databases["team"], "audit", "verify"]) == 0
