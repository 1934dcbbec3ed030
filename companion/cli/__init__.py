"""Command line: start the program, or run one job without a window.

    python main.py                      start the program
    python main.py open FILE.pdf [--page N]   start the program showing a PDF from disk
    python main.py keygen KEYFILE       make a key pair (KEYFILE and KEYFILE.pub)
    python main.py publish SOURCE OUT --key KEYFILE
    python main.py search WORDS...      search the installed kit
    python main.py sync [--portal URL]  fetch a newer kit from the portal (0 also when none)
    python main.py import-update FILE   install the kit in a .kitupdate file
    python main.py export-update FILE   write the installed kit as a .kitupdate file

Exit codes: 0 done, 1 refused (message on stderr), 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from companion.errors import CompanionError

CommandRun = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strategiekit", description="Strategiekit Hoger Bereik, ook zonder internet."
    )
    parser.add_argument("--data-dir", type=Path, help="alle gegevens in deze map (draagbaar)")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="start, zet de kit klaar en stop weer (om een installatie te controleren)",
    )
    sub = parser.add_subparsers(dest="command")

    keygen = sub.add_parser("keygen", help="maak een sleutelpaar om een kit te ondertekenen")
    keygen.add_argument("keyfile", help="bestand voor de geheime sleutel (.pub ernaast)")

    publish = sub.add_parser("publish", help="maak een ondertekende kit van de bronnen")
    publish.add_argument("source", help="map met kit.toml, steps.toml en de documenten")
    publish.add_argument("out", help="map voor manifest.json, de handtekening en files/")
    publish.add_argument("--key", required=True, help="geheime sleutel (van keygen)")
    publish.add_argument("--kitupdate", metavar="FILE", help="maak er ook een updatebestand van")

    open_pdf = sub.add_parser("open", help="start het programma met een PDF van je computer")
    open_pdf.add_argument("file", type=Path, help="het PDF-bestand")
    open_pdf.add_argument("--page", type=int, default=1, help="open op deze pagina (1 = de eerste)")

    search = sub.add_parser("search", help="zoek in de geïnstalleerde kit")
    search.add_argument("words", nargs="+")
    search.add_argument("--limit", type=int, default=20)

    from companion.cli.sync_commands import add_sync_commands  # sync, import-update, export-update

    add_sync_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A frozen (PyInstaller) program starts the PDF engine's workers through itself.
    multiprocessing.freeze_support()
    args = build_parser().parse_args(argv)
    if args.command in (None, "open"):
        from companion.ui.app import run_app

        if args.command == "open":
            return run_app(
                args.data_dir,
                selftest=args.selftest,
                open_file=args.file,
                page=max(1, args.page),
            )
        return run_app(args.data_dir, selftest=args.selftest)
    from companion.cli import kit_commands
    from companion.cli.sync_commands import sync_runners

    runners: dict[str, CommandRun] = {
        "keygen": kit_commands.keygen,
        "publish": kit_commands.publish,
        "search": kit_commands.search,
    }
    runners.update(sync_runners())
    try:
        return runners[args.command](args)
    except CompanionError as exc:
        print(f"\n{exc.message}", file=sys.stderr)
        if exc.detail:
            print(f"({exc.detail})", file=sys.stderr)
        return 1
