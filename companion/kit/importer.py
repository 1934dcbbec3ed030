"""The one import pipeline: any kit source into the kit store.

    read manifest -> verify signature -> parse -> check kit id and version
    -> read the files the store lacks -> check size and sha256 -> extract text
    -> write everything in one transaction

The bundled kit on first start, an update file and a portal download all come
through :func:`apply_source`, so they are refused for the same reasons with
the same messages. Until the final COMMIT nothing is visible; any refusal
rolls back and the store keeps the kit it had.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from companion.errors import (
    BrokenPdfError,
    CancelledError,
    IntegrityError,
    NotNewerError,
    SignatureError,
    WrongKitError,
)
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.manifest import KIT_ID, FileRef, Manifest, parse_manifest
from companion.kit.signing import verify
from companion.kit.source import KitSource
from companion.kit.store_writer import add_blob, replace_content
from companion.kit.trusted_keys import TRUSTED_KEYS
from companion.pdf.text import page_texts
from companion.progress import Progress, ProgressCallback
from companion.store.kit_store import PAGES_PER_DOCUMENT, InstalledKit, KitStore

STOPPED = Text(QT_TRANSLATE_NOOP("messages", "Gestopt. De kit is niet aangepast."))
DONE = Text(QT_TRANSLATE_NOOP("messages", "Klaar."))


@dataclass(frozen=True)
class VerifiedKit:
    """A manifest whose signature, kit id and version were accepted."""

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes


@dataclass(frozen=True)
class ImportResult:
    version: int
    previous_version: int | None
    files_added: int
    bytes_added: int
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def verify_manifest(
    manifest_bytes: bytes,
    signature: bytes,
    installed: InstalledKit | None,
    trusted_keys: Iterable[bytes] = TRUSTED_KEYS,
) -> VerifiedKit:
    """Accept a manifest only if signed by a pinned key, same kit, newer version.

    The signature is checked before the JSON is even parsed: nothing from an
    unsigned source is interpreted.
    """
    if not signature.strip():
        raise SignatureError(
            QT_TRANSLATE_NOOP(
                "messages", "De kit heeft geen handtekening. Hij is niet geïnstalleerd."
            )
        )
    if not verify(trusted_keys, manifest_bytes, signature):
        raise SignatureError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De handtekening van de kit klopt niet. De kit is misschien veranderd "
                "na het maken. Hij is niet geïnstalleerd.",
            ),
            "ed25519 signature does not verify against the pinned key",
        )
    manifest = parse_manifest(manifest_bytes)
    expected = installed.kit if installed else KIT_ID
    if manifest.kit != expected:
        raise WrongKitError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Dit is een andere kit dan de strategiekit Hoger Bereik. "
                "Hij is niet geïnstalleerd.",
            ),
            f"kit {manifest.kit!r}, expected {expected!r}",
        )
    if installed is not None and manifest.version <= installed.version:
        if manifest.version == installed.version:
            message = Text(
                QT_TRANSLATE_NOOP("messages", "Versie {version} van de kit is al geïnstalleerd."),
                version=manifest.version,
            )
        else:
            message = Text(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Deze kit (versie {version}) is ouder dan de geïnstalleerde "
                    "(versie {installed}). Er is niets veranderd.",
                ),
                version=manifest.version,
                installed=installed.version,
            )
        raise NotNewerError(message, f"version {manifest.version} <= {installed.version}")
    return VerifiedKit(manifest, manifest_bytes, signature)


def read_verified(
    source: KitSource, store: KitStore, trusted_keys: Iterable[bytes] = TRUSTED_KEYS
) -> VerifiedKit:
    """Read and verify a source's manifest against what ``store`` has installed."""
    manifest_bytes, signature = source.read_manifest()
    return verify_manifest(manifest_bytes, signature, store.installed(), trusted_keys)


def missing_files(store: KitStore, manifest: Manifest) -> list[FileRef]:
    """The files this version needs that the store does not hold yet."""
    have = store.blob_shas()
    return [ref for ref in manifest.unique_files() if ref.sha256 not in have]


def check_file(ref: FileRef, data: bytes) -> None:
    """Refuse bytes that are not exactly the file the manifest promises."""
    if len(data) != ref.size:
        raise IntegrityError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Het bestand {name} is niet compleet of te groot. De kit is niet aangepast.",
            ),
            f"{len(data)} bytes, manifest says {ref.size}",
            name=ref.name,
        )
    digest = hashlib.sha256(data).hexdigest()
    if digest != ref.sha256:
        raise IntegrityError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Het bestand {name} is veranderd of beschadigd. De kit is niet aangepast.",
            ),
            f"sha256 {digest}, manifest says {ref.sha256}",
            name=ref.name,
        )


def _byte_reporter(
    report: ProgressCallback, stage: Text, base: int, total: int, files_done: int, files: int
) -> Callable[[int], None]:
    """Turn 'bytes of this file so far' into overall progress."""
    return lambda count: report(Progress(stage, base + count, total, files_done, files))


def apply_source(
    store: KitStore,
    source: KitSource,
    *,
    trusted_keys: Iterable[bytes] = TRUSTED_KEYS,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    verified: VerifiedKit | None = None,
) -> ImportResult:
    """Install the kit in ``source`` into ``store``, all or nothing."""
    report = progress or (lambda _p: None)
    is_cancelled = cancelled or (lambda: False)
    previous = store.installed()

    report(Progress(Text(QT_TRANSLATE_NOOP("messages", "De kit wordt gecontroleerd…"))))
    if verified is None:
        verified = read_verified(source, store, trusted_keys)
    manifest = verified.manifest
    needed = missing_files(store, manifest)
    total_bytes = sum(ref.size for ref in needed)
    done_bytes = 0

    def stop_if_cancelled() -> None:
        if is_cancelled():
            raise CancelledError(STOPPED)

    with store.transaction() as conn:
        # Another process (the command line beside the window) may have
        # installed a version since we looked; with the write lock held,
        # check again so a slower, older update can never land on a newer one.
        verify_manifest(
            verified.manifest_bytes, verified.signature, store.installed(), trusted_keys
        )
        for number, ref in enumerate(needed):
            stop_if_cancelled()
            stage = Text(
                QT_TRANSLATE_NOOP("messages", "Document {number} van {total} wordt klaargezet…"),
                number=number + 1,
                total=len(needed),
            )
            report(Progress(stage, done_bytes, total_bytes, number, len(needed)))

            on_bytes = _byte_reporter(report, stage, done_bytes, total_bytes, number, len(needed))
            data = source.read_file(ref, on_bytes)
            check_file(ref, data)
            pages = page_texts(data, ref.name)
            if len(pages) >= PAGES_PER_DOCUMENT:
                raise BrokenPdfError(
                    QT_TRANSLATE_NOOP("messages", "Het document {name} heeft te veel pagina's."),
                    f"{len(pages)} pages",
                    name=ref.name,
                )
            add_blob(conn, ref.sha256, data, pages)
            done_bytes += ref.size
        stop_if_cancelled()
        report(
            Progress(
                Text(QT_TRANSLATE_NOOP("messages", "De zoekindex wordt bijgewerkt…")),
                done_bytes,
                total_bytes,
                len(needed),
                len(needed),
            )
        )
        changes = replace_content(
            conn, manifest, verified.manifest_bytes, verified.signature, store.now()
        )
    report(Progress(DONE, done_bytes, total_bytes, len(needed), len(needed)))
    return ImportResult(
        version=manifest.version,
        previous_version=previous.version if previous else None,
        files_added=len(needed),
        bytes_added=total_bytes,
        changes=changes,
    )
