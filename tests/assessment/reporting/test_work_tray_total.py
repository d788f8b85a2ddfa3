"""The work tray counts matches only up to a cap: a large LA's whole-tray view stays fast
and says when its total is not exact."""

from __future__ import annotations

import pytest

from assessment.reporting import repository
from tests.assessment.conftest import Api


async def test_work_tray_total_is_capped_and_says_so(api: Api,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for received_on in ("2026-01-05", "2026-01-12", "2026-01-19"):
        await api.request(await api.case(), received_on=received_on)
    exact = await api.ok("GET", "/v1/deadlines")
    assert (exact["total"], exact["total_is_exact"]) == (3, True)
    monkeypatch.setattr(repository, "WORK_TRAY_COUNT_CAP", 2)
    capped = await api.ok("GET", "/v1/deadlines", params={"limit": 1})
    assert (capped["total"], capped["total_is_exact"], capped["total_cap"]) == (2, False, 2)
    assert len(capped["items"]) == 1
