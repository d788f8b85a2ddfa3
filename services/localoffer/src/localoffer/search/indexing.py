"""Keeping the full-text index in step with a published entry: the weighted `tsvector`
column on Postgres, the FTS5 table on SQLite."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    update,
)

from localoffer.entries.tables import entry

# The FTS5 virtual table exists only in SQLite files (the 0003 migration makes it); it is
# described here for queries, on a metadata of its own so no migration ever sees it.
entry_fts = Table("entry_fts", MetaData(), Column("entry_id", String(36)),
                  Column("document", Text))

LANGUAGE = "english"


def document_of(name: str, description: str, *more: str | None) -> str:
    """The text a search matches: name, description, organisation, terms, eligibility."""
    return "\n".join(part for part in (name, description, *more) if part)


def is_postgres(conn: Any) -> bool:
    """For a connection or a session."""
    dialect = getattr(conn, "dialect", None) or conn.get_bind().dialect
    return str(dialect.name) == "postgresql"


async def index_entries(conn: Any, documents: list[tuple[str, str, str]]) -> None:
    """(entry id, name, search document) for each entry written."""
    if not documents:
        return
    if is_postgres(conn):
        vector = func.setweight(func.to_tsvector(LANGUAGE, bindparam("title_text")),
                                literal_column("'A'")).op("||")(func.setweight(
                                    func.to_tsvector(LANGUAGE, bindparam("document_text")),
                                    literal_column("'B'")))
        await conn.execute(update(entry).where(entry.c.id == bindparam("entry_key"))
                           .values(search_vector=vector),
                           [{"entry_key": i, "title_text": n, "document_text": d}
                            for i, n, d in documents])
        return
    ids = [i for i, _, _ in documents]
    for start in range(0, len(ids), 500):
        await conn.execute(delete(entry_fts).where(entry_fts.c.entry_id.in_(
            ids[start:start + 500])))
    await conn.execute(insert(entry_fts), [{"entry_id": i, "document": d}
                                           for i, _, d in documents])
