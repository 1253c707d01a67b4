"""Reads a running Qt program over AT-SPI, as a screen reader does. Runs under the system's
python3 with Debian's python3-pyatspi (not in the virtualenv: pyatspi is not on PyPI).

  python3 atspi_walk.py PID         then one command a line on stdin, one JSON line back:
    tree    every showing node: role, name, description, states, path
    focus   the nodes that say they have the focus
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi


def application(pid: int):
    desktop = pyatspi.Registry.getDesktop(0)
    for _ in range(100):
        for app in desktop:
            if app is not None and app.get_process_id() == pid:
                return app
        time.sleep(0.1)
    raise SystemExit(f"no application with pid {pid} on the accessibility bus")


def describe(node, path):
    states = node.getState()
    return {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "showing": states.contains(pyatspi.STATE_SHOWING),
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "enabled": states.contains(pyatspi.STATE_ENABLED),
        "path": path,
    }


def walk(node, path, out, depth=0):
    if node is None or depth > 40:
        return
    info = describe(node, path)
    if not info["showing"]:  # a closed window, a hidden page
        return
    out.append(info)
    if info["role"] in ("table", "tree table", "list", "tree") and node.childCount > 60:
        children = range(60)  # the first rows are enough: the rest look the same
    else:
        children = range(node.childCount)
    for i in children:
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, [*path, f"{child.getRoleName()}:{child.name or ''}#{i}"], out, depth + 1)


def nodes_of(app) -> list[dict]:
    nodes: list[dict] = []
    for i in range(app.childCount):
        window = app.getChildAtIndex(i)
        if window is not None:
            walk(window, [f"{window.getRoleName()}:{window.name or ''}"], nodes)
    return nodes


def main() -> None:
    app = application(int(sys.argv[1]))
    for line in sys.stdin:
        nodes = nodes_of(app)
        if line.strip() == "focus":
            nodes = [n for n in nodes if n["focused"]]
        print(json.dumps(nodes, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
