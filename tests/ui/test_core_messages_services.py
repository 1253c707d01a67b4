"""Issue #15, English and one set of letters: what the services below (and a locked database)
say reaches the English window in English, and the Swedish window and the command line in
Swedish: watched hours, manual entry, connections and sign-in, token health, team credentials,
evidence packages and their verification, the audit witness, atomic_file and replace_file,
statistics, the sync and its summary line, the rule lists, the diarienummer import's cells and
conflicts, and the by-hand list's failed steps. Each message is taken as the window shows it:
an error through describe_error (what every dialog's message label and box shows), a status
through window_text, the by-hand list and the manual-entry dialog from their widgets."""

from __future__ import annotations

import re
import uuid
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from app.core.errors import EnvironmentFault, InputError
from app.services.accounts.accounts import AccountService
from app.services.accounts.connections import CredentialService
from app.services.accounts.credentials import CredentialStore
from app.services.accounts.loopback import LoopbackListener
from app.services.accounts.platforms import ConnectorRegistry
from app.services.accounts.sign_in import SignInService
from app.services.accounts.team_credentials import TeamCredentialStore
from app.services.accounts.token_health import TokenHealthService
from app.services.intake.rule_lists import clean_entries
from app.services.intake.sync import SyncService
from app.services.records.atomic_file import AtomicFile
from app.services.records.audit_witness import witness_from
from app.services.records.dnr_import import DnrConflict, clean_diarienummer
from app.services.records.package_verify import verify_package
from app.services.records.packages import EvidencePackager
from app.services.replace_file import replace_file
from app.services.stats.figures import StatisticsService
from app.services.stats.watched_hours import Promise, parse_clock
from app.ui.core_text import window_text
from app.ui.failures import describe_error
from app.ui.queue.by_hand_view import ByHandView
from app.ui.sync_action import summary
from app.ui.translations import install_translators
from tests.helpers.ui import show_loaded
from tests.helpers.workflow import ensure_account, make_item, service
from tests.ui.test_core_messages import ENGLISH
from tests.ui.test_language_walk import SWEDISH


def _refused(action) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(what the window shows, what the command line prints) for an action's refusal."""
    with pytest.raises((InputError, EnvironmentFault)) as refused:
        action()
    return describe_error(refused.value)[0], str(refused.value)


def _said(db, tmp_path, qtbot, platform, registry) -> tuple[dict[str, str], dict[str, str], set[str]]:  # type: ignore[no-untyped-def]
    """(shown, printed, the data among them) for one representative message of each module."""
    ensure_account(db.sessions, "fb")  # the intranet-like kind: no platform to fetch from
    AccountService(db.sessions).add_account("yt", "youtube", "Play")  # no client id, no token
    store = CredentialStore(f"se.vadstena.Granska.test-{uuid.uuid4()}")  # nothing asked of it here
    with zipfile.ZipFile(tmp_path / "bilaga.zip", "w") as z:
        z.writestr("hej.txt", "hej")
    source, folder = tmp_path / "ny.xlsx", tmp_path / "mapp"
    source.write_text("x")
    (folder / "inne").mkdir(parents=True)

    def cancelled_sign_in() -> None:
        with LoopbackListener("state") as listener:
            listener.wait(5, cancelled=lambda: True)

    actions = {
        "watched hours": lambda: parse_clock("25"),
        "connections": lambda: CredentialService(db.sessions, store=store).set_token("yt", " "),
        "sign-in": lambda: SignInService(db.sessions, store=store).begin("yt"),
        "sign-in cancelled": cancelled_sign_in,
        "team credentials": lambda: TeamCredentialStore(db.sessions, keyring=store).set("account:fb", "s"),
        "package": lambda: EvidencePackager(db.sessions).build([], tmp_path / "paket.zip"),
        "package verify": lambda: verify_package(tmp_path / "bilaga.zip"),
        "witness": lambda: witness_from("inget huvud"),
        "atomic file": lambda: AtomicFile(tmp_path / "saknas" / "logg.xlsx"),
        "replace file": lambda: replace_file(source, folder, delays=()),
        "statistics": lambda: StatisticsService(db.sessions).figures(date(2026, 5, 1), date(2026, 4, 1)),
        "sync": lambda: SyncService(db.sessions, ConnectorRegistry(lambda _a: None)).syncable("fb"),
        "rule list": lambda: clean_entries(["ord", "**"]),
        "dnr cell": lambda: clean_diarienummer(True),
    }
    shown: dict[str, str] = {}
    printed: dict[str, str] = {}
    for name, action in actions.items():
        shown[name], printed[name] = _refused(action)
    # A platform's temporary fault, as the sync and the connection test report it.
    AccountService(db.sessions).add_account("fbk", "facebook", "Kommunen")
    registry_with_token = ConnectorRegistry(lambda _a: "token")
    fbk = next(r for r in SyncService(db.sessions, registry_with_token).syncable() if r.key == "fbk")
    connector = registry_with_token.for_account(fbk)
    assert connector is not None
    fault = connector.error_by_status(503, "Service Unavailable")
    shown["platform"], printed["platform"] = describe_error(fault)[0], str(fault)
    # A sign-in the platform no longer honours (no refresh token left): no network needed.
    from app.connectors.oauth import StoredCredential, TokenEndpoint

    endpoint = TokenEndpoint("http://127.0.0.1:9/token", "id", who="Play (yt)", platform_label="YouTube")
    shown["revoked"], printed["revoked"] = _refused(
        lambda: endpoint.refresh(StoredCredential(access_token="a"), datetime.now(UTC))
    )
    # A database another program holds locked (the driver's own words are data).
    shown["database"], printed["database"] = _locked_database(tmp_path / "låst.db")
    # Said without an error: a promise, a credential's status, a token's health, a sync's line,
    # an import conflict.
    yt = next(
        r for r in SyncService(db.sessions, ConnectorRegistry(lambda _a: None)).syncable() if r.key == "yt"
    )
    result = SyncService(db.sessions, ConnectorRegistry(lambda _a: None)).sync_account(yt)
    said = {
        "promise": Promise(8.0).describe(),
        "credential status": CredentialService(db.sessions, store=store).status("fb").message,
        "token health": TokenHealthService(db.sessions, store).health("yt")[0].warning or "",
        "sync result": result.message,
        "dnr conflict": DnrConflict("Borttagna", 3, "", _dnr_reason()).said,
    }
    for name, text in said.items():
        shown[name], printed[name] = window_text(text), str(text)
    shown["sync summary"] = summary([result])
    # The by-hand list: a removal the platform refused (its own words are data).
    svc = service(db, connectors=registry)
    failing = make_item(db.sessions, "Jävla idioter", account="plat", api_base=platform.url)
    platform.fail_next("hide", 503)
    svc.remove(failing, "svordomar")
    view = show_loaded(qtbot, ByHandView(svc))
    row = next(r for r, t in enumerate(view.tasks_shown) if t.kind == "retry")
    shown["by hand"], printed["by hand"] = view.table.item(row, 4).text(), str(view.tasks_shown[row].why)
    error = view.tasks_shown[row].step.last_error if view.tasks_shown[row].step else None
    data = {str(folder), str(source), str(tmp_path), "Jävla idioter", "Play", "Borttagna", "fb", "yt"}
    data |= {error or "", "Is a directory", "inget huvud", "**", "database is locked", "Service Unavailable"}
    return shown, printed, data


def _locked_database(path: Path) -> tuple[str, str]:
    import sqlite3

    from app.models.db_errors import database_failure

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    waiting = sqlite3.connect(path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as locked:
            waiting.execute("CREATE TABLE t (x)")
    finally:
        waiting.close()
        holder.close()
    return describe_error(locked.value)[0], database_failure(locked.value)


def _dnr_reason() -> str:
    try:
        clean_diarienummer("x" * 200)
    except InputError as exc:
        return exc.args[0]  # the Message itself, as the import keeps it in the conflict
    raise AssertionError("a 200-character case number was accepted")


def _without(text: str, data: set[str]) -> str:
    for d in sorted(data, key=len, reverse=True):
        text = text.replace(d, "") if d else text
    return text


def test_the_services_speak_english_in_the_english_window(qtbot, sqlite_db, tmp_path, platform, registry):
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        shown, printed, data = _said(sqlite_db, tmp_path, qtbot, platform, registry)
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    swedish = {k: t for k, t in shown.items() if SWEDISH.search(_without(t, data))}
    assert swedish == {}
    assert shown["watched hours"] == "Unknown time '25': write e.g. 8, 08:00 or 16.30."
    assert shown["connections"] == "The token is empty: paste the token the platform gave you."
    assert shown["sign-in"].startswith("The account yt has no client id: register the municipality's own app")
    assert shown["sign-in cancelled"] == "The sign-in was cancelled; nothing was saved."
    assert shown["team credentials"].startswith("You must be an administrator of the account")
    assert shown["package"] == "Choose at least one item for the evidence package."
    assert shown["package verify"].endswith(
        "is not an evidence package from Granska (manifest.json is missing)."
    )
    assert shown["witness"] == "'inget huvud' is neither a log head (N:SHA-256) nor a file that exists."
    assert shown["atomic file"] == f"The folder {tmp_path / 'saknas'} does not exist."
    assert shown["replace file"].startswith(f"Cannot save {tmp_path / 'mapp'}: ")
    assert shown["statistics"] == "The period ends (2026-04-01) before it starts (2026-05-01)."
    assert shown["sync"].startswith("The account 'fb' (other) is not fetched from any platform")
    assert shown["rule list"].startswith("Line 2: '**' is not a valid entry")
    assert shown["dnr cell"].startswith("the cell was read as a date or a true/false value")
    assert (
        shown["promise"] == "weekdays 08–17 (not public holidays), an answer within 8 hours of watched time"
    )
    assert shown["credential status"] == "No platform to fetch from (import or manual entry)."
    assert shown["token health"] == "No sign-in is saved: sign in under Settings → Accounts."
    assert shown["sync result"] == "No token is saved for Play (yt): add it under Settings → Accounts."
    assert shown["sync summary"].startswith("Fetched: 0 new, 0 updated, 0 deleted by their authors. No token")
    assert (
        shown["dnr conflict"] == "Borttagna row 3 (no Rad-id): the case number is longer than 100 characters"
    )
    assert shown["by hand"].startswith("Removal on the platform: ")
    assert shown["platform"] == "Facebook has a temporary fault for Kommunen (fbk) (Service Unavailable)."
    assert shown["revoked"] == (
        "The sign-in for Play (yt) is no longer valid (revoked or expired at YouTube): "
        "sign in again under Settings → Accounts."
    )
    assert shown["database"] == (
        "The database could not be read or written: it is locked by another program (another Granska "
        "window or a tool that has the file open); try again when it is closed (database is locked). "
        "Nothing has been changed."
    )
    # The command line still speaks Swedish.
    assert printed["watched hours"] == "Okänd tid '25': skriv t.ex. 8, 08:00 eller 16.30."
    assert printed["promise"] == "vardagar 08–17 (ej helgdagar), svar inom 8 timmar under bevakningstid"
    assert (
        printed["sync result"]
        == "Ingen token är sparad för Play (yt): lägg till den under Inställningar → Konton."
    )
    assert printed["by hand"].startswith("Borttagning på plattformen: ")


def test_the_services_speak_swedish_in_the_swedish_window(qtbot, sqlite_db, tmp_path, platform, registry):
    shown, printed, data = _said(sqlite_db, tmp_path, qtbot, platform, registry)
    english = {k: t for k, t in shown.items() if k != "replace file" and ENGLISH.search(_without(t, data))}
    assert english == {}
    assert {k: t for k, t in shown.items() if k in printed and t != printed[k]} == {}  # as the CLI says it
    assert shown["sync summary"].startswith(
        "Hämtat: 0 nya, 0 uppdaterade, 0 raderade av författaren. Ingen token"
    )
    assert shown["dnr conflict"] == "Borttagna rad 3 (utan Rad-id): diarienumret är längre än 100 tecken"


# The modules above say every message through translate("Core", …): a plain string or f-string
# raised or returned as a message would reach the English window in Swedish again.
COVERED = [
    "app/connectors/common.py",
    "app/connectors/facebook.py",
    "app/connectors/http.py",
    "app/connectors/linkedin.py",
    "app/connectors/oauth.py",
    "app/connectors/x.py",
    "app/connectors/youtube.py",
    "app/models/db.py",
    "app/models/db_errors.py",
    "app/services/accounts/connections.py",
    "app/services/accounts/sign_in.py",
    "app/services/accounts/loopback.py",
    "app/services/accounts/token_health.py",
    "app/services/accounts/team_credentials.py",
    "app/services/intake/manual_entry.py",
    "app/services/intake/rule_lists.py",
    "app/services/intake/sync.py",
    "app/services/intake/sync_child.py",
    "app/services/intake/sync_process.py",
    "app/services/mail.py",
    "app/services/mail_errors.py",
    "app/services/records/atomic_file.py",
    "app/services/records/audit_witness.py",
    "app/services/records/dnr_import.py",
    "app/services/records/package_verify.py",
    "app/services/records/packages.py",
    "app/services/replace_file.py",
    "app/services/stats/figures.py",
    "app/services/stats/promises.py",
    "app/services/stats/watched_hours.py",
    "app/services/moderation/by_hand.py",
    "app/services/moderation/facade.py",
    "app/services/moderation/outcome.py",
    "app/services/moderation/reasons.py",
    "app/ui/report_pdf.py",
    "app/connectors/instagram.py",
    "app/core/errors.py",
    "app/services/moderation/escalation.py",
    "app/services/moderation/forward.py",
    "app/services/moderation/history.py",
    "app/services/moderation/notify.py",
    "app/services/moderation/outbox.py",
    "app/services/moderation/remove.py",
    "app/services/records/export.py",
    "app/services/stats/report_xlsx.py",
    "app/services/accounts/roles.py",
    "app/services/accounts/tokens.py",
    "app/services/moderation/gallring.py",
    "app/services/records/archive.py",
    "app/services/records/audit.py",
    "app/services/records/export_process.py",
    "app/services/records/removal_log.py",
    "app/services/screenshots/capture.py",
    "app/services/screenshots/schedule.py",
    "app/models/deferred_checks.py",
    "app/models/pg_timeouts.py",
    "app/services/accounts/credentials.py",
    "app/services/accounts/register.py",
    "app/services/offline/journal.py",
    "app/models/seal_fast.py",
    "app/models/seals.py",
    "app/services/records/audit_kinds.py",
    "app/services/records/audit_verify.py",
    "app/services/records/audit_chain.py",
    "app/services/records/audit_parallel.py",
    "app/services/records/audit_said.py",
    "app/services/records/audit_rows.py",
    "app/services/records/audit_walk.py",
    "app/services/records/audit_child.py",
    "app/core/seal_text.py",
    "app/services/offline/conflicts.py",
    "app/services/offline/replay.py",
]
# A Swedish sentence as a plain (f-)string: raised, a platform's result, or a step's reason that
# the window shows (a step that is done keeps its result for the record only). Raised texts in
# lower case, or that start with a value ("{type(exc).__name__}: …"), and a RuntimeError's, are
# our own bugs' words.
RAISED_AS_TEXT = re.compile(
    r"(?<!Runtime)(?:Error|Fault|Refused)\(\s*f?\"[^\"a-z{][^\"]*\""
    r"|PlatformResult\(\s*\w+,\s*f?\"[^\"]*\""
    r"|StepResult\(\s*(?:Outcome\.(?:RETRY|BLOCKED|MANUAL)|outcome),\s*f?\"[^\"]*\""
)


def test_the_covered_modules_raise_no_plain_swedish_text():
    root = Path(__file__).resolve().parents[2]
    plain = {p: RAISED_AS_TEXT.findall((root / p).read_text(encoding="utf-8")) for p in COVERED}
    assert {p: found for p, found in plain.items() if found} == {}


def test_the_manual_entry_dialog_refuses_in_the_windows_language(qtbot, sqlite_db):
    from app.services.accounts.register import AccountRegister
    from app.services.intake.manual_entry import ManualEntryService
    from app.ui.manual_entry_dialog import ManualEntryDialog

    AccountService(sqlite_db.sessions).add_account("intra", "intranet", "Internwebben")
    said = {}
    app = QCoreApplication.instance()
    for language in ("en", "sv"):
        installed = install_translators(app, "en") if language == "en" else []
        try:
            dialog = ManualEntryDialog(
                AccountRegister(sqlite_db.sessions), ManualEntryService(sqlite_db.sessions)
            )
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitUntil(lambda: dialog.account.count() == 1)  # noqa: B023
            dialog.url.setText("intranat.vadstena.se/nyheter/1")
            dialog.text.setPlainText("Varför stänger simhallen i april?")
            dialog.save()
            qtbot.waitUntil(lambda: bool(dialog.status.text()))  # noqa: B023
            said[language] = dialog.status.text()
            dialog.text.clear()
            dialog.save()  # and an empty text
            qtbot.waitUntil(lambda: dialog.status.text() != said[language])  # noqa: B023
            said[language + " empty"] = dialog.status.text()
            dialog.reject()
        finally:
            for translator in installed:
                app.removeTranslator(translator)
    assert said == {
        "en": "The link must be an http or https address: 'intranat.vadstena.se/nyheter/1'",
        "en empty": "Type in the text the item contained.",
        "sv": "Länken måste vara en http- eller https-adress: 'intranat.vadstena.se/nyheter/1'",
        "sv empty": "Skriv in texten som posten innehöll.",
    }
