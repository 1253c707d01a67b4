"""A decision while a sync waits on a slow platform, vs the same decision alone, in one run.

The queue window on demo data (SQLite), the real ModerationService, the real sync. A fake
Facebook Graph API on 127.0.0.1 (the tests' one) answers one comments page after 3 s. A Keep
(no dialog) and a Remove (the dialog's default reason; the demo accounts have no connector, so
only local steps) are pressed through the window's task manager and timed from the press to
the window's update with the outcome (`decided`). Each press "during the sync" gets a fresh
sync and is made once the slow page has been asked for; the baseline is the same press with
no sync running, interleaved with them.

    python bench/responsiveness.py [--repeat N] [--comments N]   (goal: ratio <= 2 and under 50 ms)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.models.db import open_database  # noqa: E402
from app.services.accounts.platforms import ConnectorRegistry  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.intake.demo import load_demo  # noqa: E402
from app.services.moderation.facade import ModerationService  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from tests.helpers.platforms import quick_options, running  # noqa: E402

SLOW_PAGE_S = 3.0
GOAL_RATIO = 2.0
GOAL_MS = 50.0


def wait_for(app: QApplication, condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


def press(app: QApplication, window: MainWindow, action: str) -> float:
    """Seconds from pressing `action` on the current item to the window showing its outcome."""
    actions = window.moderation_actions
    loop = QEventLoop()
    arrived: list[float] = []

    def decided(_result: object) -> None:
        arrived.append(time.perf_counter())
        loop.quit()

    actions.decided.connect(decided)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(30_000)
    start = time.perf_counter()
    actions.start(action)
    if action == "remove":
        actions.dialog.accept()  # the default reason, as Enter in the dialog would
    if not arrived:
        loop.exec()
    actions.decided.disconnect(decided)
    if not arrived:
        raise SystemExit(f"{action}: no outcome within 30 s")
    return arrived[0] - start


def settle(app: QApplication, window: MainWindow, *, sync_may_run: bool = False) -> None:
    """Until the window has caught up with the last press (queue, counts, detail pane), so that
    every press, alone or during a sync, starts from a quiet window."""
    view = window.queue

    def quiet() -> bool:
        running = [t for t in window.tasks.running if not (sync_may_run and t is window.sync._task)]
        return (
            not running
            and not view.model.loading
            and not view._counts_timer.isActive()
            and not window._detail_timer.isActive()
            and view.current_item() is not None
        )

    wait_for(app, quiet)
    pause = time.monotonic() + 0.05
    wait_for(app, lambda: time.monotonic() > pause)


def quiet_offscreen(kind: QtMsgType, context: object, message: str) -> None:
    """The offscreen platform says this for every dialog; anything else is still shown."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def main() -> None:
    qInstallMessageHandler(quiet_offscreen)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="presses of each action during a sync")
    parser.add_argument(
        "--comments",
        type=int,
        default=200,
        help="comments the sync brings in (more: the press meets its transactions too)",
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp, running("facebook") as platform:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        load_demo(db.sessions, 2000)
        post = platform.fake.store.add_post()
        platform.fake.store.add_thread(post, args.comments)
        platform.add_account(db.sessions, "bench-fb")
        moderation = ModerationService(db.sessions, actor=Actor("bench"))
        window = MainWindow(db, moderation)
        token = platform.fake.token
        window.sync._registry = ConnectorRegistry(lambda _account: token, quick_options(read_timeout=30.0))
        window.show()
        wait_for(app, lambda: window.queue.model.rowCount() > 0)
        window.queue.select_row(0)
        settle(app, window)

        alone: dict[str, list[float]] = {"keep": [], "remove": []}
        during: dict[str, list[float]] = {"keep": [], "remove": []}
        for _ in range(3):  # warm-up: imports, caches, the dialog's first build
            for action in alone:
                press(app, window, action)
                settle(app, window)
        for _ in range(args.repeat):
            for action in alone:
                for _ in range(3):
                    alone[action].append(press(app, window, action))
                    settle(app, window)
                asked = platform.fake.count("/comments")
                platform.fake.fail_slowly(SLOW_PAGE_S, match="/comments")
                window.sync.sync_now()
                wait_for(app, lambda asked=asked: platform.fake.count("/comments") > asked)
                settle(app, window, sync_may_run=True)
                during[action].append(press(app, window, action))
                still_waiting = window.sync.running
                wait_for(app, lambda: not window.sync.running)
                settle(app, window)
                print(
                    f"  {action} during the sync: {during[action][-1] * 1000:7.1f} ms"
                    f"{' (the sync still waiting)' if still_waiting else ' (after the sync ended)'}"
                )
        window.close()
        db.dispose()

    worst_ratio = 0.0
    worst_ms = 0.0
    for action in alone:
        base = statistics.median(alone[action])
        busy = statistics.median(during[action])
        ratio = busy / base
        worst_ratio, worst_ms = max(worst_ratio, ratio), max(worst_ms, busy * 1000)
        print(
            f"{action:7s} alone: median {base * 1000:7.1f} ms ({len(alone[action])} presses)   "
            f"during a sync with a {SLOW_PAGE_S:.0f} s page: median {busy * 1000:7.1f} ms "
            f"({len(during[action])})   ratio {ratio:.2f}"
        )
    met = "met" if worst_ratio <= GOAL_RATIO and worst_ms < GOAL_MS else "NOT met"
    print(f"worst during a sync: {worst_ms:.1f} ms; goal {met}")
    print(f"ratio: {worst_ratio:.2f} (goal: ≤ {GOAL_RATIO:g} and < {GOAL_MS:g} ms)")


if __name__ == "__main__":
    main()
