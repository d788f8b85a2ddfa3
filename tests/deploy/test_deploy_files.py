"""Structure checks for the deployment files (no Docker engine or cluster needed)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
ENTRYPOINT = DEPLOY / "docker" / "entrypoint.sh"
K8S = DEPLOY / "k8s"
SERVICES = ("assessment", "localoffer", "budgets", "mediation", "notifications")
PORTS = dict(zip(SERVICES, range(8001, 8006), strict=True))
DAY_MS = 24 * 3600 * 1000


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (DEPLOY / "docker" / "Dockerfile").read_text()


@pytest.fixture(scope="module")
def topics() -> list[dict[str, Any]]:
    return yaml.safe_load((DEPLOY / "kafka" / "topics.yaml").read_text())["topics"]


def _run_entrypoint(*args: str, service: str | None, path_dir: Path | None = None):
    env = {k: v for k, v in os.environ.items() if k != "SERVICE"}
    if service is not None:
        env["SERVICE"] = service
    if path_dir is not None:
        env["PATH"] = f"{path_dir}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        ["bash", str(ENTRYPOINT), *args], env=env, capture_output=True, text=True, timeout=10
    )


def _stub(directory: Path, name: str, record: Path) -> None:
    script = directory / name
    script.write_text(f'#!/bin/sh\necho "$@" >> "{record}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


# --- docker-compose.yml -------------------------------------------------------------------


def test_compose_has_infrastructure_services_and_migrate_jobs(compose):
    services = compose["services"]
    assert {"postgres", "kafka", "kafka-init"} <= services.keys()
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["kafka"]["image"].startswith("apache/kafka")
    assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    for name in SERVICES:
        assert name in services, name
        assert f"{name}-migrate" in services, name


@pytest.mark.parametrize("name", SERVICES)
def test_compose_service_builds_its_image_and_waits_for_its_migration(compose, name):
    services = compose["services"]
    svc, migrate = services[name], services[f"{name}-migrate"]
    for spec in (svc, migrate):
        assert spec["build"]["context"] == "."
        assert spec["build"]["dockerfile"] == "deploy/docker/Dockerfile"
        assert spec["build"]["args"]["SERVICE"] == name
        assert f"//{name}:" in spec["environment"]["SENDSYS_DATABASE_URL"]
        assert spec["environment"]["SENDSYS_BUS"] == "kafka"
    assert migrate["command"] == ["migrate"]
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    deps = svc["depends_on"]
    assert deps[f"{name}-migrate"]["condition"] == "service_completed_successfully"
    assert deps["kafka"]["condition"] == "service_healthy"
    assert deps["kafka-init"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("name", (*SERVICES, "postgres", "kafka"))
def test_compose_long_running_services_have_healthchecks(compose, name):
    check = compose["services"][name]["healthcheck"]
    assert not check.get("disable")
    assert check["test"]
    if name in SERVICES:
        assert any("/readyz" in part for part in check["test"])


def test_compose_ports_8001_to_8005_map_to_8000(compose):
    for name, port in PORTS.items():
        mappings = [str(p).split(":")[-2:] for p in compose["services"][name]["ports"]]
        assert [str(port), "8000"] in mappings, (name, mappings)


def test_compose_postgres_runs_init_sql_and_gets_every_role_password(compose):
    postgres = compose["services"]["postgres"]
    assert any(
        v.startswith("./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/")
        for v in postgres["volumes"]
    )
    assert any("pg_isready" in part for part in postgres["healthcheck"]["test"])
    for name in SERVICES:
        assert f"{name.upper()}_DB_PASSWORD" in postgres["environment"]


def test_kafka_init_creates_every_topic_from_topics_yaml(compose, topics, tmp_path):
    """Runs kafka-init's shell script against a stub kafka-topics.sh."""
    init = compose["services"]["kafka-init"]
    assert init["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert any(v.startswith("./deploy/kafka/topics.yaml:") for v in init["volumes"])
    script = init["command"][0].replace("$$", "$")  # undo compose's escaping
    record = tmp_path / "calls"
    _stub(tmp_path, "kafka-topics.sh", record)
    env = {
        "PATH": os.environ["PATH"],
        "KAFKA_BIN": str(tmp_path),
        "TOPICS_FILE": str(DEPLOY / "kafka" / "topics.yaml"),
        "BOOTSTRAP": "kafka:9092",
        "REPLICATION_FACTOR": "1",
    }
    assert init["entrypoint"] == ["/bin/sh", "-ec"]
    result = subprocess.run(
        ["sh", "-ec", script], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    calls = record.read_text().splitlines()
    assert len(calls) == len(topics)
    for topic, call in zip(topics, calls, strict=True):
        assert f"--topic {topic['name']} " in call
        assert f"--partitions {topic['partitions']} " in call
        assert "--replication-factor 1" in call and "--if-not-exists" in call
        for key, value in topic["config"].items():
            assert f"--config {key}={value}" in call


# --- Dockerfile and entrypoint ------------------------------------------------------------


def test_dockerfile_is_multi_stage_uv_build_with_non_root_runtime(dockerfile):
    assert re.search(r"^ARG SERVICE\b", dockerfile, re.M)
    assert len(re.findall(r"^FROM ", dockerfile, re.M)) >= 2
    assert "python:3.11-slim" in dockerfile
    assert "ghcr.io/astral-sh/uv" in dockerfile
    assert "uv sync --frozen --no-dev" in dockerfile
    assert "/app/.venv" in dockerfile
    assert re.search(r"^ENV SERVICE=\$\{SERVICE\}", dockerfile, re.M)
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    assert users, "no USER instruction"
    assert users[-1].split(":")[0] not in {"root", "0"}
    healthcheck = dockerfile[dockerfile.index("HEALTHCHECK") :]
    assert "urllib" in healthcheck.split("\n\n")[0] and "/healthz" in healthcheck
    assert re.search(r'^ENTRYPOINT \[".*deploy/docker/entrypoint.sh"\]', dockerfile, re.M)
    # the runtime stage must never receive the host's virtualenv or .env
    assert not re.search(r"^COPY \. ", dockerfile, re.M)


def test_entrypoint_is_valid_bash_and_strict():
    assert subprocess.run(["bash", "-n", str(ENTRYPOINT)], capture_output=True).returncode == 0
    text = ENTRYPOINT.read_text()
    assert text.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in text
    assert os.access(ENTRYPOINT, os.X_OK)


@pytest.mark.parametrize("service", ["bogus", "", None])
def test_entrypoint_refuses_unknown_or_missing_service(service):
    result = _run_entrypoint("serve", service=service)
    assert result.returncode != 0
    assert "SERVICE" in result.stderr
    if service == "bogus":
        assert "unknown SERVICE 'bogus'" in result.stderr
    assert "assessment" in result.stderr  # lists the valid names


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "serve budgets --host 0.0.0.0 --port 8000"),
        (("serve",), "serve budgets --host 0.0.0.0 --port 8000"),
        (("migrate",), "migrate budgets"),
    ],
)
def test_entrypoint_runs_sendsys_for_the_service(tmp_path, args, expected):
    record = tmp_path / "calls"
    _stub(tmp_path, "sendsys", record)
    result = _run_entrypoint(*args, service="budgets", path_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert record.read_text().strip() == expected


def test_entrypoint_execs_any_other_command():
    result = _run_entrypoint("echo", "hello", service="mediation")
    assert result.returncode == 0 and result.stdout.strip() == "hello"


# --- Postgres and Kafka -------------------------------------------------------------------


def test_init_sql_creates_database_and_one_role_and_schema_per_service():
    sql = (DEPLOY / "postgres" / "init.sql").read_text()
    code = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    assert "CREATE DATABASE sendsys" in code
    assert re.search(r"REVOKE CREATE ON SCHEMA public FROM PUBLIC", code)
    assert "\\set ON_ERROR_STOP on" in code
    for name in SERVICES:
        assert re.search(rf"CREATE ROLE {name}\b", code), name
        assert re.search(rf"ALTER ROLE {name} WITH LOGIN\b.*PASSWORD :'{name}_password'", code)
        assert re.search(rf"CREATE SCHEMA IF NOT EXISTS {name} AUTHORIZATION {name};", code)
        assert f"\\getenv {name}_password {name.upper()}_DB_PASSWORD" in code
    # privileges on a service schema go to nobody (its owner needs none)
    for match in re.finditer(r"GRANT\s+[^;]*\bON\s+SCHEMA\s+(\w+)\s+TO\s+(\w+)", code, re.I):
        assert match.group(1) == match.group(2), match.group(0)
    assert "SUPERUSER" not in code.replace("NOSUPERUSER", "")


def test_topics_yaml_lists_five_topics_and_five_dlqs(topics):
    by_name = {t["name"]: t for t in topics}
    assert len(by_name) == len(topics) == 10
    for name in SERVICES:
        main, dlq = by_name[f"send.{name}"], by_name[f"send.{name}.dlq"]
        assert main["partitions"] == 6
        assert main["replication_factor"] == dlq["replication_factor"] == 3
        assert main["config"]["cleanup.policy"] == dlq["config"]["cleanup.policy"] == "delete"
        assert int(main["config"]["retention.ms"]) == 30 * DAY_MS
        assert int(dlq["config"]["retention.ms"]) == 90 * DAY_MS


# --- Kubernetes ---------------------------------------------------------------------------


def _k8s_docs() -> list[tuple[Path, dict[str, Any]]]:
    docs = []
    for path in sorted(K8S.rglob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            assert isinstance(doc, dict) and doc.get("kind"), path
            docs.append((path, doc))
    return docs


def _assert_probes(deployment: dict[str, Any]) -> None:
    for container in deployment["spec"]["template"]["spec"]["containers"]:
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["resources"]["requests"] and container["resources"]["limits"]


def test_every_k8s_manifest_parses_and_every_deployment_has_probes():
    docs = _k8s_docs()
    kinds = {doc["kind"] for _, doc in docs}
    assert {
        "Namespace",
        "ConfigMap",
        "Deployment",
        "Service",
        "Job",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
        "Kustomization",
    } <= kinds
    deployments = [doc for _, doc in docs if doc["kind"] == "Deployment"]
    assert deployments
    for deployment in deployments:
        _assert_probes(deployment)
    assert not [p for p, doc in docs if doc["kind"] == "Secret"], "secrets are referenced only"


def test_k8s_kustomizations_reference_existing_files():
    for path, doc in _k8s_docs():
        if doc["kind"] not in {"Kustomization", "Component"}:
            continue
        for ref in [*doc.get("resources", []), *doc.get("components", [])]:
            assert (path.parent / ref).exists(), (path, ref)
    root = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert root["namespace"] == "sendsys"
    assert {f"overlays/{name}" for name in SERVICES} <= set(root["resources"])


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed")
def test_k8s_kustomize_build_renders_each_service():
    out = subprocess.run(
        ["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    docs = [d for d in yaml.safe_load_all(out.stdout) if d]
    names = {(d["kind"], d["metadata"]["name"]) for d in docs}
    hpas = {
        d["spec"]["scaleTargetRef"]["name"] for d in docs if d["kind"] == "HorizontalPodAutoscaler"
    }
    assert hpas == {"assessment-api", "notifications-api"}
    for name in SERVICES:
        for kind, suffix in [
            ("Deployment", "api"),
            ("Service", "api"),
            ("PodDisruptionBudget", "api"),
            ("Job", "migrate"),
        ]:
            assert (kind, f"{name}-{suffix}") in names
    for doc in docs:
        assert doc["kind"] == "Namespace" or doc["metadata"]["namespace"] == "sendsys"
        if doc["kind"] not in {"Deployment", "Job"}:
            continue
        service = doc["metadata"]["labels"]["app.kubernetes.io/name"]
        container = doc["spec"]["template"]["spec"]["containers"][0]
        env = {e["name"]: e for e in container["env"]}
        assert env["SERVICE"]["value"] == service
        secret = env["SENDSYS_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["name"]
        assert secret == f"{service}-db"
        assert container["image"].endswith(f"sendsys-{service}:0.1.0")
        assert container["args"] == (["serve"] if doc["kind"] == "Deployment" else ["migrate"])
        if doc["kind"] == "Deployment":
            _assert_probes(doc)


# --- .env.example -------------------------------------------------------------------------


def test_env_example_documents_every_variable_compose_uses(compose):
    text = (ROOT / ".env.example").read_text()
    active = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, re.M))
    documented = active | set(re.findall(r"^#\s*([A-Z][A-Z0-9_]*)=", text, re.M))
    raw = (ROOT / "docker-compose.yml").read_text()
    used_sendsys = set(re.findall(r"\bSENDSYS_[A-Z0-9_]+", raw)) - {"SENDSYS_TAG"}
    for spec in compose["services"].values():
        env = spec.get("environment") or {}
        used_sendsys |= {k for k in env if k.startswith("SENDSYS_")}
    missing = used_sendsys - documented
    assert not missing, f".env.example lacks {sorted(missing)}"
    required = set(re.findall(r"\$\{([A-Z0-9_]+):\?", raw))
    assert required - active == set(), "compose requires these; .env.example must set them"
    assert re.search(r"^SENDSYS_JWT_SECRET=change-me$", text, re.M)
    for name in (
        "SENDSYS_ENV",
        "SENDSYS_DATABASE_URL",
        "SENDSYS_DATABASE_SCHEMA",
        "SENDSYS_BUS",
        "SENDSYS_KAFKA_BOOTSTRAP_SERVERS",
        "SENDSYS_JWT_ISSUER",
        "SENDSYS_JWT_AUDIENCE",
        "SENDSYS_JWKS_URL",
        "SENDSYS_NOTIFICATIONS_SMTP_HOST",
        "SENDSYS_NOTIFICATIONS_SMTP_PORT",
        "SENDSYS_NOTIFICATIONS_SMTP_FROM",
        "SENDSYS_NOTIFICATIONS_MAIL_DIR",
        "SENDSYS_LOG_LEVEL",
    ):
        assert name in documented, name
