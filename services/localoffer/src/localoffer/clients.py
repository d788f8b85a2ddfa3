"""The client address of a public request (rate limits), honouring X-Forwarded-For only
from the proxies `SENDSYS_LOCALOFFER_TRUSTED_PROXIES` names."""

from __future__ import annotations

from fastapi import FastAPI, Request

from localoffer.domain.addresses import client_address
from localoffer.settings import LocalofferSettings


def settings_of(app: FastAPI) -> LocalofferSettings:
    """The service's own settings, read from the environment once per app."""
    settings = getattr(app.state, "localoffer_settings", None)
    if settings is None:
        settings = app.state.localoffer_settings = LocalofferSettings()
    return settings


def address_of(request: Request) -> str:
    peer = request.client.host if request.client else "unknown"
    settings = settings_of(request.app)
    return client_address(peer, request.headers.get("x-forwarded-for"),
                          settings.proxy_networks())
