"""The statistics' charts, drawn with QtCharts (PySide6-Addons). This module is imported only
when the Statistik view opens, so the window's start-up never loads the chart library; each
chart has its numbers in a table beside it (app/ui/stats/view.py)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget


def chart_view(name: str, parent: QWidget | None = None) -> QChartView:
    view = QChartView(parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(name)
    view.setMinimumSize(360, 260)
    return view


def _finish(chart: QChart, series: QBarSeries | QStackedBarSeries | QHorizontalBarSeries,
            categories: list[str], value_title: str, horizontal: bool = False) -> None:  # fmt: skip
    chart.addSeries(series)
    axis_c = QBarCategoryAxis()
    axis_c.append(categories)
    axis_v = QValueAxis()
    axis_v.setTitleText(value_title)
    axis_v.setLabelFormat("%.0f")
    chart.addAxis(axis_c, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_v, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_c)
    series.attachAxis(axis_v)
    top = max((s.at(i) for s in series.barSets() for i in range(s.count())), default=0.0)
    if isinstance(series, QStackedBarSeries):
        top = max((sum(s.at(i) for s in series.barSets()) for i in range(len(categories))), default=0.0)
    axis_v.setRange(0, max(1.0, top * 1.1))
    axis_v.applyNiceNumbers()
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)


def volume_chart(months: list[str], per_platform: dict[str, list[int]]) -> QChart:
    """Items per month, stacked per channel."""
    chart = QChart()
    chart.setTitle(QCoreApplication.translate("StatisticsView", "Poster per månad och kanal"))
    series = QStackedBarSeries()
    for platform, counts in per_platform.items():
        bar = QBarSet(platform)
        bar.append([float(c) for c in counts])
        series.append(bar)
    _finish(chart, series, months, QCoreApplication.translate("StatisticsView", "Poster"))
    return chart


def removals_chart(reasons: list[tuple[str, int]]) -> QChart:
    chart = QChart()
    chart.setTitle(QCoreApplication.translate("StatisticsView", "Borttagna kommentarer per skäl"))
    series = QHorizontalBarSeries()
    bar = QBarSet(QCoreApplication.translate("StatisticsView", "Borttagna"))
    bar.append([float(n) for _, n in reasons])
    series.append(bar)
    _finish(
        chart,
        series,
        [label for label, _ in reasons],
        QCoreApplication.translate("StatisticsView", "Antal"),
        horizontal=True,
    )
    chart.legend().setVisible(False)
    return chart


def response_chart(accounts: list[str], median: list[float], p90: list[float], target: list[float]) -> QChart:
    """Median and 90th percentile of time to first answer against each account's promise."""
    chart = QChart()
    chart.setTitle(QCoreApplication.translate("StatisticsView", "Svarstid mot löftet (timmar bevakningstid)"))
    series = QBarSeries()
    for label, values in (
        (QCoreApplication.translate("StatisticsView", "Median"), median),
        (QCoreApplication.translate("StatisticsView", "90:e percentilen"), p90),
        (QCoreApplication.translate("StatisticsView", "Löfte"), target),
    ):
        bar = QBarSet(label)
        bar.append(values)
        series.append(bar)
    _finish(chart, series, accounts, QCoreApplication.translate("StatisticsView", "Timmar"))
    return chart
