"""Use cases of the consultation on a draft plan: the family's comments and the school or
college they ask for, consulted with a 15-day reply clock (R1.12, R1.13). Nothing here
commits."""

from __future__ import annotations

from assessment.cases.service import (
    conflict,
    load_case,
    new_id,
    not_before,
    not_future,
    note,
    owner,
)
from assessment.domain.errors import NotFound
from assessment.domain.model import DeadlineKind
from assessment.domain.records import CaseRecord, CommentRecord, SchoolRequestRecord, stored
from assessment.domain.status import SchoolRequestStatus, VersionStage
from assessment.plans import repository
from assessment.plans import rules as plan_rules
from assessment.plans.schemas import (
    CommentCreate,
    ConsultationCreate,
    ConsultationReply,
    SchoolRequestCreate,
)
from assessment.plans.service import current_version, load_plan
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.principal import Principal


async def add_comment(uow: UnitOfWork, principal: Principal, plan_id: str,
                      cmd: CommentCreate) -> CommentRecord:
    """R1.12: the family comments on the draft (and may ask for a meeting)."""
    found, _ = await load_plan(uow, principal, plan_id)
    current = await current_version(uow, found)
    if current is None or current.stage is not VersionStage.DRAFT:
        raise conflict("Comments are taken on a draft plan")
    comment = CommentRecord(
        id=new_id(), plan_id=plan_id, version_number=found.current_version,
        author_role=next(iter(sorted(principal.roles))), author=cmd.author,
        section=cmd.section, body=cmd.body, received_on=uow.clock.today(),
        wants_meeting=cmd.wants_meeting)
    await repository.add_comment(uow.connection, stored(comment))
    return comment


async def request_school(uow: UnitOfWork, principal: Principal, plan_id: str,
                         cmd: SchoolRequestCreate) -> SchoolRequestRecord:
    """R1.12, R1.13: the family asks for a particular school or college to be named."""
    found, _ = await load_plan(uow, principal, plan_id)
    current = await current_version(uow, found)
    if current is None or current.stage is not VersionStage.DRAFT:
        raise conflict("A school is requested while a draft plan is out")
    not_before(cmd.requested_on, current.sent_on, "requested_on", "the draft", "R1.12")
    not_future(cmd.requested_on, uow.clock.today(), "requested_on")
    school = SchoolRequestRecord(id=new_id(), plan_id=plan_id, case_id=found.case_id,
                                 **cmd.model_dump(), status=SchoolRequestStatus.REQUESTED)
    await repository.add_school_request(uow.connection, stored(school))
    return school


async def _load_school_request(uow: UnitOfWork, principal: Principal, school_request_id: str,
                               ) -> tuple[SchoolRequestRecord, CaseRecord]:
    found = await repository.get_school_request(uow.connection, principal.la_code,
                                                school_request_id)
    if found is None:
        raise NotFound(f"School request {school_request_id}")
    return found, await load_case(uow, principal, found.case_id)


async def consult_school(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         school_request_id: str,
                         cmd: ConsultationCreate) -> SchoolRequestRecord:
    """R1.13: the LA consults the school, which should reply within 15 days."""
    school, case_row = await _load_school_request(uow, principal, school_request_id)
    consulted = plan_rules.decide_consultation(school, cmd.consulted_on)
    not_future(cmd.consulted_on, uow.clock.today(), "consulted_on")
    due_on = consulted.reply_due_on
    await repository.update_school_request(uow.connection, school_request_id, consulted.values())
    await deadlines.open(uow, la_code=case_row.la_code, case_id=case_row.id,
                         kind=DeadlineKind.SCHOOL_CONSULTATION_REPLY, due_on=due_on,
                         opened_on=uow.clock.today(), ref_id=school_request_id,
                         owner=owner(case_row))
    await note(uow, case_row, "school.consulted", cmd.consulted_on,
               {"school_request_id": school_request_id, "reply_due_on": due_on.isoformat()})
    return consulted.applied_to(school)


async def record_school_reply(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                              school_request_id: str,
                              cmd: ConsultationReply) -> SchoolRequestRecord:
    school, case_row = await _load_school_request(uow, principal, school_request_id)
    replied = plan_rules.decide_reply(school, cmd.replied_on, cmd.response)
    not_future(cmd.replied_on, uow.clock.today(), "replied_on")
    await repository.update_school_request(uow.connection, school_request_id, replied.values())
    await deadlines.close(uow, case_id=case_row.id, kind=DeadlineKind.SCHOOL_CONSULTATION_REPLY,
                          closed_on=cmd.replied_on, ref_id=school_request_id)
    return replied.applied_to(school)
