"""What merging a case into the kept case of the same child takes (pure rules, no database):
the requests that cannot sit on one case, the identifiers and contacts the kept case takes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from assessment.cases import rules
from assessment.domain.records import CaseRecord, ContactRecord, RequestRecord
from assessment.domain.status import RequestStatus

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def request(id_: str, received_on: date, requester_type: str = "health_notification",
            status: RequestStatus = RequestStatus.AWAITING_DECISION) -> RequestRecord:
    return RequestRecord(id=id_, case_id="c", la_code="201", requester_type=requester_type,
                         received_on=received_on, decision_due_on=received_on,
                         no_plan_notice_due_on=received_on, final_plan_due_on=received_on,
                         repeat_within_six_months=False, status=status, created_at=AT)


def case(id_: str, **identifiers: str | None) -> CaseRecord:
    return CaseRecord(id=id_, la_code="201", given_name="Amara", family_name="Okafor",
                      date_of_birth=date(2022, 6, 1), version=1, created_at=AT, updated_at=AT,
                      **identifiers)


def contact(name: str, role: str = "parent", email: str | None = None,
            phone: str | None = None) -> ContactRecord:
    return ContactRecord(id=name, case_id="c", role=role, name=name, email=email, phone=phone,
                         preferred_channel="email" if email else "sms", position=0)


def test_requests_of_a_kind_received_the_same_day_collide() -> None:
    day, other_day = date(2026, 3, 2), date(2026, 1, 5)
    merged = [request("m1", day), request("m2", other_day), request("m3", day, "parent")]
    kept = [request("k1", day, status=RequestStatus.REFUSED), request("k2", other_day, "school")]
    assert rules.request_collisions(merged, kept) == [("m1", "k1")]
    assert rules.request_collisions(merged, []) == []


def test_the_kept_case_takes_only_the_identifiers_it_lacks() -> None:
    merged = case("m", upn="N201100026001", nhs_number="4010232137")
    kept = case("k", nhs_number="9434765919")
    assert rules.identifiers_to_move(merged, kept) == {"upn": "N201100026001"}
    assert rules.identifiers_to_move(case("m"), kept) == {}


def test_the_kept_case_takes_the_contacts_it_does_not_have() -> None:
    kept = [contact("Ngozi Okafor", email="ngozi@example.org")]
    merged = [contact("NGOZI OKAFOR"),  # the same role and name
              contact("N. Okafor", email="Ngozi@Example.org"),  # the same email
              contact("Chidi Okafor", role="carer", phone="+44 7700 900123"),
              contact("C Okafor", role="other", phone="+447700900123")]  # the same phone
    assert [c.name for c in rules.contacts_to_add(kept, merged)] == ["Chidi Okafor"]
