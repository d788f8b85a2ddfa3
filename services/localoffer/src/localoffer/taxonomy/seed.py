"""The taxonomies the local offer starts with, as data (the 0003 migration loads them).

Ids are UUID 5 of each URI, so every installation gives a term the same id and ORUK
consumers can filter by it. Three schemes:

- the broad areas of need of the SEND Code of Practice (chapter 6), with the DfE school
  census SEN types beneath them (their census codes as term codes);
- the local offer's categories, one per kind of provision Schedule 2 asks about (R8.1,
  R8.2): what the completeness report judges by;
- the LGA's service and needs lists (esd.org.uk): the published terms the local offer's
  categories draw on (below, `LGA_TERMS`, loaded by the 0005 migration), each with its
  esd identifier as code and its esd URI; the full lists (some 1,700 services) are the
  LGA's to publish, and an LA's own ORUK feed brings any other term it uses (the importer).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from localoffer.domain import categories as c

BASE_URI = "https://sendsys.example/taxonomies/"


@dataclass(frozen=True)
class SeedTaxonomy:
    code: str
    name: str
    description: str
    uri: str
    version: str | None = None

    @property
    def id(self) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, self.uri))


@dataclass(frozen=True)
class SeedTerm:
    taxonomy: SeedTaxonomy
    code: str
    name: str
    parent_code: str | None = None
    uri: str | None = None  # a published term's own URI (the LGA lists'), else derived

    @property
    def term_uri(self) -> str:
        return self.uri or f"{self.taxonomy.uri}/{self.code}"

    @property
    def id(self) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, self.term_uri))

    @property
    def parent_id(self) -> str | None:
        if self.parent_code is None:
            return None
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.taxonomy.uri}/{self.parent_code}"))


AREAS_OF_NEED = SeedTaxonomy(
    "send-areas-of-need", "SEND Code of Practice areas of need",
    "The four broad areas of need of the SEND Code of Practice 0-25 (2015), with the DfE "
    "school census types of special educational need beneath them.",
    BASE_URI + "send-areas-of-need", "2015")
CATEGORIES = SeedTaxonomy(
    "local-offer-categories", "Local offer categories",
    "Kinds of provision the local offer publishes, one for each heading of Schedule 2 to "
    "the SEND Regulations 2014 that the completeness report checks.",
    BASE_URI + "local-offer-categories", "1")
LGA_SERVICES = SeedTaxonomy(
    "lga-service-list", "LGA Local Government Service List",
    "The Local Government Association's list of council services (esd.org.uk).",
    "http://standards.esd.org.uk/?uri=list%2Fservices")
LGA_NEEDS = SeedTaxonomy(
    "lga-needs-list", "LGA Needs List",
    "The Local Government Association's list of needs (esd.org.uk).",
    "http://standards.esd.org.uk/?uri=list%2Fneeds")

TAXONOMIES = (AREAS_OF_NEED, CATEGORIES, LGA_SERVICES, LGA_NEEDS)

_NEED = AREAS_OF_NEED
_NEEDS = [
    ("communication-and-interaction", "Communication and interaction", None),
    ("cognition-and-learning", "Cognition and learning", None),
    ("social-emotional-mental-health", "Social, emotional and mental health", None),
    ("sensory-physical", "Sensory and/or physical needs", None),
    ("SLCN", "Speech, language and communication needs", "communication-and-interaction"),
    ("ASD", "Autistic spectrum disorder", "communication-and-interaction"),
    ("SPLD", "Specific learning difficulty", "cognition-and-learning"),
    ("MLD", "Moderate learning difficulty", "cognition-and-learning"),
    ("SLD", "Severe learning difficulty", "cognition-and-learning"),
    ("PMLD", "Profound and multiple learning difficulty", "cognition-and-learning"),
    ("SEMH", "Social, emotional and mental health", "social-emotional-mental-health"),
    ("VI", "Visual impairment", "sensory-physical"),
    ("HI", "Hearing impairment", "sensory-physical"),
    ("MSI", "Multi-sensory impairment", "sensory-physical"),
    ("PD", "Physical disability", "sensory-physical"),
]
_CATEGORIES = [
    (c.EARLY_YEARS, "Early years education"),
    (c.SCHOOLS, "Schools and academies"),
    (c.SPECIAL_SCHOOLS, "Special schools"),
    (c.POST_16, "Post-16 education and training"),
    (c.HEALTH, "Health services"),
    (c.SOCIAL_CARE, "Social care"),
    (c.SHORT_BREAKS, "Short breaks"),
    (c.TRAVEL, "Travel and transport"),
    (c.PFA_EMPLOYMENT, "Preparing for adulthood: employment"),
    (c.PFA_INDEPENDENT_LIVING, "Preparing for adulthood: independent living"),
    (c.PFA_COMMUNITY, "Preparing for adulthood: friends, relationships and community"),
    (c.TRANSITION, "Moving on between phases of education"),
    (c.CHILDCARE, "Childcare"),
    (c.LEISURE, "Leisure and activities"),
    (c.INFORMATION_ADVICE, "Information, advice and support"),
    (c.SUPPORT_GROUPS, "Support groups and parent carer forums"),
    (c.EHC_ASSESSMENT, "Requesting an EHC needs assessment"),
    (c.COMPLAINTS, "Complaints, disagreement resolution, mediation and appeals"),
    (c.PERSONAL_BUDGETS, "Personal budgets"),
]

TERMS: tuple[SeedTerm, ...] = (
    *(SeedTerm(_NEED, code, name, parent) for code, name, parent in _NEEDS),
    *(SeedTerm(CATEGORIES, code, name) for code, name in _CATEGORIES),
)


# The LGA Service List (standards.esd.org.uk, list/services; labels as in its version 4
# publication) for the kinds of provision the local offer's categories cover, by category:
# early years and childcare, schools and SEN, travel, post-16, short breaks and social
# care, information and advice, leisure, health.
ESD_SERVICE = "http://id.esd.org.uk/service/"
_LGA_SERVICES = [
    (20, "Childminding"), (19, "Childcare out of school hours"), (53, "Children's centres"),
    (14, "Secondary school places"),
    (10, "Special educational needs - placement in mainstream school"),
    (9, "Special educational needs assessment"), (890, "School nursing"),
    (891, "School transport"), (40, "Special educational needs transport"),
    (3, "School transport - additional support"),
    (1565, "Children and young people - travel pass"),
    (1614, "16 to 19 bursary fund"), (1145, "Young people's learning prospectus"),
    (52, "Work experience placements"), (27, "Adult education courses"),
    (261, "Shared care for children and young people"), (300, "Young carers support"),
    (225, "Adult carers"), (205, "Specialist equipment for disabled people"),
    (700, "Advice for young people"), (163, "Counselling"), (189, "Welfare rights advice"),
    (642, "Young people's drop in activities"), (643, "Young people's organised activities"),
    (449, "Children's libraries"), (865, "Special needs library facilities"),
    (1466, "Accessibility - local facilities"),
    (1451, "Child health clinics"), (924, "Childhood immunisation"),
]
# The LGA Needs List (list/needs): the needs the leisure and community entries meet.
ESD_NEED = "http://id.esd.org.uk/need/"
_LGA_NEEDS = [(69, "Social inclusion"), (71, "Community facilities")]

LGA_TERMS: tuple[SeedTerm, ...] = (
    *(SeedTerm(LGA_SERVICES, str(n), name, uri=f"{ESD_SERVICE}{n}")
      for n, name in _LGA_SERVICES),
    *(SeedTerm(LGA_NEEDS, str(n), name, uri=f"{ESD_NEED}{n}") for n, name in _LGA_NEEDS),
)


def taxonomy_rows() -> list[dict[str, str | None]]:
    return [{"id": t.id, "code": t.code, "name": t.name, "description": t.description,
             "uri": t.uri, "version": t.version} for t in TAXONOMIES]


def term_rows(terms: tuple[SeedTerm, ...] = TERMS) -> list[dict[str, str | None]]:
    """The rows of `terms`: by default those the 0003 migration loaded (`LGA_TERMS` came
    with 0005)."""
    return [{"id": t.id, "taxonomy_id": t.taxonomy.id, "code": t.code, "name": t.name,
             "description": None, "term_uri": t.term_uri, "parent_id": t.parent_id}
            for t in terms]
