"""Pure rules of ceasing to maintain a plan (R4.1-R4.5): the grounds, the decision, an
appeal against it and the day the plan ceases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from assessment.domain import rules
from assessment.domain.appeals import transfer_review_decision_kind
from assessment.domain.ceasing import (
    EducationSpell,
    in_education_or_training_on,
    latest_plan_end_for,
)
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.records import CeaseProposalRecord, Change
from assessment.domain.status import CeaseStatus, PlanStatus
from common import calendar

AGE_GROUNDS = frozenset({"aged_19_or_over", "age", "over_19", "reached_19"})


@dataclass(frozen=True, slots=True)
class CeaseDecided(Change):
    status: CeaseStatus
    decided_on: date
    notified_on: date
    ceases_on: date


@dataclass(frozen=True, slots=True)
class AppealLodged(Change):
    status: CeaseStatus
    appeal_lodged_on: date


@dataclass(frozen=True, slots=True)
class AppealDecided(Change):
    status: CeaseStatus
    appeal_outcome: str


@dataclass(frozen=True, slots=True)
class Ceased(Change):
    status: CeaseStatus


def check_ground(ground: str, reason: str, born_on: date, on: date, *,
                 in_education: bool = True, review_completed: bool = False) -> None:
    """R4.1-R4.4 for a proposal judged on `on`."""
    if ground in AGE_GROUNDS:
        raise RuleViolation("R4.2", "being 19 or over is never a ground to cease", "ground")
    rules.check_may_cease(ground, born_on, on, in_education_or_training=in_education,
                          leaving_review_completed=review_completed)
    if reason == "reached_25" and on < calendar.anniversary(born_on, 25):
        raise RuleViolation("R4.4", "the young person has not reached 25", "reason")


def check_end(ceases_on: date, born_on: date, spells: Sequence[EducationSpell] = ()) -> None:
    """R4.4 (CFA s.46, Regs reg 46(1)): not past the end of the academic year in which the
    young person turns 25, as what they are doing fixes it (31 July in further education, the
    apprenticeship's end, otherwise 31 August), never beyond the day before the 26th
    birthday."""
    latest = latest_plan_end_for(born_on, spells)
    if ceases_on > latest:
        raise RuleViolation("R4.4", f"a plan cannot run past {latest}", "ceases_on")


def _not_before(day: date, earlier: date, field: str, what: str) -> None:
    if day < earlier:
        raise RuleViolation("R4.5", f"{field} is before {what} ({earlier})", field)


def decide_to_cease(proposal: CeaseProposalRecord, decided_on: date, notified_on: date,
                    ceases_on: date, born_on: date,
                    spells: Sequence[EducationSpell] = ()) -> CeaseDecided:
    """R4.5: decided after consulting, ceasing no earlier than the notice, never past the
    latest end of a plan (R4.4); a proposal is decided once."""
    if proposal.status is not CeaseStatus.CONSULTING:
        raise Conflict("This proposal has been decided")
    _not_before(decided_on, proposal.consulted_on, "decided_on", "the consultation")
    _not_before(ceases_on, notified_on, "ceases_on", "the notice")
    check_end(ceases_on, born_on, spells)
    return CeaseDecided(status=CeaseStatus.DECIDED, decided_on=decided_on,
                        notified_on=notified_on, ceases_on=ceases_on)


def decide_after_review(ground: str, decided_on: date, notified_on: date,
                        ceases_on: date | None, born_on: date,
                        spells: Sequence[EducationSpell] = ()) -> CeaseDecided:
    """R3.4 with R4: a review decides to cease on the same grounds (R4.1-R4.4); the plan
    ceases no earlier than the notice."""
    check_ground(ground, "other", born_on, decided_on)
    ends_on = ceases_on or notified_on
    _not_before(ends_on, notified_on, "ceases_on", "the notice")
    check_end(ends_on, born_on, spells)
    return CeaseDecided(status=CeaseStatus.DECIDED, decided_on=decided_on,
                        notified_on=notified_on, ceases_on=ends_on)


def decide_appeal_lodged(proposal: CeaseProposalRecord, lodged_on: date) -> AppealLodged:
    """R6.1: a decision to cease can be appealed."""
    if proposal.status is not CeaseStatus.DECIDED:
        raise Conflict("Only a decision to cease can be appealed")
    return AppealLodged(status=CeaseStatus.APPEALED, appeal_lodged_on=lodged_on)


def decide_appeal_outcome(proposal: CeaseProposalRecord, outcome: str) -> AppealDecided:
    """An upheld appeal keeps the plan (the proposal is withdrawn); dismissed or withdrawn
    lets the cessation proceed."""
    if proposal.status is not CeaseStatus.APPEALED:
        raise Conflict("No appeal is pending")
    return AppealDecided(status=CeaseStatus.WITHDRAWN if outcome == "upheld"
                         else CeaseStatus.DECIDED, appeal_outcome=outcome)


def check_decided(proposal: CeaseProposalRecord, ceased_on: date) -> None:
    """A plan ceases on a decided proposal: never while its appeal is pending (R4.5), nor
    before the decision (409 `wrong-state`)."""
    if proposal.status is CeaseStatus.APPEALED:
        check_cease_on(proposal, ceased_on)
    if proposal.status is not CeaseStatus.DECIDED:
        raise Conflict("The proposal has not been decided", kind="wrong-state")


def check_cease_on(proposal: CeaseProposalRecord, ceased_on: date) -> None:
    """R4.5: never while an appeal is pending, nor before the day the decision gave."""
    if proposal.status is CeaseStatus.APPEALED:
        raise RuleViolation("R4.5", "the plan stays in force until the appeal is decided",
                            "status")
    assert proposal.ceases_on is not None
    _not_before(ceased_on, proposal.ceases_on, "ceased_on", "the date given in the decision")


def decide_ceased(proposal: CeaseProposalRecord, ceased_on: date, *,
                  certificate_issued_on: date | None = None,
                  family_will_not_appeal: bool = False) -> Ceased:
    """R4.5: as `check_cease_on`, and with no appeal decided not before the appeal period
    ends unless the family confirmed they will not appeal."""
    check_cease_on(proposal, ceased_on)
    assert proposal.decided_on is not None
    rules.check_cease_takes_effect(
        ceased_on, proposal.notified_on or proposal.decided_on,
        certificate_issued_on=certificate_issued_on,
        appeal_decided=proposal.appeal_outcome is not None,
        family_will_not_appeal=family_will_not_appeal)
    return Ceased(status=CeaseStatus.CEASED)


def appeal_period_ends_on(proposal: CeaseProposalRecord) -> date | None:
    """R6.9: the last day to appeal the decision, once it is notified."""
    if proposal.notified_on is None:
        return None
    return rules.appeal_period_ends_on(proposal.notified_on)


def in_education(said: bool | None, spells: Sequence[EducationSpell], on: date) -> bool:
    """R4.3: what the caseworker says, else what the records show on `on`; with neither,
    in education (the plan is not ceased on a guess)."""
    if said is not None:
        return said
    shown = in_education_or_training_on(spells, on)
    return True if shown is None else shown


@dataclass(frozen=True, slots=True)
class CeasedInsteadOfTransfer:
    """R5.5: a transfer review ends with the statement (or LDA) ceased, no plan made."""

    decided_on: date
    notified_on: date
    decision_kind: str


def decide_cease_instead_of_transfer(kind: str, started_on: date | None,
                                     plan_status: PlanStatus, decided_on: date,
                                     notified_on: date) -> CeasedInsteadOfTransfer:
    """R5.5: only an open transfer review of a statement or LDA, whose plan is not yet
    issued; decided no earlier than the review started, notified no earlier than decided;
    appealable as a refusal to issue a plan."""
    if kind not in {"statement", "lda"} or plan_status is not PlanStatus.DRAFT:
        raise Conflict("Only a transfer review whose plan is not yet issued can end this way")
    if started_on is not None and decided_on < started_on:
        raise RuleViolation("R5.5", f"decided_on is before the transfer review started "
                            f"({started_on})", "decided_on")
    if notified_on < decided_on:
        raise RuleViolation("R5.5", f"notified_on is before decided_on ({decided_on})",
                            "notified_on")
    return CeasedInsteadOfTransfer(decided_on=decided_on, notified_on=notified_on,
                                   decision_kind=transfer_review_decision_kind(False))
