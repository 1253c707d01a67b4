"""The command line starts quickly because each command loads only its own module (app/cli.py
COMMANDS); bench/cli.py measures the time."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys

import pytest

from app.cli import COMMANDS, build_parser, main


def _registered(module: str) -> dict[str, str | None]:
    subparsers = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(module).register(subparsers)
    return {action.dest: action.help for action in subparsers._choices_actions}


def test_the_command_table_says_what_each_module_registers():
    """A command added to a module but not to the table (or with another help line) would be
    missing from `granska --help` or unreachable."""
    from_modules: dict[str, tuple[str, str | None]] = {}
    for module in dict.fromkeys(m for m, _help in COMMANDS.values()):
        for name, help_text in _registered(module).items():
            from_modules[name] = (module, help_text)
    assert from_modules == COMMANDS


def _modules_loaded_by(*argv: str, tmp_path) -> set[str]:
    script = (
        "import io, json, sys, contextlib\n"
        "from app.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({list(argv)!r})\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "GRANSKA_DB": f"sqlite:///{tmp_path / 'startup.db'}"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_loads_no_database_layer_and_lists_every_command(tmp_path, capsys):
    loaded = _modules_loaded_by("--help", tmp_path=tmp_path)
    heavy = {"sqlalchemy", "alembic", "openpyxl", "keyring", "httpx", "PySide6", "app.models"}
    assert not heavy & {name.split(".")[0] if not name.startswith("app.") else name for name in loaded}
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name, (_module, help_text) in COMMANDS.items():
        assert name in out and help_text.split()[0] in out


HEAVY = {"openpyxl", "keyring", "httpx", "alembic", "holidays", "pydantic", "PySide6", "app.commands.export"}


def test_queue_loads_neither_the_spreadsheet_nor_the_keyring_nor_the_network(tmp_path, capsys):
    """On a database whose schema is current: no migration tool either; and on a workstation's
    file not even SQLAlchemy (app/services/queue/quick.py): bench/cli.py's `queue` goal."""
    assert main(["--db", f"sqlite:///{tmp_path / 'startup.db'}", "demo", "--items", "20"]) == 0
    loaded = _modules_loaded_by("queue", "--json", tmp_path=tmp_path)
    assert "app.services.queue.quick" in loaded
    assert not {"sqlalchemy", "app.models.items", *HEAVY} & loaded
    for asked in (
        ["--search", "simhallen"],
        ["--status", "new", "--status", "flagged", "--status", "registered"],
        ["--account", "facebook", "--search", "öppnar"],
    ):
        loaded = _modules_loaded_by("queue", "--json", *asked, tmp_path=tmp_path)
        assert "app.services.queue.quick" in loaded and "sqlalchemy" not in loaded, asked
    loaded = _modules_loaded_by("queue", "--json", "--all-accounts", tmp_path=tmp_path)
    assert "sqlalchemy" in loaded and "app.services.queue.listing" in loaded  # the whole way
    assert not HEAVY & loaded


def test_a_wrong_command_name_is_refused_with_the_list_of_commands(capsys):
    assert main(["qeue"]) == 2
    err = capsys.readouterr().err
    assert "qeue" in err and "queue" in err


@pytest.mark.parametrize("argv", [["--db", "sqlite:///x.db", "queue"], ["-v", "queue"], ["queue", "--json"]])
def test_the_command_is_found_after_global_options(argv):
    from app.cli import command_named

    assert command_named(argv) == "queue"
    assert build_parser("queue", every=False).parse_args(argv).handler.__module__ == "app.commands.items"
