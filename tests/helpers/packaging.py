"""Loading the build scripts under packaging/ (by path: `packaging` is also a PyPI distribution,
so the folder cannot be imported as a package) and reading an Inno Setup script."""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def packaging_module(name: str) -> ModuleType:
    """packaging/<name>.py as a module; build_config is loaded first, under the name the other
    scripts import it by."""
    if name != "build_config":
        packaging_module("build_config")
    if name in sys.modules and getattr(sys.modules[name], "__file__", "") == str(PACKAGING / f"{name}.py"):
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules[name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_DEFINE = re.compile(r"^#define\s+(\w+)\s+(.*)$")
_SECTION = re.compile(r"^\[(\w+)\]$")


@dataclass
class InnoScript:
    """The parts of an .iss file the tests look at. Preprocessor conditionals are not evaluated:
    every branch's lines are kept."""

    text: str
    defines: dict[str, str] = field(default_factory=dict)  # including defaults under #ifndef
    required: list[str] = field(default_factory=list)  # #ifndef X ... #error: the build must pass X
    sections: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def parse(cls, path: Path) -> InnoScript:
        text = path.read_text(encoding="utf-8-sig")
        script = cls(text)
        section = None
        pending_ifndef = None
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith(";"):
                continue
            if line.startswith("#"):
                if line.startswith("#ifndef "):
                    pending_ifndef = line.split()[1]
                elif line.startswith("#error") and pending_ifndef:
                    script.required.append(pending_ifndef)
                elif line.startswith("#endif"):
                    pending_ifndef = None
                elif m := _DEFINE.match(line):
                    script.defines[m.group(1)] = m.group(2).strip().strip('"')
                continue
            if m := _SECTION.match(line):
                section = m.group(1).lower()
                script.sections.setdefault(section, [])
                continue
            if section is not None:
                script.sections[section].append(line)
        return script

    def setup(self) -> dict[str, str]:
        directives = {}
        for line in self.sections.get("setup", []):
            key, _, value = line.partition("=")
            directives[key.strip()] = value.strip()
        return directives

    def entries(self, section: str) -> list[dict[str, str]]:
        return [parse_entry(line) for line in self.sections.get(section.lower(), [])]

    def expand(self, value: str, defines: dict[str, str]) -> str:
        """Replace {#Name} with the script's own defines and those the build passes."""
        known = {**self.defines, **defines}
        return re.sub(r"\{#(\w+)\}", lambda m: known[m.group(1)], value)

    def used_defines(self) -> set[str]:
        return set(re.findall(r"\{#(\w+)\}", self.text))


def parse_entry(line: str) -> dict[str, str]:
    """`Name: "a; b"; Flags: x y` → {"Name": "a; b", "Flags": "x y"} (quotes doubled inside)."""
    entry: dict[str, str] = {}
    rest = line
    while rest:
        key, _, rest = rest.partition(":")
        rest = rest.lstrip()
        if rest.startswith('"'):
            value, i = "", 1
            while i < len(rest):
                if rest[i] == '"' and rest[i + 1 : i + 2] == '"':
                    value, i = value + '"', i + 2
                elif rest[i] == '"':
                    break
                else:
                    value, i = value + rest[i], i + 1
            rest = rest[i + 1 :].lstrip()
            rest = rest[1:] if rest.startswith(";") else rest
        else:
            value, _, rest = rest.partition(";")
        entry[key.strip()] = value.strip()
        rest = rest.strip()
    return entry
