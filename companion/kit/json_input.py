"""JSON from outside the program (manifests, key lists, plan files), read defensively.

``json.loads`` alone lets three kinds of hostile input through as crashes
instead of refusals: nesting thousands of levels deep (a ``RecursionError``),
text with lone surrogates (``"\\ud800"`` parses, then breaks the first time
it is written to SQLite or a file) and ``NaN``/``Infinity`` (not JSON at all).
:func:`load_json` turns each of them, and every decoding error, into one
:class:`JsonInputError` that the caller words for its own file.
"""

from __future__ import annotations

import json
from typing import Any

# Real manifests and plan files nest 4 levels deep; 64 leaves room for growth.
MAX_DEPTH = 64


class JsonInputError(ValueError):
    """Bytes that are not the plain, reasonably shaped JSON text we read.

    ``reason`` is one of ``encoding``, ``syntax``, ``depth``, ``characters``.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


def _no_constants(name: str) -> Any:
    raise JsonInputError("syntax", f"{name} is not JSON")


def load_json(raw: bytes, *, allow_bom: bool = False) -> Any:
    """Parse UTF-8 JSON bytes; raise JsonInputError for anything else."""
    try:
        text = raw.decode("utf-8-sig" if allow_bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise JsonInputError("encoding", str(exc)) from exc
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except RecursionError as exc:
        raise JsonInputError("depth", "nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError, and JsonInputError from parse_constant
        if isinstance(exc, JsonInputError):
            raise
        raise JsonInputError("syntax", str(exc)) from exc
    check_shape(data)
    return data


def check_shape(data: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH and text that is not valid Unicode.

    Iterative, so a deep structure cannot exhaust the stack here either.
    """
    todo: list[tuple[Any, int]] = [(data, 1)]
    while todo:
        value, depth = todo.pop()
        if isinstance(value, str):
            _check_text(value)
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise JsonInputError("depth", f"more than {MAX_DEPTH} levels")
            if isinstance(value, dict):
                for key, item in value.items():
                    _check_text(key)
                    todo.append((item, depth + 1))
            else:
                todo.extend((item, depth + 1) for item in value)


def _check_text(value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise JsonInputError("characters", f"lone surrogate in {value[:40]!r}") from exc
