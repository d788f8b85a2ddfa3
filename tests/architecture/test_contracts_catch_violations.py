"""Each architecture contract goes red on an injected violation: a small service is
written in tmp_path with one violation per contract, and the checker must name each."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from tests.architecture.contracts import PENDING_FILE, Violation, check

CLEAN = {
    "domain/__init__.py": "",
    "domain/model.py": """
        from __future__ import annotations
        import enum
        from datetime import date
        from common.calendar import add_working_days
        from common.errors import RuleViolation
        from common import calendar
        """,
    "cases/__init__.py": "",
    "cases/tables.py": "from sqlalchemy import Table\n",
    "cases/rules.py": "from fakesvc.domain.model import date\n",
    "cases/repository.py": "from fakesvc.cases import tables\nfrom sqlalchemy import select\n",
    "cases/service.py": """
        from typing import TYPE_CHECKING
        from fakesvc.cases import repository, rules
        def typed():
            if TYPE_CHECKING:
                from fakesvc.cases.tables import Table
        """,
    "cases/schemas.py": "from pydantic import BaseModel\n",
    "cases/api.py": "from fastapi import APIRouter\nfrom fakesvc.cases import service, schemas\n",
    "plans/__init__.py": "",
    "plans/service.py": "from fakesvc.cases.service import open_case\n",
    "plans/rules.py": "from fakesvc.cases.rules import date\n",
}

INJECTED: dict[str, tuple[str, str, str]] = {
    # contract[/variant]: (file, code, the module named)
    "purity": ("domain/model.py", "from common.deadlines import DeadlineBook\n",
               "fakesvc.domain.model"),
    "purity/rules": ("cases/rules.py", "import sqlalchemy\n", "fakesvc.cases.rules"),
    "purity/repository": ("plans/rules.py", "from fakesvc.cases.repository import x\n",
                          "fakesvc.plans.rules"),
    "layers": ("cases/tables.py", "from fakesvc.cases.service import open_case\n",
               "fakesvc.cases.tables"),
    "layers/siblings": ("cases/repository.py", "from fakesvc.cases import rules\n",
                        "fakesvc.cases.repository"),
    "layers/across": ("plans/service.py", "from fakesvc.cases.api import router\n",
                      "fakesvc.plans.service"),
    "api-imports": ("cases/api.py", "from sqlalchemy import select\n", "fakesvc.cases.api"),
    "api-imports/tables": ("cases/api.py", "from fakesvc.cases.tables import Table\n",
                           "fakesvc.cases.api"),
    "commit": ("cases/service.py", "async def f(uow):\n    await uow.commit()\n",
               "fakesvc.cases.service"),
    "local-import": ("cases/service.py", "def f():\n    from fakesvc.cases import rules\n",
                     "fakesvc.cases.service"),
    "flat-module": ("service_plans.py", "", "fakesvc.service_plans"),
    "size": ("cases/schemas.py", "x = 1\n" * 401, "fakesvc.cases.schemas"),
}


def write_service(root: Path, files: dict[str, str]) -> Path:
    package = root / "services" / "fakesvc" / "src" / "fakesvc"
    for name, code in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(code))
    return root / "services"


def test_the_clean_service_keeps_every_contract(tmp_path: Path) -> None:
    assert check(write_service(tmp_path, CLEAN)) == []


@pytest.mark.parametrize("case", sorted(INJECTED))
def test_an_injected_violation_is_reported(tmp_path: Path, case: str) -> None:
    file, code, module = INJECTED[case]
    files = dict(CLEAN)
    files[file] = dedent(files.get(file, "")) + code
    broken = check(write_service(tmp_path, files))
    contract = case.split("/")[0]
    assert [(v.contract, v.module) for v in broken] == [(contract, module)], broken


def test_a_pending_entry_exempts_its_module_and_a_stale_one_is_reported(
        tmp_path: Path) -> None:
    file, code, module = INJECTED["commit"]
    services = write_service(tmp_path, {**CLEAN, file: dedent(CLEAN[file]) + code})
    pending = services / "fakesvc" / PENDING_FILE
    pending.write_text(f"# not yet moved\ncommit {module}\n")
    assert check(services) == []
    pending.write_text(f"commit {module}\nlocal-import fakesvc.cases.api\n")
    assert check(services) == [Violation(
        "stale", "fakesvc.cases.api", f"{PENDING_FILE} exempts it from local-import, which "
        "it now keeps: remove the line")]
