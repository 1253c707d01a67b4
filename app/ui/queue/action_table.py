"""The moderation actions, one entry each. The toolbar, the Åtgärd menu, the single keys, the
`?` overlay, the status bar's labels and the dialogs are all built from `ACTIONS`: adding an
action is one entry here, its dialog, and its method on the ModerationService.

The texts are Swedish source strings, translated where they are shown (the contexts are the
ones lupdate records: Labels, ModerationActions, HelpOverlay).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from app.core.states import Action
from app.services.queue.shapes import ItemSummary

if TYPE_CHECKING:  # these load the database layer, which start-up defers until the window shows (P7)
    from app.services.context import Writes
    from app.services.moderation.outbox import RunSummary
    from app.services.moderation.outcome import ActionOutcome, HistoryEntry
    from app.ui.queue.action_dialogs import (
        ForwardDialog,
        HandOverDialog,
        RegisterDialog,
        TemplateTextDialog,
    )
    from app.ui.queue.remove_dialog import RemoveDialog

translate = QCoreApplication.translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate (which looks for this name) under `context`; it is translated
    where it is shown. Qt's own returns `object` to the type checker."""
    return text


class Moderation(Protocol):
    """The surface of app.services.moderation.facade.ModerationService that the window uses. The
    decide_* calls commit the decision only; `carry_out` then does what leaves Granska."""

    def decide_remove(
        self,
        item_id: int,
        reason: str,
        motivation: str | None = None,
        mode: str = "hide",
        *,
        by_hand: bool | None = None,
        notice: str | None = None,
    ) -> ActionOutcome: ...
    def removal_by_hand(self, item_ids: list[int]) -> dict[int, bool]: ...
    def carry_out(self, outcome: ActionOutcome, write: Writes) -> ActionOutcome: ...
    def register(
        self, item_id: int, criterion: str, motivation: str, diarienummer: str | None = None
    ) -> ActionOutcome: ...
    def decide_notify(
        self, item_id: int, template: str | None = None, text: str | None = None
    ) -> ActionOutcome: ...
    def keep(self, item_id: int) -> ActionOutcome: ...
    def decide_answer(self, item_id: int, text: str) -> ActionOutcome: ...
    def decide_forward(self, item_id: int, to: str, note: str) -> ActionOutcome: ...
    def hand_over(self, item_id: int, to_username: str, reason: str) -> ActionOutcome: ...
    def history(self, item_id: int) -> list[HistoryEntry]: ...
    def saved_replies(self) -> list[tuple[str, str]]: ...
    def notice_texts(self) -> dict[str, str]: ...
    def resume(self, write: Writes) -> RunSummary: ...


@dataclass(frozen=True)
class Decide:
    """One item's decision, with the choices of the dialog already bound (run on the writer),
    and what must be asked first for all of them on a network worker (it may read the keyring)."""

    call: Callable[[Moderation, int], ActionOutcome]
    first: Callable[[Moderation, list[int]], None] | None = None


@dataclass(frozen=True)
class DialogArgs:
    items: list[ItemSummary]
    parent: QWidget
    saved_replies: list[tuple[str, str]]
    hint: str  # the channel's tone, when one item is chosen
    colleagues: tuple[tuple[str, str], ...] = ()  # (username, name) who may take the items over
    notices: dict[str, str] = field(default_factory=dict)  # reason -> the municipality's notice


D = TypeVar("D", bound=QDialog)


@dataclass(frozen=True)
class ActionSpec(Generic[D]):
    action: Action
    key: str
    icon: str
    label: str  # context Labels: the button, the menu entry, the status bar
    tip: str  # context ModerationActions: tooltip and status tip
    help: str  # context HelpOverlay: the `?` card
    # The dialog that asks for the choices and what the choices mean for one item. Without a
    # dialog, `decide` gets None and a selection of several items is confirmed first.
    dialog: Callable[[DialogArgs], D] | None
    decide: Callable[[D], Decide]
    confirm_many: str = ""  # context ModerationActions; %d is the number of items
    group_end: bool = False  # a separator after it in the toolbar

    @property
    def text(self) -> str:
        return translate("Labels", self.label)

    @property
    def tooltip(self) -> str:
        return translate("ModerationActions", self.tip)

    @property
    def help_text(self) -> str:
        return translate("HelpOverlay", self.help)


# -- the dialogs (imported on first use: they are not needed to show the window) ---------------


def _remove_dialog(a: DialogArgs) -> RemoveDialog:
    from app.ui.queue.remove_dialog import RemoveDialog

    return RemoveDialog(a.items, a.parent, a.notices)


def _remove(d: RemoveDialog) -> Decide:
    reason, motivation, mode = d.choice()
    notice = d.notice_text()
    own = {i.id: d.reason_for(i.id) for i in d.items}  # flagged for different reasons: each its own
    by_hand: dict[int, bool] = {}

    def one(m: Moderation, i: int) -> ActionOutcome:
        if own.get(i):
            return m.decide_remove(i, str(own[i]), None, mode, by_hand=by_hand.get(i))
        return m.decide_remove(i, reason, motivation or None, mode, by_hand=by_hand.get(i), notice=notice)

    return Decide(one, first=lambda m, ids: by_hand.update(m.removal_by_hand(ids)))


def _register_dialog(a: DialogArgs) -> RegisterDialog:
    from app.ui.queue.action_dialogs import RegisterDialog

    return RegisterDialog(a.items, a.parent)


def _register(d: RegisterDialog) -> Decide:
    criterion, motivation, number = d.choice()
    return Decide(lambda m, i: m.register(i, criterion, motivation, number))


def _notify_dialog(a: DialogArgs) -> TemplateTextDialog:
    from app.ui.queue.action_dialogs import TemplateTextDialog, notice_templates

    title = translate("ModerationActions", "Meddela i tråden")
    confirm = translate("ModerationActions", "Publicera")
    templates = notice_templates(a.items, a.saved_replies)
    return TemplateTextDialog(a.items, title, confirm, templates, a.hint, a.parent)


def _notify(d: TemplateTextDialog) -> Decide:
    # Unedited: the template's code alone, so the service uses the municipality's wording.
    template, text = d.choice()
    body = text if d.edited() else None
    return Decide(lambda m, i: m.decide_notify(i, template or None, body))


def _answer_dialog(a: DialogArgs) -> TemplateTextDialog:
    from app.ui.queue.action_dialogs import TemplateTextDialog, answer_templates

    title = translate("ModerationActions", "Svara")
    confirm = translate("ModerationActions", "Skicka svar")
    templates = answer_templates(a.saved_replies)
    return TemplateTextDialog(a.items, title, confirm, templates, a.hint, a.parent)


def _answer(d: TemplateTextDialog) -> Decide:
    # Unedited: the saved reply as saved, so the service knows it (a political referral is
    # recorded as one) and puts each author's own name in.
    _template, text = d.choice()
    body = text if d.edited() else d.raw_template()
    return Decide(lambda m, i: m.decide_answer(i, body))


def _forward_dialog(a: DialogArgs) -> ForwardDialog:
    from app.ui.queue.action_dialogs import ForwardDialog

    return ForwardDialog(a.items, a.parent)


def _forward(d: ForwardDialog) -> Decide:
    to, note = d.choice()
    return Decide(lambda m, i: m.decide_forward(i, to, note))


def _hand_over_dialog(a: DialogArgs) -> HandOverDialog:
    from app.ui.queue.action_dialogs import HandOverDialog

    return HandOverDialog(a.items, a.parent, a.colleagues)


def _hand_over(d: HandOverDialog) -> Decide:
    to, why = d.choice()
    return Decide(lambda m, i: m.hand_over(i, to, why))


def _keep(_none: None) -> Decide:
    return Decide(lambda m, i: m.keep(i))


ACTIONS: tuple[ActionSpec[Any], ...] = (
    ActionSpec(
        Action.REMOVE, "R", "action-remove",
        QT_TRANSLATE_NOOP("Labels", "Ta bort"),
        QT_TRANSLATE_NOOP("ModerationActions", "Spara bevis, ta bort, diarieför och meddela varför"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Ta bort (sparar bevis, diarieför, meddelar)"),
        _remove_dialog, _remove,
    ),
    ActionSpec(
        Action.REGISTER, "D", "action-register",
        QT_TRANSLATE_NOOP("Labels", "Diarieför"),
        QT_TRANSLATE_NOOP("ModerationActions", "Diarieför utan att ta bort"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Diarieför utan att ta bort"),
        _register_dialog, _register,
    ),
    ActionSpec(
        Action.NOTIFY, "N", "action-notify",
        QT_TRANSLATE_NOOP("Labels", "Meddela"),
        QT_TRANSLATE_NOOP("ModerationActions", "Publicera ett meddelande i tråden"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Meddela i tråden"),
        _notify_dialog, _notify,
    ),
    ActionSpec(
        Action.KEEP, "O", "action-keep",
        QT_TRANSLATE_NOOP("Labels", "Behåll"),
        QT_TRANSLATE_NOOP("ModerationActions", "Behåll: inget att åtgärda"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Behåll (OK)"),
        None, _keep,
        confirm_many=QT_TRANSLATE_NOOP("ModerationActions", "Behålla %d poster? Inget görs på plattformen."),
    ),
    ActionSpec(
        Action.ANSWER, "A", "action-answer",
        QT_TRANSLATE_NOOP("Labels", "Svara"),
        QT_TRANSLATE_NOOP("ModerationActions", "Svara personligt, gärna kort med länk"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Svara"),
        _answer_dialog, _answer,
        group_end=True,
    ),
    ActionSpec(
        Action.FORWARD, "V", "action-forward",
        QT_TRANSLATE_NOOP("Labels", "Vidarebefordra"),
        QT_TRANSLATE_NOOP("ModerationActions", "Skicka vidare till rätt förvaltning eller medarbetare"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Vidarebefordra"),
        _forward_dialog, _forward,
    ),
    ActionSpec(
        Action.HAND_OVER, "L", "action-hand-over",
        QT_TRANSLATE_NOOP("Labels", "Lämna över"),
        QT_TRANSLATE_NOOP("ModerationActions", "Lämna över vid jäv"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Lämna över (jäv)"),
        _hand_over_dialog, _hand_over,
    ),
)  # fmt: skip


def all_actions() -> tuple[ActionSpec[Any], ...]:
    """The table as it is now (a test may add an entry)."""
    return ACTIONS


def spec_for(action: str) -> ActionSpec[Any] | None:
    return next((s for s in ACTIONS if s.action == action), None)
