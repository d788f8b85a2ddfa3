"""Pure rules of the local offer: ages, postcodes, review dates and the LA's review of
drafts. No clock, no database: `today` is passed in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from common import calendar
from localoffer.domain.enums import DraftState, OrganisationKind
from localoffer.domain.errors import RuleViolation, WrongState

# The local offer covers children and young people from birth to 25 (R8.1).
YOUNGEST = 0
OLDEST = 25
# An entry not reviewed for this many months is due for review (issue 13; R8.3 keeps
# the offer under review).
REVIEW_INTERVAL_MONTHS = 12

# The UK postcode shapes: outward code (area letters, district digits, optional letter)
# and inward code (sector digit, unit letters). Unit letters never use C I K M O V.
_POSTCODE = re.compile(
    r"^(?P<outward>[A-Z]{1,2}[0-9][A-Z0-9]?)\s*(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})$")


def check_age(age: int | None, field: str) -> None:
    """An age lies within 0-25: the local offer covers birth to 25 (R8.1)."""
    if age is not None and not YOUNGEST <= age <= OLDEST:
        raise RuleViolation("R8.1", f"{field} must be between {YOUNGEST} and {OLDEST}: "
                            "the local offer covers birth to 25", field)


def check_age_range(minimum_age: int | None, maximum_age: int | None) -> None:
    """Ages served lie within 0-25 and the minimum is not above the maximum (R8.1)."""
    check_age(minimum_age, "minimum_age")
    check_age(maximum_age, "maximum_age")
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        raise RuleViolation("R8.1", "minimum_age is above maximum_age", "minimum_age")


def serves_age(minimum_age: int | None, maximum_age: int | None, age: int) -> bool:
    """An entry serves `age` when it lies within its (open-ended) range."""
    return (minimum_age is None or minimum_age <= age) and \
        (maximum_age is None or age <= maximum_age)


def normalise_postcode(raw: str, field: str = "postcode") -> str:
    """The postcode in its canonical form, `SW1A 1AA`: upper case, one space before the
    inward code. Raises when the text is not shaped like a UK postcode."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    match = _POSTCODE.match(compact)
    if match is None:
        raise RuleViolation("LO-POSTCODE", f"{raw!r} is not a UK postcode", field)
    return f"{match['outward']} {match['inward']}"


def review_due_on(last_reviewed_on: date) -> date:
    """The day an entry falls due for review: 12 calendar months after its last review,
    a month after 31 January being 28/29 February (R0.4)."""
    return calendar.add_months(last_reviewed_on, REVIEW_INTERVAL_MONTHS)


def is_review_overdue(last_reviewed_on: date, today: date) -> bool:
    return review_due_on(last_reviewed_on) <= today


# ---- the LA's review of drafts (issue 13 item 2) ----------------------------------------

@dataclass(frozen=True)
class Actor:
    """Who acts on a draft: LA staff, or a provider acting for its own organisation."""

    is_la_staff: bool
    provider_code: str | None = None

    def may_edit_for(self, organisation_provider_code: str | None) -> bool:
        return self.is_la_staff or (self.provider_code is not None
                                    and self.provider_code == organisation_provider_code)


_EDITABLE = frozenset({DraftState.DRAFT, DraftState.CHANGES_REQUESTED})


def decide_edit(state: DraftState | None) -> DraftState:
    """A draft may be written while it is with its author; it goes back to `draft`.
    Content awaiting the LA's decision is frozen until the LA decides."""
    if state is DraftState.SUBMITTED:
        raise WrongState("LO-REVIEW", "the draft is with the LA for review and cannot be "
                         "changed until the LA publishes it or asks for changes", "state")
    return DraftState.DRAFT


def decide_submit(state: DraftState | None) -> DraftState:
    if state not in _EDITABLE:
        raise WrongState("LO-REVIEW", "only a draft can be sent to the LA for review",
                         "state")
    return DraftState.SUBMITTED


def decide_request_changes(state: DraftState | None, actor: Actor, comment: str) -> DraftState:
    if not actor.is_la_staff:
        raise RuleViolation("LO-REVIEW", "only LA staff review drafts", "role")
    if state is not DraftState.SUBMITTED:
        raise WrongState("LO-REVIEW", "changes can be asked for only on a draft sent for "
                         "review", "state")
    if not comment.strip():
        raise RuleViolation("LO-REVIEW", "say what should change", "comment")
    return DraftState.CHANGES_REQUESTED


def decide_publish(state: DraftState | None, actor: Actor) -> None:
    """Only LA staff publish (issue 13 item 2); a provider's draft must first be sent for
    review, an LA officer's own draft may be published directly."""
    if not actor.is_la_staff:
        raise RuleViolation("LO-REVIEW", "only LA staff publish entries of the local offer",
                            "role")
    if state is None or state is DraftState.CHANGES_REQUESTED:
        raise WrongState("LO-REVIEW", "there is no draft ready to publish", "state")


def check_sen_information_report(kind: OrganisationKind, academic_year: str,
                                 today: date) -> None:
    """A yearly SEN information report belongs to a school or college (R8.6), for the
    current school year or the next one (a school publishes ahead of September)."""
    if not kind.publishes_sen_information_report:
        raise RuleViolation("R8.6", f"a {kind.value} organisation does not publish an SEN "
                            "information report", "organisation_id")
    current = school_year_of(today)
    allowed = {current, next_school_year(current)}
    if academic_year not in allowed:
        raise RuleViolation("R8.6", f"academic_year must be {current} or "
                            f"{next_school_year(current)}", "academic_year")


def school_year_of(day: date) -> str:
    """The school year (1 September to 31 August) containing `day`, as `2025/26`."""
    start = calendar.school_year_starting(day)
    return f"{start}/{(start + 1) % 100:02d}"


def next_school_year(school_year: str) -> str:
    start = int(school_year[:4]) + 1
    return f"{start}/{(start + 1) % 100:02d}"
