"""The closed sets of feedback on the local offer (R8.3), shared by its rules and records."""

from __future__ import annotations

from enum import StrEnum


class FeedbackTopic(StrEnum):
    """What a comment is about: the four things R8.3 asks the LA to seek comments on."""

    CONTENT = "content"
    QUALITY = "quality"
    GAPS = "gaps"
    ACCESSIBILITY = "accessibility"


class CommenterKind(StrEnum):
    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    PROFESSIONAL = "professional"
    OTHER = "other"


class FeedbackStatus(StrEnum):
    PUBLISHED = "published"  # shown, anonymised, on "you said, we did"
    HELD = "held"            # kept back from publication; the commenter was told why


class HoldReason(StrEnum):
    NAME_WITH_DATE_OF_BIRTH = "name_with_date_of_birth"
    NHS_NUMBER = "nhs_number"
    EMAIL_ADDRESS = "email_address"
    PHONE_NUMBER = "phone_number"
    ABUSE = "abuse"
