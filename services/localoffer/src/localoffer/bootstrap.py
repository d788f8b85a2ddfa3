"""The localoffer service's composition root."""

from __future__ import annotations

from pathlib import Path

from common.messaging.consumer import HandlerTable
from common.runtime import ServiceRuntime, ServiceSpec
from localoffer import contracts, db
from localoffer.completeness import api as completeness_api
from localoffer.domain.errors import RuleViolation
from localoffer.entries import api as entries_api
from localoffer.entries import review
from localoffer.feedback import api as feedback_api
from localoffer.imports import api as imports_api
from localoffer.organisations import api as organisations_api
from localoffer.oruk import api as oruk_api
from localoffer.pages import api as pages_api
from localoffer.policy import api as policy_api
from localoffer.policy import consumers as policy_consumers
from localoffer.search import api as search_api

SERVICE_ROOT = Path(__file__).resolve().parents[2]


def spec() -> ServiceSpec:
    return ServiceSpec(
        name="localoffer",
        description="The local offer directory (0-25), provider contributions, SEN "
                    "information reports, public feedback and LA responses.",
        metadata=db.metadata, tables=db.platform, registry=contracts.registry,
        service_root=SERVICE_ROOT,
        routers=[entries_api.router, organisations_api.router, search_api.router,
                 completeness_api.router,
                 oruk_api.router, imports_api.router, feedback_api.router, policy_api.router,
                 pages_api.router],
        handlers=handlers, consumes_from=("budgets",),
        rule_violation_types=(RuleViolation,),
    )


def handlers(runtime: ServiceRuntime) -> HandlerTable:
    review.install(runtime)  # the sweep raises send.localoffer.review.due.v1 for entries
    return {**policy_consumers.handlers()}
