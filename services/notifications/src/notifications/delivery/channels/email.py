"""Email: an SMTP sender (stdlib smtplib in a worker thread) and a folder sender for dev.

Both build the same ``email.message.EmailMessage`` from an ``EmailMessageSpec``. Its
Message-ID derives from the caller's ``message_id`` (the delivery id), so a re-send of
the same delivery carries the same Message-ID and a receiver or reader can spot it.
"""

from __future__ import annotations

import asyncio
import os
import re
import smtplib
import ssl
import tempfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from pathlib import Path

from notifications.delivery.channels.outcome import DeliveryOutcome

_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class EmailMessageSpec:
    to: str
    subject: str
    text: str
    html: str | None = None
    attachments: tuple[tuple[str, str, bytes], ...] = field(default_factory=tuple)
    """(filename, MIME type such as "application/pdf", content)"""


def _safe_id(message_id: str) -> str:
    cleaned = _SAFE_ID.sub("", str(message_id))
    if not cleaned:
        raise ValueError("message_id has no usable characters")
    return cleaned


def _domain_of(sender: str) -> str:
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "sendsys.invalid"


def message_id_header(message_id: str, sender: str) -> str:
    """The Message-ID for a delivery: stable for the same delivery and sender."""
    return f"<{_safe_id(message_id)}@{_domain_of(sender)}>"


def build_message(spec: EmailMessageSpec, message_id: str, sender: str) -> EmailMessage:
    """The full RFC 5322 message for ``spec``; raises ValueError on header injection."""
    for name, value in (("To", spec.to), ("Subject", spec.subject), ("From", sender)):
        if "\r" in value or "\n" in value:
            raise ValueError(f"{name} must be a single line")
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = spec.to
    msg["Subject"] = spec.subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = message_id_header(message_id, sender)
    msg.set_content(spec.text)
    if spec.html is not None:
        msg.add_alternative(spec.html, subtype="html")
    for filename, mime, content in spec.attachments:
        maintype, _, subtype = mime.partition("/")
        msg.add_attachment(
            content, maintype=maintype, subtype=subtype or "octet-stream", filename=filename
        )
    return msg


def _smtp_code_outcome(code: int, what: str, text: bytes | str) -> DeliveryOutcome:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    detail = f"SMTP {code} at {what}: {text.strip()[:200]}"
    if 400 <= code < 500:
        return DeliveryOutcome.retry(detail)
    if 500 <= code < 600:
        return DeliveryOutcome.failed(detail)
    return DeliveryOutcome.retry(detail)


class SmtpSender:
    """Sends over SMTP; 4xx and connection faults are ``retry``, 5xx are ``failed``."""

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        starttls: bool = False,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 15,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.sender = sender
        self.starttls = starttls
        self.username = username
        self.password = password
        self.timeout = timeout
        self._ssl_context = ssl_context

    async def send(self, spec: EmailMessageSpec, message_id: str) -> DeliveryOutcome:
        msg = build_message(spec, message_id, self.sender)
        return await asyncio.to_thread(self._send_blocking, msg)

    def _send_blocking(self, msg: EmailMessage) -> DeliveryOutcome:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                self._prepare(smtp)
                refused = smtp.send_message(msg, from_addr=parseaddr(self.sender)[1])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            return _smtp_code_outcome(code, "RCPT", text)
        except smtplib.SMTPSenderRefused as exc:
            return _smtp_code_outcome(exc.smtp_code, "MAIL FROM", exc.smtp_error)
        except smtplib.SMTPDataError as exc:
            return _smtp_code_outcome(exc.smtp_code, "DATA", exc.smtp_error)
        except smtplib.SMTPConnectError as exc:
            return DeliveryOutcome.retry(f"SMTP connect refused: {exc.smtp_code}")
        except smtplib.SMTPAuthenticationError as exc:
            return _smtp_code_outcome(exc.smtp_code, "AUTH", exc.smtp_error)
        except smtplib.SMTPResponseException as exc:
            return _smtp_code_outcome(exc.smtp_code, "SMTP", exc.smtp_error)
        except smtplib.SMTPNotSupportedError as exc:
            return DeliveryOutcome.failed(f"SMTP server lacks a required extension: {exc}")
        except (smtplib.SMTPException, OSError) as exc:
            return DeliveryOutcome.retry(f"SMTP connection error: {type(exc).__name__}: {exc}")
        if refused:
            code, text = next(iter(refused.values()))
            return _smtp_code_outcome(code, "RCPT", text)
        return DeliveryOutcome.sent("accepted by SMTP server", provider_ref=msg["Message-ID"])

    def _prepare(self, smtp: smtplib.SMTP) -> None:
        if self.starttls:
            smtp.ehlo()
            smtp.starttls(context=self._ssl_context or ssl.create_default_context())
            smtp.ehlo()
        if self.username is not None:
            smtp.login(self.username, self.password or "")


class MailDirSender:
    """Writes each message to ``directory/<message_id>.eml`` (for dev, without SMTP).

    The write is atomic (a temporary file in the same folder, then rename), so a reader
    never sees half a message; a re-send of the same delivery replaces the same file.
    """

    def __init__(self, directory: str | os.PathLike[str], sender: str = "sendsys@localhost"):
        self.directory = Path(directory)
        self.sender = sender

    async def send(self, spec: EmailMessageSpec, message_id: str) -> DeliveryOutcome:
        msg = build_message(spec, message_id, self.sender)
        target = self.directory / f"{_safe_id(message_id)}.eml"
        try:
            await asyncio.to_thread(self._write, target, msg.as_bytes())
        except OSError as exc:
            return DeliveryOutcome.retry(f"cannot write {target.name}: {exc.strerror}")
        return DeliveryOutcome.sent(f"written to {target}", provider_ref=str(target))

    def _write(self, target: Path, data: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".eml")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
