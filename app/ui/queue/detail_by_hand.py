"""The detail pane's bar for what a person must do on the platform: a comment to remove by hand
(open the link, then confirm it is gone) or a notice or answer to post by hand (copy the text,
open the thread, then mark it posted, with the link if there is one)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.queue.shapes import ItemSummary
from app.ui.icons import icon
from app.ui.text_views import heading, plain_label


class ByHandBar(QFrame):
    open_requested = Signal()
    confirm_removal = Signal(int)  # item id: `granska remove ID --confirm`
    mark_posted = Signal(int, str)  # item id, link or "": `granska notify ID --posted --link`

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("byHandBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._item_id = 0
        self._text = ""
        self.title = heading(self.tr("Att göra för hand"), self)
        self.what = plain_label("", self)
        self.open = QPushButton(icon("action-open-link"), self.tr("Öppna länken"), self)
        self.copy = QPushButton(self.tr("Kopiera texten"), self)
        self.confirm = QPushButton(self.tr("Bekräfta borttagen"), self)
        self.confirm.setAccessibleName(self.tr("Bekräfta att kommentaren är borttagen för hand"))
        self.link = QLineEdit(self)
        self.link.setPlaceholderText(self.tr("Länk till det publicerade (valfritt)"))
        self.link.setAccessibleName(self.tr("Länk till det publicerade meddelandet"))
        self.posted = QPushButton(self.tr("Markera publicerat"), self)
        self.open.clicked.connect(self.open_requested.emit)
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._text))
        self.confirm.clicked.connect(lambda: self.confirm_removal.emit(self._item_id))
        self.posted.clicked.connect(lambda: self.mark_posted.emit(self._item_id, self.link.text().strip()))
        # Two short rows, so that the bar never makes the detail pane wider than it is.
        buttons = QHBoxLayout()
        for w in (self.open, self.copy, self.confirm):
            buttons.addWidget(w)
        buttons.addStretch(1)
        posted = QHBoxLayout()
        posted.addWidget(self.link, 1)
        posted.addWidget(self.posted)
        self.link.setMinimumWidth(120)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.what)
        layout.addLayout(buttons)
        layout.addLayout(posted)
        self.hide()

    def show_for(self, item: ItemSummary, text_to_post: str | None) -> None:
        self._item_id, self._text = item.id, text_to_post or ""
        remove = item.status == "remove_by_hand"
        post = bool(text_to_post)
        lines = []
        if remove:
            lines.append(
                self.tr("Granska kan inte ta bort kommentaren: ta bort den via länken, bekräfta sedan.")
            )
        if post:
            lines.append(self.tr("Publicera texten för hand i tråden, markera den sedan publicerad:"))
            lines.append(text_to_post or "")
        self.what.setText("\n".join(lines))
        self.confirm.setVisible(remove)
        for w in (self.copy, self.link, self.posted):
            w.setVisible(post)
        self.link.clear()
        self.setVisible(remove or post)
