"""Service settings from the environment (prefix SENDSYS_), pydantic-settings."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "dev-secret", "secret"})
DEV_JWT_SECRET = "dev-only-secret-change-me-before-any-real-use"
SERVICES = ("assessment", "localoffer", "budgets", "mediation", "notifications")


class PlaceholderSecretError(ValueError):
    pass


class Settings(BaseSettings):
    """The settings every service shares. `database_url` may contain `{service}` (SQLite file
    per service). A setting only one service reads lives in that service's own settings
    class (e.g. mail and the LA teams' addresses in `notifications.settings`)."""

    model_config = SettingsConfigDict(env_prefix="SENDSYS_", env_file=".env", extra="ignore")

    env: Literal["dev", "test", "prod"] = "dev"
    service: str = ""
    database_url: str = "sqlite+aiosqlite:///var/{service}.sqlite3"
    database_schema: str | None = Field(default=None, description="defaults to the service name")
    database_pool_size: int = 10
    database_pool_timeout_s: float = Field(
        default=5.0, gt=0, description="the longest a request waits for a pooled connection "
        "(then 503); a waiting request takes a slot freed by a failed connect within 0.1 s")
    database_connect_timeout_s: float = Field(
        default=2.0, gt=0, description="the longest one connect attempt to Postgres may take")
    bus: Literal["embedded", "kafka"] = "embedded"
    kafka_bootstrap_servers: str = "localhost:9092"
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT", description="how clients talk to the brokers (TLS and/or SASL)")
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "PLAIN"
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: str | None = Field(
        default=None, description="CA bundle for the brokers' certificates (default: system)")
    kafka_ssl_certfile: str | None = Field(default=None, description="client certificate (mTLS)")
    kafka_ssl_keyfile: str | None = Field(default=None, description="client key (mTLS)")
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_issuer: str = "sendsys"
    jwt_audience: str = "sendsys"
    jwt_algorithms: list[str] = ["HS256"]
    jwks_url: str | None = None
    log_level: str = "INFO"
    deadline_lead_working_days: list[int] = [10, 2]
    sweep_interval_s: float = 3600.0
    sweep_retry_s: float = Field(
        default=5.0, gt=0, description="how soon the sweep comes back after a pass that met "
        "deadlines another sweeper held (or that failed), instead of `sweep_interval_s`")
    relay_poll_s: float = 0.05
    consumer_poll_ms: int = 100
    auto_migrate: bool = False
    request_body_limit_bytes: int = Field(
        default=1_000_000, ge=1, description="the largest request body accepted (413 above)")
    import_body_limit_bytes: int = Field(
        default=20_000_000, ge=1, description="the largest body of an import endpoint")
    import_paths: list[str] = Field(
        default_factory=lambda: ["/v1/plans/import", "/v1/legacy-imports",
                                 "/v1/local-offer/imports"],
        description="the paths that take `import_body_limit_bytes`")
    metrics_require_token: bool = Field(
        default=False, description="`/metrics` only with a bearer token of an `ops` or "
        "`platform_ops` role; off (open) by default, for a scraper inside the network")
    metrics_port: int | None = Field(
        default=None, ge=1, le=65535, description="serve `/metrics` on this port alone (and "
        "not on the service's port), for a scraper on a network of its own; unset: on the "
        "service's port")
    dev_today: date | None = Field(
        default=None, ge=date(2014, 9, 1), le=date(2100, 12, 31),
        description="dev and test only: the day every service takes as today for a whole "
        "run (`sendsys dev --today`); time runs on from 09:00 UTC of it. Refused in prod")

    @model_validator(mode="after")
    def _refuse_placeholder_secret_outside_dev(self) -> Settings:
        if self.env == "prod" and "HS256" in self.jwt_algorithms and (
            self.jwt_secret.get_secret_value() in PLACEHOLDER_SECRETS | {DEV_JWT_SECRET}
            or len(self.jwt_secret.get_secret_value()) < 32
        ):
            raise PlaceholderSecretError(
                "SENDSYS_JWT_SECRET is a placeholder or shorter than 32 characters; "
                "set a real secret (or use RS256 with SENDSYS_JWKS_URL) outside dev"
            )
        return self

    @model_validator(mode="after")
    def _refuse_set_day_in_prod(self) -> Settings:
        if self.dev_today is not None and self.env == "prod":
            raise ValueError("SENDSYS_DEV_TODAY sets the day for dev and test only; "
                             "unset it in prod")
        return self

    @field_validator("jwks_url", "kafka_sasl_username", "kafka_sasl_password", "kafka_ssl_cafile",
                     "kafka_ssl_certfile", "kafka_ssl_keyfile", "metrics_port", "dev_today",
                     mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def is_dev_or_test(self) -> bool:
        return self.env in ("dev", "test")

    @property
    def uses_dev_secret(self) -> bool:
        return self.jwt_secret.get_secret_value() == DEV_JWT_SECRET

    def for_service(self, service: str, **overrides: object) -> Settings:
        return self.model_copy(update={"service": service, **overrides})

    @property
    def schema_name(self) -> str:
        return self.database_schema or self.service

    def database_url_for(self, service: str) -> str:
        return self.database_url.replace("{service}", service)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
