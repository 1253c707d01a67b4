"""`granska credentials login --no-browser` end to end, per platform: the command prints the
authorization URL alone on one line, this test plays the person in the browser against the
fake authorization server, the command exits 0 with the tokens stored in the real keyring —
and none of the tokens or the client secret shows up in the database, the logs or the output."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from app.cli import main
from tests.helpers.platforms.oauth import APP_SECRET, play_browser
from tests.helpers.sign_in import port_option, signing_in

pytestmark = pytest.mark.keyring


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def login(db: Path, key: str, *extra: str) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "app.cli", "--db", f"sqlite:///{db}", "--verbose", "credentials", "login"]
    return subprocess.Popen(
        [*argv, key, "--no-browser", "--timeout", "30", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=dict(os.environ),
    )  # fmt: skip


@pytest.mark.parametrize("platform", ["youtube", "x", "linkedin"])
def test_login_without_a_browser_stores_tokens_the_sync_then_uses(
    tmp_path, capsys, monkeypatch, caplog, secret_service, platform
):
    caplog.set_level(logging.DEBUG)
    db = tmp_path / "granska.db"
    url = ["--db", f"sqlite:///{db}", "--verbose"]
    with signing_in(platform, rotate_refresh=platform == "x", scope=None) as s:
        s.api.fake.store.add_thread(s.api.fake.store.add_post("Simhallen"), 3, replies_every=0)
        code, _, err = run(capsys, monkeypatch, *url, "accounts", "add", "acct", *s.options())
        assert code == 0, err
        proc = login(db, "acct", *port_option(platform))
        line = proc.stdout.readline().strip()
        assert line.startswith(s.auth_url + "?")  # the URL alone on its line
        query = parse_qs(urlsplit(line).query)
        assert query["code_challenge_method"] == ["S256"] and query["redirect_uri"][0].startswith(
            "http://127.0.0.1:"
        )
        page = play_browser(line)
        assert page.status_code == 200 and "Du kan stänga" in page.text
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert out == "" and "token är sparad" in err
        assert s.oauth.grants == ["authorization_code"]

        code, status, _ = run(capsys, monkeypatch, *url, "credentials", "status", "acct", "--json")
        [row] = json.loads(status)
        assert row["key"] == "acct" and row["kind"] == "oauth" and row["refreshable"] is True
        assert row["expires_at"] is None or row["expires_at"] > "2026"
        assert row["scopes"] and row["warning"] is None
        code, synced, err = run(capsys, monkeypatch, *url, "sync", "acct")
        assert code == 0, err
        seen = [line, out, err, status, synced]

    database_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("granska.db*"))
    assert b"account:acct" in database_bytes
    secrets = [*s.oauth.issued, *s.oauth.refresh_tokens]
    assert secrets
    for place, text in [
        ("databasen", database_bytes.decode("utf-8", "replace")),
        ("loggen", caplog.text),
        ("utskrifterna", "".join(seen)),
    ]:
        for secret in secrets:
            assert secret not in text, f"token i {place}"


def test_an_answer_with_another_state_is_refused_and_nothing_is_stored(
    tmp_path, capsys, monkeypatch, secret_service
):
    db = tmp_path / "granska.db"
    url = ["--db", f"sqlite:///{db}"]
    with signing_in("youtube") as s:
        run(capsys, monkeypatch, *url, "accounts", "add", "yt", *s.options())
        proc = login(db, "yt")
        line = proc.stdout.readline().strip()
        parts = urlsplit(line)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()} | {"state": "forged-by-someone-else"}
        page = play_browser(parts._replace(query=urlencode(query)).geturl())
        assert page.status_code == 400
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 1 and "state stämmer inte" in err and "inget sparades" in err
        assert s.oauth.grants == []  # the code was never exchanged
        _, status, _ = run(capsys, monkeypatch, *url, "credentials", "status", "yt", "--json")
        assert json.loads(status)[0]["kind"] == "none"

        # The next ordinary sign-in works.
        proc = login(db, "yt")
        play_browser(proc.stdout.readline().strip())
        proc.communicate(timeout=30)
        assert proc.returncode == 0
        code, _, _ = run(capsys, monkeypatch, *url, "audit", "verify")
        assert code == 0


def test_login_that_nobody_answers_ends_with_a_clear_timeout(tmp_path, capsys, monkeypatch, secret_service):
    db = tmp_path / "granska.db"
    with signing_in("x") as s:
        run(capsys, monkeypatch, "--db", f"sqlite:///{db}", "accounts", "add", "x1", *s.options())
        proc = login(db, "x1", "--timeout", "1", *port_option("x"))
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1 and out.count("\n") == 1
    assert "inom 1 sekunder" in err and "inget sparades" in err


def test_meta_sign_in_exchanges_for_a_long_lived_token_and_keeps_the_page_token(
    tmp_path, capsys, monkeypatch, caplog, secret_service
):
    caplog.set_level(logging.DEBUG)
    db = tmp_path / "granska.db"
    url = ["--db", f"sqlite:///{db}", "--verbose"]
    with signing_in("facebook") as s:
        s.api.fake.store.add_thread(s.api.fake.store.add_post("Nytt om biblioteket"), 4, replies_every=2)
        other = s.oauth.add_page("998877", "Vadstena bibliotek")
        page_token = s.oauth.add_page(s.api.external_id, "Vadstena kommun")
        run(capsys, monkeypatch, *url, "accounts", "add", "fb", *s.options())
        # Without the app secret Meta cannot be asked: the command says what to do first.
        code, _, err = run(capsys, monkeypatch, *url, "credentials", "login", "fb", "--no-browser")
        assert code == 2 and "granska credentials client fb" in err

        code, out, err = run(
            capsys, monkeypatch, *url, "credentials", "client", "fb", stdin=APP_SECRET + "\n"
        )
        assert code == 0, err
        proc = login(db, "fb", *port_option("facebook"))
        line = proc.stdout.readline().strip()
        assert (
            "code_challenge" not in line
            and "pages_manage_engagement" in parse_qs(urlsplit(line).query)["scope"][0]
        )
        play_browser(line)
        out2, err2 = proc.communicate(timeout=30)
        assert proc.returncode == 0, err2
        assert "sidan Vadstena kommun" in err2
        assert s.oauth.grants == ["authorization_code", "fb_exchange_token"]
        code, synced, err3 = run(capsys, monkeypatch, *url, "sync", "fb")
        assert code == 0, err3
        assert s.api.fake.requests[-1].headers["authorization"] == f"Bearer {page_token}"
        _, status, _ = run(capsys, monkeypatch, *url, "credentials", "status", "fb", "--json")
        [row] = json.loads(status)
        assert row["kind"] == "oauth" and row["expires_at"] is None and row["warning"] is None
        seen = [out, err, line, out2, err2, synced, status]

    database_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("granska.db*")).decode("utf-8", "replace")
    for secret in [APP_SECRET, page_token, other, *s.oauth.issued]:
        for place, text in [
            ("databasen", database_bytes),
            ("loggen", caplog.text),
            ("utskrifterna", "".join(seen)),
        ]:
            assert secret not in text, f"hemlighet i {place}"
