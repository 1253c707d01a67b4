from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import func, select

from app.models import Decision, Item, Notice, Registration
from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from app.services.queue.listing import QueueFilter, QueueService
from app.ui.queue.action_dialogs import RegisterDialog, TemplateTextDialog
from app.ui.queue.model import Column
from app.ui.queue.remove_dialog import RemoveDialog
from app.ui.window_state import settings_path
from tests.helpers.ui import open_window, rows, wait_loaded


@pytest.fixture
def demo(sqlite_db):
    load_demo(sqlite_db.sessions, 200)
    return sqlite_db


@pytest.fixture
def moderation(demo):
    return ModerationService(demo.sessions, actor=Actor(username="sofia"))


class HeldModeration(ModerationService):
    """The real service, whose Keep waits until the test lets it go (a slow database)."""

    def __init__(self, sessions, gate: threading.Event) -> None:
        super().__init__(sessions, actor=Actor(username="sofia"))
        self.gate = gate
        self.entered = threading.Event()

    def keep(self, item_id):
        self.entered.set()
        if not self.gate.wait(timeout=30):
            raise RuntimeError("the test never opened the gate")
        return super().keep(item_id)


def status_of(db, item_id):
    with db.sessions() as session:
        return session.get(Item, item_id).status


def key(qtbot, window, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.queue.table, k, modifier)


def test_opens_on_demo_data_with_the_first_item_selected_and_shown(qtbot, demo, moderation):
    window = open_window(qtbot, demo, moderation)
    service = QueueService(demo.sessions)
    first = service.page(QueueFilter(statuses=("new",)), limit=1)[0]
    assert window.queue.current_item().id == first.id
    assert window.detail.text.text() == first.text
    counts = service.queue_counts(QueueFilter())
    assert window.queue.counts == counts
    assert window.queue.tabs.tabText(0).replace("\u00a0", "").endswith(str(counts["new"]))
    assert window.queue.model.rowCount() == min(100, counts["new"])


def decisions(db, item_id):
    with db.sessions() as session:
        return session.execute(
            select(Decision.action, Decision.reason_code, Decision.decided_by).where(
                Decision.item_id == item_id
            )
        ).all()


def test_keys_drive_triage_end_to_end_with_the_real_service(qtbot, demo, moderation):
    window = open_window(qtbot, demo, moderation)
    table = window.queue.table
    key(qtbot, window, Qt.Key.Key_J)
    assert table.currentIndex().row() == 1
    key(qtbot, window, Qt.Key.Key_K)
    assert table.currentIndex().row() == 0

    # Ctrl+2: the flagged queue. R opens Remove with the flag's suggested reason; Enter confirms.
    key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    wait_loaded(qtbot, window)
    flagged_before = window.queue.counts["flagged"]
    target = window.queue.current_item()
    second = window.queue.model.summary(1)
    key(qtbot, window, Qt.Key.Key_R)
    dialog = window.moderation_actions.dialog
    assert isinstance(dialog, RemoveDialog)
    assert dialog.reasons.code() == target.suggested_reason
    assert dialog.motivation.toPlainText()  # pre-filled from the reason's template
    qtbot.keyClick(dialog.reasons, Qt.Key.Key_Return)
    wait_loaded(qtbot, window)
    # Demo items have no connector: the removal is done by hand and waits in "pending".
    assert status_of(demo, target.id) == "remove_by_hand"
    assert decisions(demo, target.id) == [("remove", target.suggested_reason, "sofia")]
    assert window.queue.model.row_of(target.id) is None  # left the flagged queue
    assert window.queue.current_item().id == second.id  # and the next item is up
    assert window.queue.counts["flagged"] == flagged_before - 1
    assert window.queue.counts["pending"] == 1

    # D, then the letter of a criterion, then Enter.
    target = window.queue.current_item()
    key(qtbot, window, Qt.Key.Key_D)
    dialog = window.moderation_actions.dialog
    assert isinstance(dialog, RegisterDialog)
    codes = [dialog.criteria.item(r).data(Qt.ItemDataRole.UserRole) for r in range(dialog.criteria.count())]
    qtbot.keyClick(dialog.criteria, dialog.criteria.keys[codes.index("sarskilt-intresse")])
    assert dialog.criteria.code() == "sarskilt-intresse"
    motivation = dialog.motivation.toPlainText()
    assert motivation  # the criterion's explanation, to edit
    qtbot.keyClick(dialog.criteria, Qt.Key.Key_Return)
    wait_loaded(qtbot, window)
    with demo.sessions() as session:
        registration = session.scalars(select(Registration).where(Registration.item_id == target.id)).one()
    assert (registration.criterion, registration.motivation) == ("sarskilt-intresse", motivation)
    assert "Diarieförd" in window.statusBar().currentMessage()

    # O keeps without a dialog.
    target = window.queue.current_item()
    key(qtbot, window, Qt.Key.Key_O)
    wait_loaded(qtbot, window)
    assert status_of(demo, target.id) == "kept"

    # A answers with a saved reply, addressed to the author by first name.
    key(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    wait_loaded(qtbot, window)
    target = window.queue.current_item()
    key(qtbot, window, Qt.Key.Key_A)
    dialog = window.moderation_actions.dialog
    assert isinstance(dialog, TemplateTextDialog)
    text = dialog.text.toPlainText()
    assert text.startswith(f"Hej {target.author_name.split()[0]}!")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)  # Enter in the text box sends
    wait_loaded(qtbot, window)
    # Demo accounts have no connector: decided, but answered only once posted by hand.
    assert status_of(demo, target.id) == "answer_pending"
    with demo.sessions() as session:
        notice = session.scalars(select(Notice).where(Notice.item_id == target.id)).one()
    assert notice.text == text  # the service put the same name in as the dialog showed

    # Back on the answered item (it waits on the platform), the detail pane shows what was done.
    key(qtbot, window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    wait_loaded(qtbot, window)
    window.queue.select_row(window.queue.model.row_of(target.id))
    qtbot.waitUntil(lambda: window.detail.data is not None and window.detail.data.detail.item.id == target.id)
    history = window.detail.history.text()
    assert "Sofia Löf: Svar beslutat" in history and "Svar ska publiceras för hand" in history


def all_decisions(db):
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Decision))


def test_escape_cancels_and_nothing_changes(qtbot, demo, moderation):
    window = open_window(qtbot, demo, moderation)
    target = window.queue.current_item()
    key(qtbot, window, Qt.Key.Key_R)
    dialog = window.moderation_actions.dialog
    qtbot.keyClick(dialog.reasons, Qt.Key.Key_Escape)
    wait_loaded(qtbot, window)
    assert window.moderation_actions.dialog is None
    assert decisions(demo, target.id) == [] and status_of(demo, target.id) == "new"


def test_multi_selection_applies_one_action_to_all(qtbot, demo, moderation):
    window = open_window(qtbot, demo, moderation)
    table = window.queue.table
    chosen = [window.queue.model.item_id(r) for r in range(3)]
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert "3 poster markerade" in window.detail.placeholder.text()
    key(qtbot, window, Qt.Key.Key_O)
    box = window.moderation_actions.dialog
    assert isinstance(box, QMessageBox) and "3 poster" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    wait_loaded(qtbot, window)
    assert [status_of(demo, i) for i in chosen] == ["kept"] * 3
    assert all(window.queue.model.row_of(i) is None for i in chosen)


def test_an_item_decided_elsewhere_is_reported_not_lost(qtbot, demo, moderation):
    window = open_window(qtbot, demo, moderation)
    target = window.queue.current_item()
    ModerationService(demo.sessions, actor=Actor(username="erik")).keep(target.id)  # faster
    key(qtbot, window, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: getattr(window, "last_error", None) is not None)
    assert "Redan avgjord" in window.last_error.text()
    assert window.last_error.textFormat() == Qt.TextFormat.PlainText


def test_filters_and_search_return_the_right_rows(qtbot, demo, moderation):
    window = open_window(qtbot, demo, moderation)
    bar = window.queue.filter_bar
    service = QueueService(demo.sessions)
    qtbot.keyClicks(bar.search, "simhall")  # the last word is a prefix: results follow typing
    wait_loaded(qtbot, window)
    shown = rows(window)
    expected = service.page(QueueFilter(statuses=("new",), search="simhall"))
    assert shown and [r.id for r in shown] == [e.id for e in expected]
    assert all("simhall" in (r.text + r.author_name).lower() for r in shown)

    bar.account.setCurrentIndex(bar.account.findData("youtube"))
    wait_loaded(qtbot, window)
    assert all(r.account_key == "youtube" for r in rows(window))
    assert window.queue.counts == service.queue_counts(
        QueueFilter(account_keys=("youtube",), search="simhall")
    )

    bar.reset()
    bar.flag.setCurrentIndex(bar.flag.findData("reklam"))
    window.queue.tabs.setCurrentIndex(1)
    wait_loaded(qtbot, window)
    assert rows(window) and all(r.suggested_reason == "reklam" for r in rows(window))
    bar.status.setCurrentIndex(bar.status.findData("kept"))  # outside the flagged queue: empty
    wait_loaded(qtbot, window)
    assert rows(window) == [] and "Inga poster" in window.detail.placeholder.text()


def test_typing_in_the_search_box_does_not_trigger_actions(qtbot, demo, moderation):
    window = open_window(qtbot, demo, moderation)
    key(qtbot, window, Qt.Key.Key_Slash)
    assert window.queue.filter_bar.search.hasFocus()
    qtbot.keyClicks(window.queue.filter_bar.search, "rodna")
    wait_loaded(qtbot, window)
    assert window.queue.filter_bar.search.text() == "rodna"
    assert window.moderation_actions.dialog is None and all_decisions(demo) == 0


def test_a_slow_service_call_does_not_freeze_the_window(qtbot, demo):
    gate = threading.Event()
    moderation = HeldModeration(demo.sessions, gate)
    window = open_window(qtbot, demo, moderation)
    target = window.queue.current_item()
    key(qtbot, window, Qt.Key.Key_O)
    assert moderation.entered.wait(5)
    # While the service call hangs, the window keeps working: search, move, progress shown.
    qtbot.keyClicks(window.queue.filter_bar.search, "tack")
    wait_loaded_except_writes(qtbot, window)
    assert all("tack" in r.text.lower() for r in rows(window))
    qtbot.waitUntil(lambda: window.tasks._indicator.isVisible())
    gate.set()
    qtbot.waitUntil(window.tasks.is_idle)
    assert status_of(demo, target.id) == "kept"


def wait_loaded_except_writes(qtbot, window):
    qtbot.waitUntil(
        lambda: (
            not window.queue.model.loading
            and not window.queue.filter_bar._search_timer.isActive()
            and window.queue.model.queue_filter.search == "tack"
        )
    )
    qtbot.waitUntil(lambda: all(t.write for t in window.tasks.running))


def test_window_state_is_remembered_in_the_users_config_folder(qtbot, demo, moderation, tmp_path):
    window = open_window(qtbot, demo, moderation)
    window.queue.tabs.setCurrentIndex(2)
    qtbot.keyClicks(window.queue.filter_bar.search, "simhallen")
    window.queue.filter_bar.platform.setCurrentIndex(window.queue.filter_bar.platform.findData("facebook"))
    window.queue.table.horizontalHeader().resizeSection(Column.AUTHOR, 211)
    window.splitter.setSizes([700, 580])
    sizes = window.splitter.sizes()
    wait_loaded(qtbot, window)
    window.close()
    assert settings_path().is_file()
    assert str(settings_path()).startswith(str(tmp_path.parent)) or "pytest" in str(settings_path())

    again = open_window(qtbot, demo, moderation)
    assert again.queue.tabs.currentIndex() == 2
    assert again.queue.filter_bar.search.text() == "simhallen"
    assert again.queue.filter_bar.platform.currentData() == "facebook"
    assert again.queue.table.horizontalHeader().sectionSize(Column.AUTHOR) == 211
    assert all(abs(a - b) <= 2 for a, b in zip(again.splitter.sizes(), sizes, strict=True))
    assert again.queue.model.queue_filter.search == "simhallen"


def test_help_overlay_lists_the_keys(qtbot, demo, moderation):
    window = open_window(qtbot, demo, moderation)
    qtbot.keyClick(window.queue.table, "?")
    assert window.help_overlay.isVisible()
    texts = [w.text() for w in window.help_overlay.findChildren(QWidget) if hasattr(w, "text")]
    for expected in ("R", "D", "N", "O", "A", "J / ↓", "K / ↑"):
        assert expected in texts
    qtbot.keyClick(window.help_overlay, Qt.Key.Key_R)  # any key closes it, and does nothing else
    assert not window.help_overlay.isVisible()
    assert window.moderation_actions.dialog is None


def test_other_views_hook_into_the_menus(qtbot, demo, moderation):
    window = open_window(qtbot, demo, moderation)
    opened = []

    def factory(w):
        opened.append(w)
        view = QWidget()
        view.setObjectName("auditView")
        return view

    action = window.add_view("verktyg", "Granskningslogg", factory)
    assert action in window.menus["verktyg"].actions()
    assert all(a.isEnabled() for a in window.menus["verktyg"].actions())  # placeholder gone
    action.trigger()
    action.trigger()
    assert opened == [window]  # built once, raised again
    view = window.findChild(QWidget, "auditView")
    assert view.isWindow() and view.isVisible() and view.windowTitle() == "Granskningslogg"


def test_before_anything_is_chosen_the_detail_pane_asks_for_a_choice_not_says_the_queue_is_empty(
    qtbot, demo, moderation
):
    """E.g. a window that started behind another one: the table never got the focus that picks
    the first row, and the queue is reloaded (a sync, a filter) with nothing chosen."""
    window = open_window(qtbot, demo, moderation)
    window.queue.table.clearFocus()
    window.queue.table.selectionModel().clear()
    window.refresh_queue()
    wait_loaded(qtbot, window)
    assert window.queue.model.rowCount() > 0 and window.queue.current_item() is None
    assert window.detail.placeholder.text() == "Välj en post i listan för att se hela texten."


def test_a_reload_keeps_the_item_the_administrator_is_on(qtbot, demo, moderation):
    """A scheduled sync ends with a reload of the queue: it must not take the reader's place."""
    window = open_window(qtbot, demo, moderation)
    window.queue.select_row(3)
    chosen = window.queue.current_item()
    window.refresh_queue()
    wait_loaded(qtbot, window)
    assert window.queue.current_item() == chosen
