"""The main window's menus, toolbar and keyboard actions, and the hook other views use to get a
menu entry (`add_view`). Built once by MainWindow; the actions live on the window
(`window.next_action`, `window.menus["verktyg"]`, `window.toolbar`) so its shortcuts work
wherever the focus is in it.

The strings keep the translation context "MainWindow": they are the main window's words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QSizePolicy, QToolBar, QWidget

from app.services.queue.shapes import QUEUES
from app.ui.accessibility import place_view, release_tab, view_title
from app.ui.icons import icon
from app.ui.queue.action_table import all_actions
from app.ui.translations import LANGUAGES, SETTING
from app.ui.window_state import user_settings
from app.version import APP_NAME, __version__

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

translate = QCoreApplication.translate


def window_action(
    window: MainWindow,
    text: str,
    slot: Callable[[], Any],
    shortcuts: list[str] | None = None,
    icon_name: str | None = None,
) -> QAction:
    """An action of the whole window: its shortcut works wherever the focus is in it."""
    act = QAction(icon(icon_name or ""), text, window)
    if shortcuts:
        act.setShortcuts([QKeySequence(s) for s in shortcuts])
    act.triggered.connect(lambda _checked=False: slot())
    window.addAction(act)
    return act


def build_navigation(window: MainWindow) -> None:
    queue = window.queue
    window.next_action = window_action(
        window, translate("MainWindow", "Nästa post"), lambda: queue.move(1), ["J"], "action-next"
    )
    window.previous_action = window_action(
        window, translate("MainWindow", "Föregående post"), lambda: queue.move(-1), ["K"], "action-previous"
    )
    window.next_action.setToolTip(translate("MainWindow", "Nästa post (J)"))
    window.previous_action.setToolTip(translate("MainWindow", "Föregående post (K)"))
    window.search_action = window_action(
        window, translate("MainWindow", "Sök"), window.focus_search, ["/", "Ctrl+F"], "action-search"
    )
    window.reload_action = window_action(
        window, translate("MainWindow", "Läs in kön igen"), window.refresh_queue, ["F5"], "action-refresh"
    )
    window.help_action = window_action(
        window, translate("MainWindow", "Kortkommandon"), lambda: window.help_overlay.toggle(),
        ["?", "F1"], "action-help",
    )  # fmt: skip
    window.help_action.setToolTip(translate("MainWindow", "Kortkommandon (?)"))
    window.queue_actions = []
    for n, q in enumerate(QUEUES):
        act = window_action(window, "", lambda i=n: queue.tabs.setCurrentIndex(i), [f"Ctrl+{n + 1}"])
        act.setData(q.name)
        window.queue_actions.append(act)


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    titles = {  # key (for add_view) and title, in the menu bar's order
        "arkiv": translate("MainWindow", "&Arkiv"),
        "atgard": translate("MainWindow", "Å&tgärd"),
        "visa": translate("MainWindow", "&Visa"),
        "verktyg": translate("MainWindow", "Ver&ktyg"),
        "installningar": translate("MainWindow", "&Inställningar"),
        "hjalp": translate("MainWindow", "&Hjälp"),
    }
    window.menus = {key: bar.addMenu(title) for key, title in titles.items()}
    menus = window.menus
    quit_action = menus["arkiv"].addAction(translate("MainWindow", "Avsluta"))
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    for act in window.moderation_actions.actions.values():
        menus["atgard"].addAction(act)
    menus["atgard"].addSeparator()
    menus["atgard"].addAction(window.next_action)
    menus["atgard"].addAction(window.previous_action)
    visa = menus["visa"]
    for n, act in enumerate(window.queue_actions):
        act.setText(window.queue.tabs.tabText(n))
        visa.addAction(act)
    visa.addSeparator()
    visa.addAction(window.search_action)
    visa.addAction(window.reload_action)
    window.tools_placeholder = menus["verktyg"].addAction(translate("MainWindow", "(Inga verktyg än)"))
    window.tools_placeholder.setEnabled(False)
    language = menus["installningar"].addMenu(translate("MainWindow", "Språk"))
    group = QActionGroup(window)
    current = str(user_settings().value(SETTING, "auto"))
    for code, name in (("auto", translate("MainWindow", "Som datorn")), *LANGUAGES.items()):
        act = language.addAction(name)
        act.setCheckable(True)
        act.setChecked(code == current)
        act.setData(code)
        group.addAction(act)
    group.triggered.connect(lambda act: language_chosen(window, act))
    menus["hjalp"].addAction(window.help_action)
    about = menus["hjalp"].addAction(translate("MainWindow", "Om Granska"))
    about.triggered.connect(lambda _checked=False: show_about(window))


def build_toolbar(window: MainWindow) -> QToolBar:
    bar = QToolBar(translate("MainWindow", "Åtgärder"), window)
    bar.setObjectName("actionsToolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(20, 20))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for spec in all_actions():
        act = window.moderation_actions.actions[spec.action]
        bar.addAction(act)
        bar.widgetForAction(act).setAccessibleName(spec.text)
        if spec.group_end:
            bar.addSeparator()
    bar.addSeparator()
    bar.addAction(window.previous_action)
    bar.addAction(window.next_action)
    spacer = QWidget(bar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    bar.addAction(window.help_action)
    window.addToolBar(bar)
    return bar


# -- the hook for other views ---------------------------------------------------------------


def add_view(
    window: MainWindow,
    menu: str,
    title: str,
    factory: Callable[[MainWindow], QWidget],
    *,
    shortcut: str | None = None,
    icon_name: str | None = None,
) -> QAction:
    if menu == "verktyg" and window.tools_placeholder is not None:
        window.menus["verktyg"].removeAction(window.tools_placeholder)
        window.tools_placeholder = None
    act = QAction(icon(icon_name or ""), title, window)
    if shortcut:
        act.setShortcut(QKeySequence(shortcut))
    act.triggered.connect(lambda _checked=False: open_view(window, title, factory))
    target = window.menus[menu]
    if menu == "arkiv":
        target.insertAction(target.actions()[-1], act)  # above Avsluta
    else:
        target.addAction(act)
    return act


def open_view(window: MainWindow, title: str, factory: Callable[[MainWindow], QWidget]) -> QWidget:
    """The view for `title`, built the first time and shown again after that."""
    view = window.views.get(title)
    if view is None or not shiboken6.isValid(view):
        view = factory(window)
        view.setParent(window, view.windowFlags() | Qt.WindowType.Window)
        if not view.windowTitle() or view.windowTitle().endswith("…"):
            view.setWindowTitle(view_title(view.windowTitle() or title))
        release_tab(view)
        place_view(view, window)
        window.views[title] = view
    if isinstance(view, QDialog):
        view.open()
    else:
        view.show()
    view.raise_()  # reopened: back in front of the main window
    view.activateWindow()
    return view


# -- Inställningar and Hjälp ----------------------------------------------------------------


def language_chosen(window: MainWindow, act: QAction) -> None:
    """At once: the window is built again in the chosen language (app/ui/language_switch.py)."""
    from app.core.machine_policy import machine_policy
    from app.ui.language_switch import use_language
    from app.ui.translations import choose_language

    user_settings().setValue(SETTING, act.data())
    use_language(choose_language(str(act.data()), machine=machine_policy().language))


def show_about(window: MainWindow) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("MainWindow", "Om Granska"),
        translate(
            "MainWindow",
            "%s %s\nModereringskonsol för kommunens sociala medier, enligt "
            "Riktlinjer för sociala medier (KS/2017:253).",
        )
        % (APP_NAME, __version__),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()
