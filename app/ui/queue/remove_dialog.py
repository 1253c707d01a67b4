"""The Remove dialog: a reason by its letter, the motivation for the register, and the public
notice the thread will get, shown and editable before anything is decided.

For several items it lists them with their flags. Items flagged for different reasons each get
their own flag's reason, motivation and notice (never one reason for all); a selection that mixes
flagged and unflagged items is refused with a message, to be removed one by one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidget, QRadioButton, QWidget

from app.services.moderation.reasons import REMOVAL_REASONS
from app.services.queue.shapes import ItemSummary
from app.ui.formatting import excerpt
from app.ui.labels import reason_label, reason_short_label, rule_label
from app.ui.queue.action_dialogs import ActionDialog, ChoiceList, TemplateFollower
from app.ui.text_views import heading, plain_label


def flag_text(item: ItemSummary) -> str:
    if item.suggested_reason:
        return reason_short_label(item.suggested_reason)
    if item.flags:
        return rule_label(str(item.flags[0].get("rule", "")))
    return QCoreApplication.translate("RemoveDialog", "ingen flagga")


class RemoveDialog(ActionDialog):
    def __init__(
        self,
        items: list[ItemSummary],
        parent: QWidget | None = None,
        notices: dict[str, str] | None = None,
    ) -> None:
        title = self.tr("Ta bort") if len(items) == 1 else self.tr("Ta bort %d poster") % len(items)
        super().__init__(items, title, self.tr("Ta bort"), parent)
        self._notices = dict(notices or {})
        reasons = {i.suggested_reason for i in items}
        # Different flags: each item its own flag's reason. Flagged and unflagged mixed: refused.
        self.each_own_reason = len(items) > 1 and len(reasons) > 1 and None not in reasons
        self.refused = len(items) > 1 and len(reasons) > 1 and None in reasons
        if len(items) > 1:
            self.layout_.addWidget(heading(self.tr("Markerade poster och deras flaggor"), self))
            self.chosen = QListWidget(self)
            self.chosen.setAccessibleName(self.tr("Markerade poster"))
            for item in items:
                self.chosen.addItem(f"{flag_text(item)} – {item.author_name}: {excerpt(item.text, 90)}")
            self.chosen.setMaximumHeight(22 * min(len(items), 6) + 8)
            self.layout_.addWidget(self.chosen)
        self.mixed_note = plain_label("", self)
        self.mixed_note.setObjectName("mixedNote")
        if self.refused:
            self.mixed_note.setText(
                self.tr(
                    "Markeringen blandar flaggade poster med poster utan flagga. Ta bort dem var för "
                    "sig, eller markera bara poster med en flagga, så att ingen får fel skäl."
                )
            )
        elif self.each_own_reason:
            self.mixed_note.setText(
                self.tr(
                    "Posterna är flaggade för olika skäl: var och en tas bort med sin egen flaggas "
                    "skäl, motivering och meddelande."
                )
            )
        self.mixed_note.setVisible(self.refused or self.each_own_reason)
        self.layout_.addWidget(self.mixed_note)
        headings = [heading(self.tr("Skäl (tryck bokstaven)"), self)]
        self.layout_.addWidget(headings[-1])
        self.reasons = ChoiceList([(c, reason_label(c)) for c in REMOVAL_REASONS], self)
        self.reasons.setAccessibleName(self.tr("Skäl för borttagning"))
        # Every reason in sight: the letters are read off the list.
        rows = self.reasons.sizeHintForRow(0) * self.reasons.count()
        self.reasons.setMinimumHeight(rows + 2 * self.reasons.frameWidth() + 8)
        self.layout_.addWidget(self.reasons)
        headings.append(heading(self.tr("Motivering till diariet"), self))
        self.layout_.addWidget(headings[-1])
        self.motivation = self.text_box("", self.tr("Motivering"))
        self._follower = TemplateFollower(self.motivation)
        self.layout_.addWidget(self.motivation)
        headings.append(heading(self.tr("Offentligt meddelande i tråden"), self))
        self.layout_.addWidget(headings[-1])
        self.notice = self.text_box("", self.tr("Offentligt meddelande som publiceras"))
        self._notice_follower = TemplateFollower(self.notice)
        self._notice_shown = ""
        self.layout_.addWidget(self.notice)
        self.hide_mode = QRadioButton(self.tr("Dölj på plattformen (kan ångras)"), self)
        self.delete_mode = QRadioButton(self.tr("Radera på plattformen där det går"), self)
        self.hide_mode.setChecked(True)
        self.layout_.addWidget(self.hide_mode)
        self.layout_.addWidget(self.delete_mode)
        self.crime_note = plain_label(
            self.tr("Misstänkt brott: närmaste chef får ett mejl för polisanmälan."), self
        )
        self.crime_note.setObjectName("crimeNote")
        self.layout_.addWidget(self.crime_note)
        self.layout_.addWidget(
            plain_label(
                self.tr(
                    "Kommentaren sparas som bevis innan något annat händer. Borttagningen diarieförs med "
                    "motiveringen, och det offentliga meddelandet köas i tråden."
                ),
                self,
            )
        )
        self.finish_layout()
        self.reasons.currentItemChanged.connect(self._reason_changed)
        suggested = items[0].suggested_reason if len(reasons) == 1 else None
        self.reasons.select_code(suggested or "personangrepp")
        # Each item its own reason (or refused): one reason, motivation and notice would mislead.
        for widget in (*headings, self.reasons, self.motivation, self.notice):
            widget.setVisible(not (self.each_own_reason or self.refused))
        self.ok.setEnabled(not self.refused)
        self.reasons.setFocus()

    def _notice_for(self, code: str) -> str:
        return self._notices.get(code) or REMOVAL_REASONS[code].notice

    def _reason_changed(self) -> None:
        code = self.reasons.code()
        reason = REMOVAL_REASONS.get(code or "")
        self.ok.setEnabled(reason is not None and not self.refused)
        if reason is not None and code is not None:
            self._follower.follow(reason.motivation)
            self._notice_shown = self._notice_for(code)
            self._notice_follower.follow(self._notice_shown)
        crime = bool(reason and reason.crime) or (
            self.each_own_reason
            and any(REMOVAL_REASONS[i.suggested_reason].crime for i in self.items if i.suggested_reason)
        )
        self.crime_note.setVisible(crime)

    def choice(self) -> tuple[str, str, str]:
        """(reason code, motivation, "hide" or "delete")."""
        mode = "delete" if self.delete_mode.isChecked() else "hide"
        return self.reasons.code() or "", self.motivation.toPlainText().strip(), mode

    def notice_text(self) -> str | None:
        """The notice as edited, or None when it is the reason's own (the service fills it in)."""
        text = self.notice.toPlainText().strip()
        return None if not text or text == self._notice_shown.strip() else text

    def reason_for(self, item_id: int) -> str | None:
        """Each item's own flag when the flags differ; None: the chosen reason for all."""
        if not self.each_own_reason:
            return None
        return next(i.suggested_reason for i in self.items if i.id == item_id)
