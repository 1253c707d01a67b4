"""`granska credentials` and `granska sync` end to end, with the real keyring and a fake
platform on 127.0.0.1 — and the secret searched for everywhere it must never be."""

from __future__ import annotations

import io
import json
import logging
import sys
import uuid

import pytest

from app.cli import main
from tests.helpers.platforms import running

pytestmark = pytest.mark.keyring


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path):
    return tmp_path / "granska.db"


def test_set_check_sync_and_export_never_show_the_secret(
    tmp_path, db, capsys, monkeypatch, caplog, secret_service
):
    caplog.set_level(logging.DEBUG)
    secret = f"EAAG-{uuid.uuid4().hex}-hemlig"
    app_secret = f"appsecret{uuid.uuid4().hex}"  # the municipality's Meta app secret (#18)
    url = ["--db", f"sqlite:///{db}", "--verbose"]
    seen: list[str] = []
    with running("facebook", token=secret) as r:
        post = r.fake.store.add_post()
        r.fake.store.add_thread(post, 12, replies_every=3)
        r.fake.fail_with_server_error(match="/comments")  # a retry gets logged too
        steps = [
            ("accounts", "add", "fb", "--platform", "facebook", "--name", "Vadstena kommun",
             "--url", "https://www.facebook.com/vadstenakommun", "--external-id", r.external_id,
             "--api-base", r.api_base),
            ("credentials", "client", "fb"),
            ("credentials", "set", "fb"),
            ("credentials", "check", "fb"),
            ("credentials", "status", "--json"),
            ("sync", "fb"),
            ("accounts", "show", "fb", "--json"),
            ("accounts", "links", "--format", "html", "--output", str(tmp_path / "links.html")),
            ("accounts", "links", "--format", "csv", "--output", str(tmp_path / "links.csv")),
            ("queue", "--json"),
        ]  # fmt: skip
        for argv in steps:
            stdin = app_secret if argv[:2] == ("credentials", "client") else secret
            code, out, err = run(capsys, monkeypatch, *url, *argv, stdin=stdin + "\n")
            assert code == 0, (argv, err)
            seen += [out, err]
        assert r.fake.requests[-1].headers["authorization"] == f"Bearer {secret}"  # it was used
        from app.connectors.oauth import StoredCredential
        from app.services.accounts.credentials import CredentialStore

        kept = StoredCredential.parse(CredentialStore().get("account:fb"))  # one entry holds both
        assert kept is not None and kept.access_token == secret and kept.client_secret == app_secret
    assert "Ansluten till Facebook-sidan" in "".join(seen)
    assert len(json.loads(seen[-2])) == 13

    database_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("granska.db*"))
    assert b"account:fb" in database_bytes  # the reference is there, in the file searched
    exports = (tmp_path / "links.html").read_text() + (tmp_path / "links.csv").read_text()
    assert "facebook.com/vadstenakommun" in exports
    assert "nytt försök" in caplog.text and "HTTP Request" in caplog.text
    for place, text in [
        ("databasen", database_bytes.decode("utf-8", "replace")),
        ("loggen", caplog.text),
        ("utskrifterna", "".join(seen)),
        ("exporterna", exports),
    ]:
        assert secret not in text, f"token i {place}"
        assert app_secret not in text, f"klienthemlighet i {place}"
        assert secret[5:25] not in text, f"del av token i {place}"


def test_set_without_a_token_changes_nothing(db, capsys, monkeypatch, secret_service):
    url = ["--db", f"sqlite:///{db}"]
    run(capsys, monkeypatch, *url, "accounts", "add", "fb", "--platform", "facebook", "--name", "FB")
    code, _, err = run(capsys, monkeypatch, *url, "credentials", "set", "fb", stdin="\n")
    assert code == 2 and "Ingen token" in err
    code, out, _ = run(capsys, monkeypatch, *url, "credentials", "status")
    assert "Ingen token är sparad" in out


def test_no_keyring_exits_1_with_what_to_install(db, capsys, monkeypatch, no_keyring):
    url = ["--db", f"sqlite:///{db}"]
    run(capsys, monkeypatch, *url, "accounts", "add", "fb", "--platform", "facebook", "--name", "FB")
    code, _, err = run(capsys, monkeypatch, *url, "credentials", "set", "fb", stdin="abc")
    assert code == 1 and "gnome-keyring" in err
    code, _, err = run(capsys, monkeypatch, *url, "sync")
    assert code == 1 and "gnome-keyring" in err


def test_sync_of_an_expired_token_exits_1_and_names_the_account(db, capsys, monkeypatch, secret_service):
    url = ["--db", f"sqlite:///{db}"]
    with running("youtube") as r:
        r.fake.store.add_comment(r.fake.store.add_post(), "Hej")
        run(
            capsys,
            monkeypatch,
            *url,
            "accounts",
            "add",
            "yt",
            "--platform",
            "youtube",
            "--name",
            "Vadstena Play",
            "--external-id",
            r.external_id,
            "--api-base",
            r.api_base,
        )
        run(capsys, monkeypatch, *url, "credentials", "set", "yt", stdin=r.fake.token)
        r.fake.expire_token()
        code, _, err = run(capsys, monkeypatch, *url, "sync", "yt")
        assert code == 1
        assert "Token för Vadstena Play (yt) har gått ut eller är ogiltig: förnya den under " in err
        code, out, _ = run(capsys, monkeypatch, *url, "credentials", "check")
        assert code == 1 and "yt: FEL" in out


def test_sync_of_an_unknown_or_platformless_account_is_bad_input(db, capsys, monkeypatch):
    url = ["--db", f"sqlite:///{db}"]
    run(capsys, monkeypatch, *url, "accounts", "add", "intra", "--platform", "intranet", "--name", "Intra")
    assert run(capsys, monkeypatch, *url, "sync", "finnsinte")[0] == 2
    code, _, err = run(capsys, monkeypatch, *url, "sync", "intra")
    assert code == 2 and "granska import" in err


def test_rotate_keeps_the_old_token_when_the_new_one_is_refused(db, capsys, monkeypatch, secret_service):
    url = ["--db", f"sqlite:///{db}"]
    with running("x") as r:
        run(
            capsys,
            monkeypatch,
            *url,
            "accounts",
            "add",
            "x",
            "--platform",
            "x",
            "--name",
            "@vadstena",
            "--external-id",
            r.external_id,
            "--api-base",
            r.api_base,
        )
        code, out, err = run(capsys, monkeypatch, *url, "credentials", "set", "x", stdin=r.fake.token)
        assert code == 0 and "Token finns i nyckelringen" in out, (out, err)
        code, _, err = run(capsys, monkeypatch, *url, "credentials", "rotate", "x", stdin="wrong-token")
        assert code == 1 and "Den tidigare token är kvar" in err, err
        assert run(capsys, monkeypatch, *url, "credentials", "check", "x")[0] == 0
        r.fake.renew_token("brand-new-token")
        code, out, _ = run(capsys, monkeypatch, *url, "credentials", "rotate", "x", stdin="brand-new-token")
        assert code == 0 and "@vadstenakommun" in out
        code, out, _ = run(capsys, monkeypatch, *url, "credentials", "remove", "x")
        assert code == 0 and "Ingen token är sparad" in out


@pytest.mark.postgres
@pytest.mark.not_on_windows("the team database's tests run against the PostgreSQL that scripts/test starts")
def test_on_the_team_database_the_secret_is_nowhere_either(
    pg_db, tmp_path, capsys, monkeypatch, caplog, secret_service
):
    """The same search on the team database: its pg_dump (the whole database as text, with the
    encrypted token and the sealed keys), the log, the output and the exports."""
    import shutil
    import subprocess
    from pathlib import Path

    import keyring

    from app.services.accounts.team_credentials import private_key_ref

    caplog.set_level(logging.DEBUG)
    secret = f"EAAG-{uuid.uuid4().hex}-hemlig"
    owner = pg_db.engine.url.render_as_string(hide_password=False)

    def as_(who: str) -> list[str]:
        return ["--db", owner.replace("postgres@", f"{who}@", 1), "--verbose"]

    seen: list[str] = []
    links = str(tmp_path / "links.csv")
    with running("facebook", token=secret) as r:
        r.fake.store.add_thread(r.fake.store.add_post(), 5)
        steps = [
            (["--db", owner], ("admins", "add", "sd_chef", "--name", "Chef", "--role", "forvaltningschef")),
            (as_("sd_chef"), ("accounts", "add", "fb", "--platform", "facebook", "--name", "Vadstena kommun",
                              "--external-id", r.external_id, "--api-base", r.api_base)),
            (as_("sd_chef"), ("admins", "add", "sd_anna", "--name", "Anna", "--role", "administrator")),
            (as_("sd_chef"), ("accounts", "assign", "fb", "sd_anna")),
            (as_("sd_anna"), ("login",)),
            (as_("sd_anna"), ("credentials", "set", "fb")),
            (as_("sd_anna"), ("credentials", "check", "fb")),
            (as_("sd_anna"), ("credentials", "status", "--json")),
            (as_("sd_anna"), ("sync", "fb")),
            (as_("sd_anna"), ("accounts", "show", "fb", "--json")),
            (as_("sd_anna"), ("accounts", "links", "--format", "csv", "--output", links)),
            (as_("sd_anna"), ("queue", "--json")),
        ]  # fmt: skip
        try:
            for url, argv in steps:
                code, out, err = run(capsys, monkeypatch, *url, *argv, stdin=secret + "\n")
                assert code == 0, (argv, err)
                seen += [out, err]
            assert r.fake.requests[-1].headers["authorization"] == f"Bearer {secret}"  # it was used
        finally:
            keyring.delete_password(secret_service, private_key_ref("sd_anna"))
    assert len(json.loads(seen[-2])) == 6
    assert shutil.which("pg_dump") or list(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))
    pg_dump = shutil.which("pg_dump") or str(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))[-1])
    dump = subprocess.run(
        [pg_dump, "--dbname", owner.replace("postgresql+psycopg", "postgresql")],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert "account_secrets" in dump and "account_key_copies" in dump  # the encrypted token is in it
    for place, text in [
        ("pg_dump av teamdatabasen", dump),
        ("loggen", caplog.text),
        ("utskrifterna", "".join(seen)),
        ("exporterna", (tmp_path / "links.csv").read_text()),
    ]:
        assert secret not in text, f"token i {place}"
        assert secret[5:25] not in text, f"del av token i {place}"
        assert "PRIVATE KEY" not in text, f"privat nyckel i {place}"
