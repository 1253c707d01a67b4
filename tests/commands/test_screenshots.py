from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from app.cli import main
from tests.helpers.ci import X11_ONLY
from tests.helpers.colour_window import BAND_WIDTH, BANDS, HEIGHT, LEFT, TOP, show_colour_window
from tests.helpers.mailbox import Mailbox
from tests.services.test_screen_capture import decode_png


@pytest.fixture
def db(tmp_path, capsys):
    argv = ["--db", f"sqlite:///{tmp_path / 'cli.db'}"]
    assert (
        main(
            [
                *argv,
                "accounts",
                "add",
                "fb",
                "--platform",
                "facebook",
                "--name",
                "Vadstena kommun",
                "--url",
                "https://facebook.com/vadstena",
            ]
        )
        == 0
    )
    capsys.readouterr()
    return argv


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@X11_ONLY
def test_screenshot_of_a_region_is_filed_and_exported_with_the_same_pixels(qtbot, capsys, db, tmp_path):
    window = show_colour_window(qtbot)  # held: PySide deletes a window nobody refers to
    region = f"{LEFT},{TOP},{BAND_WIDTH * 3},{HEIGHT}"
    code, out, err = run(
        capsys, *db, "screenshot", "fb", "--region", region, "--reason", "change", "--note", "Ny omslagsbild"
    )
    window.close()
    assert code == 0, err
    assert "Skärmdump 1 av fb sparad: 240×120" in out
    code, out, _ = run(capsys, *db, "screenshots", "list", "--json")
    [listed] = json.loads(out)
    assert (listed["reason"], listed["note"], listed["taken_by"]) == ("change", "Ny omslagsbild", "testare")
    code, out, _ = run(capsys, *db, "screenshots", "export", "--output", str(tmp_path / "ut"))
    [png_path] = [line for line in out.splitlines() if line.endswith(".png")]
    png = Path(png_path).read_bytes()
    assert hashlib.sha256(png).hexdigest() == listed["sha256"]
    width, height, rgb = decode_png(png)
    row = b"".join(bytes(colour) * BAND_WIDTH for colour in BANDS)
    assert (width, height) == (240, 120) and rgb == row * HEIGHT


def test_due_lists_the_never_photographed_account_as_due(capsys, db):
    code, out, _ = run(capsys, *db, "screenshots", "due", "--json")
    [due] = json.loads(out)
    assert code == 0 and due["account"] == "fb" and due["due"] and due["last_taken_at"] is None
    code, out, _ = run(capsys, *db, "screenshots", "due")
    assert "fb" in out and "aldrig" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["screenshot", "nope"],
        ["screenshot", "fb", "--region", "1,2,3"],
        ["screenshot", "fb", "--region", "1200,700,200,200"],
        ["screenshot", "fb", "--monitor", "9"],
        ["screenshot", "fb", "--reason", "bogus"],
        ["screenshot", "fb", "--delay", "-1"],
        ["screenshot", "fb", "--open-page", "--delay", "9999"],
        ["screenshots", "send", "1"],
        ["screenshots", "mark-sent", "1", "--to", "chef@vadstena.se"],
        ["screenshots", "interval", "fb", "0"],
        ["screenshots", "export", "--output", "ut"],
        ["mail", "set", "--sender", "ingen-adress"],
        ["mail", "set"],
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, db, argv):
    code, _, err = run(capsys, *db, *argv)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("granska")
    code, out, _ = run(capsys, *db, "screenshots", "list", "--json")
    assert json.loads(out) == []


@X11_ONLY
def test_without_a_display_the_command_says_so_and_exits_1(tmp_path, db):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", *db, "screenshot", "fb"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("granska: Ingen skärm") and "Traceback" not in result.stderr


@X11_ONLY
def test_a_black_screen_is_not_filed_as_the_years_picture(capsys, db):
    # Nothing is shown at this corner of pytest-xvfb's screen: the bare, black root window.
    code, _, err = run(capsys, *db, "screenshot", "fb", "--region", "1200,740,80,60")
    assert code == 1 and "helt svart" in err
    assert json.loads(run(capsys, *db, "screenshots", "list", "--json")[1]) == []


@pytest.fixture
def filed(qtbot, capsys, db):
    window = show_colour_window(qtbot)
    assert run(capsys, *db, "screenshot", "fb", "--region", f"{LEFT},{TOP},{BAND_WIDTH},{HEIGHT}")[0] == 0
    window.close()
    return db


@X11_ONLY
def test_send_over_smtp_records_the_recipient(capsys, filed, monkeypatch):
    with Mailbox() as box:
        assert (
            run(
                capsys,
                *filed,
                "mail",
                "set",
                "--host",
                "127.0.0.1",
                "--port",
                str(box.port),
                "--security",
                "none",
                "--sender",
                "granska@vadstena.se",
                "--head-of-communications",
                "chef@vadstena.se",
            )[0]
            == 0
        )
        code, out, err = run(capsys, *filed, "mail", "test")
        assert code == 0 and "fungerar" in out, err
        code, out, err = run(capsys, *filed, "screenshots", "send", "1")
    assert code == 0 and "chef@vadstena.se" in out, err
    [attachment] = list(box.messages[0].iter_attachments())
    shot = json.loads(run(capsys, *filed, "screenshots", "list", "--json")[1])[0]
    assert hashlib.sha256(attachment.get_content()).hexdigest() == shot["sha256"]
    assert shot["sent_to"] == "chef@vadstena.se" and shot["sent_at"]


@X11_ONLY
def test_eml_then_mark_sent_then_the_years_record(capsys, filed, tmp_path):
    code, out, _ = run(
        capsys,
        *filed,
        "screenshots",
        "send",
        "1",
        "--eml",
        str(tmp_path / "brev.eml"),
        "--to",
        "chef@vadstena.se",
    )
    assert code == 0 and "mark-sent" in out
    message = message_from_bytes((tmp_path / "brev.eml").read_bytes(), policy=policy.default)
    assert message["To"] == "chef@vadstena.se" and len(list(message.iter_attachments())) == 1
    assert json.loads(run(capsys, *filed, "screenshots", "list", "--json")[1])[0]["sent_to"] is None
    assert run(capsys, *filed, "screenshots", "mark-sent", "1", "--to", "chef@vadstena.se")[0] == 0
    year = json.loads(run(capsys, *filed, "screenshots", "list", "--json")[1])[0]["taken_at_local"][:4]
    code, out, _ = run(capsys, *filed, "screenshots", "record", year, "--output", str(tmp_path / "akt"))
    text = Path(out.strip()).read_text(encoding="utf-8")
    assert code == 0 and "till chef@vadstena.se" in text and "Alla aktiva konton" in text


@pytest.mark.keyring
def test_the_mail_password_is_read_from_stdin_into_the_keyring(capsys, db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Lösenord-från-stdin\n"))
    code, out, _ = run(capsys, *db, "mail", "password")
    try:
        assert code == 0 and "nyckelringen" in out
        code, out, _ = run(capsys, *db, "mail", "show", "--json")
        assert "Lösenord-från-stdin" not in out
    finally:
        code, out, _ = run(capsys, *db, "mail", "password", "--forget")
    assert code == 0 and "borttaget" in out


def test_every_screenshot_and_mail_subcommand_has_help(capsys):
    for argv in (
        ["screenshot"],
        ["screenshots", "due"],
        ["screenshots", "list"],
        ["screenshots", "export"],
        ["screenshots", "record"],
        ["screenshots", "send"],
        ["screenshots", "mark-sent"],
        ["screenshots", "interval"],
        ["screenshots", "monitors"],
        ["mail", "show"],
        ["mail", "set"],
        ["mail", "password"],
        ["mail", "test"],
    ):
        assert main([*argv, "--help"]) == 0
        assert "användning" in capsys.readouterr().out
