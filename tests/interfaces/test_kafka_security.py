"""Kafka TLS and SASL settings reach aiokafka (issue 12, item 9): what a council's
managed Kafka (SASL_SSL with SCRAM, a private CA) needs, from SENDSYS_KAFKA_* alone."""

from __future__ import annotations

import ssl

import certifi
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from common.messaging.kafka.connection import connection_options
from common.settings import Settings


def test_plaintext_by_default_adds_nothing_but_the_protocol() -> None:
    assert connection_options(Settings(env="test")) == {"security_protocol": "PLAINTEXT"}


async def test_sasl_ssl_with_scram_and_a_private_ca(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"SECURITY_PROTOCOL": "SASL_SSL", "SASL_MECHANISM": "SCRAM-SHA-512",
                        "SASL_USERNAME": "sendsys-assessment", "SASL_PASSWORD": "s3cret",
                        "SSL_CAFILE": certifi.where()}.items():
        monkeypatch.setenv(f"SENDSYS_KAFKA_{name}", value)
    options = connection_options(Settings(env="test"))
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "sendsys-assessment"
    assert options["sasl_plain_password"] == "s3cret"
    context = options["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.get_ca_certs()
    # aiokafka takes them as they are (it checks the combination when built)
    AIOKafkaProducer(bootstrap_servers="127.0.0.1:9", **options)
    AIOKafkaConsumer(bootstrap_servers="127.0.0.1:9", group_id="g", **options)


async def test_sasl_without_tls_carries_no_ssl_context() -> None:
    settings = Settings(env="test", kafka_security_protocol="SASL_PLAINTEXT",
                        kafka_sasl_username="u", kafka_sasl_password="p")
    options = connection_options(settings)
    assert "ssl_context" not in options and options["sasl_mechanism"] == "PLAIN"
    AIOKafkaProducer(bootstrap_servers="127.0.0.1:9", **options)


def test_empty_values_from_compose_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDSYS_KAFKA_SASL_PASSWORD", "")
    settings = Settings(env="test")
    assert settings.kafka_sasl_password is None
