"""The UI language: Swedish source strings, English from resources/translations/granska_en.ts.

The `.ts` is committed and the `.qm` is built: by scripts/run and scripts/test (lib.sh), by the
packaging, or — on a machine where neither ran, e.g. after a plain `pip install -e .` — here at
start-up with the `lrelease` that PySide6 ships, into the user's cache folder.
"""

from __future__ import annotations

import logging
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import resource_path
from app.version import APP_NAME, ORGANIZATION

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "sv"
LANGUAGES = {"sv": "Svenska", "en": "English"}
SETTING = "ui/language"  # "auto", "sv" or "en"


def current_language() -> str:
    """The language the window speaks now. Our translation says it: it translates the source
    language's code into its own, so a removed translator switches back as well."""
    return QCoreApplication.translate("Translations", "sv")  # the .ts translates it as "en"


def choose_language(setting: str | None, locale: QLocale | None = None, *, machine: str | None = None) -> str:
    """The user's own choice, else the machine policy's (app/core/machine_policy.py), else the system's."""
    if setting in LANGUAGES:
        return str(setting)
    if machine in LANGUAGES:
        return str(machine)
    locale = locale or QLocale.system()
    return "sv" if locale.language() == QLocale.Language.Swedish else "en"


def lrelease() -> str | None:
    import shutil

    try:
        import PySide6
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return None
    bundled = Path(PySide6.__file__).resolve().parent / "lrelease"
    if bundled.exists():
        return str(bundled)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def build_qm(ts: Path, qm: Path) -> bool:
    import subprocess

    tool = lrelease()
    if tool is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(
            [tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("lrelease failed for %s: %s", ts, exc)
        return False
    return done.returncode == 0 and qm.exists()


def qm_file(language: str) -> Path | None:
    """The compiled translation, building it first when only the `.ts` is there."""
    ts = resource_path("translations", f"granska_{language}.ts")
    built = resource_path("translations", f"granska_{language}.qm")
    if built.exists() and (not ts.exists() or built.stat().st_mtime >= ts.stat().st_mtime):
        return built
    if not ts.exists():
        return built if built.exists() else None
    cached = Path(platformdirs.user_cache_dir(APP_NAME, ORGANIZATION)) / "translations" / built.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    return cached if build_qm(ts, cached) else (built if built.exists() else None)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Our strings and Qt's own (standard buttons, the date picker) in `language`."""
    installed = []
    if language != SOURCE_LANGUAGE:
        ours = qm_file(language)
        translator = QTranslator(app)
        if ours is not None and translator.load(str(ours)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("no translation for %s; the window stays in Swedish", language)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    INSTALLED.extend(installed)
    return installed


# Every translator installed here, so a switch of language (app/ui/language_switch.py) can take
# away the ones before it.
INSTALLED: list[QTranslator] = []
