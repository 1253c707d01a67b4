from __future__ import annotations

import json
import uuid
from email import message_from_bytes, policy

import pytest

from app.services.accounts.credentials import CredentialStore
from app.services.mail import MailSettings, MailSettingsService
from app.services.screenshots.schedule import ScreenshotService
from app.ui.screenshots.view import ScreenshotsView
from tests.helpers.mailbox import Mailbox
from tests.helpers.screens import Clock, add_account, png_of, utc
from tests.helpers.ui import show_loaded

CHEF = "kommunikationschef@vadstena.se"


@pytest.fixture
def filed(sqlite_db):
    add_account(sqlite_db.sessions, "fb", url="https://facebook.com/vadstena")
    add_account(sqlite_db.sessions, "ig", "instagram", created="2026-05-01T10:00:00+00:00")
    add_account(sqlite_db.sessions, "yt", "youtube")
    clock = Clock(utc("2025-05-01T10:00:00+00:00"))
    service = ScreenshotService(sqlite_db.sessions, clock.actor())
    service.file_screenshot("yt", png_of((5, 5, 5), 64, 40))
    clock.now = utc("2026-03-01T10:00:00+00:00")
    service.file_screenshot("fb", png_of((9, 9, 9), 64, 40), note="<b>inte fet</b>")
    clock.now = utc("2026-06-01T10:00:00+00:00")
    return sqlite_db, clock


@pytest.fixture
def view(qtbot, filed):
    db, clock = filed
    store = CredentialStore(f"se.vadstena.Granska.test-{uuid.uuid4()}")
    return show_loaded(qtbot, ScreenshotsView(db.sessions, actor=clock.actor(), credentials=store))


def test_overview_puts_overdue_first_with_an_icon_and_words(view):
    keys = [view.overview.item(row, 0).text() for row in range(view.overview.rowCount())]
    assert keys == ["IG", "YT", "FB"]  # never taken since May; overdue since May; due next March
    ig_state, yt_state, fb_state = (view.overview.item(row, 4) for row in range(3))
    assert "försenad 31 dagar" in ig_state.text() and not ig_state.icon().isNull()
    assert "försenad 31 dagar" in yt_state.text()
    assert fb_state.text().startswith("om ") and fb_state.icon().isNull()
    assert view.reminder.text().startswith("2 konton ska fotograferas nu")


def test_gallery_filters_by_account_and_year_and_shows_notes_as_plain_text(qtbot, view):
    assert view.gallery.count() == 2
    view.year.setCurrentIndex(view.year.findData(2026))
    with qtbot.waitSignal(view.loaded):
        view.reload_gallery()
    assert view.gallery.count() == 1 and view.gallery.item(0).text().startswith("FB (Facebook)\n2026-03-01")
    assert not view.gallery.item(0).icon().isNull()
    view.overview.selectRow(1)  # YouTube: the gallery follows the chosen account
    qtbot.waitUntil(lambda: view.gallery.count() == 0)
    view.year.setCurrentIndex(0)
    with qtbot.waitSignal(view.loaded):
        view.reload_gallery()
    assert view.gallery.count() == 1 and view.gallery.item(0).text().startswith("YT (YouTube)")
    view.overview.selectRow(2)
    qtbot.waitUntil(
        lambda: view.gallery.count() == 1 and view.gallery.item(0).text().startswith("FB (Facebook)")
    )
    view.gallery.item(0).setSelected(True)
    assert "<b>inte fet</b>" in view.details.text()
    assert view.details.textFormat().name == "PlainText"


def test_export_and_the_years_record_from_the_view(qtbot, view, tmp_path):
    view.gallery.selectAll()
    with qtbot.waitSignal(view.status) as status:
        view.export_selected(str(tmp_path / "ut"))
    assert "2 skärmdumpar exporterade" in status.args[0]
    assert sorted(p.name for p in (tmp_path / "ut").glob("*.png")) == [
        "2025-yt-2025-05-01.png",
        "2026-fb-2026-03-01.png",
    ]
    view.year.setCurrentIndex(view.year.findData(2026))
    view.reload_gallery()
    qtbot.waitUntil(view.record.isEnabled)
    with qtbot.waitSignal(view.status) as status:
        view.write_record(str(tmp_path / "akt"))
    record = tmp_path / "akt" / "2026-skarmdumpar-sammanstallning.txt"
    assert str(record) in status.args[0] and "fb – FB" in record.read_text(encoding="utf-8")
    meta = json.loads((tmp_path / "akt" / "2026-fb-2026-03-01.json").read_text(encoding="utf-8"))
    assert meta["note"] == "<b>inte fet</b>"


def test_send_dialog_mails_the_selection_and_the_gallery_shows_it_sent(qtbot, view, filed):
    db, _clock = filed
    view.gallery.selectAll()
    with Mailbox() as box:
        MailSettingsService(db.sessions).save(
            MailSettings(
                host="127.0.0.1",
                port=box.port,
                security="none",
                sender="granska@vadstena.se",
                head_of_communications=CHEF,
            )
        )
        dialog = view.send_selected()
        qtbot.waitUntil(dialog.send_button.isEnabled)
        assert dialog.to.text() == CHEF
        with qtbot.waitSignal(dialog.sent) as sent, qtbot.waitSignal(view.loaded, timeout=10000):
            dialog.send_button.click()
    assert CHEF in sent.args[0]
    assert len(list(box.messages[0].iter_attachments())) == 2
    texts = [view.gallery.item(i).text() for i in range(view.gallery.count())]
    assert all(t.endswith("· skickad") for t in texts)


def test_without_smtp_the_send_dialog_saves_an_eml_and_can_record_it_sent(qtbot, view, tmp_path):
    view.gallery.item(0).setSelected(True)
    dialog = view.send_selected()
    qtbot.waitUntil(lambda: "Ingen e-postserver" in dialog.smtp_state.text())
    assert not dialog.send_button.isEnabled()
    dialog.to.setText(CHEF)
    dialog.mark_sent.setChecked(True)
    with qtbot.waitSignal(dialog.sent) as sent:
        dialog.save_eml(str(tmp_path / "brev"))
    assert "Noterad som skickad" in sent.args[0]
    message = message_from_bytes((tmp_path / "brev.eml").read_bytes(), policy=policy.default)
    assert message["To"] == CHEF
    assert view.service.list_screenshots("fb")[0].sent_to == CHEF


def test_a_bad_recipient_is_shown_in_the_dialog_and_nothing_recorded(qtbot, view, tmp_path):
    view.gallery.item(0).setSelected(True)
    dialog = view.send_selected()
    qtbot.waitUntil(lambda: bool(dialog.smtp_state.text()))
    dialog.to.setText("chef@vadstena.se\r\nBcc: alla@example.com")
    dialog.mark_sent.setChecked(True)
    dialog.save_eml(str(tmp_path / "brev.eml"))
    qtbot.waitUntil(lambda: "ogiltig" in dialog.problem.text())
    assert dialog.isVisible() and not (tmp_path / "brev.eml").exists()
    assert all(s.sent_to is None for s in view.service.list_screenshots())


def test_the_interval_is_changed_from_the_overview(qtbot, view):
    view.overview.selectRow(2)  # FB, photographed 2026-03-01

    def fb_row() -> tuple[str, str]:
        row = next(r for r in range(view.overview.rowCount()) if view.overview.item(r, 0).text() == "FB")
        return view.overview.item(row, 3).text(), view.overview.item(row, 4).text()

    assert fb_row()[0] == "2027-03-01"
    view.change_interval(30)
    qtbot.waitUntil(lambda: fb_row()[0] == "2026-03-31")
    assert "försenad" in fb_row()[1]
