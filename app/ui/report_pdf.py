"""The yearly evaluation as a PDF: the report's HTML laid out by Qt (QTextDocument) on A4 pages
and written by QPdfWriter, with the year's screenshots as thumbnails. No other dependency.

Used by the window and by `granska report` (the one ui module a command may import, lazily:
docs/ARCHITECTURE.md). Without a running Qt application it starts a QGuiApplication on the
offscreen platform, so the command needs no display.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.core.errors import EnvironmentFault, os_cause
from app.core.messages import say, translate
from app.services.replace_file import replace_file
from app.services.stats.report import Report, report_html

_app: QGuiApplication | None = None


def _ensure_application() -> None:
    global _app
    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(["granska-report"])


def report_document(report: Report) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, report.title)
    for channel in report.channels:
        shot = channel.screenshot
        if shot is not None:
            image = QImage.fromData(shot.png)
            if not image.isNull():
                thumb = image.scaledToWidth(min(image.width(), 660))
                doc.addResource(
                    QTextDocument.ResourceType.ImageResource, QUrl(f"skarmdump-{shot.id}.png"), thumb
                )
    doc.setHtml(report_html(report))
    return doc


def write_report_pdf(report: Report, path: Path) -> Path:
    _ensure_application()
    try:
        fd, tmp = tempfile.mkstemp(prefix=".granska-", suffix=".pdf.tmp", dir=path.parent)
    except OSError as exc:  # no such folder, no right to write there
        raise EnvironmentFault(
            say(translate("Core", "Kan inte skriva %1: %2"), path, os_cause(exc))
        ) from None
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setTitle(report.title)
        writer.setCreator("Granska")
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(18, 16, 18, 16), QPageLayout.Unit.Millimeter)
        writer.setResolution(300)
        doc = report_document(report)
        # Lay the text out at 96 dpi over the page's printable width: readable 10 pt type on paper.
        layout = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
        doc.setPageSize(QSizeF(layout.width() * 96 / 72, layout.height() * 96 / 72))
        doc.print_(writer)
        del writer  # closes the file
        if Path(tmp).stat().st_size == 0:
            raise EnvironmentFault(say(translate("Core", "Kunde inte skriva PDF-filen %1."), path))
        replace_file(Path(tmp), path)
    except OSError as exc:
        raise EnvironmentFault(
            say(translate("Core", "Kan inte skriva %1: %2"), path, os_cause(exc))
        ) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path
