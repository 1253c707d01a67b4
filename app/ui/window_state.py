"""Where the window remembers itself: an INI file in the user's config folder.

An explicit file rather than QSettings' default location: Qt caches the default paths at first
use, so the file would not follow XDG_CONFIG_HOME when tests give every test its own folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from app.version import APP_NAME, ORGANIZATION


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, ORGANIZATION)) / "granska.ini"


def user_settings() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def _bytes(value: Any) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def restore_window(window: Any) -> None:
    """Geometry, splitter, columns, and the last queue and filters of the main window."""
    settings = user_settings()
    geometry = _bytes(settings.value("window/geometry"))
    if geometry is not None:
        window.restoreGeometry(geometry)
    splitter = _bytes(settings.value("window/splitter"))
    if splitter is not None:
        window.splitter.restoreState(splitter)
    else:
        window.splitter.setSizes([880, 400])
    state = settings.value("queue/state")
    window.queue.restore(state if isinstance(state, dict) else {}, _bytes(settings.value("queue/header")))


def save_window(window: Any) -> None:
    settings = user_settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", window.splitter.saveState())
    settings.setValue("queue/header", window.queue.table.horizontalHeader().saveState())
    settings.setValue("queue/state", window.queue.state())
    settings.sync()
