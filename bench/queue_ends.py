"""Ctrl+End / Ctrl+Home: the queue's last page (read from the end) against its first page, in
each tab of the shared million-item demo, opened read only.

    python -m bench.queue_ends [--items 1000000]

The last line is `ratio: slowest last page in ms (goal: ≤ 100)`; the first page is the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from app.services.queue.listing import QueueService
from app.services.queue.shapes import QUEUES, QueueFilter
from bench.data import SHARED


def _ms(call: object, runs: int = 5) -> float:
    took = []
    for _ in range(runs):
        started = time.perf_counter()
        call()  # type: ignore[operator]
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took)


def _in_window(service: QueueService) -> float:
    """Key press to the queue's last item current and painted, in the largest tab."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.ui.queue.view import QueueView
    from app.ui.tasks import TaskManager

    app = QApplication.instance() or QApplication([])
    tasks = TaskManager()
    view = QueueView(service, tasks)
    view.resize(1000, 600)
    view.show()

    def until(done: object) -> None:
        deadline = time.perf_counter() + 30
        while not done() and time.perf_counter() < deadline:  # type: ignore[operator]
            QCoreApplication.processEvents()
            time.sleep(0.0005)

    took = []
    for _ in range(5):
        view.load()
        until(lambda: view.current_item() is not None)
        last = service.page(view.queue_filter(), from_end=True, limit=1)[0].id
        started = time.perf_counter()
        QTest.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        until(lambda last=last: view.current_item() is not None and view.current_item().id == last)
        view.table.viewport().repaint()
        took.append((time.perf_counter() - started) * 1000)
    tasks.shutdown()
    view.close()
    del app
    return statistics.median(took)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000)
    args = parser.parse_args()
    path = SHARED / f"demo-{args.items}-0.5.db"
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    service = QueueService(sessionmaker(engine))
    worst = 0.0
    for queue in QUEUES:
        f = queue.narrow(QueueFilter())
        counts = service.queue_counts(QueueFilter())
        first = _ms(lambda f=f: service.page(f))
        last = _ms(lambda f=f: service.page(f, from_end=True))
        end = service.page(f, from_end=True)
        before = _ms(
            lambda f=f, end=end: service.page(f, after=end[0].cursor, from_end=True) if end else None
        )
        worst = max(worst, last, before)
        print(
            f"{queue.name:>9} ({counts.get(queue.name, 0):>7} items): first page {first:6.1f} ms, "
            f"last page {last:6.1f} ms, the page before it {before:6.1f} ms",
            flush=True,
        )
    window = _in_window(service)
    print(f"in the window, Ctrl+End to the last item current and painted: {window:.1f} ms (median of 5)")
    worst = max(worst, window)
    print(f"ratio: {worst:.1f} (goal: ≤ 100 ms for the slowest last page; first pages above as baseline)")


if __name__ == "__main__":
    main()
