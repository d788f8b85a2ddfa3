"""Pure rules of plans moving: phase transfers and post-16 moves (R3.6, R3.7, R2.3), moves
to another LA (R3.9), transfer reviews (R5.1-R5.4) and detention (R9.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessment.domain import rules
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.model import PhaseTransfer
from assessment.domain.records import Change, PlanRecord, TransferRecord
from assessment.domain.status import PlanStatus, TransferKind, TransferStatus
from assessment.domain.transfers import PHASE_PATTERNS
from common import calendar


@dataclass(frozen=True, slots=True)
class TransferSent(Change):
    status: TransferStatus
    completed_on: date


def next_phase_transfer(born_on: date, today: date, route: str) -> PhaseTransfer | None:
    """R3.6, R2.3: the next transfer along the route whose naming date has not passed."""
    upcoming = [t for t in rules.phase_transfers(born_on, PHASE_PATTERNS[route])
                if t.named_by >= today]
    return upcoming[0] if upcoming else None


def post16_amend_by(born_on: date, transfer_on: date) -> date:
    """R3.7: a move between post-16 institutions at another time: amend 5 months before."""
    if calendar.year_group(born_on, transfer_on) < 12:
        raise RuleViolation("R3.7", "the 5-month rule is for moves between post-16 "
                            "institutions", "transfer_on")
    return rules.post16_transfer_amend_by(transfer_on)


def transfer_review_due_on(kind: TransferKind, notice_on: date, started_on: date) -> date:
    """R5.1: at least 2 weeks' notice; R5.2: 14 or 18 weeks; R5.4: an LDA transfer is a new
    request with the 20-week limit (and the cohort deadline, R5.3)."""
    if notice_on > rules.transfer_review_notice_by(started_on):
        raise RuleViolation("R5.1", "a transfer review needs at least 2 weeks' notice",
                            "notice_on")
    return (rules.lda_transfer_due_on(started_on) if kind is TransferKind.LDA
            else rules.transfer_review_due_on(started_on))


def decide_sent(move: TransferRecord, sent_on: date) -> TransferSent:
    """R3.9: the plan of an open move out was sent to the new LA."""
    if move.kind != TransferKind.MOVED_OUT or move.status is not TransferStatus.OPEN \
            or move.plan_id is None:
        raise Conflict("Only an open move out is completed this way", kind="wrong-state")
    return TransferSent(status=TransferStatus.SENT, completed_on=sent_on)


def check_phase_transfer_ahead(upcoming: PhaseTransfer | None,
                               plan: PlanRecord) -> PhaseTransfer:
    """R3.6: an issued plan with a phase transfer ahead on its route."""
    if upcoming is None or plan.status is not PlanStatus.ISSUED:
        raise Conflict("No phase transfer is ahead for this plan", kind="wrong-state")
    return upcoming


def check_detention(born_on: date, detained_on: date, learned_on: date) -> date:
    """R9.2: for those aged 18 and under, learned of no earlier than the detention; returns
    the day the plan is due at the youth offending team and the establishment."""
    if not rules.is_detained_person_age(born_on, detained_on):
        raise RuleViolation("R9.2", "the detained-person duties cover those aged 18 and under",
                            "detained_on")
    if learned_on < detained_on:
        raise RuleViolation("R9.2", f"learned_on is before the detention ({detained_on})",
                            "learned_on")
    return rules.detained_plan_send_due_on(learned_on)
