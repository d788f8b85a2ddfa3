"""Request and response models of the mediation API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class AppellantRead(BaseModel):
    name: str
    email: str | None = None
    phone: str | None = None


class MediationCaseRead(BaseModel):
    id: str
    case_id: str
    decision_id: str
    decision_kind: str
    decided_on: date
    notified_on: date
    sections_in_dispute: list[str] | None
    appellants: list[AppellantRead]
    contact_adviser_by: date
    status: str


class MediationCasePage(BaseModel):
    items: list[MediationCaseRead]
    total: int
    limit: int
    offset: int
