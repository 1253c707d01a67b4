"""Colours a person can read: WCAG 2 contrast (text 4.5:1, icons 3:1) and the palette fixes.

Qt's Fusion palette selects rows in #308cc6 (white on it is 3.7:1) and draws placeholders at half
the text's alpha (about 4:1 on white): both below WCAG's 4.5:1 for text. `apply_readable_palette`
darkens them; tests/ui/test_accessibility.py measures every pair the queue draws.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

TEXT_CONTRAST = 4.5
ICON_CONTRAST = 3.0
SELECTED_ROW = QColor("#22679f")  # white on it: 6.0:1
PLACEHOLDER = QColor("#6b6b6b")  # on white: 5.3:1


def luminance(color: QColor) -> float:
    """WCAG 2's relative luminance of an opaque colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def blend(color: QColor, background: QColor) -> QColor:
    """A translucent colour as it shows on `background`."""
    a = color.alphaF()
    return QColor.fromRgbF(
        color.redF() * a + background.redF() * (1 - a),
        color.greenF() * a + background.greenF() * (1 - a),
        color.blueF() * a + background.blueF() * (1 - a),
    )


def contrast(foreground: QColor, background: QColor) -> float:
    fg, bg = luminance(blend(foreground, background)), luminance(background)
    return (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)


def apply_readable_palette() -> None:
    """Darken the selection and the placeholder text where the style's own are too pale."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    palette = app.palette()
    changed = False
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        highlight = palette.color(group, QPalette.ColorRole.Highlight)
        on_it = palette.color(group, QPalette.ColorRole.HighlightedText)
        if contrast(on_it, highlight) < TEXT_CONTRAST:
            palette.setColor(group, QPalette.ColorRole.Highlight, SELECTED_ROW)
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
            changed = True
        base = palette.color(group, QPalette.ColorRole.Base)
        placeholder = palette.color(group, QPalette.ColorRole.PlaceholderText)
        if contrast(placeholder, base) < TEXT_CONTRAST and luminance(base) > 0.5:
            palette.setColor(group, QPalette.ColorRole.PlaceholderText, PLACEHOLDER)
            changed = True
    if changed:
        app.setPalette(palette)
