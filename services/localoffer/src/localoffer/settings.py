"""The localoffer service's own settings (prefix SENDSYS_LOCALOFFER_)."""

from __future__ import annotations

from ipaddress import IPv4Network, IPv6Network, ip_network

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class LocalofferSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENDSYS_LOCALOFFER_", env_file=".env",
                                      extra="ignore")

    #: the council's reverse proxies (addresses or CIDR networks, JSON list) whose
    #: X-Forwarded-For names the family's address for the public rate limits; a request
    #: from anywhere else is keyed on its own socket address, its header ignored
    trusted_proxies: list[str] = []

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for item in value:
            ip_network(item.strip(), strict=False)  # a ValueError names the bad entry
        return [item.strip() for item in value]

    def proxy_networks(self) -> list[IPv4Network | IPv6Network]:
        return [ip_network(item, strict=False) for item in self.trusted_proxies]
