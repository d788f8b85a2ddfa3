"""The search page's date filter (R8.5) on Postgres and SQLite: the GOV.UK date input
(a fieldset of day, month and year with its hint and error), an optional time, what is
open that date by every daily, weekly and monthly rule, and plain-English errors linked
from the error summary to the first part of the date."""

from __future__ import annotations

import re

import pytest

from localoffer.pages import views
from tests.harness import LA, System
from tests.localoffer.search.dated_directory import seed_dated

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
