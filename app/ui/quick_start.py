"""Start-up: the queue's first page painted before the database layer has loaded.

Importing SQLAlchemy and the models takes a good part of a second. On a workstation's current,
sound SQLite file the window need not wait for it: one thread checks the file as the window's
opening does and holds it open read-only (app/services/queue/quick_window.py) while Qt starts
and the window is built; the window then shows the first page and the tab counts from it, and
only after that paint does the same thread import the database layer (two threads importing it
at once see it half-initialised, so there is exactly one importer). When the layer is there the
window opens the database as always, and the queue reads its first page again in place
(QueueModel.take_over): the same rows, the same selection, nothing flickers. An action started
in between waits for it (ModerationActions.opening). Whenever the quick read is not sure, the
window takes the whole way, as before.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services.queue.quick_window import QuickQueue

log = logging.getLogger(__name__)

# The quick check waited for at most this long once the window is built: it is done by then
# but on a machine that is very busy (its queries wait at most 5 s for a lock); the whole way then.
QUICK_WAIT_S = 5.0
# The database layer is imported once the first page is painted, or after this long.
IMPORT_AT_THE_LATEST_S = 2.0


def import_database_layer() -> None:
    """The imports the opening needs (app.models, SQLAlchemy); said again where it matters."""
    try:
        import app.services.accounts.team_credentials  # noqa: F401  (app.models, SQLAlchemy)
        import app.services.queue.listing  # noqa: F401
    except ImportError:  # said again, where it matters, by open_for_window
        pass


class Starter:
    """The start-up thread: the quick check of the file, then the database layer's import."""

    def __init__(self, db_url: str | None, *, quick: bool) -> None:
        self._db_url = db_url
        self._want_quick = quick
        self._checked = threading.Event()
        self._go = threading.Event()
        self._lock = threading.Lock()
        self._quick: QuickQueue | None = None
        self._given_up = False
        self.thread = threading.Thread(target=self._work, name="granska-import", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        quick = None
        if self._want_quick:
            try:
                from app.services.queue.quick_window import open_quick

                quick = open_quick(self._db_url)
            except Exception:  # noqa: BLE001 - the whole way opens it and says what is wrong
                log.exception("the quick first page failed; the whole way instead")
        with self._lock:
            if self._given_up and quick is not None:
                quick.close()
                quick = None
            self._quick = quick
            self._checked.set()
        if quick is not None:  # the window paints its first page first, then the import
            self._go.wait(IMPORT_AT_THE_LATEST_S)
        import_database_layer()

    def quick(self) -> QuickQueue | None:
        """The checked file (the GUI thread takes it over), or None: the whole way."""
        if not self._checked.wait(QUICK_WAIT_S):
            log.info("the quick check took longer than %s s: the whole way", QUICK_WAIT_S)
        with self._lock:
            quick, self._quick = self._quick, None
            self._given_up = True
        if quick is None:
            self.go()
        return quick

    def go(self) -> None:
        """Import the database layer now."""
        self._go.set()

    def join(self) -> None:
        self.go()
        self.thread.join()


def show_first_page(window: Any, quick: QuickQueue) -> bool:
    """The window's queue under its restored tab and filters, and the tab counts, from the
    checked file; False when the quick read cannot answer that filter."""
    from PySide6.QtCore import QCoreApplication

    from app.ui.queue.model import PAGE_SIZE

    view = window.queue
    try:
        f = view.queue_filter()
        rows = quick.page(f, PAGE_SIZE)
        counts = quick.counts(view.filter_bar.queue_filter()) if rows is not None else None
    finally:
        quick.close()
    if rows is None:
        return False
    view.model.show_quick(f, rows)
    # The item's detail needs the database layer (the window's own words for it).
    window.detail.show_hint(QCoreApplication.translate("MainWindow", "Öppnar databasen…"))
    if counts is not None:
        view.show_counts(counts)
    view.table.setFocus()
    return True
