"""Bounded types for request models, free of any web or database framework: a date the
statutory arithmetic can work on (adding weeks or years to 9999-12-31 overflows, and no
SEND record falls outside the years below)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)

StatutoryDate = Annotated[date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
"""A date in 1900..2200: outside, a request is refused with 422 naming the field."""
