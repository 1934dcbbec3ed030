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
"""

from __future__ import annotations

MESSAGES = "messages"


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
