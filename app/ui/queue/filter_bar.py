"""Search and filters over the queue: all combinable, all done by SQL.

The search box waits for a short pause in typing before it asks, so the window never stalls
and the database is not asked for every keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QToolButton, QWidget

from app.services.moderation.reasons import REMOVAL_REASONS
from app.services.queue.shapes import QueueFilter
from app.ui.formatting import plain_tooltip, stockholm, utcnow
from app.ui.icons import icon, platform_icon
from app.ui.labels import platform_codes, platform_label, reason_label, status_codes, status_label

if TYPE_CHECKING:
    from app.services.accounts.accounts import AccountInfo

SEARCH_DELAY_MS = 250
PERIODS = ("all", "day", "week", "month", "custom")
NO_ACCOUNT = "\x00"  # matches no account: I administer none and may not read the others


class FilterBar(QWidget):
    # The filter changed (after the typing pause, for the search box).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], datetime] = utcnow) -> None:
        super().__init__(parent)
        self._clock = clock
        self._pending_account: str | None = None
        self._quiet = False
        self._all_accounts: list[AccountInfo] = []
        # The accounts I act on when roles are in use (None: every account, as on one workstation).
        self.mine: tuple[str, ...] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Sök i text och författare  ( / )"))
        self.search.setAccessibleName(self.tr("Sök i text och författare"))
        self.search.setClearButtonEnabled(True)
        # A screen reader names the field's two small buttons by their actions' texts.
        lens = self.search.addAction(icon("action-search"), QLineEdit.ActionPosition.LeadingPosition)
        lens.setText(self.tr("Sök"))
        lens.setToolTip(plain_tooltip(self.tr("Sök i text och författare")))
        lens.triggered.connect(self._search_now)
        clear_search = self.search.findChild(QAction, "_q_qlineeditclearaction")
        if clear_search is not None:
            clear_search.setText(self.tr("Töm sökfältet"))
            clear_search.setToolTip(plain_tooltip(self.tr("Töm sökfältet")))
        self.search.setMinimumWidth(220)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        layout.addWidget(self.search, 3)

        self.account = self._combo(self.tr("Konto"), self.tr("Alla konton"))
        self.platform = self._combo(self.tr("Plattform"), self.tr("Alla plattformar"))
        for code in platform_codes():
            self.platform.addItem(platform_icon(code), platform_label(code), code)
        self.status = self._combo(self.tr("Status"), self.tr("Alla statusar"))
        for code in status_codes():
            self.status.addItem(status_label(code), code)
        self.flag = self._combo(self.tr("Flagga"), self.tr("Alla flaggor"))
        for code in REMOVAL_REASONS:
            self.flag.addItem(icon("flag"), reason_label(code), code)
        self.period = self._combo(self.tr("Period"), self.tr("Alla datum"))
        for code, label in (
            ("day", self.tr("Senaste dygnet")),
            ("week", self.tr("Senaste 7 dagarna")),
            ("month", self.tr("Senaste 30 dagarna")),
            ("custom", self.tr("Välj datum…")),
        ):
            self.period.addItem(label, code)
        for combo in (self.account, self.platform, self.status, self.flag, self.period):
            layout.addWidget(combo, 1)

        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-7), self)
        self.date_to = QDateEdit(today, self)
        for edit, name in (
            (self.date_from, self.tr("Från och med datum")),
            (self.date_to, self.tr("Till och med datum")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setToolTip(plain_tooltip(name))
            edit.dateChanged.connect(lambda _d: self._emit())
            edit.hide()
            layout.addWidget(edit)

        self.others = QCheckBox(self.tr("Visa andra konton"), self)
        self.others.setToolTip(
            plain_tooltip(self.tr("Visa även konton som du inte administrerar (bara läsa, inga åtgärder)"))
        )
        self.others.toggled.connect(self._others_toggled)
        self.others.hide()  # only for the roles that may read other accounts (set_mine)
        layout.addWidget(self.others)

        self.clear = QToolButton(self)
        self.clear.setIcon(icon("action-clear"))
        self.clear.setText(self.tr("Rensa filter"))
        self.clear.setToolTip(plain_tooltip(self.tr("Rensa sökning och filter")))
        self.clear.setAccessibleName(self.tr("Rensa sökning och filter"))
        self.clear.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear.clicked.connect(self.reset)
        layout.addWidget(self.clear)
        # An active filter is plain to see (a queue that looks empty may only be filtered), and
        # Esc anywhere in the queue clears it (app/ui/accessibility.py binds it).
        self.changed.connect(self._show_active)
        self._show_active()

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(plain_tooltip(name))
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.currentIndexChanged.connect(self._combo_changed)
        return combo

    def _combo_changed(self, _index: int) -> None:
        custom = self.period.currentData() == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self._emit()

    def _search_now(self) -> None:
        self._search_timer.stop()
        self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    # -- accounts arrive from the database --------------------------------------------------

    def set_mine(self, mine: tuple[str, ...] | None, may_read_others: bool) -> None:
        """The queue shows my accounts; the others behind "Visa andra konton", for those who
        may read them. The queue is read again only when that changes what it shows (at start,
        on a file without roles, it does not: the first page is not read twice)."""
        before = self.queue_filter().account_keys
        self.mine = mine
        self.others.setVisible(mine is not None and may_read_others)
        if not self.others.isVisible():
            self.others.setChecked(False)
        self.set_accounts(self._all_accounts)
        if self.queue_filter().account_keys != before:
            self._emit()

    def showing_others(self) -> bool:
        return self.mine is None or self.others.isChecked()

    def _others_toggled(self, _on: bool) -> None:
        self.set_accounts(self._all_accounts)
        self._emit()

    def set_accounts(self, accounts: list[AccountInfo]) -> None:
        self._all_accounts = list(accounts)
        if not self.showing_others():
            accounts = [a for a in accounts if a.key in (self.mine or ())]
        wanted = self._pending_account or self.account.currentData()
        self._quiet = True
        self.account.clear()
        self.account.addItem(
            self.tr("Alla mina konton") if not self.showing_others() else self.tr("Alla konton"), None
        )
        for a in accounts:
            self.account.addItem(
                platform_icon(a.platform), a.name if a.active else self.tr("%s (inaktivt)") % a.name, a.key
            )
            self.account.setItemData(
                self.account.count() - 1, plain_tooltip(f"{a.name} ({a.key})"), Qt.ItemDataRole.ToolTipRole
            )
        index = self.account.findData(wanted) if wanted else 0
        self.account.setCurrentIndex(max(index, 0))
        self._pending_account = None
        self._quiet = False
        if wanted and index > 0:
            self._emit()

    # -- the filter -------------------------------------------------------------------------

    def queue_filter(self) -> QueueFilter:
        since, until = self._period()
        accounts = self._one(self.account) if self._pending_account is None else (self._pending_account,)
        if not accounts and not self.showing_others():
            accounts = self.mine or (NO_ACCOUNT,)
        return QueueFilter(
            statuses=self._one(self.status),
            account_keys=accounts,
            platforms=self._one(self.platform),
            reasons=self._one(self.flag),
            since=since,
            until=until,
            search=self.search.text().strip(),
        )

    @staticmethod
    def _one(combo: QComboBox) -> tuple[str, ...]:
        value = combo.currentData()
        return (value,) if value else ()

    def _period(self) -> tuple[datetime | None, datetime | None]:
        code = self.period.currentData()
        now = self._clock()
        if code == "day":
            return now - timedelta(days=1), None
        if code == "week":
            return now - timedelta(days=7), None
        if code == "month":
            return now - timedelta(days=30), None
        if code == "custom":
            start = self.date_from.date().toPython()
            end = self.date_to.date().toPython()
            if end < start:
                start, end = end, start
            # Whole days in Swedish time, the end day included.
            return (
                datetime.combine(start, time(), stockholm()),
                datetime.combine(end + timedelta(days=1), time(), stockholm()),
            )
        return None, None

    def is_filtered(self) -> bool:
        unfiltered = QueueFilter(account_keys=() if self.showing_others() else self.mine or (NO_ACCOUNT,))
        return self.queue_filter() != unfiltered

    def _show_active(self) -> None:
        active = self.is_filtered()
        self.clear.setEnabled(active)
        self.clear.setText(self.tr("Filter på – rensa (Esc)") if active else self.tr("Rensa filter"))
        self.clear.setStyleSheet(
            "QToolButton { background: #fff3c4; color: #1f2328; border: 1px solid #8a6d00;"
            " border-radius: 3px; font-weight: bold; padding: 2px 6px; }"
            if active
            else ""
        )

    def reset(self) -> None:
        self._quiet = True
        self.search.clear()
        self._search_timer.stop()
        for combo in (self.account, self.platform, self.status, self.flag, self.period):
            combo.setCurrentIndex(0)
        self._pending_account = None
        self._quiet = False
        self._emit()

    # -- remembered between sessions --------------------------------------------------------

    def state(self) -> dict[str, Any]:
        return {
            "search": self.search.text(),
            "saved_on": self._clock().astimezone(stockholm()).date().isoformat(),
            "account": self._pending_account or self.account.currentData() or "",
            "platform": self.platform.currentData() or "",
            "status": self.status.currentData() or "",
            "flag": self.flag.currentData() or "",
            "period": self.period.currentData() or "all",
            "from": self.date_from.date().toString(Qt.DateFormat.ISODate),
            "to": self.date_to.date().toString(Qt.DateFormat.ISODate),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self._quiet = True
        # A search is today's work: yesterday's is not restored into a queue that would then
        # look empty (the other filters are kept, and shown as active).
        today = self._clock().astimezone(stockholm()).date().isoformat()
        self.search.setText(str(state.get("search") or "") if state.get("saved_on") == today else "")
        self._search_timer.stop()
        for combo, key in (
            (self.platform, "platform"),
            (self.status, "status"),
            (self.flag, "flag"),
            (self.period, "period"),
        ):
            index = combo.findData(state.get(key)) if state.get(key) else 0
            combo.setCurrentIndex(max(index, 0))
        for edit, key in ((self.date_from, "from"), (self.date_to, "to")):
            date = QDate.fromString(str(state.get(key) or ""), Qt.DateFormat.ISODate)
            if date.isValid():
                edit.setDate(date)
        account = state.get("account") or None
        index = self.account.findData(account) if account else 0
        if index >= 0:
            self.account.setCurrentIndex(index)
        else:
            self._pending_account = str(account)  # the account list has not arrived yet
        self._quiet = False
        self._show_active()
