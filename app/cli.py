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

# The subcommands: name -> (the module that registers it, its line in `granska --help`). Only the
# module of the command being run is imported, so `granska --help` loads no database layer and each
# command only what it needs. A new subcommand: one line here, and in its module a
# `register(subparsers)` that adds a parser of that name with the same help and sets `handler`
# (which takes args and returns an exit code). tests/test_cli.py checks that the two agree.
COMMANDS: dict[str, tuple[str, str]] = {
    "accounts": ("app.commands.accounts", "kontoregistret: kommunens kanaler"),
    "demo": ("app.commands.items", "fyll databasen med realistiska demodata"),
    "import": ("app.commands.items", "importera inlägg och kommentarer från en JSON Lines-fil"),
    "queue": ("app.commands.items", "lista kön, den som väntat längst först"),
    "export": ("app.commands.export", "export till registratorn"),
    "import-dnr": ("app.commands.export", "läs in diarienummer som registratorn fyllt i"),
    "package": ("app.commands.export", "bevispaket (ZIP) för en eller flera poster, eller kontroll av ett"),
    "archive": ("app.commands.export", "arkivet: allt som sparats, utan nätverk"),
    "credentials": ("app.commands.credentials", "plattformarnas token i operativsystemets nyckelring"),
    "sync": ("app.commands.credentials", "hämta nya och ändrade kommentarer från plattformarna"),
    "admins": ("app.commands.register", "administratörerna och deras kontaktuppgifter"),
    "add-item": ("app.commands.manual", "lägg till en post för hand (t.ex. från internwebben)"),
    "mail": ("app.commands.mail", "e-postserver (SMTP) och kommunikationschefens adress"),
    "remove": ("app.commands.moderation",
               "ta bort en kommentar: bevis, beslut, plattform, diarieföring, meddelande"),
    "register": ("app.commands.moderation", "diarieför en post, eller sätt diarienumret (registratorn)"),
    "notify": ("app.commands.moderation", "publicera meddelandet i tråden, eller eskalera till chef"),
    "keep": ("app.commands.moderation", "godkänn en post: den får stå kvar"),
    "retry": ("app.commands.moderation", "gör om steg som väntar på plattformen eller avbröts"),
    "audit": ("app.commands.moderation", "granskningsloggen"),
    "gallra": ("app.commands.moderation", "gallra gamla poster som varken är diarieförda eller bevis"),
    "screenshot": ("app.commands.screenshots", "ta en skärmdump av en kontosida och arkivera den"),
    "screenshots": ("app.commands.screenshots", "skärmdumpar av kontosidorna: schema, export, utskick"),
    "db": ("app.commands.db_files", "databasen: filer som flyttats undan som skadade"),
    "whoami": ("app.commands.team", "vem du är i databasen, dina roller och dina konton"),
    "login": ("app.commands.team", "skapa ditt nyckelpar för teamdatabasens token "
              "(den privata nyckeln finns bara i din nyckelring)"),
    "answer": ("app.commands.answer", "svara på en fråga (genom plattformen, eller publicerat för hand)"),
    "stats": ("app.commands.stats", "statistik: svarstider mot svarslöftet, borttagningar, diarieföringar"),
    "report": ("app.commands.stats", "årets utvärdering av närvaron i sociala medier (PDF eller xlsx)"),
    "offline": ("app.commands.offline", "den lokala kopian och beslut sparade offline"),
}  # fmt: skip
COMMAND_MODULES = list(dict.fromkeys(module for module, _help in COMMANDS.values()))
_GLOBAL_WITH_VALUE = {"--db"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"{self.prog}: fel: {message} (se {self.prog} --help)\n")


def command_named(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` asks for (its first word that is not an option), if any."""
    words = iter(argv)
    for word in words:
        if word in _GLOBAL_WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(command: str | None = None, *, every: bool = True) -> argparse.ArgumentParser:
    """The whole command line (`every`), or only `command`'s module with the other commands
    as bare names: enough to run it, to print `granska --help` and to refuse a wrong name."""
    from app.commands import argparse_sv

    argparse_sv.install()  # argparse's own words (usage, headings, errors) in Swedish
    parser = _Parser(
        prog="granska",
        description=f"{APP_NAME}: modereringskonsol för kommunens sociala medier. "
        "Utan underkommando öppnas fönstret.",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="visa versionen och avsluta"
    )
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
    if every:
        modules = COMMAND_MODULES
    else:
        modules = [COMMANDS[command][0]] if command in COMMANDS else []
    for module in modules:
        importlib.import_module(module).register(subparsers)
    for name, (_module, help_text) in COMMANDS.items():
        if name not in subparsers.choices:
            subparsers.add_parser(name, help=help_text)
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
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(command_named(argv), every=False)
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
