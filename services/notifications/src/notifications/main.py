"""ASGI entry point: `uvicorn notifications.main:app` (settings from the environment)."""

from common.settings import Settings
from common.web import create_service_app
from notifications.bootstrap import spec
from notifications.log.metrics import install_collector

app = create_service_app(spec(), Settings(service="notifications"))
install_collector(app)
