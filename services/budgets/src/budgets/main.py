"""ASGI entry point: `uvicorn budgets.main:app` (settings from the environment)."""

from budgets.bootstrap import spec
from common.settings import Settings
from common.web import create_service_app

app = create_service_app(spec(), Settings(service="budgets"))
