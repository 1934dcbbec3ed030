"""Rendering kit sources to PDF: every bundled document, and the layout rules.

The whole bundled kit is rendered once per module (a few seconds); the
checks then look at what a library worker gets: pages with text, a footer
with the revision, form fields on werkbladen, slides in landscape, links.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pymupdf
import pytest

from companion.errors import SourceError
from companion.publish.pdf_layout import LINE_HEIGHT, PORTRAIT_BODY, render_document
from companion.publish.sources import DocumentSource, KitSources, load_kit_sources, parse_directive
from tests.support.project import BUNDLED_SOURCES

BUNDLED = BUNDLED_SOURCES
REVISION = 3


@pytest.fixture(scope="module")
def kit() -> KitSources:
    return load_kit_sources(BUNDLED)


@pytest.fixture(scope="module")
def rendered(kit: KitSources) -> dict[str, bytes]:
    return {d.id: render_document(d, kit_title=kit.title, revision=REVISION) for d in kit.documents}


def _open(data: bytes) -> pymupdf.Document:
    return pymupdf.open(stream=data, filetype="pdf")


def _source(body: str, *, type: str = "werkblad", title: str = "Proef") -> DocumentSource:
    return DocumentSource(
        id="proef",
        title=title,
        type=type,
        themes=("aanpak",),
        summary="Een document om de opmaak te proeven.",
        audience="Tests",
        minutes=10,
        url="https://www.youtube.com/watch?v=iF9x3lVySlo" if type == "video" else None,
        body=body,
        path=Path("proef.md"),
    )


def _render(body: str, **kwargs: str) -> pymupdf.Document:
    return _open(render_document(_source(body, **kwargs), kit_title="Kit", revision=7))


def _fields(doc: DocumentSource) -> dict[str, object]:
    found = {}
    for line in doc.body.splitlines():
        directive = parse_directive(line)
        if directive is not None and directive.name:
            found[directive.name] = directive
    return found


# -- Every bundled document ----------------------------------------------------------


def test_every_document_renders_with_text_on_every_page(
    kit: KitSources, rendered: dict[str, bytes]
) -> None:
    for doc in kit.documents:
        pdf = _open(rendered[doc.id])
        assert pdf.page_count >= 1, doc.id
        for page in pdf:
            assert len(page.get_text().strip()) > 40, f"{doc.id} page {page.number + 1} is empty"


def test_metadata_names_the_document(kit: KitSources, rendered: dict[str, bytes]) -> None:
    for doc in kit.documents:
        meta = _open(rendered[doc.id]).metadata
        assert meta["title"] == doc.title
        assert meta["subject"] == doc.summary
        assert doc.type in meta["keywords"] or doc.type == "tip"
        assert all(theme in meta["keywords"] for theme in doc.themes)
        assert meta["creationDate"] == meta["modDate"] == ""


def test_first_page_has_the_title_block(kit: KitSources, rendered: dict[str, bytes]) -> None:
    for doc in kit.documents:
        first = " ".join(_open(rendered[doc.id])[0].get_text().split())
        assert " ".join(doc.title.split()) in first, doc.id
        if doc.type == "presentatie":  # the beamer shows the audience's slide only
            assert "Tijd:" not in first and "Voor:" not in first, doc.id
        elif doc.minutes:
            assert "Tijd:" in first, doc.id


def test_footer_shows_kit_revision_and_page(kit: KitSources, rendered: dict[str, bytes]) -> None:
    for doc in kit.documents:
        pdf = _open(rendered[doc.id])
        for page in pdf:
            text = page.get_text()
            assert f"{kit.title} · versie {REVISION}" in text, doc.id
            assert f"pagina {page.number + 1} van {pdf.page_count}" in text, doc.id


def test_page_orientation(kit: KitSources, rendered: dict[str, bytes]) -> None:
    for doc in kit.documents:
        for page in _open(rendered[doc.id]):
            landscape = page.rect.width > page.rect.height
            assert landscape == (doc.type == "presentatie"), f"{doc.id} page {page.number + 1}"
            assert round(max(page.rect.width, page.rect.height)) == 842  # A4


def test_presentation_is_one_slide_per_page(kit: KitSources, rendered: dict[str, bytes]) -> None:
    for doc in kit.documents:
        if doc.type != "presentatie":
            continue
        pdf = _open(rendered[doc.id])
        # Each slide opens with its "## " heading; notes make no slide of their own.
        slides = sum(1 for line in doc.body.splitlines() if line.startswith("## "))
        assert pdf.page_count == slides + 1  # plus the title slide
        assert 10 <= pdf.page_count <= 16
        toc = pdf.get_toc()
        assert [entry[2] for entry in toc] == list(range(2, pdf.page_count + 1))


def test_werkbladen_have_form_fields(kit: KitSources, rendered: dict[str, bytes]) -> None:
    for doc in kit.documents:
        if doc.type != "werkblad":
            continue
        pdf = _open(rendered[doc.id])
        expected = _fields(doc)
        widgets = [w for page in pdf for w in page.widgets()]
        assert {w.field_name for w in widgets} == set(expected), doc.id
        assert len(widgets) == len(expected), f"{doc.id}: a field is split over pages"
        kinds = {w.field_type for w in widgets}
        assert pymupdf.PDF_WIDGET_TYPE_TEXT in kinds, doc.id
        assert pymupdf.PDF_WIDGET_TYPE_CHECKBOX in kinds, doc.id
        assert 1 <= pdf.page_count <= 2, f"{doc.id} should be printable on 1-2 pages"
        for widget in widgets:
            directive = expected[widget.field_name]
            assert widget.field_label == directive.label
            multiline = bool(widget.field_flags & pymupdf.PDF_TX_FIELD_IS_MULTILINE)
            assert multiline == (directive.kind == "veld" and directive.lines > 1)


def test_form_fields_sit_inside_the_page_and_do_not_overlap(
    kit: KitSources, rendered: dict[str, bytes]
) -> None:
    for doc in kit.documents:
        for page in _open(rendered[doc.id]):
            rects = [w.rect for w in page.widgets()]
            for rect in rects:
                assert PORTRAIT_BODY.contains(rect), f"{doc.id}: {rect} outside the text area"
            for i, a in enumerate(rects):
                for b in rects[i + 1 :]:
                    assert not a.intersects(b), f"{doc.id}: fields overlap"


def test_form_fields_are_boxed_in_the_page_content(
    kit: KitSources, rendered: dict[str, bytes]
) -> None:
    """A box must also print when a viewer or printer leaves out form fields."""
    doc = next(d for d in kit.documents if d.id == "werkblad-klantreis")
    page = _open(rendered[doc.id])[0]
    drawn = [pymupdf.Rect(d["rect"]) for d in page.get_drawings()]
    for widget in page.widgets():
        grown = pymupdf.Rect(widget.rect) + pymupdf.Rect(-3, -3, 3, 3)
        assert any(grown.contains(r) and r.width > 5 for r in drawn), widget.field_name


def test_form_fields_can_be_filled(rendered: dict[str, bytes]) -> None:
    pdf = _open(rendered["werkblad-klantreis"])
    for widget in pdf[0].widgets():
        if widget.field_type == pymupdf.PDF_WIDGET_TYPE_TEXT:
            widget.field_value = "De bibliotheek in Waterland: één klantreis"
            widget.update()
            break
    again = _open(pdf.tobytes())
    values = {w.field_name: w.field_value for w in again[0].widgets()}
    assert "De bibliotheek in Waterland: één klantreis" in values.values()


def test_multi_page_documents_have_an_outline(kit: KitSources, rendered: dict[str, bytes]) -> None:
    for doc in kit.documents:
        pdf = _open(rendered[doc.id])
        toc = pdf.get_toc()
        if pdf.page_count > 1 and "\n## " in "\n" + doc.body:
            assert toc, doc.id
            assert toc[0][0] == 1
            assert all(1 <= entry[2] <= pdf.page_count for entry in toc)
        if pdf.page_count == 1:
            assert toc == [], doc.id


def test_videos_link_to_their_url(kit: KitSources, rendered: dict[str, bytes]) -> None:
    for doc in kit.documents:
        if doc.type != "video":
            continue
        pdf = _open(rendered[doc.id])
        assert pdf.page_count == 1, doc.id
        uris = [link.get("uri") for link in pdf[0].get_links()]
        assert doc.url in uris, doc.id


def test_rendering_is_deterministic(kit: KitSources, rendered: dict[str, bytes]) -> None:
    """Files are content-addressed: unchanged sources must give identical bytes."""
    one_per_type = {d.type: d for d in kit.documents}
    for doc in one_per_type.values():
        again = render_document(doc, kit_title=kit.title, revision=REVISION)
        assert again == rendered[doc.id], doc.id
    other = render_document(one_per_type["tip"], kit_title=kit.title, revision=REVISION + 1)
    assert other != rendered[one_per_type["tip"].id]
    assert f"versie {REVISION + 1}" in _open(other)[0].get_text()


# -- Layout rules, on made-up documents ---------------------------------------------------


def test_dutch_diacritics_survive() -> None:
    words = "één reïntegratie coördinator café ‘zo’ – geëvalueerd"
    pdf = _render(f"## Kopje met ë\n\n{words}\n", title="Ideeën voor één café")
    text = " ".join(pdf[0].get_text().split())
    assert words in text
    assert "Ideeën voor één café" in text
    assert pdf.metadata["title"] == "Ideeën voor één café"


def test_no_ligatures_so_words_stay_findable() -> None:
    pdf = _render("Camouflage-aanbod is officieel fijn, ook voor de afdeling.\n")
    page = pdf[0]
    assert "Camouflage-aanbod is officieel fijn, ook voor de afdeling." in page.get_text()
    for word in ("Camouflage", "officieel", "fijn", "afdeling"):
        assert page.search_for(word), word


def test_bundled_pages_have_no_ligature_characters(
    kit: KitSources, rendered: dict[str, bytes]
) -> None:
    ligatures = {chr(c) for c in range(0xFB00, 0xFB07)}
    for doc in kit.documents:
        for page in _open(rendered[doc.id]):
            assert not ligatures & set(page.get_text()), doc.id


def test_a_field_is_never_split_over_two_pages() -> None:
    body = (
        "\n\n".join(f"Alinea {i} met wat tekst om de pagina te vullen." for i in range(12))
        + "\n\n"
        + "\n\n".join(f'[[veld naam="v{i}" label="Vraag {i}" regels=8]]' for i in range(6))
    )
    pdf = _render(body)
    assert pdf.page_count >= 2
    count = 0
    for page in pdf:
        for widget in page.widgets():
            count += 1
            assert widget.rect.height == pytest.approx(8 * LINE_HEIGHT, abs=1)
            label = page.search_for(f"Vraag {widget.field_name[1:]}")
            assert label and label[0].y1 <= widget.rect.y0, "label torn from its field"
    assert count == 6


def test_tables_lists_and_quotes_render() -> None:
    body = (
        "| Tijd | Onderdeel |\n|---|---|\n| 0:00–0:10 | Welkom |\n\n"
        "- een\n- twee\n\n1. eerste\n2. tweede\n\n> **Tip:** let op.\n"
    )
    text = _render(body)[0].get_text()
    for word in ("Onderdeel", "Welkom", "een", "tweede", "Tip:", "let op."):
        assert word in text


def test_raw_html_is_shown_as_text_not_layout() -> None:
    text = _render('<div style="color:red">Hallo</div>\n')[0].get_text()
    assert "<div" in text


def test_an_overfull_slide_is_refused() -> None:
    body = "## Te vol\n\n" + "\n".join(f"- punt {i} met een flinke zin erbij" for i in range(60))
    with pytest.raises(SourceError):
        _render(body, type="presentatie")


def test_a_long_slide_shrinks_to_fit() -> None:
    body = "## Veel\n\n" + "\n".join(f"- punt {i}" for i in range(10)) + "\n[[dia]]\n## Kort\n"
    pdf = _render(body, type="presentatie")
    assert pdf.page_count == 3
    assert "punt 9" in pdf[1].get_text()


def test_revision_changes_only_the_footer_text() -> None:
    source = _source("Tekst.\n")
    a = _open(render_document(source, kit_title="Kit", revision=1))[0].get_text()
    b = _open(render_document(source, kit_title="Kit", revision=2))[0].get_text()
    assert a.replace("versie 1", "versie 2") == b


def test_document_source_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        _source("x").title = "y"  # type: ignore[misc]
