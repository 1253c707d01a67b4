"""The quick dialogs behind Document (diarieför), Notify, Answer, Forward and Hand over (Remove:
remove_dialog.py).

Keyboard first: a reason or criterion is picked with one letter, the motivation is pre-filled
from its template, Enter confirms (Shift+Enter starts a new line), Esc cancels. The dialogs only
collect what the administrator chose; the service does the work.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.moderation.reasons import (
    NOT_REGISTERED_RULE,
    POLITICAL_REFERRAL,
    REGISTRATION_CRITERIA,
    REMOVAL_REASONS,
)
from app.services.queue.shapes import ItemSummary
from app.ui.core_text import window_text
from app.ui.formatting import excerpt
from app.ui.labels import criterion_label, reason_label
from app.ui.queue.letters import CRITERION_LETTERS, REASON_LETTERS, letters_for
from app.ui.text_views import heading, plain_label

KeyedChoice = tuple[str, str]  # (code, label)


class ChoiceList(QListWidget):
    """A list where each entry is picked by its letter."""

    def __init__(
        self, choices: list[KeyedChoice], parent: QWidget | None = None, fixed: dict[str, str] | None = None
    ) -> None:
        super().__init__(parent)
        # Letters that never move (app/ui/queue/letters.py): not from the translated labels.
        codes, labels = [c for c, _l in choices], [label for _c, label in choices]
        self.keys = letters_for(codes, labels, fixed if fixed is not None else REASON_LETTERS)
        for (code, label), key in zip(choices, self.keys, strict=True):
            entry = QListWidgetItem(f"{key}   {label}")
            entry.setData(Qt.ItemDataRole.UserRole, code)
            self.addItem(entry)
        self.setUniformItemSizes(True)

    def code(self) -> str | None:
        entry = self.currentItem()
        return None if entry is None else entry.data(Qt.ItemDataRole.UserRole)

    def select_code(self, code: str | None) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.setCurrentRow(row)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        letter = event.text().upper()
        if letter in self.keys and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            self.setCurrentRow(self.keys.index(letter))
            return
        super().keyPressEvent(event)


class _EnterConfirms(QObject):
    """Enter in a text box confirms the dialog; Shift+Enter still makes a new line."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self._dialog.accept()
                return True
        return False


class ActionDialog(QDialog):
    """Common frame: what is acted on, the controls, and OK / Cancel."""

    def __init__(self, items: list[ItemSummary], title: str, confirm: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.items = items
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.layout_ = QVBoxLayout(self)
        if len(items) == 1:
            about = self.tr("%s: %s") % (items[0].author_name, excerpt(items[0].text, 220))
        else:
            about = self.tr("%d markerade poster") % len(items)
        self.about = plain_label(about, self)
        self.about.setObjectName("dialogAbout")
        self.layout_.addWidget(self.about)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(confirm)
        self.ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._enter = _EnterConfirms(self)

    def finish_layout(self) -> None:
        self.layout_.addWidget(
            plain_label(
                self.tr("Enter bekräftar · Skift+Enter ny rad · Esc avbryter"), self, selectable=False
            )
        )
        self.layout_.addWidget(self.buttons)

    def text_box(self, text: str, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setPlainText(text)
        box.setAccessibleName(name)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(80)
        box.installEventFilter(self._enter)
        return box

    def accept(self) -> None:
        if self.ok.isEnabled():
            super().accept()


class TemplateFollower:
    """Replaces the text with the chosen template, unless the administrator has edited it."""

    def __init__(self, box: QPlainTextEdit) -> None:
        self._box = box
        self._template = box.toPlainText()

    def follow(self, template: str) -> None:
        if self._box.toPlainText() == self._template:
            self._box.setPlainText(template)
        self._template = template


class RegisterDialog(ActionDialog):
    def __init__(self, items: list[ItemSummary], parent: QWidget | None = None) -> None:
        title = self.tr("Diarieför") if len(items) == 1 else self.tr("Diarieför %d poster") % len(items)
        super().__init__(items, title, self.tr("Diarieför"), parent)
        rule = plain_label(window_text(NOT_REGISTERED_RULE), self)
        rule.setObjectName("ruleNote")
        self.layout_.addWidget(rule)
        self.layout_.addWidget(heading(self.tr("Varför diarieförs posten? (tryck bokstaven)"), self))
        self.criteria = ChoiceList(
            [(c, criterion_label(c)) for c in REGISTRATION_CRITERIA], self, fixed=CRITERION_LETTERS
        )
        self.criteria.setAccessibleName(self.tr("Skäl för diarieföring"))
        self.layout_.addWidget(self.criteria)
        self.layout_.addWidget(heading(self.tr("Motivering"), self))
        self.motivation = self.text_box("", self.tr("Motivering"))
        self._follower = TemplateFollower(self.motivation)
        self.layout_.addWidget(self.motivation)
        self.diarienummer = QLineEdit(self)
        self.diarienummer.setPlaceholderText(
            self.tr("Diarienummer för det befintliga ärendet, t.ex. KS/2026:12")
        )
        self.diarienummer.setAccessibleName(self.tr("Diarienummer"))
        self.diarienummer.textChanged.connect(self._check)
        self.layout_.addWidget(self.diarienummer)
        self.finish_layout()
        self.criteria.currentItemChanged.connect(self._criterion_changed)
        self.criteria.select_code("atgard")
        self.criteria.setFocus()

    def _criterion_changed(self) -> None:
        criterion = REGISTRATION_CRITERIA.get(self.criteria.code() or "")
        if criterion is not None:
            self._follower.follow(criterion.explanation)  # the register's own words: Swedish
        self.diarienummer.setVisible(bool(criterion and criterion.needs_diarienummer))
        self._check()

    def _check(self) -> None:
        criterion = REGISTRATION_CRITERIA.get(self.criteria.code() or "")
        needs = bool(criterion and criterion.needs_diarienummer)
        self.ok.setEnabled(criterion is not None and (not needs or bool(self.diarienummer.text().strip())))

    def choice(self) -> tuple[str, str, str | None]:
        """(criterion code, motivation, diarienummer or None)."""
        # Read after the dialog has closed (hidden): ask the criterion, not the field's visibility.
        criterion = REGISTRATION_CRITERIA.get(self.criteria.code() or "")
        number = self.diarienummer.text().strip() if criterion and criterion.needs_diarienummer else ""
        return self.criteria.code() or "", self.motivation.toPlainText().strip(), number or None


def first_name(author: str) -> str:
    return author.split()[0] if author.split() else ""


class TemplateTextDialog(ActionDialog):
    """Notify and Answer: pick a template with one letter, edit the text, Enter sends."""

    def __init__(
        self,
        items: list[ItemSummary],
        title: str,
        confirm: str,
        templates: list[tuple[str, str, str]],
        hint: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(items, title, confirm, parent)
        self._templates = {code: text for code, _label, text in templates}
        self._shown = ""
        if hint:
            note = plain_label(hint, self)
            note.setObjectName("toneNote")
            self.layout_.addWidget(note)
        self.layout_.addWidget(heading(self.tr("Mall (tryck bokstaven)"), self))
        self.templates = ChoiceList([(code, label) for code, label, _text in templates], self)
        self.templates.setAccessibleName(self.tr("Mallar"))
        self.layout_.addWidget(self.templates)
        self.layout_.addWidget(heading(self.tr("Text"), self))
        self.text = self.text_box("", self.tr("Text som publiceras"))
        self._follower = TemplateFollower(self.text)
        self.layout_.addWidget(self.text)
        self.finish_layout()
        self.templates.currentItemChanged.connect(self._template_changed)
        self.text.textChanged.connect(lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip())))
        self.templates.setCurrentRow(0)
        self.templates.setFocus()

    def _template_changed(self) -> None:
        raw = self._templates.get(self.templates.code() or "", "")
        name = first_name(self.items[0].author_name) if len(self.items) == 1 else ""
        # Templates are ours, but the name is the commenter's: replace, never str.format.
        text = raw.replace("{name}", name) if name else raw.replace(" {name}", "").replace("{name}", "")
        self._shown = text
        self._follower.follow(text)

    def choice(self) -> tuple[str, str]:
        """(template code, the final text)."""
        return self.templates.code() or "", self.text.toPlainText().strip()

    def edited(self) -> bool:
        """Did the administrator change the template's text? If not, the service fills in the
        template itself: the municipality's own wording, and each author's own name."""
        return self.text.toPlainText().strip() != self._shown.strip()

    def raw_template(self) -> str:
        return self._templates.get(self.templates.code() or "", "")


def reply_label(code: str) -> str:
    labels = {
        "svar-lank": QCoreApplication.translate("TemplateTextDialog", "Kort svar med länk"),
        "tack": QCoreApplication.translate("TemplateTextDialog", "Tack"),
        "vidare": QCoreApplication.translate("TemplateTextDialog", "Skickat vidare"),
        "kontakt": QCoreApplication.translate("TemplateTextDialog", "Kontakta oss"),
        "politisk": QCoreApplication.translate("TemplateTextDialog", "Hänvisning av politisk fråga"),
    }
    return labels.get(code, code)


def answer_templates(saved_replies: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """The saved replies (the service's, as the municipality edited them)."""
    replies = list(saved_replies) or [("politisk", POLITICAL_REFERRAL)]
    return [(code, reply_label(code), text) for code, text in replies]


# A removal was decided: the comment is gone, going, or waits to be removed by hand.
REMOVED_STATUSES = ("removed", "pending_platform", "remove_by_hand")


def notice_templates(
    items: list[ItemSummary], saved_replies: list[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    """What fits the items: after a removal its notices (the suggested reason first), then the
    saved replies; for anything never removed only the saved replies (answers for a question),
    so that one Enter can never publish "we removed a comment" about a comment still there."""
    replies = answer_templates(saved_replies)
    if not items or any(i.status not in REMOVED_STATUSES for i in items):
        return replies
    suggested = {i.suggested_reason for i in items if i.suggested_reason}
    order = sorted(REMOVAL_REASONS, key=lambda c: c not in suggested)
    return [(c, reason_label(c), REMOVAL_REASONS[c].notice) for c in order] + replies


class ForwardDialog(ActionDialog):
    def __init__(self, items: list[ItemSummary], parent: QWidget | None = None) -> None:
        super().__init__(items, self.tr("Vidarebefordra"), self.tr("Vidarebefordra"), parent)
        self.layout_.addWidget(
            plain_label(
                self.tr(
                    "Frågor utanför din kompetens går till en medarbetare som kan ämnet, eller till rätt "
                    "instans för diarieföring eller synpunktshantering. Frågan skickas ordagrant med "
                    "e-post, med länken och ditt namn; svar går till din e-postadress. Den ligger kvar "
                    "bland frågorna tills någon svarat, och mottagaren påminns när kontots svarstid gått."
                ),
                self,
            )
        )
        self.to = QLineEdit(self)
        self.to.setPlaceholderText(self.tr("E-postadress till den som kan svara, t.ex. bygg@kommun.se"))
        self.to.setAccessibleName(self.tr("Mottagare"))
        self.layout_.addWidget(self.to)
        self.note = self.text_box("", self.tr("Meddelande till mottagaren"))
        self.layout_.addWidget(self.note)
        self.finish_layout()
        self.to.textChanged.connect(lambda t: self.ok.setEnabled("@" in t.strip(" @")))
        self.ok.setEnabled(False)
        self.to.setFocus()

    def choice(self) -> tuple[str, str]:
        return self.to.text().strip(), self.note.toPlainText().strip()


class HandOverDialog(ActionDialog):
    def __init__(
        self,
        items: list[ItemSummary],
        parent: QWidget | None = None,
        colleagues: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(items, self.tr("Lämna över"), self.tr("Lämna över"), parent)
        self.layout_.addWidget(
            plain_label(
                self.tr(
                    "Har du ett privat intresse i det som diskuteras ska någon annan föra dialogen. "
                    "Posten lämnas över och du kan inte själv avgöra den."
                ),
                self,
            )
        )
        # The colleague from a list of the account's other administrators: no typed user names.
        self.to = QComboBox(self)
        self.to.setAccessibleName(self.tr("Tar över"))
        for username, name in colleagues:
            self.to.addItem(f"{name} ({username})" if name != username else username, username)
        self.layout_.addWidget(self.to)
        self.none = plain_label(
            self.tr("Kontot har ingen annan aktiv administratör att lämna över till. Be förvaltningschefen "
                    "tilldela kontot en kollega (Inställningar → Administratörer)."),
            self,
        )  # fmt: skip
        self.none.setVisible(not colleagues)
        self.to.setVisible(bool(colleagues))
        self.layout_.addWidget(self.none)
        self.reason = self.text_box(self.tr("Jäv: privat intresse i frågan."), self.tr("Skäl"))
        self.layout_.addWidget(self.reason)
        self.finish_layout()
        self.ok.setEnabled(bool(colleagues))
        self.to.setFocus()

    def choice(self) -> tuple[str, str]:
        return str(self.to.currentData() or ""), self.reason.toPlainText().strip()
