"""The Statistik view on the hand-counted data of tests/helpers/statistics.py: the figures in
its tables, the charts drawn from the same numbers, every model through qtmodeltester, copying a
table, a refused role told in words, and the yearly evaluation written from the window."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from app.services.accounts.administrators import AdministratorRegister
from app.services.context import Actor
from app.ui.stats.view import StatisticsView
from app.ui.translations import install_translators
from tests.helpers.statistics import DECEMBER, NOW, fill_december


def _open(qtbot, sessions, who: str = "chef") -> StatisticsView:
    view = StatisticsView(sessions, actor=Actor(who, clock=lambda: NOW))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.figures is not None or "får inte" in view.status.text(), timeout=30_000)
    view.set_period(*DECEMBER)
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.reload()
    return view


def _row(model, first: str) -> list:
    return next(r for r in model.rows() if r[0] == first)


@pytest.fixture
def view(qtbot, sqlite_db):
    fill_december(sqlite_db.sessions)
    return _open(qtbot, sqlite_db.sessions)


def test_the_tables_hold_the_hand_counted_figures(view, qtmodeltester):
    fb = _row(view.accounts_model, "Vadstena kommun (fb)")
    # items, questions, answered, medians (65 + 87) / 2 h / 2 h, p90 27 h, 75 %, 4 waiting (the
    # forwarded question among them: a forward tells the asker nothing), 3 overdue.
    assert fb[2:11] == [9, 8, 4, 76.0, 2.0, 27.0, "75 %", 4, 3]
    assert _row(view.response_model, "Vadstena kommun (fb)") == ["Vadstena kommun (fb)", 2.0, 27.0, 8]
    assert view.removals_model.rows() == [["Svordomar eller obscena ord", 1]]
    assert view.volume_model.rows()[0][0] == "2026-12"
    for model in (view.accounts_model, view.volume_model, view.removals_model, view.response_model,
                  view.admins_model):  # fmt: skip
        qtmodeltester.check(model)


def test_each_chart_draws_the_numbers_of_the_table_beside_it(view):
    if view.charts["volume"] is None:
        pytest.fail("QtCharts (PySide6-Addons) should be installed by pyproject")
    response = view.charts["response"].chart().series()[0]
    median = response.barSets()[0]
    values = [median.at(i) for i in range(median.count())]
    assert values == [row[1] for row in view.response_model.rows()]
    volume = view.charts["volume"].chart().series()[0]
    assert sum(s.at(0) for s in volume.barSets()) == sum(sum(r[1:]) for r in view.volume_model.rows())


def test_a_table_copies_as_tab_separated_text_with_its_header(view, qtbot):
    table = view.tabs.widget(0)
    table.selectRow(0)
    text = table.copy()
    lines = text.splitlines()
    assert lines[0].startswith("Konto\tKanal\tPoster") and len(lines) == 2
    assert QCoreApplication.instance().clipboard().text() == text


def test_a_role_without_statistics_is_told_so(qtbot, sqlite_db, monkeypatch):
    fill_december(sqlite_db.sessions)
    AdministratorRegister(sqlite_db.sessions).add("chef", "Cecilia Chef", roles=("förvaltningschef",))
    monkeypatch.setenv("GRANSKA_USER", "chef")
    AdministratorRegister(sqlite_db.sessions).add("rut", "Rut Registrator", roles=("registrator",))
    view = _open(qtbot, sqlite_db.sessions, "rut")
    assert "får inte läsa statistiken" in view.status.text()
    assert view.accounts_model.rowCount() == 0


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by scripts/test")
def test_the_yearly_evaluation_is_written_from_the_window(view, qtbot, tmp_path):
    import subprocess

    with qtbot.waitSignal(view.report_written, timeout=60_000) as written:
        view.write_report(2026, tmp_path / "utvardering.pdf")
    text = subprocess.run(["pdftotext", str(written.args[0]), "-"], capture_output=True, text=True).stdout
    assert "Utvärdering av närvaron i sociala medier 2026" in text


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_view_in_swedish_and_english_is_drawn(view, qtbot, tmp_path, language):
    app = QCoreApplication.instance()
    installed = install_translators(app, language) if language == "en" else []
    try:
        shown = StatisticsView(view._sessions, actor=Actor("chef", clock=lambda: NOW))
        qtbot.addWidget(shown)
        shown.set_period(*DECEMBER)
        with qtbot.waitSignal(shown.loaded, timeout=30_000):
            shown.reload()
        shown.tabs.setCurrentIndex(3 if language == "sv" else 1)
        shown.show()
        qtbot.waitExposed(shown)
        picture = shown.grab().toImage()
        picture.save(str(tmp_path / f"statistik-{language}.png"))
        assert picture.width() >= 1000
        expected = "Statistik" if language == "sv" else "Statistics"
        assert shown.windowTitle() == expected
        assert shown.accounts_model.headerData(2, Qt.Orientation.Horizontal) == (
            "Poster" if language == "sv" else "Items"
        )
        # The removal reasons in the window's language (#15: they were Swedish in English).
        assert shown.removals_model.rows() == [
            ["Svordomar eller obscena ord" if language == "sv" else "Profanity or obscene words", 1]
        ]
    finally:
        for translator in installed:
            app.removeTranslator(translator)


@pytest.mark.parametrize(("language", "median", "promise"), [("sv", "76,0", "8,0"), ("en", "76.0", "8.0")])
def test_decimals_follow_the_window_language_not_the_computer(view, language, median, promise):
    """The test machine's locale is not Swedish: a Swedish window still writes a decimal comma."""
    app = QCoreApplication.instance()
    installed = install_translators(app, language) if language == "en" else []
    try:
        model = view.accounts_model
        row = next(
            r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "Vadstena kommun (fb)"
        )
        assert model.data(model.index(row, 5)) == median  # the calendar median, 76 h
        assert model.data(model.index(row, 6)) == ("2,0" if language == "sv" else "2.0")
        response = view.response_model
        assert response.data(response.index(0, 3)) == promise  # the promise, 8 watched hours
        copied = view.tabs.widget(0).copy()
        assert f"\t{median}\t" in copied
    finally:
        for translator in installed:
            app.removeTranslator(translator)
