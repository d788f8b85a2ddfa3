"""Queries of cases, their contacts and their timeline. Tenancy (the LA code) is part of
every lookup by id; nothing here commits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.cases.tables import case, case_contact, case_name_token, timeline_entry
from assessment.db import metadata, platform
from assessment.domain.identifiers import name_tokens
from assessment.domain.model import CaseSearch, CaseStage
from assessment.domain.records import (
    CaseRecord,
    CaseSummary,
    ContactRecord,
    RequestRecord,
    from_row,
)
from assessment.domain.status import MAINTAINED, PlanStatus, RequestStatus
from assessment.plans.tables import plan
from assessment.requests.tables import assessment_request
from common.db.direct import DirectStatement
from common.db.held_inserts import hold_insert
from common.deadlines import OPEN


@dataclass(frozen=True, slots=True)
class CaseRow(CaseRecord):
    """A case as its own feature reads it: with the case it was merged into, if any."""

    merged_into_case_id: str | None = None
    merged_on: date | None = None


_CASE = select(case).where(case.c.id == bindparam("case_id"),
                           case.c.la_code == bindparam("la_code"))
# FOR UPDATE renders nothing on SQLite, where a write transaction locks the whole file
CASE = DirectStatement(_CASE)
CASE_FOR_UPDATE = DirectStatement(_CASE.with_for_update(of=case))


# A search counts at most SEARCH_COUNT_CAP + 1 matches: past that a caseworker narrows the
# search, and counting every case of a large LA costs more than the page.
SEARCH_COUNT_CAP = 1_000


def _tokens(values: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"case_id": values["id"], "la_code": values["la_code"], "token": t}
            for t in name_tokens(values["given_name"], values["family_name"])]


async def insert_case(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await insert_cases(connection, [values])


async def insert_cases(connection: AsyncConnection, values: list[dict[str, Any]]) -> None:
    """Cases with the words of their names (a legacy import: many, 1,000 a statement)."""
    for start in range(0, len(values), 1000):
        batch = values[start:start + 1000]
        await connection.execute(insert(case), batch)
        tokens = [t for v in batch for t in _tokens(v)]
        if tokens:
            await connection.execute(insert(case_name_token), tokens)


async def lookalikes(connection: AsyncConnection, la_code: str, *, date_of_birth: date,
                     identifiers: dict[str, str | None]) -> list[CaseRecord]:
    """The LA's cases holding any of `identifiers` (field: value) or born on `date_of_birth`:
    every case a new one could duplicate."""
    matches = [case.c.date_of_birth == date_of_birth]
    matches += [case.c[field] == value for field, value in identifiers.items() if value]
    rows = (await connection.execute(select(case).where(case.c.la_code == la_code, or_(*matches),
                                                        case.c.merged_into_case_id.is_(None))
                                  .order_by(case.c.created_at, case.c.id).limit(200))
            ).mappings().all()
    return [from_row(CaseRecord, r) for r in rows]


async def cases_holding(connection: AsyncConnection, la_code: str, field: str,
                        values: list[str]) -> list[CaseRecord]:
    """The LA's cases whose identifier `field` is one of `values` (1,000 a statement)."""
    found: list[CaseRecord] = []
    for start in range(0, len(values), 1000):
        rows = (await connection.execute(select(case).where(
            case.c.la_code == la_code, case.c[field].in_(values[start:start + 1000])))
                ).mappings().all()
        found += [from_row(CaseRecord, r) for r in rows]
    return found


def _named(la_code: str, name: str) -> Any:
    """The ids of the LA's cases with a word of their names starting with each word of
    `name`: the first word's index range, each further word probed by the case's own words
    (the token table's primary key), so that only the cases matching them all are read."""
    words = name_tokens(name)
    if not words:
        return None
    first = case_name_token.alias("word_1")
    query = select(first.c.case_id).where(first.c.la_code == la_code,
                                          *_prefix(first.c.token, words[0]))
    for n, word in enumerate(words[1:], start=2):
        other = case_name_token.alias(f"word_{n}")
        query = query.where(exists().where(other.c.case_id == first.c.case_id,
                                           other.c.la_code == la_code,
                                           *_prefix(other.c.token, word)))
    return query


def _prefix(token: Any, word: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return token >= word, token < after_prefix(word)


def after_prefix(word: str) -> str:
    """The first string, in code point order, after every string that starts with `word`."""
    return word[:-1] + chr(ord(word[-1]) + 1)


def _stage(la_code: str, stage: CaseStage) -> ColumnElement[bool]:
    plans = {CaseStage.PLAN_MAINTAINED: tuple(s.value for s in MAINTAINED),
             CaseStage.PLAN_CEASED: (PlanStatus.CEASED.value,)}
    if stage in plans:
        return case.c.id.in_(select(plan.c.case_id).where(
            plan.c.la_code == la_code, plan.c.status.in_(plans[stage])))
    return case.c.id.in_(select(assessment_request.c.case_id).where(
        assessment_request.c.la_code == la_code,
        assessment_request.c.status == RequestStatus(stage.value).value))


def _open_deadline(la_code: str, query: CaseSearch, today: date) -> ColumnElement[bool] | None:
    deadline = platform.deadline
    conditions = [deadline.c.case_id == case.c.id, deadline.c.la_code == la_code,
                  deadline.c.status == OPEN]
    if query.open_deadline_kind is not None:
        conditions.append(deadline.c.kind == query.open_deadline_kind.value)
    if query.overdue is not None:
        conditions.append(deadline.c.due_on < today if query.overdue
                          else deadline.c.due_on >= today)
    asked = (query.open_deadline_kind is not None or query.overdue is not None
             or query.has_open_deadlines is not None)
    if not asked:
        return None
    found = exists().where(*conditions)
    return ~found if query.has_open_deadlines is False else found


def _conditions(la_code: str, query: CaseSearch, case_ids: frozenset[str] | None,
                today: date) -> list[ColumnElement[bool]]:
    # a merged case is closed: its child is found as the case it was merged into
    conditions: list[ColumnElement[bool]] = [case.c.la_code == la_code,
                                             case.c.merged_into_case_id.is_(None)]
    if case_ids is not None:
        conditions.append(case.c.id.in_(sorted(case_ids)))
    named = _named(la_code, query.name or "")
    if named is not None:
        conditions.append(case.c.id.in_(named))
    for field in ("date_of_birth", "upn", "uln", "nhs_number", "caseworker_id", "team",
                  "needs_reconciliation"):
        value = getattr(query, field)
        if value is not None:
            conditions.append(case.c[field] == value)
    if query.stage is not None:
        conditions.append(_stage(la_code, query.stage))
    deadlines = _open_deadline(la_code, query, today)
    if deadlines is not None:
        conditions.append(deadlines)
    return conditions


async def search(connection: AsyncConnection, la_code: str, query: CaseSearch, *,
                 case_ids: frozenset[str] | None, today: date, limit: int,
                 offset: int) -> tuple[list[CaseSummary], int]:
    """The LA's cases matching `query` (only `case_ids` when given: a family's own), by
    family name, given name and id; and how many match, counted up to the cap + 1."""
    conditions = _conditions(la_code, query, case_ids, today)
    columns = [case.c[f] for f in CaseSummary.__dataclass_fields__]
    # By a name, the matching cases are few: read them by their words and sort them. Ordered
    # by the bare column, Postgres would walk the whole LA in family name order instead,
    # testing each case's words, as it cannot tell how few match.
    # A word of one or two letters matches so many cases that the walk is the quicker.
    words = name_tokens(query.name or "")
    selective = len(words) > 1 or any(len(w) > 2 for w in words)
    family = case.c.family_name.concat("") if selective else case.c.family_name
    if connection.dialect.name == "postgresql":
        # plan each search for its own values: a plan cached for a prepared statement cannot
        # see how many cases a name prefix or a filter matches
        await connection.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    rows = (await connection.execute(select(*columns).where(*conditions).order_by(
        family, case.c.given_name, case.c.id).limit(limit).offset(offset))).mappings().all()
    if rows and len(rows) < limit or not rows and offset == 0:
        return [from_row(CaseSummary, r) for r in rows], offset + len(rows)  # the last page
    capped = select(case.c.id).where(*conditions).limit(SEARCH_COUNT_CAP + 1).subquery()
    total = await connection.scalar(select(func.count()).select_from(capped))
    return [from_row(CaseSummary, r) for r in rows], int(total or 0)


async def get_case(connection: AsyncConnection, la_code: str, case_id: str,
                   *, for_update: bool = False) -> CaseRow | None:
    statement = CASE_FOR_UPDATE if for_update else CASE
    row = await statement.fetch_one(connection, {"case_id": case_id, "la_code": la_code})
    return None if row is None else from_row(CaseRow, row)


async def la_of(connection: AsyncConnection, case_id: str) -> str | None:
    """The LA of a case of any LA (None when there is no such case)."""
    return await connection.scalar(select(case.c.la_code).where(case.c.id == case_id))


async def case_of(connection: AsyncConnection, case_id: str) -> CaseRecord:
    """A case already known to exist (its id came from a record of the caller's LA)."""
    row = (await connection.execute(select(case).where(case.c.id == case_id))).mappings().one()
    return from_row(CaseRecord, row)


async def bump_case_version(connection: AsyncConnection,
                            case_id: str, values: dict[str, Any]) -> None:
    await connection.execute(update(case).where(case.c.id == case_id)
                          .values(version=case.c.version + 1, **values))


async def replace_contacts(connection: AsyncConnection, case_id: str,
                           contacts: Sequence[dict[str, Any]], new_id: Callable[[], str]) -> None:
    await connection.execute(delete(case_contact).where(case_contact.c.case_id == case_id))
    if contacts:
        await connection.execute(insert(case_contact), [
            {"id": new_id(), "case_id": case_id, "position": n, **c}
            for n, c in enumerate(contacts)])


async def contacts_of(connection: AsyncConnection, case_id: str) -> list[ContactRecord]:
    rows = (await connection.execute(select(case_contact).where(case_contact.c.case_id == case_id)
                                  .order_by(case_contact.c.position))).mappings().all()
    return [from_row(ContactRecord, r) for r in rows]


async def has_active_plan(connection: AsyncConnection, case_id: str) -> bool:
    """Whether an issued plan (or one being ceased) is maintained for the case."""
    found = await connection.scalar(select(func.count()).select_from(plan).where(
        plan.c.case_id == case_id, plan.c.status.in_(tuple(MAINTAINED))))
    return bool(found)


async def add_timeline_entry(connection: AsyncConnection, case_id: str, la_code: str,
                             event_type: str, occurred_on: date, data: dict[str, Any],
                             at: datetime) -> None:
    """Held for the next statement or the commit (common.db.held_inserts)."""
    hold_insert(connection, timeline_entry, {
        "case_id": case_id, "la_code": la_code, "event_type": event_type,
        "occurred_on": occurred_on, "data": data, "created_at": at})


async def has_open_deadline(connection: AsyncConnection,
                            case_id: str, kind: str, ref_id: str) -> bool:
    """Whether the case already has an open deadline of `kind` for `ref_id`."""
    deadline = platform.deadline
    return (await connection.scalar(select(deadline.c.id).where(
        deadline.c.case_id == case_id, deadline.c.kind == kind, deadline.c.ref_id == ref_id,
        deadline.c.status == OPEN).limit(1))) is not None


async def open_deadlines_of(connection: AsyncConnection, case_id: str,
                            ref_ids: list[str]) -> list[tuple[str, str]]:
    """The (kind, ref_id) of the case's open deadlines on any of `ref_ids`."""
    deadline = platform.deadline
    return [(r.kind, r.ref_id) for r in (await connection.execute(
        select(deadline.c.kind, deadline.c.ref_id).distinct().where(
            deadline.c.case_id == case_id, deadline.c.ref_id.in_(ref_ids),
            deadline.c.status == OPEN))).all()]


async def requests_of(connection: AsyncConnection, case_id: str) -> list[RequestRecord]:
    """Every request for an EHC needs assessment of the case, oldest first."""
    rows = (await connection.execute(select(assessment_request).where(
        assessment_request.c.case_id == case_id).order_by(assessment_request.c.received_on,
                                                           assessment_request.c.id))
            ).mappings().all()
    return [from_row(RequestRecord, r) for r in rows]


# What stays with a merged case: the words of its own names (a search does not list it) and
# its contacts (those the kept case lacks are copied there, rules.contacts_to_add).
STAYS_WITH_MERGED_CASE = frozenset({case_name_token.name, case_contact.name})


def case_keyed_tables() -> list[Any]:
    """Every table of the service's schema with a `case_id` column, but those whose rows stay
    with a merged case: found from the metadata, so that a feature's new table moves too."""
    return [t for t in metadata.sorted_tables
            if "case_id" in t.c and t.name not in STAYS_WITH_MERGED_CASE]


async def move_case_records(connection: AsyncConnection, from_case_id: str,
                            to_case_id: str) -> dict[str, int]:
    """Give every record of `from_case_id` (requests, deadlines, timeline, plans, advice …) to
    `to_case_id`; how many rows moved, by table. A one-row-per-case record (its primary key
    the case id) moves only when the other case has none; otherwise it stays where it was."""
    moved: dict[str, int] = {}
    for table in case_keyed_tables():
        statement = update(table).where(table.c.case_id == from_case_id)
        if list(table.primary_key.columns) == [table.c.case_id]:
            held = table.alias("held")
            statement = statement.where(~exists().where(held.c.case_id == to_case_id))
        count = (await connection.execute(statement.values(case_id=to_case_id))).rowcount
        if count:
            moved[table.name] = count
    return moved


async def reassign_open_deadlines(connection: AsyncConnection, case_id: str, team: str | None,
                                  caseworker_id: str | None) -> None:
    deadline = platform.deadline
    await connection.execute(update(deadline).where(
        deadline.c.case_id == case_id, deadline.c.status == OPEN).values(
            owner_team=team, owner_caseworker_id=caseworker_id))


async def repoint_reconciliations(connection: AsyncConnection, from_case_id: str,
                                  to_case_id: str) -> None:
    """Cases still to reconcile with `from_case_id` are to be reconciled with `to_case_id`."""
    await connection.execute(update(case).where(case.c.reconcile_with_case_id == from_case_id)
                             .values(reconcile_with_case_id=to_case_id))
