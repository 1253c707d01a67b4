"""The window and each dialog as a screen reader meets them: over the real AT-SPI bus (the
accessibility bus at-spi2-core starts under scripts/test's D-Bus session), read by pyatspi.

The window runs in its own process with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
(tests/helpers/atspi_app.py); the reader is Debian's python3-pyatspi under the system's python3
(tests/helpers/atspi_walk.py). Colours are measured in tests/ui/test_accessibility.py.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers.ci import X11_ONLY

ROOT = Path(__file__).resolve().parents[2]
WALKER = ROOT / "tests" / "helpers" / "atspi_walk.py"
SYSTEM_PYTHON = "/usr/bin/python3"
# What a keyboard or a screen reader user acts on: these must have a name.
INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text", "password text",
    "spin button", "page tab", "page tab list", "table", "list", "list box", "menu item", "slider",
    "link", "date editor", "tree", "tree table", "entry", "table cell", "list item",
}  # fmt: skip
# Items inside a list report "focused" for the current item even when the focus is elsewhere.
ITEMS = {"page tab", "table cell", "list item", "table row"}

pytestmark = [X11_ONLY]


def _have_pyatspi() -> bool:
    if not Path(SYSTEM_PYTHON).exists() or shutil.which("dbus-daemon") is None:
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode == 0


class App:
    """The window's process, driven line by line."""

    def __init__(self, url: str) -> None:
        env = {
            **os.environ,
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_LOGGING_RULES": "qt.accessibility*=false",
        }
        env.pop("QT_QPA_PLATFORM", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.atspi_app", url],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        first = self.lines.get(timeout=120)
        assert first.startswith("ready"), first
        self.pid = int(first.split()[1])
        self.walker = subprocess.Popen(
            [SYSTEM_PYTHON, str(WALKER), str(self.pid)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def ask(self, command: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        answer = self.lines.get(timeout=60)
        assert answer.startswith("ok"), answer
        return answer[2:].strip()

    def nodes(self, what: str = "tree") -> list[dict]:
        assert self.walker.stdin is not None and self.walker.stdout is not None
        self.walker.stdin.write(what + "\n")
        self.walker.stdin.flush()
        line = self.walker.stdout.readline()
        assert line, "the AT-SPI reader stopped"
        return json.loads(line)

    def focused(self) -> dict:
        nodes = self.nodes("focus")
        widgets = [n for n in nodes if n["role"] not in ITEMS]
        assert nodes, "nothing has the focus"
        return (widgets or nodes)[-1]

    def close(self) -> None:
        self.walker.kill()
        self.walker.communicate()
        try:
            self.ask("quit")
        except (AssertionError, queue.Empty, BrokenPipeError):
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if not _have_pyatspi():
        pytest.fail("python3-pyatspi (Debian) is missing: scripts/test installs it")
    url = f"sqlite:///{tmp_path_factory.mktemp('atspi') / 'granska.db'}"
    running = App(url)
    yield running
    running.close()


def unnamed(nodes: list[dict]) -> list[str]:
    return sorted(
        {
            " / ".join(p.partition("#")[0] for p in n["path"][-3:])
            for n in nodes
            if n["showing"] and n["enabled"] and n["role"] in INTERACTIVE and not n["name"].strip()
        }
    )


def key(node: dict) -> tuple[str, str]:
    """Which node: two combo boxes both showing "Alla" are still two stops."""
    return node["role"], "/".join(node["path"])


def test_every_interactive_node_of_the_window_has_a_name(app):
    app.ask("scene main")
    nodes = app.nodes()
    assert len([n for n in nodes if n["role"] in INTERACTIVE]) > 40
    assert unnamed(nodes) == []


def test_tab_runs_filter_bar_tabs_table_detail_pane_and_back(app):
    app.ask("scene main")
    app.ask("focus-search")
    start = app.focused()
    assert start["role"] == "text" and start["name"] == "Sök i text och författare"
    chain = []
    for _ in range(40):
        app.ask("tab")
        node = app.focused()
        chain.append(node)
        if key(node) == key(start):
            break
    else:
        pytest.fail(f"Tab never came back to the search field: {[key(n) for n in chain]}")
    roles = [n["role"] for n in chain]
    assert roles.count("table") == 1, f"Tab stays in the queue table: {roles}"
    tabs, table = roles.index("page tab list"), roles.index("table")
    assert roles.index("combo box") < tabs < table < len(roles) - 1
    after_table = chain[table + 1 : -1]
    assert after_table, "nothing between the table and the search field: the detail pane is skipped"
    assert any("Detaljer om vald post" in " ".join(n["path"]) for n in after_table)


def _scenes(app) -> list[str]:
    return [s for s in json.loads(app.ask("scenes")) if s != "main"]


def test_every_dialog_and_view_is_named_and_lets_tab_out(app):
    scenes = _scenes(app)
    assert len(scenes) >= 8, scenes
    problems = {}
    for scene in scenes:
        app.ask(f"scene {scene}")
        missing = unnamed(app.nodes())
        first = app.focused()
        seen = [key(first)]
        for _ in range(25):
            app.ask("tab")
            seen.append(key(app.focused()))
            if seen[-1] == seen[0] and len(set(seen)) > 1:  # round the whole dialog
                break
        trapped = len(set(seen)) < 2 or seen[-1] != seen[0]
        if missing or trapped:
            problems[scene] = {"unnamed": missing, "tab": [" ".join(k) for k in seen] if trapped else "ok"}
    app.ask("scene main")
    assert problems == {}, json.dumps(problems, ensure_ascii=False)
