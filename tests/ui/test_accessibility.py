"""The queue window with a keyboard alone and a screen reader (what Qt hands to AT-SPI), and
colours with WCAG contrast. tests/ui/test_atspi.py walks the same window over the real bus."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QColor, QGuiApplication, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton

from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from app.services.queue.shapes import ItemSummary
from app.ui.accessibility import tab_chain
from app.ui.contrast import ICON_CONTRAST, TEXT_CONTRAST, contrast
from app.ui.icons import icon, platform_icon, status_icon
from app.ui.queue.rows import _DARK_TEXT, _FLAGGED_BG, _PENDING_BG, _QUESTION_BG, Column, RowLook
from tests.helpers.ui import open_window


@pytest.fixture
def window(qtbot, sqlite_db):
    load_demo(sqlite_db.sessions, 60)
    moderation = ModerationService(sqlite_db.sessions, actor=Actor(username="sofia"))
    return open_window(qtbot, sqlite_db, moderation)


def name_of(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_tab_leaves_the_table_without_changing_the_item_and_the_chain_comes_back(qtbot, window):
    table = window.queue.table
    table.setFocus()
    chosen = window.queue.current_item()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus(), "Tab stays in the queue table"
    assert window.queue.current_item() == chosen
    assert window.detail.isAncestorOf(QApplication.focusWidget())

    # From the search field round the whole chain and back: filter bar, tabs, table, detail pane.
    window.focus_search()
    seen = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        seen.append(focus)
        if focus is window.queue.filter_bar.search:
            break
    else:
        pytest.fail("Tab never came back to the search field")
    order = [w for w in tab_chain(window) if w.isVisible()]
    visited = [next((i for i, w in enumerate(order) if w is f or w.isAncestorOf(f)), None) for f in seen]
    stops = [i for i in visited[:-1] if i is not None]  # the last one is the search field again
    assert stops == sorted(stops), "the Tab chain runs out of order"
    for widget in (window.queue.tabs, window.queue.table, window.queue.filter_bar.platform):
        assert order.index(widget) in stops
    assert any(window.detail.isAncestorOf(f) for f in seen)


def test_labels_in_the_detail_pane_are_read_as_what_they_show(window):
    item = window.queue.current_item()
    assert name_of(window.detail.author) == item.author_name
    assert name_of(window.detail.status) == window.detail.status.text()
    assert window.detail.author.accessibleDescription()
    assert name_of(window.detail.history) == window.detail.history.text()


def test_the_small_buttons_qt_adds_have_names(window):
    search = window.queue.filter_bar.search
    search.setText("x")
    buttons = [b for b in search.findChildren(QToolButton) if b.isVisible()]
    assert len(buttons) == 2  # the magnifier and the clear button
    assert all(name_of(b) for b in buttons), [name_of(b) for b in buttons]
    window.resize(500, 600)
    overflow = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is not None and name_of(overflow) == "Fler åtgärder"


def test_an_overdue_question_says_so_in_words(qapp):
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    look = RowLook(lambda: now)
    item = ItemSummary(
        1, "q", "k", "Kontot", "facebook", "comment", "Ana", None, "När öppnar badet?",
        now - timedelta(hours=30), None, "new", is_question=True,
    )  # fmt: skip
    spoken = look.data(item, Column.WAITING, Qt.ItemDataRole.AccessibleTextRole)
    assert "försenad" in spoken and look.display(item, Column.WAITING) in spoken
    fresh = ItemSummary(**{**item.__dict__, "created_at": now - timedelta(hours=2)})
    assert "försenad" not in look.data(fresh, Column.WAITING, Qt.ItemDataRole.AccessibleTextRole)


def icon_colour(qicon, mode=QIcon.Mode.Normal) -> QColor:
    """The colour most of an icon's opaque pixels have: its shape, which must stand out (a
    white mark inside a solid circle is measured against the circle, not the row). `mode`
    Selected: as a view draws it on a selected row."""
    image = qicon.pixmap(QSize(32, 32), mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    solid = Counter(p.rgb() for p in pixels if p.alpha() == 255)
    assert solid, "an empty icon"
    return QColor.fromRgb(solid.most_common(1)[0][0])


def test_text_and_icons_have_enough_contrast_on_every_row_colour(window):
    palette = QGuiApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    highlight = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    on_highlight = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    assert contrast(on_highlight, highlight) >= TEXT_CONTRAST
    inactive = QPalette.ColorGroup.Inactive
    inactive_text = palette.color(inactive, QPalette.ColorRole.HighlightedText)
    assert contrast(inactive_text, palette.color(inactive, QPalette.ColorRole.Highlight)) >= TEXT_CONTRAST
    placeholder = window.queue.filter_bar.search.palette().color(QPalette.ColorRole.PlaceholderText)
    assert contrast(placeholder, base) >= TEXT_CONTRAST
    text = palette.color(QPalette.ColorRole.Text)
    backgrounds = [base, _FLAGGED_BG, _QUESTION_BG, _PENDING_BG]
    for bg in backgrounds[1:]:
        assert contrast(_DARK_TEXT, bg) >= TEXT_CONTRAST
    assert contrast(text, base) >= TEXT_CONTRAST
    icons = [icon(f"flag{name}") for name in ("", "-question", "-crime", "-advert", "-link", "-political")]
    icons.append(icon("status-overdue"))
    icons += [status_icon(s) for s in ("new", "flagged", "pending_platform", "removed", "kept", "answered")]
    for qicon in icons:
        colour = icon_colour(qicon)
        # Against the rows' own colours and the window's (toolbar, tabs).
        for bg in [*backgrounds, palette.color(QPalette.ColorRole.Window)]:
            assert contrast(colour, bg) >= ICON_CONTRAST, (colour.name(), bg.name())
    for qicon in [*icons, *(platform_icon(p) for p in ("facebook", "instagram", "x", "youtube", "linkedin"))]:
        # A selected row's icons, as the view draws them (Selected mode), on the selection,
        # active and inactive (the flag was red on blue: 1.0:1).
        on_selection = icon_colour(qicon, QIcon.Mode.Selected)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            selected = palette.color(group, QPalette.ColorRole.Highlight)
            assert contrast(on_selection, selected) >= ICON_CONTRAST, (on_selection.name(), selected.name())


def test_the_search_field_keeps_its_name_when_typed_in(window):
    search: QLineEdit = window.queue.filter_bar.search
    assert name_of(search) == "Sök i text och författare"
