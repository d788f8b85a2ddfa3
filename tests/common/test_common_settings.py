"""Settings: the JWT secret guard, empty environment values, the per-service database URL."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from common.settings import DEV_JWT_SECRET, Settings

REAL_SECRET = "k3Jx9vQ2mW7rT5yB8nC4fH6gL1pZ0sD-"  # 33 characters, not a placeholder


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SENDSYS_ENV", "SENDSYS_JWT_SECRET", "SENDSYS_JWKS_URL",
                 "SENDSYS_DATABASE_URL", "SENDSYS_JWT_ALGORITHMS"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("secret", [DEV_JWT_SECRET, "change-me", "secret", "", "x" * 31])
def test_placeholder_or_short_secret_is_refused_in_prod(secret: str) -> None:
    with pytest.raises(ValidationError, match="SENDSYS_JWT_SECRET"):
        Settings(env="prod", jwt_secret=secret)


def test_placeholder_secret_from_the_environment_is_refused_in_prod(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDSYS_ENV", "prod")
    monkeypatch.setenv("SENDSYS_JWT_SECRET", "changeme")
    with pytest.raises(ValidationError, match="placeholder"):
        Settings()


@pytest.mark.parametrize("env", ["dev", "test"])
def test_dev_secret_is_accepted_in_dev_and_test(env: str) -> None:
    settings = Settings(env=env)
    assert settings.uses_dev_secret
    assert settings.is_dev_or_test


def test_a_real_secret_is_accepted_in_prod() -> None:
    settings = Settings(env="prod", jwt_secret=REAL_SECRET)
    assert not settings.uses_dev_secret
    assert not settings.is_dev_or_test


def test_rs256_with_jwks_needs_no_shared_secret_in_prod() -> None:
    settings = Settings(env="prod", jwt_algorithms=["RS256"],
                        jwks_url="https://idp.example/jwks")
    assert settings.jwks_url == "https://idp.example/jwks"


def test_an_empty_jwks_url_means_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDSYS_JWKS_URL", "")
    assert Settings().jwks_url is None


def test_service_placeholder_in_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDSYS_DATABASE_URL", "sqlite+aiosqlite:///data/{service}.sqlite3")
    settings = Settings()
    assert settings.database_url_for("mediation") == "sqlite+aiosqlite:///data/mediation.sqlite3"
    assert settings.database_url_for("budgets") == "sqlite+aiosqlite:///data/budgets.sqlite3"
    assert settings.is_sqlite
    postgres = Settings(database_url="postgresql+asyncpg://u@db/sendsys")
    assert postgres.database_url_for("mediation") == "postgresql+asyncpg://u@db/sendsys"
    assert postgres.for_service("mediation").schema_name == "mediation"
    assert postgres.for_service("mediation", database_schema="med").schema_name == "med"
