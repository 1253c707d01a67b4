"""Machine-wide settings that the municipality's IT deploys (Group Policy, Intune, SCCM): the team
database's address and the language, for everyone who uses Granska on that computer.

Read from, the first that sets a value winning:
1. the registry, `HKEY_LOCAL_MACHINE\\Software\\Policies\\Granska` (Windows; string values
   `Database` and `Language`), as Group Policy and Intune write it;
2. a file, `%ProgramData%\\Granska\\granska.ini` on Windows, `/etc/xdg/Granska/granska.ini` on
   Linux, section `[granska]`, keys `database` and `language`.

A user's own choice still comes first: `--db` or `GRANSKA_DB` for the database, the language
chosen in the Settings menu. A value that makes no sense is ignored with a warning, so a typo in a
deployed policy never keeps Granska from starting.
"""

from __future__ import annotations

import configparser
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.version import APP_NAME

log = logging.getLogger(__name__)

REGISTRY_KEY = r"Software\Policies\Granska"
FILE_NAME = "granska.ini"
SECTION = "granska"
LANGUAGES = ("sv", "en")


@dataclass(frozen=True)
class MachinePolicy:
    database: str | None = None
    language: str | None = None


def policy_file() -> Path:
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


def read_policy_file(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8-sig")  # Notepad may write a byte-order mark
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        log.warning("the machine policy file %s cannot be read and is ignored: %s", path, exc)
        return {}
    if not parser.has_section(SECTION):
        return {}
    return {key: value.strip() for key, value in parser.items(SECTION) if value.strip()}


def read_policy_registry(key: str = REGISTRY_KEY) -> dict[str, str]:
    if sys.platform != "win32":  # (sys.platform, not os.name: the type checker reads this one)
        return {}
    import winreg

    values: dict[str, str] = {}
    try:
        # The 64-bit view: where Group Policy writes for a 64-bit program.
        handle = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
    except OSError:
        return values
    with handle:
        for name in ("Database", "Language"):
            try:
                value, kind = winreg.QueryValueEx(handle, name)
            except OSError:
                continue
            if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) and str(value).strip():
                values[name.lower()] = os.path.expandvars(str(value).strip())
            else:
                log.warning("the machine policy value %s\\%s is not a string and is ignored", key, name)
    return values


def machine_policy(registry_key: str = REGISTRY_KEY) -> MachinePolicy:
    values = {**read_policy_file(policy_file()), **read_policy_registry(registry_key)}
    language = values.get("language", "").lower() or None
    if language is not None and language not in LANGUAGES:
        log.warning("the machine policy's language %r is not one of %s and is ignored", language, LANGUAGES)
        language = None
    return MachinePolicy(database=values.get("database"), language=language)
