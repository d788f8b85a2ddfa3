"""Rendering the public pages: Jinja2 with autoescaping on (every piece of user text is
shown escaped), security headers on every page, form bodies read within a limit, and the
GOV.UK Frontend assets served from the service's static folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from localoffer.errors import NotFound
from localoffer.reading import bounded_body

PACKAGE = Path(__file__).resolve().parents[1]
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
FORM_LIMIT = 16_384  # bytes: the feedback form's comment is at most 2,000 characters

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

environment = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def page(request: Request, template: str, context: dict[str, Any],
         status_code: int = 200) -> HTMLResponse:
    html = environment.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


async def form_fields(request: Request) -> dict[str, str]:
    """An `application/x-www-form-urlencoded` body, first value of each field (413 when
    larger than the form can ever be)."""
    body = await bounded_body(request, FORM_LIMIT)
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {name: values[0] for name, values in parsed.items()}


def asset(path: str) -> FileResponse:
    """A file of the static folder; nothing outside it is ever served."""
    target = (STATIC / path).resolve()
    if not target.is_relative_to(STATIC) or not target.is_file() or target.name.startswith("."):
        raise NotFound(f"Asset {path}")
    return FileResponse(target, headers={"Cache-Control": "public, max-age=3600",
                                         "X-Content-Type-Options": "nosniff"})
