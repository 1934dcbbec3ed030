"""Exports of an action plan: printable PDF, CSV for Excel, iCalendar.

All three read an :class:`ExportData` (the plan, its actions, and the kit's
titles for steps and documents), so a worker thread can write them without
touching the database. Files are written next to the target and renamed, so
a crash never leaves half a file under the chosen name.

- CSV: UTF-8 with a byte order mark (Excel then reads accents right),
  comma or semicolon (Dutch Excel expects a semicolon), CRLF line ends.
- iCalendar (RFC 5545): CRLF, lines folded at 75 octets without splitting a
  character, text escaped, a stable UID per action, DTSTAMP in UTC, an
  all-day VEVENT on the due date (or a VTODO per action, for task lists).
- PDF: made with PyMuPDF's Story from HTML/CSS, A4, grouped by status or by
  step, overdue actions marked with the words "te laat" (not only red), and a
  page footer with the plan name and page numbers. The same HTML is used for
  printing from the screen.

Every word the exports add (column headers, labels, "te laat", the page
footer) is in the language of :attr:`ExportData.language`, the language the
person chose; the plan's own words stay as they were typed.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from companion.files import write_atomic
from companion.i18n import QT_TRANSLATE_NOOP, Catalog, Text, catalog
from companion.plan.actionplan import PRIORITIES, STATUS_LABELS, STATUSES, Action, Plan, dutch_date

ReportFn = Callable[[str], None]


GONE = QT_TRANSLATE_NOOP("messages", "{name} (niet meer in de kit)")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class ExportData:
    plan: Plan
    actions: list[Action]
    step_titles: dict[str, str] = field(default_factory=dict)  # kit order
    doc_titles: dict[str, str] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    language: str = "nl"  # the words the export adds: "nl" or "en"

    @property
    def words(self) -> Catalog:
        return catalog(self.language)

    def say(self, template: str, **params: object) -> str:
        """One of the export's own sentences, in the chosen language."""
        return self.words.say(Text(template, **params))

    def label(self, source: str) -> str:
        """A status or priority label, in the chosen language."""
        return self.words.tr(source)

    def date(self, value: str | None) -> str:
        """15-03-2027 in Dutch, 15 Mar 2027 in English."""
        if not value or self.language != "en":
            return dutch_date(value)
        day = dt.date.fromisoformat(value)
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"

    def step_label(self, step_id: str | None) -> str:
        if not step_id:
            return ""
        return self.step_titles.get(step_id) or self.say(GONE, name=step_id)

    def doc_label(self, doc_id: str) -> str:
        return self.doc_titles.get(doc_id) or self.say(GONE, name=doc_id)

    def ordered(self) -> list[Action]:
        return sorted(self.actions, key=lambda a: a.position)


# -- CSV ----------------------------------------------------------------------------

CSV_COLUMNS = (
    QT_TRANSLATE_NOOP("messages", "Titel"),
    QT_TRANSLATE_NOOP("messages", "Omschrijving"),
    QT_TRANSLATE_NOOP("messages", "Status"),
    QT_TRANSLATE_NOOP("messages", "Prioriteit"),
    QT_TRANSLATE_NOOP("messages", "Stap"),
    QT_TRANSLATE_NOOP("messages", "Documenten"),
    QT_TRANSLATE_NOOP("messages", "Partner (vindplaats)"),
    QT_TRANSLATE_NOOP("messages", "Eigenaar"),
    QT_TRANSLATE_NOOP("messages", "Startdatum"),
    QT_TRANSLATE_NOOP("messages", "Einddatum"),
    QT_TRANSLATE_NOOP("messages", "Te laat"),
    QT_TRANSLATE_NOOP("messages", "Uit de checklist"),
)
YES = QT_TRANSLATE_NOOP("messages", "ja")


def csv_rows(data: ExportData) -> list[list[str]]:
    """Dates stay ISO (2026-03-15): spreadsheets sort and filter them in any language."""
    rows = [[data.label(column) for column in CSV_COLUMNS]]
    for a in data.ordered():
        rows.append(
            [
                a.title,
                a.description,
                data.label(STATUS_LABELS[a.status]).lower(),
                data.label(PRIORITIES[a.priority]).lower(),
                data.step_label(a.step_id),
                "; ".join(data.doc_label(d) for d in a.document_ids),
                a.partner,
                a.owner,
                a.start_date or "",
                a.due_date or "",
                data.label(YES) if a.is_overdue(data.today) else "",
                a.source_item_text,
            ]
        )
    return [[_no_formula(cell) for cell in row] for row in rows]


FORMULA_STARTS = ("=", "+", "-", "@")


def _no_formula(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula: prefix it with ``'``.

    Excel and LibreOffice skip leading spaces and line breaks, read "- 1+1" as
    a sum, and treat the full-width "＝" (and other compatibility forms) like
    "=", so the check looks at the NFKC form without leading whitespace. A
    cell that starts with a tab or carriage return is guarded too (both can
    start a formula in some spreadsheet programs).
    """
    if cell[:1] in ("\t", "\r"):
        return "'" + cell
    if unicodedata.normalize("NFKC", cell).lstrip().startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_bytes(data: ExportData, *, semicolon: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if semicolon else ",", lineterminator="\r\n")
    writer.writerows(csv_rows(data))
    return buffer.getvalue().encode("utf-8-sig")


def export_csv(data: ExportData, path: Path, *, semicolon: bool = False) -> Path:
    write_atomic(path, csv_bytes(data, semicolon=semicolon))
    return path


# -- iCalendar ------------------------------------------------------------------------

_ICS_STATUS_TODO = {"te doen": "NEEDS-ACTION", "bezig": "IN-PROCESS", "klaar": "COMPLETED"}
_ICS_PRIORITY = {1: 1, 2: 5, 3: 9}
_UID_NAMESPACE = uuid.UUID("7f1c1f55-2b55-4b8e-9a53-2f1d3c8e5a10")


def ics_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold one content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def action_uid(plan: Plan, action: Action) -> str:
    """Stable across exports, so a calendar updates an event instead of doubling it."""
    key = f"{plan.id}|{plan.created_at}|{action.id}|{action.created_at}"
    return f"{uuid.uuid5(_UID_NAMESPACE, key)}@strategiekit-companion"


def _ics_date(value: str) -> str:
    return value.replace("-", "")


LABELLED = QT_TRANSLATE_NOOP("messages", "{label}: {value}")


def _ics_description(data: ExportData, a: Action) -> str:
    lines = []
    if a.description:
        lines += [a.description, ""]

    def line(label: str, value: str) -> None:
        lines.append(data.say(LABELLED, label=data.label(label), value=value))

    line(CSV_COLUMNS[2], data.label(STATUS_LABELS[a.status]).lower())
    line(CSV_COLUMNS[3], data.label(PRIORITIES[a.priority]).lower())
    if a.partner:
        line(CSV_COLUMNS[6], a.partner)
    if a.owner:
        line(CSV_COLUMNS[7], a.owner)
    if a.start_date:
        line(CSV_COLUMNS[8], data.date(a.start_date))
    if a.step_id:
        line(CSV_COLUMNS[4], data.step_label(a.step_id))
    if a.document_ids:
        line(CSV_COLUMNS[5], "; ".join(data.doc_label(d) for d in a.document_ids))
    line(PLAN_LABEL, data.plan.name)
    return "\n".join(lines)


def ics_text(data: ExportData, *, todo: bool = False, now: dt.datetime | None = None) -> str:
    """The calendar as text with CRLF line ends.

    Events (default): one all-day VEVENT on the due date of each action that
    has one. Tasks (``todo=True``): a VTODO for every action, with DUE and
    DTSTART as dates when set.
    """
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Strategiekit Companion//Actieplan//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(data.say(PLAN_NAMED, name=data.plan.name))}",
    ]
    for a in data.ordered():
        if not todo and not a.due_date:
            continue
        kind = "VTODO" if todo else "VEVENT"
        done = a.status == "klaar" and not todo
        title = data.say(DONE_TITLE, title=a.title) if done else a.title
        lines += [
            f"BEGIN:{kind}",
            f"UID:{action_uid(data.plan, a)}",
            f"DTSTAMP:{stamp}",
            f"SUMMARY:{ics_escape(title)}",
            f"DESCRIPTION:{ics_escape(_ics_description(data, a))}",
        ]
        if a.partner:
            lines.append(f"LOCATION:{ics_escape(a.partner)}")
        if todo:
            if a.start_date:
                lines.append(f"DTSTART;VALUE=DATE:{_ics_date(a.start_date)}")
            if a.due_date:
                lines.append(f"DUE;VALUE=DATE:{_ics_date(a.due_date)}")
            lines.append(f"STATUS:{_ICS_STATUS_TODO[a.status]}")
            lines.append(f"PRIORITY:{_ICS_PRIORITY[a.priority]}")
            if a.status == "klaar":
                lines.append("PERCENT-COMPLETE:100")
        else:
            assert a.due_date
            day = dt.date.fromisoformat(a.due_date)
            lines.append(f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}")
            lines.append(f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}")
            lines.append("TRANSP:TRANSPARENT")
            lines.append(f"PRIORITY:{_ICS_PRIORITY[a.priority]}")
        lines.append(f"END:{kind}")
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def export_ics(data: ExportData, path: Path, *, todo: bool = False) -> Path:
    write_atomic(path, ics_text(data, todo=todo).encode("utf-8"))
    return path


# -- HTML (for the PDF and for printing) -------------------------------------------------

PLAN_LABEL = QT_TRANSLATE_NOOP("messages", "Actieplan")
PLAN_NAMED = QT_TRANSLATE_NOOP("messages", "Actieplan {name}")
DONE_TITLE = QT_TRANSLATE_NOOP("messages", "{title} (klaar)")
NO_ACTIONS = QT_TRANSLATE_NOOP("messages", "Dit plan heeft nog geen acties.")

PLAN_CSS = """
body { font-family: sans-serif; font-size: 10pt; color: #1a1a1a; }
h1 { font-size: 18pt; color: #1d4e89; margin: 0 0 4pt 0; }
h2 { font-size: 13pt; color: #1d4e89; margin: 14pt 0 4pt 0; }
p { margin: 0 0 4pt 0; }
.meta { color: #444444; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-size: 9pt; color: #444444; border-bottom: 1px solid #888888;
     padding: 3pt 4pt; }
td { vertical-align: top; border-bottom: 1px solid #d0d0d0; padding: 4pt 4pt; }
.title { font-weight: bold; }
.small { font-size: 8.5pt; color: #444444; }
.late { color: #a4000f; font-weight: bold; }
.done { color: #2e6b30; }
"""


def _summary(data: ExportData) -> str:
    counts = {s: sum(1 for a in data.actions if a.status == s) for s in STATUSES}
    late = sum(1 for a in data.actions if a.is_overdue(data.today))
    total = len(data.actions)
    if total == 1:
        count = data.say(QT_TRANSLATE_NOOP("messages", "1 actie"))
    else:
        count = data.say(QT_TRANSLATE_NOOP("messages", "{count} acties"), count=total)
    states = ", ".join(f"{counts[s]} {data.label(STATUS_LABELS[s]).lower()}" for s in STATUSES)
    text = f"{count}: {states}"
    if late:
        text += " · " + data.say(QT_TRANSLATE_NOOP("messages", "{count} te laat"), count=late)
    return text


def _groups(data: ExportData, group_by: str) -> list[tuple[str, list[Action]]]:
    actions = data.ordered()
    if group_by == "stap":
        groups: list[tuple[str, list[Action]]] = []
        known = list(data.step_titles)
        for number, step_id in enumerate(known, start=1):
            members = [a for a in actions if a.step_id == step_id]
            if members:
                title = data.step_titles[step_id]
                step = QT_TRANSLATE_NOOP("messages", "Stap {number}. {title}")
                groups.append((data.say(step, number=number, title=title), members))
        others = sorted({a.step_id for a in actions if a.step_id and a.step_id not in known})
        for step_id in others:
            groups.append((data.step_label(step_id), [a for a in actions if a.step_id == step_id]))
        loose = [a for a in actions if not a.step_id]
        if loose:
            groups.append((data.label(QT_TRANSLATE_NOOP("messages", "Zonder stap")), loose))
        return groups
    return [
        (data.label(STATUS_LABELS[s]), [a for a in actions if a.status == s])
        for s in STATUSES
        if any(a.status == s for a in actions)
    ]


def _breakable(text: str) -> str:
    """Escape, and let very long words (links) wrap instead of running off the page."""
    words = []
    for word in text.split(" "):
        if len(word) > 28:
            word = "\u200b".join(word[i : i + 20] for i in range(0, len(word), 20))
        words.append(word)
    return html.escape(" ".join(words))


COLUMN_SHARES = (0.40, 0.18, 0.18, 0.10, 0.14)


def _column_widths(width_pt: float) -> list[str]:
    """Cell width attributes: a percentage for Qt's printing, points for PyMuPDF.

    PyMuPDF's HTML engine sizes table columns by their content and treats
    CSS percentages as equal shares; fixed point widths are what it follows.
    """
    return [
        f"width='{round(share * 100)}%' style='width:{share * width_pt - 8:.0f}pt'"
        for share in COLUMN_SHARES
    ]


def plan_html(data: ExportData, group_by: str = "status", width_pt: float = 495) -> str:
    """The plan as HTML: a heading block, then one table per group of actions.

    ``width_pt`` is the width of the text area the tables must fill.
    """
    e = _breakable
    w = _column_widths(width_pt)
    p = data.plan
    say = data.say
    heading = say(QT_TRANSLATE_NOOP("messages", "Actieplan: {name}"), name=p.name)
    head = [f"<h1>{e(heading)}</h1>"]
    if p.location:
        where = say(
            QT_TRANSLATE_NOOP("messages", "Bibliotheek / locatie: {place}"), place=p.location
        )
        head.append(f"<p class='meta'>{e(where)}</p>")
    if p.description:
        head.append("<p>" + e(p.description).replace("\n", "<br/>") + "</p>")
    printed = say(
        QT_TRANSLATE_NOOP("messages", "Afgedrukt op {date}"), date=data.date(data.today.isoformat())
    )
    head.append(f"<p class='meta'>{e(printed)} · {e(_summary(data))}</p>")
    if not data.actions:
        head.append(f"<p>{e(say(NO_ACTIONS))}</p>")
    other = data.label(CSV_COLUMNS[4] if group_by == "status" else CSV_COLUMNS[2])
    late_words = say(QT_TRANSLATE_NOOP("messages", "TE LAAT"))
    body = []
    for label, actions in _groups(data, group_by):
        rows = []
        for a in actions:
            late = a.is_overdue(data.today)
            first = [f"<span class='title'>{e(a.title)}</span>"]
            if a.description:
                first.append(
                    "<br/><span class='small'>"
                    + e(a.description).replace("\n", "<br/>")
                    + "</span>"
                )
            if a.document_ids:
                docs = ", ".join(data.doc_label(d) for d in a.document_ids)
                line = say(LABELLED, label=data.label(CSV_COLUMNS[5]), value=docs)
                first.append(f"<br/><span class='small'>{e(line)}</span>")
            if a.source_item_text:
                line = say(LABELLED, label=data.label(CSV_COLUMNS[11]), value=a.source_item_text)
                first.append(f"<br/><span class='small'>{e(line)}</span>")
            dates = []
            if a.start_date:
                start = say(
                    QT_TRANSLATE_NOOP("messages", "start {date}"), date=data.date(a.start_date)
                )
                dates.append(e(start))
            if a.due_date:
                due = e(
                    say(
                        QT_TRANSLATE_NOOP("messages", "klaar op {date}"), date=data.date(a.due_date)
                    )
                )
                dates.append(
                    f"<span class='late'>{due}<br/>{e(late_words)}</span>" if late else due
                )
            owner = say(QT_TRANSLATE_NOOP("messages", "eigenaar: {name}"), name=a.owner)
            people = "<br/>".join(
                x
                for x in (
                    e(a.partner) if a.partner else "",
                    f"<span class='small'>{e(owner)}</span>" if a.owner else "",
                )
                if x
            )
            if group_by == "status":
                other_cell = e(data.step_label(a.step_id))
            else:
                status = e(data.label(STATUS_LABELS[a.status]))
                done = a.status == "klaar"
                other_cell = f"<span class='done'>{status}</span>" if done else status
            priority = e(data.label(PRIORITIES[a.priority]).lower())
            rows.append(
                "<tr>"
                f"<td {w[0]}>{''.join(first)}</td>"
                f"<td {w[1]}>{people}</td>"
                f"<td {w[2]}>{'<br/>'.join(dates)}</td>"
                f"<td {w[3]}>{priority}</td>"
                f"<td {w[4]}>{other_cell}</td>"
                "</tr>"
            )
        headers = [
            say(QT_TRANSLATE_NOOP("messages", "Actie")),
            say(QT_TRANSLATE_NOOP("messages", "Partner / eigenaar")),
            say(QT_TRANSLATE_NOOP("messages", "Datum")),
            data.label(CSV_COLUMNS[3]),
            other,
        ]
        cells = "".join(f"<th {w[i]}>{e(h)}</th>" for i, h in enumerate(headers))
        body.append(
            f"<h2>{e(label)} ({len(actions)})</h2>"
            f"<table cellpadding='3'><tr>{cells}</tr>{''.join(rows)}</table>"
        )
    return "<html><body>" + "".join(head) + "".join(body) + "</body></html>"


# -- PDF ---------------------------------------------------------------------------------


def plan_pdf_bytes(
    data: ExportData, group_by: str = "status", report: ReportFn | None = None
) -> bytes:
    """A4 PDF of the plan, with "Actieplan <naam> · pagina x van y" under each page."""
    from companion.pdf.html_pdf import a4_text_width, html_to_pdf

    footer = QT_TRANSLATE_NOOP("messages", "Actieplan {name}  ·  pagina {number} van {total}")
    made = QT_TRANSLATE_NOOP("messages", "Pagina {number} opgemaakt")
    return html_to_pdf(
        plan_html(data, group_by, a4_text_width()),
        PLAN_CSS,
        footer=lambda number, total: data.say(
            footer, name=data.plan.name, number=number, total=total
        ),
        title=data.say(PLAN_NAMED, name=data.plan.name),
        report=(lambda pages: report(Text(made, number=pages))) if report else None,
    )


def export_pdf(
    data: ExportData, path: Path, group_by: str = "status", report: ReportFn | None = None
) -> Path:
    write_atomic(path, plan_pdf_bytes(data, group_by, report))
    return path
