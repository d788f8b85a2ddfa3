"""Use cases of requests for an EHC needs assessment: record a request, referral or health
notification (R1.1-R1.6, R1.15), decide whether to assess (R1.4, R1.5) and, after
assessing, decide not to issue a plan (R1.11). Load, decide, save, emit; nothing commits."""

from __future__ import annotations

from typing import Any

from assessment import contracts
from assessment.cases import repository as cases
from assessment.cases.service import (
    conflict,
    emit_appealable,
    find_or_open,
    load_case,
    new_id,
    not_future,
    owner,
    publish,
    refuse_if_merged,
    visible_case,
)
from assessment.domain import rules
from assessment.domain.errors import NotFound, RuleViolation
from assessment.domain.model import DeadlineKind, RequesterType
from assessment.domain.records import CaseRecord, RequestRecord
from assessment.domain.status import AssessDecision, RequestStatus
from assessment.requests import repository
from assessment.requests import rules as request_rules
from assessment.requests.schemas import (
    DecisionCreate,
    HealthNotificationCreate,
    NoPlanDecisionCreate,
    ReferralCreate,
    RequestCreate,
)
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.errors import Forbidden
from common.principal import Principal

RequestLike = RequestCreate | ReferralCreate | HealthNotificationCreate


async def load_request(uow: UnitOfWork, principal: Principal,
                       request_id: str) -> tuple[RequestRecord, CaseRecord]:
    """The request and its case (locked), if the caller may see the case."""
    request = await repository.get_request(uow.connection, principal.la_code, request_id)
    if request is None:
        raise NotFound(f"Request {request_id}")
    return request, await load_case(uow, principal, request.case_id, for_update=True)


def parties_to_notify(case_row: CaseRecord, *,
                      social_care: bool = True) -> list[contracts.PartyV1]:
    """R1.3 (Regs reg 4(2)): the commissioning body, the LA's social care team and the setting
    are told the LA is considering a request, and of its decision whether to assess (reg
    5(2)); a decision not to issue a plan goes to the commissioning body and the setting (reg
    10(2)), so `social_care=False` leaves the social care team out."""
    parties = [contracts.PartyV1(kind="social_care", name=f"Social care, LA {case_row.la_code}",
                                 org_code=case_row.la_code)] if social_care else []
    if case_row.icb_org_code or case_row.icb_name:
        parties.insert(0, contracts.PartyV1(kind="icb", org_code=case_row.icb_org_code,
                                            name=case_row.icb_name or case_row.icb_org_code or ""))
    if case_row.setting_name:
        parties.append(contracts.PartyV1(kind="setting", name=case_row.setting_name,
                                         org_code=case_row.setting_urn))
    return parties


async def record_request(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         case_id: str, cmd: RequestLike, *,
                         requester: RequesterType | None = None,
                         extra: dict[str, Any] | None = None) -> RequestRecord:
    """A request for an EHC needs assessment, or a referral or health notification that the LA
    treats the same way (R1.1, R1.15): the 6-, 16- and 20-week clocks start on the day it is
    received (R0.1, R1.4, R1.11, R1.14); R1.3's parties are told through the event. Returns
    the request as stored."""
    found = await repository.case_for_request(uow.connection, principal.la_code, case_id,
                                              cmd.received_on)
    case_row = visible_case(principal, found.case if found else None, case_id)
    assert found is not None
    refuse_if_merged(case_id, found.merged_into_case_id)
    requester = requester or cmd.requester_type  # type: ignore[union-attr]
    not_future(cmd.received_on, uow.clock.today(), "received_on")
    if principal.is_family and requester.value not in principal.roles:
        raise RuleViolation("R1.1", "a family member requests as themselves", "requester_type")
    rules.check_may_request(requester, case_row.date_of_birth, cmd.received_on)
    ended_on = found.last_assessment_ended_on
    repeat = rules.repeat_request_within_six_months(ended_on, cmd.received_on)
    clocks = rules.request_deadlines(cmd.received_on)
    request = await repository.insert_request(uow.connection, {
        "id": new_id(), "case_id": case_id, "la_code": case_row.la_code,
        "requester_type": requester.value, "requester_name": cmd.requester_name,
        "received_on": cmd.received_on, "decision_due_on": clocks.decision_due_on,
        "no_plan_notice_due_on": clocks.no_plan_notice_due_on,
        "final_plan_due_on": clocks.final_plan_due_on, "repeat_within_six_months": repeat,
        "last_assessment_ended_on": ended_on,
        "status": RequestStatus.AWAITING_DECISION.value, "created_at": uow.clock.now(),
        **(extra or {})})
    await deadlines.open(uow, la_code=case_row.la_code, case_id=case_id,
                         kind=DeadlineKind.DECIDE_WHETHER_TO_ASSESS, due_on=clocks.decision_due_on,
                         opened_on=uow.clock.today(), ref_id=request.id, owner=owner(case_row))
    await publish(uow, case_row, contracts.REQUEST_RECEIVED, contracts.RequestReceivedV1(
        case_id=case_id, request_id=request.id, requester_type=requester.value,
        received_on=cmd.received_on, decision_due_on=clocks.decision_due_on,
        final_plan_due_on=clocks.final_plan_due_on, notify=parties_to_notify(case_row),
        repeat_within_six_months=repeat, last_assessment_ended_on=ended_on,
        notifier_org_code=(extra or {}).get("notifier_org_code")), cmd.received_on)
    return request


async def record_health_notification(uow: UnitOfWork, deadlines: DeadlineBook,
                                     principal: Principal,
                                     cmd: HealthNotificationCreate) -> RequestRecord:
    """R1.15: a health body brings an under-5 to the LA's attention, having told the parent;
    the LA treats it as a request (R1.1). The case is the kept one whose identifier and date
    of birth both agree; otherwise a new one, marked to reconcile when it may be a kept child,
    so that no other child's family is told (cases.service.find_or_open)."""
    if not principal.org_code:
        raise Forbidden("A health token must carry its organisation (org)", kind="no-org")
    request_rules.check_health_notification(cmd.child.date_of_birth, cmd.parent_informed_on,
                                            cmd.received_on)
    not_future(cmd.received_on, uow.clock.today(), "received_on")
    case_id = await find_or_open(uow, principal, cmd.child)
    staff = Principal(subject=principal.subject, la_code=principal.la_code,
                      roles=frozenset({"la_caseworker"}))
    return await record_request(
        uow, deadlines, staff, case_id, cmd, requester=RequesterType.HEALTH_NOTIFICATION,
        extra={"notifier_org_code": principal.org_code,
               "parent_informed_on": cmd.parent_informed_on, "referral_source": "health"})


async def decide_whether_to_assess(uow: UnitOfWork, deadlines: DeadlineBook,
                                   principal: Principal, request_id: str,
                                   cmd: DecisionCreate) -> RequestRecord:
    """The LA's decision (R1.4); a refusal is appealable (R1.5, R6.1), also for a repeat
    request within 6 months (R1.6: a refusal to re-assess when a plan is kept)."""
    request, case_row = await load_request(uow, principal, request_id)
    notified_on = cmd.notified_on or cmd.decided_on
    if request.decision is not None:  # the rule refuses it too; clients know this type
        raise conflict("This request has already been decided", "already-decided")
    decided = request_rules.decide_whether_to_assess(
        request, AssessDecision(cmd.decision), cmd.decided_on, notified_on, cmd.reasons)
    not_future(notified_on, uow.clock.today(), "notified_on")
    await repository.update_request(uow.connection, request_id, decided.values())
    await deadlines.close(uow, case_id=case_row.id, kind=DeadlineKind.DECIDE_WHETHER_TO_ASSESS,
                          closed_on=cmd.decided_on, ref_id=request_id)
    await publish(uow, case_row, contracts.DECISION_MADE, contracts.DecisionMadeV1(
        case_id=case_row.id, request_id=request_id, decision=cmd.decision,
        decided_on=cmd.decided_on, notify=parties_to_notify(case_row)), cmd.decided_on)
    if decided.status is RequestStatus.ASSESSING:
        await _open_assessment_clocks(uow, deadlines, case_row, request)
    else:
        has_plan = await cases.has_active_plan(uow.connection, case_row.id)
        await emit_appealable(uow, case_row, request_id,
                              "refuse_reassessment" if has_plan else "refuse_assessment",
                              cmd.decided_on, notified_on)
    return decided.applied_to(request)


async def _open_assessment_clocks(uow: UnitOfWork, deadlines: DeadlineBook,
                                  case_row: CaseRecord, request: RequestRecord) -> None:
    """R1.11, R1.14: once assessing, the 16-week no-plan notice and 20-week final plan."""
    for kind, due_on in ((DeadlineKind.NOTIFY_NO_PLAN, request.no_plan_notice_due_on),
                         (DeadlineKind.ISSUE_FINAL_PLAN, request.final_plan_due_on)):
        await deadlines.open(uow, la_code=case_row.la_code, case_id=case_row.id,
                             kind=kind, due_on=due_on, opened_on=uow.clock.today(),
                             ref_id=request.id, owner=owner(case_row))


async def decide_no_plan(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         request_id: str, cmd: NoPlanDecisionCreate) -> RequestRecord:
    """R1.11: after assessing, the LA decides not to issue a plan (16 weeks); appealable
    (R6.1) with R1.5's information."""
    request, case_row = await load_request(uow, principal, request_id)
    notified_on = cmd.notified_on or cmd.decided_on
    refused = request_rules.decide_no_plan(request, cmd.decided_on, notified_on)
    not_future(notified_on, uow.clock.today(), "notified_on")
    await repository.update_request(uow.connection, request_id, refused.values())
    for kind in (DeadlineKind.NOTIFY_NO_PLAN, DeadlineKind.ISSUE_FINAL_PLAN):
        await deadlines.close(uow, case_id=case_row.id, kind=kind, closed_on=notified_on,
                              ref_id=request_id)
    await publish(uow, case_row, contracts.PLAN_REFUSED, contracts.PlanRefusedV1(
        case_id=case_row.id, request_id=request_id, decided_on=cmd.decided_on,
        within_statutory_time=notified_on <= request.no_plan_notice_due_on,
        notify=parties_to_notify(case_row, social_care=False)), cmd.decided_on)
    await emit_appealable(uow, case_row, request_id, "refuse_plan", cmd.decided_on, notified_on)
    return refused.applied_to(request)
