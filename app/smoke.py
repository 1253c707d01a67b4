"""`granska --smoke-test`: does this installation run here?

Starts the application headless when there is no screen, on a temporary database (or the one
given with --db), opens the main window, makes one round trip through the database and, when a
keyring is available, through the keyring, and prints a short report. Exit 0 when everything
worked; 1 naming what failed. CI runs it on the frozen PyInstaller bundle; an administrator can
run it after installing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.version import APP_NAME, __version__

EXIT_OK, EXIT_FAILED = 0, 1
# A keyring that waits for an unlock prompt nobody answers must not hang the test forever.
KEYRING_TIMEOUT_S = 30.0
WINDOW_TIMEOUT_S = 60.0
WATCHDOG_S = 180.0
# Qt messages that say nothing about the installation.
HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)

OK, FAILED, SKIPPED = "ok", "FEL", "hoppades över"


@dataclass
class CheckResult:
    name: str
    status: str
    detail: str
    at: float  # seconds since start (see Clock) when the check finished

    def line(self) -> str:
        return f"{self.status:<14}{self.name}: {self.detail} [{self.at:.2f} s]"


class SmokeFailure(Exception):
    """A check failed; the message says how, in Swedish."""


class SmokeSkip(Exception):
    """A check could not run here (e.g. no keyring) without that being the installation's fault."""


def process_age() -> float | None:
    """Seconds since this process was started, so start-up time includes the bootloader and the
    imports. Read from /proc on Linux and from GetProcessTimes on Windows; None elsewhere."""
    if os.name == "nt":
        return _windows_process_age()
    try:
        stat = Path("/proc/self/stat").read_text()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError):
        return None
    # Field 22 (starttime) counts clock ticks since boot; the command name before it may hold spaces.
    fields = stat.rsplit(")", 1)[1].split()
    return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))


def _windows_process_age() -> float | None:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.GetProcessTimes.argtypes = (wintypes.HANDLE, *[ctypes.POINTER(wintypes.FILETIME)] * 4)
    kernel32.GetProcessTimes.restype = wintypes.BOOL
    times = [wintypes.FILETIME() for _ in range(4)]  # creation, exit, kernel, user
    now = wintypes.FILETIME()
    if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), *(ctypes.byref(t) for t in times)):
        return None
    kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))

    def ticks(t: wintypes.FILETIME) -> int:  # 100 ns since 1601
        return (t.dwHighDateTime << 32) | t.dwLowDateTime

    return max(0.0, (ticks(now) - ticks(times[0])) / 1e7)


class Clock:
    """Seconds since the process started (or, where that is unknown, since the smoke test did)."""

    def __init__(self) -> None:
        age = process_age()
        self.from_process_start = age is not None
        self._offset = age or 0.0
        self._t0 = time.perf_counter()

    def now(self) -> float:
        return self._offset + time.perf_counter() - self._t0

    @property
    def origin(self) -> str:
        return "processstart" if self.from_process_start else "röktestets start"


class SmokeTest:
    def __init__(self, db_url: str | None, *, out: Callable[[str], None] | None = None) -> None:
        self._db_url = db_url
        self._out = out or (lambda text: print(text, flush=True))
        self.clock = Clock()
        self.results: list[CheckResult] = []
        self.window_shown_at: float | None = None
        self._qt_messages: list[str] = []

    # -- running the checks ---------------------------------------------------------------

    def run(self) -> int:
        _start_watchdog(self._out)
        if _needs_offscreen():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(self._on_qt_message)
        frozen = "ja" if getattr(sys, "frozen", False) else "nej"
        self._out(
            f"{APP_NAME} {__version__} – röktest (fryst: {frozen}; tider räknas från "
            f"{self.clock.origin}, nu {self.clock.now():.2f} s)"
        )
        with tempfile.TemporaryDirectory(prefix="granska-smoke-", ignore_cleanup_errors=True) as tmp:
            url = self._db_url or f"sqlite:///{Path(tmp) / 'granska.db'}"
            db = self._check("databas", lambda: self._database_round_trip(url))
            self._check("resurser", self._resources)
            self._check("översättningar", self._translations)
            self._check("tidszon", _time_zone)
            self._check("textkodning", _text_encoding)
            self._check("postgresql-drivrutin", _postgres_driver)
            self._check("nyckelring", _keyring_round_trip)
            if db is not None:
                _keep_user_window_state(Path(tmp))
                self._check("huvudfönster", lambda: self._main_window(db))
                db.dispose()
            else:
                self._record("huvudfönster", SKIPPED, "ingen databas att visa")
            self._check("Qt-meddelanden", self._qt_warnings)
        return self._summary()

    def _check(self, name: str, step: Callable[[], Any]) -> Any:
        """Run one check; its return value is (detail, value) or a detail string."""
        try:
            outcome = step()
        except SmokeSkip as exc:
            self._record(name, SKIPPED, str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none crashes the test
            self._record(name, FAILED, f"{type(exc).__name__}: {exc}")
            return None
        detail, value = outcome if isinstance(outcome, tuple) else (outcome, None)
        self._record(name, OK, detail)
        return value

    def _record(self, name: str, status: str, detail: str) -> None:
        result = CheckResult(name, status, detail, self.clock.now())
        self.results.append(result)
        self._out(result.line())

    def _summary(self) -> int:
        finished = self.clock.now()
        shown = f"{self.window_shown_at:.2f} s" if self.window_shown_at is not None else "–"
        self._out(
            f"Start till fönster: {shown}; röktestet klart: {finished:.2f} s "
            f"(räknat från {self.clock.origin})."
        )
        failed = [r.name for r in self.results if r.status == FAILED]
        if failed:
            self._out(f"Röktest: underkänt ({', '.join(failed)})")
            return EXIT_FAILED
        self._out("Röktest: godkänt")
        return EXIT_OK

    # -- the checks -----------------------------------------------------------------------

    def _database_round_trip(self, url: str) -> tuple[str, Any]:
        from sqlalchemy import text

        from app.models import Setting
        from app.models.db import open_database
        from app.services.settings import SettingsService

        started = time.perf_counter()
        db = open_database(url)
        try:
            with db.sessions() as session:
                revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            key, value = f"smoke-test:{uuid.uuid4().hex}", {"token": uuid.uuid4().hex}
            settings = SettingsService(db.sessions)
            settings.set(key, value)
            read_back = settings.get(key)
            with db.sessions.begin() as session:
                session.delete(session.get(Setting, key))
            gone = settings.get(key) is None
        except Exception:
            db.dispose()
            raise
        if read_back != value or not gone:
            db.dispose()
            raise SmokeFailure(f"skrev {value!r}, läste {read_back!r}, borttagen: {gone}")
        took = time.perf_counter() - started
        detail = f"{db.dialect}, schema {revision}, skriva/läsa/radera en inställning ({took:.2f} s)"
        return detail, db

    def _resources(self) -> str:
        from app.resources import resource_path
        from app.services.intake.rules import RuleSet

        rules = RuleSet.from_directory(resource_path("rules"))
        if not rules.lists:
            raise SmokeFailure(f"inga ordlistor i {resource_path('rules')}")
        icon = resource_path("icons", "granska.svg")
        if not icon.is_file():
            raise SmokeFailure(f"appikonen saknas: {icon}")
        return f"{len(rules.lists)} ordlistor och appikonen i {resource_path()}"

    def _translations(self) -> str:
        from PySide6.QtCore import QTranslator

        from app.resources import resource_path

        compiled = sorted(resource_path("translations").glob("*.qm"))
        broken = [qm.name for qm in compiled if not QTranslator().load(str(qm))]
        if broken:
            raise SmokeFailure(f"kan inte läsas: {', '.join(broken)}")
        return ", ".join(qm.stem for qm in compiled) if compiled else "inga kompilerade (.qm) att läsa"

    def _main_window(self, db: Any) -> str:
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication

        from app.resources import resource_path
        from app.ui.main_window import MainWindow
        from app.version import ORGANIZATION

        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setOrganizationName(ORGANIZATION)
        icon = QIcon(str(resource_path("icons", "granska.svg")))
        if icon.pixmap(64, 64).isNull():
            raise SmokeFailure("appikonen (SVG) kan inte ritas: saknas Qt:s SVG-insticksprogram?")
        app.setWindowIcon(icon)

        shown: list[float] = []

        class FirstPaint(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
                if event.type() == QEvent.Type.Paint and not shown:
                    shown.append(clock.now())
                    QTimer.singleShot(0, app.quit)
                return False

        clock = self.clock
        window = MainWindow(db)
        watcher = FirstPaint()
        window.installEventFilter(watcher)
        QTimer.singleShot(int(WINDOW_TIMEOUT_S * 1000), app.quit)
        window.show()
        app.exec()
        window.removeEventFilter(watcher)
        platform = app.platformName()
        window.close()
        window.deleteLater()
        app.processEvents()
        if not shown:
            raise SmokeFailure(f"fönstret ritades inte inom {WINDOW_TIMEOUT_S:.0f} s ({platform})")
        self.window_shown_at = shown[0]
        return f"visat {shown[0]:.2f} s efter {clock.origin} (Qt-plattform {platform})"

    def _on_qt_message(self, mode: Any, _context: Any, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if any(harmless in message for harmless in HARMLESS_QT_MESSAGES):
            return
        self._qt_messages.append(message)

    def _qt_warnings(self) -> str:
        if self._qt_messages:
            raise SmokeFailure(" | ".join(self._qt_messages[:5]))
        return "inga varningar"


def _time_zone() -> str:
    import zoneinfo
    from datetime import UTC, datetime

    local = datetime(2026, 7, 1, 10, 0, tzinfo=UTC).astimezone(zoneinfo.ZoneInfo("Europe/Stockholm"))
    if local.hour != 12:
        raise SmokeFailure(f"10:00 UTC blev {local:%H:%M} i Europe/Stockholm, inte 12:00")
    system = any((Path(p) / "Europe" / "Stockholm").is_file() for p in zoneinfo.TZPATH)
    return f"Europe/Stockholm ({'systemets tidszonsdata' if system else 'paketet tzdata'})"


def _text_encoding() -> str:
    # The frozen app runs in Python's UTF-8 mode (packaging/granska.spec): files and pipes are
    # UTF-8 even where Windows' ANSI code page is cp1252.
    mode = "UTF-8-läge" if sys.flags.utf8_mode else "utan UTF-8-läge"
    if getattr(sys, "frozen", False) and not sys.flags.utf8_mode:
        raise SmokeFailure("det frysta programmet kör inte i Pythons UTF-8-läge")
    return f"{mode}, utdata {getattr(sys.stdout, 'encoding', None) or 'ingen'}"


def _postgres_driver() -> str:
    import psycopg

    return f"psycopg {psycopg.__version__}, libpq {psycopg.pq.version()} ({psycopg.pq.__impl__})"


def _keyring_round_trip() -> str:
    import keyring

    from app.services.accounts.credentials import CredentialStore

    store = CredentialStore()
    backend = type(keyring.get_keyring()).__module__.rsplit(".", 1)[-1]
    if not store.available():
        raise SmokeSkip(f"ingen nyckelring i den här sessionen ({backend})")
    ref, secret = f"smoke-test:{uuid.uuid4().hex}", uuid.uuid4().hex
    outcome: dict[str, Any] = {}

    def round_trip() -> None:
        try:
            started = time.perf_counter()
            store.set(ref, secret)
            outcome["read"] = store.get(ref)
            outcome["deleted"] = store.delete(ref)
            outcome["after"] = store.get(ref)
            outcome["took"] = time.perf_counter() - started
        except Exception as exc:  # noqa: BLE001 - handed to the main thread
            outcome["error"] = exc

    worker = threading.Thread(target=round_trip, name="smoke-keyring", daemon=True)
    worker.start()
    worker.join(KEYRING_TIMEOUT_S)
    if worker.is_alive():
        raise SmokeFailure(f"{backend} svarade inte inom {KEYRING_TIMEOUT_S:.0f} s (låst nyckelring?)")
    if "error" in outcome:
        raise outcome["error"]
    if outcome["read"] != secret or not outcome["deleted"] or outcome["after"] is not None:
        raise SmokeFailure(f"{backend}: testhemligheten kom inte tillbaka oförändrad eller blev kvar")
    return f"{backend}, skriva/läsa/radera en testhemlighet ({outcome['took']:.2f} s)"


def _keep_user_window_state(folder: Path) -> None:
    """The main window saves its geometry, columns and filters when it closes (app/ui/window_state.py);
    the smoke test's window saves them into its temporary folder, never over the user's."""
    try:
        from app.ui import window_state as ui_settings
    except ImportError:  # a window that remembers nothing
        return
    if hasattr(ui_settings, "settings_path"):
        ui_settings.settings_path = lambda: folder / "granska.ini"


def _needs_offscreen() -> bool:
    from app.ui.main import has_display

    return not has_display()


def _start_watchdog(out: Callable[[str], None]) -> None:
    def expire() -> None:
        out(f"Röktest: underkänt (tidsgränsen {WATCHDOG_S:.0f} s överskreds)")
        os._exit(EXIT_FAILED)

    timer = threading.Timer(WATCHDOG_S, expire)
    timer.daemon = True
    timer.start()


def run_smoke_test(db_url: str | None = None) -> int:
    return SmokeTest(db_url).run()
