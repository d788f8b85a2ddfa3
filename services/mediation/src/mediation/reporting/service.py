"""The figures DfE and the Tribunal publish, over the stored cases (R13.1, R6.5-R6.7)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from common.db.uow import UnitOfWork
from mediation.domain.records import CertificateRecord

from . import repository, rules
from .schemas import MediationReport


async def mediation_report(uow: UnitOfWork, la_code: str, since: date | None,
                           until: date | None) -> MediationReport:
    cases = await repository.cases_decided(uow.connection, la_code, since, until)
    ids = {c.id for c in cases}
    by_case: dict[str, list[CertificateRecord]] = defaultdict(list)
    for cert in await repository.certificates_in(uow.connection, la_code):
        if cert.mediation_case_id in ids:
            by_case[cert.mediation_case_id].append(cert)
    appeals = [a for a in await repository.appeals_in(uow.connection, la_code)
               if a.mediation_case_id in ids]
    models = [c.model(tuple(x.value for x in by_case[c.id])) for c in cases]
    certificates = [c for rows in by_case.values() for c in rows]
    on_time = sum(1 for c in certificates if c.on_time)
    return MediationReport(
        cases=len(cases),
        cases_by_decision_kind=dict(Counter(c.decision_kind.value for c in cases)),
        mediation_requested=sum(1 for c in cases if c.requested_on is not None),
        mediation_held=sum(1 for m in models if rules.went_to_mediation(m)),
        share_to_mediation=rules.mediation_share(models),
        outcomes={k.value: v for k, v in rules.outcome_counts(models).items()},
        certificates_issued=len(certificates),
        certificates_by_basis=dict(Counter(c.basis.value for c in certificates)),
        certificates_on_time=on_time,
        certificates_on_time_share=on_time / len(certificates) if certificates else None,
        appeals_registered=len(appeals),
        appeals_after_mediation=sum(1 for a in appeals if a.after_mediation),
        information_missing=sum(1 for c in cases if c.information_sent_on is None),
    )
