"""Request and response models of LA staff configuration: routes, templates, staff
addresses, opt-outs."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Channel = Literal["email", "sms", "webhook", "in_app"]


class RouteRead(BaseModel):
    event_type: str
    audience: str
    channels: list[str]
    statutory: bool
    enabled: bool
    overridden: bool


class RouteUpdate(BaseModel):
    channels: list[Channel] = Field(min_length=1)
    enabled: bool = True


class TemplateUpdate(BaseModel):
    subject: str = Field(max_length=500)
    body: str = Field(min_length=1, max_length=20_000)


class TemplateRead(BaseModel):
    event_type: str
    audience: str
    channel: str
    subject: str
    body: str
    version: int | None
    source: Literal["la", "default"]


class TemplatePreview(BaseModel):
    event_type: str
    audience: str
    channel: Channel = "email"
    subject: str | None = Field(default=None, description="omit to preview the stored template")
    body: str | None = None
    context: dict[str, Any] | None = Field(default=None,
                                           description="event data; default: a sample")


class RenderedRead(BaseModel):
    subject: str
    text: str


class StaffAddressUpdate(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=320)


class StaffAddressRead(BaseModel):
    kind: str
    ref: str
    email: str


class OptOutUpdate(BaseModel):
    address: str = Field(min_length=3, max_length=320)
    opted_out: bool = True
