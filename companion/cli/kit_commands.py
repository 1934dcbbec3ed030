"""The command-line jobs for the kit itself: keygen, publish (maintainers) and search."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.cli.terminal import open_context


def keygen(args: argparse.Namespace) -> int:
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


def publish(args: argparse.Namespace) -> int:
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


def search(args: argparse.Namespace) -> int:
    context = open_context(args)
    for hit in context.search.search(" ".join(args.words), limit=args.limit):
        snippet = hit.snippet.replace("\ue000", "[").replace("\ue001", "]").replace("\n", " ")
        print(f"{hit.document_id}\tp.{hit.page}\t{hit.title}\t{snippet}")
    context.close()
    return 0
