"""The moderation actions as buttons and single keys, applied to one item or a selection.

No workflow here: the dialogs collect a choice and the ModerationService (app/services/
moderation.py) does the work, on the single database-writing worker. The window only learns
the outcome and moves on to the next item.

Keys (also in the `?` overlay and the README): R remove, D diarieför, N notify, O keep (OK),
A answer, V forward (vidarebefordra), L hand over (lämna över); J/K next/previous.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.core.errors import EnvironmentFault, InputError
from app.services.queue_types import ItemSummary
from app.ui.icons import icon
from app.ui.labels import action_label
from app.ui.tasks import TaskContext, TaskManager

# action name -> (key, icon)
ACTION_KEYS: dict[str, tuple[str, str]] = {
    "remove": ("R", "action-remove"),
    "register": ("D", "action-register"),
    "notify": ("N", "action-notify"),
    "keep": ("O", "action-keep"),
    "answer": ("A", "action-answer"),
    "forward": ("V", "action-forward"),
    "hand_over": ("L", "action-hand-over"),
}


class Moderation(Protocol):
    """The surface of app.services.moderation.ModerationService that the window uses."""

    def remove(self, item_id: int, reason: str, motivation: str | None = None, mode: str = "hide") -> Any: ...
    def register(
        self, item_id: int, criterion: str, motivation: str, diarienummer: str | None = None
    ) -> Any: ...
    def notify(self, item_id: int, template: str | None = None, text: str | None = None) -> Any: ...
    def keep(self, item_id: int) -> Any: ...
    def answer(self, item_id: int, text: str) -> Any: ...
    def forward(self, item_id: int, to: str, note: str) -> Any: ...
    def hand_over(self, item_id: int, to_username: str, reason: str) -> Any: ...
    def history(self, item_id: int) -> list[Any]: ...
    def saved_replies(self) -> list[tuple[str, str]]: ...


@dataclass
class BatchResult:
    """What happened to each selected item (outcomes are the service's ActionOutcome)."""

    action: str
    outcomes: list[Any] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (item id, why)
    stopped: str | None = None  # the environment failed: the rest was not tried
    not_tried: list[int] = field(default_factory=list)


def apply_to_each(
    action: str, ids: list[int], call: Callable[[int], Any], context: TaskContext
) -> BatchResult:
    """Runs on the writing worker: one service call per item, each its own transaction."""
    result = BatchResult(action)
    for n, item_id in enumerate(ids):
        if context.cancelled:
            result.not_tried = ids[n:]
            break
        try:
            result.outcomes.append(call(item_id))
        except InputError as exc:
            result.refused.append((item_id, str(exc)))
        except EnvironmentFault as exc:
            result.stopped = str(exc)
            result.not_tried = ids[n + 1 :]
            result.refused.append((item_id, str(exc)))
            break
        context.report(n + 1, len(ids))
    return result


class ModerationActions(QObject):
    """Owns the QActions; the window puts them in its menu and toolbar."""

    # A batch finished: the window updates the queue and the detail pane.
    decided = Signal(object)  # BatchResult
    # A one-line message for the status bar.
    message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        tasks: TaskManager,
        moderation: Moderation | None,
        selected: Callable[[], list[ItemSummary]],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tasks = tasks
        self.moderation = moderation
        self._selected = selected
        self.dialog: QDialog | None = None  # the open action dialog, if any
        self.saved_replies: list[tuple[str, str]] = []
        self.channel_tone: Callable[[ItemSummary], str] = lambda _item: ""
        self.actions: dict[str, QAction] = {}
        tips = {
            "remove": self.tr("Spara bevis, ta bort, diarieför och meddela varför"),
            "register": self.tr("Diarieför utan att ta bort"),
            "notify": self.tr("Publicera ett meddelande i tråden"),
            "keep": self.tr("Behåll: inget att åtgärda"),
            "answer": self.tr("Svara personligt, gärna kort med länk"),
            "forward": self.tr("Skicka vidare till rätt förvaltning eller medarbetare"),
            "hand_over": self.tr("Lämna över vid jäv"),
        }
        for name, (key, icon_name) in ACTION_KEYS.items():
            act = QAction(icon(icon_name), action_label(name), window)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(f"{action_label(name)} ({key}) – {tips[name]}")
            act.setStatusTip(tips[name])
            act.triggered.connect(lambda _checked=False, n=name: self.start(n))
            self.actions[name] = act

    def load_saved_replies(self) -> None:
        if self.moderation is None:
            return
        moderation = self.moderation
        self._tasks.run(moderation.saved_replies, on_done=self._replies_arrived, on_error=lambda _exc: None)

    def _replies_arrived(self, replies: list[tuple[str, str]]) -> None:
        self.saved_replies = list(replies)

    # -- starting an action -----------------------------------------------------------------

    def start(self, name: str) -> None:
        items = [i for i in self._selected() if i is not None]
        if not items:
            self.message.emit(self.tr("Välj en post först."))
            return
        if self.moderation is None:
            self.message.emit(self.tr("Åtgärderna är inte tillgängliga: modereringstjänsten saknas."))
            return
        if name == "keep":
            if len(items) == 1:
                self._run("keep", items, lambda m, i: m.keep(i))
            else:
                self._confirm_keep(items)
            return
        dialog = self._dialog(name, items)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._accepted(name, dialog))
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _dialog(self, name: str, items: list[ItemSummary]) -> QDialog:
        # Imported on first use: the dialogs are not needed to show the window.
        from app.ui.action_dialogs import (
            ForwardDialog,
            HandOverDialog,
            RegisterDialog,
            RemoveDialog,
            TemplateTextDialog,
            answer_templates,
            notice_templates,
        )

        parent = self._window
        if name == "remove":
            return RemoveDialog(items, parent)
        if name == "register":
            return RegisterDialog(items, parent)
        if name == "forward":
            return ForwardDialog(items, parent)
        if name == "hand_over":
            return HandOverDialog(items, parent)
        tone = self.channel_tone(items[0]) if len(items) == 1 else ""
        hint = self.tr("Kanalens ton: %s") % tone if tone else ""
        if name == "notify":
            title = self.tr("Meddela i tråden")
            return TemplateTextDialog(
                items, title, self.tr("Publicera"), notice_templates(items, self.saved_replies), hint, parent
            )
        replies = answer_templates(self.saved_replies)
        return TemplateTextDialog(items, self.tr("Svara"), self.tr("Skicka svar"), replies, hint, parent)

    def _accepted(self, name: str, dialog: QDialog) -> None:
        from app.ui.action_dialogs import (
            ForwardDialog,
            HandOverDialog,
            RegisterDialog,
            RemoveDialog,
            TemplateTextDialog,
        )

        items = dialog.items  # type: ignore[attr-defined]
        if isinstance(dialog, RemoveDialog):
            reason, motivation, mode = dialog.choice()
            self._run(name, items, lambda m, i: m.remove(i, reason, motivation or None, mode))
        elif isinstance(dialog, RegisterDialog):
            criterion, motivation, number = dialog.choice()
            self._run(name, items, lambda m, i: m.register(i, criterion, motivation, number))
        elif isinstance(dialog, ForwardDialog):
            to, note = dialog.choice()
            self._run(name, items, lambda m, i: m.forward(i, to, note))
        elif isinstance(dialog, HandOverDialog):
            to, why = dialog.choice()
            self._run(name, items, lambda m, i: m.hand_over(i, to, why))
        elif isinstance(dialog, TemplateTextDialog) and name == "notify":
            # Unedited: the template's code alone, so the service uses the municipality's wording.
            template, text = dialog.choice()
            body = text if dialog.edited() else None
            self._run(name, items, lambda m, i: m.notify(i, template or None, body))
        elif isinstance(dialog, TemplateTextDialog):
            # Unedited: the saved reply as saved, so the service knows it (a political referral
            # is recorded as one) and puts each author's own name in.
            _template, text = dialog.choice()
            body = text if dialog.edited() else dialog.raw_template()
            self._run(name, items, lambda m, i: m.answer(i, body))

    def _confirm_keep(self, items: list[ItemSummary]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Behåll"),
            self.tr("Behålla %d poster? Inget görs på plattformen.") % len(items),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._run("keep", items, lambda m, i: m.keep(i)))
        self.dialog = box
        box.finished.connect(lambda _r: self._closed(box))
        box.open()

    def _run(self, name: str, items: list[ItemSummary], call: Callable[[Any, int], Any]) -> None:
        moderation = self.moderation
        ids = [i.id for i in items]
        label = self.tr("%s: %d poster…") % (action_label(name), len(ids))
        self._tasks.run(
            lambda context: apply_to_each(name, ids, lambda item_id: call(moderation, item_id), context),
            on_done=self.decided.emit,
            label=label,
            write=True,
            with_context=True,
        )

    def set_enabled(self, enabled: bool) -> None:
        for act in self.actions.values():
            act.setEnabled(enabled)
