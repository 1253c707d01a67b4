"""The roles' remaining duties (#14), on SQLite and the real PostgreSQL: screenshots (the
kommunikationschef and the account's own administrators), statistics (förvaltningschef,
kommunikationschef), the register's texts (förvaltningschef), the shared settings (förvaltningschef,
kommunikationschef), and reading records and evidence (registrator and kommunikationschef: every
account; an administrator: their own). A refusal is a Swedish Forbidden (exit 2 on the command
line), changes nothing, and is an audit event."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import Forbidden
from app.models import Account, AuditEvent, Screenshot, Setting
from app.services.accounts.accounts import AccountService
from app.services.accounts.administrators import AdministratorRegister
from app.services.accounts.register import AccountRegister
from app.services.accounts.roles import READ_STATISTICS, Duty, require
from app.services.context import Actor
from app.services.intake.rule_lists import RuleListService
from app.services.mail import MailSettings, MailSettingsService
from app.services.moderation.facade import ModerationService
from app.services.moderation.gallring import GallringService
from app.services.records.archive import ArchiveFilter, ArchiveService
from app.services.records.audit_verify import verify_chain
from app.services.records.packages import EvidencePackager
from app.services.screenshots.schedule import ScreenshotService
from tests.helpers.databases import sessions_as
from tests.helpers.screens import png_of
from tests.helpers.workflow import make_item

CHEF, ANNA, BO, RUT, KIM = "rd_chef", "rd_anna", "rd_bo", "rd_rut", "rd_kim"


@pytest.fixture
def team(database, monkeypatch):
    """chef (förvaltningschef), anna (administrator on fb), bo (administrator on yt), rut
    (registrator), kim (kommunikationschef); one removed item on fb and one on yt."""
    s = database.sessions
    fb_item, yt_item = make_item(s, account="fb"), make_item(s, account="yt")
    AdministratorRegister(s).add(CHEF, "Cecilia Chef", roles=("förvaltningschef",))
    people: dict[str, object] = {}

    def as_(who: str):  # noqa: ANN202 - a sessionmaker
        """The database as `who` reaches it (their login role on PostgreSQL, GRANSKA_USER on SQLite)."""
        monkeypatch.setenv("GRANSKA_USER", who)
        if who not in people:
            people[who] = sessions_as(s, who)
        return people[who]

    chef = as_(CHEF)
    for who, name, role in ((ANNA, "Anna", "administrator"), (BO, "Bo", "administrator"),
                            (RUT, "Rut", "registrator"), (KIM, "Kim", "kommunikationschef")):  # fmt: skip
        AdministratorRegister(chef).add(who, name, roles=(role,))
    AccountService(chef).assign("fb", ANNA)
    AccountService(chef).assign("yt", BO)
    ModerationService(as_(ANNA), actor=Actor(ANNA)).remove(fb_item, "personangrepp")
    ModerationService(as_(BO), actor=Actor(BO)).remove(yt_item, "personangrepp")
    return database, as_, {"fb": fb_item, "yt": yt_item}


def _refusals(db) -> list[tuple[str, str]]:
    with db.sessions() as s:
        rows = s.execute(
            select(AuditEvent.actor, AuditEvent.details)
            .where(AuditEvent.action == "refused")
            .order_by(AuditEvent.id)
        )
        return [(actor, details["duty"]) for actor, details in rows]


def _counts(db) -> tuple:
    with db.sessions() as s:
        return (
            s.scalar(select(func.count()).select_from(Screenshot)),
            tuple(s.execute(select(Setting.key, Setting.value).order_by(Setting.key))),
            tuple(s.execute(select(Account.key, Account.name, Account.purpose).order_by(Account.key))),
            tuple(s.execute(select(Account.key, Account.screenshot_interval_days).order_by(Account.key))),
        )


def test_screenshots_are_the_kommunikationschefs_and_the_accounts_own_administrators(team, tmp_path):
    db, as_, _ = team
    png = png_of((200, 10, 10))
    before = _counts(db)
    for who, key in ((RUT, "fb"), (CHEF, "fb"), (BO, "fb"), (ANNA, "yt"), ("rd_mallory", "fb")):
        service = ScreenshotService(as_(who), Actor(who))
        with pytest.raises(
            Forbidden, match=rf"Du \({who}.*får inte ta, arkivera eller skicka skärmdumpar av kontot {key}"
        ):
            service.require_screenshots([key])  # before anything is grabbed
        with pytest.raises(Forbidden):
            service.file_screenshot(key, png)
        with pytest.raises(Forbidden):
            service.set_interval(key, 30)
    assert _counts(db) == before
    assert _refusals(db) == [
        (w, "screenshots") for w in (RUT, CHEF, BO, ANNA, "rd_mallory") for _ in range(3)
    ]

    fb_shot = ScreenshotService(as_(ANNA), Actor(ANNA)).file_screenshot("fb", png)
    yt_shot = ScreenshotService(as_(KIM), Actor(KIM)).file_screenshot("yt", png)
    assert (fb_shot.taken_by, yt_shot.taken_by) == (ANNA, KIM)
    mail = MailSettingsService(as_(KIM))
    with pytest.raises(Forbidden, match="skärmdumpar av kontot yt"):  # anna may send fb's, not yt's
        from app.services.screenshots.mail import ScreenshotMail

        ScreenshotMail(ScreenshotService(as_(ANNA), Actor(ANNA)), mail).save_eml(
            [fb_shot.id, yt_shot.id], tmp_path / "a.eml", "kim@example.se", record_as_sent=True
        )
    assert not (tmp_path / "a.eml").exists()
    with pytest.raises(Forbidden):
        ScreenshotService(as_(RUT), Actor(RUT)).mark_sent([fb_shot.id], "kim@example.se")
    ScreenshotMail(ScreenshotService(as_(KIM), Actor(KIM)), mail).save_eml(
        [fb_shot.id, yt_shot.id], tmp_path / "k.eml", "kim@example.se", record_as_sent=True
    )
    shots = ScreenshotService(as_(KIM), Actor(KIM)).list_screenshots()
    assert {s.sent_to for s in shots} == {"kim@example.se"}
    with db.sessions() as s:
        assert verify_chain(s).intact


def test_statistics_are_read_by_the_forvaltningschef_and_the_kommunikationschef(team):
    db, as_, _ = team
    assert READ_STATISTICS is Duty.READ_STATISTICS
    for who in (CHEF, KIM):
        assert require(as_(who), READ_STATISTICS, Actor(who)).username.casefold() == who
    for who in (ANNA, RUT):
        with pytest.raises(Forbidden, match=rf"Du \({who}, .*\) får inte läsa statistiken"):
            require(as_(who), READ_STATISTICS, Actor(who))
    assert _refusals(db) == [(ANNA, "read_statistics"), (RUT, "read_statistics")]


def test_the_register_texts_are_the_forvaltningschefs(team):
    db, as_, _ = team
    before = _counts(db)
    for who in (ANNA, KIM, RUT):
        as_(who)
        with pytest.raises(Forbidden, match="får inte ändra kontoregistrets texter"):
            AccountRegister(as_(who)).update("fb", name="Kapad", purpose="x")
    assert _counts(db) == before
    assert AccountRegister(as_(CHEF)).update("fb", purpose="Kommunens sida").purpose == "Kommunens sida"
    assert _refusals(db) == [(ANNA, "edit_register"), (KIM, "edit_register"), (RUT, "edit_register")]


def test_settings_are_the_forvaltningschefs_and_the_kommunikationschefs(team):
    db, as_, _ = team
    before = _counts(db)
    for who in (ANNA, RUT):
        with pytest.raises(Forbidden, match="får inte ändra Granskas gemensamma inställningar"):
            as_(who)
            MailSettingsService(as_(who)).save(
                MailSettings(host="smtp.evil.example", sender="x@evil.example")
            )
        with pytest.raises(Forbidden):
            GallringService(as_(who), Actor(who)).set_age_days(1)
        with pytest.raises(Forbidden):
            RuleListService(as_(who), Actor(who)).save_list("personangrepp", ["hej"])
    assert _counts(db) == before
    assert len(_refusals(db)) == 6
    as_(KIM)
    MailSettingsService(as_(KIM)).save(MailSettings(host="smtp.example.se", sender="granska@example.se"))
    GallringService(as_(CHEF), Actor(CHEF)).set_age_days(400)
    assert GallringService(as_(CHEF), Actor(CHEF)).age_days() == 400


def test_records_and_evidence_are_read_by_the_registrator_the_kommunikationschef_and_their_own_administrator(
    team, tmp_path
):
    db, as_, items = team
    for who in (RUT, KIM):
        archive = ArchiveService(as_(who), Actor(who))
        assert {e.account_key for e in archive.search(ArchiveFilter())} == {"fb", "yt"}
        assert archive.detail(items["yt"]) is not None
    anna = ArchiveService(as_(ANNA), Actor(ANNA))
    assert [e.account_key for e in anna.search(ArchiveFilter())] == ["fb"] and anna.count(
        ArchiveFilter()
    ) == 1
    with pytest.raises(
        Forbidden, match=rf"Du \({ANNA}, administratör\) får inte läsa poster och bevis på kontot yt"
    ):
        anna.detail(items["yt"])
    with pytest.raises(Forbidden):
        EvidencePackager(as_(ANNA), Actor(ANNA)).build([items["fb"], items["yt"]], tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists()
    with pytest.raises(Forbidden):  # the förvaltningschef reads statistics, not evidence
        ArchiveService(as_(CHEF), Actor(CHEF)).detail(items["fb"])
    assert ArchiveService(as_(CHEF), Actor(CHEF)).search(ArchiveFilter()) == []
    assert _refusals(db) == [(ANNA, "read"), (ANNA, "read"), (CHEF, "read")]
    built = EvidencePackager(as_(RUT), Actor(RUT)).build([items["fb"], items["yt"]], tmp_path / "rut.zip")
    assert built.items == 2
    assert EvidencePackager(as_(ANNA), Actor(ANNA)).build([items["fb"]], tmp_path / "anna.zip").items == 1
    with db.sessions() as s:
        assert verify_chain(s).intact
