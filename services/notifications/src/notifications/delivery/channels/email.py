"""Email: an SMTP sender (stdlib smtplib in a worker thread) and a folder sender for dev.

Both build the same ``email.message.EmailMessage`` from an ``EmailMessageSpec``. Its
Message-ID derives from the caller's ``message_id`` (the delivery id), so a re-send of
the same delivery carries the same Message-ID and a receiver or reader can spot it.
Every message is multipart/alternative: the plain text as written, and an HTML version
of it in the GOV.UK email style (``html_version``) unless the caller gives its own. It is
marked ``Auto-Submitted: auto-generated`` (RFC 3834) so mail systems send no automatic
replies to it.
"""

from __future__ import annotations

import asyncio
import html
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
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"  # Exchange: no out-of-office replies
    msg.set_content(spec.text)
    page = spec.html if spec.html is not None else html_version(spec.subject, spec.text,
                                                                 parseaddr(sender)[0])
    msg.add_alternative(page, subtype="html")
    for filename, mime, content in spec.attachments:
        maintype, _, subtype = mime.partition("/")
        msg.add_attachment(
            content, maintype=maintype, subtype=subtype or "octet-stream", filename=filename
        )
    return msg


# -- the HTML version (GOV.UK email style) ---------------------------------------------------

_TEXT = "font-family: Helvetica, Arial, sans-serif; font-size: 19px; line-height: 25px; " \
        "color: #0b0c0c;"
_P = f'<p style="margin: 0 0 20px 0; {_TEXT}">'
_UL = '<ul style="margin: 0 0 20px 20px; padding: 0; list-style-type: disc;">'
_LI = f'<li style="margin: 5px 0 5px; padding: 0 0 0 5px; {_TEXT}">'
_LAYOUT = 'role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"'
_COLUMN = "max-width: 580px; border-collapse: collapse;"
_FONT = "font-family: Helvetica, Arial, sans-serif; line-height: 1.3; font-weight: 700;"
_BANNER = f"{_FONT} font-size: 28px; color: #ffffff;"
_HEADING = f"margin: 0 0 20px 0; {_FONT} font-size: 27px; color: #0b0c0c;"
_LINK = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:)]")
_LABEL = re.compile(r"^([A-Z][A-Za-z0-9 ()/'-]{0,40}): (.+)$")


def _inline(line: str) -> str:
    """One escaped line: links made clickable, a leading "Label:" in bold."""
    escaped = html.escape(line, quote=True)
    labelled = _LABEL.match(escaped)
    if labelled:
        escaped = f"<strong>{labelled.group(1)}:</strong> {labelled.group(2)}"
    return _LINK.sub(lambda m: f'<a href="{m.group(0)}" style="color: #1d70b8;">'
                               f"{m.group(0)}</a>", escaped)


def _block_html(block: str) -> str:
    """A paragraph of text: its "- " lines as a bulleted list, other lines as a paragraph
    (lines within it kept apart with <br>)."""
    out: list[str] = []
    lines: list[str] = []
    items: list[str] = []
    for line in block.splitlines():
        if line.startswith("- "):
            if lines:
                out.append(_P + "<br>\n".join(lines) + "</p>")
                lines = []
            items.append(_LI + _inline(line[2:].strip()) + "</li>")
            continue
        if items:
            out.append(_UL + "".join(items) + "</ul>")
            items = []
        lines.append(_inline(line.strip()))
    if lines:
        out.append(_P + "<br>\n".join(lines) + "</p>")
    if items:
        out.append(_UL + "".join(items) + "</ul>")
    return "\n".join(out)


def html_version(subject: str, text: str, sender_name: str = "") -> str:
    """The text as an accessible HTML email in the GOV.UK style: a page in English with a
    title, layout tables marked presentational, a dark banner with the sender's name,
    19px Helvetica/Arial at most 580px wide, blue links, real lists; no images."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    body = "\n".join(_block_html(b) for b in blocks)
    banner = html.escape(sender_name or "Notification")
    heading = html.escape(subject)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="format-detection" content="telephone=no">
<title>{heading}</title>
</head>
<body style="margin: 0; padding: 0; background: #ffffff; {_TEXT}">
<table {_LAYOUT} style="border-collapse: collapse; width: 100%;">
<tr><td bgcolor="#0b0c0c" style="padding: 15px 10px; background: #0b0c0c;">
<table {_LAYOUT} align="center" style="{_COLUMN}">
<tr><td style="{_BANNER}">{banner}</td></tr>
</table></td></tr>
</table>
<table {_LAYOUT} align="center" style="{_COLUMN}">
<tr><td style="padding: 30px 10px 10px 10px; {_TEXT}">
<h1 style="{_HEADING}">{heading}</h1>
{body}
</td></tr>
</table>
</body>
</html>
"""


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
