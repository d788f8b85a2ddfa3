"""Pure rules about a case: the child or young person's standing on a day, who may be
opened as a case, which kept case a new one would duplicate, and what merging a case into
the kept case of the same child takes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from assessment.domain import rules
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.identifiers import name_tokens
from assessment.domain.records import CaseRecord, ContactRecord, RequestRecord
from common import calendar
from common.errors import InvalidField


@dataclass(frozen=True, slots=True)
class Standing:
    year_group: int
    is_young_person: bool
    early_education_from: date | None


def standing(born_on: date, today: date, has_plan: bool) -> Standing:
    """The year group and whether a young person (over compulsory school age, R0.x); with a
    plan, below school age, the day free early education starts (R9.1)."""
    year_group = calendar.year_group(born_on, today)
    return Standing(year_group=year_group,
                    is_young_person=calendar.is_young_person(born_on, today),
                    early_education_from=rules.early_education_from(born_on)
                    if has_plan and year_group < 0 else None)


def not_future(day: date, today: date, field: str) -> None:
    """A step or a birth the client dates after today is refused, naming its field."""
    if day > today:
        raise InvalidField(field, f"{field} may not be in the future", kind="future-date")


@dataclass(frozen=True, slots=True)
class Opening:
    """What a case is opened with, as far as the rules on who may be opened need it."""

    date_of_birth: date
    request_received_on: date | None = None
    plan_maintained: bool = False


def check_may_open(opening: Opening, today: date) -> None:
    """A child born by today. From the 25th birthday a case is opened only for a request
    received before it (R1.2) or a plan the LA still maintains (R4.4: to the end of the
    academic year in which they turned 25, never past the day before the 26th birthday)."""
    born_on, received_on = opening.date_of_birth, opening.request_received_on
    not_future(born_on, today, "date_of_birth")
    turns_25 = calendar.anniversary(born_on, 25)
    if received_on is not None:
        not_future(received_on, today, "request_received_on")
        if received_on < born_on or received_on >= turns_25:
            raise RuleViolation("R1.2", "request_received_on must fall between the birth and "
                                f"the 25th birthday ({turns_25})", "request_received_on")
    if today < turns_25 or received_on is not None:
        return
    if not opening.plan_maintained:
        raise RuleViolation("R1.2", f"from the 25th birthday ({turns_25}) a case is opened "
                            "only with a request received before it or a plan still "
                            "maintained", "date_of_birth")
    if today > rules.latest_plan_end_on(born_on):
        raise RuleViolation("R4.4", "no plan is maintained after the end of the academic "
                            f"year in which they turned 25 ({rules.latest_plan_end_on(born_on)})",
                            "plan_maintained")


def same_person(case: CaseRecord, given_name: str, family_name: str, born_on: date) -> bool:
    """The same date of birth and the same name once case and accents are set aside."""
    return (case.date_of_birth == born_on
            and name_tokens(case.given_name) == name_tokens(given_name)
            and name_tokens(case.family_name) == name_tokens(family_name))


IDENTIFIERS = ("nhs_number", "upn", "uln")


@dataclass(frozen=True, slots=True)
class Newcomer:
    """A child about to be opened as a case: the fields a duplicate is recognised by."""

    given_name: str
    family_name: str
    date_of_birth: date
    nhs_number: str | None = None
    upn: str | None = None
    uln: str | None = None


def identifier_clash(newcomer: Newcomer, kept: CaseRecord) -> str | None:
    """The identifier (field name) `kept` already holds that `newcomer` claims, if any."""
    return next((f for f in IDENTIFIERS
                 if getattr(newcomer, f) and getattr(newcomer, f) == getattr(kept, f)), None)


def check_not_duplicate(newcomer: Newcomer, candidates: Iterable[CaseRecord],
                        different_child: bool) -> None:
    """One child, one case in an LA: an identifier another case holds is refused (409, naming
    that case); so is the same name and date of birth unless the caller says it is a
    different child."""
    lookalikes = []
    for kept in candidates:
        field = identifier_clash(newcomer, kept)
        if field is not None:
            raise Conflict(f"case {kept.id} already has this {field}",
                           existing_case_id=kept.id, field=field)
        if same_person(kept, newcomer.given_name, newcomer.family_name,
                       newcomer.date_of_birth):
            lookalikes.append(kept.id)
    if lookalikes and not different_child:
        raise Conflict(f"case {lookalikes[0]} has the same name and date of birth; send "
                       "`different_child: true` if this is another child",
                       existing_case_id=lookalikes[0],
                       existing_case_ids=lookalikes, field="date_of_birth")


@dataclass(frozen=True, slots=True)
class Match:
    """Which kept case a notified or imported child is: `case_id` when an identifier and the
    date of birth agree; otherwise a new case, to be reconciled with `reconcile_with` (and
    stored without the identifiers in `withheld`, which other cases hold) when there is a
    suspect."""

    case_id: str | None = None
    reconcile_with: str | None = None
    reason: str | None = None
    withheld: tuple[str, ...] = ()


def match_child(newcomer: Newcomer, candidates: Iterable[CaseRecord]) -> Match:
    """R1.15 and legacy imports: a child is a kept case's only when an identifier AND the
    date of birth agree. An identifier held by a case born on another day, or a case with the
    same name and date of birth but no shared identifier, makes the child a new case for a
    caseworker to reconcile; nothing reaches the kept case's family."""
    kept = list(candidates)
    for case in kept:
        if identifier_clash(newcomer, case) and case.date_of_birth == newcomer.date_of_birth:
            return Match(case_id=case.id)
    held = [(case, field) for case in kept for field in IDENTIFIERS
            if getattr(newcomer, field) and getattr(newcomer, field) == getattr(case, field)]
    if held:
        case, field = held[0]
        return Match(reconcile_with=case.id, withheld=tuple(sorted({f for _, f in held})),
                     reason=f"the {field} {getattr(newcomer, field)} given is held by case "
                     f"{case.id}, born on another day; it was not stored on this case")
    alike = next((c for c in kept if same_person(c, newcomer.given_name, newcomer.family_name,
                                                  newcomer.date_of_birth)), None)
    if alike is not None:
        return Match(reconcile_with=alike.id,
                     reason=f"same name and date of birth as case {alike.id}")
    return Match()


def request_collisions(merged: Iterable[RequestRecord],
                       kept: Iterable[RequestRecord]) -> list[tuple[str, str]]:
    """The (merged case's, kept case's) requests that one case cannot hold together: a child
    has one request of a kind received on a day (the requests' uniqueness rule)."""
    held = {(r.received_on, r.requester_type): r.id for r in kept}
    return [(r.id, held[(r.received_on, r.requester_type)]) for r in merged
            if (r.received_on, r.requester_type) in held]


def identifiers_to_move(merged: CaseRecord, kept: CaseRecord) -> dict[str, str]:
    """The identifiers of the merged case that the kept case lacks (it keeps its own)."""
    return {f: getattr(merged, f) for f in IDENTIFIERS
            if getattr(merged, f) and not getattr(kept, f)}


def _same_contact(one: ContactRecord, other: ContactRecord) -> bool:
    return (bool(one.email) and (one.email or "").lower() == (other.email or "").lower()
            or bool(one.phone) and (one.phone or "").replace(" ", "")
            == (other.phone or "").replace(" ", "")
            or one.role == other.role and name_tokens(one.name) == name_tokens(other.name))


def contacts_to_add(kept: list[ContactRecord],
                    merged: Iterable[ContactRecord]) -> list[ContactRecord]:
    """The merged case's contacts the kept case does not have yet (the same email address,
    phone number, or role and name, once case and accents are set aside, is the same one)."""
    added: list[ContactRecord] = []
    for contact in merged:
        if not any(_same_contact(contact, c) for c in kept + added):
            added.append(contact)
    return added
