"""SMS texts of their own (issue 12, item 4): each family message an SMS can carry has a
short default, one SMS (160 characters) with every sample event, in the GSM character
set, and never the email's text."""

from __future__ import annotations

import pytest

from notifications.planning import rendering
from notifications.planning.routing import DEFAULT_ROUTES
from notifications.planning.samples import sample_contexts
from notifications.planning.sms_texts import SMS_TEMPLATES
from notifications.planning.templates import render_template

#: GSM 03.38 basic characters (no Unicode: a Unicode SMS holds 70 characters, not 160)
GSM = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
          "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
FAMILY_SMS = [(t, a) for t, by in SMS_TEMPLATES.items() for a in by]


def _contexts(event_type: str) -> list[dict]:
    contexts = sample_contexts(event_type)
    if event_type.endswith("decision.made.v1"):
        contexts += [c | {"decision": "assess"} for c in contexts]
    return contexts


@pytest.mark.parametrize(("event_type", "audience"), FAMILY_SMS)
def test_each_sms_fits_one_message_and_is_not_the_email(event_type: str, audience: str) -> None:
    email = rendering.default_template(event_type, audience)
    sms = rendering.default_template(event_type, audience, "sms")
    assert sms is not None and email is not None and sms is not email
    for context in _contexts(event_type):
        text = render_template(sms, context).text.strip()
        assert len(text) <= 160, text
        assert set(text) <= GSM, set(text) - GSM
        assert text not in render_template(email, context).text


def test_every_family_message_with_an_sms_route_has_an_sms_text() -> None:
    with_sms = {(r.event_type, r.audience) for r in DEFAULT_ROUTES.values() if "sms" in r.channels}
    assert with_sms == set(FAMILY_SMS)
