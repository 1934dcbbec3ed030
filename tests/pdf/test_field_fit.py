"""Form text is never silently cut: it fits (maybe smaller) or it is reported.

For fields of several fonts, sizes (0 is "auto") and shapes, texts of
growing length are filled in and flattened by MuPDF, as printing does; then
the words inside each field's box on the printed page are read back. Every
text reported as fitting must be there whole.
"""

from __future__ import annotations

import pymupdf
import pytest

from companion.pdf.compose import compose_pdf
from companion.pdf.engine.protocol import DocumentRef, PrintPart
from companion.pdf.field_fit import MIN_FONT_SIZE
from companion.pdf.form_pdf import fill_pdf, measure_fields

SENTENCE = "De klantmanager legt de brief uit aan mevrouw Jansen uit Purmerend, nummer {}. "

FIELDS = [
    # name, font, size, multi-line, rect
    ("kort", "Helv", 10, False, (72, 100, 300, 118)),
    ("auto", "Helv", 0, False, (72, 130, 400, 150)),
    ("typemachine", "Cour", 11, False, (72, 160, 500, 178)),
    ("vak", "Helv", 10, True, (72, 200, 520, 260)),
    ("smal", "TiRo", 12, True, (72, 280, 200, 400)),
]


def form() -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for name, font, size, multiline, rect in FIELDS:
        widget = pymupdf.Widget()
        widget.field_name = widget.field_label = name
        widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
        widget.field_flags = pymupdf.PDF_TX_FIELD_IS_MULTILINE if multiline else 0
        widget.text_font = font
        widget.text_fontsize = size
        widget.rect = pymupdf.Rect(rect)
        page.add_widget(widget)
    return pymupdf.open(stream=doc.tobytes(), filetype="pdf")


@pytest.mark.parametrize("sentences", [2, 6, 16])
def test_what_is_said_to_fit_prints_whole(sentences):
    doc = form()
    text = "".join(SENTENCE.format(n) for n in range(sentences))
    values = {
        name: text if multiline else text[: 30 * sentences] for name, *_, multiline, _ in FIELDS
    }
    fits = {fit.name: fit for fit in measure_fields(doc, values)}
    part = PrintPart(DocumentRef("k", "Formulier"), values=tuple(values.items()))
    printed = compose_pdf(lambda _ref: doc, [part])
    page = pymupdf.open(stream=printed.data)[0]
    assert not list(page.widgets() or ())  # flattened
    cut = {label for _doc, label in printed.cut}
    for name, _font, size, _multiline, rect in FIELDS:
        fit = fits[name]
        assert MIN_FONT_SIZE <= fit.size <= (size or 12)
        assert (name in cut) == (not fit.fits)
        if fit.fits:
            x0, y0, x1, y1 = rect
            inside = page.get_text(clip=pymupdf.Rect(x0 - 1, y0 - 1, x1 + 1, y1 + 1)).split()
            assert inside == values[name].split(), (name, fit)


def test_saved_copy_keeps_its_fields_with_the_fitted_size():
    doc = form()
    long = SENTENCE.format(1) * 7
    filled = fill_pdf(doc, {"vak": long, "kort": ""})
    widgets = {w.field_name: w for w in pymupdf.open(stream=filled.data)[0].widgets()}
    assert widgets["vak"].field_value == long
    assert MIN_FONT_SIZE <= widgets["vak"].text_fontsize < 10  # shrunk to fit
    assert widgets["kort"].text_fontsize == 10  # an empty field keeps its size
    assert filled.cut == ()
