"""Hostile text shows exactly as typed everywhere: table, tooltips, detail pane, dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTextEdit

from app.services.accounts.accounts import AccountService
from app.services.context import Actor
from app.services.intake.importer import ImportService
from app.services.moderation.facade import ModerationService
from app.ui.queue.action_dialogs import TemplateTextDialog
from app.ui.queue.model import Column
from app.ui.queue.remove_dialog import RemoveDialog
from app.ui.text_views import PlainTextBlock, utf16_offset
from tests.helpers.items import record, write_jsonl
from tests.helpers.ui import open_window, wait_loaded

HOSTILE = (
    '😀😀 jävla <b>fet</b> <img src="http://evil.example/x.png" onerror="alert(1)"> '
    '<a href="http://evil.example/">klicka här</a> &amp; <script>alert(2)</script>\n<h1>Rubrik</h1>'
)
AUTHOR = '<i>Eve</i> <a href="http://evil.example/">Mallory</a>'
ACCOUNT = "<b>Kanalen</b> & co"


def as_rich_text(tooltip: str) -> str:
    """What Qt shows when it renders the tooltip (as rich text, if it looks like HTML)."""
    doc = QTextDocument()
    doc.setHtml(tooltip)
    return doc.toPlainText()


@pytest.fixture
def hostile(sqlite_db, tmp_path):
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", ACCOUNT)
    records = [
        record("p1", parent_external_id=None, post_external_id=None, text="<u>Inlägget</u> om simhallen",
               author_name="<s>Kommunen</s>", created_at="2026-05-01T08:00:00+02:00"),
        record("c1", text=HOSTILE, author_name=AUTHOR, permalink="javascript:alert(1)",
               author_url="file:///etc/passwd", created_at="2026-05-01T09:00:00+02:00"),
    ]  # fmt: skip
    ImportService(sqlite_db.sessions).import_file(write_jsonl(tmp_path / "h.jsonl", records))
    return sqlite_db


def test_hostile_text_is_plain_in_the_table_and_its_tooltips(qtbot, hostile):
    window = open_window(qtbot, hostile, ModerationService(hostile.sessions))
    window.queue.tabs.setCurrentIndex(1)  # flagged: "jävla"
    wait_loaded(qtbot, window)
    model = window.queue.model
    row = next(r for r in range(model.rowCount()) if model.summary(r).author_name == AUTHOR)
    text = model.index(row, Column.TEXT)
    assert "<b>fet</b>" in text.data() and "<img src=" in text.data()
    assert model.index(row, Column.AUTHOR).data() == AUTHOR
    assert model.index(row, Column.CHANNEL).data() == ACCOUNT
    assert as_rich_text(text.data(Qt.ItemDataRole.ToolTipRole)) == HOSTILE
    for column in (Column.AUTHOR, Column.CHANNEL, Column.FLAGS):
        tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
        rendered = as_rich_text(tip)
        assert "<" in rendered or "«" in rendered or "&" in rendered  # markup survived as text
    assert AUTHOR in as_rich_text(model.index(row, Column.AUTHOR).data(Qt.ItemDataRole.ToolTipRole))


def test_hostile_text_is_plain_in_the_detail_pane(qtbot, hostile):
    window = open_window(qtbot, hostile, ModerationService(hostile.sessions))
    window.queue.tabs.setCurrentIndex(1)
    wait_loaded(qtbot, window)
    model = window.queue.model
    item = next(model.summary(r) for r in range(model.rowCount()) if model.summary(r).author_name == AUTHOR)
    # Another administrator, with markup in the name, wrote a notice with markup in its text.
    AccountService(hostile.sessions).add_administrator("mallory", "<b>admin</b>")
    ModerationService(hostile.sessions, actor=Actor("mallory")).notify(item.id, text='<img src="x"> sparad')
    window.detail.data = None
    qtbot.keyClick(window.queue.table, Qt.Key.Key_F5)  # read again, now with the history
    wait_loaded(qtbot, window)
    window.queue.select_row(model.row_of(item.id))
    qtbot.waitUntil(
        lambda: window.detail.data is not None and window.detail.data.detail.item.id == item.id,
        timeout=30_000,
    )
    detail = window.detail
    assert detail.text.toPlainText() == HOSTILE
    assert detail.author.text() == AUTHOR
    assert "<u>Inlägget</u> om simhallen" == detail.post_text.toPlainText()
    assert "<s>Kommunen</s>" in detail.post_label.text()
    assert '<b>admin</b>: Svar ska publiceras för hand: <img src="x"> sparad' in detail.history.text()
    assert ACCOUNT in detail.channel.text() and ACCOUNT in detail.meta.text()
    for label in detail.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    for edit in detail.findChildren(QTextEdit):
        assert not edit.acceptRichText()
    # A permalink that is not a web address never opens.
    assert not detail.open_permalink.isEnabled() and not detail.open_author.isEnabled()
    assert as_rich_text(detail.open_permalink.toolTip()) == "javascript:alert(1)"
    # The flag highlight sits on the word, even after emoji (Qt counts UTF-16 units).
    selections = detail.text.extraSelections()
    assert [s.cursor.selectedText() for s in selections] == [f["match"] for f in item.flags]
    assert selections[0].cursor.selectedText() == "jävla"


def test_hostile_text_is_plain_in_the_action_dialogs(qtbot, hostile):
    window = open_window(qtbot, hostile, ModerationService(hostile.sessions))
    window.queue.tabs.setCurrentIndex(1)
    wait_loaded(qtbot, window)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_R)
    dialog = window.moderation_actions.dialog
    assert isinstance(dialog, RemoveDialog)
    assert dialog.about.textFormat() == Qt.TextFormat.PlainText
    assert "<b>fet</b>" in dialog.about.text() and AUTHOR in dialog.about.text()
    dialog.reject()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_A)
    dialog = window.moderation_actions.dialog
    assert isinstance(dialog, TemplateTextDialog)
    dialog.templates.setCurrentRow(0)
    assert dialog.text.toPlainText().startswith("Hej <i>Eve</i>!")  # a name, not markup
    for label in dialog.findChildren(QLabel):
        if label.text() and label.objectName() == "dialogAbout":
            assert label.textFormat() == Qt.TextFormat.PlainText
    dialog.reject()


def test_utf16_offsets_and_highlight_after_emoji(qtbot):
    text = "👍🏽 x jävla y"
    start = text.index("jävla")
    assert utf16_offset(text, start) == start + 2  # 👍 and 🏽 take two units each
    block = PlainTextBlock()
    qtbot.addWidget(block)
    block.set_text(text)
    block.highlight([(start, start + 5), (50, 60)])  # a span beyond the text is ignored
    assert [s.cursor.selectedText() for s in block.extraSelections()] == ["jävla"]
