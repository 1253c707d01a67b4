"""What goes into the frozen bundle (packaging/build_config.py, packaging/granska.spec,
packaging/build.py): name and version from one place, everything the app reads, nothing it
must not carry."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

import app.models.db
import app.resources
from app.version import APP_ID, APP_NAME, ORGANIZATION, __version__
from tests.helpers.packaging import PACKAGING, ROOT, packaging_module

config = packaging_module("build_config")
SPEC = (PACKAGING / "granska.spec").read_text(encoding="utf-8")


def test_identity_is_read_from_app_version():
    ident = config.identity()
    assert (ident.name, ident.version, ident.app_id, ident.organization) == (
        APP_NAME,
        __version__,
        APP_ID,
        ORGANIZATION,
    )


def test_spec_holds_no_name_or_version_of_its_own():
    assert __version__ not in SPEC
    assert not re.search(rf"""["']{APP_NAME}["']""", SPEC)
    assert "config.identity(ROOT)" in SPEC


def test_every_app_module_is_bundled_even_when_imported_by_name():
    modules = config.app_modules()
    import app.cli

    for name in app.cli.COMMAND_MODULES + ["app.cli", "app.smoke", "app.ui.main", "app.ui.main_window"]:
        assert name in modules
    assert not any("migrations" in m for m in modules)
    assert "app" in modules and "app.models" in modules


def test_resources_are_bundled_where_the_app_looks_for_them(monkeypatch, tmp_path):
    datas = config.resource_datas()
    sources = {Path(src).relative_to(ROOT / "resources") for src, _ in datas}
    on_disk = {p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert sources == {p for p in on_disk if p.suffix != ".ts"}
    for src, dest in datas:
        assert Path(dest) == Path("resources") / Path(src).relative_to(ROOT / "resources").parent
    # Frozen, app/resources.py looks under sys._MEIPASS/resources: the same place.
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert app.resources.resource_path("rules", "hets.txt") == tmp_path / "resources" / "rules" / "hets.txt"


def test_migrations_are_bundled_where_alembic_loads_them():
    datas = config.migration_datas()
    placed = {Path(dest) / Path(src).name for src, dest in datas}
    assert Path("app/models/migrations/env.py") in placed
    versions = sorted((ROOT / "app/models/migrations/versions").glob("*.py"))
    assert versions and {Path("app/models/migrations/versions") / v.name for v in versions} <= placed
    # app/models/db.py finds them next to itself; frozen, db.py sits at app/models/ in the bundle.
    db_dir = Path(app.models.db.__file__).resolve().parent
    assert app.models.db.MIGRATIONS_DIR == db_dir / "migrations"


@pytest.mark.parametrize("name", ["numpy", "gi", "tkinter", "_tkinter", "pytest", "pytestqt", "PIL"])
def test_modules_that_must_not_leak_are_excluded(name):
    assert name in config.EXCLUDES


def test_qt_filter_keeps_swedish_and_english_and_drops_gtk():
    keep = config.keep_qt_file
    assert keep("PySide6/Qt/translations/qtbase_sv.qm")
    assert keep("PySide6/Qt/translations/qtbase_en.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("/venv/PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert keep("resources/translations/granska_en.qm")


def test_bundle_check_finds_leaks_and_missing_files():
    files = list(config.REQUIRED_FILES) + ["PySide6/Qt/plugins/platforms/libqxcb.so"]
    assert config.bundle_problems(["app", "app.cli", "sqlalchemy.orm"], files) == []
    problems = config.bundle_problems(
        ["app", "numpy.core", "gi.repository"],
        files[1:] + ["libgtk-3.so.0", "PySide6/Qt/plugins/platformthemes/libqgtk3.so"],
    )
    text = "\n".join(problems)
    assert "numpy" in text and "gi" in text and "libgtk-3.so.0" in text and "libqgtk3" in text
    assert config.REQUIRED_FILES[0] in text


def test_build_venv_gets_runtime_and_build_requirements_only():
    build = packaging_module("build")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = build.requirements()
    assert set(project["dependencies"]) <= set(reqs)
    assert any(r.lower().startswith("pyinstaller") for r in reqs)
    assert not set(project["optional-dependencies"]["dev"]) & set(reqs)
    assert not any(r.lower().startswith("pyinstaller") for r in project["dependencies"])


def test_windows_version_resource_carries_the_version():
    ident = config.identity()
    text = config.windows_version_info(ident)
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert f"filevers={ident.version_tuple}" in text
    assert len(ident.version_tuple) == 4
    compile(text, "version_info", "eval")  # PyInstaller evaluates it as a Python expression


def test_translations_are_compiled_for_the_bundle(tmp_path, qapp):
    from PySide6.QtCore import QTranslator

    build = packaging_module("build")
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    (folder / "granska_en.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="en">\n'
        "<context><name>MainWindow</name><message><source>Kö</source>"
        "<translation>Queue</translation></message></context>\n</TS>\n",
        encoding="utf-8",
    )
    (built,) = build.build_translations(Path(sys.executable), tmp_path)
    assert built == folder / "granska_en.qm"
    translator = QTranslator()
    assert translator.load(str(built))
    assert translator.translate("MainWindow", "Kö") == "Queue"
