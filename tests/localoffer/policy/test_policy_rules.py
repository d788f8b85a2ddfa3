"""Which personal budget policy version the local offer shows (R7.4). No database."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from localoffer.policy.rules import PolicyVersion, supersedes
from localoffer.policy.schemas import PolicyPublished

V1 = PolicyVersion("pb-policy", 1, date(2026, 1, 10))
V2 = PolicyVersion("pb-policy", 2, date(2026, 2, 1))


def test_r7_4_the_first_policy_is_shown() -> None:
    assert supersedes(V1, None)


def test_r7_4_a_newer_version_replaces_the_shown_one() -> None:
    assert supersedes(V2, V1)


def test_r7_4_the_same_version_again_or_an_older_one_changes_nothing() -> None:
    assert not supersedes(V1, V1)
    assert not supersedes(V1, V2)


def test_r7_4_a_new_policy_document_replaces_an_older_publication() -> None:
    replacement = PolicyVersion("pb-policy-2027", 1, date(2026, 9, 1))
    assert supersedes(replacement, V2)
    assert not supersedes(PolicyVersion("old-draft", 5, date(2025, 1, 1)), V2)


def test_r7_4_the_consumer_reads_the_events_md_minimum_and_ignores_the_rest() -> None:
    """`send.budgets.policy.published.v1`: la_code, policy_id, version, published_on,
    summary, url? (EVENTS.md); fields it does not know are ignored (tolerant reader)."""
    minimum = {"la_code": "201", "policy_id": "pb", "version": 1,
               "published_on": "2026-01-10", "summary": "What budgets can pay for"}
    read = PolicyPublished.model_validate({**minimum, "approved_by": "cabinet"})
    assert read.url is None and read.published_on == date(2026, 1, 10)
    for missing in minimum:
        with pytest.raises(ValidationError):
            PolicyPublished.model_validate({k: v for k, v in minimum.items() if k != missing})
