"""The item's text inside an evidence copy, read by the database itself.

The guideline's record of a removed comment is what was saved before anything was done with it:
the author may edit or delete the comment afterwards, and the platform may change it. The
removal log and the archive therefore show and search the saved copy's text, not the item's
current text. The copy is canonical JSON (app/services/records/evidence.py); its layout puts the text
at `item.text` (older copies: at the top level). A copy that is not valid JSON gives NULL on
SQLite; callers fall back to the item's current text with COALESCE.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class saved_item_text(FunctionElement[str]):  # noqa: N801 - used like a SQL function
    """`saved_item_text(Evidence.payload)`: the text the copy holds, or NULL."""

    type = Text()
    name = "saved_item_text"
    inherit_cache = True


@compiles(saved_item_text, "sqlite")
def _sqlite(element: saved_item_text, compiler: Any, **kw: Any) -> str:
    payload = compiler.process(element.clauses, **kw)
    return (
        f"CASE WHEN json_valid({payload}) THEN coalesce(json_extract({payload}, '$.item.text'), "
        f"json_extract({payload}, '$.text')) END"
    )


@compiles(saved_item_text, "postgresql")
def _postgresql(element: saved_item_text, compiler: Any, **kw: Any) -> str:
    payload = compiler.process(element.clauses, **kw)
    return f"coalesce(CAST({payload} AS jsonb) -> 'item' ->> 'text', CAST({payload} AS jsonb) ->> 'text')"


@compiles(saved_item_text)
def _other(element: saved_item_text, compiler: Any, **kw: Any) -> str:
    return "NULL"  # an unknown database: the item's current text stands in
