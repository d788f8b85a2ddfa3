"""Pure rules of the SEN2 return (R13.1): the census date, who is in scope and the rows of
each module; the checks each row must pass are in `sen2_validation.rules`.

Layout followed: the DfE's "Special educational needs person level survey 2025: guide"
(v1.4) and the 2023 technical specification (v1.1) for the module structure; each field
below names its guide item ("2.1" = module 2, item 1). The 2026 and 2027 guides were not
read. Item numbers seen in the 2025 guide: 3.1, 4.6, 4.7c, 5.7c, 5.8a; the others follow
each module's field order and are unconfirmed. A check's `rule` is our own id with the item
it enforces: the DfE's own validation rule numbers were not confirmed.

Nothing here reads the clock or the database: the service gathers each person's records
(`PersonFacts`) and this module maps them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assessment.domain.model import ASSESSMENT_EXCEPTIONS
from assessment.domain.records import (
    CaseRecord,
    ExceptionRecord,
    PlanRecord,
    RequestRecord,
    ReviewRecord,
    VersionRecord,
)
from assessment.domain.status import PlanOrigin, PlanStatus
from assessment.sen2_validation.rules import Check, check_return
from common import calendar
from common.errors import InvalidField

GUIDE = ("DfE SEN2 person level survey 2025 guide v1.4 (item numbers); SEN2 person level "
         "2023 technical specification v1.1 (modules)")
# 4.7c / 5.7c: the SEN setting, for a placement with neither URN nor UKPRN.
SETTING_OF_TYPE = {"early_years": "EYP", "other": "OTH"}


@dataclass(frozen=True, slots=True)
class PersonDetail:
    """What the SEN2 return needs that no other part of the service records (1.5-1.7, 5.8)."""

    gender: str | None = None
    ethnicity: str | None = None
    postcode: str | None = None
    upn_unknown: str | None = None
    sen_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanFacts:
    plan: PlanRecord
    final: VersionRecord | None


@dataclass(frozen=True, slots=True)
class PersonFacts:
    case: CaseRecord
    detail: PersonDetail
    requests: Sequence[RequestRecord]
    plans: Sequence[PlanFacts]
    reviews: Sequence[ReviewRecord] = ()
    exceptions: Sequence[ExceptionRecord] = ()


@dataclass
class Return:
    census_date: date
    period_start: date
    period_end: date
    modules: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)


_PLACEMENT = ("urn", "ukprn", "sensetting", "sensettingother", "placementrank",
              "senunitindicator", "resourcedprovisionindicator")
# Each module's columns, in the guide's order (module 0, the LA header, is the return's own).
COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("persontableid", "surname", "forename", "personbirthdate", "gendercurrent",
               "ethnicity", "postcode", "upn", "uniquelearnernumber", "upnunknown"),
    "requests": ("requeststableid", "persontableid", "receiveddate", "rya",
                 "requestoutcomedate", "requestoutcome", "requestmediation", "requesttribunal",
                 "exported"),
    "assessment": ("assessmenttableid", "requeststableid", "assessmentoutcome",
                   "assessmentoutcomedate", "assessmentmediation", "assessmenttribunal",
                   "othermediation", "othertribunal", "week20"),
    "namedplan": ("namedplantableid", "assessmenttableid", "startdate", "planres", "planwbp",
                  "pb", "oa", "dp", "ceasedate", "ceasereason"),
    "plandetail": ("plandetailtableid", "namedplantableid", *_PLACEMENT),
    "activeplans": ("activeplanstableid", "requeststableid", "transferla", "res", "wbp",
                    "lastreview"),
    "placementdetail": ("placementdetailtableid", "activeplanstableid", *_PLACEMENT,
                        "entrydate", "leavingdate", "attendancepattern"),
    "senneed": ("senneedtableid", "activeplanstableid", "sentyperank", "sentype"),
}
MODULES = tuple(COLUMNS)
THURSDAY = 3  # date.weekday()


def census_date(year: int) -> date:
    """The SEN2 census (reference) date: the third Thursday of January of `year`."""
    return calendar.nth_weekday_of_month(year, 1, THURSDAY, 3)


def decide_census_date(day: date) -> date:
    """A census date must be the third Thursday of a January (R13.1)."""
    if not 2015 <= day.year <= 2100 or census_date(day.year) != day:
        raise InvalidField("census_date", f"{day} is not the third Thursday of January; the "
                           f"{day.year} census date is {census_date(day.year)}",
                           kind="not-a-census-date")
    return day


def collection_period(census: date) -> tuple[date, date]:
    """The calendar year before the census (R13.1)."""
    return date(census.year - 1, 1, 1), date(census.year - 1, 12, 31)


def is_active(plan: PlanRecord, on: date) -> bool:
    """A plan maintained on `on`: issued by then and not ceased or moved out by then."""
    if plan.first_issued_on is None or plan.first_issued_on > on:
        return False
    if plan.ceased_on is not None:
        return plan.ceased_on > on
    return plan.status is not PlanStatus.TRANSFERRED_OUT


def request_outcome_on(request: RequestRecord) -> date | None:
    return request.decided_on


def _ended_on(request: RequestRecord) -> date | None:
    if request.decision == "refuse":
        return request.decided_on
    return request.plan_outcome_on


def request_in_scope(request: RequestRecord, start: date, census: date) -> bool:
    """1.3: a request received by the census date whose work ended in the year or was still
    going on the census date."""
    if request.received_on > census:
        return False
    ended = _ended_on(request)
    return ended is None or ended >= start


def in_scope(person: PersonFacts, start: date, census: date) -> bool:
    """1.3.1-1.3.7: an active plan on the census date, a plan ceased in the year, or a
    request in scope."""
    return any(is_active(p.plan, census) or (p.plan.ceased_on is not None
                                             and start <= p.plan.ceased_on <= census)
               for p in person.plans) or \
        any(request_in_scope(r, start, census) for r in person.requests)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def person_row(person: PersonFacts) -> dict[str, Any]:
    """Module 1, person details (items 1.1-1.9)."""
    case, detail = person.case, person.detail
    return {"persontableid": case.id,
            "surname": case.family_name,                       # 1.1
            "forename": case.given_name,                       # 1.2
            "personbirthdate": _day(case.date_of_birth),       # 1.3
            "gendercurrent": detail.gender or "",              # 1.5
            "ethnicity": detail.ethnicity or "",               # 1.6
            "postcode": detail.postcode or "",                 # 1.7
            "upn": case.upn or "",                             # 1.8
            "uniquelearnernumber": case.uln or "",             # 1.9
            "upnunknown": detail.upn_unknown or ""}            # 1.10


def request_row(person: PersonFacts, request: RequestRecord) -> dict[str, Any]:
    """Module 2, requests for an EHC needs assessment (items 2.1-2.7). Mediation and tribunal
    (2.5, 2.6) are mediation's records, not this service's: left blank."""
    outcome = {"assess": "A", "refuse": "N"}.get(request.decision or "", "")
    detained = person.case.detained_since
    return {"requeststableid": request.id, "persontableid": person.case.id,
            "receiveddate": _day(request.received_on),                     # 2.1
            "rya": _flag(detained is not None and detained <= request.received_on),  # 2.2
            "requestoutcomedate": _day(request_outcome_on(request)),      # 2.3
            "requestoutcome": outcome,                                    # 2.4
            "requestmediation": "", "requesttribunal": "",                # 2.5, 2.6
            "exported": ""}                                               # 2.7


def week20_exception(request: RequestRecord, exceptions: Iterable[ExceptionRecord]) -> bool:
    return any(e.request_id == request.id and e.kind in ASSESSMENT_EXCEPTIONS
               for e in exceptions)


def assessment_row(person: PersonFacts, request: RequestRecord) -> dict[str, Any] | None:
    """Module 3, the EHC needs assessment of a request the LA agreed to (items 3.1-3.7)."""
    if request.decision != "assess":
        return None
    outcome = {"issued": "Y", "refused": "N"}.get(request.plan_outcome or "", "")
    return {"assessmenttableid": request.id, "requeststableid": request.id,
            "assessmentoutcome": outcome,                                 # 3.1
            "assessmentoutcomedate": _day(request.plan_outcome_on),       # 3.2
            "assessmentmediation": "", "assessmenttribunal": "",          # 3.3, 3.4
            "othermediation": "", "othertribunal": "",                    # 3.5, 3.6
            "week20": _flag(week20_exception(request, person.exceptions))}  # 3.7


def cease_reason(plan: PlanRecord) -> str:
    """4.6 from what the service records: moved out → 5; `no_longer_necessary` → 2 (needs
    met without a plan); `no_longer_responsible` → 9 (other: the service does not record
    which of 1, 3, 4, 6, 7 applies)."""
    if plan.ceased_on is None and plan.status is not PlanStatus.TRANSFERRED_OUT:
        return ""
    if plan.status is PlanStatus.TRANSFERRED_OUT:
        return "5"
    return {"no_longer_necessary": "2"}.get(plan.cease_ground or "", "9")


def named_plan_row(facts: PlanFacts) -> dict[str, Any]:
    """Module 4, the plan issued after the assessment (items 4.1-4.6)."""
    plan, final = facts.plan, facts.final
    direct = bool(final and final.direct_payment)
    return {"namedplantableid": plan.id, "assessmenttableid": plan.request_id or "",
            "startdate": _day(plan.first_issued_on),                      # 4.1
            "planres": "", "planwbp": "",                                 # 4.2, 4.3
            "pb": _flag(direct), "oa": "", "dp": _flag(direct),           # 4.4a-c
            "ceasedate": _day(plan.ceased_on),                            # 4.5
            "ceasereason": cease_reason(plan)}                            # 4.6


def placement(case: CaseRecord, final: VersionRecord | None) -> dict[str, Any]:
    """4.7 / 5.7: URN or UKPRN of the named setting, else its SEN setting code."""
    urn, ukprn = case.setting_urn or "", case.setting_ukprn or ""
    kind = (final.setting_type if final else None) or case.setting_type or ""
    setting = "" if urn or ukprn else SETTING_OF_TYPE.get(kind, "OTH" if kind else "")
    return {"urn": urn, "ukprn": ukprn, "sensetting": setting, "sensettingother": "",
            "placementrank": "1", "senunitindicator": "", "resourcedprovisionindicator": ""}


def last_review(plan: PlanRecord, reviews: Iterable[ReviewRecord], census: date) -> date | None:
    decided = [r.decided_on for r in reviews
               if r.plan_id == plan.id and r.decided_on and r.decided_on <= census]
    return max(decided, default=None)


def active_plan_row(person: PersonFacts, facts: PlanFacts, census: date) -> dict[str, Any]:
    """Module 5, a plan active on the census date (items 5.1-5.4)."""
    plan = facts.plan
    return {"activeplanstableid": plan.id, "requeststableid": plan.request_id or "",
            "transferla": "",  # 5.2: the LA a plan moved in from is not recorded
            "res": "", "wbp": "",                                               # 5.3, 5.4
            "lastreview": _day(last_review(plan, person.reviews, census))}      # 5.5


def sen_need_rows(plan: PlanRecord, detail: PersonDetail) -> list[dict[str, Any]]:
    """5.8: the person's needs, ranked (rank 1 is the primary need)."""
    return [{"senneedtableid": f"{plan.id}-{rank}", "activeplanstableid": plan.id,
             "sentyperank": str(rank), "sentype": sen_type}
            for rank, sen_type in enumerate(detail.sen_types, start=1)]


def build_return(people: Iterable[PersonFacts], census: date) -> Return:
    """Every module's rows for the people in scope on `census`, and every failed check."""
    start, end = collection_period(census)
    built = Return(census, start, end, {m: [] for m in MODULES})
    for person in sorted(people, key=lambda p: (p.case.family_name, p.case.given_name,
                                                p.case.id)):
        if in_scope(person, start, census):
            _add_person(built, person, census)
    built.checks = check_return(built.modules, census)
    return built


def _add_person(built: Return, person: PersonFacts, census: date) -> None:
    rows = built.modules
    rows["person"].append(person_row(person))
    for request in person.requests:
        if request_in_scope(request, built.period_start, census):
            rows["requests"].append(request_row(person, request))
            assessment = assessment_row(person, request)
            if assessment:
                rows["assessment"].append(assessment)
    for facts in person.plans:
        plan = facts.plan
        issued_in_year = plan.first_issued_on is not None and \
            built.period_start <= plan.first_issued_on <= census
        ceased_in_year = plan.ceased_on is not None and \
            built.period_start <= plan.ceased_on <= census
        if plan.origin is PlanOrigin.NEW and (issued_in_year or ceased_in_year):
            rows["namedplan"].append(named_plan_row(facts))
            rows["plandetail"].append({"plandetailtableid": plan.id,
                                       "namedplantableid": plan.id,
                                       **placement(person.case, facts.final)})
        if is_active(plan, census):
            rows["activeplans"].append(active_plan_row(person, facts, census))
            rows["placementdetail"].append({"placementdetailtableid": plan.id,
                                            "activeplanstableid": plan.id,
                                            **placement(person.case, facts.final),
                                            "entrydate": "", "leavingdate": "",
                                            "attendancepattern": ""})
            rows["senneed"].extend(sen_need_rows(plan, person.detail))


