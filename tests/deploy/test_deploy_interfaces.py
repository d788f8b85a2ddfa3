"""Deployment checks added with issue 12 (item 9): fonts for every script in the image,
images built and pushed by make, the compose stack in production mode, SMTP with
STARTTLS in the Kubernetes config, and a kustomize-like structure check in Python that
runs where kubectl is not installed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"


def test_image_carries_fonts_for_non_latin_names() -> None:
    dockerfile = (ROOT / "deploy" / "docker" / "Dockerfile").read_text()
    runtime = dockerfile.split("AS runtime", 1)[1]
    for package in ("fonts-dejavu-core", "fonts-noto-core", "fonts-noto-cjk", "fontconfig"):
        assert package in runtime, package
    assert "rm -rf /var/lib/apt/lists/*" in runtime


def test_make_builds_and_pushes_an_image_per_service() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^images:", makefile, re.M) and re.search(r"^push-images:", makefile, re.M)
    assert "--build-arg SERVICE=$$s" in makefile and "docker push $(REGISTRY)" in makefile
    for overlay in (K8S / "overlays").iterdir():
        images = yaml.safe_load((overlay / "kustomization.yaml").read_text())["images"]
        assert images[0]["newName"].endswith(f"sendsys-{overlay.name}")


def test_compose_runs_in_prod_mode_and_requires_a_secret() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    environment = compose["services"]["assessment"]["environment"]
    assert environment["SENDSYS_ENV"] == "${SENDSYS_ENV:-prod}"
    assert environment["SENDSYS_JWT_SECRET"].startswith("${SENDSYS_JWT_SECRET:?")
    assert "SENDSYS_NOTIFICATIONS_SMTP_STARTTLS" in environment
    assert environment["SENDSYS_NOTIFICATIONS_SMTP_STARTTLS"] is None


def test_kubernetes_config_sends_mail_with_starttls_on_587() -> None:
    data = yaml.safe_load((K8S / "config.yaml").read_text())["data"]
    assert data["SENDSYS_NOTIFICATIONS_SMTP_PORT"] == "587"
    assert data["SENDSYS_NOTIFICATIONS_SMTP_STARTTLS"] == "true"
    assert all(isinstance(v, str) for v in data.values()), "ConfigMap values are strings"


def _kustomize(directory: Path) -> list[dict[str, Any]]:
    """The resources a kustomization brings in (files and nested kustomizations)."""
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    found: list[dict[str, Any]] = []
    for entry in kustomization.get("resources", []) + kustomization.get("components", []):
        target = (directory / entry).resolve()
        if target.is_dir():
            assert (target / "kustomization.yaml").is_file(), target
            found += _kustomize(target)
        else:
            assert target.is_file(), target
            found += [doc for doc in yaml.safe_load_all(target.read_text()) if doc]
    return found


def test_kustomize_tree_resolves_and_every_deployment_reads_config_and_secrets() -> None:
    resources = _kustomize(K8S)
    kinds = {doc["kind"] for doc in resources}
    assert {"Namespace", "ConfigMap", "Deployment", "Service", "Job"} <= kinds
    config_maps = {doc["metadata"]["name"] for doc in resources if doc["kind"] == "ConfigMap"}
    for doc in resources:
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        container = doc["spec"]["template"]["spec"]["containers"][0]
        refs = [ref for source in container.get("envFrom", []) for ref in source.values()]
        assert {"name": "sendsys-config"} in refs and {"name": "sendsys-secrets"} in refs
        assert "sendsys-config" in config_maps
