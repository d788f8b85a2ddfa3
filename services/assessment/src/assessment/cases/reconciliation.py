"""Use cases of reconciling a case marked `needs_reconciliation` (opened by a health
notification, R1.15, or a legacy import, because it may be a kept child): a caseworker finds
it another child, or the kept case's child, whose records are then all moved to the kept
case. Nothing here commits."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from assessment import contracts
from assessment.cases import repository, rules
from assessment.cases.repository import CaseRow
from assessment.cases.schemas import ReconciliationCreate
from assessment.cases.service import (
    conflict,
    contact_events,
    lookalikes,
    new_id,
    note,
    publish,
)
from assessment.domain.records import ContactRecord
from common.db.uow import UnitOfWork
from common.principal import Principal

CLEARED = {"needs_reconciliation": False, "reconcile_with_case_id": None,
           "reconcile_reason": None}


async def reconcile(uow: UnitOfWork, principal: Principal, case_row: CaseRow,
                    cmd: ReconciliationCreate) -> None:
    """Settle a case loaded for update (its ETag already checked); 409 when it is not
    marked to reconcile."""
    if not case_row.needs_reconciliation:
        raise conflict("Nothing to reconcile: the case is not marked needs_reconciliation",
                       "nothing-to-reconcile")
    if cmd.outcome == "different_child":
        await different_child(uow, principal, case_row, cmd)
    else:
        await same_child(uow, principal, case_row, cmd)


async def different_child(uow: UnitOfWork, principal: Principal, case_row: CaseRow,
                          cmd: ReconciliationCreate) -> None:
    """Another child: the mark is cleared and the identifiers given are recorded, refused
    (409, naming the case) when another case of the LA holds one, as when opening a case."""
    given = {f: v for f, v in (cmd.identifiers.model_dump() if cmd.identifiers else {}).items()
             if v}
    child = rules.Newcomer(given_name=case_row.given_name, family_name=case_row.family_name,
                           date_of_birth=case_row.date_of_birth, **given)
    others = [c for c in await lookalikes(uow, principal.la_code, child) if c.id != case_row.id]
    rules.check_not_duplicate(child, others, different_child=True)
    await repository.bump_case_version(uow.connection, case_row.id, {
        **CLEARED, **given, "updated_at": uow.clock.now()})
    await note(uow, case_row, "case.reconciled", uow.clock.today(), {
        "outcome": cmd.outcome, "note": cmd.note,
        "reconcile_with_case_id": case_row.reconcile_with_case_id,
        "identifiers_recorded": sorted(given)})


async def kept_case(uow: UnitOfWork, principal: Principal, case_row: CaseRow) -> CaseRow:
    """The case to merge into, locked: refused (409) when it is another LA's or merged."""
    kept_id = case_row.reconcile_with_case_id or ""
    kept = await repository.get_case(uow.connection, principal.la_code, kept_id,
                                     for_update=True)
    if kept is None:
        elsewhere = await repository.la_of(uow.connection, kept_id)
        raise conflict(f"Case {kept_id} to reconcile with is "
                       + ("another LA's" if elsewhere else "not kept"), "kept-case-elsewhere")
    if kept.merged_into_case_id is not None:
        raise conflict(f"Case {kept_id} to reconcile with was itself merged into case "
                       f"{kept.merged_into_case_id}; reconcile with that case",
                       "kept-case-merged")
    return kept


async def check_mergeable(uow: UnitOfWork, merged: CaseRow, kept: CaseRow) -> None:
    """Refused (409) when the two cases hold records one child cannot hold together."""
    collisions = rules.request_collisions(
        await repository.requests_of(uow.connection, merged.id),
        await repository.requests_of(uow.connection, kept.id))
    if collisions:
        raise conflict("Both cases hold a request of the same kind received on the same day "
                       "(a child has one such request); correct one of them first",
                       "request-collision", collisions=[
                           {"request_id": mine, "kept_request_id": theirs}
                           for mine, theirs in collisions])
    if (await repository.has_active_plan(uow.connection, merged.id)
            and await repository.has_active_plan(uow.connection, kept.id)):
        raise conflict("Both cases have an EHC plan maintained; a child has one plan",
                       "two-plans")


async def same_child(uow: UnitOfWork, principal: Principal, case_row: CaseRow,
                     cmd: ReconciliationCreate) -> None:
    """The kept case's child: every record of this case moves to the kept case, which
    takes the identifiers and contacts it lacked; this case is closed as merged into it."""
    kept = await kept_case(uow, principal, case_row)
    await check_mergeable(uow, case_row, kept)
    await repository.reassign_open_deadlines(uow.connection, case_row.id, kept.team,
                                             kept.caseworker_id)
    moved = await repository.move_case_records(uow.connection, case_row.id, kept.id)
    identifiers = rules.identifiers_to_move(case_row, kept)
    now, today = uow.clock.now(), uow.clock.today()
    await repository.bump_case_version(uow.connection, case_row.id, {
        **CLEARED, **dict.fromkeys(rules.IDENTIFIERS), "merged_into_case_id": kept.id,
        "merged_on": today, "updated_at": now})
    await repository.bump_case_version(uow.connection, kept.id, {**identifiers,
                                                                 "updated_at": now})
    await repository.repoint_reconciliations(uow.connection, case_row.id, kept.id)
    await add_contacts(uow, case_row, kept)
    merge = {"note": cmd.note, "moved": moved, "identifiers_taken": sorted(identifiers)}
    await note(uow, kept, "case.merged", today, {"merged_case_id": case_row.id, **merge})
    await note(uow, case_row, "case.reconciled", today, {
        "outcome": cmd.outcome, "merged_into_case_id": kept.id, **merge})


async def add_contacts(uow: UnitOfWork, merged: CaseRow, kept: CaseRow) -> None:
    """The merged case's contacts the kept case lacks join its own (after them); the change
    is published as the kept case's contacts changing."""
    held = await repository.contacts_of(uow.connection, kept.id)
    added = rules.contacts_to_add(held, await repository.contacts_of(uow.connection,
                                                                     merged.id))
    if not added:
        return
    contacts = [_contact_values(c) for c in held + added]
    await repository.replace_contacts(uow.connection, kept.id, contacts, new_id)
    await publish(uow, kept, contracts.CONTACTS_CHANGED, contracts.ContactsChangedV1(
        case_id=kept.id, contacts=contact_events(contacts)), uow.clock.today())


def _contact_values(contact: ContactRecord) -> dict[str, Any]:
    return {k: v for k, v in asdict(contact).items() if k not in {"id", "case_id", "position"}}
