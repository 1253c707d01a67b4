"""The Linux desktop entry and AppStream metainfo: named by the app id from app/version.py, valid
for the freedesktop tools, and in step with the version."""

from __future__ import annotations

import configparser
import platform
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from app.version import APP_ID, APP_NAME, __version__
from tests.helpers.packaging import PACKAGING, ROOT, packaging_module

DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is missing: scripts/test installs it from Debian")
    return path


@pytest.fixture(scope="module")
def desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.fixture(scope="module")
def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_reverse_dns_id_is_the_app_id():
    parts = APP_ID.split(".")
    assert len(parts) >= 3 and parts[0] == "se" and all(parts)
    assert sorted(p.name for p in (PACKAGING / "linux").iterdir()) == sorted(
        [f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"]
    )


def test_desktop_entry_starts_granska_with_its_icon(desktop):
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == APP_NAME
    assert desktop["Icon"] == APP_ID  # the hicolor icon scripts/package installs under this name
    assert desktop["Exec"].split()[0] == "granska"  # bin/granska in the install tree
    assert desktop["Terminal"] == "false"


def test_desktop_entry_is_valid():
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_metainfo_names_the_app_and_its_launcher(metainfo, desktop):
    assert metainfo.get("type") == "desktop-application"
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("name") == desktop["Name"]
    launchable = metainfo.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    assert metainfo.findtext("provides/binary") == desktop["Exec"].split()[0]


def test_metainfo_newest_release_is_this_version(metainfo):
    releases = metainfo.findall("releases/release")
    assert releases, "metainfo has no releases"
    assert releases[0].get("version") == __version__, "add a <release> for the new version"


def test_metainfo_license_matches_pyproject(metainfo):
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert metainfo.findtext("project_license") == project["license"]  # an SPDX expression (PEP 639)


def test_metainfo_is_valid():
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith(("E:", "W:"))]
    assert problems == []


def test_install_tree_puts_files_where_desktops_look(tmp_path):
    build = packaging_module("build")
    ident = packaging_module("build_config").identity()
    bundle = tmp_path / "work" / APP_NAME
    (bundle / "_internal").mkdir(parents=True)
    (bundle / APP_NAME).write_text("#!/bin/sh\n")
    stage = build.stage_linux(bundle, tmp_path / "dist")
    assert stage.name == f"granska-{ident.version}-linux-{platform.machine()}"
    assert (stage / "bin" / "granska").resolve() == (stage / "lib" / "granska" / APP_NAME).resolve()
    assert (stage / "share" / "applications" / DESKTOP.name).read_bytes() == DESKTOP.read_bytes()
    assert (stage / "share" / "metainfo" / METAINFO.name).is_file()
    hicolor = stage / "share" / "icons" / "hicolor"
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert (
            icon.read_bytes()
            == (ROOT / "resources" / "icons" / f"{size}x{size}" / "granska.png").read_bytes()
        )
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
