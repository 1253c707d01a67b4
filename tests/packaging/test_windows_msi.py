"""packaging/windows/msi.py builds the per-machine MSI with wixl; the Windows wheel lists follow
pyproject.toml. scripts/package --windows installs, upgrades and uninstalls the real one under
Wine's msiexec (packaging/windows/msi_check.py); these check the package itself, here."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.version import APP_NAME, ORGANIZATION, __version__
from tests.helpers.packaging import PACKAGING

WINDOWS = PACKAGING / "windows"
# Windows finds an installed Granska by this code to upgrade it. It must never change: a new one
# would install a second, separate Granska next to the first.
UPGRADE_CODE = "{DC01E39D-28AD-411A-A71D-A47945A031EA}"


def load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(f"granska_windows_{name}", WINDOWS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def msi_table(msi: Path, table: str) -> list[list[str]]:
    exported = subprocess.run(
        ["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True
    ).stdout
    return [line.split("\t") for line in exported.splitlines()[3:]]


@pytest.fixture(scope="module")
def msi(tmp_path_factory) -> Path:
    if shutil.which("wixl") is None:
        pytest.fail("wixl is missing: scripts/test installs Debian's wixl and msitools")
    bundle = tmp_path_factory.mktemp("dist") / APP_NAME
    (bundle / "_internal" / "resources" / "icons").mkdir(parents=True)
    for name in (f"{APP_NAME}.exe", "granska-cli.exe"):
        (bundle / name).write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "resources" / "icons" / "granska ikon.svg").write_text("<svg/>")
    out = bundle.parent / f"{APP_NAME}-{__version__}.msi"
    load("msi").build_msi(bundle, out, __version__)
    return out


def test_the_msi_installs_for_every_user_and_upgrades_by_its_fixed_code(msi):
    properties = dict(msi_table(msi, "Property"))
    assert properties["ALLUSERS"] == "1"
    assert properties["UpgradeCode"] == UPGRADE_CODE
    assert properties["ProductVersion"] == __version__
    assert properties["Manufacturer"] == ORGANIZATION
    # A newer package removes the older (major upgrade); an older one refuses to install over it.
    assert {row[0] for row in msi_table(msi, "Upgrade")} == {UPGRADE_CODE}
    assert "RemoveExistingProducts" in {row[0] for row in msi_table(msi, "InstallExecuteSequence")}


def test_every_file_of_the_bundle_is_installed_and_the_start_menu_starts_granska(msi):
    files = {row[2] for row in msi_table(msi, "File")}
    assert files == {f"{APP_NAME}.exe", "granska-cli.exe", "granska ikon.svg"}
    (shortcut,) = msi_table(msi, "Shortcut")
    assert shortcut[1] == "ProgramMenuFolder" and shortcut[2] == APP_NAME
    assert shortcut[4] == f"[INSTALLDIR]{APP_NAME}.exe"
    directories = {row[0]: row for row in msi_table(msi, "Directory")}
    assert directories["INSTALLDIR"][1] == "ProgramFiles64Folder" and directories["INSTALLDIR"][2] == APP_NAME


def test_msi_versions_and_the_upgrade_checks_older_version():
    msi = load("msi")
    assert msi.msi_version("1.2.3") == "1.2.3" and msi.msi_version("2.0") == "2.0.0"
    assert [msi.previous_version(v) for v in ("1.2.3", "1.2.0", "1.0.0")] == [
        "1.2.2",
        "1.1.65535",
        "0.255.65535",
    ]
    with pytest.raises(ValueError, match="at most 255"):
        msi.msi_version("2026.12.1")


@pytest.mark.parametrize("kind", ["test", "build"])
def test_the_windows_wheel_lists_follow_pyproject(kind):
    lock = load("lock")
    pinned = {
        re.sub(r"[-_.]+", "-", m.group(1)).lower()
        for m in re.finditer(
            r"^([A-Za-z0-9_.-]+)==\S+ \\\n\s+--hash=sha256:[0-9a-f]{64}$",
            (WINDOWS / f"requirements-{kind}.txt").read_text(),
            re.MULTILINE,
        )
    }
    wanted = {
        re.sub(r"[-_.]+", "-", re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0]).lower() for r in lock.inputs(kind)
    }
    missing = wanted - pinned
    assert not missing, f"not in requirements-{kind}.txt: {missing}; run scripts/test-windows --relock"
    if kind == "build":
        assert not pinned & {"pytest", "pytest-qt", "aiosmtpd"}, "test tools must not reach the bundle"


def test_the_msi_script_runs_on_the_systems_python(tmp_path):
    done = subprocess.run(
        [sys.executable, str(WINDOWS / "msi.py"), "--previous-version", "0.2.0"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "0.1.65535"


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A throw-away self-signed code-signing certificate, as .pfx (to sign) and .pem (to verify)."""
    key, pem, pfx = folder / "key.pem", folder / "cert.pem", folder / "cert.pfx"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=Granska test/O=Vadstena kommun",
            "-addext",
            "extendedKeyUsage=codeSigning",
            "-keyout",
            str(key),
            "-out",
            str(pem),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            "openssl",
            "pkcs12",
            "-export",
            "-inkey",
            str(key),
            "-in",
            str(pem),
            "-out",
            str(pfx),
            "-passout",
            "pass:test",
        ],
        check=True,
        capture_output=True,
    )
    return pfx, pem


def test_the_msi_is_signed_when_a_certificate_is_given_and_says_so_when_not(msi, tmp_path):
    copy = tmp_path / msi.name
    shutil.copyfile(msi, copy)
    sign = str(WINDOWS / "sign")
    bare = {k: v for k, v in os.environ.items() if not k.startswith("GRANSKA_SIGN")}
    unsigned = subprocess.run([sign, str(copy)], capture_output=True, text=True, check=True, env=bare)
    assert "OSIGNERAT" in unsigned.stderr and copy.read_bytes() == msi.read_bytes()
    pfx, pem = _certificate(tmp_path)
    env = {**os.environ, "GRANSKA_SIGN_PFX": str(pfx), "GRANSKA_SIGN_PASSWORD": "test"}
    signed = subprocess.run([sign, str(copy)], capture_output=True, text=True, check=True, env=env)
    assert f"Signerad: {copy.name}" in signed.stderr
    verified = subprocess.run(
        ["osslsigncode", "verify", "-CAfile", str(pem), "-in", str(copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "Signature verification: ok" in verified.stdout
