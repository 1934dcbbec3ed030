"""Dates as Dutch people type them: every form from the issue, neighbours, and refusals.

The expected dates are written out by hand from a calendar (today is Thursday
12 November 2026 in every test), never computed with the code under test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from companion.dutch.dates import DateError, date_in_words, parse_date, short_date

TODAY = dt.date(2026, 11, 12)  # a Thursday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # the forms the issue names
        ("15-3-2027", dt.date(2027, 3, 15)),
        ("15-03-2027", dt.date(2027, 3, 15)),
        ("15/3/27", dt.date(2027, 3, 15)),
        ("15 maart 2027", dt.date(2027, 3, 15)),
        ("morgen", dt.date(2026, 11, 13)),
        ("volgende week", dt.date(2026, 11, 16)),  # the Monday of next week
        ("vrijdag", dt.date(2026, 11, 13)),
        # neighbours
        ("vandaag", dt.date(2026, 11, 12)),
        ("overmorgen", dt.date(2026, 11, 14)),
        ("gisteren", dt.date(2026, 11, 11)),
        ("donderdag", dt.date(2026, 11, 19)),  # today is Thursday: the next one
        ("Volgende week vrijdag", dt.date(2026, 11, 20)),
        ("over twee weken", dt.date(2026, 11, 26)),
        ("over 3 dagen", dt.date(2026, 11, 15)),
        ("over een maand", dt.date(2026, 12, 12)),
        ("volgende maand", dt.date(2026, 12, 1)),
        ("1 april", dt.date(2027, 4, 1)),  # no year: the nearest 1 April
        ("15-11", dt.date(2026, 11, 15)),
        ("2-11", dt.date(2026, 11, 2)),  # ten days ago is nearer than next year
        ("15 mrt. 2027", dt.date(2027, 3, 15)),
        ("15 okt 2027", dt.date(2027, 10, 15)),
        ("3 sept 2027", dt.date(2027, 9, 3)),
        ("vr 19 mrt 2027", dt.date(2027, 3, 19)),
        ("vrijdag 19 maart 2027", dt.date(2027, 3, 19)),
        ("Vrijdag, 19 Maart 2027", dt.date(2027, 3, 19)),
        ("1e april 2027", dt.date(2027, 4, 1)),
        ("15.3.2027", dt.date(2027, 3, 15)),
        ("15 3 2027", dt.date(2027, 3, 15)),
        ("15/3/'27", dt.date(2027, 3, 15)),
        ("15032027", dt.date(2027, 3, 15)),
        ("150327", dt.date(2027, 3, 15)),
        ("2027-03-15", dt.date(2027, 3, 15)),
        ("  15-3-2027  ", dt.date(2027, 3, 15)),
        # English, for the English screens
        ("tomorrow", dt.date(2026, 11, 13)),
        ("next week", dt.date(2026, 11, 16)),
        ("Friday", dt.date(2026, 11, 13)),
        ("15 March 2027", dt.date(2027, 3, 15)),
        ("March 15 2027", dt.date(2027, 3, 15)),
        ("in 2 weeks", dt.date(2026, 11, 26)),
    ],
)
def test_what_people_type_is_understood(typed, expected):
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_field_is_no_date(typed):
    assert parse_date(typed, TODAY) is None


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31-2-2027", "Februari 2027 heeft geen dag 31."),
        ("29-2-2027", "Februari 2027 heeft geen dag 29."),
        ("0-1-2027", "Januari 2027 heeft geen dag 0."),
        ("15-13-2027", "Een maand gaat van 1 tot en met 12."),
        ("5-3-3202", "Het jaar 3202 ligt te ver weg."),
        ("vrijdag 15 maart 2027", "Die dag is een maandag."),
        ("foo", "‘foo’ is geen datum."),
        ("15 maartje", "is geen datum"),
        ("1-2-3-4", "is geen datum"),
        ("morgen ochtend", "is geen datum"),
        ("15-3-20277", "is geen datum"),
    ],
)
def test_anything_else_is_refused_with_a_short_reason(typed, says):
    with pytest.raises(DateError) as refused:
        parse_date(typed, TODAY)
    assert says in str(refused.value.message)


def test_the_last_day_of_february_in_a_leap_year_is_a_day():
    assert parse_date("29-2-2028", TODAY) == dt.date(2028, 2, 29)


def test_a_refusal_carries_its_template_for_the_english_screens():
    with pytest.raises(DateError) as refused:
        parse_date("31-2-2027", TODAY)
    message = refused.value.message
    assert message.template == "{month} {year} heeft geen dag {day}."
    assert message.params["month"].template == "Februari"


def test_dates_said_back_in_words():
    assert date_in_words(dt.date(2027, 3, 19)) == "vrijdag 19 maart 2027"
    assert date_in_words(dt.date(2027, 3, 19), "en") == "Friday 19 March 2027"
    assert date_in_words(dt.date(2026, 11, 1)) == "zondag 1 november 2026"
    assert short_date(dt.date(2027, 3, 5)) == "05-03-2027"
