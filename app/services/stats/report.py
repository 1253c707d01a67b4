"""The förvaltningschef's yearly evaluation ("Förvaltningschefen ansvarar för att närvaron i
sociala medier utvärderas"): per channel its purpose and tone, activity, response times against
its promise, removals by reason with the share registered, police-report escalations, the
year's screenshot (or that it is missing), its administrators, and what needs attention.

Built here as plain data and as Swedish HTML; app/ui/report_pdf.py lays the HTML out as a PDF
with Qt, report_xlsx.py writes the same tables as a workbook.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Screenshot
from app.services.accounts.platforms import platform_label
from app.services.context import Actor, acting
from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.stats.figures import StatisticsService
from app.services.stats.labels import hours_text, share_text
from app.services.stats.shapes import AccountFigures
from app.services.stats.watched_hours import STOCKHOLM

# Below this share of questions answered within the promise, the promise was not kept.
KEPT_SHARE = 0.9


@dataclass(frozen=True)
class YearScreenshot:
    id: int
    taken_at: datetime
    sha256: str
    png: bytes


@dataclass(frozen=True)
class Channel:
    figures: AccountFigures
    screenshot: YearScreenshot | None

    @property
    def title(self) -> str:
        return f"{self.figures.name} ({platform_label(self.figures.platform)})"


@dataclass(frozen=True)
class Report:
    year: int
    date_from: date
    date_to: date
    generated_at: datetime
    channels: tuple[Channel, ...]
    attention: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"Utvärdering av närvaron i sociala medier {self.year}"


def reason_label(code: str) -> str:
    reason = REMOVAL_REASONS.get(code)
    return reason.label if reason is not None else code


def criterion_label(code: str) -> str:
    if code == "removal":  # registered with a removal, not on a criterion of its own
        return "Borttagen kommentar"
    criterion = REGISTRATION_CRITERIA.get(code)
    return criterion.label if criterion is not None else code


def attention_points(channels: tuple[Channel, ...]) -> tuple[str, ...]:
    points = []
    for c in channels:
        a = c.figures
        if c.screenshot is None:
            points.append(f"{a.name}: ingen skärmdump av kontosidan under året.")
        elif a.screenshot_overdue:
            points.append(f"{a.name}: skärmdumpen är försenad (skulle ha tagits senast {a.screenshot_due}).")
        if a.too_few_administrators:
            count = len(a.administrators)
            points.append(
                f"{a.name}: {'ingen' if count == 0 else 'bara en'} administratör (minst två behövs)."
            )
        share = a.within_promise_share
        if a.promise.target_hours is None:
            points.append(f"{a.name}: inget svarslöfte med svarstid är angivet.")
        elif share is not None and share < KEPT_SHARE:
            points.append(
                f"{a.name}: svarslöftet hölls inte, {a.answered_within_promise} av {a.answered} frågor "
                f"({share_text(share)}) besvarades inom {hours_text(a.promise.target_hours)} bevakningstid."
            )
        if a.overdue_now:
            points.append(f"{a.name}: {a.overdue_now} frågor väntar fortfarande och är försenade.")
        if a.pending_steps:
            points.append(f"{a.name}: {a.pending_steps} steg väntar på plattformen eller på en person.")
    return tuple(points)


def build_report(sessions: sessionmaker[Session], year: int, actor: Actor | None = None) -> Report:
    now = acting(sessions, actor).now()
    today = now.astimezone(STOCKHOLM).date()
    date_from, date_to = date(year, 1, 1), min(date(year, 12, 31), max(today, date(year, 1, 1)))
    stats = StatisticsService(sessions, actor).figures(date_from, date_to)
    with sessions() as session:
        shots = {
            s.id: YearScreenshot(s.id, s.taken_at, s.sha256, s.png)
            for s in session.scalars(
                select(Screenshot).where(
                    Screenshot.id.in_([a.last_screenshot_id for a in stats.accounts if a.last_screenshot_id])
                )
            )
        }
    channels = tuple(
        Channel(a, shots.get(a.last_screenshot_id) if a.last_screenshot_id else None) for a in stats.accounts
    )
    return Report(year, date_from, date_to, now, channels, attention_points(channels))


# --- the document --------------------------------------------------------------------------

_STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #000; }
h1 { font-size: 18pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; margin-top: 14pt; border-bottom: 1px solid #444; }
h3 { font-size: 11pt; margin-top: 8pt; margin-bottom: 2pt; }
table { border-collapse: collapse; margin-top: 2pt; font-size: 9pt; }
th { background-color: #e6e6e6; text-align: left; font-weight: bold; }
td, th { border: 1px solid #888; padding: 3pt 5pt; }
td.n { text-align: right; }
.muted { color: #444; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value))


def _table(head: list[str], rows: list[list[Any]], numeric_from: int = 1) -> str:
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{_e(v)}</td>' if i >= numeric_from else f"<td>{_e(v)}</td>"
            for i, v in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return f'<table cellspacing="0" cellpadding="3" width="100%"><tr>{th}</tr>{body}</table>'


def summary_rows(report: Report) -> list[list[Any]]:
    rows = []
    for c in report.channels:
        a = c.figures
        shot = c.screenshot.taken_at.astimezone(STOCKHOLM).date().isoformat() if c.screenshot else "saknas"
        rows.append([
            c.title, a.items, a.questions, a.answered, hours_text(a.median_first_response_watched_hours),
            share_text(a.within_promise_share), a.removed, shot,
        ])  # fmt: skip
    return rows


SUMMARY_HEAD = [
    "Kanal",
    "Poster",
    "Frågor",
    "Besvarade",
    "Median svarstid*",
    "Inom löftet",
    "Borttagna",
    "Skärmdump",
]


def report_html(report: Report, image_name: Any = lambda shot_id: f"skarmdump-{shot_id}.png") -> str:
    """The evaluation as one HTML document; `image_name(id)` names each screenshot's image."""
    generated = report.generated_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
    parts = [
        f"<html><head><meta charset='utf-8'><title>{_e(report.title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{_e(report.title)}</h1>",
        f"<p class='muted'>Perioden {report.date_from} – {report.date_to}. "
        f"Sammanställd {generated} av Granska enligt Riktlinjer för sociala medier (KS/2017:253).</p>",
        "<h2>Sammanfattning</h2>",
        _table(SUMMARY_HEAD, summary_rows(report)),
        "<p class='muted'>* Median tid till första svar räknad i bevakningstid (kontots bevakade timmar; "
        "helgdagar räknas inte när kontot inte bevakas då).</p>",
        "<h2>Att åtgärda</h2>",
    ]  # fmt: skip
    if report.attention:
        parts.append("<ul>" + "".join(f"<li>{_e(p)}</li>" for p in report.attention) + "</ul>")
    else:
        parts.append("<p>Inget att åtgärda.</p>")
    for c in report.channels:
        parts.append(_channel_html(c, image_name))
    parts.append("</body></html>")
    return "\n".join(parts)


def _channel_html(c: Channel, image_name: Any) -> str:
    a = c.figures
    out = [f"<h2>{_e(c.title)}</h2>"]
    out.append(
        "<p><b>Syfte:</b> " + _e(a.purpose or "–") + "<br/><b>Ton:</b> " + _e(a.tone or "–")
        + "<br/><b>Svarslöfte:</b> " + _e(a.promise.describe()) + "</p>"
    )  # fmt: skip
    out.append("<h3>Aktivitet och svarstider</h3>")
    overdue = "–" if a.overdue_now is None else a.overdue_now
    rows: list[list[Any]] = [
        ["Poster", a.items], ["Frågor", a.questions], ["Besvarade frågor", a.answered],
        ["Median tid till första svar (kalendertid)", hours_text(a.median_first_response_hours)],
        ["Median tid till första svar (bevakningstid)", hours_text(a.median_first_response_watched_hours)],
        ["90:e percentilen (bevakningstid)", hours_text(a.p90_first_response_watched_hours)],
        ["Besvarade inom löftet", "–" if a.answered_within_promise is None
         else f"{a.answered_within_promise} av {a.answered} ({share_text(a.within_promise_share)})"],
        ["Frågor som väntar nu / varav försenade", f"{a.waiting_now} / {overdue}"],
        ["Vidarebefordrade / överlämnade", f"{a.forwards} / {a.hand_overs}"],
    ]  # fmt: skip
    out.append(_table(["Mått", "Värde"], rows))
    out.append("<h3>Borttagna kommentarer per skäl</h3>")
    if a.removed_by_reason:
        removal_rows = [[reason_label(k), v] for k, v in sorted(a.removed_by_reason.items())]
        removal_rows.append(["Totalt", a.removed])
        out.append(_table(["Skäl", "Antal"], removal_rows))
        share = a.removed_registered / a.removed if a.removed else None
        out.append(f"<p>Diarieförda av de borttagna: {a.removed_registered} ({share_text(share)}).</p>")
    else:
        out.append("<p>Inga kommentarer togs bort.</p>")
    if a.registered_by_criterion:
        registered = ", ".join(
            f"{criterion_label(k)}: {v}" for k, v in sorted(a.registered_by_criterion.items())
        )
        out.append(f"<p><b>Diarieföringar per kriterium:</b> {_e(registered)}</p>")
    out.append(f"<p><b>Eskalerade för polisanmälan:</b> {a.police_reports}</p>")
    out.append("<h3>Årets skärmdump av kontosidan</h3>")
    if c.screenshot is not None:
        taken = c.screenshot.taken_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
        out.append(
            f'<p><img src="{_e(image_name(c.screenshot.id))}" width="220"/><br/>Tagen {taken}, '
            "SHA-256 <span style='font-family: monospace; font-size: 7pt'>"
            f"{_e(c.screenshot.sha256)}</span></p>"
        )
    else:
        out.append("<p><b>Saknas:</b> ingen skärmdump av kontosidan togs under året.</p>")
    admins = ", ".join(a.administrators) or "inga"
    warning = " (färre än två: riktlinjerna säger att minst två bör kunna administrera kontot)"
    out.append(f"<p><b>Administratörer:</b> {_e(admins)}{warning if a.too_few_administrators else ''}</p>")
    return "\n".join(out)
