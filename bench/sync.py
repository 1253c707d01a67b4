"""Sync of N comments over loopback vs a bare httpx loop reading the same responses.

A fake Facebook Graph API (the one the tests use) runs in a child process on 127.0.0.1 with
N comments spread over posts. The baseline walks the same pages with httpx — feed, then every
post's comments, following `paging.next` — and decodes the JSON, nothing else. Granska's side
is `SyncService.sync`: the connector, the flagging rules, the upsert into a fresh SQLite
database with full-text indexing, and the author-deletion check. Both run here, now,
interleaved `--repeat` times; the best of each side counts (the machine is shared).

`--history N` starts Granska's database with N comments already stored on earlier posts of
the same page that this sync does not list: the author-deletion check must not read them.

    python bench/sync.py [--comments 100000] [--per-post 1000] [--history 0] [--repeat 3]
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

# The repository, so that `app` imports when this runs as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from app.connectors.common import ConnectorOptions  # noqa: E402
from app.connectors.facebook import FacebookConnector  # noqa: E402
from app.models.db import open_database  # noqa: E402
from app.services.accounts.accounts import AccountService  # noqa: E402
from app.services.accounts.platforms import ConnectorRegistry  # noqa: E402
from app.services.intake.importer import ImportService  # noqa: E402
from app.services.intake.incoming import IncomingItem  # noqa: E402
from app.services.intake.sync import SyncService  # noqa: E402
from tests.helpers.platforms.graph import FakeFacebook  # noqa: E402
from tests.helpers.platforms.server import PlatformServer  # noqa: E402

TOKEN = "bench-token"
PAGE = 100


def serve(comments: int, per_post: int, ready, stop) -> None:  # type: ignore[no-untyped-def]
    fake = FakeFacebook(token=TOKEN)
    for n in range(0, comments, per_post):
        post = fake.store.add_post(f"Inlägg {n // per_post}")
        fake.store.add_thread(post, min(per_post, comments - n), replies_every=5)
    with PlatformServer(fake) as server:
        ready.send(server.url)
        stop.wait()


CPU: dict[str, list[float]] = {"bare": [], "granska": [], "child": []}  # CPU seconds, per run


def children_cpu() -> float:
    """CPU of the child processes ended and waited for (the sync's own, not the server)."""
    try:
        import resource
    except ImportError:  # Windows: not measured
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def bare_loop(base: str, page_id: str) -> tuple[float, int]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    cpu = time.process_time()
    start = time.perf_counter()
    count = 0
    with httpx.Client(headers=headers, timeout=30) as client:
        url: str | None = f"{base}/{page_id}/feed?limit={PAGE}&fields=id,message,created_time"
        posts = []
        while url:
            body = client.get(url).json()
            posts += [p["id"] for p in body["data"]]
            url = body.get("paging", {}).get("next")
        for post in posts:
            url = f"{base}/{post}/comments?filter=stream&limit={PAGE}"
            while url:
                body = client.get(url).json()
                count += len(body["data"])
                url = body.get("paging", {}).get("next")
    elapsed = time.perf_counter() - start
    CPU["bare"].append(time.process_time() - cpu)
    return elapsed, count


def parts(base: str, page_id: str, db_path: Path) -> tuple[float, float]:
    """Where the time goes: the connector alone (HTTP + mapping), then the import alone."""
    account = SimpleNamespace(key="fb", name="Vadstena kommun", external_id=page_id, api_base_url=base)
    connector = FacebookConnector(account, TOKEN, ConnectorOptions(page_size=PAGE))
    start = time.perf_counter()
    items = [item for chunk in connector.chunks(None) for item in chunk.items]
    fetch_s = time.perf_counter() - start
    db = open_database(f"sqlite:///{db_path}")
    AccountService(db.sessions).add_account("fb", "facebook", "Vadstena kommun")
    start = time.perf_counter()
    ImportService(db.sessions).import_items(items)
    import_s = time.perf_counter() - start
    db.dispose()
    return fetch_s, import_s


def prepared(base: str, page_id: str, db_path: Path, history: int) -> Path:
    """A database with the account, and `history` comments on posts this sync does not list."""
    db = open_database(f"sqlite:///{db_path}")
    AccountService(db.sessions).add_account(
        "fb", "facebook", "Vadstena kommun", external_id=page_id, api_base_url=base
    )
    then = datetime.now(UTC) - timedelta(days=400)
    old = (
        IncomingItem(
            "fb", f"old{n // 1000}_{n}", f"Gammal kommentar {n}", then + timedelta(seconds=n),
            kind="comment", parent_external_id=f"old{n // 1000}", post_external_id=f"old{n // 1000}",
        )
        for n in range(history)
    )  # fmt: skip
    ImportService(db.sessions).import_items(old)
    db.dispose()
    return db_path


def granska(base: str, page_id: str, template: Path, db_path: Path) -> tuple[float, int]:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{template}{suffix}").exists():
            shutil.copy(f"{template}{suffix}", f"{db_path}{suffix}")
    db = open_database(f"sqlite:///{db_path}")
    registry = ConnectorRegistry(lambda _a: TOKEN, ConnectorOptions(page_size=PAGE))
    cpu, child = time.process_time(), children_cpu()
    start = time.perf_counter()
    [result] = SyncService(db.sessions, registry).sync("fb")
    elapsed = time.perf_counter() - start
    CPU["granska"].append(time.process_time() - cpu)
    CPU["child"].append(children_cpu() - child)
    assert result.ok, result.message
    db.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return elapsed, result.created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--per-post", type=int, default=1000)
    parser.add_argument("--history", type=int, default=0, help="comments already stored, not listed")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs; the best counts")
    args = parser.parse_args()
    ctx = multiprocessing.get_context("fork")
    ready, ready_child = ctx.Pipe()
    stop = ctx.Event()
    server = ctx.Process(target=serve, args=(args.comments, args.per_post, ready_child, stop), daemon=True)
    server.start()
    bares: list[float] = []
    ours: list[float] = []
    try:
        url = ready.recv()
        base, page_id = f"{url}/v21.0", FakeFacebook().owner_id
        bare_loop(base, page_id)  # warm the server's caches and the loopback once
        with tempfile.TemporaryDirectory() as tmp:
            template = prepared(base, page_id, Path(tmp) / "template.db", args.history)
            for _run in range(args.repeat):
                base_s, fetched = bare_loop(base, page_id)
                bares.append(base_s)
                ours_s, stored = granska(base, page_id, template, Path(tmp) / "granska.db")
                ours.append(ours_s)
            fetch_s, import_s = parts(base, page_id, Path(tmp) / "parts.db")
    finally:
        stop.set()
        server.join(timeout=10)
    base_s, ours_s = min(bares), min(ours)
    posts = -(-args.comments // args.per_post)
    print(f"comments: {fetched} over loopback ({posts} posts, {PAGE} a page); items stored: {stored}")
    print(f"already stored, not listed: {args.history} comments; best of {args.repeat} interleaved runs")
    runs = ", ".join(f"{t:.2f}" for t in ours)
    print(f"  granska runs: {runs} s; bare: {', '.join(f'{t:.2f}' for t in bares)} s")
    print(f"bare httpx loop (GET + JSON): {base_s:8.2f} s  {fetched / base_s:10,.0f} comments/s")
    print(f"granska sync (to SQLite):     {ours_s:8.2f} s  {fetched / ours_s:10,.0f} comments/s")
    print(
        f"  run apart: connector fetch {fetch_s:.2f} s, import of the same items {import_s:.2f} s "
        "(the sync overlaps the two)"
    )
    cpu = {side: ", ".join(f"{t:.2f}" for t in runs) for side, runs in CPU.items()}
    print(f"  CPU here (the server runs in a child): granska {cpu['granska']} s", end=" ")
    print(f"+ its fetching child {cpu['child']} s;", end=" ")
    print(f"bare (the first warms up) {cpu['bare']} s")
    print(f"ratio: {ours_s / base_s:.2f} (goal: <= 2, a bare httpx loop over the same server)")


if __name__ == "__main__":
    main()
