"""The figures DfE and the Tribunal publish, over the stored cases (R13.1, R6.5-R6.7)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from mediation import clocks, outcomes, repository
from mediation.domain import reporting
from mediation.repository import Row
from mediation.schemas_steps import MediationReport


def _in_period(row: Row, since: date | None, until: date | None) -> bool:
    return (since is None or row["decided_on"] >= since) and \
        (until is None or row["decided_on"] <= until)


async def mediation_report(session: AsyncSession, la_code: str, since: date | None,
                           until: date | None) -> MediationReport:
    cases = [r for r in await repository.all_cases(session, la_code)
             if _in_period(r, since, until)]
    ids = {r["id"] for r in cases}
    by_case: dict[str, list[Row]] = defaultdict(list)
    for cert in await repository.certificates_in(session, la_code):
        if cert["mediation_case_id"] in ids:
            by_case[cert["mediation_case_id"]].append(cert)
    appeals = [a for a in await repository.appeals_in(session, la_code)
               if a["mediation_case_id"] in ids]
    models = [clocks.to_model(r, by_case[r["id"]]) for r in cases]
    certificates = [c for rows in by_case.values() for c in rows]
    on_time = sum(1 for c in certificates if outcomes.on_time(c))
    return MediationReport(
        cases=len(cases),
        cases_by_decision_kind=dict(Counter(r["decision_kind"] for r in cases)),
        mediation_requested=sum(1 for r in cases if r["requested_on"] is not None),
        mediation_held=sum(1 for m in models if reporting.went_to_mediation(m)),
        share_to_mediation=reporting.mediation_share(models),
        outcomes={k.value: v for k, v in reporting.outcome_counts(models).items()},
        certificates_issued=len(certificates),
        certificates_by_basis=dict(Counter(c["basis"] for c in certificates)),
        certificates_on_time=on_time,
        certificates_on_time_share=on_time / len(certificates) if certificates else None,
        appeals_registered=len(appeals),
        appeals_after_mediation=sum(1 for a in appeals if a["after_mediation"]),
        information_missing=sum(1 for r in cases if r["information_sent_on"] is None),
    )
