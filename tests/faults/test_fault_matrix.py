"""#12.5: every command that writes × every fault that can strike it (refused input, an
exception in the middle, kill -9, a full disk, a locked database). After each: the command
again, `retry`, a new item and a search (intake works), and `audit verify`; nothing that was
there before is lost. SQLite the whole matrix; PostgreSQL the faults it shares with SQLite
for a representative set of commands (a full disk and SQLite's file lock have no PostgreSQL
counterpart that a test can cause here).

Kill and exception points come from the GRANSKA_FAULT seam (app/models/faults.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

import app.commands.credentials as credentials
import app.services.accounts.platforms as platforms
from app.cli import main
from app.models.db import open_database
from app.models.faults import InjectedFault
from app.services.queue.listing import QueueFilter, QueueService
from tests.faults.runner import _sync_registry
from tests.faults.scenario import TABLES, A, B, C, D, E, G, World, commands, counts, run_killed, seed
from tests.helpers.colour_window import show_colour_window
from tests.helpers.locks import Holder
from tests.helpers.platform import FakePlatform, fake_registry
from tests.helpers.platforms import running

COMMANDS = [
    "import",
    "add-item",
    "sync",
    "remove",
    "register",
    "notify",
    "keep",
    "export",
    "screenshot",
    "gallra",
    "import-dnr",
]
FAULTS = ["refused", "raise", "kill", "full", "locked"]


@pytest.fixture(scope="module")
def servers():
    with FakePlatform() as fake, running("facebook") as sync:
        yield fake, sync


@pytest.fixture(scope="module")
def sqlite_template(servers, tmp_path_factory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("matrix")
    with pytest.MonkeyPatch.context() as mp:
        _patch(mp, folder)
        world = seed(f"sqlite:///{folder / 'granska.db'}", folder / "files", servers[0].url, servers[1])
    return folder / "granska.db", folder / "files", world.token


def _patch(mp: pytest.MonkeyPatch, home: Path) -> None:
    mp.setattr(platforms, "connector_registry", fake_registry)
    mp.setattr(credentials, "keyring_registry", _sync_registry)
    mp.setenv("GRANSKA_USER", "testare")
    mp.delenv("GRANSKA_FAULT", raising=False)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        (home / var).mkdir(exist_ok=True)
        mp.setenv(var, str(home / var))


def granska(capsys, world: World, args: tuple[str, ...]) -> tuple[int | str, str]:
    try:
        code: int | str = main(world.argv(*args))
    except InjectedFault:
        code = "crash"
    _out, err = capsys.readouterr()
    return code, err


def strike(fault: str, cmd, world: World, folder: Path, capsys, monkeypatch, request) -> None:
    """The command under the fault; asserts it failed the way it should."""
    if fault == "refused":
        before = counts(world.url)
        code, err = granska(capsys, world, cmd.refused)
        assert code == 2 and "Traceback" not in err, (code, err)
        assert counts(world.url) == before
    elif fault == "raise":
        monkeypatch.setenv("GRANSKA_FAULT", f"raise@{cmd.strike_at(world.url)}")
        code, err = granska(capsys, world, cmd.good)
        monkeypatch.delenv("GRANSKA_FAULT")
        assert code not in cmd.done, (code, err)  # the fault struck
    elif fault == "kill":
        done = run_killed(world, cmd.good, f"kill@{cmd.strike_at(world.url)}")
        assert done.returncode == -9, done.stderr
    elif fault == "full":
        disk = request.getfixturevalue("small_disk")
        disk.fill()
        code, err = granska(capsys, world, cmd.good)
        disk.make_room()
        assert code == 1 and "disken är full" in err and "Traceback" not in err, (code, err)
    elif fault == "locked":
        holder = Holder(folder / "granska.db", ["BEGIN IMMEDIATE"])  # another writer, busy
        try:
            code, err = granska(capsys, world, cmd.good)
        finally:
            holder.release()
        assert code == 1 and "låst av ett annat program" in err and "Traceback" not in err, (code, err)


def scalar(url: str, sql: str) -> object:
    db = open_database(url)
    try:
        with db.engine.connect() as con:
            return con.execute(text(sql)).scalar()
    finally:
        db.dispose()


# What each command leaves when it is done, checked after the fault and the retry.
DONE = {
    "import": "SELECT count(*) = 6000 FROM items WHERE external_id LIKE 'm%'",
    "add-item": "SELECT count(*) >= 1 FROM items WHERE text = 'Matristillägg om badbussen'",
    "sync": "SELECT count(*) >= 7 FROM items JOIN accounts ON accounts.id = items.account_id "
    "WHERE accounts.key = 'fbsync'",
    "remove": f"SELECT count(*) = 1 FROM evidence WHERE item_id = {A}",
    "register": f"SELECT count(*) = 1 FROM registrations WHERE item_id = {B}",
    "notify": f"SELECT count(*) >= 1 FROM notices WHERE item_id = {C}",
    "keep": f"SELECT count(*) = 1 FROM decisions WHERE item_id = {D}",
    "screenshot": "SELECT count(*) = 1 FROM screenshots",
    "gallra": f"SELECT text = '' FROM items WHERE id = {G}",
    "import-dnr": f"SELECT diarienummer = 'KS 2026/77' FROM registrations WHERE item_id = {E}",
}


def then_intake_works(name: str, cmd, world: World, folder: Path, before: dict[str, int], capsys) -> None:
    after_fault = counts(world.url)
    lost = {t: (before[t], after_fault[t]) for t in TABLES if after_fault[t] < before[t]}
    assert not lost, f"rows lost: {lost}"
    if name != "gallra":
        assert after_fault["kept_texts"] >= before["kept_texts"]
    code, err = granska(capsys, world, cmd.good)  # the next ordinary command: the same again
    assert code in (*cmd.done, 2) and "Traceback" not in err, (code, err)
    code, err = granska(capsys, world, ("retry", "--now"))
    assert code in (0, 3), err
    if name == "export":
        assert (folder / "ut.xlsx").read_bytes().startswith(b"PK")
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    else:
        assert scalar(world.url, DONE[name]), f"{name} not done after the retry"
    assert granska(capsys, world, ("add-item", "intra", "--text", "Efterkontroll om badbussen"))[0] == 0
    db = open_database(world.url)
    try:
        found = QueueService(db.sessions).page(QueueFilter(search="efterkontroll badbussen"))
    finally:
        db.dispose()
    assert [r.author_name for r in found] == [""]
    code, err = granska(capsys, world, ("audit", "verify"))
    assert code == 0, capsys.readouterr().out + err


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("name", COMMANDS)
def test_sqlite(name, fault, sqlite_template, tmp_path, capsys, monkeypatch, request):
    db_file, files, token = sqlite_template
    folder = request.getfixturevalue("small_disk").path if fault == "full" else tmp_path / "db"
    folder.mkdir(exist_ok=True)
    shutil.copy(db_file, folder / "granska.db")
    _patch(monkeypatch, tmp_path)
    monkeypatch.setenv("FAULT_TOKEN", token)
    world = World(f"sqlite:///{folder / 'granska.db'}", files, token)
    cmd = commands(files, folder)[name]
    if name == "screenshot":  # something on the (Xvfb) screen: a black picture is refused
        window = show_colour_window(request.getfixturevalue("qtbot"))  # noqa: F841 - held
    before = counts(world.url)
    strike(fault, cmd, world, folder, capsys, monkeypatch, request)
    then_intake_works(name, cmd, world, folder, before, capsys)


@pytest.mark.postgres
@pytest.mark.parametrize("fault", ["refused", "raise", "kill"])
@pytest.mark.parametrize("name", ["import", "add-item", "remove", "register", "export"])
def test_postgresql(name, fault, servers, postgres, tmp_path, capsys, monkeypatch, request):
    if postgres is None:
        pytest.skip("PostgreSQL is not running (GRANSKA_TEST_PG_URL unset): use scripts/test")
    database = postgres.create()
    try:
        _patch(monkeypatch, tmp_path)
        world = seed(postgres.url_for(database), tmp_path / "files", servers[0].url, servers[1])
        monkeypatch.setenv("FAULT_TOKEN", world.token)
        cmd = commands(world.files, tmp_path)[name]
        before = counts(world.url)
        strike(fault, cmd, world, tmp_path, capsys, monkeypatch, request)
        then_intake_works(name, cmd, world, tmp_path, before, capsys)
    finally:
        postgres.drop(database)
