"""Schedule 2 completeness (R8.1, R8.2): the headings a local offer must cover, which
published entries satisfy each, the empty ones, and the share covered. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from localoffer.domain import categories as c


@dataclass(frozen=True)
class EntryFacts:
    """What the completeness check needs to know of one published entry."""

    entry_id: str
    name: str
    categories: frozenset[str]
    in_area: bool
    minimum_age: int | None = None
    maximum_age: int | None = None


@dataclass(frozen=True)
class Heading:
    key: str
    title: str
    rule: str
    categories: frozenset[str]
    out_of_area_only: bool = False

    def satisfied_by(self, entry: EntryFacts) -> bool:
        if self.out_of_area_only and entry.in_area:
            return False
        return not self.categories or not self.categories.isdisjoint(entry.categories)


def _h(key: str, title: str, rule: str, *codes: str, out_of_area_only: bool = False) -> Heading:
    return Heading(key, title, rule, frozenset(codes), out_of_area_only)


HEADINGS: tuple[Heading, ...] = (
    _h("early-years", "Early years education", "R8.2", c.EARLY_YEARS),
    _h("schools", "Schools, academies and special schools", "R8.2", c.SCHOOLS,
       c.SPECIAL_SCHOOLS),
    _h("post-16", "Post-16 education and training", "R8.1", c.POST_16),
    _h("post-16-out-of-area", "Post-16 provision outside the area", "R8.1", c.POST_16,
       out_of_area_only=True),
    _h("out-of-area", "Provision outside the area", "R8.1", out_of_area_only=True),
    _h("health", "Health provision", "R8.1", c.HEALTH),
    _h("social-care", "Social care provision", "R8.1", c.SOCIAL_CARE, c.SHORT_BREAKS),
    _h("short-breaks", "Short breaks", "R8.2", c.SHORT_BREAKS),
    _h("travel", "Travel to schools, colleges and early years settings", "R8.1", c.TRAVEL),
    _h("pfa-employment", "Preparing for adulthood: employment", "R8.1", c.PFA_EMPLOYMENT),
    _h("pfa-independent-living", "Preparing for adulthood: independent living and housing",
       "R8.1", c.PFA_INDEPENDENT_LIVING),
    _h("pfa-community", "Preparing for adulthood: participating in society", "R8.1",
       c.PFA_COMMUNITY),
    _h("transition", "Moving between phases of education", "R8.2", c.TRANSITION),
    _h("childcare", "Childcare", "R8.2", c.CHILDCARE),
    _h("leisure", "Leisure activities", "R8.2", c.LEISURE),
    _h("information-advice", "Information, advice and support", "R8.2", c.INFORMATION_ADVICE,
       c.SUPPORT_GROUPS),
    _h("ehc-assessment", "How to request an EHC needs assessment", "R8.2", c.EHC_ASSESSMENT),
    _h("complaints", "Complaints, disagreement resolution, mediation and appeals", "R8.2",
       c.COMPLAINTS),
    _h("personal-budgets", "Personal budgets policy", "R7.4", c.PERSONAL_BUDGETS),
)


@dataclass(frozen=True)
class HeadingCoverage:
    heading: Heading
    entries: tuple[EntryFacts, ...]

    @property
    def empty(self) -> bool:
        return not self.entries


@dataclass(frozen=True)
class Completeness:
    headings: tuple[HeadingCoverage, ...] = field(default_factory=tuple)

    @property
    def covered(self) -> int:
        return sum(not h.empty for h in self.headings)

    @property
    def percentage(self) -> float:
        """The share of headings with at least one published entry, to one decimal."""
        if not self.headings:
            return 0.0
        return round(100 * self.covered / len(self.headings), 1)

    @property
    def gaps(self) -> list[Heading]:
        return [h.heading for h in self.headings if h.empty]


def assess_completeness(entries: Iterable[EntryFacts],
                        headings: tuple[Heading, ...] = HEADINGS) -> Completeness:
    published = list(entries)
    return Completeness(tuple(
        HeadingCoverage(heading, tuple(e for e in published if heading.satisfied_by(e)))
        for heading in headings))
