"""Pure rules of advice for an assessment (R1.7, R1.8) and of the exceptions to its time
limits (R0.5, R1.9, R1.10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessment.domain import rules
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.model import ADVICE_EXCEPTIONS, AdviceType, ExceptionKind, TimelineException
from assessment.domain.records import AdviceRecord, Change, ExceptionRecord
from assessment.domain.status import AdviceStatus
from common import calendar


@dataclass(frozen=True, slots=True)
class AdviceReceived(Change):
    status: AdviceStatus
    received_on: date
    author: str
    summary: str


def check_advice_sought(advice_type: AdviceType, requested_on: date, assess_decided_on: date,
                        born_on: date) -> date:
    """R1.7, R1.8: advice is sought once the LA has decided to assess, preparation for
    adulthood advice from year 9; returns the day it is due (6 weeks on)."""
    if requested_on < assess_decided_on:
        raise RuleViolation("R0.1", f"requested_on is before the decision to assess "
                            f"({assess_decided_on})", "requested_on")
    if (advice_type is AdviceType.PREPARATION_FOR_ADULTHOOD
            and calendar.year_group(born_on, requested_on) < 9):
        raise RuleViolation("R1.7", "preparation for adulthood advice is from year 9",
                            "advice_type")
    return rules.advice_due_on(requested_on)


def decide_advice_received(advice: AdviceRecord, received_on: date, author: str,
                           summary: str) -> AdviceReceived:
    """R1.8: advice arrives (once) no earlier than it was asked for."""
    if advice.status is AdviceStatus.RECEIVED:
        raise Conflict("This advice has already been received", kind="already-received")
    if received_on < advice.requested_on:
        raise RuleViolation("R1.8", f"received_on is before the request for advice "
                            f"({advice.requested_on})", "received_on")
    return AdviceReceived(status=AdviceStatus.RECEIVED, received_on=received_on, author=author,
                          summary=summary)


def exception_from(kind: str, evidence: str, *, starts_on: date | None, ends_on: date | None,
                   advice_requested_on: date | None, for_advice: bool) -> TimelineException:
    """R1.9 (the 6/16/20-week limits) or R1.10 (advice): the exception, if it is one."""
    rule = "R1.10" if for_advice else "R1.9"
    try:
        exception_kind = ExceptionKind(kind)
    except ValueError:
        raise RuleViolation(rule, f"{kind} is not an exception (a waiting list never is)",
                            "kind") from None
    exception = TimelineException(kind=exception_kind, evidence=evidence, starts_on=starts_on,
                                  ends_on=ends_on, advice_requested_on=advice_requested_on)
    if for_advice:
        rules.check_advice_exception(exception)
    elif exception_kind in ADVICE_EXCEPTIONS:
        raise RuleViolation("R1.9", f"{exception_kind} excuses late advice only", "kind")
    else:
        rules.check_exception(exception)
    return exception


def timeline_exception(record: ExceptionRecord) -> TimelineException:
    return TimelineException(kind=ExceptionKind(record.kind), evidence=record.evidence,
                             starts_on=record.starts_on, ends_on=record.ends_on,
                             advice_requested_on=record.advice_requested_on)
