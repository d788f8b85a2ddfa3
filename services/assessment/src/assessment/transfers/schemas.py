"""API models of plans moving between LAs (R3.9), phase transfers and post-16 moves (R3.6,
R3.7), transfer reviews of statements and LDAs (R5) and detained young people (R9.2)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.cases.schemas import SettingType
from assessment.domain.model import AdviceType, PlanSection
from assessment.domain.status import TransferStatus
from assessment.plans.schemas import PlanVersionRead
from common.bounds import StatutoryDate


class MoveOutCreate(BaseModel):
    """R3.9: the family moves to another LA on `moves_on`; the LA learned of it on
    `learned_on`."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "other_la_code": "202", "moves_on": "2026-04-20", "learned_on": "2026-03-02"}]})

    other_la_code: str = Field(pattern=r"^\d{3}$")
    moves_on: StatutoryDate
    learned_on: StatutoryDate


class TransferReviewCreate(BaseModel):
    """R5.1-R5.4: a transfer review of a statement or LDA."""

    model_config = ConfigDict(populate_by_name=True, json_schema_extra={"examples": [{
        "from": "statement", "notice_on": "2015-01-05", "started_on": "2015-01-19",
        "legacy_ref": "STMT-1042"}]})

    from_: Literal["statement", "lda"] = Field(alias="from")
    notice_on: StatutoryDate
    started_on: StatutoryDate
    legacy_ref: str | None = Field(default=None, max_length=100)


class TransferRead(BaseModel):
    """A move out to another LA (R3.9) or a transfer review (R5), with its due date."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "5d0b6a3e-7f43-4d6e-9a55-0c1f8e2b7a10",
        "case_id": "3f1d2c4b-8a9e-4b7c-9d0e-1a2b3c4d5e6f", "kind": "moved_out",
        "other_la_code": "202", "plan_id": "a7c9e1f3-2b4d-4f6a-8c0e-9d1b3f5a7c9e",
        "moves_on": "2026-04-20", "learned_on": "2026-03-02", "notice_on": None,
        "started_on": None, "due_on": "2026-04-20", "completed_on": None,
        "status": "open"}]})

    id: str
    case_id: str
    kind: str
    other_la_code: str | None
    plan_id: str | None
    moves_on: date | None
    learned_on: date | None
    notice_on: date | None
    started_on: date | None
    due_on: date
    completed_on: date | None
    status: TransferStatus


class StepDone(BaseModel):
    """The day the step was done."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"done_on": "2026-03-02"}]})

    done_on: StatutoryDate


class DetentionCreate(BaseModel):
    """R9.2: a young person aged 18 or under is detained in youth custody."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "detained_on": "2026-02-23", "learned_on": "2026-02-25",
        "establishment_name": "Example Secure Training Centre",
        "yot_name": "North Youth Offending Team"}]})

    detained_on: StatutoryDate
    learned_on: StatutoryDate
    establishment_name: str = Field(min_length=1, max_length=200)
    yot_name: str = Field(min_length=1, max_length=200)


PhasePatternName = Literal["primary_secondary", "infant_junior", "three_tier"]


class PhaseTransferRead(BaseModel):
    """The coming phase transfer and the day the plan must name the next institution by."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "primary_to_secondary", "transfer_on": "2027-09-01",
        "named_by": "2027-02-14", "deadline_opened": True,
        "deadline_kind": "phase_transfer_named_by",
        "label": "Phase transfer: review and amend the plan to name the next school or "
                 "college (reg 18(1), R3.6)"}]})

    kind: str
    transfer_on: date
    named_by: date
    deadline_opened: bool = Field(
        default=False, description="false when this transfer's deadline was already kept "
                                   "(it is opened once)")
    deadline_kind: str = "phase_transfer_named_by"
    label: str = ""


class PhaseTransferCreate(BaseModel):
    """The child's schools' phase pattern, when the case has none recorded: primary then
    secondary (the default), infant then junior, or first, middle and upper schools."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"route": "infant_junior"}]})

    route: PhasePatternName | None = None


class PhasePatternSet(BaseModel):
    """The phase pattern of the schools the child attends or will attend (R3.6)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"pattern": "three_tier"}]})

    pattern: PhasePatternName


class PhasePatternRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "case_id": "3f1d2c4b-8a9e-4b7c-9d0e-1a2b3c4d5e6f", "pattern": "three_tier",
        "recorded": True}]})

    case_id: str
    pattern: PhasePatternName
    recorded: bool = Field(description="false when no pattern is recorded and the default "
                                       "(primary then secondary) applies")


class Post16MoveCreate(BaseModel):
    """R3.7: a move between post-16 institutions at another time than the usual transfer."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "transfer_on": "2027-01-10", "institution": "Riverside College"}]})

    transfer_on: StatutoryDate
    institution: str = Field(min_length=1, max_length=200)


class ExportedPerson(BaseModel):
    """Who the plan is for, as the old LA holds it."""

    given_name: str = Field(min_length=1, max_length=200)
    family_name: str = Field(min_length=1, max_length=200)
    date_of_birth: StatutoryDate
    upn: str | None = Field(default=None, max_length=13)
    uln: str | None = Field(default=None, max_length=10)
    nhs_number: str | None = Field(default=None, max_length=10)


class ExportedVersion(PlanVersionRead):
    """The issued version carried to the new LA: its sections and lists must be ones this
    service knows."""

    sections: dict[PlanSection, str]  # type: ignore[assignment]
    preparation_for_adulthood_in: list[PlanSection]  # type: ignore[assignment]
    advice_listed: list[AdviceType]  # type: ignore[assignment]
    setting_name: str | None = Field(default=None, max_length=200)
    setting_type: SettingType | None = None
    sent_on: StatutoryDate | None = None
    comments_due_on: StatutoryDate | None = None
    earliest_final_on: StatutoryDate | None = None
    issued_on: StatutoryDate | None = None


EXPORT_EXAMPLE: Any = {
    "format": "sendsys.ehc-plan/1", "exported_by_la": "202",
    "person": {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
               "upn": None, "uln": None, "nhs_number": None},
    "issued_on": "2025-06-02", "last_reviewed_on": None,
    "content": {"number": 1, "stage": "final", "reason": "new",
                "sections": {"A": "Amara loves drawing.", "B": "Speech and language needs.",
                             "E": "Will speak in short sentences by July.",
                             "F": "Weekly speech and language therapy.",
                             "I": "Oak Primary (mainstream_school)", "K": "Advice: education"},
                "preparation_for_adulthood_in": [], "advice_listed": ["education"],
                "personal_budget_requested": False, "direct_payment": False,
                "setting_name": "Oak Primary", "setting_type": "mainstream_school",
                "sent_on": None, "comments_due_on": None, "earliest_final_on": None,
                "issued_on": "2025-06-02"}}


class PlanExport(BaseModel):
    """The portable plan (R2.4, R3.9): enough to carry it to another LA."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXPORT_EXAMPLE]})

    format: Literal["sendsys.ehc-plan/1"] = "sendsys.ehc-plan/1"
    exported_by_la: str = Field(pattern=r"^\d{3}$")
    person: ExportedPerson
    issued_on: StatutoryDate
    last_reviewed_on: StatutoryDate | None = None
    content: ExportedVersion


class PlanImport(BaseModel):
    """R3.9: a plan transferred in from the family's old LA on `transferred_on`."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "plan": EXPORT_EXAMPLE, "transferred_on": "2026-02-16",
        "contacts": [{"role": "parent", "name": "Ngozi Okafor",
                      "email": "ngozi@example.org"}]}]})

    plan: PlanExport
    transferred_on: StatutoryDate
    contacts: list[dict[str, str]] = Field(default_factory=list, max_length=20)
