"""The defaults IT sets once for every workstation: ``strategiekit.toml``.

A library's IT places one small file in the system's configuration folder
(see :func:`companion.paths.site_config_files`)::

    # strategiekit.toml: defaults for every workstation
    [updates]
    portal = "https://www.voorbeeld.nl/strategiekit/"
    zoeken_bij_start = true      # false: never look for a new kit at start

    [weergave]
    taal = "nl"                  # "nl" or "en"
    tekstgrootte = 150           # 100 to 200 (percent)
    hoog_contrast = false

Every key is optional. The values become the defaults of the user store's
settings (:attr:`UserStore.defaults`): a person's own choice in Instellingen
wins, and a setting nobody changed follows the file (also when IT changes it
later). A file that cannot be read as TOML is ignored as a whole; a key with
a wrong value or an unknown name is ignored on its own. Both are written to the
log as one line and shown once as a notice, so the program always starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from companion.i18n import QT_TRANSLATE_NOOP, Text

log = logging.getLogger(__name__)

MAX_BYTES = 64_000  # a defaults file is a few lines; anything bigger is not one


def _text_size(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 200:
        return str(value)
    return None


def _language(value: object) -> str | None:
    return value if value in ("nl", "en") else None


def _switch(value: object) -> str | None:
    return ("1" if value else "0") if isinstance(value, bool) else None


def _portal(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    if parts.scheme != "https" or not parts.hostname:
        return None
    return value.strip() if value.strip().endswith("/") else value.strip() + "/"


# (section, key in the file) -> (setting in the user store, check and convert)
FIELDS: dict[tuple[str, str], tuple[str, Callable[[object], str | None]]] = {
    ("updates", "portal"): ("sync.portal_url", _portal),
    ("updates", "zoeken_bij_start"): ("sync.check_at_start", _switch),
    ("weergave", "taal"): ("weergave.taal", _language),
    ("weergave", "tekstgrootte"): ("weergave.tekstgrootte", _text_size),
    ("weergave", "hoog_contrast"): ("weergave.contrast", _switch),
}


@dataclass
class SiteDefaults:
    """What the file says, as user-store settings, and what was wrong with it."""

    values: dict[str, str] = field(default_factory=dict)
    source: Path | None = None
    notices: list[Text] = field(default_factory=list)


def load_site_defaults(candidates: Iterable[Path]) -> SiteDefaults:
    """The first defaults file that exists, checked; no file: no defaults."""
    for path in candidates:
        try:
            if not path.is_file():
                continue
            raw = path.read_bytes()
        except OSError as exc:
            return _ignored(path, f"cannot read: {exc}")
        if len(raw) > MAX_BYTES:
            return _ignored(path, f"{len(raw)} bytes, more than {MAX_BYTES}")
        import tomllib  # only when there is a file: most workstations have none

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            return _ignored(path, f"not valid TOML: {exc}")
        return _read(path, data)
    return SiteDefaults()


def _ignored(path: Path, why: str) -> SiteDefaults:
    log.warning("defaults file %s ignored: %s", path, why)
    notice = Text(
        QT_TRANSLATE_NOOP(
            "messages",
            "Het bestand met standaardinstellingen ({path}) kan niet worden gelezen en is "
            "overgeslagen. Vraag je IT-afdeling het na te kijken.",
        ),
        path=str(path),
    )
    return SiteDefaults(source=path, notices=[notice])


def _read(path: Path, data: dict) -> SiteDefaults:
    found = SiteDefaults(source=path)
    wrong: list[str] = []
    for section, entries in data.items():
        if not isinstance(entries, dict):
            wrong.append(section)
            continue
        for key, value in entries.items():
            target = FIELDS.get((section, key))
            converted = target[1](value) if target else None
            if target is None or converted is None:
                wrong.append(f"{section}.{key}")
                continue
            found.values[target[0]] = converted
    if wrong:
        log.warning("defaults file %s: ignored %s", path, ", ".join(wrong))
        found.notices.append(
            Text(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "In het bestand met standaardinstellingen ({path}) is overgeslagen wat "
                    "niet klopt: {keys}. De rest geldt wel.",
                ),
                path=str(path),
                keys=", ".join(wrong),
            )
        )
    else:
        log.info("defaults file %s: %s", path, ", ".join(sorted(found.values)) or "empty")
    return found
