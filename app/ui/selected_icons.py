"""Icons on a selected row: drawn in the selected text's colour, so they stand out.

A view draws a selected row's icons in QIcon's Selected mode; by default Qt only tints the
normal picture towards the selection colour, so the red flag on the selection blue was 1.0:1
(WCAG asks 3:1 for icons). Each icon gets a Selected-mode SVG of its own: every colour the
palette's HighlightedText (white on the selection blue), and what was white (the mark inside a
solid badge) the Highlight itself, so the shape still reads. Whatever the style's selection,
the icon is as readable as the text on it. The SVG is written once into the user's cache (as
the translations' built files are) and stays sharp at every scale in Qt's SVG engine.
"""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon, QPalette

from app.version import APP_NAME, ORGANIZATION

_COLOUR = re.compile(r'(fill|stroke|stop-color)="(#[0-9a-fA-F]{3,8}|white|black|[a-z]+)"')
_WHITE = {"#fff", "#ffffff", "white", "#ffffffff"}


def on_selection(svg: str, ink: str, selection: str) -> str:
    """The SVG with every colour `ink`, and white in the `selection` colour ("none" stays)."""

    def recolour(match: re.Match[str]) -> str:
        attribute, value = match[1], match[2]
        if value == "none" or value == "transparent" or value == "currentColor":
            return match[0]
        return f'{attribute}="{selection if value.lower() in _WHITE else ink}"'

    return _COLOUR.sub(recolour, svg)


def add_selected_mode(qicon: QIcon, source: Path) -> None:
    """Give `qicon` its Selected-mode picture (made from `source`, cached by name and time)."""
    palette = QGuiApplication.palette()
    ink = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText).name()
    selection = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight).name()
    cache = Path(platformdirs.user_cache_dir(APP_NAME, ORGANIZATION))
    folder = cache / "icons-selected" / f"{ink[1:]}-{selection[1:]}"
    target = folder / source.name
    try:
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            folder.mkdir(parents=True, exist_ok=True)
            text = on_selection(source.read_text(encoding="utf-8"), ink, selection)
            partial = target.with_suffix(".tmp")
            partial.write_text(text, encoding="utf-8")
            partial.replace(target)
    except OSError:
        return  # a read-only cache: the style's own tint, as before
    qicon.addFile(str(target), QSize(), QIcon.Mode.Selected, QIcon.State.Off)
