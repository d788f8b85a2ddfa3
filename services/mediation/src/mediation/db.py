"""The mediation service's metadata (tables carry no schema name: the engine maps it at
runtime) and the one mapping between stored rows and the typed records of
`mediation.domain.records`."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping, Sequence
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Result, Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from common.db.base import add_platform_tables, make_metadata

metadata = make_metadata()
platform = add_platform_tables(metadata)

R = TypeVar("R")


def _enum_in(hint: Any) -> tuple[type[Enum], bool] | None:
    """The enum a field hint names (itself, `| None`, or a list of it) and whether a list."""
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    for option in options:
        if isinstance(option, type) and issubclass(option, Enum):
            return option, False
        if typing.get_origin(option) is list:
            inner = typing.get_args(option)[0]
            if isinstance(inner, type) and issubclass(inner, Enum):
                return inner, True
    return None


@cache
def _enum_fields(cls: type) -> dict[str, tuple[type[Enum], bool]]:
    """The fields of record class `cls` typed by an enum."""
    return {name: found for name, hint in typing.get_type_hints(cls).items()
            if (found := _enum_in(hint)) is not None}


def to_record(cls: type[R], row: Mapping[Any, Any]) -> R:
    """Build a typed record from a stored row: enum columns become their enum."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values = {k: v for k, v in row.items() if k in names}
    for name, (enum, many) in _enum_fields(typing.cast(type, cls)).items():
        value = values.get(name)
        if value is not None:
            values[name] = [enum(v) for v in value] if many else enum(value)
    return cls(**values)


def one(cls: type[R], result: Result[Any]) -> R | None:
    row = result.mappings().one_or_none()
    return to_record(cls, row) if row is not None else None


def every(cls: type[R], result: Result[Any]) -> list[R]:
    return [to_record(cls, row) for row in result.mappings().all()]


def values_of(record: Any) -> dict[str, Any]:
    """The columns of a record to store (enums are `str` subclasses and store as such)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


async def get_row(cls: type[R], connection: AsyncConnection, table: Table, la_code: str,
                  row_id: str) -> R | None:
    """One row of `table` by id, within the LA."""
    return one(cls, await connection.execute(select(table).where(
        table.c.id == row_id, table.c.la_code == la_code)))


async def rows_of_case(cls: type[R], connection: AsyncConnection, table: Table,
                       mediation_case_id: str) -> list[R]:
    order = table.c.get("created_at", table.c.id)
    return every(cls, await connection.execute(select(table).where(
        table.c.mediation_case_id == mediation_case_id).order_by(order, table.c.id)))


async def page(cls: type[R], connection: AsyncConnection, table: Table, la_code: str,
               filters: Sequence[ColumnElement[bool]], limit: int, offset: int,
               order: Sequence[Any] = ()) -> tuple[list[R], int]:
    """A page of `table` within the LA, with the total that matches."""
    conditions = [table.c.la_code == la_code, *filters]
    total = await connection.scalar(select(func.count()).select_from(table).where(*conditions))
    rows = every(cls, await connection.execute(select(table).where(*conditions)
                                            .order_by(*(order or (table.c.id,)))
                                            .limit(limit).offset(offset)))
    return rows, int(total or 0)


async def insert_record(connection: AsyncConnection, table: Table, record: Any) -> None:
    await connection.execute(insert(table).values(**values_of(record)))
