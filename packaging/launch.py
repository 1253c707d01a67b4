"""The frozen application's entry point: PyInstaller runs this file as __main__."""

import multiprocessing
import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["--granska-audit-verify-child"]:  # audit_child.FLAG
        # `audit verify`'s second process (app/services/records/audit_parallel.py): this
        # executable again, lean (no app.cli, no SQLAlchemy), spoken to over stdin and stdout.
        from app.services.records.audit_child import main as verify_child

        verify_child()
        sys.exit(0)
    if sys.argv[1:] == ["--granska-import-child"]:  # import_child.FLAG
        # A large import's second process (app/services/intake/import_process.py): lean, as above.
        from app.services.intake.import_child import main as import_child

        import_child()
        sys.exit(0)
    if sys.argv[1:] == ["--granska-sync-child"]:  # sync_child.FLAG
        # A large command-line sync's fetching process (app/services/intake/sync_process.py).
        from app.services.intake.sync_child import main as sync_child

        sync_child()
        sys.exit(0)
    from app.cli import main

    # The export runs in a spawned child process (app/services/records/export_process.py); in
    # the frozen bundle that child is this executable again, and this call makes it the child.
    multiprocessing.freeze_support()
    sys.exit(main())
