"""A stand-in for GOV.UK Notify's v2 API that checks what Notify checks, for any number of
Notify services (one per council), and answers with Notify's own error shapes.

Authentication (as Notify does it): a bearer JWT signed HS256 with the secret half of the
service's API key, ``iss`` = the service id, ``iat`` within 30 seconds of the server's
clock. Bodies: the JSON schema of a send-email / send-SMS request (required fields, no
others, a UUID template id, an email address or a UK mobile number, an object of
personalisation, a string reference), then the template: it must belong to the calling
service ("Template not found" otherwise), suit the channel, and get every
((placeholder)) it uses. Errors come back as ``{"status_code": N, "errors": [{"error":
..., "message": ...}]}``; a sent message as Notify's 201 response with its content.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jwt
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

CLOCK_SKEW_S = 30
SMS_MAX = 918
_PLACEHOLDER = re.compile(r"\(\(([^)]+)\)\)")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")
FIELDS = {"email": ("email_address", {"email_address", "template_id", "personalisation",
                                      "reference", "email_reply_to_id",
                                      "one_click_unsubscribe_url"}),
          "sms": ("phone_number", {"phone_number", "template_id", "personalisation",
                                   "reference", "sms_sender_id"})}
#: template ids that make the stand-in answer as Notify does when it is busy or down
RATE_LIMITED = "00000000-0000-4000-8000-000000000429"
SERVER_ERROR = "00000000-0000-4000-8000-000000000500"


@dataclass(frozen=True)
class NotifyTemplate:
    kind: str  # email | sms
    body: str  # e.g. "((body))"
    subject: str = ""

    def placeholders(self) -> list[str]:
        return _PLACEHOLDER.findall(self.subject + " " + self.body)

    def render(self, values: dict[str, Any]) -> dict[str, str]:
        def fill(text: str) -> str:
            return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)
        content = {"body": fill(self.body)}
        if self.kind == "email":
            content["subject"] = fill(self.subject)
        return content


@dataclass
class NotifyService:
    """One council's Notify service: its id, its API key's secret, its templates."""

    name: str
    service_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    secret: str = field(default_factory=lambda: str(uuid.uuid4()))
    templates: dict[str, NotifyTemplate] = field(default_factory=dict)

    @property
    def api_key(self) -> str:
        return f"{self.name}-{self.service_id}-{self.secret}"

    def add(self, kind: str, body: str, subject: str = "") -> str:
        template_id = str(uuid.uuid4())
        self.templates[template_id] = NotifyTemplate(kind, body, subject)
        return template_id


class NotifyError(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message

    def response(self) -> JSONResponse:
        headers = {"Retry-After": "30"} if self.status == 429 else None
        return JSONResponse({"status_code": self.status, "errors": [
            {"error": self.error, "message": self.message}]}, status_code=self.status,
            headers=headers)


@dataclass
class NotifyStandIn:
    services: list[NotifyService]
    clock: Callable[[], float] = time.time
    #: every accepted message: the service, the request body and the rendered content
    sent: list[dict[str, Any]] = field(default_factory=list)
    #: every request, accepted or not
    requests: list[dict[str, Any]] = field(default_factory=list)

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v2/notifications/email")
        async def email(request: Request) -> JSONResponse:
            return await self._handle(request, "email")

        @app.post("/v2/notifications/sms")
        async def sms(request: Request) -> JSONResponse:
            return await self._handle(request, "sms")

        return app

    async def _handle(self, request: Request, kind: str) -> JSONResponse:
        try:
            body = await request.json()
        except ValueError:
            body = None
        self.requests.append({"kind": kind, "body": body})
        try:
            service = self._authenticate(request.headers.get("authorization", ""))
            self._validate(kind, body)
            template = self._template(service, kind, body)
        except NotifyError as exc:
            return exc.response()
        content = template.render(body.get("personalisation") or {})
        notification_id = str(uuid.uuid4())
        self.sent.append({"kind": kind, "service": service.name, "id": notification_id,
                          "content": content, **body})
        return JSONResponse({
            "id": notification_id, "reference": body.get("reference"), "content": content,
            "uri": f"https://api.notifications.service.gov.uk/v2/notifications/"
                   f"{notification_id}",
            "template": {"id": body["template_id"], "version": 1,
                         "uri": f"https://api.notifications.service.gov.uk/services/"
                                f"{service.service_id}/templates/{body['template_id']}"},
            "scheduled_for": None}, status_code=201)

    def _authenticate(self, header: str) -> NotifyService:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise NotifyError(401, "AuthError",
                              "Unauthorized: authentication token must be provided")
        try:
            algorithm = jwt.get_unverified_header(token).get("alg")
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise NotifyError(403, "AuthError", "Invalid token: signature, api token "
                              "is not valid") from None
        if algorithm != "HS256":
            raise NotifyError(403, "AuthError", "Invalid token: algorithm used is not HS256")
        if "iss" not in claims:
            raise NotifyError(403, "AuthError", "Invalid token: iss field not provided")
        service = next((s for s in self.services if s.service_id == claims["iss"]), None)
        if service is None:
            raise NotifyError(403, "AuthError", "Invalid token: service not found")
        try:
            jwt.decode(token, service.secret, algorithms=["HS256"],
                       options={"verify_iat": False})
        except jwt.PyJWTError:
            raise NotifyError(403, "AuthError", "Invalid token: API key not found") from None
        issued = claims.get("iat")
        if not isinstance(issued, int | float):
            raise NotifyError(403, "AuthError", "Invalid token: iat field not provided")
        if abs(self.clock() - issued) > CLOCK_SKEW_S:
            raise NotifyError(403, "AuthError", "Error: Your system clock must be accurate "
                              "to within 30 seconds")
        return service

    def _validate(self, kind: str, body: Any) -> None:
        if not isinstance(body, dict):
            raise NotifyError(400, "ValidationError", "Invalid JSON supplied in POST data")
        contact, allowed = FIELDS[kind]
        for name in (contact, "template_id"):
            if name not in body:
                raise NotifyError(400, "ValidationError", f"{name} is a required property")
        extra = sorted(set(body) - allowed)
        if extra:
            raise NotifyError(400, "ValidationError", "Additional properties are not allowed "
                              f"({', '.join(repr(e) for e in extra)} was unexpected)")
        try:
            uuid.UUID(str(body["template_id"]))
        except ValueError:
            raise NotifyError(400, "ValidationError",
                              "template_id is not a valid UUID") from None
        if kind == "email" and not _EMAIL.match(str(body[contact])):
            raise NotifyError(400, "ValidationError", "email_address Not a valid email address")
        if kind == "sms" and not _UK_MOBILE.match(re.sub(r"[\s()-]", "", str(body[contact]))):
            raise NotifyError(400, "ValidationError",
                              "phone_number Not a UK mobile number")
        if not isinstance(body.get("personalisation", {}), dict):
            raise NotifyError(400, "ValidationError",
                              "personalisation is not of type object")
        if "reference" in body and not isinstance(body["reference"], str):
            raise NotifyError(400, "ValidationError", "reference is not of type string")

    def _template(self, service: NotifyService, kind: str, body: dict[str, Any]
                  ) -> NotifyTemplate:
        template_id = str(body["template_id"])
        if template_id == RATE_LIMITED:
            raise NotifyError(429, "RateLimitError", "Exceeded rate limit for key type LIVE "
                              "of 3000 requests per 60 seconds")
        if template_id == SERVER_ERROR:
            raise NotifyError(500, "Exception", "Internal server error")
        template = service.templates.get(template_id)
        if template is None:
            raise NotifyError(400, "BadRequestError", "Template not found")
        if template.kind != kind:
            raise NotifyError(400, "BadRequestError",
                              f"{template.kind} template is not suitable for {kind} "
                              "notification")
        given = body.get("personalisation") or {}
        missing = [p for p in template.placeholders() if p not in given]
        if missing:
            raise NotifyError(400, "BadRequestError",
                              f"Missing personalisation: {', '.join(missing)}")
        if kind == "sms":
            length = len(template.render(given)["body"])
            if length > SMS_MAX:
                raise NotifyError(400, "BadRequestError", "Text messages cannot be longer "
                                  f"than {SMS_MAX} characters. Your message is {length} "
                                  "characters long.")
        return template
