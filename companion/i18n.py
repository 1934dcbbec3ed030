"""Translatable sentences from the services, without Qt.

The services speak Dutch: logs, the command line and the tests read their
sentences as they are. The window can show another language, so a sentence
with values is kept as a :class:`Text`: a ``str`` holding the Dutch sentence
that also remembers its template and values. The window translates the
template (context ``messages``) and then fills in the values
(``companion.ui.texts.ui_text``).

Templates are marked with :func:`QT_TRANSLATE_NOOP`, which does nothing at run
time; ``pyside6-lupdate`` finds the name and collects the string for the
translators (see ``tools/update_translations.py``).

Work without a window speaks the chosen language too: plan exports, printouts
and the command line translate with a :class:`Catalog`, which reads the same
translations the window loads (``resources/i18n/strategiekit_<language>.ts``)
with the standard library, so they need no Qt. :func:`render` is the one rule
for turning a :class:`Text` into words, used by the window and the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

MESSAGES = "messages"
LANGUAGES = ("nl", "en")
# The user-store setting that holds the chosen language (Instellingen > Weergave).
LANGUAGE_SETTING = "weergave.taal"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; returns it unchanged."""
    return source


def _rebuild(template: str, params: dict[str, object]) -> Text:
    return Text(template, **params)


class Text(str):
    """A Dutch sentence made from ``template`` and ``params`` (``str.format`` style).

    Values that are themselves :class:`Text` (say, "startdatum") are translated
    too when the window shows the sentence.
    """

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, /, **params: object) -> Text:
        text = super().__new__(cls, template.format(**params) if params else template)
        text.template = template
        text.params = params
        return text

    def __reduce__(self):  # a str subclass with extra state: pickle the parts
        return _rebuild, (self.template, self.params)


Translate = Callable[[str], str]


def render(value: object, translate: Translate) -> str:
    """A service sentence or label in words: the template translated, then the values
    filled in (values that are :class:`Text` themselves are translated too)."""
    if isinstance(value, Text):
        template = translate(value.template)
        if not value.params:
            return template
        params = {
            key: render(item, translate) if isinstance(item, Text) else item
            for key, item in value.params.items()
        }
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):  # a faulty translation: show the Dutch
            return str(value)
    if isinstance(value, str):
        return translate(value)
    return str(value)


class Catalog:
    """The translations of one language, for work without a window (exports, command line).

    Dutch is the source language: its catalogue is empty and gives every text back.
    """

    def __init__(self, language: str, entries: dict[tuple[str, str], str]) -> None:
        self.language = language
        self._entries = entries

    def tr(self, source: str, context: str = MESSAGES) -> str:
        return self._entries.get((context, source)) or source

    def translate(self, context: str, source: str) -> str:
        """``tr`` with Qt's argument order, so ``pyside6-lupdate`` collects the text."""
        return self.tr(source, context)

    def say(self, value: object, context: str = MESSAGES) -> str:
        """Like the window's ``ui_text``: a :class:`Text`, an error's message or a label."""
        message = getattr(value, "message", None)
        if isinstance(message, Text):
            value = message
        return render(value, lambda source: self.tr(source, context))


@cache
def catalog(language: str) -> Catalog:
    """The catalogue for ``language`` ("nl" or "en"); an unknown language is Dutch."""
    if language not in LANGUAGES or language == "nl":
        return Catalog("nl", {})
    import xml.etree.ElementTree as ET  # only for English: not at start in Dutch

    from companion.paths import resources_dir  # not at import: i18n is imported everywhere

    path = resources_dir() / "i18n" / f"strategiekit_{language}.ts"
    entries: dict[tuple[str, str], str] = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return Catalog(language, entries)
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                continue
            entries[(name, message.findtext("source") or "")] = translation.text or ""
    return Catalog(language, entries)
