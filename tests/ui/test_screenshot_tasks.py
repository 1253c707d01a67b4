from __future__ import annotations

import threading

from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.services.errors import InputError
from app.ui.screenshot_tasks import ScreenshotTasks, user_message


def test_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    tasks = ScreenshotTasks(host)
    release = threading.Event()
    ran_on: list[bool] = []
    delivered_on: list[bool] = []
    ticks: list[int] = []

    def slow() -> str:
        ran_on.append(QThread.currentThread() is QApplication.instance().thread())
        release.wait(10)
        return "klart"

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    with qtbot.waitSignal(tasks.busy_changed) as busy:
        tasks.run(slow, lambda result: delivered_on.append(
            result == "klart" and QThread.currentThread() is QApplication.instance().thread()))
    assert busy.args == [True]
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop keeps turning while the job waits
    assert tasks.busy and not delivered_on
    with qtbot.waitSignal(tasks.busy_changed) as idle:
        release.set()
    timer.stop()
    assert idle.args == [False] and ran_on == [False] and delivered_on == [True]


def test_a_failure_reaches_on_error_with_the_users_message(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    tasks = ScreenshotTasks(host)
    errors: list[str] = []

    def fail() -> None:
        raise InputError("Okänt konto 'x'.")

    tasks.run(fail, lambda _r: None, lambda exc: errors.append(user_message(exc)))
    qtbot.waitUntil(lambda: errors == ["Okänt konto 'x'."])
    assert "ZeroDivisionError" in user_message(ZeroDivisionError("division by zero"))
