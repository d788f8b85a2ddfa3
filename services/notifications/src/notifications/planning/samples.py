"""Sample event data per routed event type: template validation renders a template with
these before saving it, and previews use them when the caller gives no context."""

from __future__ import annotations

from typing import Any

from notifications.planning import routing

_CASE = "3f1d5c2e-0000-4000-8000-000000000001"
_OWNER = {"team": "north", "caseworker_id": "cw-17"}
_DEADLINE = {"case_id": _CASE, "deadline_id": "d-1", "deadline_kind": "decision_due",
             "due_on": "2026-04-13", "owner": _OWNER}

SAMPLE_DATA: dict[str, dict[str, Any]] = {
    **{t: {**_DEADLINE, "days_left": 14, "working_days_left": 10,
           "working_days_overdue": 0, "today": "2026-03-30"}
       for t in routing.deadline_approaching_types()},
    **{t: {**_DEADLINE, "days_overdue": 3, "working_days_left": -3,
           "working_days_overdue": 3, "today": "2026-04-16"}
       for t in routing.deadline_missed_types()},
    routing.REQUEST_RECEIVED: {"case_id": _CASE, "request_id": "r-1", "requester_type": "parent",
                               "received_on": "2026-03-02", "decision_due_on": "2026-04-13",
                               "final_plan_due_on": "2026-07-20"},
    routing.DECISION_MADE: {"case_id": _CASE, "request_id": "r-1", "decision": "refuse",
                            "decided_on": "2026-04-10"},
    routing.DECISION_APPEALABLE: {
        "case_id": _CASE, "decision_id": "r-1", "decision_kind": "refuse_assessment",
        "decided_on": "2026-04-10", "notified_on": "2026-04-10",
        "appellants": [{"name": "Ngozi Okafor", "email": "ngozi@example.org"}]},
    routing.PLAN_DRAFTED: {"case_id": _CASE, "plan_id": "p-1", "version": 1,
                           "sent_on": "2026-06-01", "comments_due_on": "2026-06-16",
                           "personal_budget_requested": False},
    routing.PLAN_ISSUED: {"case_id": _CASE, "plan_id": "p-1", "version": 1,
                          "issued_on": "2026-07-15", "reason": "new",
                          "within_statutory_time": True, "weeks_taken": 19},
    routing.CERTIFICATE_ISSUED: {
        "mediation_case_id": "m-1", "case_id": _CASE, "certificate_no": "MC-2026-0001",
        "issued_on": "2026-05-05", "basis": "declined", "appeal_by": "2026-06-05",
        "recipients": [{"name": "Ngozi Okafor", "email": "ngozi@example.org"}]},
    routing.ADVICE_REQUESTED: {
        "case_id": _CASE, "advice_request_id": "a-1", "advice_type": "health",
        "recipient": {"kind": "icb", "org_code": "QWE", "name": "NHS Example ICB"},
        "due_on": "2026-04-13"},
    routing.MEDIATION_REQUESTED: {
        "mediation_case_id": "m-1", "case_id": _CASE, "requested_on": "2026-04-20",
        "must_take_place_by": "2026-05-20", "parties": ["la", "ccg"],
        "commissioning_body": {"org_code": "QWE", "name": "NHS Example ICB"}},
    routing.SETTING_AGREEMENT: {"case_id": _CASE, "requested_on": "2026-06-01",
                                "setting": {"name": "Oak Primary School", "urn": "123456"}},
}


def sample_context(event_type: str) -> dict[str, Any]:
    data = SAMPLE_DATA.get(event_type, {"case_id": _CASE})
    return {**data, "recipient_name": "Sample Name"}


#: the optional values a message may be given, filled in (the defaults leave them None)
_OPTIONAL_FILLED: dict[str, Any] = {
    "la_name": "Example Council", "case_ref": "SEN-0001", "child_name": "Amara Okafor",
    "case_url": "https://cases.example.gov.uk/send/SEN-0001",
    "ias_service": {"name": "Example SENDIASS", "phone": "01632 960000",
                    "email": "ias@example.org", "url": "https://ias.example.org"},
    "mediation_adviser": {"name": "Example Mediation", "phone": "01632 960001",
                          "email": "mediation@example.org"},
    "sen_team": {"email": "sen@example.org", "phone": "01632 960002"},
}


def sample_contexts(event_type: str) -> list[dict[str, Any]]:
    """Every sample a saved template must render: a named recipient (family, partner),
    a staff message (no recipient name), and each with the optional values filled in."""
    base = sample_context(event_type)
    staff = {**base, "recipient_name": None}
    return [base, staff, {**base, **_OPTIONAL_FILLED}, {**staff, **_OPTIONAL_FILLED}]
