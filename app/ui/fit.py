"""Sizing a dialog to what it shows: its title in the title bar, wrapped text in its rows."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# The window manager's buttons and margins around the title, and room for a title-bar font
# somewhat larger than the dialog's own.
TITLE_BAR_BUTTONS = 150
TITLE_FONT_ALLOWANCE = 1.2


def fit_title(window: QWidget) -> None:
    """At least as wide as the title needs, so the window manager does not cut it with "…"."""
    needed = int(window.fontMetrics().horizontalAdvance(window.windowTitle()) * TITLE_FONT_ALLOWANCE)
    window.setMinimumWidth(max(window.minimumWidth(), needed + TITLE_BAR_BUTTONS))


def grow_to_fit(window: QWidget) -> None:
    """Tall enough for the rows' wrapped text at the window's present width. (adjustSize() asks a
    word-wrapped label for its height at a width it will not get, and the text is cut off.)"""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    if layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(window.width())
    else:
        needed = layout.totalSizeHint().height()
    if window.height() < needed:
        window.resize(window.width(), needed)
