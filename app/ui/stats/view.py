"""Statistik: per period and account the questions, time to first answer against the promise,
removals, registrations, hand-overs and forwards, pending platform steps, screenshots and
administrators; charts where a person would rather look than read, each with its numbers in a
table beside it; and the yearly evaluation (PDF or xlsx) in two clicks.

The figures come from StatisticsService (grouped queries, off the GUI thread); who may see what
is the service's decision (a refusal is shown here in words)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.services.context import Actor
from app.services.stats.figures import StatisticsService
from app.services.stats.labels import share_text
from app.services.stats.shapes import Statistics
from app.ui.failures import user_message
from app.ui.labels import platform_label, reason_label
from app.ui.stats.models import CopyableTable, FiguresModel
from app.ui.tasks import TaskManager, tasks_for


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


class StatisticsView(QWidget):
    loaded = Signal()  # figures shown
    report_written = Signal(object)  # Path

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        tasks: TaskManager | None = None,
        actor: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Statistik"))
        self._sessions = sessions
        self._actor = actor
        self._service = StatisticsService(sessions, actor)
        self._tasks = tasks_for(self, tasks)
        self.figures: Statistics | None = None
        self._generation = 0  # the figures of an older request are dropped

        today = date.today()
        self.date_from = QDateEdit(QDate(today.year, 1, 1), calendarPopup=True)
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), calendarPopup=True)
        for edit, name in ((self.date_from, self.tr("Från")), (self.date_to, self.tr("Till"))):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.account = QComboBox(accessibleName=self.tr("Konto"))
        self.account.addItem(self.tr("Alla konton"), None)
        self.show_button = QPushButton(self.tr("Visa"))
        self.show_button.clicked.connect(self.reload)
        self.report_button = QPushButton(self.tr("Årsrapport (PDF eller Excel)…"))
        self.report_button.clicked.connect(self.ask_for_report)
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Från")), self.date_from, QLabel(self.tr("till")), self.date_to):
            bar.addWidget(widget)
        bar.addWidget(self.account, 1)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(self.report_button)

        self.status = QLabel(wordWrap=True)
        self.status.setAccessibleName(self.tr("Läge"))
        self.accounts_model = FiguresModel([
            self.tr("Konto"), self.tr("Kanal"), self.tr("Poster"), self.tr("Frågor"), self.tr("Besvarade"),
            self.tr("Median (h)"), self.tr("Median bevakningstid (h)"), self.tr("90:e percentil (h)"),
            self.tr("Inom löftet"), self.tr("Väntar"), self.tr("Försenade"), self.tr("Borttagna"),
            self.tr("Diarieförda"), self.tr("Vidarebefordrade"), self.tr("Överlämnade"),
            self.tr("Steg som väntar"), self.tr("Skärmdumpar"), self.tr("Nästa skärmdump"),
            self.tr("Administratörer"),
        ], self)  # fmt: skip
        self.volume_model = FiguresModel([self.tr("Månad")], self)
        self.removals_model = FiguresModel([self.tr("Skäl"), self.tr("Antal")], self)
        self.response_model = FiguresModel(
            [self.tr("Konto"), self.tr("Median (h)"), self.tr("90:e percentil (h)"), self.tr("Löfte (h)")],
            self,
        )
        self.admins_model = FiguresModel(
            [self.tr("Administratör"), self.tr("Beslut"), self.tr("Besvarade frågor"),
             self.tr("Median bevakningstid (h)")], self,
        )  # fmt: skip
        self.tabs = QTabWidget()
        self.tabs.addTab(CopyableTable(self.accounts_model, self.tr("Per konto")), self.tr("Per konto"))
        self.charts: dict[str, Any] = {}
        for key, title, model in (
            ("volume", self.tr("Volym per månad"), self.volume_model),
            ("removals", self.tr("Borttagna per skäl"), self.removals_model),
            ("response", self.tr("Svarstider mot löftet"), self.response_model),
        ):
            self.tabs.addTab(self._chart_page(key, title, model), title)
        self.admins_table = CopyableTable(self.admins_model, self.tr("Per administratör"))
        self.tabs.addTab(self.admins_table, self.tr("Per administratör"))

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.resize(1100, 620)
        self._tasks.run(self._account_keys, on_done=self._show_accounts)
        self.reload()

    def _chart_page(self, key: str, title: str, model: FiguresModel) -> QWidget:
        split = QSplitter()
        try:
            from app.ui.stats.charts import chart_view
        except ImportError:  # no PySide6-Addons: the numbers alone, said so
            self.charts[key] = None
            note = QLabel(self.tr("Diagram kräver QtCharts (PySide6-Addons); siffrorna står i tabellen."))
            note.setWordWrap(True)
            split.addWidget(note)
        else:
            self.charts[key] = chart_view(title)
            split.addWidget(self.charts[key])
        split.addWidget(CopyableTable(model, title))
        split.setSizes([640, 360])
        return split

    def _account_keys(self) -> list[tuple[str, str]]:
        from app.services.screenshots.schedule import ScreenshotService

        return ScreenshotService(self._sessions, self._actor).active_accounts()

    def _show_accounts(self, accounts: list[tuple[str, str]]) -> None:
        for key, name in accounts:
            self.account.addItem(f"{name} ({key})", key)

    def period(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()  # type: ignore[return-value]

    def set_period(self, first: date, last: date) -> None:
        self.date_from.setDate(QDate(first.year, first.month, first.day))
        self.date_to.setDate(QDate(last.year, last.month, last.day))

    def reload(self) -> None:
        first, last = self.period()
        key = self.account.currentData()
        self.status.setText(self.tr("Räknar …"))
        self._generation += 1
        generation = self._generation

        def shown(stats: Statistics) -> None:
            if generation == self._generation:
                self._show(stats)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._failed(exc)

        self._tasks.run(
            lambda: self._service.figures(first, last, key),
            on_done=shown,
            on_error=failed,
            label=self.tr("Räknar statistik"),
        )

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(user_message(exc))
        self.loaded.emit()

    def _show(self, stats: Statistics) -> None:
        self.figures = stats
        period = self.tr("Perioden %1 – %2.").replace("%1", stats.date_from.isoformat())
        note = self.tr("Svarstiden räknas till första publicerade svaret, i kontots bevakade timmar.")
        self.status.setText(period.replace("%2", stats.date_to.isoformat()) + " " + note)
        self.accounts_model.set_rows([
            [a.name, platform_label(a.platform), a.items, a.questions, a.answered,
             _hours(a.median_first_response_hours), _hours(a.median_first_response_watched_hours),
             _hours(a.p90_first_response_watched_hours), share_text(a.within_promise_share), a.waiting_now,
             a.overdue_now, a.removed, sum(a.registered_by_criterion.values()), a.forwards, a.hand_overs,
             a.pending_steps, a.screenshots_taken,
             (a.screenshot_due.isoformat() if a.screenshot_due else None),
             f"{len(a.administrators)}" + (" ⚠" if a.too_few_administrators else "")]
            for a in stats.accounts
        ])  # fmt: skip
        platforms = list(stats.volume_by_month)
        self.volume_model.set_rows(
            [[m, *(stats.volume_by_month[p].get(m, 0) for p in platforms)] for m in stats.months],
            head=[self.tr("Månad"), *(platform_label(p) for p in platforms)],
        )
        reasons: dict[str, int] = {}
        for a in stats.accounts:
            for code, n in a.removed_by_reason.items():
                reasons[code] = reasons.get(code, 0) + n
        unknown = self.tr("okänt")  # removed with no reason recorded (app/services/stats/figures.py)
        removal_rows = sorted(
            ((unknown if c == "okänt" else reason_label(c), n) for c, n in reasons.items()),
            key=lambda r: -r[1],
        )
        self.removals_model.set_rows([list(r) for r in removal_rows])
        answered = [a for a in stats.accounts if a.answered]
        self.response_model.set_rows([
            [a.name, _hours(a.median_first_response_watched_hours),
             _hours(a.p90_first_response_watched_hours), a.promise.target_hours]
            for a in answered
        ])  # fmt: skip
        if stats.administrators is None:
            self.admins_model.set_rows([])
            self.tabs.setTabEnabled(self.tabs.indexOf(self.admins_table), False)
        else:
            self.admins_model.set_rows([
                [p.name, sum(p.decisions.values()), p.answered, _hours(p.median_first_response_watched_hours)]
                for p in stats.administrators
            ])  # fmt: skip
        self._draw(stats, platforms, removal_rows, answered)
        for table in self.findChildren(CopyableTable):
            table.resizeColumnsToContents()
        self.loaded.emit()

    def _draw(
        self, stats: Statistics, platforms: list[str], removals: list[tuple[str, int]], answered: list[Any]
    ) -> None:
        if self.charts.get("volume") is None:
            return
        from app.ui.stats import charts

        per_platform = {
            platform_label(p): [stats.volume_by_month[p].get(m, 0) for m in stats.months] for p in platforms
        }
        self.charts["volume"].setChart(charts.volume_chart(list(stats.months), per_platform))
        self.charts["removals"].setChart(charts.removals_chart(removals))
        self.charts["response"].setChart(
            charts.response_chart(
                [a.key for a in answered],
                [a.median_first_response_watched_hours or 0.0 for a in answered],
                [a.p90_first_response_watched_hours or 0.0 for a in answered],
                [a.promise.target_hours or 0.0 for a in answered],
            )
        )

    # -- the yearly evaluation -------------------------------------------------------------------

    def ask_for_report(self) -> None:
        year, ok = QInputDialog.getInt(
            self, self.tr("Årsrapport"), self.tr("Utvärdering för år:"), date.today().year, 2000, 2100
        )
        if not ok:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Spara utvärderingen"), f"utvardering-sociala-medier-{year}.pdf",
            self.tr("PDF (*.pdf);;Excel (*.xlsx)"),
        )  # fmt: skip
        if name:
            self.write_report(year, Path(name))

    def write_report(self, year: int, path: Path) -> None:
        from app.services.stats.report import build_report

        self.status.setText(self.tr("Skriver utvärderingen …"))
        self._tasks.run(
            lambda: build_report(self._sessions, year, self._actor),
            on_done=lambda report: self._save_report(report, path),
            on_error=self._failed,
            label=self.tr("Skriver utvärderingen"),
        )

    def _save_report(self, report: Any, path: Path) -> None:
        try:
            if path.suffix.lower() == ".xlsx":
                from app.services.stats.report_xlsx import write_report_xlsx

                write_report_xlsx(report, path)
            else:
                from app.ui.report_pdf import write_report_pdf

                write_report_pdf(report, path.with_suffix(".pdf"))
                path = path.with_suffix(".pdf")
        except Exception as exc:  # noqa: BLE001 - shown to the user in words
            self._failed(exc)
            return
        self.status.setText(self.tr("Utvärderingen är sparad i %1.").replace("%1", str(path)))
        self.report_written.emit(path)
