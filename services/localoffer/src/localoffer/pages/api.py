"""The public pages of the local offer (HTML, no account, no JavaScript needed), and the
GOV.UK Frontend assets they use, served by this service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import ValidationError

from common.errors import NotFound, RuleViolation
from common.web import Runtime, Transaction
from localoffer.completeness import service as completeness
from localoffer.entries import service as entries_service
from localoffer.feedback import service as feedback_service
from localoffer.feedback.api import client_key, public_item
from localoffer.feedback.rules import HOLD_EXPLANATIONS
from localoffer.feedback.schemas import FeedbackCreate
from localoffer.organisations import service as organisations_service
from localoffer.pages import views
from localoffer.pages.rendering import asset, form_fields, page
from localoffer.policy import service as policy_service
from localoffer.reading import ReadConnection
from localoffer.search import service as search_service

router = APIRouter(tags=["public pages"], include_in_schema=False)
LaCode = Annotated[str, Path(pattern=r"^\d{3}$")]
Html = HTMLResponse


@router.get("/assets/{path:path}")
async def static_asset(path: str) -> FileResponse:
    return asset(path)


@router.get("/local-offer/{la_code}", response_class=Html)
async def search_page(la_code: LaCode, request: Request, conn: ReadConnection,
                      runtime: Runtime) -> Html:
    query = dict(request.query_params)
    form = views.search_form(query)
    errors: dict[str, str] = {}
    results = None
    if views.searched(query):
        try:
            results = await search_service.search(conn, la_code, views.criteria_from(form),
                                                  runtime.clock.today())
        except ValidationError as exc:
            errors = views.field_errors(exc)
        except RuleViolation as exc:
            errors = views.rule_errors(exc)
    open_on = views.date_asked(form) if results is not None else None
    context = {"la_code": la_code, "section": "search", "errors": errors, "criteria": form,
               "results": results, "searched": results is not None,
               "open_on": views.day_text(open_on) if open_on else None,
               "need_options": await views.need_options(conn),
               "radius_options": views.RADIUS_OPTIONS, "page_query": views.page_query(form)}
    return page(request, "search.html", context, 400 if errors else 200)


@router.get("/local-offer/{la_code}/entries/{entry_id}", response_class=Html)
async def entry_page(la_code: LaCode, entry_id: str, request: Request,
                     uow: Transaction) -> Html:
    try:
        entry = await entries_service.read_published(uow, entry_id)
    except NotFound:
        entry = None
    if entry is None or entry.la_code != la_code:
        return not_found(request, la_code, "There is no such service in this local offer.")
    report = await organisations_service.published_report(uow, entry.organisation_id)
    return page(request, "entry.html", {
        "la_code": la_code, "section": "search", "errors": {}, "entry": entry,
        "facts": views.entry_facts(entry),
        "schedules": [views.schedule_text(s) for s in entry.content.schedules],
        "website": views.safe_link(entry.content.url), "sen_report": report,
        "sen_report_link": views.safe_link(report.url) if report else None})


def not_found(request: Request, la_code: str, message: str) -> Html:
    return page(request, "not_found.html", {"la_code": la_code, "section": "", "errors": {},
                                            "message": message}, 404)


async def _entry_name(uow: Any, la_code: str, entry_id: str) -> str | None:
    if not entry_id:
        return None
    try:
        entry = await entries_service.read_published(uow, entry_id)
    except NotFound:
        return None
    return entry.content.name if entry.la_code == la_code else None


def _feedback_form(request: Request, la_code: str, form: dict[str, str],
                   errors: dict[str, str], entry_name: str | None, status_code: int) -> Html:
    return page(request, "feedback_form.html", {
        "la_code": la_code, "section": "feedback", "errors": errors, "form": form,
        "entry_name": entry_name, "topic_options": list(views.TOPIC_LABELS.items()),
        "commenter_options": list(views.COMMENTER_LABELS.items())}, status_code)


@router.get("/local-offer/{la_code}/feedback", response_class=Html)
async def feedback_form(la_code: LaCode, request: Request, uow: Transaction) -> Html:
    form = views.comment_form(dict(request.query_params))
    entry_name = await _entry_name(uow, la_code, form["entry_id"])
    if entry_name is None:
        form["entry_id"] = ""
    return _feedback_form(request, la_code, form, {}, entry_name, 200)


@router.post("/local-offer/{la_code}/feedback", response_class=Html)
async def send_feedback(la_code: LaCode, request: Request, runtime: Runtime,
                        uow: Transaction) -> Html:
    form = views.comment_form(await form_fields(request))
    entry_name = await _entry_name(uow, la_code, form["entry_id"])
    if entry_name is None:
        form["entry_id"] = ""
    try:
        body = views.validated_comment(FeedbackCreate, form)
        assert isinstance(body, FeedbackCreate)
        _, moderation = await feedback_service.receive_comment(
            uow, runtime.deadlines, la_code, body, client_key(request, runtime))
    except ValidationError as exc:
        return _feedback_form(request, la_code, form, views.field_errors(exc), entry_name, 422)
    except feedback_service.CommentFlood as exc:
        minutes = max(1, round(exc.retry_after_s / 60))
        errors = {"comment": f"You have sent a lot of comments in the last hour. Try again in "
                             f"{minutes} {'minute' if minutes == 1 else 'minutes'}."}
        return _feedback_form(request, la_code, form, errors, entry_name, 429)
    return page(request, "feedback_received.html", {
        "la_code": la_code, "section": "feedback", "errors": {},
        "held": bool(moderation.reasons),
        "held_because": [HOLD_EXPLANATIONS[r] for r in moderation.reasons]})


@router.get("/local-offer/{la_code}/you-said-we-did", response_class=Html)
async def you_said_we_did_page(la_code: LaCode, request: Request, conn: ReadConnection,
                               runtime: Runtime) -> Html:
    records, total = await feedback_service.published_page(conn, la_code, 100, 0)
    last, due = await feedback_service.publication_status(conn, runtime.spec.tables.deadline,
                                                          la_code)
    return page(request, "you_said_we_did.html", {
        "la_code": la_code, "section": "you-said-we-did", "errors": {},
        "items": [public_item(r) for r in records], "total": total,
        "last_published_on": last, "next_due_on": due, "topic_labels": views.TOPIC_LABELS})


@router.get("/local-offer/{la_code}/schedule-2", response_class=Html)
async def schedule2_page(la_code: LaCode, request: Request, conn: ReadConnection,
                         runtime: Runtime) -> Html:
    return page(request, "schedule2.html", {
        "la_code": la_code, "section": "schedule-2", "errors": {},
        "coverage": await completeness.report(conn, la_code, runtime.clock.today())})


@router.get("/local-offer/{la_code}/personal-budget-policy", response_class=Html)
async def policy_page(la_code: LaCode, request: Request, conn: ReadConnection) -> Html:
    policy = await policy_service.current(conn, la_code)
    return page(request, "policy.html", {
        "la_code": la_code, "section": "personal-budget-policy", "errors": {},
        "policy": policy, "policy_link": views.safe_link(policy.url if policy else None)})
