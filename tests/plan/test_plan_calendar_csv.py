"""CSV and iCalendar exports at their edges, read as the receiving program reads them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import pymupdf
import pytest

from companion.plan.actionplan import Action, Plan
from companion.plan.export import (
    ExportData,
    csv_rows,
    export_csv,
    export_ics,
    export_pdf,
    ics_escape,
    ics_fold,
    ics_text,
)

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def plan_data(*actions: Action) -> ExportData:
    return ExportData(
        Plan(1, "Zaanstad"),
        list(actions),
        step_titles={"stap-1": "Breng het speelveld in kaart"},
        doc_titles={"persona-henk": "Persona Henk"},
        today=TODAY,
    )


RICH = Action(
    1,
    1,
    "Bel de gemeente",
    description="Vraag naar\nhet budget",
    step_id="stap-1",
    document_ids=("persona-henk", "oud-document"),
    partner="Taalhuis",
    owner="Anna",
    start_date="2026-03-01",
    due_date="2026-03-20",
    priority=1,
    position=1,
)


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_an_action_without_step_or_dates_leaves_those_cells_empty():
    rows = csv_rows(plan_data(Action(2, 1, "Lees", position=0), RICH))
    assert rows[1] == ["Lees", "", "te doen", "normaal", "", "", "", "", "", "", "", ""]
    assert rows[2][4:10] == [
        "Breng het speelveld in kaart",
        "Persona Henk; oud-document (niet meer in de kit)",
        "Taalhuis",
        "Anna",
        "2026-03-01",
        "2026-03-20",
    ]


def test_a_cell_starting_with_a_tab_or_return_is_kept_from_formulas():
    rows = csv_rows(plan_data(Action(2, 1, "\tnotitie", description="\rregel", position=0)))
    assert rows[1][:2] == ["'\tnotitie", "'\rregel"]


def test_csv_export_is_comma_separated_unless_asked(tmp_path):
    path = export_csv(plan_data(RICH), tmp_path / "plan.csv")
    assert path.read_bytes().startswith("\ufeffTitel,Omschrijving,".encode())


def test_text_is_escaped_the_calendar_way():
    assert ics_escape("a\\b; c, d\r\ne\rf\ng") == "a\\\\b\\; c\\, d\\ne\\nf\\ng"


def test_a_line_is_folded_after_exactly_75_octets():
    assert ics_fold("x" * 75) == "x" * 75
    folded = ics_fold("x" * 76 + "y" * 74 + "z")
    # A continuation line starts with a space: 74 octets of text fit after it.
    assert folded.split("\r\n") == ["x" * 75, " x" + "y" * 73, " yz"]


def test_an_event_says_everything_about_its_action():
    data = plan_data(Action(2, 1, "Zonder datum", position=0), RICH)
    text = ics_text(data, now=NOW)
    lines = unfolded(text)
    assert lines[:6] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Strategiekit Companion//Actieplan//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Actieplan Zaanstad",
    ]
    assert lines[7:] == [
        f"UID:{lines[7][4:]}",
        "DTSTAMP:20260310T093000Z",  # in UTC
        "SUMMARY:Bel de gemeente",
        "DESCRIPTION:Vraag naar\\nhet budget\\n\\nStatus: te doen\\nPrioriteit: hoog\\n"
        "Partner (vindplaats): Taalhuis\\nEigenaar: Anna\\nStartdatum: 01-03-2026\\n"
        "Stap: Breng het speelveld in kaart\\n"
        "Documenten: Persona Henk\\; oud-document (niet meer in de kit)\\n"
        "Actieplan: Zaanstad",
        "LOCATION:Taalhuis",
        "DTSTART;VALUE=DATE:20260320",
        "DTEND;VALUE=DATE:20260321",
        "TRANSP:TRANSPARENT",
        "PRIORITY:1",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]


def test_a_finished_task_is_complete(tmp_path):
    done = Action(3, 1, "Klaar", status="klaar", priority=3, position=0)
    path = export_ics(plan_data(done), tmp_path / "plan.ics", todo=True)
    lines = unfolded(path.read_bytes().decode("utf-8"))
    assert lines[lines.index("BEGIN:VTODO") + 5 :][:4] == [
        "STATUS:COMPLETED",
        "PRIORITY:9",
        "PERCENT-COMPLETE:100",
        "END:VTODO",
    ]


def spans(page) -> dict[str, dict]:
    """Each line of text on the page with its font size and colour."""
    found = {}
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                found.setdefault(span["text"].strip(), span)
    return found


def test_the_pdf_as_a_person_sees_it(tmp_path):
    reports: list[str] = []
    late = dataclasses.replace(RICH, due_date="2026-03-09")
    path = export_pdf(plan_data(late), tmp_path / "plan.pdf", report=reports.append)
    with pymupdf.open(path) as doc:
        page = doc[0]
        text = page.get_text()
        title = doc.metadata["title"]
        shown = spans(page)
    assert "Actieplan Zaanstad  ·  pagina 1 van 1" in text
    assert title == "Actieplan Zaanstad"
    assert reports == ["Pagina 1 opgemaakt"]
    # By status (the default), the last column is the step.
    assert "Breng het speelveld in kaart" in " ".join(text.split())
    assert round(shown["Actieplan: Zaanstad"]["size"]) == 18  # the heading, as the style says
    assert shown["TE LAAT"]["color"] == 0xA4000F  # late: in words, and in red


@pytest.fixture
def dutch_clock(monkeypatch):
    """The workstation's clock in Dutch time, as in a library; back to what it was after."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_calendar_stamp_is_in_utc_on_a_dutch_workstation(dutch_clock):
    text = ics_text(plan_data(RICH), now=NOW)
    assert "DTSTAMP:20260310T093000Z" in text.split("\r\n")
