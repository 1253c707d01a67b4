"""The layers import downwards only: core ← models ← services ← commands/ui, with connectors
between core and services, and no Qt at all below the UI. Read from the source's real import
statements (the AST), including imports inside functions."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Package -> the app packages it may import (besides itself). Modules at app/ level that are
# plain data (version) are open to all.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "models": {"core"},
    "connectors": {"core"},
    "services": {"core", "models", "connectors", "resources"},
    "commands": {"core", "models", "services"},
    "ui": {"core", "models", "services", "resources"},
}
OPEN_TO_ALL = {"version"}
# The one way from a command into the UI layer (docs/ARCHITECTURE.md): `granska report` has Qt lay
# out the PDF, importing this module inside its handler only (checked below in a fresh interpreter).
COMMANDS_MAY_IMPORT = {"app.ui.report_pdf", "app.ui.report_pdf.write_report_pdf"}
QT_FREE = ["core", "models", "services", "connectors", "commands"]


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def _app_imports(package: str) -> list[tuple[str, str]]:
    files = sorted((ROOT / "app" / package).rglob("*.py"))
    assert files, package
    return [(str(f.relative_to(ROOT)), name) for f in files for name in _imports(f)]


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_packages_import_only_the_layers_below(package):
    allowed = ALLOWED[package] | OPEN_TO_ALL | {package}
    offenders = [
        f"{where}: {name}"
        for where, name in _app_imports(package)
        if name.startswith("app.")
        and name.split(".")[1] not in allowed
        and not (package == "commands" and name in COMMANDS_MAY_IMPORT)
    ]
    assert offenders == []


def test_the_commands_load_no_qt_until_a_pdf_is_asked_for():
    code = (
        "import sys, app.cli; app.cli.build_parser(); "
        "print(' '.join(m for m in sys.modules if m.startswith(('PySide6', 'app.ui'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


@pytest.mark.parametrize("package", QT_FREE)
def test_core_layers_import_no_qt(package):
    offenders = [
        f"{where}: {name}"
        for where, name in _app_imports(package)
        if name.split(".")[0] in ("PySide6", "shiboken6")
    ]
    assert offenders == []


def test_the_check_sees_a_forbidden_import(tmp_path):
    """The AST walk finds an import hidden in a function, the way a shortcut would be added."""
    module = tmp_path / "m.py"
    module.write_text(
        "def f():\n    from app.services.intake.sync import SyncService\n    import PySide6.QtCore\n"
    )
    sync = "app.services.intake.sync"
    assert _imports(module) == [sync, f"{sync}.SyncService", "PySide6.QtCore"]


def test_the_connector_protocol_loads_no_services_or_database():
    """A connector (or a test of one) loads the protocol without the services, the models or
    SQLAlchemy: checked in a fresh interpreter, so what is really imported is what counts."""
    code = (
        "import sys, app.core.connector, app.core.errors, app.connectors.facebook; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('app.', 'sqlalchemy', 'PySide6')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = out.stdout.split()
    assert not [m for m in loaded if m.startswith(("app.services", "app.models", "sqlalchemy", "PySide6"))]
    assert "app.core.connector" in loaded
