"""Pure rules of feedback on the local offer (R8.3): moderation, the per-address rate
limit, responses and the yearly publication date. No database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from common.errors import RuleViolation
from localoffer.feedback.rules import (
    FeedbackStatus,
    HoldReason,
    RateLimit,
    decide_response,
    is_nhs_number,
    moderate,
    publication_due_on,
    retry_after_seconds,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("comment", [
    "The short breaks page does not say which clubs have changing places toilets.",
    "There is nothing listed for post-16 provision out of the area.",
    "Updated on 12/03/2025 but the phone line in the entry is wrong.",
    "Sessions ran from 1 May 2025 and were very good.",
    "I could not find them on the website, and the skin prick test clinic is missing.",
    "The Open Day 14/06/2025 was useful.",
])
def test_r8_3_ordinary_comments_are_published(comment: str) -> None:
    moderation = moderate(comment)
    assert moderation.reasons == ()
    assert moderation.status is FeedbackStatus.PUBLISHED


@pytest.mark.parametrize(("comment", "reason"), [
    ("My son Jack Smith, 03/04/2015, was refused a place.", HoldReason.NAME_WITH_DATE_OF_BIRTH),
    ("Amy (DOB 14.02.2012) still has no speech therapy.", HoldReason.NAME_WITH_DATE_OF_BIRTH),
    ("She was born on 2 March 2016 and waited two years.", HoldReason.NAME_WITH_DATE_OF_BIRTH),
    ("His NHS number is 943 476 5919, please check.", HoldReason.NHS_NUMBER),
    ("NHS 9434765919 on the letter.", HoldReason.NHS_NUMBER),
    ("Email me at parent.carer+send@example.org about it", HoldReason.EMAIL_ADDRESS),
    ("Ring me on 07700 900123 any time", HoldReason.PHONE_NUMBER),
    ("or +44 1632 960001 in the day", HoldReason.PHONE_NUMBER),
    ("The staff are useless idiots", HoldReason.ABUSE),
    ("f*ck this council", HoldReason.ABUSE),
    ("I will find you and hurt you", HoldReason.ABUSE),
])
def test_r8_3_individual_case_details_and_abuse_are_held_with_a_reason(
        comment: str, reason: HoldReason) -> None:
    moderation = moderate(comment)
    assert reason in moderation.reasons
    assert moderation.status is FeedbackStatus.HELD
    assert len(moderation.explanations) == len(moderation.reasons)
    assert all(text.endswith(".") for text in moderation.explanations)


def test_r8_3_ten_digits_failing_the_nhs_check_digit_are_not_an_nhs_number() -> None:
    assert is_nhs_number("9434765919")
    assert not is_nhs_number("9434765918")
    assert moderate("Reference 943 476 5918 on the leaflet").reasons == ()


def test_r8_3_several_reasons_are_all_given() -> None:
    reasons = moderate("Sam Jones, 01/02/2014 email sam@example.com, you idiots").reasons
    assert set(reasons) == {HoldReason.NAME_WITH_DATE_OF_BIRTH, HoldReason.EMAIL_ADDRESS,
                            HoldReason.ABUSE}


def test_r8_3_rate_limit_allows_up_to_the_limit_within_the_window() -> None:
    limit = RateLimit(max_comments=3, window=timedelta(hours=1))
    recent = [NOW - timedelta(minutes=m) for m in (50, 20)]
    assert retry_after_seconds(recent, NOW, limit) is None


def test_r8_3_rate_limit_refuses_a_flood_until_the_oldest_counted_leaves_the_window() -> None:
    limit = RateLimit(max_comments=3, window=timedelta(hours=1))
    recent = [NOW - timedelta(minutes=m) for m in (50, 20, 1)]
    assert retry_after_seconds(recent, NOW, limit) == 10 * 60


def test_r8_3_rate_limit_forgets_comments_older_than_the_window() -> None:
    limit = RateLimit(max_comments=2, window=timedelta(hours=1))
    recent = [NOW - timedelta(hours=3), NOW - timedelta(minutes=61), NOW - timedelta(minutes=5)]
    assert retry_after_seconds(recent, NOW, limit) is None


def test_r8_3_a_published_comment_takes_one_response() -> None:
    decide_response(FeedbackStatus.PUBLISHED, already_answered=False)
    with pytest.raises(RuleViolation) as refused:
        decide_response(FeedbackStatus.PUBLISHED, already_answered=True)
    assert refused.value.rule == "R8.3"


def test_r8_3_a_held_comment_takes_no_public_response() -> None:
    with pytest.raises(RuleViolation) as refused:
        decide_response(FeedbackStatus.HELD, already_answered=False)
    assert refused.value.field == "feedback_id"


def test_r8_3_publication_due_a_year_after_the_last_one() -> None:
    assert publication_due_on(date(2026, 3, 2), date(2025, 1, 1)) == date(2027, 3, 2)


def test_r8_3_first_publication_due_a_year_after_the_first_comment() -> None:
    assert publication_due_on(None, date(2024, 2, 29)) == date(2025, 2, 28)
    assert publication_due_on(None, None) is None
