"""The window's repaint while the registrator's export runs, vs the same window idle, in one run.

The queue window on demo data (SQLite, the real MainWindow and its Python table model), and
N removals to export. Every 50 ms a timer repaints the whole window and times it from when the
repaint was due to when it was done (the timer's call into Python and the table asking its
Python model for every visible cell each need the interpreter). Three phases, one after the
other, same window, same file:

- idle: nothing else runs;
- export on a thread (the baseline: how the dialog ran the export before #20, the whole
  `ExportService.export_removals` on a worker thread of this process);
- export in a process (what the dialog runs now: app/services/records/export_process.py).

    python bench/export_repaint.py [--rows 30000] [--rounds 2]
    (goal: the median repaint during the export < 50 ms and <= 1.5x idle)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_MS = 50.0
GOAL_RATIO = 1.5
TICK_MS = 50
EVERYTHING = (date(2000, 1, 1), date(2100, 12, 31))


def main() -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer, QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from app.models.db import open_database
    from app.services.context import Actor, acting
    from app.services.intake.demo import load_demo
    from app.services.moderation.facade import ModerationService
    from app.services.records.export import ExportService, RemovalLogRequest
    from app.services.records.export_process import export_in_process
    from app.ui.main_window import MainWindow
    from tests.helpers.moderation import bulk_removals

    def quiet_offscreen(kind: QtMsgType, context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet_offscreen)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=30_000, help="removals in the export")
    parser.add_argument("--rounds", type=int, default=2, help="exports of each kind (best median)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.001)

    with tempfile.TemporaryDirectory(prefix="granska-bench-") as tmp:
        tmpdir = Path(tmp)
        db = open_database(f"sqlite:///{tmpdir / 'bench.db'}")
        load_demo(db.sessions, 2000)
        started = time.perf_counter()
        bulk_removals(db.sessions, args.rows)
        print(f"{args.rows:,} removals made in {time.perf_counter() - started:.1f} s")
        window = MainWindow(db, ModerationService(db.sessions, actor=Actor("bench")))
        window.resize(1280, 800)
        window.show()
        deadline = time.monotonic() + 30
        while window.queue.model.rowCount() == 0 and time.monotonic() < deadline:
            pump(0.05)
        pump(1.0)  # the first page, the counts, the detail pane

        samples: list[float] = []
        due = [0.0]

        def tick() -> None:
            # From when the repaint was due (the timer's time) to the window repainted: the wait
            # for the interpreter before the timer's call and inside the paint both count.
            window.repaint()
            end = time.perf_counter()
            samples.append((end - due[0]) * 1000)
            due[0] = end + TICK_MS / 1000
            timer.start()

        timer = QTimer()
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        request = RemovalLogRequest(*EVERYTHING)
        url = db.engine.url.render_as_string(hide_password=False)
        username = acting(db.sessions, Actor("bench")).username

        def measure(export: Callable[[Path], object] | None, n: int) -> tuple[list[float], float]:
            """Repaint times while `export` runs on a worker thread (None: idle for 5 s)."""
            samples.clear()
            done = threading.Event()
            out = tmpdir / f"export-{n}.xlsx"

            def work() -> None:
                try:
                    if export is not None:
                        export(out)
                finally:
                    done.set()

            started = time.perf_counter()
            due[0] = started + TICK_MS / 1000
            timer.start()
            if export is None:
                pump(5.0)
            else:
                threading.Thread(target=work, daemon=True).start()
                while not done.is_set():
                    pump(0.02)
            timer.stop()
            return list(samples), time.perf_counter() - started

        def on_thread(out: Path) -> object:
            return ExportService(db.sessions, Actor("bench")).export_removals(request, out)

        def in_process(out: Path) -> object:
            return export_in_process(url, username, request, out)

        phases: dict[str, list[tuple[list[float], float]]] = {"idle": [], "thread": [], "process": []}
        n = 0
        for _ in range(args.rounds):
            for name, export in (("idle", None), ("thread", on_thread), ("process", in_process)):
                n += 1
                phases[name].append(measure(export, n))
                pump(0.5)
        window.close()
        db.dispose()

    medians = {}
    for name, runs in phases.items():
        best = min(runs, key=lambda r: statistics.median(r[0]))
        times, seconds = best
        medians[name] = statistics.median(times)
        print(
            f"{name:8s} repaint median {medians[name]:6.1f} ms   p90 "
            f"{statistics.quantiles(times, n=10)[-1]:6.1f} ms   worst {max(times):6.1f} ms   "
            f"({len(times)} repaints in {seconds:.1f} s)"
        )
    ratio = medians["process"] / medians["idle"]
    print(f"export on a thread (before): {medians['thread'] / medians['idle']:.2f}x idle (ratio before)")
    met = ratio <= GOAL_RATIO and medians["process"] < GOAL_MS
    print(f"export in a process: {ratio:.2f}x idle; goal {'met' if met else 'NOT met'}")
    print(f"ratio: {ratio:.2f} (goal: <= {GOAL_RATIO:g} x idle and the median < {GOAL_MS:g} ms)")


if __name__ == "__main__":
    main()
