"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, capturing what it receives.

    def test_sends(smtp_server):
        ...  # send to smtp_server.host, smtp_server.port
        msg = await smtp_server.wait_for(lambda m: m["To"] == "a@example.org")

``fail_with(451)`` or ``fail_with(550, at="DATA")`` makes it refuse (temporary or
permanent) until ``fail_with(None)``. The server runs in aiosmtpd's own thread and
loop, so the code under test may use blocking smtplib or an async client alike.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any, Literal, cast

import pytest
from aiosmtpd.controller import Controller

from common.testing.ports import free_port

FailurePoint = Literal["RCPT", "DATA"]

_REPLIES = {
    451: "451 4.3.0 Temporary failure, please try again later",
    550: "550 5.1.1 Mailbox unavailable",
}


@dataclass(frozen=True)
class Envelope:
    mail_from: str
    rcpt_tos: tuple[str, ...]


class SmtpTestServer:
    """An aiosmtpd server that stores each accepted message as an EmailMessage."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = 0
        self._lock = threading.Lock()
        self._messages: list[EmailMessage] = []
        self._envelopes: list[Envelope] = []
        self._failure: tuple[int, FailurePoint] | None = None
        self._controller: Controller | None = None

    # -- control -------------------------------------------------------------------------

    def start(self) -> SmtpTestServer:
        for _ in range(5):
            self.port = free_port(self.host)
            controller = Controller(self, hostname=self.host, port=self.port)
            try:
                controller.start()
            except (OSError, RuntimeError):
                continue
            self._controller = controller
            return self
        raise RuntimeError("could not start the test SMTP server on a free port")

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def fail_with(self, code: Literal[451, 550] | None, at: FailurePoint = "RCPT") -> None:
        """Answer ``code`` at RCPT or DATA from now on; None accepts again."""
        if code is not None and code not in _REPLIES:
            raise ValueError(f"unsupported failure code {code}")
        with self._lock:
            self._failure = None if code is None else (code, at)

    def reset(self) -> None:
        with self._lock:
            self._messages.clear()
            self._envelopes.clear()
            self._failure = None

    # -- what was received ----------------------------------------------------------------

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return list(self._messages)

    @property
    def envelopes(self) -> list[Envelope]:
        with self._lock:
            return list(self._envelopes)

    async def wait_for(
        self,
        predicate: Callable[[EmailMessage], bool] = lambda _m: True,
        timeout: float = 5.0,  # noqa: ASYNC109 - the helper's own deadline, by design
    ) -> EmailMessage:
        """The first received message matching ``predicate``; TimeoutError after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for message in self.messages:
                if predicate(message):
                    return message
            if time.monotonic() >= deadline:
                subjects = [m["Subject"] for m in self.messages]
                raise TimeoutError(f"no matching message within {timeout} s; got {subjects}")
            await asyncio.sleep(0.02)

    # -- aiosmtpd handler hooks (run on the server's thread) -------------------------------

    def _reply_for(self, point: FailurePoint) -> str | None:
        with self._lock:
            failure = self._failure
        if failure is not None and failure[1] == point:
            return _REPLIES[failure[0]]
        return None

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        refusal = self._reply_for("RCPT")
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        refusal = self._reply_for("DATA")
        if refusal:
            return refusal
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        message = cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(raw))
        with self._lock:
            self._messages.append(message)
            self._envelopes.append(Envelope(envelope.mail_from, tuple(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server() -> Iterator[SmtpTestServer]:
    """A fresh SMTP server on 127.0.0.1 for one test."""
    server = SmtpTestServer().start()
    try:
        yield server
    finally:
        server.stop()


def plain_text(message: EmailMessage) -> str:
    """The plain-text part of a received message (multipart or not)."""
    part = message.get_body(("plain",))
    if part is None:
        raise AssertionError(f"no text/plain part in {message['Subject']!r}")
    return str(part.get_content())


def html_text(message: EmailMessage) -> str:
    """The HTML part of a received message."""
    part = message.get_body(("html",))
    if part is None:
        raise AssertionError(f"no text/html part in {message['Subject']!r}")
    return str(part.get_content())


def recipients_of(message: EmailMessage, header: str = "To") -> list[str]:
    """The bare addresses in a header ("Name <a@b>" gives "a@b")."""
    value = message[header]
    if value is None:
        return []
    return [address.addr_spec for address in value.addresses]
