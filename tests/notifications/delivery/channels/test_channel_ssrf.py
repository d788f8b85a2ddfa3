"""Webhook targets: https only, and never a private, loopback or link-local address."""

from __future__ import annotations

import pytest

from notifications.delivery.channels.ssrf import (
    UnresolvableWebhookTarget,
    UnsafeWebhookTarget,
    check_webhook_target,
)


def public(host: str, port: int) -> list[str]:
    return ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]


def check(
    url: str, *, allow_http: bool = False, allow_hosts: set[str] | None = None, resolver=public
):
    check_webhook_target(
        url, allow_http=allow_http, allow_hosts=allow_hosts or set(), resolver=resolver
    )


def test_public_https_target_is_accepted() -> None:
    check("https://icb.example.nhs.uk/send/webhooks")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://10.0.0.1/hook", "private"),
        ("https://169.254.169.254/latest/meta-data", "link-local"),
        ("https://[::1]/hook", "loopback"),
        ("https://127.0.0.1/hook", "loopback"),
        ("https://0.0.0.0/hook", "unspecified"),
        ("https://[::ffff:10.0.0.1]/hook", "IPv6-wrapped private"),
        ("https://[::ffff:169.254.169.254]/hook", "IPv6-wrapped link-local"),
        ("https://[fe80::1]/hook", "link-local"),
        ("https://[fd00::1]/hook", "private"),
        ("https://224.0.0.1/hook", "multicast"),
        ("https://240.0.0.1/hook", "reserved"),
        ("https://100.64.0.1/hook", "non-global"),
        ("https://[64:ff9b::a00:1]/hook", "IPv6-wrapped private"),
    ],
)
def test_non_public_addresses_are_refused(url: str, reason: str) -> None:
    with pytest.raises(UnsafeWebhookTarget, match=reason):
        check(url)


def test_allow_list_bypasses_the_address_check() -> None:
    check("https://127.0.0.1/hook", allow_hosts={"127.0.0.1"})
    check("http://localhost:8000/hook", allow_http=True, allow_hosts={"localhost"})


def test_http_is_refused_unless_allowed() -> None:
    with pytest.raises(UnsafeWebhookTarget, match="https"):
        check("http://icb.example.nhs.uk/hook")
    check("http://icb.example.nhs.uk/hook", allow_http=True)


def test_allow_list_does_not_allow_http() -> None:
    with pytest.raises(UnsafeWebhookTarget, match="https"):
        check("http://127.0.0.1/hook", allow_hosts={"127.0.0.1"})


@pytest.mark.parametrize(
    "url", ["ftp://x.example/", "file:///etc/passwd", "https:///nohost", "nonsense"]
)
def test_other_schemes_and_hostless_urls_are_refused(url: str) -> None:
    with pytest.raises(UnsafeWebhookTarget):
        check(url)


def test_credentials_in_url_are_refused() -> None:
    with pytest.raises(UnsafeWebhookTarget, match="credentials"):
        check("https://user:pw@icb.example.nhs.uk/hook")


def test_a_host_resolving_to_a_private_address_is_refused() -> None:
    def sneaky(host: str, port: int) -> list[str]:
        assert (host, port) == ("innocent.example", 8443)
        return ["93.184.216.34", "192.168.1.10"]  # any private answer is enough

    with pytest.raises(UnsafeWebhookTarget, match="192.168.1.10, a private address"):
        check("https://Innocent.Example.:8443/hook", resolver=sneaky)


def test_unresolvable_host_is_reported_as_such() -> None:
    def nxdomain(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(UnresolvableWebhookTarget, match="cannot resolve"):
        check("https://nowhere.example/hook", resolver=nxdomain)


def test_system_resolver_refuses_localhost() -> None:
    with pytest.raises(UnsafeWebhookTarget, match="loopback"):
        check_webhook_target("https://localhost/hook", allow_http=False, allow_hosts=set())


def test_unsafe_target_is_a_value_error() -> None:
    assert issubclass(UnsafeWebhookTarget, ValueError)
