"""Command line: start the program, or run one job without a window.

    python main.py                      start the program
    python main.py open FILE.pdf [--page N]   start the program showing a PDF from disk
    python main.py keygen KEYFILE       make a key pair (KEYFILE and KEYFILE.pub)
    python main.py sign-keys OUT --root ROOTKEY --release PUB --version N
                                        sign the key list (which release keys sign kits)
    python main.py publish SOURCE OUT --key KEYFILE [--keys keys/keys.json]
    python main.py search WORDS...      search the installed kit
    python main.py sync [--portal URL]  fetch a newer kit from the portal (0 also when none)
    python main.py import-update FILE   install the kit in a .kitupdate file
    python main.py export-update FILE   write the installed kit as a .kitupdate file

Exit codes: 0 done, 1 refused (message on stderr), 2 wrong arguments.
``--lang en`` (or ``nl``) sets the language of what the command line says; by
default it is the language chosen in the program (see ``terminal.py``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from companion.cli.terminal import choose_language, language_from, words
from companion.errors import CompanionError
from companion.i18n import LANGUAGES

CommandRun = Callable[[argparse.Namespace], int]


def whole_number(text: str) -> int:
    """A whole number of at least 1, or a Dutch refusal (argparse then exits with 2)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 10**9:
        raise argparse.ArgumentTypeError(
            words.translate("CommandLine", "{text} is geen heel getal van 1 of meer").format(
                text=repr(text)
            )
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strategiekit",
        description=words.translate(
            "CommandLine", "Strategiekit Hoger Bereik, ook zonder internet."
        ),
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help=words.translate("CommandLine", "alle gegevens in deze map (draagbaar)"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=words.translate(
            "CommandLine", "taal van de opdrachtregel (anders die van het programma)"
        ),
    )
    parser.add_argument(
        "--selftest",
        action="store_true",
        help=words.translate(
            "CommandLine",
            "start, zet de kit klaar en stop weer (om een installatie te controleren)",
        ),
    )
    sub = parser.add_subparsers(dest="command")

    keygen = sub.add_parser(
        "keygen",
        help=words.translate("CommandLine", "maak een sleutelpaar om een kit te ondertekenen"),
    )
    keygen.add_argument(
        "keyfile",
        help=words.translate("CommandLine", "bestand voor de geheime sleutel (.pub ernaast)"),
    )

    sign_keys = sub.add_parser(
        "sign-keys",
        help=words.translate(
            "CommandLine", "onderteken de sleutellijst (welke sleutels kits mogen ondertekenen)"
        ),
    )
    sign_keys.add_argument(
        "out", help=words.translate("CommandLine", "map voor keys.json en keys.json.sig")
    )
    sign_keys.add_argument(
        "--root", required=True, help=words.translate("CommandLine", "geheime root-sleutel")
    )
    sign_keys.add_argument(
        "--release",
        action="append",
        required=True,
        help=words.translate(
            "CommandLine",
            "publieke sleutel (bestand .pub of tekst) die kits mag ondertekenen; vaker mag",
        ),
    )
    sign_keys.add_argument(
        "--version",
        type=whole_number,
        required=True,
        help=words.translate("CommandLine", "versie (1, 2, ...)"),
    )
    sign_keys.add_argument(
        "--expires", help=words.translate("CommandLine", "geldig tot (JJJJ-MM-DD)")
    )
    sign_keys.add_argument(
        "--valid-days",
        type=whole_number,
        default=730,
        help=words.translate("CommandLine", "of: zoveel dagen vanaf vandaag"),
    )

    open_pdf = sub.add_parser(
        "open",
        help=words.translate("CommandLine", "start het programma met een PDF van je computer"),
    )
    open_pdf.add_argument("file", type=Path, help=words.translate("CommandLine", "het PDF-bestand"))
    open_pdf.add_argument(
        "--page",
        type=int,
        default=1,
        help=words.translate("CommandLine", "open op deze pagina (1 = de eerste)"),
    )

    publish = sub.add_parser(
        "publish", help=words.translate("CommandLine", "maak een ondertekende kit van de bronnen")
    )
    publish.add_argument(
        "source",
        help=words.translate("CommandLine", "map met kit.toml, steps.toml en de documenten"),
    )
    publish.add_argument(
        "out",
        help=words.translate("CommandLine", "map voor manifest.json, de handtekening en files/"),
    )
    publish.add_argument(
        "--key", required=True, help=words.translate("CommandLine", "geheime release-sleutel")
    )
    publish.add_argument(
        "--keys",
        help=words.translate(
            "CommandLine", "sleutellijst keys.json (met .sig ernaast); standaard keys/keys.json"
        ),
    )
    publish.add_argument(
        "--valid-days",
        type=whole_number,
        default=180,
        help=words.translate(
            "CommandLine", "zoveel dagen na de publicatiedatum verloopt de kit (standaard 180)"
        ),
    )
    publish.add_argument(
        "--kitupdate",
        metavar="FILE",
        help=words.translate("CommandLine", "maak er ook een updatebestand van"),
    )

    search = sub.add_parser(
        "search", help=words.translate("CommandLine", "zoek in de geïnstalleerde kit")
    )
    search.add_argument("words", nargs="+")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument(
        "--exact",
        action="store_true",
        help=words.translate(
            "CommandLine", "zoek de woorden precies zoals getypt, zonder tikfouten te verbeteren"
        ),
    )

    from companion.cli.sync_commands import add_sync_commands  # sync, import-update, export-update

    add_sync_commands(sub)
    return parser


def window_start(arguments: Sequence[str]) -> argparse.Namespace | None:
    """The usual start (no command; only --data-dir, --lang, --selftest) read without
    making every command's parser: argparse's help texts cost a translation lookup
    each, some 60 of them, before the window could start. Anything else (a command,
    --help, a wrong value) returns None and the full parser answers, as always."""
    quick = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    quick.add_argument("--data-dir", type=Path)
    quick.add_argument("--lang", choices=LANGUAGES)
    quick.add_argument("--selftest", action="store_true")
    try:
        known, rest = quick.parse_known_args(arguments)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    known.command = None
    return known


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # A frozen (PyInstaller) program starts the PDF engine's workers through
        # itself. Elsewhere freeze_support does nothing, and importing
        # multiprocessing waits until the engine starts (after the first paint).
        import multiprocessing

        multiprocessing.freeze_support()
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = window_start(arguments)
    if args is None:
        # The command line's own words are in the chosen language. The window does
        # not use them (it reads its language with the rest of its appearance), so a
        # plain start skips reading the user store and site defaults for them.
        choose_language(language_from(arguments))
        args = build_parser().parse_args(arguments)
    if args.command in (None, "open"):
        # A first start: the import's workers load Python and PyMuPDF on the
        # other core while this process still loads Qt (see first_run.py).
        from companion.kit.first_run import start_extraction_early
        from companion.paths import app_paths

        start_extraction_early(app_paths(args.data_dir).kit_store)
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
        "sign-keys": kit_commands.sign_keys,
        "search": kit_commands.search,
    }
    runners.update(sync_runners())
    from companion.logs import logging_to_file
    from companion.paths import app_paths

    try:
        with logging_to_file(app_paths(getattr(args, "data_dir", None)).log_dir):
            return runners[args.command](args)
    except CompanionError as exc:
        print(f"\n{words.say(exc.message)}", file=sys.stderr)
        if exc.detail:
            print(f"({exc.detail})", file=sys.stderr)
        return 1
