"""The events the notifications service listens to, read only as far as it needs them
(consumers ignore fields they don't know: EVENTS.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from common.db.uow import UnitOfWork
from common.messaging.consumer import Handler, HandlerTable
from common.messaging.envelope import CloudEvent
from common.runtime import ServiceRuntime
from notifications.domain.enums import PartnerRole
from notifications.domain.records import Owner as CaseOwner
from notifications.planning import recipients, routing, service
from notifications.planning import repository as directory
from notifications.planning.service import Plan
from notifications.state import state_of


class Owner(BaseModel):
    team: str | None = None
    caseworker_id: str | None = None


class DeadlineApproaching(BaseModel):
    case_id: str
    deadline_id: str
    deadline_kind: str
    due_on: date
    days_left: int
    owner: Owner = Owner()


class DeadlineMissed(BaseModel):
    case_id: str
    deadline_id: str
    deadline_kind: str
    due_on: date
    days_overdue: int
    owner: Owner = Owner()


class PostalAddress(BaseModel):
    lines: list[str]
    postcode: str | None = None


class Contact(BaseModel):
    role: str
    name: str
    email: str | None = None
    phone: str | None = None
    preferred_channel: str
    postal_address: PostalAddress | None = None


class ChildOrYoungPerson(BaseModel):
    """Whom the case is about (only the name is kept, for staff emails)."""

    given_name: str | None = None
    family_name: str | None = None


class CaseOpened(BaseModel):
    case_id: str
    la_code: str
    contacts: list[Contact] = []
    caseworker_id: str | None = None
    team: str | None = None
    person: ChildOrYoungPerson | None = None
    #: the LA's own reference for the case, when the case system gives one
    case_ref: str | None = None


class ContactsChanged(BaseModel):
    case_id: str
    contacts: list[Contact]


class Person(BaseModel):
    name: str
    email: str | None = None
    phone: str | None = None


class Organisation(BaseModel):
    org_code: str
    name: str | None = None
    kind: str | None = None


class RequestReceived(BaseModel):
    case_id: str
    received_on: date
    decision_due_on: date
    final_plan_due_on: date


class DecisionMade(BaseModel):
    case_id: str
    decision: str
    decided_on: date


class DecisionAppealable(BaseModel):
    case_id: str
    decision_id: str
    decision_kind: str
    decided_on: date
    notified_on: date
    appellants: list[Person] = Field(min_length=1)


class PlanDrafted(BaseModel):
    case_id: str
    sent_on: date
    comments_due_on: date


class PlanIssued(BaseModel):
    case_id: str
    issued_on: date
    reason: str


class CertificateIssued(BaseModel):
    mediation_case_id: str
    case_id: str
    certificate_no: str
    issued_on: date
    basis: str
    appeal_by: date
    recipients: list[Person] = []


class AdviceRecipient(BaseModel):
    """Who is asked: an organisation with a partner system (an ICB by ODS code) or not
    (the family's own advice, a professional the LA writes to directly)."""

    kind: str | None = None
    org_code: str | None = None
    name: str | None = None


class AdviceRequested(BaseModel):
    case_id: str
    advice_request_id: str
    advice_type: str
    recipient: AdviceRecipient
    due_on: date


class MediationRequested(BaseModel):
    mediation_case_id: str
    case_id: str
    requested_on: date
    commissioning_body: Organisation | None = None


class Setting(BaseModel):
    name: str
    urn: str | None = None


class SettingAgreementRequested(BaseModel):
    case_id: str
    setting: Setting
    requested_on: date


def _context(event: CloudEvent, data: BaseModel) -> dict[str, Any]:
    return {**event.data, **data.model_dump()}


def _people(people: list[Person] | None) -> list[recipients.Person] | None:
    return [recipients.Person(p.name, p.email, p.phone) for p in people] if people else None


def handlers(runtime: ServiceRuntime) -> HandlerTable:
    def own() -> Any:
        return state_of(runtime).settings

    async def plan(uow: UnitOfWork, event: CloudEvent, data: BaseModel, how: Plan) -> None:
        await service.plan_deliveries(uow, own(), event, _context(event, data), how)

    async def on_deadline(uow: UnitOfWork, event: CloudEvent, data: Any) -> None:
        owner = CaseOwner(data.owner.team, data.owner.caseworker_id)
        await plan(uow, event, data, Plan(owner=owner))

    async def on_family(uow: UnitOfWork, event: CloudEvent, data: Any) -> None:
        carried = getattr(data, "appellants", None) or getattr(data, "recipients", None)
        await plan(uow, event, data, Plan(carried=_people(carried)))

    async def on_advice(uow: UnitOfWork, event: CloudEvent, data: AdviceRequested) -> None:
        if data.recipient.org_code is None:
            return  # no partner system to call: the LA asks for this advice directly
        role = PartnerRole.HEALTH if data.recipient.kind == "icb" else PartnerRole.PROVIDER
        partner = recipients.Partner(data.recipient.org_code, data.recipient.name, role)
        await plan(uow, event, data, Plan(partner=partner))

    async def on_mediation_requested(uow: UnitOfWork, event: CloudEvent,
                                     data: MediationRequested) -> None:
        body = data.commissioning_body
        partner = recipients.Partner(body.org_code, body.name) if body else None
        await plan(uow, event, data, Plan(partner=partner))

    async def on_setting_agreement(uow: UnitOfWork, event: CloudEvent,
                                   data: SettingAgreementRequested) -> None:
        school = data.setting
        partner = recipients.Partner(school.urn, school.name, PartnerRole.PROVIDER) \
            if school.urn else None
        await plan(uow, event, data, Plan(partner=partner))

    async def on_case_opened(uow: UnitOfWork, event: CloudEvent, data: CaseOpened) -> None:
        await directory.save_case(uow.connection, {
            "case_id": data.case_id, "la_code": data.la_code, "caseworker_id": data.caseworker_id,
            "team": data.team, "updated_at": uow.clock.now(),
            "given_name": data.person.given_name if data.person else None,
            "family_name": data.person.family_name if data.person else None,
            "case_ref": data.case_ref})
        await directory.replace_contacts(uow.connection, data.case_id, data.la_code,
                                         [c.model_dump() for c in data.contacts])

    async def on_contacts_changed(uow: UnitOfWork, event: CloudEvent,
                                  data: ContactsChanged) -> None:
        await directory.replace_contacts(uow.connection, data.case_id, event.lacode,
                                         [c.model_dump() for c in data.contacts])

    table: HandlerTable = {
        routing.CASE_OPENED: Handler(CaseOpened, on_case_opened),
        routing.CONTACTS_CHANGED: Handler(ContactsChanged, on_contacts_changed),
        routing.REQUEST_RECEIVED: Handler(RequestReceived, on_family),
        routing.DECISION_MADE: Handler(DecisionMade, on_family),
        routing.DECISION_APPEALABLE: Handler(DecisionAppealable, on_family),
        routing.PLAN_DRAFTED: Handler(PlanDrafted, on_family),
        routing.PLAN_ISSUED: Handler(PlanIssued, on_family),
        routing.CERTIFICATE_ISSUED: Handler(CertificateIssued, on_family),
        routing.ADVICE_REQUESTED: Handler(AdviceRequested, on_advice),
        routing.MEDIATION_REQUESTED: Handler(MediationRequested, on_mediation_requested),
        routing.SETTING_AGREEMENT: Handler(SettingAgreementRequested, on_setting_agreement),
    }
    for event_type in routing.deadline_approaching_types():
        table[event_type] = Handler(DeadlineApproaching, on_deadline)
    for event_type in routing.deadline_missed_types():
        table[event_type] = Handler(DeadlineMissed, on_deadline)
    return table
