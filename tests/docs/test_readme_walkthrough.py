"""The README works from a fresh shell (issue 12, item 8): its walk-through is
docs/walkthrough.sh word for word, and that script runs against `sendsys dev` on free
ports, with no `uv` on the PATH (only `make`, `curl` and `python3`, as in a new terminal)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.dev_process import start_sendsys_dev

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "walkthrough.sh"
START_S = 90.0


def _readme_walkthrough() -> str:
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"<!-- walkthrough: docs/walkthrough.sh -->\n```sh\n(.*?)```", readme,
                      re.S)
    assert match, "README.md has the walk-through block"
    return match.group(1)


def test_readme_walkthrough_is_the_script_word_for_word() -> None:
    body = SCRIPT.read_text().split("set -euo pipefail\n", 1)[1]
    assert _readme_walkthrough() == body


def test_readme_links_the_documents_and_names_the_licence() -> None:
    readme = (ROOT / "README.md").read_text()
    for doc in ("architecture.md", "events.md", "rules.md", "operations.md",
                "integrator-guide.md", "settings.md"):
        assert f"docs/{doc}" in readme, doc
        assert (ROOT / "docs" / doc).is_file(), doc
    assert "MIT" in readme and "MIT License" in (ROOT / "LICENSE").read_text()


def _fresh_shell_env(tmp_path: Path, base_port: int) -> dict[str, str]:
    """A new terminal's environment: no uv on the PATH, no virtualenv."""
    local_bin = str(Path.home() / ".local" / "bin")
    venv_bin = str(Path(sys.executable).parent)
    path = ":".join(p for p in os.environ["PATH"].split(":")
                    if p not in (local_bin, venv_bin) and not p.endswith("/.venv/bin"))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SENDSYS_", "VIRTUAL_ENV", "UV_"))}
    return env | {"PATH": path, "PORT": str(base_port), "MAIL_DIR": str(tmp_path / "mail")}


def _stop(process: subprocess.Popen[bytes]) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def sendsys_dev(tmp_path: Path, *args: str) -> Iterator[int]:
    """`sendsys dev` (with `args`) on five free ports, its SQLite files and mail under
    tmp_path; yields the first port. A start that loses a port to another process is
    tried again on other ports, three times at most."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDSYS_")} | {
        "SENDSYS_ENV": "dev", "SENDSYS_MAIL_DIR": str(tmp_path / "mail"),
        "SENDSYS_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/{{service}}.sqlite3",
        "SENDSYS_LA_TEAM_EMAILS": '{"201": "sen-team@la201.example"}',
        "SENDSYS_SWEEP_INTERVAL_S": "0"}
    with (tmp_path / "dev.log").open("w") as log:
        try:
            process, base = start_sendsys_dev(tmp_path, env, log, *args, start_s=START_S)
        except AssertionError as failed:
            raise AssertionError((tmp_path / "dev.log").read_text()[-3000:]) from failed
        try:
            yield base
        finally:
            _stop(process)


@pytest.fixture
def dev_system(tmp_path: Path) -> Iterator[int]:
    """`sendsys dev` on five free ports, its SQLite files and mail under tmp_path."""
    with sendsys_dev(tmp_path) as base:
        yield base


@pytest.mark.skipif(shutil.which("curl") is None or shutil.which("make") is None,
                    reason="the walk-through needs curl and make")
@pytest.mark.timeout(400)  # a guard for a loaded machine, not a speed assertion
def test_the_walkthrough_runs_as_printed_against_sendsys_dev(
        dev_system: int, tmp_path: Path) -> None:
    run = subprocess.run(["bash", str(SCRIPT)], cwd=ROOT, capture_output=True, text=True,
                         env=_fresh_shell_env(tmp_path, dev_system), timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    out = run.stdout
    assert '"decision_due_on"' in out and '"final_plan_due_on"' in out
    assert re.search(r'"emitted": ?1', out), out
    subjects = [line for line in out.splitlines() if line.startswith("Subject")]
    assert len(subjects) >= 2, out  # the parent's acknowledgement and the team's warning
    assert '"decision_kind": "refuse_assessment"' in out
