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

No widget needs to unregister: the entries of a Qt object go when Qt deletes
it (its ``destroyed`` signal), together with the functions they hold and all
those keep alive. Items of lists and trees are not Qt objects and send no
signal; their entries go at the next refresh or sweep once Qt deleted them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject
from shiboken6 import Shiboken

Key = tuple[int, str, tuple]
# key -> (target, setter name or None, value function or callback, extra args), in order
_entries: dict[Key, tuple[Any, str | None, Callable[[], Any], tuple]] = {}
# id(target) -> its keys, and the token its ``destroyed`` connection carries
_keys_of: dict[int, set[Key]] = {}
_tokens: dict[int, object] = {}
_sweep_at = 512


def live(target: Any, setter: str, value: Callable[[], Any], *args: Any) -> None:
    """Call ``target.<setter>(*args, value())`` now and after every change of language or size."""
    _add((id(target), setter, args), (target, setter, value, args))
    getattr(target, setter)(*args, value())


def follow(target: Any, callback: Callable[[], Any], name: str = "") -> None:
    """Call ``callback()`` after every change while ``target`` (a Qt object) exists."""
    key = (id(target), "", (name or getattr(callback, "__qualname__", repr(callback)),))
    _add(key, (target, None, callback, ()))


def forget(target: Any, setter: str, *args: Any) -> None:
    """Stop following one setter (the text is now fixed, e.g. cleared)."""
    _remove((id(target), setter, args))


def forget_within(root: Any) -> None:
    """Drop everything registered for ``root`` and the widgets, actions and items inside it.

    Called when the main window closes: its texts are never needed again, and
    their functions may read stores that are about to close.
    """
    for key, (target, *_rest) in list(_entries.items()):
        if not _alive(target) or _inside(root, target):
            _remove(key)


def _add(key: Key, entry: tuple) -> None:
    ident, target = key[0], entry[0]
    if ident not in _keys_of:
        _keys_of[ident] = set()
        if isinstance(target, QObject):
            # The slot carries a number and a token, never the object: Qt is deleting it.
            token = _tokens[ident] = object()
            target.destroyed.connect(partial(_drop_object, ident, token))
    _keys_of[ident].add(key)
    _entries[key] = entry
    _maybe_sweep()


def _remove(key: Key) -> None:
    if _entries.pop(key, None) is None:
        return
    keys = _keys_of.get(key[0])
    if keys is not None:
        keys.discard(key)
        if not keys:
            del _keys_of[key[0]]
            _tokens.pop(key[0], None)


def _drop_object(ident: int, token: object, *_destroyed: Any) -> None:
    """Qt deletes the object: forget its entries (unless the id now belongs to another)."""
    if _tokens.get(ident) is not token:
        return
    del _tokens[ident]
    for key in _keys_of.pop(ident, ()):
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
    for key, entry in list(_entries.items()):
        if _entries.get(key) is not entry:  # an earlier callback replaced or dropped it
            continue
        target, setter, value, args = entry
        if not _alive(target):
            _remove(key)
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
            _remove(key)
    _sweep_at = max(512, 2 * len(_entries))


def entry_count() -> int:
    """How many live values are registered for objects that still exist (for tests)."""
    return sum(1 for target, *_rest in _entries.values() if _alive(target))
