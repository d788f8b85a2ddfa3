"""The events the mediation service publishes (EVENTS.md, mediation table)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from common.deadlines import DeadlineApproachingV1, DeadlineMissedV1, approaching_type, missed_type
from common.messaging.registry import EventRegistry

SERVICE = "mediation"
registry = EventRegistry(SERVICE)

CASE_OPENED = "send.mediation.case.opened.v1"


class MediationCaseOpenedV1(BaseModel):
    mediation_case_id: str
    case_id: str
    decision_id: str
    decision_kind: str
    decided_on: date
    contact_adviser_by: date


registry.register(CASE_OPENED, MediationCaseOpenedV1)
registry.register(approaching_type(SERVICE), DeadlineApproachingV1)
registry.register(missed_type(SERVICE), DeadlineMissedV1)
