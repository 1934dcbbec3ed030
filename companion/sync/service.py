"""Checking, previewing and installing kit updates: from a portal or an update file.

Plain Python, used by the Updates screen (in a worker thread), the command
line and the tests alike. Each call opens its own kit store connection, so it
can run off the GUI thread. The order of things is the protocol in DESIGN.md:

    GET manifest.json (conditional)  -> 304: the remembered manifest, 1 request
    GET manifest.json.sig            -> signature checked before anything else
    kit id and version               -> older: refused (no downgrade, no replay)
    GET files/<sha256> the store lacks, resumable, capped, hash-checked
    apply_source over the downloaded files: one transaction, old or new kit

The user store is never written here. ``client.log`` counts requests and
bytes: :func:`check_cost` and :func:`update_cost` give them for benchmarks.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from companion.errors import CancelledError, MissingFileError, NotNewerError
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.importer import (
    STOPPED,
    ImportResult,
    Progress,
    ProgressCallback,
    VerifiedKit,
    apply_source,
    missing_files,
    verify_manifest,
)
from companion.kit.manifest import MAX_MANIFEST_SIZE, FileRef, parse_manifest
from companion.kit.source import MANIFEST_NAME, SIGNATURE_NAME, ByteProgress
from companion.kit.trusted_keys import TRUSTED_KEYS
from companion.store.kit_store import InstalledKit, KitStore
from companion.sync.cache import SyncCache
from companion.sync.download import download_file
from companion.sync.errors import NetworkError, NotConfiguredError, PortalError
from companion.sync.network import is_online
from companion.sync.portal import (
    DEFAULT_TIMEOUT,
    NOT_MODIFIED,
    PortalClient,
    TransferLog,
    is_loopback_url,
)
from companion.sync.preview import UpdatePreview, preview_update
from companion.sync.updatefile import (
    MAX_SIGNATURE_SIZE,
    UpdateFileInfo,
    UpdateFileSource,
    export_from_store,
)

UPDATE, CURRENT = "update", "current"
OFFLINE_MESSAGE = Text(
    QT_TRANSLATE_NOOP("messages", "Offline: er is niet gezocht naar een nieuwe versie van de kit.")
)
NOT_CONFIGURED_MESSAGE = Text(
    QT_TRANSLATE_NOOP(
        "messages",
        "Er is nog geen portal ingesteld. Vul het adres in bij Bestand > Instellingen "
        "(tabblad Updates). Zonder portal kun je de kit bijwerken met een updatebestand.",
    )
)
UPDATED_MESSAGE = QT_TRANSLATE_NOOP("messages", "De kit is bijgewerkt naar versie {version}.")

# Called at fixed points of an install: "downloaded:N" (N files in the cache),
# "applying:N" (inside the transaction, N files read), "applied" (committed).
# The crash tests kill the process there; the program itself passes nothing.
Checkpoint = Callable[[str], None]


@dataclass(frozen=True)
class CheckResult:
    """What a check found; ``preview`` and the signed bytes only for an update."""

    status: str
    message: str
    installed_version: int | None
    preview: UpdatePreview | None = None
    manifest_bytes: bytes = b""
    signature: bytes = b""
    transfer: TransferLog = field(default_factory=TransferLog)

    @property
    def has_update(self) -> bool:
        return self.status == UPDATE


@dataclass(frozen=True)
class InstallOutcome:
    """What an install or an update file did; ``imported`` is None when nothing was to do."""

    imported: ImportResult | None
    message: str
    transfer: TransferLog = field(default_factory=TransferLog)

    @property
    def changed(self) -> bool:
        return self.imported is not None


def online_for(url: str) -> bool:
    """May we expect to reach ``url`` now? Asked without sending anything.

    A portal on this machine needs no network; ``STRATEGIEKIT_OFFLINE=1``
    still wins, so a workstation can be told to stay quiet.
    """
    if os.environ.get("STRATEGIEKIT_OFFLINE") == "1":
        return False
    return is_loopback_url(url) or is_online()


def verify_or_current(
    manifest_bytes: bytes,
    signature: bytes,
    installed: InstalledKit | None,
    trusted_keys: Iterable[bytes],
) -> VerifiedKit | None:
    """The verified kit, None when exactly this version is installed; older is refused."""
    try:
        return verify_manifest(manifest_bytes, signature, installed, trusted_keys)
    except NotNewerError:
        # Raised only after the signature and kit id were accepted.
        if installed is not None and parse_manifest(manifest_bytes).version == installed.version:
            return None
        raise


def _up_to_date(version: int | None) -> Text:
    return Text(
        QT_TRANSLATE_NOOP("messages", "Je hebt de nieuwste versie van de kit (versie {version})."),
        version=version,
    )


def _update_message(preview: UpdatePreview) -> Text:
    return Text(
        QT_TRANSLATE_NOOP("messages", "Er is een nieuwe versie van de kit: versie {version}."),
        version=preview.new_version,
    )


class CachedSource:
    """The downloaded, hash-checked files as a kit source for the import pipeline."""

    def __init__(self, cache: SyncCache, verified: VerifiedKit, checkpoint: Checkpoint) -> None:
        self.cache = cache
        self.verified = verified
        self.checkpoint = checkpoint
        self.description = "portal"
        self.files_read = 0

    def read_manifest(self) -> tuple[bytes, bytes]:
        return self.verified.manifest_bytes, self.verified.signature

    def read_file(self, ref: FileRef, progress: ByteProgress) -> bytes:
        try:
            with self.cache.file_path(ref.sha256).open("rb") as handle:
                data = handle.read(ref.size + 1)
        except OSError as exc:
            raise MissingFileError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Het gedownloade bestand {name} is verdwenen. Probeer het opnieuw. "
                    "De kit is niet aangepast.",
                ),
                str(exc),
                name=ref.name,
            ) from exc
        progress(len(data))
        self.files_read += 1
        self.checkpoint(f"applying:{self.files_read}")
        return data


class SyncService:
    """Updates from one portal into the kit store at ``kit_path``."""

    def __init__(
        self,
        kit_path: Path,
        cache_dir: Path,
        portal_url: str,
        *,
        trusted_keys: Iterable[bytes] = TRUSTED_KEYS,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = 2,
        client: PortalClient | None = None,
    ) -> None:
        if not portal_url.strip() and client is None:
            raise NotConfiguredError(NOT_CONFIGURED_MESSAGE, "no portal url")
        self.kit_path = kit_path
        self.cache = SyncCache(cache_dir)
        self.client = client or PortalClient(portal_url, timeout=timeout)
        self.trusted_keys = tuple(trusted_keys)
        self.retries = retries

    @property
    def log(self) -> TransferLog:
        return self.client.log

    # -- check -------------------------------------------------------------------

    def check(self) -> CheckResult:
        """Is there a newer kit? One small request when nothing changed."""
        mark = self.log.requests
        store = KitStore(self.kit_path)
        try:
            installed = store.installed()
            manifest_bytes, signature, remember = self._fetch_manifest(store)
            try:
                verified = verify_or_current(
                    manifest_bytes, signature, installed, self.trusted_keys
                )
            except NotNewerError as exc:
                offered = parse_manifest(manifest_bytes).version
                raise NotNewerError(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "De portal biedt versie {offered} van de kit aan, maar deze computer "
                        "heeft al versie {installed}. Een oudere versie wordt niet "
                        "geïnstalleerd. Er is niets veranderd.",
                    ),
                    exc.detail,
                    offered=offered,
                    installed=installed.version if installed else "?",
                ) from exc
            remember()
            installed_version = installed.version if installed else None
            transfer = self.log.since(mark)
            if verified is None:
                return CheckResult(
                    CURRENT, _up_to_date(installed_version), installed_version, transfer=transfer
                )
            preview = preview_update(store, verified.manifest)
            return CheckResult(
                UPDATE,
                _update_message(preview),
                installed_version,
                preview,
                manifest_bytes,
                signature,
                transfer,
            )
        finally:
            store.close()

    def _fetch_manifest(self, store: KitStore) -> tuple[bytes, bytes, Callable[[], None]]:
        """The portal's manifest and signature, and how to remember them once accepted."""
        url = self.client.base_url
        with self.client.open(MANIFEST_NAME, self.cache.conditional_headers(url)) as response:
            if response.status == NOT_MODIFIED:
                cached = self.cache.cached_manifest()
                if cached is None:  # removed meanwhile: ask again, unconditionally
                    self.cache.forget_portal()
                    return self._fetch_manifest(store)
                return cached[0], cached[1], lambda: None
            manifest_bytes = response.read_all(
                MAX_MANIFEST_SIZE,
                lambda: PortalError(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "De inhoudslijst op de portal is te groot. Er is niets veranderd.",
                    ),
                    "manifest over size cap",
                ),
            )
            etag, modified = response.header("ETag"), response.header("Last-Modified")
        installed = store.signed_manifest()
        if installed is not None and installed[0] == manifest_bytes:
            # Exactly what is installed: its signature was checked when it was installed
            # (and is checked again by the caller), so no second request is needed.
            signature = installed[1]
        else:
            with self.client.open(SIGNATURE_NAME) as response:
                signature = response.read_all(
                    MAX_SIGNATURE_SIZE,
                    lambda: PortalError(
                        QT_TRANSLATE_NOOP(
                            "messages",
                            "De handtekening op de portal is geen handtekening. "
                            "Er is niets veranderd.",
                        ),
                        "signature over size cap",
                    ),
                )

        def remember() -> None:
            # Only an optimisation (the next check can be a 304): a full disk is no refusal.
            with contextlib.suppress(OSError):
                self.cache.remember(url, manifest_bytes, signature, etag, modified)

        return manifest_bytes, signature, remember

    # -- install -----------------------------------------------------------------

    def install(
        self,
        check: CheckResult | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        checkpoint: Checkpoint | None = None,
    ) -> InstallOutcome:
        """Download what is missing and apply the new version in one transaction."""
        mark = self.log.requests
        report = progress or (lambda _p: None)
        is_cancelled = cancelled or (lambda: False)
        point = checkpoint or (lambda _name: None)
        if check is None or not check.has_update:
            report(Progress(Text(QT_TRANSLATE_NOOP("messages", "Zoeken naar een nieuwe versie…"))))
            check = self.check()
        if not check.has_update:
            return InstallOutcome(None, check.message, self.log.since(mark))

        store = KitStore(self.kit_path)
        try:
            verified = verify_or_current(
                check.manifest_bytes, check.signature, store.installed(), self.trusted_keys
            )
            if verified is None:
                installed = store.installed()
                message = _up_to_date(installed.version if installed else None)
                return InstallOutcome(None, message, self.log.since(mark))
            needed = missing_files(store, verified.manifest)
            self._download_all(needed, report, is_cancelled, point)
            source = CachedSource(self.cache, verified, point)
            result = apply_source(
                store,
                source,
                trusted_keys=self.trusted_keys,
                progress=report,
                cancelled=is_cancelled,
                verified=verified,
            )
            point("applied")
        finally:
            store.close()
        # Everything in the cache is now in the store (or belongs to an older offer).
        self.cache.drop_files()
        return InstallOutcome(
            result, Text(UPDATED_MESSAGE, version=result.version), self.log.since(mark)
        )

    def _download_all(
        self,
        needed: list[FileRef],
        report: ProgressCallback,
        is_cancelled: Callable[[], bool],
        point: Checkpoint,
    ) -> None:
        total = sum(ref.size for ref in needed)
        done = 0
        for number, ref in enumerate(needed):
            if is_cancelled():
                raise CancelledError(STOPPED)
            stage = Text(
                QT_TRANSLATE_NOOP("messages", "Downloaden: bestand {number} van {total}…"),
                number=number + 1,
                total=len(needed),
            )

            def on_bytes(
                count: int, stage: Text = stage, base: int = done, n: int = number
            ) -> None:
                report(Progress(stage, base + count, total, n, len(needed)))

            for attempt in range(self.retries + 1):
                try:
                    download_file(self.client, self.cache, ref, on_bytes, is_cancelled)
                    break
                except NetworkError:
                    if attempt == self.retries:
                        raise
            done += ref.size
            report(Progress(stage, done, total, number + 1, len(needed)))
            point(f"downloaded:{number + 1}")


# -- update files --------------------------------------------------------------------


def import_update_file(
    kit_path: Path,
    path: Path,
    *,
    trusted_keys: Iterable[bytes] = TRUSTED_KEYS,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> InstallOutcome:
    """Install the kit in a ``.kitupdate`` file, through the same checks as the portal."""
    report = progress or (lambda _p: None)
    report(Progress(Text(QT_TRANSLATE_NOOP("messages", "Het updatebestand wordt gecontroleerd…"))))
    with UpdateFileSource(path) as source:
        store = KitStore(kit_path)
        try:
            manifest_bytes, signature = source.read_manifest()
            installed = store.installed()
            verified = verify_or_current(manifest_bytes, signature, installed, trusted_keys)
            if verified is None:
                version = installed.version if installed else None
                return InstallOutcome(
                    None,
                    Text(
                        QT_TRANSLATE_NOOP(
                            "messages",
                            "Versie {version} van de kit is al geïnstalleerd. "
                            "Er is niets veranderd.",
                        ),
                        version=version,
                    ),
                )
            source.check_declared(verified.manifest)
            result = apply_source(
                store,
                source,
                trusted_keys=trusted_keys,
                progress=report,
                cancelled=cancelled,
                verified=verified,
            )
        finally:
            store.close()
    return InstallOutcome(result, Text(UPDATED_MESSAGE, version=result.version))


def export_update_file(kit_path: Path, out: Path) -> UpdateFileInfo:
    """Write the installed kit as an update file for machines that are never online."""
    store = KitStore(kit_path)
    try:
        return export_from_store(store, out)
    finally:
        store.close()


# -- costs, for benchmarks ----------------------------------------------------------


def check_cost(service: SyncService) -> tuple[int, int]:
    """(requests, body bytes) of one check against the service's portal."""
    result = service.check()
    return result.transfer.requests, result.transfer.bytes_received


def update_cost(service: SyncService) -> tuple[int, int]:
    """(requests, body bytes) of one check plus install."""
    mark = service.log.requests
    service.install(service.check())
    spent = service.log.since(mark)
    return spent.requests, spent.bytes_received
