"""packaging/windows/granska.iss cannot be compiled here (Inno Setup runs on Windows): these tests
check it against app/version.py, the build's defines and the spec's file names."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest

from app.version import APP_NAME, ORGANIZATION, __version__
from tests.helpers.packaging import PACKAGING, ROOT, InnoScript, packaging_module, parse_entry

ISS = PACKAGING / "windows" / "granska.iss"
# Windows finds an installed Granska by this id to upgrade it. It must never change: a new one
# would install a second, separate Granska next to the first.
APP_ID_GUID = "{{8FF37B20-E35B-4880-9198-5EFA0E5CC7F2}"


@pytest.fixture(scope="module")
def script() -> InnoScript:
    return InnoScript.parse(ISS)


@pytest.fixture(scope="module")
def build_defines(tmp_path_factory) -> dict[str, str]:
    build = packaging_module("build")
    bundle = tmp_path_factory.mktemp("dist") / APP_NAME
    command = build.iscc_command("ISCC.exe", bundle, bundle.parent)
    assert command[-1] == str(ISS)
    return dict(arg[2:].split("=", 1) for arg in command if arg.startswith("/D"))


def test_app_id_is_the_fixed_guid(script):
    assert script.setup()["AppId"] == APP_ID_GUID


def test_version_comes_from_the_build_not_the_script(script, build_defines):
    assert build_defines["AppVersion"] == __version__
    assert script.setup()["AppVersion"] == "{#AppVersion}"
    assert "AppVersion" in script.required, "compiling without /DAppVersion must fail"
    assert "AppVersion" not in script.defines
    assert __version__ not in script.text


def test_windows_can_read_the_version_as_numbers(script, build_defines):
    # VersionInfoVersion must be up to four dot-separated numbers.
    version = script.expand(script.setup()["VersionInfoVersion"], build_defines)
    parts = version.split(".")
    assert 1 <= len(parts) <= 4 and all(p.isdigit() for p in parts)


def test_every_define_the_script_uses_is_set(script, build_defines):
    missing = script.used_defines() - set(script.defines) - set(build_defines)
    assert missing == set()
    assert set(script.required) <= set(build_defines)


def test_names_match_app_version(script):
    assert script.defines["AppName"] == APP_NAME
    assert script.defines["AppPublisher"] == ORGANIZATION
    assert script.setup()["AppName"] == "{#AppName}"


def test_installs_per_user_without_admin_rights(script):
    setup = script.setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    # With lowest privileges {autopf} is %LOCALAPPDATA%\Programs.
    assert setup["DefaultDirName"] == "{autopf}\\{#AppName}"
    icons = script.entries("Icons")
    assert not any(e["Name"].startswith(("{common", "{group}")) for e in icons)


def test_start_menu_entry_starts_the_program(script):
    start_menu = [e for e in script.entries("Icons") if e["Name"].startswith("{autoprograms}")]
    assert len(start_menu) == 1
    assert start_menu[0]["Filename"] == "{app}\\{#AppExeName}"
    assert "Tasks" not in start_menu[0], "the Start-menu entry is always made"


def test_uninstall_leaves_the_users_database(script):
    # The app keeps its database in platformdirs' user_data_dir on Windows:
    # %LOCALAPPDATA%\<organization>\<app name>. The installer must never touch that folder.
    data_dir = PureWindowsPath("{localappdata}", ORGANIZATION, APP_NAME)
    program_dir = PureWindowsPath("{localappdata}", "Programs", APP_NAME)  # {autopf}, per user
    assert data_dir not in program_dir.parents and data_dir != program_dir
    for section in ("UninstallDelete", "InstallDelete", "Dirs", "Files"):
        for entry in script.entries(section):
            target = entry.get("Name") or entry.get("DestDir", "")
            assert target.startswith("{app}"), f"[{section}] reaches outside the program folder: {target}"
    assert ORGANIZATION not in "\n".join(script.sections.get("uninstalldelete", []))


def test_unicode_script_has_the_bom_inno_setup_needs():
    raw = ISS.read_bytes()
    if any(b > 0x7F for b in raw[3:]):
        assert raw.startswith(b"\xef\xbb\xbf")


def test_setup_icon_is_the_rendered_app_icon(script, build_defines):
    icon = Path(script.expand(script.setup()["SetupIconFile"], build_defines))
    assert icon == ROOT / "resources" / "icons" / "granska.ico"
    # The script's own default, relative to the script, points at the same file.
    default = (ISS.parent / PureWindowsPath(script.defines["IconFile"]).as_posix()).resolve()
    assert default == icon
    assert icon.read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_program_file_is_the_spec_executable(script):
    # The spec names the windowed executable after APP_NAME; the shortcuts point at it.
    assert script.defines["AppExeName"] == f"{APP_NAME}.exe"
    spec = (PACKAGING / "granska.spec").read_text(encoding="utf-8")
    assert "name=ident.name," in spec


def test_files_take_the_whole_bundle(script):
    (files,) = script.entries("Files")
    assert files["Source"] == "{#BundleDir}\\*"
    assert files["DestDir"] == "{app}"
    assert {"recursesubdirs", "createallsubdirs"} <= set(files["Flags"].split())
    assert "Excludes" not in files


def test_entry_parser_keeps_quoted_semicolons():
    entry = parse_entry('Name: "a; ""b"""; Flags: x y')
    assert entry == {"Name": 'a; "b"', "Flags": "x y"}
