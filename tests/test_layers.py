"""The core (models, services, connectors) never imports Qt widgets or Qt GUI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = ["app/models", "app/services", "app/connectors"]
FORBIDDEN = ("PySide6.QtWidgets", "PySide6.QtGui")
ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


@pytest.mark.parametrize("package", CORE)
def test_core_has_no_qt_widgets(package):
    files = list((ROOT / package).rglob("*.py"))
    assert files
    offenders = [
        f"{f.relative_to(ROOT)}: {name}"
        for f in files
        for name in _imports(f)
        if name.startswith(FORBIDDEN)
    ]
    assert offenders == []
