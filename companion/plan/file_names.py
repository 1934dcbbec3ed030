"""File names made from what a person typed (a plan's name), safe on every system.

A plan name may be 200 characters of anything: accents, emoji, ``:`` and ``/``,
or the word ``CON``. As a file name that breaks in different ways: Linux and
macOS refuse names over 255 *bytes* (200 "é" are 400 bytes in UTF-8), and
Windows refuses ``<>:"/\\|?*``, control characters, names ending in a dot or a
space, and the old device names (``CON``, ``PRN``, ``AUX``, ``NUL``,
``COM0``-``COM9``, ``LPT0``-``LPT9``, also with an extension). The exported
file may be carried from one system to the other, so every name is made safe
for all of them here, in one place, and capped in bytes with room to spare:
the save dialog may add `` (2)`` and the atomic writer puts a temporary name
beside it.
"""

from __future__ import annotations

import unicodedata

# Bytes (UTF-8) for a whole file name with its extension; the file systems allow 255.
MAX_NAME_BYTES = 120

# Characters kept besides letters, digits and accents; everything else separates words.
_KEPT_PUNCTUATION = frozenset("-_.,()&'+")

_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")}
)


def is_windows_device_name(stem: str) -> bool:
    """Whether Windows reads ``stem`` (or ``stem.ext``) as a device instead of a file."""
    return stem.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_DEVICES


def _kept(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM" or char in _KEPT_PUNCTUATION


def safe_file_stem(text: str, fallback: str, max_bytes: int) -> str:
    """``text`` as a file name without extension: words joined by "-", at most ``max_bytes``.

    Forbidden and invisible characters (``:``, ``/``, control and direction
    characters) become word breaks; the result never ends in a dot, never
    starts with one (a hidden file on Linux), and is never a Windows device
    name. ``fallback`` is used when nothing of ``text`` is left.
    """
    cleaned = "".join(c if _kept(c) else " " for c in unicodedata.normalize("NFC", text))
    stem = _trim("-".join(cleaned.split()))
    stem = _trim(_cut_to_bytes(stem, max_bytes)) or fallback
    if is_windows_device_name(stem):
        device, dot, rest = stem.partition(".")
        stem = f"{device.rstrip(' ')}_{dot}{rest}"  # "NUL.tar" -> "NUL_.tar"
        stem = _cut_to_bytes(stem, max_bytes)  # (a device name is short: the "_" stays)
    return stem


def safe_file_name(text: str, extension: str, fallback: str) -> str:
    """``text`` as a whole file name ending in ``.extension``, within :data:`MAX_NAME_BYTES`."""
    suffix = f".{extension}" if extension else ""
    return safe_file_stem(text, fallback, MAX_NAME_BYTES - len(suffix.encode())) + suffix


def export_file_name(plan_name: str, extension: str) -> str:
    """The name offered when a plan is exported, e.g. ``actieplan-Bieb-Zaanstad.pdf``."""
    return safe_file_name(f"actieplan-{plan_name}", extension, "actieplan")


def _cut_to_bytes(text: str, max_bytes: int) -> str:
    """The longest start of ``text`` that fits ``max_bytes`` in UTF-8, never half a character."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    cut = data[:max_bytes].decode("utf-8", errors="ignore")
    if unicodedata.combining(text[len(cut)]):
        # The cut falls between a letter and its accent: drop the bare letter too.
        while cut and unicodedata.combining(cut[-1]):
            cut = cut[:-1]
        cut = cut[:-1]
    return cut


def _trim(stem: str) -> str:
    return stem.strip(" .-")
