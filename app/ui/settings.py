"""Where the window remembers itself: an INI file in the user's config folder.

An explicit file rather than QSettings' default location: Qt caches the default paths at first
use, so the file would not follow XDG_CONFIG_HOME when tests give every test its own folder.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

from app.version import APP_NAME, ORGANIZATION


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, ORGANIZATION)) / "granska.ini"


def user_settings() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)
