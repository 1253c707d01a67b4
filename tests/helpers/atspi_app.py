"""The queue window as its own process for tests/ui/test_atspi.py, with Qt's AT-SPI bridge on.

Run as `python -m tests.helpers.atspi_app SQLITE_URL`. It loads demo data, opens the window with
every view hooked in, prints `ready`, and then obeys one command per line on stdin, answering
`ok ...` when the window has settled:
  scenes         the JSON list of scenes: "main", each action's dialog, each menu view
  scene NAME     close what the last scene opened and open NAME
  focus-search   put the focus in the search field
  tab            press Tab where the focus is
  quit
"""

from __future__ import annotations

import json
import os
import sys
import threading

os.environ["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"

from PySide6.QtCore import QObject, Qt, QTimer, Signal  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

SETTLE_MS = 150


class _Stdin(QObject):
    line = Signal(str)

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in sys.stdin:
            self.line.emit(line.strip())
        self.line.emit("quit")


def main(url: str) -> int:
    from app.models.db import open_database
    from app.services.context import Actor
    from app.services.intake.demo import load_demo
    from app.services.moderation.facade import ModerationService
    from app.ui.main_window import MainWindow
    from app.ui.queue.action_table import all_actions
    from app.ui.records import hooks, moderation_hooks

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Granska")
    db = open_database(url)
    load_demo(db.sessions, 60)
    window = MainWindow(db, ModerationService(db.sessions, actor=Actor(username="sofia")))
    window.show()
    moderation_hooks.install(window)
    hooks.install(window)
    views: dict[str, QAction] = {}
    for key in ("arkiv", "verktyg", "installningar"):
        for act in window.menus[key].actions():
            if act.text().endswith("…"):
                views[act.text().replace("&", "")] = act
    scenes = ["main", *(f"action:{spec.action}" for spec in all_actions() if spec.dialog), *views]
    opened: list[QWidget] = []

    def answer(text: str) -> None:
        def settled() -> None:
            if window.tasks.is_idle() and not window.queue.model.loading:
                print(text, flush=True)
            else:
                QTimer.singleShot(100, settled)

        QTimer.singleShot(SETTLE_MS, settled)

    def close_opened() -> None:
        for widget in [*opened, *QApplication.topLevelWidgets()]:
            if widget is not window and widget.isVisible() and widget.isWindow():
                widget.close()
        opened.clear()
        if window.moderation_actions.dialog is not None:
            window.moderation_actions.dialog.reject()
        window.activateWindow()

    def command(line: str) -> None:
        name, _, arg = line.partition(" ")
        if name == "quit":
            close_opened()
            window.close()
            app.quit()
        elif name == "scenes":
            print("ok " + json.dumps(scenes), flush=True)
        elif name == "scene":
            close_opened()
            if arg.startswith("action:"):
                window.moderation_actions.start(arg.removeprefix("action:"))
                if window.moderation_actions.dialog is not None:
                    opened.append(window.moderation_actions.dialog)
            elif arg in views:
                before = set(QApplication.topLevelWidgets())
                views[arg].trigger()
                opened.extend(
                    w
                    for w in QApplication.topLevelWidgets()
                    if w not in before or isinstance(w, QDialog)
                    if w.isVisible() and w is not window
                )
            answer("ok " + arg)
        elif name == "focus-search":
            window.activateWindow()
            window.focus_search()
            answer("ok")
        elif name == "tab":
            target = QApplication.focusWidget() or window
            QTest.keyClick(target, Qt.Key.Key_Tab)
            answer("ok")
        else:
            print(f"error unknown command {line!r}", flush=True)

    reader = _Stdin()
    reader.line.connect(command, Qt.ConnectionType.QueuedConnection)

    def ready() -> None:
        if window.tasks.is_idle() and window.queue.model.rowCount() and window.queue.counts:
            print(f"ready {os.getpid()}", flush=True)
            reader.start()
        else:
            QTimer.singleShot(100, ready)

    ready()
    code = app.exec()
    db.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
