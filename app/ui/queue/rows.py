"""How one row of the queue looks: text, icons, colours, tooltips, for each column.

Flagged content and unanswered questions stand out by icon and colour, never by colour alone.
Every tooltip built from a comment goes through `plain_tooltip`: a tooltip is rich text to Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.services.queue.shapes import AWAITING_ANSWER_STATUSES, OPEN_STATUSES, PENDING_STATUSES, ItemSummary
from app.services.stats.watched_hours import SOON_SHARE, Promise, time_left
from app.ui.flag_text import flag_explanation
from app.ui.formatting import duration, exact_time, excerpt, plain_tooltip, relative_time
from app.ui.icons import icon, platform_icon, status_icon
from app.ui.labels import platform_label, reason_label, reason_short_label, rule_label, status_label

# The guideline: "Vi svarar snabbt på frågor". A question waiting longer than this stands out.
QUESTION_OVERDUE = timedelta(hours=24)
_WAITING_STATUSES = (*OPEN_STATUSES, *PENDING_STATUSES, *AWAITING_ANSWER_STATUSES)

_FLAGGED_BG = QColor("#fdecea")
_QUESTION_BG = QColor("#e8f1fb")
_PENDING_BG = QColor("#fff6df")
_DARK_TEXT = QColor("#1f2328")


def watched_text(seconds: float) -> str:
    """Watched time as hours (never days: a watched day is the account's hours, not 24)."""
    if seconds < 3600:
        return duration(timedelta(seconds=seconds))
    return QCoreApplication.translate("Formatting", "%d tim") % (seconds // 3600)


class Column(IntEnum):
    RECEIVED = 0
    WAITING = 1
    CHANNEL = 2
    AUTHOR = 3
    TEXT = 4
    FLAGS = 5
    STATUS = 6


class RowLook(QObject):
    """The display side of the queue model; `now` moves on with the model's clock."""

    def __init__(self, clock: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.now = clock()
        # Account key -> its response promise (app/ui/stats/queue_hooks.py fills it in): a
        # question's time left is then counted in the account's watched hours, not one day.
        self.promises: dict[str, Promise] = {}

    def time_left(self, item: ItemSummary) -> float | None:
        """Watched seconds left of the promise for a waiting question; None without one."""
        promise = self.promises.get(item.account_key)
        if promise is None or not item.is_question or self._waiting(item) is None:
            return None
        return time_left(promise, item.created_at, self.now)

    def _soon_overdue(self, item: ItemSummary) -> bool:
        left, promise = self.time_left(item), self.promises.get(item.account_key)
        if left is None or promise is None or promise.target_seconds is None:
            return False
        return 0 <= left <= promise.target_seconds * (1 - SOON_SHARE)

    def header(self, section: int, role: int) -> Any:
        if not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Mottagen"),
                self.tr("Väntat"),
                self.tr("Kanal"),
                self.tr("Författare"),
                self.tr("Text"),
                self.tr("Flaggor"),
                self.tr("Status"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("När kommentaren skrevs. Klicka för att vända ordningen."),
                self.tr("Hur länge posten har väntat på ett beslut."),
                self.tr("Plattform och konto"),
                self.tr("Den som skrev"),
                self.tr("Början av texten; hela texten visas till höger"),
                self.tr("Vad flaggningen hittade och vilket skäl den föreslår"),
                self.tr("Var posten står i arbetsflödet"),
            )[section]
        return None

    def data(self, item: ItemSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = self._background(item)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_DARK_TEXT) if self._background(item) is not None else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(item, column)
        return None

    def _waiting(self, item: ItemSummary) -> timedelta | None:
        if item.status in _WAITING_STATUSES:
            return self.now - item.created_at
        return None

    def display(self, item: ItemSummary, column: int) -> str:
        if column == Column.RECEIVED:
            return relative_time(item.created_at, self.now)
        if column == Column.WAITING:
            waited = self._waiting(item)
            left = self.time_left(item)
            if waited is not None and left is not None:
                if left < 0:
                    return f"{duration(waited)} · " + self.tr("försenad %s") % duration(
                        timedelta(seconds=-left)
                    )
                return f"{duration(waited)} · " + self.tr("%s kvar") % duration(timedelta(seconds=left))
            return duration(waited) if waited is not None else "–"
        if column == Column.CHANNEL:
            return item.account_name
        if column == Column.AUTHOR:
            return excerpt(item.author_name, 60)
        if column == Column.TEXT:
            return excerpt(item.text)
        if column == Column.FLAGS:
            parts = []
            if item.suggested_reason:
                parts.append(reason_short_label(item.suggested_reason))
            elif item.flags:
                parts.append(rule_label(item.flags[0].get("rule", "")))
            if item.is_question:
                parts.append(self.tr("Fråga"))
            return " · ".join(parts)
        if column == Column.STATUS:
            return status_label(item.status)
        return ""

    def _decoration(self, item: ItemSummary, column: int) -> Any:
        if column == Column.CHANNEL:
            return platform_icon(item.platform)
        if column == Column.FLAGS:
            if item.suggested_reason:
                return icon("flag")
            if item.is_question:
                return icon("flag-question")
            return None
        if column == Column.STATUS:
            return status_icon(item.status)
        if column == Column.WAITING and self._overdue_question(item):
            return icon("status-overdue")
        if column == Column.WAITING and self._soon_overdue(item):
            return icon("status-pending")
        return None

    def _overdue_question(self, item: ItemSummary) -> bool:
        left = self.time_left(item)
        if left is not None:
            return left < 0
        waited = self._waiting(item)
        return item.is_question and waited is not None and waited > QUESTION_OVERDUE

    def _background(self, item: ItemSummary) -> QColor | None:
        if item.status == "flagged":
            return _FLAGGED_BG
        if item.is_question and item.status in OPEN_STATUSES:
            return _QUESTION_BG
        if item.status in (*PENDING_STATUSES, *AWAITING_ANSWER_STATUSES):  # decided, not yet done
            return _PENDING_BG
        return None

    def _tooltip(self, item: ItemSummary, column: int) -> str | None:
        if column == Column.RECEIVED:
            return plain_tooltip(exact_time(item.created_at))
        if column == Column.WAITING:
            if item.account_key in self.promises and item.is_question:
                if self._overdue_question(item):
                    return plain_tooltip(self.tr("Frågan har väntat längre än kontots svarslöfte."))
                if self._soon_overdue(item):
                    return plain_tooltip(self.tr("Frågan blir snart försenad enligt kontots svarslöfte."))
                return None
            if self._overdue_question(item):
                return plain_tooltip(self.tr("En fråga som har väntat på svar i mer än ett dygn."))
            return None
        if column == Column.CHANNEL:
            return plain_tooltip(f"{platform_label(item.platform)}: {item.account_name}")
        if column == Column.AUTHOR:
            return plain_tooltip(item.author_name)
        if column == Column.TEXT:
            return plain_tooltip(item.text)
        if column == Column.FLAGS:
            lines = [f"{rule_label(f.get('rule', ''))}: {flag_explanation(f)}" for f in item.flags]
            if item.suggested_reason:
                lines.insert(0, self.tr("Föreslaget skäl: %s") % reason_label(item.suggested_reason))
            if item.is_question:
                lines.append(self.tr("Texten innehåller en fråga."))
            return plain_tooltip(*lines) if lines else None
        if column == Column.STATUS:
            return plain_tooltip(status_label(item.status))
        return None

    def _accessible(self, item: ItemSummary, column: int) -> str:
        if column == Column.RECEIVED:
            return exact_time(item.created_at)
        if column == Column.CHANNEL:
            return f"{platform_label(item.platform)}, {item.account_name}"
        if column == Column.WAITING and self._overdue_question(item):
            # The warning icon, in words: a screen reader does not see the icon.
            late = self.tr("%s, försenad: en fråga som har väntat mer än ett dygn")
            return late % self.display(item, column)
        if column == Column.FLAGS and not self.display(item, column):
            return self.tr("Inga flaggor")  # an empty cell is read as nothing at all
        return self.display(item, column)
