"""The README's second walk-through (issue 14, item 9): a case walked from request to final
plan under `sendsys dev --today 2027-05-17`. Its block is docs/walkthrough-final-plan.sh
word for word, and that script runs against the real running system from a fresh shell:
the steps recorded late send the family nothing and the team a `Send by hand` message each;
the deadline warning and the family's final plan go out as usual."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.docs.test_readme_walkthrough import _fresh_shell_env, sendsys_dev

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "walkthrough-final-plan.sh"
TODAY = "2027-05-17"


def test_readme_final_plan_walkthrough_is_the_script_word_for_word() -> None:
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"<!-- walkthrough: docs/walkthrough-final-plan.sh -->\n```sh\n(.*?)```",
                      readme, re.S)
    assert match, "README.md has the final-plan walk-through block"
    assert match.group(1) == SCRIPT.read_text().split("set -euo pipefail\n", 1)[1]
    assert f"make run TODAY={TODAY}" in readme


@pytest.fixture
def dev_on_a_set_day(tmp_path: Path) -> Iterator[int]:
    """`sendsys dev --today 2027-05-17` on five free ports, SQLite and mail under tmp_path."""
    with sendsys_dev(tmp_path, "--today", TODAY) as base:
        yield base


@pytest.mark.timeout(400)  # a guard for a loaded machine, not a speed assertion
def test_the_final_plan_walkthrough_runs_on_a_set_day(dev_on_a_set_day: int,
                                                       tmp_path: Path) -> None:
    run = subprocess.run(["bash", str(SCRIPT)], cwd=ROOT, capture_output=True, text=True,
                         env=_fresh_shell_env(tmp_path, dev_on_a_set_day), timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert lines[0] == '{"as_of":"2027-05-17","emitted":1}'
    assert lines[1] == "issued 2027-05-17"
    subjects = [line for line in lines if line.startswith("Subject")]
    assert sum("Send by hand" in s for s in subjects) == 3, run.stdout
    assert any(s.startswith("Subject: Deadline in") for s in subjects), run.stdout
    assert "Subject: Your final EHC plan has been issued" in subjects
    log = [line for line in lines if line.split(" ", 1)[0] in ("sent", "suppressed")]
    assert sorted(line for line in log if line.startswith("suppressed")) == [
        f"suppressed family email send.assessment.{step}.v1"
        for step in ("decision.made", "plan.drafted", "request.received")]
    assert "sent family email send.assessment.plan.issued.v1" in log
