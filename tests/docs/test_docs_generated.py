"""The generated reference (issue 12, items 7 and 9): docs/events.md, docs/settings.md,
the Kubernetes ConfigMap, compose's settings block and .env.example are current with the
code, and every setting of every settings class is documented and reachable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from common.settings import PlaceholderSecretError, Settings
from notifications.settings import NotificationsSettings
from sendsys.cli import main as sendsys_main
from sendsys.services import SPECS
from sendsys.settings_reference import PER_SERVICE, settings_classes

ROOT = Path(__file__).resolve().parents[2]


def _class_settings() -> dict[str, str]:
    """Every setting's environment name -> owner, read from the classes directly."""
    names: dict[str, str] = {}
    for owner, cls in settings_classes():
        prefix = str(cls.model_config.get("env_prefix", ""))
        names |= {(prefix + field).upper(): owner for field in cls.model_fields}
    return names


def test_generated_files_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    """`sendsys docs write --check`: regenerate with `uv run sendsys docs write`."""
    sendsys_main(["docs", "write", "--check"])
    assert "out of date" not in capsys.readouterr().out


def test_settings_reference_lists_every_setting_of_every_class_with_a_meaning() -> None:
    text = (ROOT / "docs" / "settings.md").read_text()
    cells = [re.split(r"(?<!\\)\|", line)[1:-1] for line in text.splitlines()
             if line.startswith("| `SENDSYS_")]
    rows = [(cell[0].strip(" `"), cell[3]) for cell in cells]
    documented = {name for name, _ in rows}
    assert documented == set(_class_settings())
    assert "SENDSYS_NOTIFICATIONS_NOTIFY_API_KEYS" in documented
    assert all(meaning.strip() for _, meaning in rows), "a setting without a meaning"


def test_event_catalogue_lists_every_registered_event_type() -> None:
    text = (ROOT / "docs" / "events.md").read_text()
    listed = set(re.findall(r"^### `([a-z0-9_.]+)`$", text, re.M))
    assert listed == {t for make in SPECS.values() for t in make().registry.models}


def test_every_shared_setting_reaches_each_compose_service() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    wanted = set(_class_settings()) - PER_SERVICE
    for name in SPECS:
        environment = compose["services"][name]["environment"]
        assert wanted <= set(environment), sorted(wanted - set(environment))
        assert environment["SENDSYS_DATABASE_SCHEMA"] == name


def test_every_setting_reaches_kubernetes_through_the_configmap_or_the_secret() -> None:
    config = yaml.safe_load((ROOT / "deploy" / "k8s" / "config.yaml").read_text())
    deployment = yaml.safe_load((ROOT / "deploy" / "k8s" / "base" / "deployment.yaml")
                                .read_text())
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert {"secretRef": {"name": "sendsys-secrets"}} in container["envFrom"]
    assert {"configMapRef": {"name": "sendsys-config"}} in container["envFrom"]
    secrets = {"SENDSYS_JWT_SECRET", "SENDSYS_NOTIFICATIONS_SMTP_PASSWORD",
               "SENDSYS_KAFKA_SASL_PASSWORD"}
    in_config = set(config["data"])
    assert not secrets & in_config, "secrets never sit in the ConfigMap"
    per_service = {e["name"] for e in container["env"]}
    assert set(_class_settings()) - PER_SERVICE - in_config <= secrets | {
        "SENDSYS_NOTIFICATIONS_NOTIFY_API_KEYS"}
    assert "SENDSYS_DATABASE_URL" in per_service
    assert config["data"]["SENDSYS_ENV"] == "prod"


def test_env_example_mentions_every_setting() -> None:
    text = (ROOT / ".env.example").read_text()
    mentioned = set(re.findall(r"^#?\s*(SENDSYS_[A-Z0-9_]+)=", text, re.M))
    assert set(_class_settings()) - PER_SERVICE <= mentioned


def _env_example_values() -> dict[str, str]:
    text = (ROOT / ".env.example").read_text()
    return dict(re.findall(r"^(SENDSYS_[A-Z0-9_]+)=(.*)$", text, re.M))


def test_env_example_is_production_and_refuses_to_start_until_the_secret_is_replaced(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Safe by default: prod mode, and the placeholder secret stops every service."""
    values = _env_example_values()
    assert values["SENDSYS_ENV"] == "prod"
    monkeypatch.chdir(tmp_path)  # no ./.env of the developer's
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert isinstance(refused.value.errors()[0]["ctx"]["error"], PlaceholderSecretError)
    monkeypatch.setenv("SENDSYS_JWT_SECRET", "a-real-secret-of-more-than-32-characters-x")
    settings = Settings()
    assert settings.env == "prod" and NotificationsSettings().la_team_emails
