"""Every status of the local offer, as enums."""

from __future__ import annotations

from enum import StrEnum


class EntryStatus(StrEnum):
    """Whether the service runs (the Open Referral UK `service.status` values)."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"


class DraftState(StrEnum):
    """Where a provider's or the LA's proposed content stands in the LA's review."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"


class ReportState(StrEnum):
    """A school's or college's yearly SEN information report (R8.6)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"


class OrganisationKind(StrEnum):
    """The kinds of provider Schedule 2 names (R8.2), and the other bodies of the offer."""

    EARLY_YEARS = "early_years"
    MAINTAINED_SCHOOL = "maintained_school"
    ACADEMY = "academy"
    NON_MAINTAINED_SPECIAL_SCHOOL = "non_maintained_special_school"
    POST_16 = "post_16"
    SECTION_41 = "section_41"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit"
    COMMISSIONED_PROVIDER = "commissioned_provider"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"
    VOLUNTARY = "voluntary"
    LOCAL_AUTHORITY = "local_authority"

    @property
    def publishes_sen_information_report(self) -> bool:
        """Schools, academies, special schools, colleges and PRUs publish one yearly (R8.6)."""
        return self in _REPORTING_KINDS


_REPORTING_KINDS = frozenset({
    OrganisationKind.MAINTAINED_SCHOOL, OrganisationKind.ACADEMY,
    OrganisationKind.NON_MAINTAINED_SPECIAL_SCHOOL, OrganisationKind.POST_16,
    OrganisationKind.SECTION_41, OrganisationKind.PUPIL_REFERRAL_UNIT,
})


class Weekday(StrEnum):
    """RFC 5545 BYDAY codes, Monday first (index = `date.weekday()`)."""

    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"

    @property
    def day_number(self) -> int:
        return list(Weekday).index(self)
