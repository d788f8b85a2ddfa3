"""Request and response models of arranging mediation: sessions booked, moved, held."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from common.bounds import StatutoryDate
from mediation.cases.schemas import examples


class SessionCreate(BaseModel):
    model_config = examples({"session_on": "2026-03-30", "arranged_on": "2026-03-12",
                             "location": "Civic Centre, room 4"})

    session_on: StatutoryDate
    arranged_on: StatutoryDate | None = Field(default=None, description="the day it was booked; "
                                     "default today. Must be within 30 days (R6.6)")
    mediator_id: str | None = Field(default=None, description="default: the case's mediator")
    location: str | None = Field(default=None, max_length=200)

class SessionMove(BaseModel):
    model_config = examples({"session_on": "2026-04-08"})

    session_on: StatutoryDate

class Attendee(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    role: Literal["parent", "young_person", "child", "supporter", "la", "commissioning_body",
                  "mediator", "other"]
    consent: bool | None = Field(default=None, description="the child attends with consent")
    views: str | None = Field(default=None, max_length=4000,
                              description="the child's views, however given")

class SessionHeld(BaseModel):
    model_config = examples({"held_on": "2026-03-30", "attendees": [
        {"name": "Ngozi Okafor", "role": "parent"},
        {"name": "Ade Okafor", "role": "supporter"},
        {"name": "Jo Smith", "role": "la"}]})

    held_on: StatutoryDate
    attendees: list[Attendee] = Field(min_length=1)

class SessionRead(BaseModel):
    model_config = examples({
        "id": "a1b2c3d4-0000-4000-8000-00000000a001",
        "mediation_case_id": "b7e2c9a4-6f1d-4e8b-9c3a-2d5f7a1b8e60",
        "mediator_id": "6c0b4e2a-1d3f-4a5b-8c7d-9e0f1a2b3c4d", "session_on": "2026-04-08",
        "status": "held", "location": "Civic Centre, room 4",
        "moves": [{"from": "2026-03-30", "to": "2026-04-08",
                   "moved_at": "2026-03-20T14:05:00+00:00"}], "held_on": "2026-04-08",
        "attendees": [{"name": "Ngozi Okafor", "role": "parent"},
                      {"name": "Jo Smith", "role": "la"}]})

    id: str
    mediation_case_id: str
    mediator_id: str
    session_on: date
    status: str
    location: str | None
    moves: list[dict[str, str]]
    held_on: date | None
    attendees: list[Attendee]


class AssignmentUpdate(BaseModel):
    model_config = examples({"mediator_id": "6c0b...", "adviser_id": "8e21..."})

    mediator_id: str | None = None
    adviser_id: str | None = None
