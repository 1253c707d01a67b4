"""Settings → Flaggning: edit a word list and the "Test rule" box that shows what a text would
trigger, with the edits applied before they are saved. Comment text is hostile: everything is
shown as plain text."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.services.context import Actor
from app.services.intake.rule_lists import RuleListService, clean_entries
from app.services.intake.rules import RuleSet, RuleTest, test_rule
from app.services.moderation.reasons import REMOVAL_REASONS
from app.ui.core_text import error_text
from app.ui.failures import user_message
from app.ui.labels import reason_label
from app.ui.tasks import TaskManager, tasks_for


class RuleTester(QWidget):
    """`tested` carries the RuleTest shown; `saved` the list code after a save."""

    tested = Signal(object)
    saved = Signal(str)
    loaded = Signal()

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        actor: Actor | None = None,
        tasks: TaskManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ruleTester")
        self._service = RuleListService(sessions, actor)
        self._tasks = tasks_for(self, tasks)
        self._lists: dict[str, list[str]] = {}
        self._edited: set[str] = set()

        self.list_choice = QComboBox(self)
        self.list_choice.setAccessibleName(self.tr("Ordlista"))
        self.list_choice.currentIndexChanged.connect(self._show_list)
        self.entries = QPlainTextEdit(self)
        self.entries.setAccessibleName(self.tr("Ordlistans poster"))
        self.entries.setPlaceholderText(
            self.tr("Ett ord eller en fras per rad. ord* = början av ord, =ord = exakt.")
        )
        self.entries.textChanged.connect(self._schedule)
        self.save_button = QPushButton(self.tr("Spara listan"), self)
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("Återställ standardlistan"), self)
        self.reset_button.clicked.connect(self.reset)
        self.list_state = QLabel(self)
        lists_box = QGroupBox(self.tr("Ordlistor"), self)
        lists_layout = QVBoxLayout(lists_box)
        lists_layout.addWidget(self.list_choice)
        lists_layout.addWidget(self.entries, 1)
        row = QHBoxLayout()
        row.addWidget(self.list_state, 1)
        row.addWidget(self.reset_button)
        row.addWidget(self.save_button)
        lists_layout.addLayout(row)

        self.entry = QLineEdit(self)
        self.entry.setAccessibleName(self.tr("Ny post att prova"))
        self.entry.setPlaceholderText(self.tr("t.ex. rötägg (valfritt)"))
        self.entry.textChanged.connect(self._schedule)
        self.sample = QPlainTextEdit(self)
        self.sample.setAccessibleName(self.tr("Text att testa"))
        self.sample.setPlaceholderText(self.tr("Klistra in en kommentar här."))
        self.sample.textChanged.connect(self._schedule)
        self.result = QPlainTextEdit(self)
        self.result.setReadOnly(True)
        self.result.setAccessibleName(self.tr("Vad texten flaggas för"))
        test_box = QGroupBox(self.tr("Testa regel"), self)
        form = QFormLayout(test_box)
        form.addRow(self.tr("Text:"), self.sample)
        form.addRow(self.tr("Ny post:"), self.entry)
        form.addRow(self.tr("Resultat:"), self.result)

        layout = QHBoxLayout(self)
        layout.addWidget(lists_box, 1)
        layout.addWidget(test_box, 2)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_test)
        self.load()

    # --- the lists ---------------------------------------------------------------------------
    def load(self) -> None:
        self._tasks.run(
            lambda: (self._service.lists(), self._service.edited()),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, result: tuple[dict[str, list[str]], set[str]]) -> None:
        self._lists, self._edited = result
        current = self.list_choice.currentData()
        self.list_choice.blockSignals(True)
        self.list_choice.clear()
        other = {"politik": self.tr("Politiska frågor"), "undantag": self.tr("Undantag (flaggas aldrig)")}
        for code in sorted(self._lists):
            label = reason_label(code) if code in REMOVAL_REASONS else other.get(code, code)
            self.list_choice.addItem(f"{label} ({code})", code)
        self.list_choice.setCurrentIndex(max(0, self.list_choice.findData(current)))
        self.list_choice.blockSignals(False)
        self._show_list()
        self.loaded.emit()

    def _show_list(self) -> None:
        code = self.list_choice.currentData()
        self.entries.blockSignals(True)
        self.entries.setPlainText("\n".join(self._lists.get(code, [])))
        self.entries.blockSignals(False)
        state = self.tr("Ändrad av kommunen") if code in self._edited else self.tr("Standardlistan")
        self.list_state.setText(state)
        self.run_test()

    def save(self) -> None:
        code, lines = self.list_choice.currentData(), self.entries.toPlainText().splitlines()
        self._tasks.run(
            lambda: self._service.save_list(code, lines),
            on_done=lambda _: self._after_save(code),
            on_error=self._failed,
            write=True,
        )

    def reset(self) -> None:
        code = self.list_choice.currentData()
        self._tasks.run(
            lambda: self._service.reset_list(code),
            on_done=lambda _: self._after_save(code),
            on_error=self._failed,
            write=True,
        )

    def _failed(self, exc: BaseException) -> None:
        self.list_state.setText(user_message(exc))

    def _after_save(self, code: str) -> None:
        self.load()
        self.saved.emit(code)

    # --- the test ----------------------------------------------------------------------------
    def _schedule(self) -> None:
        self._timer.start()

    def run_test(self) -> None:
        """Evaluate the sample with the lists as they stand in the editor (pure computation)."""
        lists = dict(self._lists)
        code = self.list_choice.currentData()
        try:
            if code is not None:
                lists[code] = clean_entries(self.entries.toPlainText().splitlines())
            result = test_rule(RuleSet(lists), self.sample.toPlainText(), self.entry.text())
        except InputError as exc:
            self.result.setPlainText(error_text(exc))
            return
        self.result.setPlainText(self.describe(result))
        self.tested.emit(result)

    def describe(self, result: RuleTest) -> str:
        lines: list[str] = []
        verdict = result.verdict
        if not verdict.flags:
            lines.append(self.tr("Ingen regel slår till."))
        for flag in verdict.flags:
            reason = reason_label(flag.reason) if flag.reason in REMOVAL_REASONS else self.tr("ingen")
            lines.append(
                f"• {flag.match} ({flag.start}–{flag.end}): {flag.explanation} "
                + self.tr("Föreslaget skäl: %1.").replace("%1", reason)
            )
        if verdict.suggested_reason:
            label = reason_label(verdict.suggested_reason)
            lines.append(
                self.tr("Förslag för posten: %1 (%2).")
                .replace("%1", label)
                .replace("%2", verdict.suggested_reason)
            )
        if verdict.is_question:
            lines.append(self.tr("Texten innehåller en fråga."))
        if result.entry:
            forms = ", ".join(result.entry_forms[:12]) + (" …" if len(result.entry_forms) > 12 else "")
            lines.append("")
            lines.append(self.tr("Posten «%1» täcker: %2").replace("%1", result.entry).replace("%2", forms))
            if result.entry_matches:
                found = ", ".join(f"«{m}» ({a}–{b})" for a, b, m in result.entry_matches)
                lines.append(self.tr("Den träffar i texten: %1").replace("%1", found))
            else:
                lines.append(self.tr("Den träffar inget i texten."))
        return "\n".join(lines)
