"""Granska's per-machine Windows Installer package (MSI), built on Linux with wixl (msitools).

    python3 packaging/windows/msi.py BUNDLE OUT.msi [--version X.Y.Z]

BUNDLE is the PyInstaller one-folder bundle (dist/Granska). The MSI installs it for every user of
the computer into %ProgramFiles%\\Granska with a Start-menu entry, which is what municipal IT
deploys with Group Policy, Intune or SCCM (`msiexec /i Granska-X.Y.Z.msi /qn`). A newer MSI
replaces an older one (major upgrade, found by UPGRADE_CODE); uninstalling removes the program
and never the users' databases and settings (%LOCALAPPDATA%) nor the machine policy.

The version comes from app/version.py (--version only for the upgrade test's older package).
Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import build_config  # noqa: E402 - packaging/build_config.py, loaded by path like the spec does

ROOT = build_config.ROOT
# How Windows recognises Granska across versions: an upgrade finds the installed copy by it and
# replaces it. It must never change (a new code would install a second Granska next to the first).
UPGRADE_CODE = "{DC01E39D-28AD-411A-A71D-A47945A031EA}"
# The Start-menu entry's component: fixed, so an upgrade keeps one entry.
SHORTCUT_COMPONENT_GUID = "{87EB9D61-6A16-47A6-89A6-856826A390F0}"
SWEDISH = "1053"
ICON = ROOT / "resources" / "icons" / "granska.ico"


def msi_version(version: str) -> str:
    """Windows Installer compares major.minor.build, at most 255.255.65535."""
    numbers = [int("".join(c for c in part if c.isdigit()) or 0) for part in version.split(".")]
    major, minor, build = (numbers + [0, 0, 0])[:3]
    if major > 255 or minor > 255 or build > 65535:
        raise ValueError(f"{version} cannot be an MSI version (at most 255.255.65535)")
    return f"{major}.{minor}.{build}"


def previous_version(version: str) -> str:
    """A version just below `version`, for the upgrade check's older package."""
    major, minor, build = (int(n) for n in msi_version(version).split("."))
    if build:
        return f"{major}.{minor}.{build - 1}"
    if minor:
        return f"{major}.{minor - 1}.65535"
    if major:
        return f"{major - 1}.255.65535"
    raise ValueError("0.0.0 has no earlier version")


def _id(prefix: str, relative: str) -> str:
    return prefix + hashlib.sha1(relative.encode("utf-8")).hexdigest()[:24]


def _source(path: Path, base: Path) -> str:
    # wixl looks a relative Source up from where it runs; it cannot take an absolute one.
    return quoteattr(os.path.relpath(path, base))


def _directory(folder: Path, bundle: Path, indent: str, components: list[str], base: Path) -> list[str]:
    lines = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        relative = path.relative_to(bundle).as_posix()
        if path.is_dir():
            directory = _id("d", relative)
            lines.append(f"{indent}<Directory Id={quoteattr(directory)} Name={quoteattr(path.name)}>")
            lines += _directory(path, bundle, indent + "  ", components, base)
            lines.append(f"{indent}</Directory>")
        elif path.is_file():
            component = _id("c", relative)
            components.append(component)
            lines += [
                f'{indent}<Component Id="{component}" Guid="*" Win64="yes">',
                f"{indent}  <File Id={quoteattr(_id('f', relative))} Name={quoteattr(path.name)} "
                f'Source={_source(path, base)} KeyPath="yes"/>',
                f"{indent}</Component>",
            ]
    return lines


def wxs(bundle: Path, version: str, base: Path) -> str:
    """The WiX source for wixl (run in `base`): every file of the bundle, one component each."""
    ident = build_config.identity()
    exe = f"{ident.name}.exe"
    if not (bundle / exe).is_file():
        raise SystemExit(f"{bundle} is not the Windows bundle: {exe} is missing")
    components: list[str] = []
    files = _directory(bundle, bundle, "          ", components, base)
    refs = "\n".join(f'      <ComponentRef Id="{c}"/>' for c in ["StartMenuShortcut", *components])
    name, maker = quoteattr(ident.name), quoteattr(ident.organization)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name={name} Version="{msi_version(version)}" Manufacturer={maker}
           Language="{SWEDISH}" Codepage="1252" UpgradeCode="{UPGRADE_CODE}">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"
             Languages="{SWEDISH}" SummaryCodepage="1252" Manufacturer={maker}
             Description={quoteattr(f"{ident.name} {version}")}
             Comments="Modereringskonsol för kommunens konton i sociala medier"/>
    <MajorUpgrade DowngradeErrorMessage="En nyare version av Granska är redan installerad."/>
    <Media Id="1" Cabinet="granska.cab" EmbedCab="yes"/>
    <Icon Id="granska.ico" SourceFile={_source(ICON, base)}/>
    <Property Id="ARPPRODUCTICON" Value="granska.ico"/>
    <Property Id="ARPURLINFOABOUT" Value="https://www.vadstena.se/"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="INSTALLDIR" Name={name}>
{chr(10).join(files)}
        </Directory>
      </Directory>
      <Directory Id="ProgramMenuFolder"/>
    </Directory>
    <DirectoryRef Id="ProgramMenuFolder">
      <Component Id="StartMenuShortcut" Guid="{SHORTCUT_COMPONENT_GUID}" Win64="yes">
        <Shortcut Id="GranskaShortcut" Name={name} Target="[INSTALLDIR]{exe}" WorkingDirectory="INSTALLDIR"
                  Description="Modereringskonsol för sociala medier" Icon="granska.ico"/>
        <RegistryValue Root="HKLM" Key="Software\\{ident.organization}\\{ident.name}" Name="StartMenuShortcut"
                       Type="integer" Value="1" KeyPath="yes"/>
      </Component>
    </DirectoryRef>
    <Feature Id="Granska" Title={name} Level="1">
{refs}
    </Feature>
  </Product>
</Wix>
"""


def build_msi(bundle: Path, output: Path, version: str) -> Path:
    wixl = shutil.which("wixl")
    if wixl is None:
        raise SystemExit("wixl saknas: installera Debian-paketet wixl (msitools)")
    with tempfile.TemporaryDirectory(prefix="granska-msi-") as work:
        source = Path(work) / "granska.wxs"
        source.write_text(wxs(bundle, version, source.parent), encoding="utf-8")
        subprocess.run([wixl, "--arch", "x64", "-o", str(output), str(source)], check=True, cwd=work)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("bundle", type=Path, nargs="?")
    parser.add_argument("output", type=Path, nargs="?")
    parser.add_argument("--version", default=build_config.identity().version)
    parser.add_argument("--previous-version", metavar="VERSION", help="print a version just below VERSION")
    args = parser.parse_args(argv)
    if args.previous_version:
        print(previous_version(args.previous_version))
        return 0
    if args.bundle is None or args.output is None:
        parser.error("BUNDLE and OUTPUT are needed")
    built = build_msi(args.bundle.resolve(), args.output.resolve(), args.version)
    print(f"MSI: {built} ({built.stat().st_size / 2**20:.0f} MiB, version {msi_version(args.version)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
