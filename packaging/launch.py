"""The frozen application's entry point: PyInstaller runs this file as __main__."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    # The export runs in a spawned child process (app/services/records/export_process.py); in
    # the frozen bundle that child is this executable again, and this call makes it the child.
    multiprocessing.freeze_support()
    sys.exit(main())
