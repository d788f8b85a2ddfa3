"""The search page's date filter (R8.5) on Postgres and SQLite: the GOV.UK date input
(a fieldset of day, month and year with its hint and error), an optional time, what is
open that date by every daily, weekly and monthly rule, and plain-English errors linked
from the error summary to the first part of the date; an entry's opening times in words
for every rule (the nth weekday of the month, every n weeks, validity)."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from localoffer.pages import views
from tests.harness import LA, System
from tests.localoffer.entries.directory_support import (
    entry_body,
    make_organisation,
    publish_entry,
)
from tests.localoffer.search.dated_directory import RULES, seed_dated

BASE = f"/local-offer/{LA}"


def result_names(html: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/local-offer/\d+/entries/[^"]+">([^<(]+)',
                      html)


async def test_the_form_offers_a_govuk_date_input_and_a_time(lo: System) -> None:
    page = await lo.clients["localoffer"].get(BASE)
    assert page.status_code == 200
    html = page.text
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="date-hint">' in html
    assert "Open on a date</legend>" in html
    for part, width in (("day", 2), ("month", 2), ("year", 4)):
        assert re.search(rf'<label class="govuk-label govuk-date-input__label" '
                         rf'for="date-{part}">', html)
        assert f'govuk-input--width-{width}" id="date-{part}" name="date-{part}" ' \
               'type="text" inputmode="numeric"' in html
    assert '<label class="govuk-label" for="time">At a time (optional)</label>' in html


async def test_search_by_date_and_time_lists_what_is_open(lo: System) -> None:
    await seed_dated(lo)
    client = lo.clients["localoffer"]
    day = {"date-day": "7", "date-month": "3", "date-year": "2026"}
    any_time = await client.get(BASE, params=day)
    assert any_time.status_code == 200, any_time.text
    assert "3 results" in any_time.text
    assert "Open on Saturday 7 March 2026</p>" in any_time.text
    assert [n.strip() for n in result_names(any_time.text)] == [
        "Art club", "Cinema", "Drop-in"]
    assert 'value="2026"' in any_time.text  # the date shown back in the form
    at_eleven = await client.get(BASE, params=day | {"time": "11:00"})
    assert "2 results" in at_eleven.text
    assert "Open on Saturday 7 March 2026 at 11:00</p>" in at_eleven.text
    tuesday = await client.get(BASE, params={"date-day": "10", "date-month": "03",
                                             "date-year": "2026", "need": "ASD"})
    assert [n.strip() for n in result_names(tuesday.text)] == [
        "Breakfast club", "Cinema", "Drop-in", "Forum"]


@pytest.mark.parametrize(("params", "anchor", "message"), [
    ({"date-day": "7", "date-month": "3"}, "date-day", "The date must include a year"),
    ({"date-year": "2026"}, "date-day", "The date must include a day and a month"),
    ({"date-day": "31", "date-month": "2", "date-year": "2026"}, "date-day",
     "The date must be a real date, like 7 3 2026"),
    ({"date-day": "first", "date-month": "3", "date-year": "2026"}, "date-day",
     "The date must be a real date, like 7 3 2026"),
    ({"date-day": "7", "date-month": "3", "date-year": "26"}, "date-day",
     "The year must include 4 numbers"),
    ({"time": "11:00"}, "date-day",
     "Enter the date you want the service to be open on, or leave the time empty"),
    ({"date-day": "7", "date-month": "3", "date-year": "2026", "time": "noon"}, "time",
     "Enter a time like 14:30, or leave the time empty"),
])
async def test_a_bad_date_or_time_shows_the_error_summary(
        lo: System, params: dict[str, str], anchor: str, message: str) -> None:
    response = await lo.clients["localoffer"].get(BASE, params=params)
    assert response.status_code == 400, response.text
    html = response.text
    assert "<title>Error: " in html
    assert f'<li><a href="#{anchor}">{message}</a></li>' in html
    field = "date" if anchor == "date-day" else "time"
    assert f'aria-describedby="{field}-hint {field}-error"' in html
    if field == "date":
        assert html.count("govuk-date-input__input govuk-input--width-") == 3
        assert html.count(" govuk-input--error\" id=\"date-") == 3  # every part marked


def test_the_pages_of_results_keep_the_date_and_time() -> None:
    form = views.search_form({"date-day": "7", "date-month": "3", "date-year": "2026",
                              "time": "11:00", "page": "1"})
    assert views.page_query(form)(2) == (
        "radius_km=10.0&date-day=7&date-month=3&date-year=2026&time=11%3A00&page=2")


def _rule(**fields: Any) -> SimpleNamespace:
    return SimpleNamespace(**({"freq": "WEEKLY", "interval": 1, "byday": None,
                                "bymonthday": None, "opens_at": "09:00", "closes_at": "17:00",
                                "dtstart": None, "valid_from": None, "valid_to": None,
                                "description": None} | fields))


@pytest.mark.parametrize(("rule", "text"), [
    (_rule(byday="MO,WE"), "Monday and Wednesday, 09:00 to 17:00"),
    (_rule(freq="MONTHLY", byday="2TU,4TU"), "The 2nd and 4th Tuesday of the month, "
     "09:00 to 17:00"),
    (_rule(freq="MONTHLY", byday="-1FR,WE"), "The last Friday and every Wednesday of the "
     "month, 09:00 to 17:00"),
    (_rule(freq="MONTHLY", bymonthday="15,-1,-2"), "The 15th, the last day and the 2nd to "
     "last day of the month, 09:00 to 17:00"),
    (_rule(freq="MONTHLY", byday="1MO", interval=2), "The 1st Monday of every 2 months, "
     "09:00 to 17:00"),
    (_rule(freq="DAILY"), "Every day, 09:00 to 17:00"),
    (_rule(freq="DAILY", interval=3, dtstart=date(2026, 3, 1)),
     "Every 3 days from Sunday 1 March 2026, 09:00 to 17:00"),
    (_rule(freq="DAILY", valid_from=date(2026, 7, 27), valid_to=date(2026, 8, 7)),
     "Every day, 09:00 to 17:00 (from Monday 27 July 2026 to Friday 7 August 2026)"),
    (_rule(byday="TU", interval=2, valid_from=date(2026, 3, 10)),
     "Every other week on Tuesday, 09:00 to 17:00 (from Tuesday 10 March 2026)"),
    (_rule(byday="SA", interval=3, dtstart=date(2026, 1, 10), description="Swim"),
     "Swim: Every 3 weeks on Saturday, 09:00 to 17:00"),
])
def test_opening_times_in_words(rule: SimpleNamespace, text: str) -> None:
    assert views.schedule_text(rule) == text


async def test_an_entry_page_says_which_days_of_the_month(lo: System) -> None:
    org = await make_organisation(lo, "Borough SEND services", kind="local_authority")
    forum = await publish_entry(lo, entry_body(
        org["id"], "Parent carer forum", postcode=None,
        schedules=[RULES["Forum (2nd and 4th Tuesday)"]]))
    page = await lo.clients["localoffer"].get(f"{BASE}/entries/{forum['id']}")
    assert page.status_code == 200
    assert "The 2nd and 4th Tuesday of the month, 18:00 to 20:00" in page.text
