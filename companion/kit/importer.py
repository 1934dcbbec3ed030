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
from companion.kit.key_list import KeyList, current_key_lists
from companion.kit.manifest import KIT_ID, FileRef, Manifest, parse_manifest
from companion.kit.signing import verify
from companion.kit.source import KitSource, SignedKit, read_signed
from companion.kit.store_writer import add_blob, replace_content, store_key_list
from companion.kit.trust_state import Trust, load_trust, record_install
from companion.kit.trusted_keys import BURNED_KEYS
from companion.pdf.text import page_texts
from companion.progress import DONE, STOPPED, Progress, ProgressCallback
from companion.store.kit_store import PAGES_PER_DOCUMENT, InstalledKit, KitStore


@dataclass(frozen=True)
class VerifiedKit:
    """A manifest whose signature chain, kit id and version were accepted."""

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    key_list: KeyList

    @property
    def signed(self) -> SignedKit:
        return SignedKit(self.manifest_bytes, self.signature, self.key_list.signed)


@dataclass(frozen=True)
class ImportResult:
    version: int
    previous_version: int | None
    files_added: int
    bytes_added: int
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def check_signature(signed: SignedKit, trust: Trust) -> KeyList:
    """The key list that vouches for the manifest: root -> key list -> release key.

    Checked before the manifest's JSON is even parsed: nothing from an
    unsigned source is interpreted. The key list is the newest valid one of
    what the source carries and what this computer kept from before.
    """
    if not signed.signature.strip():
        raise SignatureError(
            QT_TRANSLATE_NOOP(
                "messages", "De kit heeft geen handtekening. Hij is niet geïnstalleerd."
            )
        )
    if verify(BURNED_KEYS, signed.manifest, signed.signature):
        raise SignatureError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Deze kit is ondertekend met een oude sleutel die niet meer wordt vertrouwd "
                "(hij is openbaar geworden). Hij is niet geïnstalleerd. Haal de kit opnieuw "
                "op bij de portal of vraag om een nieuw updatebestand.",
            ),
            "signed with the burned project key",
        )
    lists = current_key_lists((signed.keys, trust.record.keys), trust.roots)
    for key_list in lists:
        release_keys = [key for key in key_list.release_keys if key not in BURNED_KEYS]
        if verify(release_keys, signed.manifest, signed.signature):
            return key_list
    raise SignatureError(
        QT_TRANSLATE_NOOP(
            "messages",
            "De handtekening van de kit klopt niet. De kit is misschien veranderd "
            "na het maken. Hij is niet geïnstalleerd.",
        ),
        f"signature does not verify against the release keys of key list "
        f"version {lists[0].version}",
    )


def verify_manifest(
    signed: SignedKit,
    installed: InstalledKit | None,
    trust: Trust,
    *,
    own_kit: bool = False,
) -> VerifiedKit:
    """Accept a manifest only if its signature chain holds, same kit, newer version.

    Newer means: above the installed version and not below the highest
    version this computer ever installed (kept outside the kit store, so a
    damaged or deleted store does not re-open rollback). ``own_kit``: the kit
    shipped inside this program, which may rebuild a store below that floor.
    """
    key_list = check_signature(signed, trust)
    manifest = parse_manifest(signed.manifest)
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
    highest = trust.record.highest_version
    if not own_kit and manifest.version < highest:
        raise NotNewerError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Deze kit (versie {version}) is ouder dan een versie die al eerder op deze "
                "computer stond (versie {highest}). Er is niets veranderd.",
            ),
            f"version {manifest.version} < highest installed {highest}",
            version=manifest.version,
            highest=highest,
        )
    return VerifiedKit(manifest, signed.manifest, signed.signature, key_list)


def read_verified(
    source: KitSource,
    store: KitStore,
    trusted_keys: Iterable[bytes] | None = None,
    *,
    own_kit: bool = False,
) -> VerifiedKit:
    """Read and verify a source's manifest against what ``store`` has installed."""
    trust = load_trust(store.path, trusted_keys)
    return verify_manifest(read_signed(source), store.installed(), trust, own_kit=own_kit)


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
    trusted_keys: Iterable[bytes] | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    verified: VerifiedKit | None = None,
    own_kit: bool = False,
) -> ImportResult:
    """Install the kit in ``source`` into ``store``, all or nothing.

    ``trusted_keys``: the pinned root keys (tests pass throw-away roots).
    ``own_kit``: the source is the kit shipped with the program (see verify_manifest).
    """
    report = progress or (lambda _p: None)
    is_cancelled = cancelled or (lambda: False)
    previous = store.installed()

    report(Progress(Text(QT_TRANSLATE_NOOP("messages", "De kit wordt gecontroleerd…"))))
    if verified is None:
        verified = read_verified(source, store, trusted_keys, own_kit=own_kit)
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
        trust = load_trust(store.path, trusted_keys)
        verified = verify_manifest(verified.signed, store.installed(), trust, own_kit=own_kit)
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
        store_key_list(conn, manifest, verified.key_list.signed)
        # Still inside the write transaction: one writer at a time, also across processes.
        record_install(trust, manifest.version, verified.key_list)
    report(Progress(DONE, done_bytes, total_bytes, len(needed), len(needed)))
    return ImportResult(
        version=manifest.version,
        previous_version=previous.version if previous else None,
        files_added=len(needed),
        bytes_added=total_bytes,
        changes=changes,
    )
