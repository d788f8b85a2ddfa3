"""docs/rules.md explains every statutory rule id that the services cite (issue 12,
item 7): an error naming "R1.4" must lead a reader somewhere."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULE_ID = re.compile(r"\bR\d{1,2}\.\d{1,2}[a-z]?\b")


def _cited_in_services() -> dict[str, Path]:
    cited: dict[str, Path] = {}
    for path in sorted((ROOT / "services").rglob("*.py")):
        for rule in RULE_ID.findall(path.read_text(encoding="utf-8")):
            cited.setdefault(rule, path)
    return cited


def _explained() -> set[str]:
    text = (ROOT / "docs" / "rules.md").read_text()
    return set(re.findall(r"^\| (R\d{1,2}\.\d{1,2}[a-z]?) \| \S", text, re.M))


def test_every_rule_id_cited_in_the_services_is_explained_in_docs_rules() -> None:
    cited = _cited_in_services()
    assert len(cited) > 20, "the services cite their rules"
    missing = {rule: str(path.relative_to(ROOT)) for rule, path in cited.items()
               if rule not in _explained()}
    assert missing == {}


def test_every_explained_rule_names_its_source() -> None:
    text = (ROOT / "docs" / "rules.md").read_text()
    rows = re.findall(r"^\| (R\d{1,2}\.\d{1,2}[a-z]?) \| (.+) \| (.+) \|$", text, re.M)
    assert len(rows) == len(_explained())
    assert all(source.strip() for _, _, source in rows)
