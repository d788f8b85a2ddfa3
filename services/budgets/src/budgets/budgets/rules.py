"""A personal budget from request to decision (R7.1-R7.3, R7.5, R7.6, R7.8). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from budgets.domain.enums import BudgetStatus, DeadlineKind, Decision
from budgets.domain.errors import RuleViolation, WrongState
from budgets.domain.model import BudgetState, Component
from common import calendar

S = BudgetStatus
# The LA's own service standard for deciding a review of a refused budget (R7.8 sets no
# period): 4 weeks from the family's request. A local choice, not a statute.
REVIEW_REQUEST_WEEKS = 4
PREPARABLE = (S.INFORMED, S.PREPARED, S.REOPENED, S.REVIEW_REQUESTED)


def _not_before(day: date, earlier: date | None, field: str, what: str, rule: str) -> None:
    if earlier is not None and day < earlier:
        raise RuleViolation(rule, f"{field} cannot be before {what} ({earlier})", field)


def _not_future(day: date, today: date, field: str, rule: str) -> None:
    if day > today:
        raise RuleViolation(rule, f"{field} {day} has not come yet", field)


def decide_received(received_on: date, today: date) -> None:
    _not_future(received_on, today, "received_on", "R7.1")


def decide_information(state: BudgetState, given_on: date, covers: dict[str, bool],
                       today: date) -> None:
    """R7.3: the family is told what a budget may cover, where to get advice on budgets, and
    the direct payment conditions — all three, once the request is in."""
    if state.status not in (S.RECEIVED, S.INFORMED, S.REOPENED):
        raise WrongState("R7.3", f"information is given before the decision; the budget is "
                         f"{state.status.value}", "status")
    _not_before(given_on, state.received_on, "given_on", "the request", "R7.3")
    _not_future(given_on, today, "given_on", "R7.3")
    for item, given in covers.items():
        if not given:
            raise RuleViolation("R7.3", "the family must be told this", item)


def component_problems(components: Sequence[Component]) -> list[RuleViolation]:
    """R7.2, R7.5, R7.6, R7.7, R7.10: each component's mechanism, amount and direct payment
    details."""
    problems: list[RuleViolation] = []
    for n, c in enumerate(components):
        at = f"components.{n}"
        if c.block_commissioned:
            if c.mechanism is not None or c.annual_pence:
                problems.append(RuleViolation(
                    "R7.5", "block-commissioned provision that cannot be disaggregated has no "
                    "mechanism or amount of its own", f"{at}.mechanism"))
            continue
        if c.mechanism is None:
            problems.append(RuleViolation("R7.2", "say how the component is delivered: direct "
                                          "payment, notional or third party", f"{at}.mechanism"))
        if not c.is_direct_payment:
            continue
        if c.school_or_college_place:
            problems.append(RuleViolation("R7.6", "a direct payment may never pay for a school "
                                          "or college place", f"{at}.school_or_college_place"))
        if c.on_setting_premises and not (c.setting_name and c.setting_urn):
            problems.append(RuleViolation("R7.7", "provision on a school's or college's premises "
                                          "names the setting (name and URN)",
                                          f"{at}.setting_urn"))
        if not (c.needs_met and c.outcomes_met):
            problems.append(RuleViolation("R7.10", "name the SEN and outcomes the direct payment "
                                          "meets", f"{at}.outcomes_met"))
    return problems


def decide_prepare(state: BudgetState, components: Sequence[Component]) -> int:
    """R7.3 first, then the components (R7.2, R7.5-R7.7, R7.10); returns the total in pence
    (block-commissioned provision is outside it)."""
    if state.status not in PREPARABLE:
        rule = "R7.3" if state.status is S.RECEIVED else "R7.1"
        raise WrongState(rule, f"a {state.status.value} budget cannot be prepared"
                         + (" before the family is told what a budget may cover"
                            if rule == "R7.3" else ""), "status")
    if not components:
        raise RuleViolation("R7.2", "a budget has at least one component", "components")
    problems = component_problems(components)
    if problems:
        raise problems[0]
    return total_pence(components)


def total_pence(components: Sequence[Component]) -> int:
    return sum(c.annual_pence for c in components if not c.block_commissioned)


def decide_decision(state: BudgetState, decision: Decision, decided_on: date,
                    reasons: str | None, components: Sequence[Component], today: date) -> None:
    """R7.1 (the LA must consider and prepare one), R7.8 (a refusal gives reasons)."""
    allowed = (S.PREPARED, S.REVIEW_REQUESTED) if decision is Decision.AGREED \
        else (*PREPARABLE, S.RECEIVED)
    if state.status not in allowed:
        raise WrongState("R7.1", f"a {state.status.value} budget cannot be {decision.value}",
                         "status")
    _not_before(decided_on, state.received_on, "decided_on", "the request", "R7.1")
    _not_future(decided_on, today, "decided_on", "R7.1")
    if decision is Decision.REFUSED and not (reasons or "").strip():
        raise RuleViolation("R7.8", "a refusal gives its reasons", "reasons")
    if decision is Decision.AGREED and not components:
        raise RuleViolation("R7.2", "set out the budget before agreeing it", "components")
    if decision is Decision.AGREED and not any(not c.block_commissioned for c in components):
        raise RuleViolation("R7.5", "only block-commissioned provision: there is nothing to "
                            "agree a budget for", "components")


@dataclass(frozen=True, slots=True)
class ReviewRequest:
    due_on: date
    deadline_kind: DeadlineKind = DeadlineKind.BUDGET_REVIEW_REQUEST


def decide_review_request(state: BudgetState, requested_on: date, grounds: str,
                          today: date) -> ReviewRequest:
    """R7.8: a refusal carries the right to ask for a review; the LA reviews on request."""
    if state.status is not S.REFUSED:
        raise WrongState("R7.8", "a review is asked for after a refusal", "status")
    _not_before(requested_on, state.decided_on, "requested_on", "the refusal", "R7.8")
    _not_future(requested_on, today, "requested_on", "R7.8")
    if not grounds.strip():
        raise RuleViolation("R7.8", "say why the refusal should be reviewed", "grounds")
    return ReviewRequest(calendar.add_weeks(requested_on, REVIEW_REQUEST_WEEKS))


def decide_reopen(status: BudgetStatus) -> bool:
    """R7.9: an agreed budget is looked at again at each annual review or re-assessment."""
    return status is S.AGREED
