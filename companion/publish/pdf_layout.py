"""Turn one document source into a printable PDF with PyMuPDF's Story layout.

Why this shape:
- The kit is edited as Markdown, but libraries print it, so every document
  becomes a real PDF: A4 portrait, or A4 landscape slides for a presentatie.
- Files are content-addressed by sha256 and shipped only when their hash
  changes. So rendering must be deterministic: the same source gives the same
  bytes (no dates, no random file id), or every publish would ship the whole kit.
- Werkbladen get real form fields, placed where the layout put a placeholder
  element, with the box also drawn in the page content so it shows on paper and
  in viewers that hide form fields.
- The page flow is driven here, one Story per segment, instead of CSS page
  breaks: a form field must never be split over two pages, and in MuPDF 1.28
  `page-break-before` after a table hangs the layout and block and
  table-cell backgrounds leak onto later pages (so the CSS uses borders only).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pymupdf
from markdown_it import MarkdownIt

from companion.errors import SourceError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.publish.slides import minutes_text, split_slides
from companion.publish.sources import Directive, DocumentSource, parse_directive

PORTRAIT = pymupdf.paper_rect("a4")
LANDSCAPE = pymupdf.paper_rect("a4-l")
# Text area of a portrait page: about 2 cm margins, room at the bottom for the footer.
PORTRAIT_BODY = pymupdf.Rect(57, 56, PORTRAIT.width - 57, PORTRAIT.height - 58)
SLIDE_BODY = pymupdf.Rect(54, 44, LANDSCAPE.width - 54, LANDSCAPE.height - 52)
# A heading needs this much room below it (itself and two lines), or it moves on.
ROOM_AFTER_HEADING = 80
MAX_PAGES = 200  # a guard against a layout that never ends, not a real limit

TYPE_LABELS = {
    "handleiding": "Handleiding",
    "werkblad": "Werkblad",
    "workshop": "Workshop",
    # Neutral on purpose: most tips and examples are the team's illustration, and
    # each says at its top where it comes from (a pilot library, the webinar, or us).
    "tip": "Tip",
    "voorbeeld": "Voorbeeld",
    "persona": "Persona",
    "presentatie": "Presentatie",
    "video": "Video",
}
ACCENT = (0.11, 0.31, 0.48)
GREY = (0.38, 0.38, 0.38)
RULE = (0.72, 0.72, 0.72)
BOX = (0.25, 0.25, 0.25)
FOOTER_SIZE = 8
FIELD_FONT_SIZE = 10
LINE_HEIGHT = 17  # per written line in a multi-line field: room for handwriting
SINGLE_LINE_HEIGHT = 22
VINK_INDENT = 19
CHECKBOX_SIZE = 11
# A slide may shrink its text to 1/1.6 of the normal size before it counts as too full.
MAX_SLIDE_SHRINK = 1.6
_PLACEHOLDER = "KITDIRECTIVE{}X"
_TAG = re.compile(r"(<[^>]*>)")
_LIGATURE_START = re.compile(r"f(?=[fijlt])")
_PLACEHOLDER_P = re.compile(r"<p>KITDIRECTIVE(\d+)X</p>\n?")

_BASE_CSS = """
body { margin: 0; font-family: sans-serif; font-size: 10.5pt; line-height: 1.4; color: #222222; }
p { margin-top: 0; margin-bottom: 6pt; }
h1 { font-size: 21pt; line-height: 1.15; color: #1c4f7a; margin-top: 0; margin-bottom: 6pt; }
h2 { font-size: 14.5pt; line-height: 1.2; color: #1c4f7a; margin-top: 12pt; margin-bottom: 5pt; }
h3 { font-size: 12pt; color: #333333; margin-top: 9pt; margin-bottom: 3pt; }
h4 { font-size: 10.5pt; margin-top: 7pt; margin-bottom: 2pt; }
ul, ol { margin-top: 0; margin-bottom: 6pt; padding-left: 16pt; }
li { margin-bottom: 2pt; }
li p { margin-bottom: 2pt; }
a { color: #1c5aa0; }
table { width: 100%; border-collapse: collapse; margin-bottom: 8pt; }
th, td { border: 0.6pt solid #8797aa; padding: 3pt 5pt; vertical-align: top; }
th { font-weight: bold; text-align: left; color: #1c4f7a; border-bottom: 1.6pt solid #1c4f7a; }
blockquote { margin: 4pt 0 8pt 0; padding: 2pt 0 2pt 10pt; border-left: 3pt solid #e3a21a;
  color: #3a3a3a; }
blockquote p { margin-bottom: 3pt; }
hr { border: 0; border-top: 0.6pt solid #9aa7b5; margin: 8pt 0; }
code { font-family: monospace; }
.kop { margin-bottom: 10pt; padding-bottom: 6pt; border-bottom: 1.5pt solid #1c4f7a; }
.soort { font-size: 9pt; font-weight: bold; color: #8a5a00; margin-bottom: 2pt; }
.samenvatting { font-size: 12pt; color: #333333; margin-bottom: 4pt; }
.meta { font-size: 9pt; color: #555555; margin-bottom: 0; }
.veld-label { font-weight: bold; margin-top: 3pt; margin-bottom: 2pt; }
.veld { border: 0.8pt solid #404040; margin-bottom: 4pt; }
.vink { padding-left: {vink}pt; margin-bottom: 5pt; }
.link { margin-top: 12pt; padding: 8pt 10pt; border: 1.2pt solid #1c5aa0; }
""".replace("{vink}", str(VINK_INDENT))

_SLIDE_CSS = """
body { font-size: 26pt; line-height: 1.3; }
h1 { font-size: 36pt; margin-bottom: 14pt; }
h2 { font-size: 34pt; margin-top: 0; margin-bottom: 18pt; }
h3 { font-size: 28pt; }
p { margin-bottom: 10pt; }
li { margin-bottom: 8pt; }
li p { margin-bottom: 8pt; }
ul, ol { padding-left: 26pt; }
th, td { padding: 5pt 8pt; }
blockquote { padding: 4pt 0 4pt 16pt; border-left: 5pt solid #e3a21a; }
.kop { border-bottom: 0; }
.titeldia { margin-top: 100pt; }
.titeldia h1 { font-size: 40pt; }
.samenvatting { font-size: 22pt; }
.meta { font-size: 14pt; }
.soort { font-size: 14pt; }
"""


@dataclass(frozen=True)
class _Segment:
    """A piece of the page flow.

    A kept segment (a form field) moves whole to the next page if it does not
    fit; a segment that starts with a heading needs some room below it.
    """

    html: str
    keep: bool = False
    heading: bool = False
    only_heading: bool = False
    vinks: bool = False


@dataclass(frozen=True)
class _Placed:
    """Where a form-field placeholder landed: page index and rectangle."""

    directive: Directive
    page: int
    rect: pymupdf.Rect


@dataclass
class _Pos:
    """An element position with its page, as Story.add_pdf_links expects one."""

    id: str
    href: str
    heading: int
    text: str
    open_close: int
    page_num: int
    rect: tuple[float, float, float, float]


def render_document(doc: DocumentSource, *, kit_title: str, revision: int) -> bytes:
    """Render one document to PDF bytes; identical input gives identical bytes."""
    try:
        if doc.type == "presentatie":
            pdf, positions, directives = _render_slides(doc)
        else:
            pdf, positions, directives = _render_pages(doc)
        _add_form_fields(pdf, _placed(positions, directives))
        _add_footers(pdf, doc, kit_title, revision)
        _add_outline(pdf, _headings(positions, slides=doc.type == "presentatie"))
        _set_metadata(pdf, doc, kit_title)
        # Story embeds whole fonts; keeping only the glyphs used makes files ~60% smaller.
        pdf.subset_fonts()
        return pdf.tobytes(garbage=4, deflate=True, no_new_id=True)
    except SourceError:
        raise
    except (ValueError, RuntimeError) as exc:
        raise SourceError(
            QT_TRANSLATE_NOOP("messages", "Het document {id} kon niet als PDF worden opgemaakt."),
            f"{doc.path}: {exc}",
            id=doc.id,
        ) from exc


# -- Markdown to HTML ---------------------------------------------------------


def _markdown() -> MarkdownIt:
    # Raw HTML is off: editors write Markdown and directives, never layout code.
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def _markdown_segments(text: str) -> tuple[list[_Segment], list[Directive]]:
    """Markdown body to flow segments, split at top-level headings and form fields.

    Each [[veld]]/[[vink]] becomes a kept segment (with a heading right before
    it, and with the checkboxes next to it); every heading starts a segment, so
    the flow can keep a heading off the bottom of a page. Returns the
    directives in body order; their placeholders carry the ids ``veld-<naam>``
    / ``vink-<naam>`` so the layout can report where they landed.
    """
    directives: list[Directive] = []
    lines: list[str] = []
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        directive = None if in_fence else parse_directive(line)
        if directive is None or directive.kind == "dia":
            lines.append(line)
            continue
        lines.extend(["", _PLACEHOLDER.format(len(directives)), ""])
        directives.append(directive)
    md = _markdown()
    segments: list[_Segment] = []
    for kind, block_html in _top_level_blocks(md, "\n".join(lines)):
        placeholder = _PLACEHOLDER_P.fullmatch(block_html.strip() + "\n")
        last = segments[-1] if segments else None
        if placeholder:
            directive = directives[int(placeholder.group(1))]
            field = _field_html(directive)
            is_vink = directive.kind == "vink"
            if last and last.only_heading:  # a heading stays with its field
                segments[-1] = _Segment(last.html + field, keep=True, heading=True, vinks=is_vink)
            elif last and last.vinks and is_vink:  # a run of checkboxes is one list
                segments[-1] = replace(last, html=last.html + field)
            else:
                segments.append(_Segment(field, keep=True, vinks=is_vink))
        elif kind == "heading":
            segments.append(_Segment(block_html, heading=True, only_heading=True))
        elif last and not last.keep:
            segments[-1] = replace(last, html=last.html + block_html, only_heading=False)
        else:
            segments.append(_Segment(block_html))
    return segments, directives


def _top_level_blocks(md: MarkdownIt, text: str) -> list[tuple[str, str]]:
    """(kind, html) per top-level block: "heading" or "other"."""
    tokens = md.parse(text)
    blocks: list[tuple[str, str]] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting <= 0:
            kind = "heading" if token.type == "heading_close" else "other"
            html_text = md.renderer.render(tokens[start : index + 1], md.options, {})
            blocks.append((kind, html_text))
            start = index + 1
    return blocks


def _field_html(directive: Directive) -> str:
    label = html.escape(directive.label)
    if directive.kind == "vink":
        return f'<p id="vink-{directive.name}" class="vink">{label}</p>'
    # Real (empty) lines rather than a CSS height: Story paginates lines, not heights.
    lines = "<br>".join(["&#160;"] * directive.lines)
    height = SINGLE_LINE_HEIGHT if directive.lines == 1 else LINE_HEIGHT
    return (
        f'<p class="veld-label">{label}</p>'
        f'<div id="veld-{directive.name}" class="veld" style="line-height: {height}pt">'
        f"{lines}</div>"
    )


def _title_block(doc: DocumentSource, *, slide: bool = False) -> str:
    # Who a presentation is for and how long it takes is for the facilitator, not
    # for the audience: on slides that line goes to the title slide's notes.
    meta = []
    if doc.audience and not slide:
        meta.append(f"Voor: {html.escape(doc.audience)}")
    if doc.minutes and not slide:
        meta.append(f"Tijd: {minutes_text(doc.minutes)}")
    css_class = "kop titeldia" if slide else "kop"
    return (
        f'<div class="{css_class}">'
        f'<p class="soort">{html.escape(TYPE_LABELS[doc.type].upper())}</p>'
        f'<h1 id="titel">{html.escape(doc.title)}</h1>'
        f'<p class="samenvatting">{html.escape(doc.summary)}</p>'
        + (f'<p class="meta">{" · ".join(meta)}</p>' if meta else "")
        + "</div>"
    )


def _video_html(doc: DocumentSource) -> str:
    url = html.escape(doc.url or "", quote=True)
    return (
        '<div class="link"><p><b>Bekijk de video</b> (alleen met een internetverbinding):</p>'
        f'<p><a href="{url}">{url}</a></p></div>'
    )


# -- Layout ---------------------------------------------------------------------


def _render_pages(doc: DocumentSource) -> tuple[pymupdf.Document, list[_Pos], list[Directive]]:
    """Flow title block and body over as many A4 portrait pages as needed."""
    segments, directives = _markdown_segments(doc.body)
    segments.insert(0, _Segment(_title_block(doc)))
    if doc.type == "video":
        segments.append(_Segment(_video_html(doc), keep=True))
    stream = io.BytesIO()
    writer = pymupdf.DocumentWriter(stream)
    flow = _Flow(writer, PORTRAIT, PORTRAIT_BODY)
    for segment in segments:
        story = _story(segment.html, _BASE_CSS)
        flow.add(story, keep=segment.keep, heading=segment.heading)
    flow.close()
    writer.close()
    return pymupdf.Story.add_pdf_links(stream, flow.positions), flow.positions, directives


def _story(body_html: str, css: str) -> pymupdf.Story:
    return pymupdf.Story(f"<body>{_without_ligatures(body_html)}</body>", user_css=css)


def _without_ligatures(body_html: str) -> str:
    """Break f-ligatures (fi, fl, ff) with an empty element between the letters.

    The layout would otherwise set "camouflage" with a single ﬂ glyph, and the
    page text (search index, find in document, copy) would no longer contain
    the word. An empty span ends the shaping run without adding a character.
    """
    parts = _TAG.split(body_html)
    for index in range(0, len(parts), 2):  # even parts are text, odd parts are tags
        parts[index] = _LIGATURE_START.sub("f<span></span>", parts[index])
    return "".join(parts)


class _Flow:
    """Places stories one after another on pages, starting new pages as needed."""

    def __init__(self, writer: pymupdf.DocumentWriter, page: pymupdf.Rect, body: pymupdf.Rect):
        self.writer = writer
        self.page = page
        self.body = body
        self.device = None
        self.page_num = 0
        self.top = body.y0
        self.positions: list[_Pos] = []

    def add(self, story: pymupdf.Story, *, keep: bool = False, heading: bool = False) -> None:
        if heading and self._started() and self.body.y1 - self.top < ROOM_AFTER_HEADING:
            self._new_page()  # no heading alone at the foot of a page
        if keep and self._started():
            more, _ = story.place(self._space())
            if more:  # does not fit in what is left: start it on a fresh page
                self._new_page()
            story.reset()
        while True:
            if self.device is None:
                self._new_page()
            more, filled = story.place(self._space())
            # Positions first: after draw() the story no longer reports them.
            story.element_positions(self._recorder())
            story.draw(self.device)
            if not more:
                self.top = filled[3]
                return
            self._new_page()

    def close(self) -> None:
        if self.device is not None:
            self.writer.end_page()
            self.device = None

    def _started(self) -> bool:
        """True when the current page already holds something."""
        return self.device is not None and self.top > self.body.y0

    def _space(self) -> pymupdf.Rect:
        return pymupdf.Rect(self.body.x0, self.top, self.body.x1, self.body.y1)

    def _new_page(self) -> None:
        self.close()
        if self.page_num >= MAX_PAGES:
            raise RuntimeError(f"layout did not end after {MAX_PAGES} pages")
        self.device = self.writer.begin_page(self.page)
        self.page_num += 1
        self.top = self.body.y0

    def _recorder(self):
        return _collector(self.positions, self.page_num, pymupdf.Identity)


def _collector(positions: list[_Pos], page_num: int, matrix: pymupdf.Matrix):
    """A one-argument callback, as Story.element_positions insists on."""

    def collect(pos) -> None:
        positions.append(_position(pos, page_num, matrix))

    return collect


def _position(pos, page_num: int, matrix: pymupdf.Matrix) -> _Pos:
    return _Pos(
        id=pos.id or "",
        href=pos.href or "",
        heading=pos.heading or 0,
        text=pos.text or "",
        open_close=pos.open_close,
        page_num=page_num,
        rect=tuple(pymupdf.Rect(pos.rect) * matrix),
    )


def _render_slides(doc: DocumentSource) -> tuple[pymupdf.Document, list[_Pos], list[Directive]]:
    """One landscape page per slide; a slide that is too full is scaled down to fit."""
    slides = [_title_block(doc, slide=True)]
    directives: list[Directive] = []
    # The notes stay out: the PDF is what the beamer shows (slides.py).
    for slide in split_slides(doc.body).slides:
        segments, found = _markdown_segments(slide.text)
        slides.append("".join(s.html for s in segments))
        directives.extend(found)
    css = _BASE_CSS + _SLIDE_CSS
    stream = io.BytesIO()
    writer = pymupdf.DocumentWriter(stream)
    positions: list[_Pos] = []
    for number, content in enumerate(slides, start=1):
        story = _story(content, css)
        fit = story.fit_scale(SLIDE_BODY, scale_min=1, scale_max=MAX_SLIDE_SHRINK)
        if not fit.big_enough:
            raise SourceError(
                QT_TRANSLATE_NOOP(
                    "messages", "Dia {number} van {id} heeft te veel tekst voor één dia."
                ),
                f"{doc.path}: slide {number} does not fit even at 1/{MAX_SLIDE_SHRINK} size",
                number=number,
                id=doc.id,
            )
        # The search may end on a failed try: place again in the rectangle that fits.
        story.reset()
        story.place(fit.rect)
        matrix = _slide_matrix(fit.parameter)
        story.element_positions(_collector(positions, number, matrix))
        device = writer.begin_page(LANDSCAPE)
        story.draw(device, matrix)
        writer.end_page()
    writer.close()
    return pymupdf.Story.add_pdf_links(stream, positions), positions, directives


def _slide_matrix(scale: float) -> pymupdf.Matrix:
    """Map the enlarged layout rectangle back onto the slide's text area."""
    factor = 1 / scale
    return pymupdf.Matrix(
        factor, 0, 0, factor, SLIDE_BODY.x0 * (1 - factor), SLIDE_BODY.y0 * (1 - factor)
    )


def _headings(positions: Iterable[_Pos], *, slides: bool) -> list[tuple[int, str, int, float]]:
    """(level, text, page, y) for each heading, minus the title; one per slide for slides."""
    found = []
    pages_seen: set[int] = set()
    for pos in positions:
        if not pos.heading or not (pos.open_close & 1) or pos.id == "titel":
            continue
        if slides:
            if pos.page_num in pages_seen:
                continue
            pages_seen.add(pos.page_num)
        text = " ".join(pos.text.split())
        if text:
            found.append((pos.heading, text, pos.page_num, pos.rect[1]))
    return found


def _placed(positions: Iterable[_Pos], directives: list[Directive]) -> list[_Placed]:
    starts: dict[str, _Pos] = {}
    for pos in positions:
        if pos.id and (pos.open_close & 1):
            starts.setdefault(pos.id, pos)
    placed = []
    for directive in directives:
        pos = starts.get(f"{directive.kind}-{directive.name}")
        if pos is None:
            raise RuntimeError(f"form field {directive.name!r} was not laid out")
        placed.append(_Placed(directive, pos.page_num - 1, pymupdf.Rect(pos.rect)))
    return placed


# -- Decoration after layout ------------------------------------------------------------


def _add_form_fields(pdf: pymupdf.Document, fields: list[_Placed]) -> None:
    for field in fields:
        page = pdf[field.page]
        widget = pymupdf.Widget()
        widget.field_name = field.directive.name
        widget.field_label = field.directive.label
        if field.directive.kind == "vink":
            # The reported rect is the text after the indent; the box sits in the indent.
            x0, y0 = field.rect.x0 - VINK_INDENT, field.rect.y0 + 2.5
            widget.rect = pymupdf.Rect(x0, y0, x0 + CHECKBOX_SIZE, y0 + CHECKBOX_SIZE)
            widget.field_type = pymupdf.PDF_WIDGET_TYPE_CHECKBOX
            widget.border_color = BOX
            widget.border_width = 0.8
            page.draw_rect(widget.rect, color=BOX, width=0.8)
        else:
            # The CSS border already boxes the field in the page content (on paper
            # too); a widget border just inside it would print as a double line.
            widget.rect = field.rect
            widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
            widget.text_fontsize = FIELD_FONT_SIZE
            if field.directive.lines > 1:
                widget.field_flags |= pymupdf.PDF_TX_FIELD_IS_MULTILINE
        page.add_widget(widget)


def _add_footers(pdf: pymupdf.Document, doc: DocumentSource, kit_title: str, revision: int) -> None:
    """Kit, version and page on every page: a printed sheet must say where it came from."""
    total = pdf.page_count
    for page in pdf:
        rect = page.rect
        margin = PORTRAIT_BODY.x0 if rect.width < rect.height else SLIDE_BODY.x0
        y = rect.height - 26
        page.draw_line((margin, y - 11), (rect.width - margin, y - 11), color=RULE, width=0.5)
        _text(page, margin, y, f"{kit_title} · versie {revision}")
        _text(page, rect.width - margin, y, f"pagina {page.number + 1} van {total}", right=True)
        if doc.type == "presentatie":
            # A coloured band marks a slide; thicker on the title slide.
            band = 16 if page.number == 0 else 8
            page.draw_rect(pymupdf.Rect(0, 0, rect.width, band), color=None, fill=ACCENT)
        elif page.number > 0:
            _text(page, rect.width - margin, 34, _shorten(doc.title, 95), right=True)


def _text(page: pymupdf.Page, x: float, y: float, text: str, *, right: bool = False) -> None:
    if right:
        x -= pymupdf.get_text_length(text, fontname="helv", fontsize=FOOTER_SIZE)
    page.insert_text((x, y), text, fontname="helv", fontsize=FOOTER_SIZE, color=GREY)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _add_outline(pdf: pymupdf.Document, headings: list[tuple[int, str, int, float]]) -> None:
    """Outline from the headings, for documents long enough to need one."""
    if pdf.page_count < 2 or not headings:
        return
    toc = []
    base = min(level for level, *_ in headings)
    previous = 0
    for level, text, page, y in headings:
        level = min(level - base + 1, previous + 1)
        target = {"kind": pymupdf.LINK_GOTO, "to": pymupdf.Point(0, max(y - 12, 0))}
        toc.append([level, text, page, target])
        previous = level
    pdf.set_toc(toc)


def _set_metadata(pdf: pymupdf.Document, doc: DocumentSource, kit_title: str) -> None:
    """Title, subject and keywords let any PDF viewer and file index name the document."""
    keywords = ", ".join([TYPE_LABELS[doc.type].lower(), *doc.themes, kit_title])
    pdf.set_metadata(
        {
            "title": doc.title,
            "subject": doc.summary,
            "keywords": keywords,
            "author": kit_title,
            "creator": "Strategiekit Companion",
            "producer": "",
            # No dates: the bytes must not depend on when the kit was published.
            "creationDate": "",
            "modDate": "",
        }
    )
