"""The printed plan (the HTML behind the PDF and the print dialog), read as a person reads it.

The HTML is parsed back into rows and cells with their visible text, so every
assertion is about words on the page, their column and their marking.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from companion.plan.actionplan import Action, Plan
from companion.plan.export import ExportData, plan_html


class Page(HTMLParser):
    """Visible text per block, and the table rows as (cell text, classes, td attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.rows: list[list[dict]] = []
        self.tags: list[str] = []
        self._cell: dict | None = None
        self.before = ""  # text before the first heading: there should be none

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = {
                "text": "",
                "classes": [],
                "width": attrs.get("width"),
                "style": attrs.get("style"),
            }
            self.rows[-1].append(self._cell)
        elif tag == "br":
            self._write("\n")
        elif tag in ("h1", "h2", "p"):
            self.blocks.append("")
        if tag == "span" and self._cell is not None:
            self._cell["classes"].append(attrs.get("class"))

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        self._write(" ".join(data.split("\n")))  # HTML shows a line break in the text as a space

    def _write(self, text):
        if self._cell is not None:
            self._cell["text"] += text
        elif self.blocks:
            self.blocks[-1] += text
        else:
            self.before += text


def read(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def data() -> ExportData:
    plan = Plan(1, "Zaanstad", description="Samen met\nde gemeente", location="Bieb Zaanstad")
    actions = [
        Action(
            1,
            1,
            "Bel de gemeente",
            description="Vraag naar\nhet budget",
            step_id="stap-1",
            document_ids=("persona-henk", "oud-document"),
            partner="Taalhuis",
            owner="Anna",
            start_date="2026-03-01",
            due_date="2026-03-09",
            priority=1,
            position=0,
            source_item_text="Maak een lijst van vindplaatsen",
        ),
        Action(
            2,
            1,
            "Evalueer",
            step_id="stap-weg",
            due_date="2026-03-05",
            status="klaar",
            priority=3,
            position=1,
        ),
        Action(3, 1, "Lees de handleiding", owner="Bram", status="bezig", position=2),
    ]
    return ExportData(
        plan,
        actions,
        step_titles={"stap-1": "Breng het speelveld in kaart", "stap-2": "Maak een plan"},
        doc_titles={"persona-henk": "Persona Henk"},
        today=TODAY,
    )


def texts(row):
    return [cell["text"] for cell in row]


def test_the_heading_says_what_plan_where_and_how_far(data):
    page = read(plan_html(data))
    assert page.blocks[:4] == [
        "Actieplan: Zaanstad",
        "Bibliotheek / locatie: Bieb Zaanstad",
        "Samen met\nde gemeente",
        "Afgedrukt op 10-03-2026 · 3 acties: 1 te doen, 1 bezig, 1 klaar · 1 te laat",
    ]


def test_grouped_by_status_each_action_in_its_row(data):
    page = read(plan_html(data))
    assert page.blocks[4:] == ["Te doen (1)", "Bezig (1)", "Klaar (1)"]
    header = ["Actie", "Partner / eigenaar", "Datum", "Prioriteit", "Stap"]
    assert [texts(row) for row in page.rows] == [
        header,
        [
            "Bel de gemeente\nVraag naar\nhet budget\nDocumenten: Persona Henk, oud-document "
            "(niet meer in de kit)\nUit de checklist: Maak een lijst van vindplaatsen",
            "Taalhuis\neigenaar: Anna",
            "start 01-03-2026\nklaar op 09-03-2026\nTE LAAT",
            "hoog",
            "Breng het speelveld in kaart",
        ],
        header,
        ["Lees de handleiding", "eigenaar: Bram", "", "normaal", ""],
        header,
        ["Evalueer", "", "klaar op 05-03-2026", "laag", "stap-weg (niet meer in de kit)"],
    ]
    late = page.rows[1]
    assert late[0]["classes"] == ["title", "small", "small", "small"]
    assert late[1]["classes"] == ["small"]
    assert late[2]["classes"] == ["late"]  # late in words and in colour
    assert page.rows[5][2]["classes"] == []  # done: not late


def test_grouped_by_step_the_last_column_is_the_status(data):
    page = read(plan_html(data, "stap"))
    assert page.blocks[4:] == [
        "Stap 1. Breng het speelveld in kaart (1)",
        "stap-weg (niet meer in de kit) (1)",
        "Zonder stap (1)",
    ]
    assert texts(page.rows[0])[-1] == "Status"
    assert [texts(row)[-1] for row in page.rows[1::2]] == ["Te doen", "Klaar", "Bezig"]
    assert [row[-1]["classes"] for row in page.rows[1::2]] == [[], ["done"], []]


def test_columns_fill_the_width_they_are_given(data):
    page = read(plan_html(data, width_pt=500))
    widths = [(cell["width"], cell["style"]) for cell in page.rows[1]]
    assert widths == [
        ("40%", "width:192pt"),
        ("18%", "width:82pt"),
        ("18%", "width:82pt"),
        ("10%", "width:42pt"),
        ("14%", "width:62pt"),
    ]
    assert [cell["width"] for cell in page.rows[0]] == ["40%", "18%", "18%", "10%", "14%"]


def test_several_actions_in_one_group_are_rows_of_one_table(data):
    more = ExportData(
        data.plan,
        [*data.actions, Action(4, 1, "Nog een", position=3, priority=3)],
        today=TODAY,
    )
    page = read(plan_html(more))
    assert page.before == ""
    assert page.blocks[4] == "Te doen (2)"
    assert [texts(row)[0] for row in page.rows[1:3]] == [
        "Bel de gemeente\nVraag naar\nhet budget\nDocumenten: persona-henk (niet meer in de kit), "
        "oud-document (niet meer in de kit)\nUit de checklist: Maak een lijst van vindplaatsen",
        "Nog een",
    ]


def test_a_plan_without_actions_says_so(data):
    empty = ExportData(Plan(2, "Leeg"), [], today=TODAY)
    page = read(plan_html(empty))
    assert page.blocks == [
        "Actieplan: Leeg",
        "Afgedrukt op 10-03-2026 · 0 acties: 0 te doen, 0 bezig, 0 klaar",
        "Dit plan heeft nog geen acties.",
    ]
    one = ExportData(Plan(2, "Een"), [Action(1, 2, "Bel")], today=TODAY)
    assert (
        read(plan_html(one)).blocks[1]
        == "Afgedrukt op 10-03-2026 · 1 actie: 1 te doen, 0 bezig, 0 klaar"
    )


def test_a_long_link_wraps_every_twenty_letters(data):
    link = "https://www.voorbeeld.nl/" + "a" * 15  # 40 letters
    short, just_over = "x" * 28, "y" * 29
    plan = Plan(3, "Links", description=f"Zie {link} en {short} {just_over}")
    page = read(plan_html(ExportData(plan, [], today=TODAY)))
    zw = "\u200b"
    assert page.blocks[1] == (
        f"Zie {link[:20]}{zw}{link[20:40]} en {short} {just_over[:20]}{zw}{just_over[20:]}"
    )
