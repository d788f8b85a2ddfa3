"""Every setting of sendsys, read from the settings classes themselves (the platform's
`common.settings.Settings` and each service's own `<service>.settings` classes), and the
files generated from them: docs/settings.md, the Kubernetes ConfigMap, the settings block
of docker-compose.yml and the list at the end of .env.example (`sendsys docs write`)."""

from __future__ import annotations

import importlib
import inspect
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr
from pydantic_settings import BaseSettings

from common.settings import Settings
from sendsys.services import SPECS

#: set per service by the deployment (compose service / Kubernetes overlay), not shared
PER_SERVICE = frozenset({"SENDSYS_SERVICE", "SENDSYS_DATABASE_URL", "SENDSYS_DATABASE_SCHEMA"})
#: what the shared Kubernetes ConfigMap sets differently from the defaults
K8S_VALUES = {
    "SENDSYS_ENV": "prod", "SENDSYS_BUS": "kafka",
    "SENDSYS_KAFKA_BOOTSTRAP_SERVERS": "kafka-bootstrap.kafka.svc:9092",
    "SENDSYS_NOTIFICATIONS_SMTP_HOST": "smtp.example.invalid",
    "SENDSYS_NOTIFICATIONS_SMTP_PORT": "587", "SENDSYS_NOTIFICATIONS_SMTP_STARTTLS": "true",
    "SENDSYS_NOTIFICATIONS_SMTP_FROM": "send-service@example.invalid",
    "SENDSYS_NOTIFICATIONS_MAIL_DIR": "/var/lib/sendsys/mail",
}
_SECRET_NAME = re.compile(r"(secret|password|api_keys?)$")

#: meanings of the settings whose class gives none (a Field description or a `#:` comment),
#: by field name (the platform's) or environment name (a service's own)
DESCRIPTIONS = {
    "env": "dev, test or prod; prod refuses a placeholder JWT secret and sweeps as of a "
           "future day",
    "service": "which service this process runs (set by `sendsys serve` and the image)",
    "database_url": "SQLAlchemy URL; `{service}` gives each service its own SQLite file; "
                    "on Postgres each service uses its own schema",
    "database_pool_size": "Postgres connections per service process (no overflow)",
    "bus": "embedded (consumers tail the producers' outbox logs) or kafka",
    "kafka_bootstrap_servers": "Kafka brokers, comma-separated (topics send.<service>)",
    "kafka_sasl_mechanism": "SASL mechanism when the security protocol is SASL_*",
    "kafka_sasl_username": "SASL user name",
    "kafka_sasl_password": "SASL password (a secret)",
    "jwt_secret": "HS256 secret shared with the LA's identity gateway (a secret; at least "
                  "32 characters outside dev)",
    "jwt_issuer": "required `iss` claim of bearer tokens",
    "jwt_audience": "required `aud` claim of bearer tokens",
    "jwt_algorithms": "accepted signing algorithms, JSON list (RS256 with a JWKS URL)",
    "jwks_url": "the identity provider's JWKS endpoint for RS256 tokens",
    "log_level": "JSON logs at this level (DEBUG, INFO, WARNING, ERROR)",
    "deadline_lead_working_days": "working days before a due date when a "
                                  "deadline.approaching event is emitted, JSON list",
    "sweep_interval_s": "seconds between deadline sweeps in each process (0: never)",
    "relay_poll_s": "seconds between outbox polls when nothing woke the relay",
    "consumer_poll_ms": "how long a consumer waits for new events per fetch",
    "auto_migrate": "apply the service's migrations when it starts (dev; deployments run "
                    "the migrate job)",
    # the notifications service's own (SENDSYS_NOTIFICATIONS_*)
    "SENDSYS_NOTIFICATIONS_WEBHOOK_TIMEOUT_S": "seconds to wait for a webhook endpoint "
                                               "to answer",
    "SENDSYS_NOTIFICATIONS_BATCH_SIZE": "deliveries the delivery worker takes per round",
    "SENDSYS_NOTIFICATIONS_POLL_S": "seconds between delivery worker rounds when idle",
}


@dataclass(frozen=True)
class SettingRow:
    env: str
    owner: str
    type: str
    default: str
    description: str
    secret: bool


def settings_classes() -> Iterator[tuple[str, type[BaseSettings]]]:
    """("common", Settings), then each service's own settings classes."""
    yield "common", Settings
    for service in SPECS:
        try:
            module = importlib.import_module(f"{service}.settings")
        except ModuleNotFoundError:
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseSettings) and cls.__module__ == module.__name__:
                yield service, cls


def setting_rows() -> list[SettingRow]:
    rows = []
    for owner, cls in settings_classes():
        prefix = str(cls.model_config.get("env_prefix", ""))
        comments = _field_comments(cls)
        for name, field in cls.model_fields.items():
            annotation = field.annotation
            secret = "SecretStr" in str(annotation) or bool(_SECRET_NAME.search(name))
            rows.append(SettingRow(
                env=(prefix + name).upper(), owner=owner, type=_type_name(annotation),
                default=_render(field.get_default(call_default_factory=True)),
                description=field.description or DESCRIPTIONS.get(name)
                or DESCRIPTIONS.get((prefix + name).upper()) or comments.get(name, ""),
                secret=secret))
    return rows


def _field_comments(cls: type) -> dict[str, str]:
    """`#: text` comments written above a field in the class body."""
    try:
        lines = inspect.getsource(cls).splitlines()
    except (OSError, TypeError):
        return {}
    found: dict[str, str] = {}
    pending: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#:"):
            pending.append(stripped[2:].strip())
            continue
        match = re.match(r"(\w+)\s*:", stripped)
        if match and pending:
            found[match.group(1)] = " ".join(pending)
        pending = []
    return found


def _type_name(annotation: Any) -> str:
    text = str(annotation).replace("typing.", "").replace("pydantic.types.", "")
    text = re.sub(r"<class '([\w.]+)'>", lambda m: m.group(1).rsplit(".", 1)[-1], text)
    return text.replace("NoneType", "None")


def _render(value: Any) -> str:
    """A default as it would be written in the environment."""
    if value is None:
        return ""
    if isinstance(value, SecretStr):
        return "(dev-only value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value)


# --- the generated files -------------------------------------------------------------------

def settings_markdown() -> str:
    lines = [
        "# Settings",
        "",
        "<!-- generated by `sendsys docs write` from the settings classes; do not edit -->",
        "",
        "Every setting is an environment variable (or a line in `./.env`). The platform's",
        "settings have the prefix `SENDSYS_`; a service's own settings carry its name",
        "(`SENDSYS_NOTIFICATIONS_…`). Lists and objects are written as JSON. Secrets belong",
        "in the `sendsys-secrets` Secret on Kubernetes and in `.env` under compose.",
        "",
    ]
    for owner in dict.fromkeys(row.owner for row in setting_rows()):
        lines += [f"## {owner}", "", "| variable | type | default | meaning |",
                  "| --- | --- | --- | --- |"]
        for row in (r for r in setting_rows() if r.owner == owner):
            default = f"`{row.default}`" if row.default else "unset"
            meaning = row.description + (" **Secret.**" if row.secret else "")
            lines.append(f"| `{row.env}` | {_cell(row.type)} | {_cell(default)} | "
                         f"{_cell(meaning)} |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def k8s_configmap() -> str:
    lines = [
        "# generated by `sendsys docs write` from the settings classes; do not edit by hand.",
        "# Every non-secret setting shared by the services, at its default unless the",
        "# deployment needs another value. Per service (from the overlay): SERVICE and",
        "# SENDSYS_DATABASE_URL. Secrets (" + ", ".join(
            r.env for r in setting_rows() if r.secret) + ")",
        "# come from the sendsys-secrets Secret.",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: sendsys-config",
        "data:",
    ]
    for row in setting_rows():
        if row.secret or row.env in PER_SERVICE:
            continue
        value = K8S_VALUES.get(row.env, row.default)
        lines.append(f"  {row.env}: {json.dumps(value)}")
    return "\n".join(lines) + "\n"


COMPOSE_BEGIN = "# BEGIN settings (generated by `sendsys docs write`)"
COMPOSE_END = "# END settings"


def compose_settings_block() -> str:
    """Every shared setting passed through from .env or the shell (unset: the default)."""
    lines = [COMPOSE_BEGIN,
             "x-settings-env: &settings-env",
             "  # a name with no value is taken from .env or the shell, or left unset"]
    lines += [f"  {row.env}:" for row in setting_rows() if row.env not in PER_SERVICE]
    return "\n".join(lines + [COMPOSE_END])


ENV_BEGIN = "# --- Every other setting (generated by `sendsys docs write`; docs/settings.md) ---"


def env_example_tail(head: str) -> str:
    """The settings .env.example does not already mention above `ENV_BEGIN`."""
    mentioned = set(re.findall(r"^#?\s*(SENDSYS_[A-Z0-9_]+)=", head, re.M))
    lines = [ENV_BEGIN, "# Uncomment to change a default."]
    for row in setting_rows():
        if row.env not in PER_SERVICE | mentioned:
            lines.append(f"# {row.env}={row.default}")
    return "\n".join(lines) + "\n"


def replace_between(text: str, begin: str, end: str | None, block: str) -> str:
    """`text` with the lines from `begin` to `end` (or to the end) replaced by `block`."""
    start = text.index(begin)
    if end is None:
        return text[:start] + block
    stop = text.index(end, start) + len(end)
    return text[:start] + block + text[stop:]
