"""P6: one account-page screenshot through Granska (mss grab + PNG + filing with SHA-256 in the
database) vs a bare mss grab + PNG encode, in the same run, on the same screen content.

Both sides open their own mss connection, grab monitor 1 and encode with mss.tools.to_png at
the same level; Granska's side then hashes the PNG and stores it with its metadata in an SQLite
database (WAL, as the app uses it) and reads the record back. A second baseline keeps one mss
connection open across grabs, printed for reference. Runs alternate so drift hits both sides.

The screen shows a page-like picture (header, text, photo-like gradients) so the PNG is as costly
as a real account page, not a black screen that compresses to nothing. With no DISPLAY the
benchmark starts its own Xvfb at 24-bit depth (mss needs 24 or 32); or run it under
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python bench/screenshot.py

    python bench/screenshot.py [--rounds N] [--limit 1.5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def start_xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("bench/screenshot.py: ingen DISPLAY och inget Xvfb (apt-get install xvfb)")
    read, write = os.pipe()
    command = ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"]
    server = subprocess.Popen(command, pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    os.environ["DISPLAY"] = f":{number}"
    return server


def show_page():  # type: ignore[no-untyped-def]
    """A full-screen window that looks like a social-media page, painted before returning."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    from app.services.screenshots.capture import ScreenGrabber

    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    app = QApplication.instance() or QApplication(sys.argv)

    class Page(QWidget):
        def paintEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
            p = QPainter(self)
            p.fillRect(self.rect(), QColor(240, 242, 245))
            p.fillRect(0, 0, self.width(), 56, QColor(59, 89, 152))
            cover = QLinearGradient(0, 56, self.width(), 320)
            cover.setColorAt(0, QColor(30, 120, 90))
            cover.setColorAt(0.5, QColor(200, 170, 80))
            cover.setColorAt(1, QColor(60, 90, 160))
            p.fillRect(QRect(160, 56, self.width() - 320, 260), cover)
            p.setFont(QFont("DejaVu Sans", 10))
            for i in range(26):
                p.fillRect(QRect(160, 330 + i * 18, 420, 14), QColor(255, 255, 255))
                p.drawText(
                    164,
                    341 + i * 18,
                    f"Vadstena kommun · inlägg {i}: öppettider, evenemang och "
                    f"information till invånarna ({i * 37 % 100} kommentarer)",
                )
            for i in range(6):
                photo = QLinearGradient(620, 330 + i * 75, 1120, 400 + i * 75)
                photo.setColorAt(0, QColor(40 * i % 255, 120, 200 - 20 * i))
                photo.setColorAt(1, QColor(220, 60 + 25 * i, 90))
                p.fillRect(QRect(620, 330 + i * 75, 500, 68), photo)
            p.end()

    page = Page(None, Qt.WindowType.FramelessWindowHint)
    page.setGeometry(0, 0, 1280, 800)
    page.show()
    grabber = ScreenGrabber()
    deadline = time.monotonic() + 20
    while grabber.grab(1).pixel(10, 10) != (59, 89, 152):
        app.processEvents()
        if time.monotonic() > deadline:
            sys.exit("bench/screenshot.py: sidan syntes aldrig på skärmen")
    return app, page


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--limit", type=float, default=1.5)
    args = parser.parse_args()
    server = start_xvfb()
    try:
        import mss
        import mss.tools

        from app.models.db import open_database
        from app.services.accounts.accounts import AccountService
        from app.services.screenshots.capture import PNG_LEVEL, ScreenGrabber
        from app.services.screenshots.schedule import ScreenshotService

        _app, _page = show_page()

        def bare() -> int:
            with mss.MSS() as sct:
                shot = sct.grab(sct.monitors[1])
                return len(mss.tools.to_png(shot.rgb, shot.size, level=PNG_LEVEL) or b"")

        persistent = mss.MSS()

        def bare_kept_open() -> int:
            shot = persistent.grab(persistent.monitors[1])
            return len(mss.tools.to_png(shot.rgb, shot.size, level=PNG_LEVEL) or b"")

        with tempfile.TemporaryDirectory() as tmp:
            db = open_database(f"sqlite:///{Path(tmp) / 'bench.db'}")
            AccountService(db.sessions).add_account("fb", "facebook", "Vadstena kommun")
            service, grabber = ScreenshotService(db.sessions), ScreenGrabber()

            def granska() -> int:
                image = grabber.grab(1)
                return service.file_screenshot("fb", image.png(), reason="annual").size_bytes

            sides = {"granska": granska, "bare": bare, "bare_kept_open": bare_kept_open}
            times: dict[str, list[float]] = {name: [] for name in sides}
            sizes = {name: fn() for name, fn in sides.items()}  # warm-up, not timed
            for _ in range(args.rounds):
                for name, fn in sides.items():
                    start = time.perf_counter()
                    fn()
                    times[name].append(time.perf_counter() - start)
            persistent.close()
            filed = len(service.list_screenshots())
            db.dispose()
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)

    med = {name: statistics.median(values) for name, values in times.items()}
    ratio = med["granska"] / med["bare"]
    print(f"P6 skärmdump 1280×800, {args.rounds} varv, median (PNG ≈ {sizes['bare'] // 1024} KiB):")
    print(
        f"  Granska (mss + PNG + SHA-256 + databas): {med['granska'] * 1000:8.1f} ms   ({filed} arkiverade)"
    )
    print(f"  bar mss + PNG, ny anslutning:            {med['bare'] * 1000:8.1f} ms")
    print(f"  bar mss + PNG, öppen anslutning:         {med['bare_kept_open'] * 1000:8.1f} ms")
    print(f"  kvot Granska / bar:                      {ratio:8.2f}×   (gräns {args.limit}×)")
    print(f"  kvot Granska / bar med öppen anslutning: {med['granska'] / med['bare_kept_open']:8.2f}×")
    print(f"ratio: {ratio:.2f} (goal: <= {args.limit})")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
