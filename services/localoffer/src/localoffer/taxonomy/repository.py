"""Every query of the taxonomy feature."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from localoffer.taxonomy.tables import taxonomy, taxonomy_term


@dataclass(frozen=True)
class TaxonomyRecord:
    id: str
    code: str
    name: str
    description: str
    uri: str | None
    version: str | None


@dataclass(frozen=True)
class TermRecord:
    id: str
    code: str
    name: str
    description: str | None
    term_uri: str | None
    parent_id: str | None
    taxonomy_id: str
    taxonomy_code: str
    taxonomy_name: str


#: a term's columns with its taxonomy's code and name (what `TermRecord` holds)
TERM_COLUMNS = (taxonomy_term.c.id, taxonomy_term.c.code, taxonomy_term.c.name,
                 taxonomy_term.c.description, taxonomy_term.c.term_uri,
                 taxonomy_term.c.parent_id, taxonomy_term.c.taxonomy_id,
                 taxonomy.c.code.label("taxonomy_code"), taxonomy.c.name.label("taxonomy_name"))
_TERMS = select(*TERM_COLUMNS).join(taxonomy, taxonomy.c.id == taxonomy_term.c.taxonomy_id)


async def terms_by_ids(conn: Any, ids: Iterable[str]) -> dict[str, TermRecord]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = (await conn.execute(_TERMS.where(taxonomy_term.c.id.in_(wanted)))).all()
    return {r.id: TermRecord(**r._mapping) for r in rows}


async def resolve_term(conn: Any, id_or_code: str) -> TermRecord | None:
    """A term by its id or its code (codes are unique within a taxonomy; the first
    taxonomy in code order wins when two share one)."""
    row = (await conn.execute(_TERMS.where(or_(
        taxonomy_term.c.id == id_or_code, taxonomy_term.c.code == id_or_code))
        .order_by(taxonomy.c.code).limit(1))).first()
    return TermRecord(**row._mapping) if row else None


async def taxonomy_exists(conn: Any, taxonomy_id: str) -> bool:
    return await conn.scalar(select(taxonomy.c.id).where(taxonomy.c.id == taxonomy_id)) \
        is not None


async def list_taxonomies(conn: Any, offset: int, limit: int) -> tuple[list[TaxonomyRecord], int]:
    total = await conn.scalar(select(func.count()).select_from(taxonomy))
    rows = (await conn.execute(select(taxonomy).order_by(taxonomy.c.name, taxonomy.c.id)
                               .offset(offset).limit(limit))).all()
    return [TaxonomyRecord(**r._mapping) for r in rows], int(total or 0)


async def list_terms(conn: Any, offset: int, limit: int,
                     taxonomy_id: str | None = None) -> tuple[list[TermRecord], int]:
    where = [] if taxonomy_id is None else [taxonomy_term.c.taxonomy_id == taxonomy_id]
    total = await conn.scalar(select(func.count()).select_from(taxonomy_term).where(*where))
    rows = (await conn.execute(_TERMS.where(*where).order_by(
        taxonomy.c.code, taxonomy_term.c.code).offset(offset).limit(limit))).all()
    return [TermRecord(**r._mapping) for r in rows], int(total or 0)
