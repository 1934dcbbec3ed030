"""The command-line jobs for updates (wired into ``companion/cli/__init__.py``).

    python main.py sync [--portal URL] [--timeout SECONDS]
    python main.py import-update FILE
    python main.py export-update FILE

Exit codes: 0 done or nothing to do (already the newest version), 1 refused
or not possible (offline, no portal set, a check failed; the reason is on
stderr and nothing was changed), 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path

from companion.cli.terminal import open_context, terminal_progress, words

CommandRun = Callable[[argparse.Namespace], int]
MAX_TIMEOUT = 600.0


def seconds(text: str) -> float:
    """A number of seconds above 0 and at most MAX_TIMEOUT; nan, inf, 0 and -1 are refused."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (0 < value <= MAX_TIMEOUT):  # also false for nan
        raise argparse.ArgumentTypeError(
            words.translate(
                "CommandLine",
                "{text} is geen geldige wachttijd: geef een aantal seconden groter dan 0 "
                "en hoogstens {most} (bijvoorbeeld 20)",
            ).format(text=repr(text), most=f"{MAX_TIMEOUT:.0f}")
        )
    return value


def add_sync_commands(sub: argparse._SubParsersAction) -> None:
    sync = sub.add_parser(
        "sync",
        help=words.translate("CommandLine", "haal een nieuwe versie van de kit op van de portal"),
    )
    sync.add_argument(
        "--portal",
        help=words.translate("CommandLine", "adres van de portal (anders dat uit Instellingen)"),
    )
    # No default here: parsing arguments must not load the HTTP code (start-up time).
    sync.add_argument(
        "--timeout",
        type=seconds,
        help=words.translate(
            "CommandLine", "seconden wachten per verzoek (standaard 20, hoogstens 600)"
        ),
    )
    imp = sub.add_parser(
        "import-update",
        help=words.translate("CommandLine", "installeer de kit uit een updatebestand"),
    )
    imp.add_argument(
        "file", type=Path, help=words.translate("CommandLine", "een .kitupdate-bestand")
    )
    exp = sub.add_parser(
        "export-update",
        help=words.translate("CommandLine", "sla de geïnstalleerde kit op als updatebestand"),
    )
    exp.add_argument(
        "file",
        type=Path,
        help=words.translate("CommandLine", "doelbestand (.kitupdate wordt toegevoegd)"),
    )


def _sync(args: argparse.Namespace) -> int:
    from companion.i18n import QT_TRANSLATE_NOOP
    from companion.sync.errors import NotConfiguredError
    from companion.sync.portal import DEFAULT_TIMEOUT
    from companion.sync.service import (
        NOT_CONFIGURED_MESSAGE,
        OFFLINE_MESSAGE,
        SyncService,
        online_for,
    )
    from companion.sync.settings import load_sync_settings

    context = open_context(args)
    try:
        url = args.portal or load_sync_settings(context.user).portal_url
        if not url:
            raise NotConfiguredError(
                QT_TRANSLATE_NOOP("messages", "{reason} Of geef het adres mee: sync --portal URL."),
                "no url",
                reason=NOT_CONFIGURED_MESSAGE,
            )
        if not online_for(url):
            print(words.say(OFFLINE_MESSAGE), file=sys.stderr)
            return 1
        service = SyncService(
            context.paths.kit_store,
            context.paths.cache_dir,
            url,
            trusted_keys=context.trusted_keys,
            timeout=args.timeout or DEFAULT_TIMEOUT,
        )
        check = service.check()
        print(words.say(check.message))
        if not check.has_update:
            return 0
        preview = check.preview
        assert preview is not None
        kinds = {
            "nieuw": words.translate("CommandLine", "nieuw"),
            "gewijzigd": words.translate("CommandLine", "gewijzigd"),
            "verwijderd": words.translate("CommandLine", "verwijderd"),
        }
        for change in preview.documents:
            print(f"  {kinds.get(change.change, change.change)}: {change.title}")
        outcome = service.install(check, progress=terminal_progress)
        print(words.say(outcome.message))
        return 0
    finally:
        context.close()


def _import_update(args: argparse.Namespace) -> int:
    from companion.sync.service import import_update_file

    context = open_context(args)
    try:
        outcome = import_update_file(
            context.paths.kit_store,
            args.file,
            trusted_keys=context.trusted_keys,
            progress=terminal_progress,
        )
        print(words.say(outcome.message))
        return 0
    finally:
        context.close()


def _export_update(args: argparse.Namespace) -> int:
    from companion.sync.service import export_update_file

    context = open_context(args)
    try:
        info = export_update_file(context.paths.kit_store, args.file)
        print(
            words.translate(
                "CommandLine",
                "Updatebestand opgeslagen: {path} (versie {version}, {files} bestanden, {mb} MB).",
            ).format(
                path=info.path, version=info.version, files=info.files, mb=f"{info.bytes / 1e6:.1f}"
            )
        )
        return 0
    finally:
        context.close()


def sync_runners() -> dict[str, CommandRun]:
    return {"sync": _sync, "import-update": _import_update, "export-update": _export_update}
