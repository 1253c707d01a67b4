"""Every test gets its own user and machine folders, on Linux and on Windows alike (tests/conftest.py):
a test run never reads or writes the real user's database, settings or cache."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from app.version import APP_NAME, ORGANIZATION


def test_the_user_and_machine_folders_are_the_tests_own(_isolated_user_folders: Path):
    dirs = platformdirs.PlatformDirs(APP_NAME, ORGANIZATION)
    for folder in (dirs.user_data_dir, dirs.user_config_dir, dirs.user_cache_dir, dirs.site_config_dir):
        assert Path(folder).is_relative_to(_isolated_user_folders), folder
