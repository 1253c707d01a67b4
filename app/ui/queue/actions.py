"""The moderation actions as buttons and single keys, applied to one item or a selection.

No workflow here: the dialogs collect a choice and the ModerationService (app/services/
moderation.py) does the work. The decision is one transaction on the single database-writing
worker; the window learns its outcome and moves on to the next item at once. What then has to
leave Granska (the platform's hide or delete, the public reply, the e-mail) is carried out on a
network worker, and the window hears of it again when that is done (`carried_out`).

Each action's key, icon, texts, dialog and service call are one entry of app/ui/queue/action_table.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.core.errors import EnvironmentFault, InputError
from app.services.queue.shapes import ItemSummary
from app.ui.core_text import error_text
from app.ui.icons import icon
from app.ui.queue.action_table import ActionSpec, Decide, DialogArgs, Moderation, all_actions, spec_for
from app.ui.tasks import TaskContext, TaskManager

if TYPE_CHECKING:  # loads the database layer, which start-up defers until the window shows (P7)
    from app.services.moderation.outcome import ActionOutcome

__all__ = ["BatchResult", "Moderation", "ModerationActions", "apply_to_each"]


@dataclass
class BatchResult:
    """What happened to each selected item (outcomes are the service's ActionOutcome)."""

    action: str
    outcomes: list[ActionOutcome] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (item id, why)
    stopped: str | None = None  # the environment failed: the rest was not tried
    not_tried: list[int] = field(default_factory=list)


def apply_to_each(
    action: str, ids: list[int], call: Callable[[int], ActionOutcome], context: TaskContext | None = None
) -> BatchResult:
    """One service call per item, each its own transaction: the decisions on the writing
    worker, their platform steps (`carry_out`) on a network worker."""
    result = BatchResult(action)
    for n, item_id in enumerate(ids):
        if context is not None and context.cancelled:
            result.not_tried = ids[n:]
            break
        try:
            result.outcomes.append(call(item_id))
        except InputError as exc:
            result.refused.append((item_id, error_text(exc)))
        except EnvironmentFault as exc:
            result.stopped = error_text(exc)
            result.not_tried = ids[n + 1 :]
            result.refused.append((item_id, error_text(exc)))
            break
        if context is not None:
            context.report(n + 1, len(ids))
    return result


class ModerationActions(QObject):
    """Owns the QActions; the window puts them in its menu and toolbar."""

    # A batch's decisions are saved: the window updates the queue and the detail pane.
    decided = Signal(object)  # BatchResult
    # Their steps on the platform (or by e-mail) ran afterwards: the items' statuses now.
    carried_out = Signal(object)  # BatchResult
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
        self._moderation = moderation
        # The database is opening (start-up): an action started meanwhile waits for it.
        self.opening = False
        self._waiting: list[tuple[str, list[ItemSummary]]] = []
        self._selected = selected
        self.dialog: QDialog | None = None  # the open action dialog, if any
        self.saved_replies: list[tuple[str, str]] = []
        self.notice_texts: dict[str, str] = {}
        self.channel_tone: Callable[[ItemSummary], str] = lambda _item: ""
        # Who the items can be handed over to (app/ui/team.py fills it in).
        self.colleagues: Callable[[list[ItemSummary]], tuple[tuple[str, str], ...]] = lambda _items: ()
        self.actions: dict[str, QAction] = {}
        for spec in all_actions():
            act = QAction(icon(spec.icon), spec.text, window)
            act.setShortcut(QKeySequence(spec.key))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(f"{spec.text} ({spec.key}) – {spec.tooltip}")
            act.setStatusTip(spec.tooltip)
            act.triggered.connect(lambda _checked=False, n=spec.action: self.start(n))
            self.actions[spec.action] = act

    @property
    def moderation(self) -> Moderation | None:
        return self._moderation

    @moderation.setter
    def moderation(self, moderation: Moderation | None) -> None:
        """The window's database is open: the actions started while it opened run now, on the
        items that were chosen then."""
        self._moderation = moderation
        self.opening = False
        waiting, self._waiting = self._waiting, []
        for name, items in waiting:
            QTimer.singleShot(0, lambda n=name, i=items: self._start(n, i))

    def load_saved_replies(self) -> None:
        if self.moderation is None:
            return
        moderation = self.moderation
        self._tasks.run(
            lambda: (moderation.saved_replies(), moderation.notice_texts()),
            on_done=self._replies_arrived,
            on_error=lambda _exc: None,
        )

    def _replies_arrived(self, texts: tuple[list[tuple[str, str]], dict[str, str]]) -> None:
        self.saved_replies, self.notice_texts = list(texts[0]), dict(texts[1])

    # -- starting an action -----------------------------------------------------------------

    def start(self, name: str) -> None:
        items = [i for i in self._selected() if i is not None]
        if not items:
            self.message.emit(self.tr("Välj en post först."))
            return
        self._start(name, items)

    def _start(self, name: str, items: list[ItemSummary]) -> None:
        if self.moderation is None and self.opening:
            self._waiting.append((name, items))
            self.message.emit(self.tr("Databasen öppnas. Åtgärden görs när den är öppen."))
            return
        if self.moderation is None:
            self.message.emit(self.tr("Åtgärderna är inte tillgängliga: modereringstjänsten saknas."))
            return
        spec = spec_for(name)
        if spec is None:
            raise ValueError(f"no action {name!r} in app/ui/queue/action_table.py")
        if spec.dialog is None:
            if len(items) == 1:
                self._run(name, items, spec.decide(None))
            else:
                self._confirm_many(spec, items)
            return
        tone = self.channel_tone(items[0]) if len(items) == 1 else ""
        hint = self.tr("Kanalens ton: %s") % tone if tone else ""
        dialog = spec.dialog(
            DialogArgs(
                items,
                self._window,
                self.saved_replies,
                hint,
                colleagues=self.colleagues(items),
                notices=self.notice_texts,
            )
        )
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._run(name, items, spec.decide(dialog)))
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _confirm_many(self, spec: ActionSpec[Any], items: list[ItemSummary]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            spec.text,
            self.tr(spec.confirm_many) % len(items),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._run(spec.action, items, spec.decide(None)))
        self.dialog = box
        box.finished.connect(lambda _r: self._closed(box))
        box.open()

    def _run(self, name: str, items: list[ItemSummary], decide: Decide) -> None:
        """The decisions on the writer; `decide.first`, if any, on a network worker before them."""
        moderation = self.moderation
        if moderation is None:
            return
        ids = [i.id for i in items]
        spec = spec_for(name)
        label = self.tr("%s: %d poster…") % (spec.text if spec else name, len(ids))

        def one(item_id: int) -> ActionOutcome:
            return decide.call(moderation, item_id)

        def decide_all(_ready: object = None) -> None:
            self._tasks.run(
                lambda context: apply_to_each(name, ids, one, context),
                on_done=lambda result: self._decided(moderation, result),
                label=label,
                write=True,
                with_context=True,
            )

        first = decide.first
        if first is None:
            decide_all()
        else:
            self._tasks.run(lambda: first(moderation, ids), on_done=decide_all, network=True)

    def _decided(self, moderation: Moderation, result: BatchResult) -> None:
        """The decisions are saved and shown; now what leaves Granska, off the writer."""
        self.decided.emit(result)
        waiting = {o.item_id: o for o in result.outcomes if o.follow_up is not None}
        if not waiting:
            return
        write = self._tasks.in_writer
        self._tasks.run(
            lambda: apply_to_each(
                result.action, list(waiting), lambda item_id: moderation.carry_out(waiting[item_id], write)
            ),
            on_done=self.carried_out.emit,
            network=True,
        )

    def set_enabled(self, enabled: bool) -> None:
        for act in self.actions.values():
            act.setEnabled(enabled)
