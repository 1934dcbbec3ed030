"""Dates as Dutch people type them, and dates said back in words.

A date field should take what a person types without thinking about a
format: ``15-3-2027``, ``15-03-2027``, ``15/3/27``, ``15.3.2027``,
``15032027``, ``2027-03-15``, ``15 maart 2027``, ``15 mrt``, ``vrijdag 15
maart 2027``, and words relative to today: ``vandaag``, ``morgen``,
``overmorgen``, ``gisteren``, ``vrijdag``, ``volgende week``, ``volgende week
vrijdag``, ``over 3 dagen``, ``over twee weken``, ``volgende maand``. Day
comes before month (the Dutch order); a missing year is this year; a two-digit
year is in this century. English words (``tomorrow``, ``friday``, ``15
March``) are accepted too, for whoever uses the English screens.

Anything else raises :class:`DateError` with a short Dutch sentence the window
translates; nothing is guessed. The parsed date is said back in words
(:func:`date_in_words`: "vrijdag 15 maart 2027"), so a person sees at once
which day the program understood.

Plain Python: the action editor, the command line and the tests parse alike.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from companion.errors import CompanionError
from companion.i18n import QT_TRANSLATE_NOOP, Text

# How far from today a typed year may be: catches "3202" for "2032" and the like.
YEARS_AROUND_TODAY = 100

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _month_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for number, (dutch, english) in enumerate(zip(MONTHS_NL, MONTHS_EN, strict=True), start=1):
        words[dutch] = number
        words[english.lower()] = number
        words[dutch[:3]] = number
        words[english.lower()[:3]] = number
    # The usual Dutch abbreviations besides the first three letters.
    words.update({"mrt": 3, "sept": 9, "aug": 8, "okt": 10})
    return words


def _weekday_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for number, (dutch, english) in enumerate(zip(WEEKDAYS_NL, WEEKDAYS_EN, strict=True)):
        words[dutch] = number
        words[english.lower()] = number
        words[dutch[:2]] = number  # ma, di, wo, do, vr, za, zo
        words[english.lower()[:3]] = number  # mon, tue, ...
    words.update({"woe": 2, "don": 3, "vrij": 4, "zat": 5, "zon": 6})
    return words


MONTHS = _month_words()
WEEKDAYS = _weekday_words()
NUMBER_WORDS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
DAYS_FROM_TODAY = {
    "vandaag": 0,
    "nu": 0,
    "morgen": 1,
    "overmorgen": 2,
    "gisteren": -1,
    "eergisteren": -2,
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
}
NEXT = ("volgende", "komende", "aanstaande", "next", "this", "deze")
MONTH_UNITS = ("maand", "maanden", "month", "months")
UNITS = {
    "dag": 1,
    "dagen": 1,
    "day": 1,
    "days": 1,
    "week": 7,
    "weken": 7,
    "weeks": 7,
}

EXAMPLE = Text(
    QT_TRANSLATE_NOOP("messages", "Typ bijvoorbeeld 15-3-2027, 15 maart 2027, morgen of vrijdag.")
)


class DateError(CompanionError):
    """What was typed is not a date the program can be sure of; nothing is stored."""


def _fold(text: str) -> str:
    """Lower case, no accents, one space between words, no trailing dots or commas."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[,.](?=\s|$)", " ", plain)  # "15 mrt. 2027", "vrijdag, 15 maart"
    return " ".join(plain.split())


def _not_understood(text: str) -> DateError:
    return DateError(
        QT_TRANSLATE_NOOP("messages", "‘{text}’ is geen datum. {example}"),
        f"unparsed date {text!r}",
        text=text,
        example=EXAMPLE,
    )


def _build(year: int, month: int, day: int, typed: str, today: dt.date) -> dt.date:
    if not 1 <= month <= 12:
        raise DateError(
            QT_TRANSLATE_NOOP("messages", "Een maand gaat van 1 tot en met 12. {example}"),
            f"month {month} in {typed!r}",
            example=EXAMPLE,
        )
    if abs(year - today.year) > YEARS_AROUND_TODAY:
        raise DateError(
            QT_TRANSLATE_NOOP("messages", "Het jaar {year} ligt te ver weg. Klopt het jaartal?"),
            f"year {year} in {typed!r}",
            year=year,
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(
            QT_TRANSLATE_NOOP("messages", "{month} {year} heeft geen dag {day}."),
            f"no day {day} in {year}-{month:02d} ({typed!r})",
            month=Text(MONTH_TEXTS[month - 1]),
            year=year,
            day=day,
        ) from None


# The month names as translatable words, for messages.
MONTH_TEXTS = (
    QT_TRANSLATE_NOOP("messages", "Januari"),
    QT_TRANSLATE_NOOP("messages", "Februari"),
    QT_TRANSLATE_NOOP("messages", "Maart"),
    QT_TRANSLATE_NOOP("messages", "April"),
    QT_TRANSLATE_NOOP("messages", "Mei"),
    QT_TRANSLATE_NOOP("messages", "Juni"),
    QT_TRANSLATE_NOOP("messages", "Juli"),
    QT_TRANSLATE_NOOP("messages", "Augustus"),
    QT_TRANSLATE_NOOP("messages", "September"),
    QT_TRANSLATE_NOOP("messages", "Oktober"),
    QT_TRANSLATE_NOOP("messages", "November"),
    QT_TRANSLATE_NOOP("messages", "December"),
)


def _dated(year: str | None, month: int, day: int, typed: str, today: dt.date) -> dt.date:
    """The date with ``year`` as typed ("27" is 2027); without a year, the nearest such
    day to today (in November, "1 april" is next April; "15-11" is this month)."""
    if year:
        digits = year.lstrip("'’")
        number = int(digits)
        return _build(2000 + number if len(digits) <= 2 else number, month, day, typed, today)
    candidates = []
    for near in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(dt.date(near, month, day))
        except ValueError:
            continue
    if not candidates:
        return _build(today.year, month, day, typed, today)  # says what is wrong
    return min(candidates, key=lambda d: abs((d - today).days))


_NUMERIC = re.compile(r"^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})(?:\s*[-/.\s]\s*('?\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_WORDS = re.compile(r"^(?:([a-z]+)\s+)?(\d{1,2})(?:e|ste|de)?\s+([a-z]+)(?:\s+('?\d{2}|\d{4}))?$")
_ENGLISH = re.compile(r"^(?:([a-z]+)\s+)?([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?$")
_IN = re.compile(r"^(?:over|in)\s+([a-z]+|\d{1,3})\s+([a-z]+)$")


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date ``text`` means, ``None`` for an empty field; :class:`DateError` otherwise."""
    today = today or dt.date.today()
    typed = text.strip()
    words = _fold(typed)
    if not words:
        return None
    if words in DAYS_FROM_TODAY:
        return today + dt.timedelta(days=DAYS_FROM_TODAY[words])
    relative = _relative(words, today)
    if relative is not None:
        return relative
    if match := _ISO.match(words):
        year, month, day = (int(g) for g in match.groups())
        return _build(year, month, day, typed, today)
    if match := _NUMERIC.match(words):
        day, month = int(match[1]), int(match[2])
        return _dated(match[3], month, day, typed, today)
    if match := _DIGITS.match(words):
        day, month = int(match[1]), int(match[2])
        return _dated(match[3], month, day, typed, today)
    if match := _WORDS.match(words):
        weekday, day, month_word, year = match.groups()
        if month_word in MONTHS:
            found = _dated(year, MONTHS[month_word], int(day), typed, today)
            return _check_weekday(weekday, found, typed)
    if match := _ENGLISH.match(words):  # "March 15 2027", "friday march 15"
        weekday, month_word, day, year = match.groups()
        if month_word in MONTHS:
            found = _dated(year, MONTHS[month_word], int(day), typed, today)
            return _check_weekday(weekday, found, typed)
    raise _not_understood(typed)


def _relative(words: str, today: dt.date) -> dt.date | None:
    """Weekdays and "volgende week", "over 3 dagen", "volgende maand"; None if not that."""
    parts = words.split()
    if parts and parts[0] in NEXT and len(parts) > 1:
        rest = parts[1:]
        if rest == ["week"]:  # the Monday of next week
            return today + dt.timedelta(days=7 - today.weekday())
        if rest[0] == "week" and len(rest) == 2 and rest[1] in WEEKDAYS:
            monday = today + dt.timedelta(days=7 - today.weekday())
            return monday + dt.timedelta(days=WEEKDAYS[rest[1]])
        if rest in (["maand"], ["month"]):
            return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        if len(rest) == 1 and rest[0] in WEEKDAYS:
            return _next_weekday(today, WEEKDAYS[rest[0]])
        return None
    if len(parts) == 1 and parts[0] in WEEKDAYS:
        return _next_weekday(today, WEEKDAYS[parts[0]])
    if match := _IN.match(words):
        amount, unit = match.groups()
        number = int(amount) if amount.isdigit() else NUMBER_WORDS.get(amount)
        if number is not None and unit in UNITS:
            return today + dt.timedelta(days=number * UNITS[unit])
        if number is not None and unit in MONTH_UNITS:
            return _add_months(today, number)
    return None


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def _next_weekday(today: dt.date, weekday: int) -> dt.date:
    """The first such day after today ("vrijdag" on a Friday is the Friday after)."""
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _check_weekday(word: str | None, found: dt.date, typed: str) -> dt.date:
    """ "vrijdag 15 maart 2027": the weekday must be that date's, or the person mistyped."""
    if word is None:
        return found
    if word not in WEEKDAYS:
        raise _not_understood(typed)
    if WEEKDAYS[word] != found.weekday():
        raise DateError(
            QT_TRANSLATE_NOOP("messages", "Die dag is een {weekday}. Klopt de datum?"),
            f"weekday {word!r} does not match {found.isoformat()}",
            weekday=Text(WEEKDAY_TEXTS[found.weekday()]),
        )
    return found


WEEKDAY_TEXTS = (
    QT_TRANSLATE_NOOP("messages", "maandag"),
    QT_TRANSLATE_NOOP("messages", "dinsdag"),
    QT_TRANSLATE_NOOP("messages", "woensdag"),
    QT_TRANSLATE_NOOP("messages", "donderdag"),
    QT_TRANSLATE_NOOP("messages", "vrijdag"),
    QT_TRANSLATE_NOOP("messages", "zaterdag"),
    QT_TRANSLATE_NOOP("messages", "zondag"),
)


def date_in_words(day: dt.date, language: str = "nl") -> str:
    """ "vrijdag 15 maart 2027" (or "Friday 15 March 2027"): which day, without doubt."""
    if language == "en":
        return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{WEEKDAYS_NL[day.weekday()]} {day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """``15-03-2027``: how a Dutch date field shows a stored date."""
    return f"{day.day:02d}-{day.month:02d}-{day.year}"
