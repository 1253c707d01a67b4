"""The command line: `granska` opens the window; subcommands run the same services headless.

Exit codes: 0 done; 1 the environment failed (database, network); 2 bad input, nothing changed;
3 partly done and waiting (e.g. a removal saved but pending on the platform).
"""

from __future__ import annotations

import argparse
import importlib
import io
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from app.core.errors import EnvironmentFault, InputError
from app.version import APP_NAME, __version__

EXIT_OK, EXIT_ENVIRONMENT, EXIT_INPUT, EXIT_PENDING = 0, 1, 2, 3

# Each module has `register(subparsers)`; its handlers take (args) and return an exit code.
COMMAND_MODULES = [
    "app.commands.accounts",
    "app.commands.items",
    "app.commands.export",
    "app.commands.credentials",
    "app.commands.register",
    "app.commands.manual",
    "app.commands.mail",
    "app.commands.moderation",
    "app.commands.screenshots",
    "app.commands.database",
    "app.commands.team",
    "app.commands.offline",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"{self.prog}: fel: {message} (se {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="granska",
        description=f"{APP_NAME}: modereringskonsol för kommunens sociala medier. "
        "Utan underkommando öppnas fönstret.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="databasens adress (SQLAlchemy-URL); annars GRANSKA_DB "
        "eller en SQLite-fil i användarens datamapp",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="skriv ut mer om vad som händer")
    parser.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="fyll en tom databas med demodata innan fönstret öppnas",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="kontrollera installationen: starta utan skärm på "
        "en tillfällig databas (eller --db), öppna fönstret, prova databasen och nyckelringen, "
        "skriv en kort rapport och avsluta (0 = allt fungerade)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _window_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """`granska [--db URL] [--demo-if-empty] [-v]`: the window, without building the full
    parser, which imports every command and the database layer before the window can show."""
    quick = argparse.ArgumentParser(add_help=False)
    quick.add_argument("--db")
    quick.add_argument("--verbose", "-v", action="store_true")
    quick.add_argument("--demo-if-empty", action="store_true")
    try:
        args, rest = quick.parse_known_args(argv)
    except SystemExit:
        return None
    return None if rest else args


def write_utf8() -> None:
    """Piped or redirected output on Windows is in the ANSI code page (cp1252), which cannot hold
    an emoji from a comment: the command line writes UTF-8 whatever the console."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.replace("-", "").lower() != "utf8":
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    write_utf8()
    window = _window_only(sys.argv[1:] if argv is None else argv)
    if window is not None:
        logging.basicConfig(
            level=logging.INFO if window.verbose else logging.WARNING,
            format="%(levelname)s %(name)s: %(message)s",
        )
        from app.ui.main import run_gui

        return run_gui(window.db, demo_if_empty=window.demo_if_empty)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (already printed)
        return int(exc.code or 0)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.smoke_test:
        from app.smoke import run_smoke_test

        return run_smoke_test(args.db)
    if args.command is None:
        from app.ui.main import run_gui

        return run_gui(args.db, demo_if_empty=args.demo_if_empty)
    from app.commands import close_databases
    from app.models.db import DatabaseError

    try:
        return int(args.handler(args))
    except InputError as exc:
        print(f"granska: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except (DatabaseError, EnvironmentFault) as exc:
        print(f"granska: {exc}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except KeyboardInterrupt:
        print("granska: avbrutet", file=sys.stderr)
        return 130
    except Exception as exc:
        message = _environment_message(args.db, exc)
        if message is None:
            raise
        print(f"granska: {message}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    finally:
        close_databases()


def _environment_message(db: str | None, exc: Exception) -> str | None:
    """A database that is locked, read-only or full in the middle of a command is the
    environment's fault: one clear line, not a traceback."""
    from sqlalchemy.exc import OperationalError

    if not isinstance(exc, OperationalError):
        return None
    from app.models.db import environment_message, resolve_url, sqlite_file

    url = resolve_url(db)
    where = sqlite_file(url) or url.render_as_string(hide_password=True)
    if url.get_backend_name() == "postgresql":
        from app.models.db_errors import postgres_cause
        from app.models.pg_timeouts import DatabaseUnreachable, unreachable

        if unreachable(exc):
            return str(DatabaseUnreachable.for_url(url, exc)).replace("Ingenting har ändrats.", "") + (
                "Det som inte hann sparas har inte ändrats."
            )

        cause = postgres_cause(exc)
        said = (str(exc.orig).splitlines() or [""])[0]  # the server's words, not the SQL after them
        return (
            f"Databasservern {where} kunde inte slutföra arbetet: "
            f"{f'{cause} ({said})' if cause else said}. "
            "Det som inte hann sparas har inte ändrats."
        )
    return environment_message(where, exc)


if __name__ == "__main__":
    sys.exit(main())
