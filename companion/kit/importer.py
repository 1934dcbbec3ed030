"""The one import pipeline: any kit source into the kit store.

    read manifest -> verify signature -> parse -> check kit id and version
    -> read the files the store lacks -> check size and sha256
    -> extract text in worker processes (companion/pdf/extract_pool.py)
    -> write everything in one transaction, or name every bad file and write nothing

The bundled kit on first start, an update file and a portal download all come
through :func:`apply_source`, so they are refused for the same reasons with
the same messages. Until the final COMMIT nothing is visible; any refusal
rolls back and the store keeps the kit it had.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from companion.errors import (
    BadFilesError,
    CancelledError,
    FileProblem,
    IntegrityError,
    KitError,
    NotNewerError,
    SignatureError,
    WrongKitError,
)
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.manifest import KIT_ID, FileRef, Manifest, parse_manifest
from companion.kit.signing import verify
from companion.kit.source import KitSource
from companion.kit.store_writer import (
    add_blob,
    add_media,
    forget_stale,
    index_pages,
    plan_update,
    replace_content,
)
from companion.kit.trusted_keys import TRUSTED_KEYS
from companion.pdf.extract_pool import Job, PoolSettings, extract_files, prestart
from companion.pdf.text import ExtractedPdf
from companion.progress import Progress, ProgressCallback
from companion.store.kit_store import PAGES_PER_DOCUMENT, InstalledKit, KitStore

log = logging.getLogger(__name__)

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


def file_problems(name: str, result: ExtractedPdf) -> list[FileProblem]:
    """The extraction workers' findings for one file, as lines of the report."""
    problems = [FileProblem(name, p.reason, p.page, p.detail) for p in result.problems]
    if not problems and len(result.pages) >= PAGES_PER_DOCUMENT:
        problems.append(
            FileProblem(
                name,
                Text(QT_TRANSLATE_NOOP("messages", "het document heeft te veel pagina's")),
                detail=f"{len(result.pages)} pages",
            )
        )
    return problems


def _refused(problems: list[FileProblem], errors: list[KitError]) -> KitError:
    """One error for everything wrong: the file's own error if it was the only one."""
    if len(problems) == 1 and len(errors) == 1:
        return errors[0]
    return BadFilesError(problems)


def apply_source(
    store: KitStore,
    source: KitSource,
    *,
    trusted_keys: Iterable[bytes] = TRUSTED_KEYS,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    verified: VerifiedKit | None = None,
    extraction: PoolSettings | None = None,
) -> ImportResult:
    """Install the kit in ``source`` into ``store``, all or nothing.

    Every file is read and checked even after one was found bad, so the
    refusal names every bad file (and page) at once. Text is extracted in
    worker processes (``extraction`` sets their number and time limit) while
    this thread verifies the next files and writes the finished ones.
    """
    report = progress or (lambda _p: None)
    is_cancelled = cancelled or (lambda: False)
    previous = store.installed()

    report(Progress(Text(QT_TRANSLATE_NOOP("messages", "De kit wordt gecontroleerd…"))))
    if verified is None:
        verified = read_verified(source, store, trusted_keys)
    manifest = verified.manifest
    needed = missing_files(store, manifest)
    media = manifest.media_shas()
    pdf_count = sum(1 for ref in needed if ref.sha256 not in media)
    if pdf_count:
        prestart(min(pdf_count, (extraction or PoolSettings()).workers))
    total_bytes = sum(ref.size for ref in needed)
    problems: list[FileProblem] = []
    errors: list[KitError] = []  # a file's own error, kept to re-raise when it is the only one
    done = {"bytes": 0, "files": 0}

    def stop_if_cancelled() -> None:
        if is_cancelled():
            raise CancelledError(STOPPED)

    def stage() -> Text:
        return Text(
            QT_TRANSLATE_NOOP("messages", "Document {number} van {total} wordt klaargezet…"),
            number=min(done["files"] + 1, len(needed)),
            total=len(needed),
        )

    def finished(ref: FileRef) -> None:
        done["bytes"] += ref.size
        done["files"] += 1
        report(Progress(stage(), done["bytes"], total_bytes, done["files"], len(needed)))

    with store.transaction() as conn:
        # Another process (the command line beside the window) may have
        # installed a version since we looked; with the write lock held,
        # check again so a slower, older update can never land on a newer one.
        verify_manifest(
            verified.manifest_bytes, verified.signature, store.installed(), trusted_keys
        )
        # Search rows: old ones of changed documents out now, new ones in as text arrives.
        plan = plan_update(conn, manifest)
        forget_stale(conn, plan)

        def jobs() -> Iterator[Job[FileRef]]:
            """Read and verify each needed file; PDFs go on to the workers."""
            for ref in needed:
                stop_if_cancelled()
                on_bytes = _byte_reporter(
                    report, stage(), done["bytes"], total_bytes, done["files"], len(needed)
                )
                try:
                    data = source.read_file(ref, on_bytes)
                    check_file(ref, data)
                except CancelledError:
                    raise
                except KitError as exc:
                    errors.append(exc)
                    problems.append(FileProblem(ref.name, exc.message, detail=exc.detail))
                    finished(ref)
                    continue
                if ref.sha256 in media:
                    add_media(conn, ref.sha256, data)
                    finished(ref)
                    continue
                yield Job(ref, ref.name, data)

        for job, result in extract_files(jobs(), extraction):
            if result.warnings:
                log.warning("MuPDF over %s: %s", job.name, result.warnings.strip())
            found = file_problems(job.name, result)
            if found:
                problems.extend(found)
                log.warning("refused %s: %s", job.name, "; ".join(p.detail for p in found))
            elif not problems:  # once refused, nothing more needs writing
                add_blob(conn, job.key.sha256, job.data, result.pages)
                index_pages(conn, plan, job.key.sha256, result.pages)
            finished(job.key)
        stop_if_cancelled()
        if problems:
            # Workers finish in any order; the report follows the manifest.
            order = {ref.name: n for n, ref in enumerate(needed)}
            problems.sort(key=lambda p: (order.get(p.file, len(order)), p.page or 0))
            raise _refused(problems, errors)
        report(
            Progress(
                Text(QT_TRANSLATE_NOOP("messages", "De zoekindex wordt bijgewerkt…")),
                done["bytes"],
                total_bytes,
                len(needed),
                len(needed),
            )
        )
        changes = replace_content(
            conn, manifest, verified.manifest_bytes, verified.signature, store.now(), plan=plan
        )
    store.checkpoint()
    report(Progress(DONE, total_bytes, total_bytes, len(needed), len(needed)))
    return ImportResult(
        version=manifest.version,
        previous_version=previous.version if previous else None,
        files_added=len(needed),
        bytes_added=total_bytes,
        changes=changes,
    )
