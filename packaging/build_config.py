"""What goes into the frozen Granska, in one place for packaging/granska.spec and the tests.

Name, version and app id come from app/version.py, never from here. This file is loaded by path
(the directory name `packaging` is also a PyPI distribution, so it is not imported as a package).
"""

from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent

# Modules that must not ride along: they are importable in a build environment (numpy through
# openpyxl's optional import, GTK's gi through gnome-keyring's tooling, Tk through the standard
# library, test tools in a dev venv) but Granska never uses them.
EXCLUDES = (
    "numpy",
    "pandas",
    "PIL",
    "gi",
    "gtk",
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "pytest_xvfb",
    "aiosmtpd",
    "mypy",
    "IPython",
    "matplotlib",
    "setuptools",
    "pkg_resources",
    "pip",
    "PyQt5",
    "PyQt6",
    "PySide2",
)

# Options for the frozen interpreter (PyInstaller's bootloader): UTF-8 mode.
PYTHON_OPTIONS = ("X utf8",)

# Qt's own translations (dialog buttons and the like): only the languages Granska speaks.
QT_LANGUAGES = ("sv", "en")

# Qt plugins that would drag a second toolkit into the bundle (the GTK platform theme links
# libgtk-3 and its whole stack) or that Granska does not use.
UNWANTED_QT_PLUGINS = (
    "platformthemes/libqgtk3",
    "platforminputcontexts/libibusplatforminputcontextplugin",
)
# Shared libraries of other toolkits: their presence in the bundle means a leak.
FOREIGN_LIBRARIES = ("libgtk-", "libgdk-", "libgdk_pixbuf", "libatk-", "libtk", "libtcl")

# Source files in resources/ that the running app does not read.
RESOURCE_SOURCE_SUFFIXES = (".ts",)


@dataclass(frozen=True)
class Identity:
    name: str
    version: str
    app_id: str
    organization: str

    @property
    def version_tuple(self) -> tuple[int, int, int, int]:
        numbers = [int("".join(c for c in part if c.isdigit()) or 0) for part in self.version.split(".")]
        return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def identity(root: Path = ROOT) -> Identity:
    values = runpy.run_path(str(root / "app" / "version.py"))
    return Identity(values["APP_NAME"], values["__version__"], values["APP_ID"], values["ORGANIZATION"])


def app_modules(root: Path = ROOT) -> list[str]:
    """Every module of the app package, found from the source files. Subcommands are imported by
    name (app/cli.py COMMAND_MODULES), which PyInstaller's analysis cannot see. The migrations
    are not modules: Alembic loads them from files (see migration_datas)."""
    base = root / "app"
    names = []
    for path in sorted(base.rglob("*.py")):
        relative = path.relative_to(root).with_suffix("")
        if "migrations" in relative.parts:
            continue
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        names.append(".".join(parts))
    return names


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for everything under resources/ the app reads."""
    base = root / "resources"
    return [
        (str(path), str(PurePosixPath("resources") / path.parent.relative_to(base).as_posix()))
        for path in sorted(base.rglob("*"))
        if path.is_file() and path.suffix not in RESOURCE_SOURCE_SUFFIXES
    ]


def migration_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """The Alembic migrations: Alembic loads them from files by path (see app/models/db.py
    MIGRATIONS_DIR), so they travel as files next to where app/models/db.py says they are."""
    base = root / "app" / "models"
    return [
        (str(path), str(PurePosixPath("app/models") / path.parent.relative_to(base).as_posix()))
        for path in sorted((base / "migrations").rglob("*.py"))
    ]


def keep_qt_file(dest: str) -> bool:
    """Filter for the binaries and data PyInstaller's Qt hooks collect."""
    posix = dest.replace("\\", "/")
    if "/translations/" in posix and posix.endswith(".qm"):
        stem = posix.rsplit("/", 1)[1][: -len(".qm")]
        return stem.rsplit("_", 1)[-1] in QT_LANGUAGES
    return not any(plugin in posix for plugin in UNWANTED_QT_PLUGINS)


def windows_version_info(ident: Identity) -> str:
    """The executable's version resource (Explorer → Properties → Details), in the text form
    PyInstaller's `version=` option reads."""
    numbers = ident.version_tuple
    strings = {
        "CompanyName": ident.organization,
        "FileDescription": f"{ident.name} – modereringskonsol för sociala medier",
        "FileVersion": ident.version,
        "InternalName": ident.name,
        "OriginalFilename": f"{ident.name}.exe",
        "ProductName": ident.name,
        "ProductVersion": ident.version,
    }
    entries = ",\n            ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('041D04B0', [
            {entries}])]),
    VarFileInfo([VarStruct('Translation', [0x041D, 1200])]),
  ],
)
"""


# Files the frozen app must find (relative to the bundle's contents folder).
REQUIRED_FILES = (
    "resources/icons/granska.svg",
    "resources/rules/svordomar.txt",
    "app/models/migrations/env.py",
    "app/models/migrations/versions/0001_initial_schema.py",
)


def bundle_problems(modules: list[str], files: list[str]) -> list[str]:
    """What is wrong with a built bundle, given its frozen module names and its file paths
    (relative to the contents folder, with forward slashes). Empty when nothing is."""
    problems = []
    leaked = sorted({m.split(".")[0] for m in modules} & set(EXCLUDES))
    if leaked:
        problems.append(f"excluded modules were bundled: {', '.join(leaked)}")
    foreign = sorted(f for f in files if f.rsplit("/", 1)[-1].startswith(FOREIGN_LIBRARIES))
    if foreign:
        problems.append(f"libraries of another toolkit were bundled: {', '.join(foreign[:8])}")
    plugins = sorted(f for f in files if not keep_qt_file(f) and "/plugins/" in f)
    if plugins:
        problems.append(f"unwanted Qt plugins were bundled: {', '.join(plugins)}")
    missing = [f for f in REQUIRED_FILES if f not in set(files)]
    if missing:
        problems.append(f"files the app needs are missing: {', '.join(missing)}")
    return problems
