"""Take the README's screenshot: the queue window on fresh demo data, a flagged comment selected.

scripts/screenshot [docs/screenshot.png]     (runs this under Xvfb at 1280x800)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(out: Path) -> int:
    home = Path(tempfile.mkdtemp(prefix="granska-shot-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import update

    from app.models import Item
    from app.models.db import open_database
    from app.services.intake.demo import load_demo
    from app.ui.main import build_moderation
    from app.ui.main_window import MainWindow
    from app.version import APP_NAME, ORGANIZATION

    app = QApplication([])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    db = open_database(f"sqlite:///{home / 'granska.db'}")
    load_demo(db.sessions, 600)
    # A working day's worth of earlier decisions, so every queue has something in it.
    with db.sessions.begin() as session:
        for status, ids in (
            ("kept", range(2, 120, 3)),
            ("answered", range(3, 90, 7)),
            ("remove_by_hand", (5, 27)),
            ("pending_platform", (44,)),
        ):
            session.execute(update(Item).where(Item.id.in_(list(ids))).values(status=status))
    window = MainWindow(db, build_moderation(db))
    window.resize(1280, 800)
    window.show()

    def pick() -> None:
        model = window.queue.model
        for row in range(model.rowCount()):
            item = model.summary(row)
            if item and item.text.startswith("Vad fan") and item.kind == "comment":
                window.queue.select_row(row)
                table = window.queue.table
                table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtCenter)
                break
        QTimer.singleShot(1500, shoot)

    def shoot() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        print(f"saved {out}")
        window.close()
        app.quit()

    def flagged_tab() -> None:
        window.queue.tabs.setCurrentIndex(1)
        window.queue.model.page_loaded.connect(lambda _n: QTimer.singleShot(600, pick))

    window.when_first_page_painted(lambda: QTimer.singleShot(300, flagged_tab))
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    db.dispose()
    return 0 if out.exists() else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"))
