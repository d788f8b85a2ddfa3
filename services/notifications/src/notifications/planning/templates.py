"""Message templates: a sandboxed Jinja2 renderer (the defaults are in default_texts).

``render`` runs untrusted template text (LAs edit their own templates) in an immutable
sandbox with StrictUndefined, so a typo'd variable fails loudly instead of sending a
blank, and a template cannot reach Python internals. HTML is autoescaped; text is not.

The defaults, keyed by event type (EVENTS.md) and audience, use the event's ``data``
fields plus these optional values supplied by the caller (each defaults to None):
``la_name``, ``recipient_name``, ``case_ref`` (the LA's own reference, never a name),
``ias_service`` and ``mediation_adviser`` ({name, phone?, email?, url?}), ``sen_team``
({email?, phone?}), ``child_name`` and ``case_url`` (staff messages: the child's name and
the case in the LA's case system). Filters: ``long_date``, ``label`` (any code as words),
``deadline_label``, ``decision_label``, ``plural``. They state statutory facts and carry
no health detail.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from notifications.planning import labels

_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
MAX_SEQUENCE_PRODUCT = 100_000
MAX_EXPONENT = 100
#: items all the ``range()`` calls of one render may produce together (loop limit)
MAX_RANGE_ITEMS = 10_000
#: characters one render may write (the worker process may be given a lower limit)
MAX_OUTPUT_CHARS = 200_000
_range_budget: contextvars.ContextVar[list[int]] = contextvars.ContextVar("range_budget")


class TemplateRenderError(Exception):
    """A template could not be rendered; the message says why (and where, for syntax)."""


class RenderLimitExceeded(TemplateRenderError):
    """A template ran past a limit: loop items, recursion depth, output size or CPU time."""


def _budgeted_range(*args: int) -> Iterator[int]:
    """``range`` whose items count against the render's loop budget."""
    budget = _range_budget.get(None)
    for value in range(*args):
        if budget is not None:
            budget[0] -= 1
            if budget[0] < 0:
                raise RenderLimitExceeded(
                    f"template loops too long (more than {MAX_RANGE_ITEMS} range items)")
        yield value


def _defined(value: Any) -> Any:
    """Filters see Undefined values as arguments: make them fail as undefined."""
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    return value


def long_date(value: date | datetime | str) -> str:
    """'Friday 4 December 2026' from a date, datetime or ISO date string."""
    value = _defined(value)
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise TypeError(f"long_date needs a date, got {type(value).__name__}")
    return f"{value:%A} {value.day} {value:%B %Y}"


def deadline_label(kind: str) -> str:
    return labels.deadline_label(_defined(kind))


def decision_label(kind: str) -> str:
    return labels.decision_label(_defined(kind))


def label(code: str) -> str:
    """Any code as words a reader understands (``mainstream_school`` -> mainstream school)."""
    return labels.label(_defined(code))


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``1 working day``, ``3 working days``."""
    count = _defined(count)
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


class _Sandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox that also refuses huge repetitions and powers."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise SecurityError("exponent too large")
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    if len(seq) * times > MAX_SEQUENCE_PRODUCT:
                        raise SecurityError("repetition too large")
        return super().call_binop(context, op, left, right)


def _environment(html: bool) -> _Sandbox:
    env = _Sandbox(
        undefined=StrictUndefined,
        autoescape=html,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["range"] = _budgeted_range
    env.filters["long_date"] = long_date
    env.filters["deadline_label"] = deadline_label
    env.filters["decision_label"] = decision_label
    env.filters["label"] = label
    env.filters["plural"] = plural
    return env


_ENVIRONMENTS = {False: _environment(False), True: _environment(True)}


@lru_cache(maxsize=512)
def _compile(source: str, html: bool) -> Template:
    return _ENVIRONMENTS[html].from_string(source)


def render(template_source: str, context: Mapping[str, Any], *, html: bool = False,
           max_chars: int = MAX_OUTPUT_CHARS) -> str:
    """Render ``template_source`` in the sandbox; raise TemplateRenderError on any fault,
    RenderLimitExceeded past the loop, recursion or output limit."""
    token = _range_budget.set([MAX_RANGE_ITEMS])
    try:
        return _bounded_output(_compile(template_source, html).generate(dict(context)),
                               max_chars)
    except RecursionError as exc:
        raise RenderLimitExceeded("template recurses too deeply") from exc
    except TemplateRenderError:
        raise
    except TemplateSyntaxError as exc:
        raise TemplateRenderError(
            f"template syntax error on line {exc.lineno}: {exc.message}"
        ) from exc
    except SecurityError as exc:
        raise TemplateRenderError(f"template refused by the sandbox: {exc}") from exc
    except UndefinedError as exc:
        raise TemplateRenderError(f"template uses an undefined value: {exc.message}") from exc
    except TemplateError as exc:
        raise TemplateRenderError(f"template failed to render: {exc}") from exc
    except (TypeError, ValueError, ArithmeticError, LookupError, RuntimeError) as exc:
        raise TemplateRenderError(
            f"template failed to render: {type(exc).__name__}: {exc}"
        ) from exc
    finally:
        _range_budget.reset(token)


def _bounded_output(chunks: Iterator[str], max_chars: int) -> str:
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_chars:
            raise RenderLimitExceeded(f"template output exceeds {max_chars} characters")
        parts.append(chunk)
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class DefaultTemplate:
    subject: str
    text: str

    def __post_init__(self) -> None:
        for field_name in ("subject", "text"):
            value = getattr(self, field_name)
            for marker, expression in _PLACEHOLDERS.items():
                value = value.replace(marker, expression)
            object.__setattr__(self, field_name, value)


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    subject: str
    text: str


BASE_CONTEXT: dict[str, Any] = {
    "la_name": None,
    "recipient_name": None,
    "case_ref": None,
    "ias_service": None,
    "mediation_adviser": None,
    "sen_team": None,
    "child_name": None,
    "case_url": None,
}


def render_template(template: DefaultTemplate, context: Mapping[str, Any], *,
                    max_chars: int = MAX_OUTPUT_CHARS) -> RenderedMessage:
    """Render a subject (one line) and text body with the optional values defaulted."""
    merged = {**BASE_CONTEXT, **context}
    subject = " ".join(render(template.subject, merged, max_chars=max_chars).split())
    body = render(template.text, merged, max_chars=max_chars)
    text = _BLANK_RUNS.sub("\n\n", body).strip() + "\n"
    return RenderedMessage(subject=subject, text=text)


_PLACEHOLDERS = {
    "[LA]": '{{ la_name or "The local authority" }}',
    "[la]": '{{ la_name or "the local authority" }}',
    "[CASE]": "{{ case_ref or case_id }}",
}
