from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from app.ui._background import BackgroundRunner


def test_work_runs_off_the_gui_thread_and_answers_on_it(qtbot, qapp):
    runner = BackgroundRunner()
    seen: dict[str, object] = {}
    release = threading.Event()

    def work(job, progress):  # type: ignore[no-untyped-def]
        seen["worker"] = QThread.currentThread()
        progress(1, 2)
        release.wait(5)
        return 42

    def done(value):  # type: ignore[no-untyped-def]
        seen["done_thread"] = QThread.currentThread()
        seen["value"] = value

    runner.run(work, done, lambda exc: seen.setdefault("error", exc),
               lambda d, t: seen.setdefault("progress", (d, t)))
    # The event loop keeps running while the work waits: the GUI is not blocked.
    qtbot.waitUntil(lambda: "progress" in seen)
    release.set()
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42 and seen["progress"] == (1, 2)
    assert seen["worker"] is not qapp.thread() and seen["done_thread"] is qapp.thread()
    assert not runner.busy


def test_a_failure_reaches_the_error_callback(qtbot):
    runner = BackgroundRunner()
    errors: list[BaseException] = []

    def work(job, progress):  # type: ignore[no-untyped-def]
        raise RuntimeError("databasen är låst")

    runner.run(work, lambda value: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "databasen är låst"
