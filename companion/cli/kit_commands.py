"""The command-line jobs for the kit itself: keygen, publish (maintainers) and search."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.cli.terminal import open_context, words


def keygen(args: argparse.Namespace) -> int:
    from companion.files import write_atomic
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
    # Readable by the owner only from the first byte on.
    write_atomic(private_path, (private + "\n").encode("ascii"), mode=0o600)
    write_atomic(public_path, (public + "\n").encode("ascii"))
    print(
        words.translate(
            "CommandLine", "Geheime sleutel: {private}\nPublieke sleutel: {public}"
        ).format(private=private_path, public=public_path)
    )
    print(public)
    return 0


def sign_keys(args: argparse.Namespace) -> int:
    """Sign the key list with the root key: which release keys may sign kits."""
    import datetime as dt

    from companion.errors import SourceError
    from companion.files import write_atomic
    from companion.i18n import QT_TRANSLATE_NOOP
    from companion.kit.freshness import parse_day
    from companion.kit.key_list import dump_key_list, sign_key_list
    from companion.kit.signing import load_private_key, parse_public_key
    from companion.kit.source import KEYS_NAME, KEYS_SIGNATURE_NAME

    root = load_private_key(Path(args.root))
    release = []
    for name in args.release:
        text = Path(name).read_text(encoding="ascii").strip() if Path(name).is_file() else name
        parse_public_key(text)  # a clear refusal for a file that is not a public key
        release.append(text)
    expires = args.expires or (dt.date.today() + dt.timedelta(days=args.valid_days)).isoformat()
    try:
        parse_day(expires)
    except ValueError as exc:
        raise SourceError(
            QT_TRANSLATE_NOOP("messages", "Geef de datum als JJJJ-MM-DD, bijvoorbeeld 2028-12-31."),
            str(exc),
        ) from exc
    signed = sign_key_list(root, dump_key_list(args.version, expires, release))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / KEYS_NAME, signed.data)
    write_atomic(out / KEYS_SIGNATURE_NAME, signed.signature)
    print(
        words.translate(
            "CommandLine",
            "Sleutellijst versie {version} ({count} sleutel(s), geldig tot {date}) "
            "ondertekend: {path}",
        ).format(version=args.version, count=len(release), date=expires, path=out / KEYS_NAME)
    )
    return 0


def default_key_list() -> Path:
    """The project's own key list (``keys/keys.json``) in a checkout."""
    return Path(__file__).resolve().parents[2] / "keys" / "keys.json"


def publish(args: argparse.Namespace) -> int:
    from companion.errors import SourceError
    from companion.i18n import QT_TRANSLATE_NOOP
    from companion.kit.key_list import SignedKeys
    from companion.kit.signing import load_private_key
    from companion.kit.source import KEYS_SIGNATURE_NAME
    from companion.publish.publisher import check_key_list, publish_sources

    key = load_private_key(Path(args.key))
    keys_path = Path(args.keys) if args.keys else default_key_list()
    try:
        keys = SignedKeys(
            keys_path.read_bytes(), keys_path.with_name(KEYS_SIGNATURE_NAME).read_bytes()
        )
    except OSError as exc:
        raise SourceError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De sleutellijst {path} (met keys.json.sig ernaast) kan niet worden gelezen. "
                "Geef hem mee met --keys.",
            ),
            str(exc),
            path=keys_path,
        ) from exc
    check_key_list(keys)
    report = publish_sources(
        Path(args.source), Path(args.out), key, keys, valid_days=args.valid_days
    )
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
    """Search as the Zoeken screen does (same word rules, same corrections).

    A corrected word is said first, on standard error, so the result lines on
    standard output stay one per document; ``--exact`` searches as typed.
    """
    context = open_context(args)
    results = context.search.run(" ".join(args.words), limit=args.limit, correct=not args.exact)
    if results.corrections:
        print(
            words.translate(
                "CommandLine", "Resultaten voor ‘{corrected}’. Zocht je toch ‘{typed}’? (--exact)"
            ).format(corrected=results.corrected_text, typed=results.text),
            file=sys.stderr,
        )
    for hit in results.hits:
        snippet = hit.snippet.replace("\ue000", "[").replace("\ue001", "]").replace("\n", " ")
        print(f"{hit.document_id}\tp.{hit.page}\t{hit.title}\t{snippet}")
    context.close()
    return 0
