"""The command-line jobs for the kit itself: keygen, publish (maintainers) and search."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.cli.terminal import open_context, words


def keygen(args: argparse.Namespace) -> int:
    from companion.kit.signing import generate_keypair

    private_path = Path(args.keyfile)
    public_path = private_path.with_name(private_path.name + ".pub")
    for path in (private_path, public_path):
        if path.exists():
            print(
                words.translate(
                    "CommandLine", "{path} bestaat al; er is niets overschreven."
                ).format(path=path),
                file=sys.stderr,
            )
            return 1
    private, public = generate_keypair()
    private_path.parent.mkdir(parents=True, exist_ok=True)
    private_path.write_text(private + "\n", encoding="ascii")
    private_path.chmod(0o600)
    public_path.write_text(public + "\n", encoding="ascii")
    print(
        words.translate(
            "CommandLine", "Geheime sleutel: {private}\nPublieke sleutel: {public}"
        ).format(private=private_path, public=public_path)
    )
    print(public)
    return 0


def publish(args: argparse.Namespace) -> int:
    from companion.kit.signing import load_private_key
    from companion.publish.publisher import publish_sources

    key = load_private_key(Path(args.key))
    report = publish_sources(Path(args.source), Path(args.out), key)
    changed = (
        ", ".join(report.changed) if report.changed else words.translate("CommandLine", "geen")
    )
    print(
        words.translate(
            "CommandLine",
            "Versie {version} gepubliceerd in {folder}: {count} documenten, veranderd: {changed}.",
        ).format(
            version=report.version, folder=report.out_dir, count=report.documents, changed=changed
        )
    )
    if args.kitupdate:
        from companion.sync.updatefile import pack_folder

        info = pack_folder(report.out_dir, Path(args.kitupdate))
        print(words.translate("CommandLine", "Updatebestand: {path}").format(path=info.path))
    return 0


def search(args: argparse.Namespace) -> int:
    context = open_context(args)
    for hit in context.search.search(" ".join(args.words), limit=args.limit):
        snippet = hit.snippet.replace("\ue000", "[").replace("\ue001", "]").replace("\n", " ")
        print(f"{hit.document_id}\tp.{hit.page}\t{hit.title}\t{snippet}")
    context.close()
    return 0
