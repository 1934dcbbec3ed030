"""Command line: start the program, or run one job without a window.

    python main.py                      start the program
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
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from companion.errors import CompanionError
from companion.paths import app_paths
from companion.progress import Progress

CommandRun = Callable[[argparse.Namespace], int]


def terminal_progress(progress: Progress) -> None:
    """One line that rewrites itself: files and bytes, for long jobs."""
    if progress.total_bytes:
        percent = 100 * progress.done_bytes // progress.total_bytes
        line = (
            f"{progress.stage} {progress.done_files}/{progress.total_files} bestanden, {percent}%"
        )
    else:
        line = progress.stage
    end = "\n" if progress.stage == "Klaar." else ""
    print(f"\r{line[:100]:<100}", end=end, file=sys.stderr, flush=True)


def _keygen(args: argparse.Namespace) -> int:
    from companion.kit.signing import generate_keypair

    private_path = Path(args.keyfile)
    public_path = private_path.with_name(private_path.name + ".pub")
    for path in (private_path, public_path):
        if path.exists():
            print(f"{path} bestaat al; er is niets overschreven.", file=sys.stderr)
            return 1
    private, public = generate_keypair()
    private_path.parent.mkdir(parents=True, exist_ok=True)
    private_path.write_text(private + "\n", encoding="ascii")
    private_path.chmod(0o600)
    public_path.write_text(public + "\n", encoding="ascii")
    print(f"Geheime sleutel: {private_path}\nPublieke sleutel: {public_path}\n{public}")
    return 0


def _publish(args: argparse.Namespace) -> int:
    from companion.kit.signing import load_private_key
    from companion.publish.publisher import publish_sources

    key = load_private_key(Path(args.key))
    report = publish_sources(Path(args.source), Path(args.out), key)
    changed = ", ".join(report.changed) if report.changed else "geen"
    print(
        f"Versie {report.version} gepubliceerd in {report.out_dir}: "
        f"{report.documents} documenten, veranderd: {changed}."
    )
    if args.kitupdate:
        from companion.sync.updatefile import pack_folder

        info = pack_folder(report.out_dir, Path(args.kitupdate))
        print(f"Updatebestand: {info.path}")
    return 0


def _search(args: argparse.Namespace) -> int:
    from companion.context import AppContext

    context = AppContext.open(app_paths(args.data_dir))
    for notice in context.notices:
        print(notice, file=sys.stderr)
    if context.needs_bundled_kit():
        context.install_bundled_kit(progress=terminal_progress)
    for hit in context.search.search(" ".join(args.words), limit=args.limit):
        snippet = hit.snippet.replace("\ue000", "[").replace("\ue001", "]").replace("\n", " ")
        print(f"{hit.document_id}\tp.{hit.page}\t{hit.title}\t{snippet}")
    context.close()
    return 0


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

    search = sub.add_parser("search", help="zoek in de geïnstalleerde kit")
    search.add_argument("words", nargs="+")
    search.add_argument("--limit", type=int, default=20)

    from companion.sync.commands import add_sync_commands  # sync, import-update, export-update

    add_sync_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from companion.ui.app import run_app

        return run_app(args.data_dir, selftest=args.selftest)
    from companion.sync.commands import sync_runners

    runners: dict[str, CommandRun] = {"keygen": _keygen, "publish": _publish, "search": _search}
    runners.update(sync_runners())
    try:
        return runners[args.command](args)
    except CompanionError as exc:
        print(f"\n{exc.message}", file=sys.stderr)
        if exc.detail:
            print(f"({exc.detail})", file=sys.stderr)
        return 1
