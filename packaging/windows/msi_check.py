"""Install, upgrade and uninstall Granska's MSI silently, as municipal IT deploys it, and check each
step. Runs on Windows (scripts/package --windows runs it under Wine; on a Windows 11 workstation
run it from an administrator's prompt with any Python 3.11+):

    python packaging\\windows\\msi_check.py OLDER.msi NEWER.msi

1. `msiexec /i OLDER.msi /qn`: the program in %ProgramFiles%\\Granska, a Start-menu entry, one
   entry in Apps & features; the installed command line creates the user's database.
2. `msiexec /i NEWER.msi /qn`: still one entry, now the newer version, and the user's data is
   still there.
3. `msiexec /x NEWER.msi /qn`: the program and the Start-menu entry are gone, the user's database
   is not.
Exit 0 when every check held; 1 naming the first that did not. Standard library only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import winreg
from pathlib import Path

NAME = "Granska"
UNINSTALL = r"Software\Microsoft\Windows\CurrentVersion\Uninstall"
PROGRAM = Path(os.environ.get("ProgramW6432") or os.environ["ProgramFiles"]) / NAME
START_MENUS = [
    Path(os.environ.get("ProgramData", r"C:\ProgramData")) / r"Microsoft\Windows\Start Menu\Programs",
    Path(os.environ["APPDATA"]) / r"Microsoft\Windows\Start Menu\Programs",
]
USER_DATA = Path(os.environ["LOCALAPPDATA"]) / "Vadstena kommun" / NAME
TEST_ACCOUNT = "msitest"


class CheckFailed(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise CheckFailed(what)
    print(f"  ok: {what}", flush=True)


def installed() -> list[tuple[str, str]]:
    """(product code, version) of every installed Granska, from Apps & features' registry."""
    found = []
    access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY
    with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, UNINSTALL, 0, access) as root:
        for i in range(winreg.QueryInfoKey(root)[0]):
            code = winreg.EnumKey(root, i)
            with winreg.OpenKey(root, code) as entry:
                try:
                    if winreg.QueryValueEx(entry, "DisplayName")[0] == NAME:
                        found.append((code, str(winreg.QueryValueEx(entry, "DisplayVersion")[0])))
                except OSError:
                    continue
    return found


def msiexec(*args: str) -> None:
    started = time.perf_counter()
    done = subprocess.run(["msiexec", *args, "/qn"], check=False)
    print(
        f"msiexec {' '.join(args)}: slutkod {done.returncode} ({time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    check(done.returncode in (0, 3010), f"msiexec {args[0]} lyckades")


def granska(*args: str) -> str:
    done = subprocess.run(
        [str(PROGRAM / "granska-cli.exe"), *args],
        capture_output=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if k != "GRANSKA_DB"},
    )
    output = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0:
        raise CheckFailed(f"granska-cli {' '.join(args)}: {done.stderr.decode('utf-8', 'replace')}")
    return output


def shortcut() -> Path | None:
    return next((menu / f"{NAME}.lnk" for menu in START_MENUS if (menu / f"{NAME}.lnk").is_file()), None)


def msi_version(msi: Path) -> str:
    return msi.stem.rsplit("-", 1)[-1]


def run(older: Path, newer: Path) -> None:
    for code, _version in installed():  # a left-over from an interrupted run
        msiexec("/x", code)
    if (USER_DATA / "granska.db").exists():
        (USER_DATA / "granska.db").unlink()

    print(f"1. Installerar {older.name}", flush=True)
    msiexec("/i", str(older))
    check((PROGRAM / f"{NAME}.exe").is_file(), f"{PROGRAM}\\{NAME}.exe finns")
    check([v for _c, v in installed()] == [msi_version(older)], f"en {NAME} {msi_version(older)} i Appar")
    check(shortcut() is not None, "genvägen finns i Start-menyn")
    granska("accounts", "add", TEST_ACCOUNT, "--platform", "facebook", "--name", "Test före uppgradering")
    check((USER_DATA / "granska.db").is_file(), "användarens databas skapades i %LOCALAPPDATA%")

    print(f"2. Uppgraderar till {newer.name}", flush=True)
    msiexec("/i", str(newer))
    check([v for _c, v in installed()] == [msi_version(newer)], f"bara {NAME} {msi_version(newer)} i Appar")
    check(msi_version(newer) in granska("--version"), "det installerade programmet är den nya versionen")
    check(TEST_ACCOUNT in granska("accounts", "list"), "användarens data finns kvar efter uppgraderingen")

    print(f"3. Avinstallerar {newer.name}", flush=True)
    msiexec("/x", str(newer))
    check(not PROGRAM.exists() or not any(PROGRAM.rglob("*.exe")), "programmet är borttaget")
    check(installed() == [], f"ingen {NAME} i Appar")
    check(shortcut() is None, "genvägen är borttagen")
    check((USER_DATA / "granska.db").is_file(), "användarens databas finns kvar")
    (USER_DATA / "granska.db").unlink()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        run(Path(argv[0]).resolve(), Path(argv[1]).resolve())
    except CheckFailed as failed:
        print(f"MSI-kontrollen: underkänd: {failed}", flush=True)
        return 1
    print("MSI-kontrollen: godkänd (installation, uppgradering och avinstallation)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
