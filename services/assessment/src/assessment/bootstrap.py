"""The assessment service's composition root: its routers, tables and events."""

from __future__ import annotations

from pathlib import Path

from assessment import consumers, contracts, db
from assessment.active_plans import api as active_plans
from assessment.advice import api as advice
from assessment.carers import api as carers
from assessment.cases import api as cases
from assessment.ceasing import api as ceasing
from assessment.education import api as education
from assessment.imports import api as imports
from assessment.plans import api as plans
from assessment.reporting import api as reporting
from assessment.requests import api as requests
from assessment.reviews import api as reviews
from assessment.sen2 import api as sen2
from assessment.transfers import api as transfers
from assessment.transfers import phases
from common.runtime import ServiceSpec

SERVICE_ROOT = Path(__file__).resolve().parents[2]
ROUTERS = [cases.router, requests.router, reporting.router, advice.router, plans.router,
           transfers.router, reviews.router, ceasing.router, imports.router]
ROUTERS += [education.router, carers.router]
ROUTERS += [sen2.router, active_plans.router]
# every feature's tables are on the metadata once their routers are imported
metadata = db.metadata


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="assessment",
        description="Cases, EHC needs assessments, advice, EHC plans, reviews, transfers and "
                    "ceasing, each statutory step kept to the day.",
        metadata=metadata, tables=db.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT, routers=ROUTERS,
        handlers=consumers.handlers, consumes_from=("budgets", "assessment"),
        workers=(phases.cohort_worker,))
