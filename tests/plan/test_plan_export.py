"""Exports read back the way their readers read them: csv module, a strict iCalendar
parser, PyMuPDF text extraction."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re

import pymupdf
import pytest

from companion.plan.actionplan import ActionPlanService
from companion.plan.export import (
    CSV_COLUMNS,
    ExportData,
    csv_bytes,
    export_csv,
    export_ics,
    export_pdf,
    ics_fold,
    ics_text,
)
from companion.store.user_store import UserStore

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)
STEPS = {"stap-1": "Breng het speelveld in kaart", "stap-2": "Maak een plan"}
DOCS = {"werkblad-klantreis": "Werkblad klantreis", "persona-henk": "Persona Henk"}
LONG = (
    "Bespreek met de klantmanagers van het UWV hoe zij laaggeletterdheid herkennen, "
    "welke signalen zij zien (schaamte, ‘bril vergeten’) en hoe zij doorverwijzen naar "
    "het Taalhuis; maak afspraken, en leg ze vast."
)


@pytest.fixture
def data(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    service = ActionPlanService(user)
    plan = service.create_plan(
        "Zaanstad, 2026", "Laaggeletterden bereiken via partners", "Bibliotheek Zaanstad"
    )
    add = service.add_action
    add(
        plan.id,
        title="Gesprek met het UWV; klantmanagers",
        description=LONG,
        step_id="stap-1",
        document_ids=["werkblad-klantreis", "verdwenen-doc"],
        partner="UWV",
        owner="Anna de Vries",
        start_date="2026-02-01",
        due_date="2026-03-01",
        priority=1,
    )
    add(
        plan.id,
        title="Folder aanpassen, samen met Henk",
        description="Regel één\nRegel twee",
        step_id="stap-2",
        partner="Taalhuis",
        due_date="2026-04-15",
        status="bezig",
    )
    add(plan.id, title="=SUM(A1:A9) is geen formule", status="klaar", due_date="2026-01-20")
    add(plan.id, title="Zonder datum", step_id="stap-oud", priority=3)
    result = ExportData(service.plan(plan.id), service.actions(plan.id), STEPS, DOCS, TODAY)
    yield result
    user.close()


# -- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("semicolon", [True, False])
def test_csv_opens_in_excel_with_accents_and_separators(tmp_path, data, semicolon):
    path = export_csv(data, tmp_path / "plan.csv", semicolon=semicolon)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    assert raw.count(b"\r\n") == 5  # header and four rows, each ended with CRLF
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";" if semicolon else ","))
    header, *body = rows
    assert header == list(CSV_COLUMNS)
    assert len(body) == 4
    first = dict(zip(header, body[0], strict=True))
    assert first["Titel"] == "Gesprek met het UWV; klantmanagers"
    assert first["Omschrijving"] == LONG
    assert first["Stap"] == "Breng het speelveld in kaart"
    assert first["Documenten"] == "Werkblad klantreis; verdwenen-doc (niet meer in de kit)"
    assert first["Partner (vindplaats)"] == "UWV" and first["Eigenaar"] == "Anna de Vries"
    assert (first["Startdatum"], first["Einddatum"]) == ("2026-02-01", "2026-03-01")
    assert first["Te laat"] == "ja" and first["Prioriteit"] == "hoog"
    second = dict(zip(header, body[1], strict=True))
    assert second["Omschrijving"] == "Regel één\nRegel twee"
    assert second["Te laat"] == "" and second["Status"] == "bezig"
    # A title that looks like a formula stays text in Excel.
    assert body[2][0] == "'=SUM(A1:A9) is geen formule"
    assert body[3][4] == "stap-oud (niet meer in de kit)"


def test_csv_default_is_comma(data):
    first_line = csv_bytes(data).decode("utf-8-sig").split("\r\n")[0]
    assert first_line.startswith("Titel,Omschrijving,Status")


# -- iCalendar -------------------------------------------------------------------------------


def parse_ics(raw: bytes) -> list[dict]:
    """A strict RFC 5545 reader for what we write: fails on any deviation."""
    text = raw.decode("utf-8")  # must be valid UTF-8 as a whole
    assert text.endswith("\r\n"), "last line must end in CRLF"
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\n" not in line and "\r" not in line, "bare LF or CR"
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
        line.encode("utf-8").decode("utf-8")  # no character split by folding
    logical: list[str] = []
    for line in physical:
        if line.startswith((" ", "\t")):
            assert logical, "continuation without a line"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    stack: list[dict] = []
    done: list[dict] = []
    for line in logical:
        match = re.fullmatch(r"([A-Z0-9-]+)((?:;[A-Z0-9-]+=[^;:,\"]+)*):(.*)", line)
        assert match, f"not a content line: {line!r}"
        name, params, value = match.groups()
        if name == "BEGIN":
            stack.append({"_type": value, "_params": {}})
            continue
        if name == "END":
            component = stack.pop()
            assert component["_type"] == value, f"END:{value} closes {component['_type']}"
            done.append(component)
            continue
        assert stack, f"property outside a component: {line!r}"
        assert name not in stack[-1], f"{name} twice in one component"
        stack[-1][name] = unescape(value) if name in TEXT_PROPS else value
        stack[-1]["_params"][name] = params
    assert not stack, "components left open"
    return done


TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME"}


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\":
            nxt = value[i + 1]
            assert nxt in "\\;,nN", f"bad escape \\{nxt}"
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        assert char not in ";,", f"unescaped {char!r} in a TEXT value"
        out.append(char)
        i += 1
    return "".join(out)


def test_ics_events_on_due_dates(tmp_path, data):
    path = export_ics(data, tmp_path / "plan.ics")
    components = parse_ics(path.read_bytes())
    calendar = components[-1]
    assert calendar["_type"] == "VCALENDAR"
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Actieplan Zaanstad, 2026"
    events = [c for c in components if c["_type"] == "VEVENT"]
    # Three actions have a due date; the one without is not a calendar event.
    assert [e["SUMMARY"] for e in events] == [
        "Gesprek met het UWV; klantmanagers",
        "Folder aanpassen, samen met Henk",
        "=SUM(A1:A9) is geen formule (klaar)",
    ]
    first = events[0]
    assert first["_params"]["DTSTART"] == ";VALUE=DATE" and first["DTSTART"] == "20260301"
    assert first["DTEND"] == "20260302"  # all day: the end is the next day, exclusive
    assert re.fullmatch(r"\d{8}T\d{6}Z", first["DTSTAMP"])
    assert first["LOCATION"] == "UWV" and first["PRIORITY"] == "1"
    assert LONG in first["DESCRIPTION"]
    assert "Eigenaar: Anna de Vries" in first["DESCRIPTION"]
    assert "Documenten: Werkblad klantreis; verdwenen-doc" in first["DESCRIPTION"]
    assert "Regel één\nRegel twee" in events[1]["DESCRIPTION"]
    uids = [e["UID"] for e in events]
    assert len(set(uids)) == 3
    # The same plan exported again keeps its UIDs (a calendar updates, not doubles).
    again = parse_ics(ics_text(data).encode("utf-8"))
    assert [c["UID"] for c in again if c["_type"] == "VEVENT"] == uids


def test_ics_tasks_for_every_action(data):
    components = parse_ics(ics_text(data, todo=True, now=NOW).encode("utf-8"))
    todos = [c for c in components if c["_type"] == "VTODO"]
    assert len(todos) == 4
    assert [t.get("DUE") for t in todos] == ["20260301", "20260415", "20260120", None]
    assert [t["STATUS"] for t in todos] == [
        "NEEDS-ACTION",
        "IN-PROCESS",
        "COMPLETED",
        "NEEDS-ACTION",
    ]
    assert todos[0]["DTSTART"] == "20260201"
    assert [t["PRIORITY"] for t in todos] == ["1", "5", "5", "9"]
    assert all(t["DTSTAMP"] == "20260310T093000Z" for t in todos)


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "ë" * 100 + "€" * 40
    folded = ics_fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


# -- PDF ----------------------------------------------------------------------------------


def pdf_text(path) -> str:
    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc)


def squash(text: str) -> str:
    """Text as one line: line breaks from the layout (also after a hyphen) taken out."""
    return " ".join(text.replace("\u200b", "").replace("-\n", "-").split())


def test_pdf_grouped_by_status_marks_late_actions_in_words(tmp_path, data):
    path = export_pdf(data, tmp_path / "plan.pdf")
    with pymupdf.open(path) as doc:
        assert doc.metadata["title"] == "Actieplan Zaanstad, 2026"
        assert doc[0].rect.width == pytest.approx(595, abs=1)  # A4
    text = squash(pdf_text(path))
    assert "Actieplan: Zaanstad, 2026" in text
    assert "Bibliotheek / locatie: Bibliotheek Zaanstad" in text
    assert "4 acties: 2 te doen, 1 bezig, 1 klaar · 1 te laat" in text
    # Groups in status order, each with its count.
    order = [text.index(h) for h in ("Te doen (2)", "Bezig (1)", "Klaar (1)")]
    assert order == sorted(order)
    assert "klaar op 01-03-2026 TE LAAT" in text
    assert text.count("TE LAAT") == 1  # the done one from January is not late
    assert "Documenten: Werkblad klantreis, verdwenen-doc (niet meer in de kit)" in text
    assert squash(LONG) in text
    assert "pagina 1 van" in text


def test_pdf_grouped_by_step(tmp_path, data):
    text = squash(pdf_text(export_pdf(data, tmp_path / "plan.pdf", group_by="stap")))
    headings = [
        "Stap 1. Breng het speelveld in kaart (1)",
        "Stap 2. Maak een plan (1)",
        "stap-oud (niet meer in de kit) (1)",
        "Zonder stap (1)",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)


def test_pdf_of_a_long_plan_runs_over_pages_with_numbers(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    service = ActionPlanService(user)
    plan = service.create_plan("Groot plan")
    for number in range(60):
        service.add_action(plan.id, title=f"Actie nummer {number}", description=LONG)
    data = ExportData(service.plan(plan.id), service.actions(plan.id), today=TODAY)
    path = export_pdf(data, tmp_path / "groot.pdf")
    with pymupdf.open(path) as doc:
        pages = doc.page_count
        assert pages > 2
        assert f"pagina {pages} van {pages}" in doc[-1].get_text()
    text = squash(pdf_text(path))
    assert all(f"Actie nummer {n} " in text + " " for n in range(60))
    user.close()


def test_export_replaces_a_file_whole(tmp_path, data):
    target = tmp_path / "plan.csv"
    target.write_bytes(b"oude inhoud")
    export_csv(data, target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfTitel")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".plan.csv")] == []


@pytest.mark.parametrize(
    "text",
    [" =1+1", "\n=1+1", "- 1+1", "＝1+1", "\u3000+1", "﹫SUM(A1)", "\t=1", "@A1", "+31 6"],
)
def test_csv_guards_every_way_a_cell_can_start_a_formula(tmp_path, text):
    user = UserStore(tmp_path / "user.sqlite")
    service = ActionPlanService(user)
    plan = service.create_plan("Plan")
    service.add_action(plan.id, title="Veilige titel", description=text)
    data = ExportData(service.plan(plan.id), service.actions(plan.id), STEPS, DOCS, TODAY)
    user.close()
    rows = list(csv.reader(csv_bytes(data).decode("utf-8-sig").splitlines(keepends=True)))
    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header == list(CSV_COLUMNS)
    assert row["Omschrijving"] == "'" + text  # shown as the text itself, never computed
    assert row["Titel"] == "Veilige titel"


# -- in the language the person chose ------------------------------------------------------


@pytest.fixture
def english(data):
    return dataclasses.replace(data, language="en")


def test_csv_headers_and_words_in_english(english):
    rows = list(csv.reader(csv_bytes(english).decode("utf-8-sig").splitlines()))
    assert rows[0] == [
        "Title",
        "Description",
        "Status",
        "Priority",
        "Step",
        "Documents",
        "Partner (where you find people)",
        "Owner",
        "Start date",
        "Due date",
        "Late",
        "From the checklist",
    ]
    first = rows[1]
    assert first[2:5] == ["to do", "high", "Breng het speelveld in kaart"]
    assert first[5] == "Werkblad klantreis; verdwenen-doc (no longer in the kit)"
    assert first[8:11] == ["2026-02-01", "2026-03-01", "yes"]  # dates stay ISO


def test_ics_texts_in_english(english):
    components = parse_ics(ics_text(english, now=NOW).encode("utf-8"))
    assert components[-1]["X-WR-CALNAME"] == "Action plan Zaanstad, 2026"
    events = [c for c in components if c["_type"] == "VEVENT"]
    assert events[2]["SUMMARY"] == "=SUM(A1:A9) is geen formule (done)"
    description = events[0]["DESCRIPTION"]
    for line in (
        "Status: to do",
        "Priority: high",
        "Owner: Anna de Vries",
        "Start date: 1 Feb 2026",
        "Documents: Werkblad klantreis; verdwenen-doc (no longer in the kit)",
        "Action plan: Zaanstad, 2026",
    ):
        assert line in description


def test_pdf_in_english(tmp_path, english):
    path = export_pdf(english, tmp_path / "plan.pdf")
    with pymupdf.open(path) as doc:
        assert doc.metadata["title"] == "Action plan Zaanstad, 2026"
    text = squash(pdf_text(path))
    assert "Action plan: Zaanstad, 2026" in text
    assert "Library / location: Bibliotheek Zaanstad" in text
    assert "Printed on 10 Mar 2026 · 4 actions: 2 to do, 1 in progress, 1 done · 1 late" in text
    assert "due 1 Mar 2026 LATE" in text
    assert "To do (2)" in text and "page 1 of" in text
    assert "te laat" not in text.lower() and "pagina" not in text
