"""Hooks the Statistik view into the main window (Verktyg → Statistik…). The view, and with it
the chart library, is imported only when it is first opened."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def _statistics(w: Any) -> QWidget:
    from app.ui.stats.view import StatisticsView

    return StatisticsView(w.db.sessions, tasks=w.tasks)


def install(window: Any) -> None:
    title = QCoreApplication.translate("StatisticsView", "Statistik och årsrapport…")
    window.add_view("verktyg", title, _statistics, shortcut="Ctrl+Shift+S")
