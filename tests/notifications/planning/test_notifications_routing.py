"""The routing table, channel choice and the sample contexts (pure)."""

from __future__ import annotations

import pytest

from notifications.planning import rendering, routing
from notifications.planning.routing import (
    DEFAULT_ROUTES,
    Override,
    choose_channel,
    effective_routes,
)
from notifications.planning.samples import sample_context
from notifications.planning.templates import TemplateRenderError
from notifications.settings import NotificationsSettings

OWN = NotificationsSettings()


def test_notifications_family_gets_preferred_channel_when_allowed_and_usable() -> None:
    assert choose_channel(("email", "sms"), "sms", {"email", "sms"}) == "sms"
    assert choose_channel(("email", "sms"), "sms", {"email"}) == "email"
    assert choose_channel(("email",), "sms", {"sms"}) is None
    assert choose_channel(("email", "sms"), "post", set()) is None
    assert choose_channel(("email", "sms"), None, {"sms"}) == "sms"


def test_notifications_overrides_replace_channels_and_switch_routes_off() -> None:
    event_type = "send.assessment.deadline.missed.v1"
    defaults = {r.audience: r for r in effective_routes(event_type, {})}
    assert set(defaults) == {"caseworker", "manager"}
    changed = {r.audience: r for r in effective_routes(event_type, {
        "manager": Override(("email",), False), "caseworker": Override(("in_app",), True)})}
    assert not changed["manager"].enabled
    assert changed["caseworker"].channels == ("in_app",)
    assert changed["caseworker"].statutory


def test_notifications_every_deadline_source_is_routed() -> None:
    for source in routing.DEADLINE_SOURCES:
        assert (f"send.{source}.deadline.approaching.v1", "caseworker") in DEFAULT_ROUTES
        assert (f"send.{source}.deadline.missed.v1", "manager") in DEFAULT_ROUTES


@pytest.mark.parametrize("key", sorted(k for k, r in DEFAULT_ROUTES.items()
                                       if r.channels != ("webhook",)))
async def test_notifications_default_templates_render_with_samples(
        key: tuple[str, str]) -> None:
    event_type, audience = key
    template = rendering.default_template(event_type, audience)
    assert template is not None
    for channel in DEFAULT_ROUTES[key].channels:
        channel = channel if channel != "sms" else "email"
        message = await rendering.validate(OWN, event_type, channel, template.subject,
                                           template.text)
        assert message.subject and message.text


async def test_notifications_sms_templates_must_be_short() -> None:
    with pytest.raises(TemplateRenderError, match="SMS"):
        await rendering.validate(OWN, routing.DECISION_MADE, "sms", "", "x" * 2000)
    assert (await rendering.validate(OWN, routing.DECISION_MADE, "sms", "",
                                     "Decided {{ decided_on }}")).text == "Decided 2026-04-10\n"
    assert sample_context(routing.CERTIFICATE_ISSUED)["certificate_no"] == "MC-2026-0001"
