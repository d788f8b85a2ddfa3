"""API models of plans moving between LAs (R3.9), phase transfers and post-16 moves (R3.6,
R3.7), transfer reviews of statements and LDAs (R5) and detained young people (R9.2)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.plans.schemas import PlanVersionRead


class MoveOutCreate(BaseModel):
    other_la_code: str = Field(pattern=r"^\d{3}$")
    moves_on: date
    learned_on: date


class TransferReviewCreate(BaseModel):
    """R5.1-R5.4: a transfer review of a statement or LDA."""

    model_config = ConfigDict(populate_by_name=True)

    from_: Literal["statement", "lda"] = Field(alias="from")
    notice_on: date
    started_on: date
    legacy_ref: str | None = Field(default=None, max_length=100)


class TransferRead(BaseModel):
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
    status: str


class StepDone(BaseModel):
    done_on: date


class DetentionCreate(BaseModel):
    detained_on: date
    learned_on: date
    establishment_name: str = Field(min_length=1, max_length=200)
    yot_name: str = Field(min_length=1, max_length=200)


class PhaseTransferRead(BaseModel):
    kind: str
    transfer_on: date
    named_by: date
    deadline_opened: bool = False


class PhaseTransferCreate(BaseModel):
    route: Literal["primary_secondary", "infant_junior", "three_tier"] = "primary_secondary"


class Post16MoveCreate(BaseModel):
    transfer_on: date
    institution: str = Field(min_length=1, max_length=200)


class PlanExport(BaseModel):
    """The portable plan (R2.4, R3.9): enough to carry it to another LA."""

    format: Literal["sendsys.ehc-plan/1"] = "sendsys.ehc-plan/1"
    exported_by_la: str
    person: dict[str, str | None]
    issued_on: date
    last_reviewed_on: date | None = None
    content: PlanVersionRead


class PlanImport(BaseModel):
    plan: PlanExport
    transferred_on: date
    contacts: list[dict[str, str]] = Field(default_factory=list)
