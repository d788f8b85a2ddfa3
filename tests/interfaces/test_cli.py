"""The `sendsys` command as a newcomer meets it (issue 12, item 10)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from common.auth import ROLES
from sendsys.cli import main as sendsys_main
from sendsys.services import SPECS


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exited:
        sendsys_main([*argv, "--help"])
    assert exited.value.code == 0
    return " ".join(capsys.readouterr().out.split())


def test_token_help_lists_every_role(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, "token")
    for role in ROLES:
        assert role in text, role


def test_dev_help_documents_the_base_port(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, "dev")
    assert "--base-port PORT" in text
    assert "8001..8005" in text and "assessment, localoffer, budgets" in text


@pytest.mark.parametrize("uk_date", ["03/12/2026", "3/12/26", "03-12-2026", "2026/12/03"])
def test_dates_other_than_iso_are_refused_with_the_format_to_use(
        capsys: pytest.CaptureFixture[str], uk_date: str) -> None:
    with pytest.raises(SystemExit) as exited:
        sendsys_main(["sweep", "assessment", "--as-of", uk_date])
    assert exited.value.code == 2
    assert "use YYYY-MM-DD" in capsys.readouterr().err


def test_an_impossible_iso_date_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        sendsys_main(["sweep", "assessment", "--as-of", "2026-02-30"])
    assert "not a real date" in capsys.readouterr().err


def _consumes_nothing(monkeypatch: pytest.MonkeyPatch) -> str:
    """A service that consumes nothing: today every service listens to another, so the case
    is a real service's spec without its subscriptions, registered under its own name."""
    found = next((name for name, make in SPECS.items() if not make().consumes_from), None)
    if found is not None:
        return found
    listening = SPECS["localoffer"]()
    monkeypatch.setitem(SPECS, "localoffer", lambda: dataclasses.replace(
        listening, consumes_from=(), handlers=None))
    return "localoffer"


def test_dlq_list_for_a_service_that_consumes_nothing_says_so(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    monkeypatch.setenv("SENDSYS_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/{{service}}.db")
    service = _consumes_nothing(monkeypatch)
    sendsys_main(["dlq", "list", service])
    assert capsys.readouterr().out.strip() == \
        f"{service} consumes no events, so it has no dead letters"
    with pytest.raises(SystemExit, match="consumes no events"):
        sendsys_main(["dlq", "replay", service, "1"])


def test_openapi_gaps_counts_operations_without_description_or_examples(
        capsys: pytest.CaptureFixture[str]) -> None:
    sendsys_main(["openapi", "mediation", "--gaps"])
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("mediation: ") and "have no description" in line
               for line in lines)
    assert len(lines) == 3
