"""Request and response models of LA staff configuration: routes, templates, staff
addresses, opt-outs."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

Channel = Literal["email", "sms", "webhook", "in_app"]


class RouteRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "event_type": "send.assessment.decision.made.v1", "audience": "family",
        "channels": ["email", "sms"], "statutory": True, "enabled": True,
        "overridden": False}]})

    event_type: str
    audience: str
    channels: list[str]
    statutory: bool
    enabled: bool
    overridden: bool


class RouteUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"channels": ["sms"], "enabled": True}]})

    channels: list[Channel] = Field(min_length=1)
    enabled: bool = True


class TemplateUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "subject": "Your mediation certificate {{ certificate_no }} from [LA]",
        "body": "Hello {{ recipient_name }},\n\nThe Tribunal must receive any appeal by "
                "{{ appeal_by|long_date }}."}]})

    subject: str = Field(max_length=500)
    body: str = Field(min_length=1, max_length=20_000)


class TemplateRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "event_type": "send.mediation.certificate.issued.v1", "audience": "family",
        "channel": "email", "subject": "Your mediation certificate {{ certificate_no }}",
        "body": "Hello {{ recipient_name }},\n\nThe Tribunal must receive any appeal by "
                "{{ appeal_by|long_date }}.", "version": 2, "source": "la"}]})

    event_type: str
    audience: str
    channel: str
    subject: str
    body: str
    version: int | None
    source: Literal["la", "default"]


class TemplatePreview(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "event_type": "send.mediation.certificate.issued.v1", "audience": "family",
        "channel": "email", "subject": "Certificate {{ certificate_no }}",
        "body": "Appeal by {{ appeal_by|long_date }}.",
        "context": {"certificate_no": "MC-2026-7", "appeal_by": "2026-04-02"}}]})

    event_type: str
    audience: str
    channel: Channel = "email"
    subject: str | None = Field(default=None, description="omit to preview the stored template")
    body: str | None = None
    context: dict[str, Any] | None = Field(default=None,
                                           description="event data; default: a sample")


class RenderedRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "subject": "Certificate MC-2026-7", "text": "Appeal by Thursday 2 April 2026.\n"}]})

    subject: str
    text: str


class StaffAddressUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"email": "sen-north@your-council.gov.uk"}]})

    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=320)


class StaffAddressRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"kind": "team", "ref": "north", "email": "sen-north@your-council.gov.uk"}]})

    kind: str
    ref: str
    email: str


class OptOutUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"address": "ngozi@example.org", "opted_out": True}]})

    address: str = Field(min_length=3, max_length=320)
    opted_out: bool = True


NOTIFY_TEMPLATE_EXAMPLE: dict[str, Any] = {"event_type": "send.assessment.decision.made.v1",
                           "audience": "family", "channel": "sms",
                           "template_id": "f33517ff-2a88-4f6e-b855-c550268ce08a"}


class NotifyTemplateUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"template_id": "f33517ff-2a88-4f6e-b855-c550268ce08a"}]})

    template_id: UUID = Field(description="the template's id in the LA's own GOV.UK Notify "
                              "service; it takes ((subject)) and ((body)) (SMS: ((body)))")


class NotifyTemplateRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [NOTIFY_TEMPLATE_EXAMPLE]})

    event_type: str = Field(description="an event type, or `*` for any")
    audience: str = Field(description="caseworker, manager, family or la (the service's "
                          "alerts to the LA team), or `*` for any")
    channel: Literal["email", "sms"]
    template_id: str


class NotifyAccountRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "api_key_set": True, "service_id": "26785a09-ab16-4eb0-8407-a37497a57506",
        "email_via_notify": True, "templates": [NOTIFY_TEMPLATE_EXAMPLE]}]})

    api_key_set: bool = Field(description="whether the LA's Notify API key is in the "
                              "settings (SENDSYS_NOTIFICATIONS_NOTIFY_API_KEYS); the key "
                              "itself is never shown")
    service_id: str | None = Field(description="the LA's Notify service id, from its key")
    email_via_notify: bool = Field(description="whether the LA's email leaves through "
                                   "Notify (else SMTP); SMS always does")
    templates: list[NotifyTemplateRead]
