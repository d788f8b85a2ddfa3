"""Documents made from a plan: the accessible HTML rendering and the portable JSON export
(R2.1: each section separately labelled; R2.4, R3.9: plans move with the family)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from assessment.domain.records import CaseRecord, VersionRecord

SECTION_TITLES = {
    "A": "Section A: The views, interests and aspirations of the child or young person and "
         "their parents",
    "B": "Section B: Special educational needs",
    "C": "Section C: Health needs related to their special educational needs",
    "D": "Section D: Social care needs related to their special educational needs or "
         "disability",
    "E": "Section E: Outcomes, including for adult life, and arrangements for shorter-term "
         "targets",
    "F": "Section F: Special educational provision",
    "G": "Section G: Health provision",
    "H1": "Section H1: Social care provision under section 2 of the Chronically Sick and "
          "Disabled Persons Act 1970",
    "H2": "Section H2: Other social care provision",
    "I": "Section I: Placement (the school or other institution, or its type)",
    "J": "Section J: Personal budget, including direct payments",
    "K": "Section K: Advice and information gathered during the assessment",
}


_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)
_template = _env.get_template("plan.html.j2")


def render_html(person: CaseRecord, version: VersionRecord) -> str:
    """The plan as an accessible HTML page: a heading per section in statutory order,
    lang set, a captioned summary table, dates as <time>."""
    stage = "draft" if version.stage == "draft" else "final"
    return _template.render(
        title=f"Education, health and care plan{' (draft)' if stage == 'draft' else ''}",
        person=person, version=version, stage_label=stage,
        sections=list(SECTION_TITLES.items()))
