"""The detail pane: everything an administrator needs to decide on one item.

The full text (plain, flag matches highlighted), why it was flagged, the thread it belongs to,
the permalink, the author's earlier items here and what was decided about them, the channel's
purpose and tone from the account register (so an answer fits the channel), and the item's
history of evidence, decisions, registrations and notices.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.queue.shapes import ItemDetail, ItemSummary
from app.ui.core_text import window_text
from app.ui.flag_text import flag_explanation
from app.ui.formatting import exact_time, excerpt, plain_tooltip, short_time
from app.ui.icons import icon, platform_icon, status_icon
from app.ui.labels import history_kind_label, platform_label, reason_label, rule_label, status_label
from app.ui.queue.detail_by_hand import ByHandBar
from app.ui.text_views import PlainTextBlock, heading, plain_label

if TYPE_CHECKING:
    from app.services.accounts.accounts import AccountInfo
    from app.services.queue.listing import QueueService

AUTHOR_HISTORY = 20


@dataclass(frozen=True)
class DetailData:
    detail: ItemDetail
    author_items: list[ItemSummary]
    history: list[Any]  # HistoryEntry from the moderation service: at, who, kind, summary
    text_to_post: str | None = None  # a notice or answer that waits to be posted by hand


def load_detail(queue: QueueService, moderation: Any, item_id: int) -> DetailData | None:
    """Runs on a worker thread: one item with its thread, author and history."""
    detail = queue.detail(item_id)
    if detail is None:
        return None
    history = list(moderation.history(item_id)) if moderation is not None else []
    manual = moderation.notice_to_post_by_hand(item_id) if moderation is not None else None
    return DetailData(detail, queue.by_author(item_id, limit=AUTHOR_HISTORY), history, manual)


def safe_url(url: str | None) -> QUrl | None:
    """Only web addresses open in the browser: a permalink from a platform is data, too."""
    if not url:
        return None
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    if parsed.isValid() and parsed.scheme() in ("http", "https") and parsed.host():
        return parsed
    return None


class _Section(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailSection")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 6, 0, 6)
        self.body.setSpacing(4)
        self.title = heading(title, self)
        self.body.addWidget(self.title)


class DetailPane(QStackedWidget):
    """Shows one item; or a hint when nothing or several items are selected."""

    # The user asked to open a link (tests listen instead of launching a browser).
    link_requested = Signal(QUrl)
    # Done by hand on the platform (the window runs the service call): item id; item id, link.
    confirm_removal = Signal(int)
    mark_posted = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Detaljer om vald post"))
        self.placeholder = plain_label("", self, selectable=False)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("detailPlaceholder")
        self.addWidget(self.placeholder)
        self.detail_page: QScrollArea | None = None  # built when the first item is shown
        self.data: DetailData | None = None
        self.show_hint(self.tr("Välj en post i listan för att se hela texten."))

    def _build_detail(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("Detaljer om vald post"))  # it takes the focus, to scroll
        content = QWidget(scroll)
        content.setObjectName("detailContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)

        top = QHBoxLayout()
        # The labels below keep their shown text as their accessible name (a screen reader reads
        # the author, not "Författare"); what they are is their description.
        self.platform_icon = QLabel(content)
        self.platform_icon.setFixedSize(22, 22)
        self.author = heading("", content)
        self.author.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.author.setAccessibleDescription(self.tr("Författare"))
        author_font = self.author.font()
        author_font.setPointSizeF(author_font.pointSizeF() * 1.15)
        self.author.setFont(author_font)
        self.status = plain_label("", content, wrap=False, selectable=False)
        self.status.setAccessibleDescription(self.tr("Status"))
        self.status_icon = QLabel(content)
        self.status_icon.setFixedSize(18, 18)
        top.addWidget(self.platform_icon)
        top.addWidget(self.author, 1)
        top.addWidget(self.status_icon)
        top.addWidget(self.status)
        layout.addLayout(top)
        self.meta = plain_label("", content)
        self.meta.setObjectName("detailMeta")
        layout.addWidget(self.meta)

        self.text = PlainTextBlock(content)
        self.text.setObjectName("detailText")
        self.text.setAccessibleName(self.tr("Hela texten"))
        self.text.setStyleSheet(
            "#detailText { background: palette(alternate-base); border-left: 3px solid #8a97a8; }"
        )
        text_font = self.text.font()
        text_font.setPointSizeF(text_font.pointSizeF() * 1.12)
        self.text.setFont(text_font)
        layout.addWidget(self.text)

        links = QHBoxLayout()
        self.open_permalink = QPushButton(icon("action-open-link"), self.tr("Öppna på plattformen"), content)
        self.open_permalink.setAccessibleName(self.tr("Öppna posten på plattformen i webbläsaren"))
        self.open_permalink.clicked.connect(lambda: self._open("permalink"))
        self.open_author = QPushButton(icon("action-open-link"), self.tr("Författarens profil"), content)
        self.open_author.setAccessibleName(self.tr("Öppna författarens profil i webbläsaren"))
        self.open_author.clicked.connect(lambda: self._open("author"))
        links.addWidget(self.open_permalink)
        links.addWidget(self.open_author)
        links.addStretch(1)
        layout.addLayout(links)
        self.by_hand = ByHandBar(content)
        self.by_hand.open_requested.connect(lambda: self._open("permalink"))
        self.by_hand.confirm_removal.connect(self.confirm_removal.emit)
        self.by_hand.mark_posted.connect(self.mark_posted.emit)
        layout.addWidget(self.by_hand)

        self.flags_section = _Section(self.tr("Varför flaggad"), content)
        self.flags_list = plain_label("", content)
        self.flags_list.setAccessibleDescription(self.tr("Varför posten flaggades"))
        self.flags_section.body.addWidget(self.flags_list)
        layout.addWidget(self.flags_section)

        self.thread_section = _Section(self.tr("Tråden"), content)
        self.post_label = plain_label("", content, selectable=False)
        self.post_text = PlainTextBlock(content, max_lines=6)
        self.post_text.setAccessibleName(self.tr("Inlägget som tråden hör till"))
        self.parent_label = plain_label("", content, selectable=False)
        self.parent_text = PlainTextBlock(content, max_lines=6)
        self.parent_text.setAccessibleName(self.tr("Kommentaren som det här är ett svar på"))
        for w in (self.post_label, self.post_text, self.parent_label, self.parent_text):
            self.thread_section.body.addWidget(w)
        layout.addWidget(self.thread_section)

        self.versions_section = _Section(self.tr("Tidigare versioner"), content)
        self.versions = plain_label("", content)
        self.versions_section.body.addWidget(self.versions)
        layout.addWidget(self.versions_section)

        self.author_section = _Section(self.tr("Författaren här tidigare"), content)
        self.author_summary = plain_label("", content)
        self.author_items = QListWidget(content)
        self.author_items.setAccessibleName(self.tr("Författarens tidigare poster"))
        self.author_items.setMaximumHeight(130)
        self.author_items.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.author_items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.author_items.setUniformItemSizes(True)
        self.author_section.body.addWidget(self.author_summary)
        self.author_section.body.addWidget(self.author_items)
        layout.addWidget(self.author_section)

        self.channel_section = _Section(self.tr("Kanalen"), content)
        self.channel = plain_label("", content)
        self.channel.setAccessibleDescription(self.tr("Kanalens syfte och tonalitet"))
        self.channel_section.body.addWidget(self.channel)
        layout.addWidget(self.channel_section)

        self.history_section = _Section(self.tr("Historik"), content)
        self.history = plain_label("", content)
        self.history.setAccessibleDescription(self.tr("Postens historik"))
        self.history_section.body.addWidget(self.history)
        layout.addWidget(self.history_section)
        layout.addStretch(1)
        scroll.setWidget(content)
        self.detail_page = scroll
        self.addWidget(scroll)

    # -- showing ----------------------------------------------------------------------------

    def show_hint(self, text: str) -> None:
        self.data = None
        self.placeholder.setText(text)
        self.setCurrentWidget(self.placeholder)

    def show_detail(self, data: DetailData, channel: AccountInfo | None) -> None:
        if self.detail_page is None:
            self._build_detail()
        assert self.detail_page is not None
        self.data = data
        item = data.detail.item
        self.platform_icon.setPixmap(platform_icon(item.platform).pixmap(22, 22))
        self.platform_icon.setToolTip(plain_tooltip(platform_label(item.platform)))
        self.author.setText(item.author_name or self.tr("(okänd författare)"))
        self.status.setText(status_label(item.status))
        self.status_icon.setPixmap(status_icon(item.status).pixmap(18, 18))
        kind = self.tr("Inlägg") if item.kind == "post" else self.tr("Kommentar")
        meta = (
            f"{kind} · {platform_label(item.platform)} · {item.account_name} · {exact_time(item.created_at)}"
        )
        if item.edited_at:
            meta += " · " + self.tr("redigerad %s") % short_time(item.edited_at)
        self.meta.setText(meta)
        self.text.set_text(item.text)
        self.text.highlight([(int(f.get("start", 0)), int(f.get("end", 0))) for f in item.flags])
        self._show_links(data.detail)
        self.by_hand.show_for(item, data.text_to_post)
        self._show_flags(item)
        self._show_thread(data.detail)
        self._show_versions(data.detail)
        self._show_author(data.author_items)
        self._show_channel(channel)
        self._show_history(data.history)
        self.setCurrentWidget(self.detail_page)
        self.detail_page.verticalScrollBar().setValue(0)

    def _show_links(self, detail: ItemDetail) -> None:
        permalink = safe_url(detail.item.permalink)
        self.open_permalink.setEnabled(permalink is not None)
        self.open_permalink.setToolTip(plain_tooltip(detail.item.permalink or self.tr("Ingen länk")))
        author = safe_url(detail.author_url)
        self.open_author.setEnabled(author is not None)
        self.open_author.setToolTip(plain_tooltip(detail.author_url or self.tr("Ingen profillänk")))

    def _open(self, which: str) -> None:
        if self.data is None:
            return
        raw = self.data.detail.item.permalink if which == "permalink" else self.data.detail.author_url
        url = safe_url(raw)
        if url is not None:
            self.link_requested.emit(url)

    def _show_flags(self, item: ItemSummary) -> None:
        lines = []
        if item.suggested_reason:
            lines.append(
                self.tr("Föreslaget skäl för borttagning: %s.") % reason_label(item.suggested_reason)
            )
        for f in item.flags:
            line = f"• {flag_explanation(f) or rule_label(f.get('rule', ''))}"
            if f.get("reason"):
                line += " " + self.tr("(skäl: %s)") % reason_label(f["reason"])
            lines.append(line)
        if item.is_question:
            lines.append(self.tr("Texten innehåller en fråga: svara snabbt och personligt."))
        self.flags_list.setText("\n".join(lines))
        self.flags_section.setVisible(bool(lines))

    def _show_thread(self, detail: ItemDetail) -> None:
        post, parent = detail.post, detail.parent
        if parent is not None and parent.kind == "post" and post is None:
            post, parent = parent, None
        self.post_label.setText(
            self.tr("Inlägg av %s, %s:") % (post.author_name, short_time(post.created_at)) if post else ""
        )
        self.post_text.set_text(post.text if post else "")
        self.parent_label.setText(
            self.tr("Svar på %s, %s:") % (parent.author_name, short_time(parent.created_at)) if parent else ""
        )
        self.parent_text.set_text(parent.text if parent else "")
        for w in (self.post_label, self.post_text):
            w.setVisible(post is not None)
        for w in (self.parent_label, self.parent_text):
            w.setVisible(parent is not None)
        self.thread_section.setVisible(post is not None or parent is not None)

    def _show_versions(self, detail: ItemDetail) -> None:
        lines = [f"{short_time(replaced)}: {text}" for text, _edited, replaced in detail.versions]
        self.versions.setText("\n".join(lines))
        self.versions_section.setVisible(bool(lines))

    def _show_author(self, items: list[ItemSummary]) -> None:
        self.author_items.clear()
        if not items:
            self.author_summary.setText(self.tr("Inga tidigare poster från författaren på det här kontot."))
            self.author_items.hide()
            return
        counts = Counter(i.status for i in items)
        decided = ", ".join(f"{status_label(s)}: {n}" for s, n in counts.most_common())
        if len(items) >= AUTHOR_HISTORY:
            summary = self.tr("De senaste %d posterna från författaren här.") % len(items)
        else:
            summary = self.tr("%d tidigare poster från författaren här.") % len(items)
        self.author_summary.setText(f"{summary} {decided}")
        for i in items:
            entry = QListWidgetItem(
                status_icon(i.status),
                f"{short_time(i.created_at)} · {status_label(i.status)} · {excerpt(i.text, 90)}",
            )
            entry.setToolTip(plain_tooltip(i.text))
            self.author_items.addItem(entry)
        self.author_items.show()

    def _show_channel(self, channel: AccountInfo | None) -> None:
        if channel is None:
            self.channel_section.hide()
            return
        parts = [f"{platform_label(channel.platform)}: {channel.name}"]
        for label, value in (
            (self.tr("Syfte"), channel.purpose),
            (self.tr("Innehåll"), channel.content),
            (self.tr("Tonalitet"), channel.tone),
            (self.tr("Svar kan väntas"), channel.response_time),
        ):
            if value:
                parts.append(f"{label}: {value}")
        self.channel.setText("\n".join(parts))
        self.channel_section.show()

    def _show_history(self, history: list[Any]) -> None:
        if not history:
            self.history.setText(self.tr("Inget har gjorts med posten ännu."))
            return
        said = window_text  # the core's words, in the window's language
        lines = [
            f"{short_time(h.at)} · {history_kind_label(h.kind)} · {said(h.who)}: {said(h.summary)}"
            for h in history
        ]
        self.history.setText("\n".join(lines))
