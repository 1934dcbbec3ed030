"""What the command line shares: its language, progress on one line, and the stores.

Kept apart from the commands so each command module gets these by import
from below, never from ``companion.cli`` itself (no import cycles).

The command line speaks the language chosen in the program (Instellingen >
Weergave, kept in the user store, or the default of IT), or the one given with
``--lang``: :func:`choose_language` settles it before any command runs, and
every line goes through :data:`words`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from companion.i18n import LANGUAGE_SETTING, LANGUAGES, Catalog, catalog
from companion.paths import app_paths

if TYPE_CHECKING:  # a dataclass made only when a command reports progress (not to start)
    from companion.progress import Progress

# The command line's own texts are in the translation context "CommandLine" (written
# out at each call: pyside6-lupdate only collects literal contexts).


class _Words:
    """The catalogue of the chosen language (Dutch until one is chosen)."""

    current: Catalog = catalog("nl")

    def say(self, value: object) -> str:
        return self.current.say(value)

    def translate(self, context: str, source: str) -> str:
        return self.current.translate(context, source)


words = _Words()


def language_from(argv: Sequence[str]) -> str:
    """``--lang`` if given, else the language the person chose (``--data-dir`` aware)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=LANGUAGES)
    early.add_argument("--data-dir")
    known, _rest = early.parse_known_args(argv)
    if known.lang:
        return known.lang
    from companion.store.site_defaults import load_site_defaults
    from companion.store.user_store import peek_setting

    paths = app_paths(Path(known.data_dir) if known.data_dir else None)
    chosen = peek_setting(paths.user_store, LANGUAGE_SETTING)
    if chosen in LANGUAGES:
        return chosen
    site = load_site_defaults(paths.site_config).values.get(LANGUAGE_SETTING)
    return site if site in LANGUAGES else "nl"


def choose_language(language: str) -> Catalog:
    words.current = catalog(language)
    return words.current


def terminal_progress(progress: Progress) -> None:
    """One line that rewrites itself: files and bytes, for long jobs."""
    stage = words.say(progress.stage)
    if progress.total_bytes:
        percent = 100 * progress.done_bytes // progress.total_bytes
        line = words.translate(
            "CommandLine", "{stage} {done}/{total} bestanden, {percent}%"
        ).format(stage=stage, done=progress.done_files, total=progress.total_files, percent=percent)
    else:
        line = stage
    end = "\n" if progress.stage == "Klaar." else ""
    print(f"\r{line[:100]:<100}", end=end, file=sys.stderr, flush=True)


def open_context(args: argparse.Namespace):
    """The program's stores, with the bundled kit in place (as at a normal start)."""
    from companion.context import AppContext

    context = AppContext.open(app_paths(args.data_dir))
    for notice in context.notices:
        print(words.say(notice), file=sys.stderr)
    if context.needs_bundled_kit():
        context.install_bundled_kit(progress=terminal_progress)
    return context
