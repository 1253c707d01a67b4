"""#20: a synced comment's `raw` is stored as the platform sent it (the Graph API writes compact
JSON with `\\/` and `\\u00e5` escapes), not as Granska would encode the decoded object; the
listing is decoded once. A page with a hostile escape (NUL, a lone surrogate) is cleaned and
stored re-encoded, as before."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, text

from app.connectors.received import decode_listing
from app.models import Item
from app.services.accounts.platforms import ConnectorRegistry
from app.services.intake.sync import SyncService
from tests.helpers.platforms import quick_options, running
from tests.helpers.platforms.server import Request, Response


def graph_style(body: bytes) -> bytes:
    """What the real Graph API writes: no spaces, every non-ASCII letter and `/` escaped."""
    return json.dumps(json.loads(body), separators=(",", ":")).replace("/", "\\/").encode()


def test_a_synced_comment_is_stored_as_the_platform_sent_it(database):
    with running("facebook") as r:
        post = r.fake.store.add_post("Badet öppnar")
        r.fake.store.add_thread(post, 3, replies_every=2)
        comment = next(iter(r.fake.store.comments.values()))
        comment.text = "Åtta år väntan / äntligen"
        original = r.fake.handle

        def handle(request: Request) -> Response:
            served = original(request)
            return Response(served.status, graph_style(served.body), served.headers)

        r.fake.handle = handle
        key = r.add_account(database.sessions)
        registry = ConnectorRegistry(lambda _a: r.fake.token, quick_options(page_size=10))
        [result] = SyncService(database.sessions, registry).sync(key)
        assert result.ok, result.message
        sent = graph_style(json.dumps(r.fake.comment_json(comment)).encode()).decode()
        assert "\\u00c5tta" in sent and "https:\\/\\/www.facebook.com" in sent
        cast = "raw::text" if database.engine.dialect.name == "postgresql" else "raw"
        with database.sessions() as s:
            stored = s.execute(
                text(f"SELECT {cast} FROM items WHERE external_id = :c"), {"c": comment.id}
            ).scalar()
            item = s.scalar(select(Item).where(Item.external_id == comment.id))
        assert stored == sent
        assert item.raw == r.fake.comment_json(comment) and item.text == "Åtta år väntan / äntligen"
        [again] = SyncService(database.sessions, registry).sync(key)
        assert again.ok and again.created == 0 and again.updated == 0
        comment.hidden = True  # hidden on Facebook meanwhile: the new text replaces the old
        [hidden] = SyncService(database.sessions, registry).sync(key)
        assert hidden.ok and hidden.updated == 1
        sent = graph_style(json.dumps(r.fake.comment_json(comment)).encode()).decode()
        with database.sessions() as s:
            stored = s.execute(
                text(f"SELECT {cast} FROM items WHERE external_id = :c"), {"c": comment.id}
            ).scalar()
        assert stored == sent and '"is_hidden":true' in sent


def test_a_comment_with_a_nul_escape_is_cleaned_and_stored_re_encoded(sqlite_db):
    with running("facebook") as r:
        post = r.fake.store.add_post("Inlägg")
        r.fake.store.add_thread(post, 2)
        comment = next(iter(r.fake.store.comments.values()))
        comment.text = "före\x00efter"
        key = r.add_account(sqlite_db.sessions)
        registry = ConnectorRegistry(lambda _a: r.fake.token, quick_options(page_size=10))
        [result] = SyncService(sqlite_db.sessions, registry).sync(key)
        assert result.ok, result.message
        with sqlite_db.sessions() as s:
            item = s.scalar(select(Item).where(Item.external_id == comment.id))
        assert item.text == "före\u2400efter" and item.raw["message"] == "före\u2400efter"


def _objects(body: Any) -> list[str | None]:
    return [getattr(v, "received", None) for v in body["data"]]


def test_the_listing_keeps_each_object_s_text_and_decodes_as_json_does():
    page = (
        b' { "data" : [ {"id":"1","n":1.50} ,{"id":"2","a":[{"b":"\\u00e5"}]}, 3 ], "paging":{"next":"x"} }\n'
    )
    body = decode_listing(page)
    assert body == json.loads(page)
    assert _objects(body) == ['{"id":"1","n":1.50}', '{"id":"2","a":[{"b":"\\u00e5"}]}', None]
    # json.dumps' separator, and more JSON whitespace around it (read in place, not by a regex).
    spaced = b'{"data": [{"a":1}, {"b":2},  \n\t{"c":3} ,\r\n{"d":4}\t]}'
    assert decode_listing(spaced) == json.loads(spaced)
    assert _objects(decode_listing(spaced)) == ['{"a":1}', '{"b":2}', '{"c":3}', '{"d":4}']
    for broken in (
        b'{"data": [1,]}',
        b'{"data": [1, ]}',
        b'{"data": [1 2]}',
        b'{"data": [] } x',
        b"[1]",
        b"\xff{}",
        b'{"a" 1}',
        b"",
    ):
        assert decode_listing(broken) is None, broken
    assert decode_listing(b'{"data": [], "data": [{"a":1}]}') == {"data": [{"a": 1}]}
