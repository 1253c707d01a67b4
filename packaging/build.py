"""Build the frozen Granska from a clean virtualenv: the one-folder bundle, then on Linux an
install tree (bin/, lib/granska/, share/ with the desktop entry, metainfo and hicolor icons) and
on Windows the Inno Setup installer. scripts/package runs this on Linux.

    python3 packaging/build.py [--dist DIR] [--fresh] [--no-smoke-test] [--iscc PATH]

Uses only the standard library: it runs with the system Python, before any venv exists.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import build_config  # next to this file

ROOT = build_config.ROOT
WINDOWS = sys.platform == "win32"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
ISS = ROOT / "packaging" / "windows" / "granska.iss"


def requirements(root: Path = ROOT) -> list[str]:
    """Granska's runtime dependencies plus the `package` extra (PyInstaller), from pyproject.toml:
    nothing from the dev extra, so test tools cannot leak into the bundle."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"]) + list(project["optional-dependencies"]["package"])


def venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if WINDOWS else "bin/python")


def ensure_clean_venv(env: Path, reqs: list[str], *, fresh: bool = False) -> Path:
    """A venv that only this script ever installs into, rebuilt from scratch whenever the
    requirements or the Python version change (or with --fresh)."""
    stamp_value = hashlib.sha256("\n".join([sys.version, *reqs]).encode()).hexdigest()
    stamp = env / ".granska-package-requirements"
    if not fresh and stamp.is_file() and stamp.read_text() == stamp_value:
        return venv_python(env)
    if env.exists():
        shutil.rmtree(env)
    print(f"Skapar en ren virtuell miljö för bygget: {env}", flush=True)
    import venv  # not in Windows' embeddable Python, which builds with --python

    venv.create(env, with_pip=True, clear=True)
    python = venv_python(env)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, *reqs], check=True)
    stamp.write_text(stamp_value)
    return python


def build_translations(python: Path, root: Path = ROOT) -> list[Path]:
    """Compile the committed .ts files to the .qm files the app loads (built, never committed)."""
    sources = sorted((root / "resources" / "translations").glob("*.ts"))
    if not sources:
        return []
    name = "pyside6-lrelease.exe" if WINDOWS else "pyside6-lrelease"
    # A venv's scripts sit next to its python; an installed Windows Python keeps them in Scripts\.
    candidates = [python.parent / name, python.parent / "Scripts" / name]
    lrelease = [str(next((c for c in candidates if c.exists()), candidates[0]))]
    built = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        subprocess.run([*lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def run_pyinstaller(python: Path, work: Path, *, clean: bool = True) -> Path:
    ident = build_config.identity()
    dist = work / "dist"
    subprocess.run(
        [str(python), "-m", "PyInstaller", "--noconfirm", *(["--clean"] if clean else []),
         "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work / "work"), str(ROOT / "packaging" / "granska.spec")],
        check=True, cwd=ROOT,
    )  # fmt: skip
    return dist / ident.name


def check_bundle(python: Path, bundle: Path) -> None:
    subprocess.run([str(python), str(ROOT / "packaging" / "check_bundle.py"), str(bundle)], check=True)


def stage_linux(bundle: Path, dist: Path) -> Path:
    """An install tree: copy its contents into a prefix (~/.local, /usr/local, /opt/...)."""
    ident = build_config.identity()
    stage = dist / f"{ident.name.lower()}-{ident.version}-linux-{platform.machine()}"
    if stage.exists():
        shutil.rmtree(stage)
    lib = stage / "lib" / ident.name.lower()
    lib.parent.mkdir(parents=True)
    shutil.move(str(bundle), str(lib))
    (stage / "bin").mkdir()
    (stage / "bin" / ident.name.lower()).symlink_to(Path("..") / "lib" / lib.name / ident.name)
    share = stage / "share"
    linux = ROOT / "packaging" / "linux"
    _install(linux / f"{ident.app_id}.desktop", share / "applications")
    _install(linux / f"{ident.app_id}.metainfo.xml", share / "metainfo")
    icons = ROOT / "resources" / "icons"
    for size in ICON_SIZES:
        _install(
            icons / f"{size}x{size}" / "granska.png",
            share / "icons" / "hicolor" / f"{size}x{size}" / "apps",
            f"{ident.app_id}.png",
        )
    _install(icons / "granska.svg", share / "icons" / "hicolor" / "scalable" / "apps", f"{ident.app_id}.svg")
    return stage


def _install(source: Path, folder: Path, name: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / (name or source.name))


def iscc_command(iscc: str, bundle: Path, output: Path) -> list[str]:
    """Inno Setup's compiler with the version and paths injected; packaging/windows/granska.iss
    refuses to compile without them."""
    ident = build_config.identity()
    return [
        iscc,
        f"/DAppVersion={ident.version}",
        f"/DBundleDir={bundle}",
        f"/DIconFile={ROOT / 'resources' / 'icons' / 'granska.ico'}",
        f"/O{output}",
        str(ISS),
    ]


def find_iscc(explicit: str | None) -> str:
    candidates = [explicit, shutil.which("iscc"), shutil.which("ISCC")]
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base:
            candidates.append(str(Path(base) / "Inno Setup 6" / "ISCC.exe"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise SystemExit("Inno Setup (ISCC.exe) hittades inte: installera Inno Setup 6 eller ange --iscc")


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def smoke_test(executable: Path) -> None:
    started = time.perf_counter()
    result = subprocess.run([str(executable), "--smoke-test"], check=False)
    print(f"Röktestet tog {time.perf_counter() - started:.2f} s (väggklocka).")
    if result.returncode != 0:
        raise SystemExit(f"Röktestet av det frysta programmet misslyckades (slutkod {result.returncode}).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the result goes")
    parser.add_argument(
        "--venv",
        type=Path,
        default=Path(os.environ.get("GRANSKA_PACKAGE_VENV", ROOT / "build" / "package-venv")),
        help="the build's own virtualenv (default build/package-venv, or GRANSKA_PACKAGE_VENV)",
    )
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder"
    )
    parser.add_argument("--fresh", action="store_true", help="recreate the build venv even if it is current")
    parser.add_argument(
        "--no-smoke-test", action="store_true", help="do not run the frozen app's --smoke-test"
    )
    parser.add_argument("--iscc", help="Windows: path to Inno Setup's ISCC.exe")
    parser.add_argument(
        "--python",
        type=Path,
        help="build with this Python, which holds only the build's requirements, instead of a venv "
        "(scripts/package --windows: the Windows Python under Wine)",
    )
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="keep PyInstaller's analysis in --work between builds (scripts/package --windows: the "
        "analysis under Wine takes minutes)",
    )
    parser.add_argument(
        "--no-installer",
        action="store_true",
        help="Windows: the bundle only (scripts/package --windows makes the MSI with wixl)",
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    python = args.python or ensure_clean_venv(args.venv.resolve(), requirements(), fresh=args.fresh)
    build_translations(python)
    bundle = run_pyinstaller(python, args.work.resolve(), clean=not args.incremental)
    check_bundle(python, bundle)
    dist = args.dist.resolve()
    dist.mkdir(parents=True, exist_ok=True)
    ident = build_config.identity()
    if WINDOWS:
        target = dist / ident.name
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(bundle), str(target))
        executable = target / f"{ident.name.lower()}-cli.exe"
        if not args.no_installer:
            subprocess.run(iscc_command(find_iscc(args.iscc), target, dist), check=True)
        result, folder = dist, target
    else:
        result = stage_linux(bundle, dist)
        folder = result / "lib" / ident.name.lower()
        executable = result / "bin" / ident.name.lower()
    size, count = folder_size(folder)
    print(
        f"Paketet: {result}\nStorlek: {size / 2**20:.0f} MiB i {count} filer "
        f"(byggt på {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    if not args.no_smoke_test:
        smoke_test(executable)
    return 0


if __name__ == "__main__":
    sys.exit(main())
