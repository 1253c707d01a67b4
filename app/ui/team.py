"""Who I am in the window (#14): my name and roles in the status bar, the queue on the accounts
I act on (the others read-only behind "Visa andra konton", for the roles that may read them),
the actions off on other accounts' items with the reason in their tooltip, the colleagues an
item can be handed over to, and Inställningar → Administratörer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.core_text import window_text
from app.ui.formatting import plain_tooltip

if TYPE_CHECKING:  # the window imports this module before the database layer has loaded
    from app.services.accounts.roles import Me
    from app.services.queue.shapes import ItemSummary
    from app.ui.main_window import MainWindow

Colleagues = dict[str, tuple[tuple[str, str], ...]]


def role_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "administrator": translate("TeamState", "administratör"),
        "registrator": translate("TeamState", "registrator"),
        "kommunikationschef": translate("TeamState", "kommunikationschef"),
        "forvaltningschef": translate("TeamState", "förvaltningschef"),
        "owner": translate("TeamState", "databasens ägare"),
    }


class TeamState(QObject):
    """Loaded when the database is attached and after the register changes (`reload`)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.me: Me | None = None
        self.colleagues: Colleagues = {}
        actions = window.moderation_actions.actions
        self._tips = {name: (act.toolTip(), act.statusTip()) for name, act in actions.items()}
        self.label = QLabel(window)
        self.label.setObjectName("whoami")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(self.tr("Inloggad som"))
        window.statusBar().addPermanentWidget(self.label)
        window.moderation_actions.colleagues = self._colleagues_for
        window.queue.current_changed.connect(lambda _item, _n: self.update_actions())

    def reload(self) -> None:
        db = self._window.db
        if db is None:
            return
        from app.services.accounts.administrators import AdministratorRegister

        register = AdministratorRegister(db.sessions)
        self._window.tasks.run(register.whoami_with_colleagues, on_done=self._arrived, key="whoami")

    def _arrived(self, result: tuple[Me, Colleagues]) -> None:
        me, self.colleagues = result
        self.me = me
        labels = role_labels()
        roles = ", ".join(labels.get(r, r) for r in me.roles)
        from app.services.accounts.identity import unregistered_name  # loaded by then (the result)

        name = me.name if me.administrator_id is not None else window_text(unregistered_name(me.username))
        self.label.setText(f"{name} ({roles})" if roles else name)
        accounts = ", ".join(key for _, key in me.accounts) or self.tr("inga")
        tip = self.tr("Inloggad som %1 i databasen (%2). Dina konton: %3")
        self.label.setToolTip(plain_tooltip(tip.replace("%1", me.username).replace("%2", me.backend)
                                            .replace("%3", accounts)))  # fmt: skip
        mine = tuple(key for _, key in me.accounts) if me.enforced else None
        self._window.queue.filter_bar.set_mine(mine, me.reads_other_accounts)
        self.update_actions()

    def _colleagues_for(self, items: list[ItemSummary]) -> tuple[tuple[str, str], ...]:
        """The colleagues every chosen item's account shares."""
        lists = [self.colleagues.get(i.account_key, ()) for i in items]
        if not lists:
            return ()
        return tuple(c for c in lists[0] if all(c in other for other in lists[1:]))

    def not_mine(self, items: list[ItemSummary]) -> list[str]:
        me = self.me
        if me is None or not me.enforced:
            return []
        mine = {key for _, key in me.accounts}
        return sorted({i.account_key for i in items if i.account_key not in mine})

    def update_actions(self) -> None:
        foreign = self.not_mine(self._window.queue.selected_items())
        why = ""
        if foreign:
            why = self.tr("Du administrerar inte %1 och kan bara läsa posten.").replace(
                "%1", ", ".join(foreign)
            )
        for name, act in self._window.moderation_actions.actions.items():
            act.setEnabled(not foreign)
            tooltip, status_tip = self._tips[name]
            act.setToolTip(why or tooltip)
            act.setStatusTip(why or status_tip)


def _administrators(window: MainWindow) -> QWidget:
    """The dialog, imported when first opened (not while the queue's first page loads)."""
    if window.db is None:
        return QLabel()
    from app.ui.settings.administrators_dialog import AdministratorsDialog

    return AdministratorsDialog(window.db.sessions, window.tasks, window.team, window)


def install(window: MainWindow) -> TeamState:
    state: TeamState | None = getattr(window, "team", None)
    if state is None:
        state = TeamState(window)
        window.team = state
        window.add_view(
            "installningar", QCoreApplication.translate("TeamViews", "Administratörer…"), _administrators
        )
    state.reload()
    return state
