"""API models of EHC plans: sections A-K, drafts, comments, school requests, versions."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.cases.schemas import SettingType
from assessment.domain.model import AdviceType, PlanSection
from assessment.domain.status import PlanStatus, SchoolRequestStatus
from common.bounds import StatutoryDate

Sections = dict[PlanSection, str]
VERSION_EXAMPLE: Any = {
    "number": 1, "stage": "draft", "reason": "new",
    "sections": {"A": "Amara loves drawing.", "B": "Speech, language and communication needs.",
                 "E": "By July 2027 Amara will use short sentences.",
                 "F": "Weekly speech and language therapy.", "K": "Education advice."},
    "preparation_for_adulthood_in": [], "advice_listed": ["education"],
    "personal_budget_requested": False, "direct_payment": False, "setting_name": None,
    "setting_type": None, "sent_on": "2026-01-05", "comments_due_on": "2026-01-19",
    "earliest_final_on": "2026-01-20", "issued_on": None}
PLAN_ID = "7d627183-c124-4091-8e8d-562c4214e935"
CASE_ID = "3f1d2c4b-8a9e-4b7c-9d0e-1a2b3c4d5e6f"
REQUEST_ID = "e85c075a-7234-468b-bce1-79b6c398eee6"
PLAN_EXAMPLE: Any = {
    "id": PLAN_ID, "case_id": CASE_ID,
    "request_id": REQUEST_ID, "status": "draft", "origin": "new", "current_version": 1,
    "first_issued_on": None, "last_issued_on": None, "next_review_due_on": None,
    "ceased_on": None, "cease_ground": None, "version": 2, "current": VERSION_EXAMPLE,
    "deadlines": [{"kind": "draft_comments_close",
                   "label": "Family's comments on the draft plan close (15 days, R1.12)",
                   "due_on": "2026-01-19", "status": "open", "closed_on": None}]}


class SectionI(BaseModel):
    setting_name: str | None = Field(default=None, max_length=200)
    setting_type: SettingType


class PlanContentIn(BaseModel):
    """Sections A-K, each separately labelled (R2.1)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "sections": {"A": "Amara loves drawing.", "B": "Speech and language needs.",
                     "E": "Will speak in short sentences by July.",
                     "F": "Weekly speech and language therapy.", "K": "Advice: education"},
        "advice_listed": ["education"], "sent_on": "2026-03-02"}]})

    sections: Sections = Field(default_factory=dict)
    preparation_for_adulthood_in: list[PlanSection] = Field(default_factory=list)
    advice_listed: list[AdviceType] = Field(default_factory=list)
    personal_budget_requested: bool = False
    direct_payment: bool = False


class DraftCreate(PlanContentIn):
    """A draft (or proposed amendments) with every section the family is to see."""

    sent_on: StatutoryDate


class FinalCreate(BaseModel):
    """The final plan is the latest draft plus what this request changes: section I named
    (R1.14), and only the sections or lists that differ from the draft. A section sent here
    replaces the draft's text (an empty string clears it); a list or flag sent here replaces
    the draft's; anything left out is carried over from the draft."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "issued_on": "2026-03-23",
        "section_i": {"setting_name": "Oak Primary", "setting_type": "mainstream_school"},
        "sections": {"F": "Weekly speech and language therapy, 30 minutes, from a therapist "
                          "employed by the school."}}]})

    issued_on: StatutoryDate
    section_i: SectionI
    sections: Sections | None = None
    preparation_for_adulthood_in: list[PlanSection] | None = None
    advice_listed: list[AdviceType] | None = None
    personal_budget_requested: bool | None = None
    direct_payment: bool | None = None


class PlanDeadlineRead(BaseModel):
    """A statutory date of this plan kept as a deadline (in the work tray and timeline)."""

    kind: str
    label: str
    due_on: date
    status: str
    closed_on: date | None = None


class PlanVersionRead(BaseModel):
    """One version of the plan, draft or final; versions are kept."""

    model_config = ConfigDict(json_schema_extra={"examples": [VERSION_EXAMPLE]})

    number: int
    stage: str
    reason: str
    sections: dict[str, str]
    preparation_for_adulthood_in: list[str]
    advice_listed: list[str]
    personal_budget_requested: bool
    direct_payment: bool
    setting_name: str | None
    setting_type: str | None
    sent_on: date | None
    comments_due_on: date | None
    earliest_final_on: date | None
    issued_on: date | None


class PlanRead(BaseModel):
    """An EHC plan, its current version and its open statutory deadlines."""

    model_config = ConfigDict(json_schema_extra={"examples": [PLAN_EXAMPLE]})

    id: str
    case_id: str
    request_id: str | None
    status: PlanStatus
    origin: str
    current_version: int
    first_issued_on: date | None
    last_issued_on: date | None
    next_review_due_on: date | None
    ceased_on: date | None
    cease_ground: str | None
    version: int
    current: PlanVersionRead
    deadlines: list[PlanDeadlineRead] = Field(
        default_factory=list,
        description="The plan's open statutory deadlines, with their names: the draft's "
                    "comment window (draft_comments_close), an amendment's due date "
                    "(amended_plan_due), the next review, a phase transfer.")


class CommentCreate(BaseModel):
    """A comment on the current draft (R1.12), optionally on one section."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "body": "Please add occupational therapy to section F.", "section": "F",
        "wants_meeting": True, "author": "Ngozi Okafor"}]})

    body: str = Field(min_length=1, max_length=20_000)
    section: PlanSection | None = None
    wants_meeting: bool = False
    author: str = Field(min_length=1, max_length=200)


class CommentRead(CommentCreate):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "body": "Please add occupational therapy to section F.", "section": "F",
        "wants_meeting": True, "author": "Ngozi Okafor",
        "id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "version_number": 1,
        "author_role": "parent", "received_on": "2026-01-08"}]})

    id: str
    version_number: int
    author_role: str
    received_on: date


class SchoolRequestCreate(BaseModel):
    """R1.12, R1.13: a request for a particular school or college."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "setting_name": "Elm Special School", "setting_urn": "100002",
        "setting_type": "special_school", "requested_on": "2026-01-08"}]})

    setting_name: str = Field(min_length=1, max_length=200)
    setting_urn: str | None = Field(default=None, pattern=r"^\d{6,7}$")
    setting_type: SettingType
    requested_on: StatutoryDate


class ConsultationCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"consulted_on": "2026-01-09"}]})

    consulted_on: StatutoryDate


class ConsultationReply(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "replied_on": "2026-01-20", "response": "agree"}]})

    replied_on: StatutoryDate
    response: Literal["agree", "decline"]


class SchoolRequestRead(BaseModel):
    """A requested school or college and its consultation (R1.13)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f", "plan_id": PLAN_ID,
        "setting_name": "Elm Special School", "setting_urn": "100002",
        "setting_type": "special_school", "requested_on": "2026-01-08",
        "consulted_on": "2026-01-09", "reply_due_on": "2026-01-24", "replied_on": None,
        "response": None, "status": "consulted"}]})

    id: str
    plan_id: str
    setting_name: str
    setting_urn: str | None
    setting_type: str
    requested_on: date
    consulted_on: date | None
    reply_due_on: date | None
    replied_on: date | None
    response: str | None
    status: SchoolRequestStatus
