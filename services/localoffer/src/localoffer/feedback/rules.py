"""Pure rules for feedback on the local offer: moderation before publication, the
per-address rate limit, the response lifecycle and the yearly publication date (R8.3).

No clock, database or web framework here: instants and dates are passed in."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from common import calendar
from common.errors import RuleViolation
from localoffer.domain.feedback import (  # noqa: F401 (re-exported for the feature)
    CommenterKind,
    FeedbackStatus,
    FeedbackTopic,
    HoldReason,
)

PUBLICATION_INTERVAL_MONTHS = 12  # R8.3: comments and responses published at least yearly


# What the commenter is told for each reason (plain English, shown on the page and in the API).
HOLD_EXPLANATIONS: dict[HoldReason, str] = {
    HoldReason.NAME_WITH_DATE_OF_BIRTH:
        "It seems to name a child or young person with a date of birth. Comments are "
        "published, so we do not show details about one person's case.",
    HoldReason.NHS_NUMBER:
        "It contains what looks like an NHS number. We never publish health identifiers.",
    HoldReason.EMAIL_ADDRESS:
        "It contains an email address. Comments are published without contact details.",
    HoldReason.PHONE_NUMBER:
        "It contains a phone number. Comments are published without contact details.",
    HoldReason.ABUSE:
        "It contains abusive or threatening language, which we do not publish.",
}


@dataclass(frozen=True)
class Moderation:
    reasons: tuple[HoldReason, ...]

    @property
    def status(self) -> FeedbackStatus:
        return FeedbackStatus.HELD if self.reasons else FeedbackStatus.PUBLISHED

    @property
    def explanations(self) -> list[str]:
        return [HOLD_EXPLANATIONS[r] for r in self.reasons]


_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}})")
_BIRTH_CUE = r"(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|born(?:\s+on)?|birthday)"
_DATE_OF_BIRTH = re.compile(
    rf"{_BIRTH_CUE}\W{{0,4}}(?:\w+\W+){{0,3}}?{_DATE}|{_DATE}\W{{0,4}}\(?\s*{_BIRTH_CUE}",
    re.IGNORECASE)
# A capitalised forename and surname, then a comma or bracket and a date: "Sam Jones, 03/04/2015".
_NAME_THEN_DATE = re.compile(rf"\b[A-Z][a-z]+\s+[A-Z][a-z'\-]+\s*[,(]\s*{_DATE}")
_NHS_CANDIDATE = re.compile(r"(?<!\d)(\d{3})[ \-]?(\d{3})[ \-]?(\d{4})(?!\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE = re.compile(r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[\s\-]?\d){8,9}(?!\d)")
_ABUSIVE_WORDS = (
    r"f+[\W_]*u*[\W_]*c+[\W_]*k+\w*", r"sh[i1!*]te?", r"c[u*]nts?", r"bastards?", r"bitch\w*",
    r"wank\w*", r"twats?", r"idiots?", r"morons?", r"scum\w*", r"retard\w*",
    r"dickheads?", r"arseholes?", r"assholes?", r"piss\s+off",
)
_ABUSE = re.compile(rf"\b(?:{'|'.join(_ABUSIVE_WORDS)})\b"
                    r"|\b(?:i'?ll|i\s+will|going\s+to|gonna)\s+(?:kill|hurt|get|find|burn)\s+"
                    r"(?:you|them|him|her)\b|\bkill\s+you\b", re.IGNORECASE)


def is_nhs_number(digits: str) -> bool:
    """A ten-digit NHS number passes its modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _contains_nhs_number(text: str) -> bool:
    return any(is_nhs_number("".join(m.groups())) for m in _NHS_CANDIDATE.finditer(text))


def moderate(comment: str) -> Moderation:
    """Decide whether a comment may be published as it is (R8.3: comments are published
    anonymised; ones about an individual's case, or vexatious ones, may be left out)."""
    checks = (
        (HoldReason.NAME_WITH_DATE_OF_BIRTH,
         bool(_DATE_OF_BIRTH.search(comment) or _NAME_THEN_DATE.search(comment))),
        (HoldReason.NHS_NUMBER, _contains_nhs_number(comment)),
        (HoldReason.EMAIL_ADDRESS, bool(_EMAIL.search(comment))),
        (HoldReason.PHONE_NUMBER, bool(_PHONE.search(comment))),
        (HoldReason.ABUSE, bool(_ABUSE.search(comment))),
    )
    return Moderation(tuple(reason for reason, found in checks if found))


@dataclass(frozen=True)
class RateLimit:
    """At most `max_comments` from one client address within any `window`."""

    max_comments: int = 5
    window: timedelta = timedelta(hours=1)


def retry_after_seconds(recent: Iterable[datetime], now: datetime,
                        limit: RateLimit) -> int | None:
    """None when one more comment is allowed now; otherwise the whole seconds until the
    oldest comment that counts leaves the window."""
    counted = sorted(t for t in recent if timedelta(0) <= now - t < limit.window)
    if len(counted) < limit.max_comments:
        return None
    frees_at = counted[-limit.max_comments] + limit.window
    return max(1, math.ceil((frees_at - now).total_seconds()))


def decide_response(status: FeedbackStatus, already_answered: bool) -> None:
    """The LA answers a published comment once (R8.3: comments are published with the
    LA's response and actions). A held comment is not published, so it has no public
    response."""
    if status is FeedbackStatus.HELD:
        raise RuleViolation("R8.3", "This comment was held back from publication, "
                                    "so it takes no public response", field="feedback_id")
    if already_answered:
        raise RuleViolation("R8.3", "This comment already has the LA's response",
                                    field="feedback_id")


def publication_due_on(last_published_on: date | None,
                       first_comment_on: date | None) -> date | None:
    """When "you said, we did" must next be published (R8.3, at least yearly): a year
    after the last publication or, before the first, a year after the first comment."""
    start = last_published_on or first_comment_on
    return calendar.add_months(start, PUBLICATION_INTERVAL_MONTHS) if start else None
