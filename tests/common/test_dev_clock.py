"""A day set for a whole dev or test run (issue 14, item 9): `sendsys dev --today`, the
`SENDSYS_DEV_TODAY` setting; refused in prod, in the setting and in the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from common.clock import DevClockRefused, ShiftedClock, SystemClock, clock_for
from common.settings import Settings
from sendsys.cli import build_parser


def test_a_set_day_is_today_from_nine_and_time_runs_on() -> None:
    clock = clock_for("dev", date(2027, 1, 10))
    assert isinstance(clock, ShiftedClock) and clock.today() == date(2027, 1, 10)
    first = clock.now()
    assert first >= datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
    assert clock.now() >= first
    assert isinstance(clock_for("prod", None), SystemClock)


def test_a_set_day_is_refused_in_prod() -> None:
    with pytest.raises(DevClockRefused):
        clock_for("prod", date(2027, 1, 10))
    with pytest.raises(ValidationError, match="dev and test only"):
        Settings(env="prod", jwt_secret="x" * 40, dev_today=date(2027, 1, 10))
    assert Settings(env="test", dev_today=date(2027, 1, 10)).dev_today == date(2027, 1, 10)


def test_sendsys_dev_takes_today() -> None:
    args = build_parser().parse_args(["dev", "--today", "2027-01-10"])
    assert args.today == date(2027, 1, 10)
    assert build_parser().parse_args(["dev"]).today is None
    with pytest.raises(SystemExit):
        build_parser().parse_args(["dev", "--today", "10/01/2027"])


def test_an_empty_setting_is_no_set_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """deploy/k8s/config.yaml and .env.example carry `SENDSYS_DEV_TODAY=""`."""
    monkeypatch.setenv("SENDSYS_DEV_TODAY", "")
    assert Settings(env="prod", jwt_secret="x" * 40).dev_today is None
