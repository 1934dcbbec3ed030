"""Texts and sizes that follow the chosen language, text size and contrast.

A widget gets its words through a function instead of a fixed string::

    live(title, "setText", lambda: self.tr("Bibliotheek"))
    live(box, "setItemText", lambda: self.tr("Alle partners"), 0)
    live(self.nav, "setFixedWidth", lambda: px(210))

The value is set now, and set again by the same function whenever the person
picks another language, text size or contrast (:func:`refresh`). So the window
changes in place: nothing is rebuilt and nothing typed is lost. Setting a text
again with ``live`` (a new message on a label) replaces the old function.

:func:`follow` registers a callback for things that are more than one setter
(a list whose group names are translated, colours in an HTML card).

Entries for widgets that Qt has deleted are dropped on the next refresh or
sweep; no widget needs to unregister.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shiboken6 import Shiboken

# key -> (target, setter name or None, value function or callback, extra args)
_entries: dict[tuple[int, str, tuple], tuple[Any, str | None, Callable[[], Any], tuple]] = {}
_sweep_at = 512


def live(target: Any, setter: str, value: Callable[[], Any], *args: Any) -> None:
    """Call ``target.<setter>(*args, value())`` now and after every change of language or size."""
    _entries[(id(target), setter, args)] = (target, setter, value, args)
    getattr(target, setter)(*args, value())
    _maybe_sweep()


def follow(target: Any, callback: Callable[[], Any], name: str = "") -> None:
    """Call ``callback()`` after every change while ``target`` (a Qt object) exists."""
    key = (id(target), "", (name or getattr(callback, "__qualname__", repr(callback)),))
    _entries[key] = (target, None, callback, ())
    _maybe_sweep()


def forget(target: Any, setter: str, *args: Any) -> None:
    """Stop following one setter (the text is now fixed, e.g. cleared)."""
    _entries.pop((id(target), setter, args), None)


def forget_within(root: Any) -> None:
    """Drop everything registered for ``root`` and the widgets, actions and items inside it.

    Called when the main window closes: its texts are never needed again, and
    their functions may read stores that are about to close.
    """
    for key, (target, *_rest) in list(_entries.items()):
        if not _alive(target) or _inside(root, target):
            _entries.pop(key, None)


def _inside(root: Any, target: Any) -> bool:
    owner = target
    for name in ("listWidget", "treeWidget"):  # items of a list or tree
        method = getattr(target, name, None)
        if callable(method):
            owner = method()
            break
    while owner is not None:
        if owner is root:
            return True
        parent = getattr(owner, "parent", None)
        owner = parent() if callable(parent) else None
    return False


def refresh() -> None:
    """Apply every live value again (after a change of language, size or contrast)."""
    for key, (target, setter, value, args) in list(_entries.items()):
        if not _alive(target):
            _entries.pop(key, None)
            continue
        if setter is None:
            value()
        else:
            getattr(target, setter)(*args, value())


def _alive(target: Any) -> bool:
    try:
        return Shiboken.isValid(target)
    except TypeError:  # not a Qt object: alive as long as we hold it
        return True


def _maybe_sweep() -> None:
    """Drop entries of deleted widgets once the table has doubled since the last sweep."""
    global _sweep_at
    if len(_entries) < _sweep_at:
        return
    for key, (target, *_rest) in list(_entries.items()):
        if not _alive(target):
            _entries.pop(key, None)
    _sweep_at = max(512, 2 * len(_entries))


def entry_count() -> int:
    """How many live values are registered (for tests of the sweep)."""
    return len(_entries)
