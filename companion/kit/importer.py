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

import dataclasses
import hashlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

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
from companion.kit.index_text import page_index
from companion.kit.key_list import KeyList, current_key_lists
from companion.kit.manifest import KIT_ID, FileRef, Manifest, parse_manifest
from companion.kit.signing import verify
from companion.kit.source import KitSource, SignedKit, read_signed
from companion.kit.store_writer import (
    add_blob,
    add_media,
    forget_stale,
    index_pages,
    plan_update,
    replace_content,
    store_key_list,
)
from companion.kit.trust_state import Trust, load_trust, record_install
from companion.kit.trusted_keys import BURNED_KEYS
from companion.pdf.extract_pool import Job, PoolSettings, extract_files, prestart
from companion.pdf.text import ExtractedPdf, PagesPrepare
from companion.progress import DONE, STOPPED, Progress, ProgressCallback
from companion.store.kit_store import (
    PAGES_PER_DOCUMENT,
    InstalledKit,
    KitStore,
    checkpoint_wal,
)
from companion.store.sqlite_base import sqlite_uri

log = logging.getLogger(__name__)


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
    return accept_newer(
        signed, key_list, parse_manifest(signed.manifest), installed, trust, own_kit=own_kit
    )


def recheck(
    verified: VerifiedKit,
    installed: InstalledKit | None,
    trust: Trust,
    *,
    own_kit: bool = False,
) -> VerifiedKit:
    """:func:`verify_manifest` again for a kit accepted earlier (under the write lock).

    The signature chain is checked again against the trust this computer keeps
    now (another program may have learnt a newer key list meanwhile), and kit id
    and version against what is installed now. The manifest is not parsed
    again: ``verified.manifest`` was parsed from exactly these signed bytes.
    """
    key_list = check_signature(verified.signed, trust)
    return accept_newer(
        verified.signed, key_list, verified.manifest, installed, trust, own_kit=own_kit
    )


def accept_newer(
    signed: SignedKit,
    key_list: KeyList,
    manifest: Manifest,
    installed: InstalledKit | None,
    trust: Trust,
    *,
    own_kit: bool = False,
) -> VerifiedKit:
    """The second half of :func:`verify_manifest`: same kit and newer, or refused.

    Only for a ``manifest`` parsed from ``signed.manifest`` after
    :func:`check_signature` returned ``key_list`` for ``signed``.
    """
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
    have = store.blob_sizes()
    for ref in manifest.unique_files():
        if ref.sha256 in have and have[ref.sha256] != ref.size:
            # The same sha256 with another size: the manifest is wrong about this file, and
            # would put that size in the library (a file the store has is not read again).
            check_digest(ref, have[ref.sha256], ref.sha256)
    return [ref for ref in manifest.unique_files() if ref.sha256 not in have]


def check_file(ref: FileRef, data: bytes) -> None:
    """Refuse bytes that are not exactly the file the manifest promises."""
    check_digest(ref, len(data), hashlib.sha256(data).hexdigest() if len(data) == ref.size else "")


def check_digest(ref: FileRef, size: int, digest: str) -> None:
    """Refuse a file of ``size`` bytes and sha256 ``digest`` (hex) that is not ``ref``'s.

    For bytes hashed as they arrived (a download), so they need not be read again.
    """
    if size != ref.size:
        raise IntegrityError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Het bestand {name} is niet compleet of te groot. De kit is niet aangepast.",
            ),
            f"{size} bytes, manifest says {ref.size}",
            name=ref.name,
        )
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


class _Stages:
    """Where an import's time went, for the log: seconds per stage of this thread.

    ``waiting`` is the time this thread waited for the extraction workers;
    the rest is its own (serial) work, which the workers may wait for. Each
    stage's CPU time of this thread beside it: on a busy machine the wall
    time also counts waiting for a core, and a commit waits for the disk.
    """

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self.last
        self.cpu[stage] = self.cpu.get(stage, 0.0) + cpu - self.last_cpu
        self.last, self.last_cpu = now, cpu

    def __str__(self) -> str:
        return ", ".join(
            f"{stage} {seconds:.2f} s (CPU {self.cpu[stage]:.2f} s)"
            for stage, seconds in self.seconds.items()
        )


# How often an import reports how far it is. A first run of 300 files made
# two reports per file (some 60 a second), and the window laid out and
# painted its progress bar for each one: about a second of the GUI thread's
# work, taken from the extraction workers on a machine with two cores. Ten a
# second look just as smooth.
PROGRESS_INTERVAL = 0.1


class _Throttled:
    """Passes a report on when its stage changes, or when ``interval`` has gone by.

    A new stage ("De zoekindex wordt bijgewerkt…", "Klaar.") always passes,
    so the last report the window gets is the last one made. Reports of one
    stage that come quicker than that are left out; the next one carries
    their figures.
    """

    def __init__(
        self,
        report: ProgressCallback,
        interval: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.report = report
        self.interval = PROGRESS_INTERVAL if interval is None else interval
        self.clock = clock
        self.template: str | None = None
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = self.clock()
        template = getattr(progress.stage, "template", progress.stage)  # the stage, not its numbers
        if template != self.template or now - self.last >= self.interval:
            self.template, self.last = template, now
            self.report(progress)


class _Forward:
    """Passes a report on with its bytes and files never below a report passed before.

    The bar counts a file's bytes while it is read, but the file is done only
    when a worker has read its text, and workers finish in any order: a
    small file read after a large one, or a large file finishing after small
    ones, would otherwise move the bar back. It stands still instead until
    the work catches up with what it showed.
    """

    def __init__(self, report: ProgressCallback) -> None:
        self.report = report
        self.bytes = 0
        self.files = 0

    def __call__(self, progress: Progress) -> None:
        self.bytes = max(self.bytes, progress.done_bytes)
        self.files = max(self.files, progress.done_files)
        if (progress.done_bytes, progress.done_files) != (self.bytes, self.files):
            progress = dataclasses.replace(progress, done_bytes=self.bytes, done_files=self.files)
        self.report(progress)


def _prepare(pdf_count: int) -> PagesPrepare | None:
    """Who turns page text into index rows: the extraction workers, unless there is one file.

    With many files the workers do it beside each other, and this thread only
    writes, so it never keeps them waiting. One file (an update of one
    document) has nothing to overlap with: loading the search code into a
    fresh worker would cost more than the rows of a few dozen pages here.
    """
    return page_index if pdf_count > 1 else None


def _refused(problems: list[FileProblem], errors: list[KitError]) -> KitError:
    """One error for everything wrong: the file's own error if it was the only one."""
    if len(problems) == 1 and len(errors) == 1:
        return errors[0]
    return BadFilesError(problems)


def apply_source(
    store: KitStore,
    source: KitSource,
    *,
    trusted_keys: Iterable[bytes] | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    verified: VerifiedKit | None = None,
    extraction: PoolSettings | None = None,
    own_kit: bool = False,
    checkpoint_later: bool = False,
) -> ImportResult:
    """Install the kit in ``source`` into ``store``, all or nothing.

    ``trusted_keys``: the pinned root keys (tests pass throw-away roots).
    ``own_kit``: the source is the kit shipped with the program (see verify_manifest).
    ``checkpoint_later``: on a first import, the WAL's checkpoint runs on a
    thread of its own after this returns (see :func:`checkpoint_soon`): for
    the window, which shows the Library meanwhile.
    Every file is read and checked even after one was found bad, so the
    refusal names every bad file (and page) at once. Text is extracted in
    worker processes (``extraction`` sets their number and time limit) while
    this thread verifies the next files and writes the finished ones.
    """
    report: ProgressCallback = _Forward(_Throttled(progress)) if progress else (lambda _p: None)
    is_cancelled = cancelled or (lambda: False)
    stages = _Stages()
    previous = store.installed()

    report(Progress(Text(QT_TRANSLATE_NOOP("messages", "De kit wordt gecontroleerd…"))))
    settings = extraction or PoolSettings()
    if previous is None and verified is None:
        # Nothing installed yet (a first run): every file of the kit will be
        # read, so the workers start Python and PyMuPDF while the signature and
        # the manifest are checked. They get no file before that is done.
        prestart(settings.workers, page_index)
    if verified is None:
        verified = read_verified(source, store, trusted_keys, own_kit=own_kit)
    manifest = verified.manifest
    needed = missing_files(store, manifest)
    media = manifest.media_shas()
    pdf_count = sum(1 for ref in needed if ref.sha256 not in media)
    if pdf_count:
        prestart(min(pdf_count, settings.workers), _prepare(pdf_count))
    stages.lap("verify")
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

    # A first run writes the whole kit in one transaction: SQLite's own
    # checkpoint at its COMMIT would copy all of it into the main file, and
    # flush that, while the person waits for the Library (see checkpoint_soon).
    later = checkpoint_later and previous is None
    autocheckpoint = _autocheckpoint_off(store) if later else None
    with _autocheckpoint_back(store, autocheckpoint), store.transaction() as conn:
        # Another process (the command line beside the window) may have
        # installed a version since we looked; with the write lock held,
        # check again so a slower, older update can never land on a newer one.
        trust = load_trust(store.path, trusted_keys)
        verified = recheck(verified, store.installed(), trust, own_kit=own_kit)
        # Search rows: old ones of changed documents out now, new ones in as text arrives.
        plan = plan_update(conn, manifest)
        forget_stale(conn, plan)
        stages.lap("plan")

        def jobs() -> Iterator[Job[FileRef]]:
            """Read and verify each needed file; PDFs go on to the workers, largest first.

            Largest first, so the last files handed out are small ones: the
            workers then finish close together, and the last result this
            thread writes before the commit is a small one (a large file
            last kept one worker busy while the other core sat idle).
            """
            for ref in sorted(needed, key=lambda ref: ref.size, reverse=True):
                stop_if_cancelled()
                on_bytes = _byte_reporter(
                    report, stage(), done["bytes"], total_bytes, done["files"], len(needed)
                )
                stages.lap("waiting")  # in the pool, since this thread last wrote
                try:
                    data = source.read_file(ref, on_bytes)
                    check_file(ref, data)
                    stages.lap("read")
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

        for job, result in extract_files(jobs(), extraction, _prepare(pdf_count)):
            stages.lap("waiting")
            if result.warnings:
                log.warning("MuPDF over %s: %s", job.name, result.warnings.strip())
            found = file_problems(job.name, result)
            if found:
                problems.extend(found)
                log.warning("refused %s: %s", job.name, "; ".join(p.detail for p in found))
            elif not problems:  # once refused, nothing more needs writing
                add_blob(conn, job.key.sha256, job.data, result.pages)
                index_pages(conn, plan, job.key.sha256, result.pages, result.prepared)
            finished(job.key)
            stages.lap("write")
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
        store_key_list(conn, manifest, verified.key_list.signed)
        # Still inside the write transaction: one writer at a time, also across processes.
        record_install(trust, manifest.version, verified.key_list)
        stages.lap("content")
    stages.lap("commit")
    if later:
        checkpoint_soon(store.path)
    else:
        store.checkpoint()
    stages.lap("checkpoint")
    log.info("import of %d files: %s", len(needed), stages)
    report(Progress(DONE, total_bytes, total_bytes, len(needed), len(needed)))
    return ImportResult(
        version=manifest.version,
        previous_version=previous.version if previous else None,
        files_added=len(needed),
        bytes_added=total_bytes,
        changes=changes,
    )


def _autocheckpoint_off(store: KitStore) -> int | None:
    """Stop SQLite's checkpoint at COMMIT on this connection; returns the setting it had.

    None when the setting cannot be read or changed: then the import goes on
    as before, and the transaction reports what is wrong with the store.
    """
    try:
        before = int(store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    except sqlite3.Error as exc:
        log.info("SQLite checkpoints at COMMIT: %s", exc)
        return None
    return before


@contextmanager
def _autocheckpoint_back(store: KitStore, pages: int | None) -> Iterator[None]:
    """Give the connection its checkpoint setting back afterwards (``None``: unchanged)."""
    try:
        yield
    finally:
        if pages is not None:
            try:
                store.conn.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
            except sqlite3.Error as exc:  # never in place of the import's own error
                log.warning("could not restore wal_autocheckpoint: %s", exc)


# Checkpoints started by checkpoint_soon and not known to be done (guarded by the lock).
_checkpoints: list[threading.Thread] = []
_checkpoints_lock = threading.Lock()


def checkpoint_soon(path: Path) -> None:
    """Copy the write-ahead log of the store at ``path`` into its main file, beside the caller.

    After a first run the log holds the whole kit (tens of MB): copying it
    into the main file and flushing that to disk took 0.2-0.3 s in which
    nothing else ran, between the last file and the Library the person waits
    for. The kit is safe on disk before this (the COMMIT flushed the log, and
    every reader reads it from there), so the copy runs on a thread of its
    own while the window shows the Library. Python waits for the thread at
    exit, so the program leaves a store with a short log behind; killed
    halfway, SQLite finishes the copy at the next start.
    """
    thread = threading.Thread(target=_checkpoint, args=(path,), name="kit-checkpoint")
    with _checkpoints_lock:
        _checkpoints[:] = [t for t in _checkpoints if t.is_alive()]
        _checkpoints.append(thread)
    thread.start()


def wait_for_checkpoints(timeout: float | None = None) -> bool:
    """Wait until the checkpoints :func:`checkpoint_soon` started are done; False on timeout."""
    deadline = None if timeout is None else time.monotonic() + timeout
    with _checkpoints_lock:
        threads = list(_checkpoints)
    for thread in threads:
        thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
    return not any(thread.is_alive() for thread in threads)


def _checkpoint(path: Path) -> None:
    """What ``KitStore.checkpoint`` does, on a connection of this thread's own.

    Opened only if the store is still there (``mode=rw`` makes no file): a
    store moved aside or a data folder removed meanwhile is left as it is.
    """
    try:
        conn = sqlite3.connect(sqlite_uri(path) + "?mode=rw", uri=True, timeout=30)
    except sqlite3.Error as exc:  # gone meanwhile: nothing to copy
        log.info("no checkpoint of %s: %s", path, exc)
        return
    try:
        checkpoint_wal(conn)
    except sqlite3.Error as exc:  # a full disk: the log stays until the next checkpoint
        log.warning("checkpoint of %s failed: %s", path, exc)
    finally:
        conn.close()
