"""The archive's text index on PostgreSQL: a Swedish tsvector over every saved copy, with a GIN
index, the counterpart of SQLite's `archive_fts` (app/models/archive_index.py).

Each evidence row gets a generated column, `search_vector`: the copy's text and author (read
out of its JSON as the list shows them: `item.text`, else the older top-level `text`; `item.
author.name`, else `author_name`) under the `swedish` configuration, the same one the queue's
`items.search_vector` uses. PostgreSQL computes it in the statement that inserts the copy, so
the index is never behind the data; evidence is insert-only (team_privileges.py). A copy that
is not valid JSON gets an empty vector (the function catches the parse error), never a refused
insert.

Searching: `evidence.search_vector @@ to_tsquery('swedish', …)` with the query the queue builds
(every word, the last as a prefix; app/models/fulltext.py). Swedish stemming means a word also
finds its inflections ("idioter" finds "idiot" and "idioten"), which SQLite's FTS5 (no stemmer)
does not; otherwise both find the same copies.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, literal_column, text

from app.models.fulltext import search_terms

FUNCTION = """
CREATE OR REPLACE FUNCTION granska_saved_copy_search(payload text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    doc jsonb;
BEGIN
    BEGIN
        doc := payload::jsonb;
    EXCEPTION WHEN others THEN
        RETURN ''::tsvector;
    END;
    IF jsonb_typeof(doc) <> 'object' THEN
        RETURN ''::tsvector;
    END IF;
    RETURN to_tsvector('swedish'::regconfig,
        coalesce(doc -> 'item' ->> 'text', doc ->> 'text', '') || ' ' ||
        coalesce(doc -> 'item' -> 'author' ->> 'name', doc ->> 'author_name', ''));
END
$$
"""

UPGRADE = [
    FUNCTION,
    "ALTER TABLE evidence ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (granska_saved_copy_search(payload)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_evidence_search_vector ON evidence USING gin (search_vector)",
]

DOWNGRADE = [
    "DROP INDEX IF EXISTS ix_evidence_search_vector",
    "ALTER TABLE evidence DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS granska_saved_copy_search(text)",
]


def tsquery(query: str) -> str | None:
    """The tsquery text for what the user typed (as the queue's), None when nothing to search."""
    terms = search_terms(query)
    if not terms:
        return None
    words = " & ".join(f"'{t}'" for t in terms[:-1])
    return (words + " & " if words else "") + f"'{terms[-1]}':*"


def copy_matches(query: str, column: Any = None) -> ColumnElement[bool] | None:
    """`evidence.search_vector` (or `column`) matches every word typed, the last as a prefix."""
    found = tsquery(query)
    if found is None:
        return None
    vector = literal_column("evidence.search_vector") if column is None else column
    return vector.op("@@")(text("to_tsquery('swedish', :copy_query)").bindparams(copy_query=found))
