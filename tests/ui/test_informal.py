"""The program says "je", never "u": every Dutch text, from the screens, the services and help.

Reads the Dutch source texts the translators get (``pyside6-lupdate`` collects
them from every ``tr()``, ``translate()`` and ``QT_TRANSLATE_NOOP()`` in
``companion/``, the services' messages included) and the Dutch help page.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from companion.paths import resources_dir

FORMAL = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)


def dutch_texts() -> list[str]:
    root = ET.parse(resources_dir() / "i18n" / "strategiekit_en.ts").getroot()
    texts = [m.findtext("source") or "" for m in root.iter("message")]
    page = (resources_dir() / "help" / "hoe-werkt-het.nl.html").read_text("utf-8")
    texts += html.unescape(re.sub(r"<[^>]+>", " ", page)).splitlines()
    return texts


def test_the_check_finds_a_formal_sentence():
    assert FORMAL.search("Uw gegevens zijn bewaard.")
    assert FORMAL.search("Dan kunt u verder.")
    assert not FORMAL.search("Je kunt verder; het duurt 1 uur.")


def test_no_dutch_text_says_u():
    texts = dutch_texts()
    assert len(texts) > 500  # the whole program, not an empty file
    formal = [t for t in texts if FORMAL.search(t)]
    assert not formal, formal
