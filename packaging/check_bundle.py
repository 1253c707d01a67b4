"""Check a built bundle: nothing excluded leaked in, everything the app reads is there.

Run with the package venv's Python (it reads the frozen archive with PyInstaller's reader):
    build/package-venv/bin/python packaging/check_bundle.py BUNDLE_DIR [--json]
Exit 0 when the bundle is clean; 1 with the problems listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import build_config  # next to this file
from PyInstaller.archive.readers import CArchiveReader

CONTENTS = "_internal"


def executable(bundle: Path) -> Path:
    name = build_config.identity().name
    return bundle / (f"{name}.exe" if sys.platform == "win32" else name)


def frozen_modules(exe: Path) -> list[str]:
    archive = CArchiveReader(str(exe))
    return sorted(archive.open_embedded_archive("PYZ.pyz").toc)


def bundle_files(bundle: Path) -> list[str]:
    contents = bundle / CONTENTS
    return sorted(p.relative_to(contents).as_posix() for p in contents.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--json", action="store_true", help="print modules, files and problems as JSON")
    args = parser.parse_args(argv)
    modules = frozen_modules(executable(args.bundle))
    files = bundle_files(args.bundle)
    problems = build_config.bundle_problems(modules, files)
    if args.json:
        print(json.dumps({"modules": modules, "files": files, "problems": problems}))
    else:
        print(
            f"Paketkontroll: {'fel' if problems else 'ok'} ({len(modules)} frysta moduler, "
            f"{len(files)} filer)"
        )
        for problem in problems:
            print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
