"""Checking, previewing and installing kit updates: from a portal or an update file.

Plain Python, used by the Updates screen (in a worker thread), the command
line and the tests alike. Each call opens its own kit store connection, so it
can run off the GUI thread. The order of things is the protocol in DESIGN.md:

    GET manifest.json (conditional)  -> 304: the remembered manifest, 1 request
    GET manifest.json.sig, keys.json(.sig)
                                     -> root -> key list -> manifest, before anything else
    expires                          -> past: refused as stale (freeze attack)
    kit id and version               -> older: refused (no downgrade, no replay)
    GET files/<sha256> the store lacks, resumable, capped, hash-checked
    apply_source over the downloaded files: one transaction, old or new kit

The user store is never written here. ``client.log`` counts requests and
bytes: :func:`check_cost` and :func:`update_cost` give them for benchmarks.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from companion.errors import (
    ManifestError,
    MissingFileError,
    NotNewerError,
    SignatureError,
)
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.freshness import is_expired
from companion.kit.importer import (
    ImportResult,
    Progress,
    ProgressCallback,
    VerifiedKit,
    accept_newer,
    apply_source,
    check_file,
    check_signature,
    missing_files,
)
from companion.kit.key_list import MAX_KEY_LIST_SIZE, KeyList, SignedKeys
from companion.kit.manifest import MAX_MANIFEST_SIZE, FileRef, Manifest, parse_manifest
from companion.kit.source import (
    KEYS_NAME,
    KEYS_SIGNATURE_NAME,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    ByteProgress,
    SignedKit,
    read_signed,
)
from companion.kit.trust_state import Trust, load_trust
from companion.store.kit_store import InstalledKit, KitStore
from companion.sync.cache import DownloadPack, SyncCache
from companion.sync.download import cache_error, download_files
from companion.sync.errors import NotConfiguredError, PortalError, StaleError
from companion.sync.network import is_online
from companion.sync.portal import (
    DEFAULT_TIMEOUT,
    NOT_MODIFIED,
    Deadline,
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

# A whole check (manifest, signature, key list) must be done within this time.
CHECK_DEADLINE = 60.0

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
    """What a check found; ``preview`` and the accepted kit only for an update.

    ``verified`` is the manifest as the check accepted it (signature chain,
    freshness, kit id, version), parsed once: the install goes on from it
    instead of verifying and parsing the same bytes again.
    """

    status: str
    message: str
    installed_version: int | None
    preview: UpdatePreview | None = None
    transfer: TransferLog = field(default_factory=TransferLog)
    verified: VerifiedKit | None = None

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
    signed: SignedKit, installed: InstalledKit | None, trust: Trust
) -> VerifiedKit | None:
    """The verified kit, None when exactly this version is installed; older is refused."""
    key_list = check_signature(signed, trust)
    return accept_or_current(signed, key_list, parse_manifest(signed.manifest), installed, trust)


def accept_or_current(
    signed: SignedKit,
    key_list: KeyList,
    manifest: Manifest,
    installed: InstalledKit | None,
    trust: Trust,
) -> VerifiedKit | None:
    """:func:`accept_newer` for a manifest whose signature chain held; None when exactly
    this version is installed, older is refused."""
    try:
        return accept_newer(signed, key_list, manifest, installed, trust)
    except NotNewerError:
        if installed is not None and manifest.version == installed.version:
            return None
        raise


def refuse_if_stale(manifest: Manifest, key_list: KeyList) -> None:
    """Online, an expired manifest or key list is a freeze attack: refuse it.

    Called after the signature chain held (the dates are signed). An update
    file or the bundled kit is never refused for its date (see freshness.py).
    """
    for what, expires in (("manifest", manifest.expires), ("key list", key_list.expires)):
        if is_expired(expires):
            raise StaleError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "De portal biedt een verlopen versie van de kit aan (geldig tot {date}). "
                    "Misschien wordt de portal niet meer bijgewerkt, of houdt iemand nieuwe "
                    "versies tegen. Er is niets veranderd; vraag de beheerder van de portal "
                    "of gebruik een updatebestand.",
                ),
                f"{what} expired on {expires}",
                date=expires,
            )


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

    def __init__(
        self,
        cache: SyncCache,
        verified: VerifiedKit,
        checkpoint: Checkpoint,
        pack: DownloadPack | None = None,
    ) -> None:
        self.cache = cache
        self.pack = pack
        self.verified = verified
        self.checkpoint = checkpoint
        self.description = "portal"
        self.files_read = 0

    def read_manifest(self) -> tuple[bytes, bytes]:
        return self.verified.manifest_bytes, self.verified.signature

    def read_key_list(self) -> SignedKeys | None:
        return self.verified.key_list.signed

    def read_file(self, ref: FileRef, progress: ByteProgress) -> bytes:
        try:
            data = self.cache.read(ref, self.pack)
            # Checked here too: a file damaged in the cache after its download is
            # discarded, so the next attempt fetches it again instead of failing for ever.
            try:
                check_file(ref, data)
            except Exception:
                self.cache.discard(ref, self.pack)
                raise
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
        trusted_keys: Iterable[bytes] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = 2,
        client: PortalClient | None = None,
        check_deadline: float = CHECK_DEADLINE,
    ) -> None:
        if not portal_url.strip() and client is None:
            raise NotConfiguredError(NOT_CONFIGURED_MESSAGE, "no portal url")
        self.kit_path = kit_path
        self.cache = SyncCache(cache_dir)
        self.client = client or PortalClient(portal_url, timeout=timeout)
        self.trusted_keys = tuple(trusted_keys) if trusted_keys is not None else None
        self.retries = retries
        self.check_deadline = check_deadline

    @property
    def log(self) -> TransferLog:
        return self.client.log

    # -- check -------------------------------------------------------------------

    def check(self, cancelled: Callable[[], bool] | None = None) -> CheckResult:
        """Is there a newer kit? One small request when nothing changed.

        The whole check has one deadline (``check_deadline``) besides the
        client's per-read timeout and minimum speed.
        """
        store = KitStore(self.kit_path)
        try:
            return self._check(store, cancelled)
        finally:
            store.close()

    def _check(
        self,
        store: KitStore,
        cancelled: Callable[[], bool] | None,
        remembered: list[threading.Thread] | None = None,
    ) -> CheckResult:
        """:meth:`check` on an open store (an install goes on with the same connection).

        The signature chain is checked once, before the manifest's JSON is
        parsed, and the manifest is parsed once; staleness, kit id, version
        and the preview all read that one parse. ``remembered``: keep the
        accepted manifest for the next check in a thread of its own (added to
        the list, for the caller to wait for): an install goes on downloading
        meanwhile instead of waiting for the state file's two flushes to disk.
        """
        mark = self.log.requests
        installed = store.installed()
        trust = load_trust(self.kit_path, self.trusted_keys)
        with self.client.deadline(Deadline.after(self.check_deadline, cancelled)):
            signed, key_list, remember = self._fetch_manifest(store, trust)
        manifest = parse_manifest(signed.manifest)
        refuse_if_stale(manifest, key_list)
        try:
            verified = accept_or_current(signed, key_list, manifest, installed, trust)
        except NotNewerError as exc:
            raise NotNewerError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "De portal biedt versie {offered} van de kit aan, maar deze computer "
                    "heeft al versie {installed}. Een oudere versie wordt niet "
                    "geïnstalleerd. Er is niets veranderd.",
                ),
                exc.detail,
                offered=manifest.version,
                installed=max(installed.version if installed else 0, trust.record.highest_version),
            ) from exc
        if remembered is None:
            remember()
        else:
            remembered.append(threading.Thread(target=remember, name="portal-state", daemon=True))
            remembered[-1].start()
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
            transfer,
            verified,
        )

    def _fetch_manifest(
        self, store: KitStore, trust: Trust
    ) -> tuple[SignedKit, KeyList, Callable[[], None]]:
        """The portal's signed kit, the key list whose release key signed it (the
        signature chain is checked here, once), and how to remember it once accepted.

        The portal's key list is fetched only when the key list this computer
        keeps does not vouch for the manifest, or has expired: a new release
        key (a rotation) is learnt when the first kit signed with it arrives,
        and an update still costs three requests.
        """
        url = self.client.base_url
        headers = self.cache.conditional_headers(url)
        response_status, manifest_bytes, etag, modified = self._get_manifest(headers)
        if response_status == NOT_MODIFIED:
            cached = self.cache.remembered(url)
            if cached is not None:
                signed = SignedKit(cached.manifest, cached.signature, cached.keys)
                return signed, check_signature(signed, trust), lambda: None
            # The remembered manifest is gone: ask once more, plainly. A portal
            # that answers "not modified" to a plain request is broken.
            self.cache.forget_portal()
            response_status, manifest_bytes, etag, modified = self._get_manifest(
                {"Cache-Control": "no-cache"}
            )
            if response_status == NOT_MODIFIED:
                raise PortalError(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "De portal geeft een onverwacht antwoord (304 zonder inhoudslijst). "
                        "Probeer het later opnieuw. Er is niets veranderd.",
                    ),
                    "304 Not Modified to an unconditional request",
                )
        installed = store.signed_manifest()
        if installed is not None and installed[0] == manifest_bytes:
            # Exactly what is installed: its signature was checked when it was installed
            # (and is checked again by the caller), so no second request is needed.
            signature = installed[1]
        else:
            signature = self._get_small(
                SIGNATURE_NAME,
                MAX_SIGNATURE_SIZE,
                QT_TRANSLATE_NOOP(
                    "messages",
                    "De handtekening op de portal is geen handtekening. Er is niets veranderd.",
                ),
            )
        kept = self._kept_key_list(SignedKit(manifest_bytes, signature), trust)
        if kept is not None:
            signed = SignedKit(manifest_bytes, signature, kept.signed)
            key_list = kept
        else:
            signed = SignedKit(manifest_bytes, signature, self._get_key_list())
            key_list = check_signature(signed, trust)
        keys = signed.keys

        def remember() -> None:
            # Only an optimisation (the next check can be a 304): a full disk is no refusal.
            with contextlib.suppress(OSError):
                self.cache.remember(url, manifest_bytes, signature, keys, etag, modified)

        return signed, key_list, remember

    def _get_manifest(self, headers: dict[str, str]) -> tuple[int, bytes, str | None, str | None]:
        with self.client.open(MANIFEST_NAME, headers) as response:
            if response.status == NOT_MODIFIED:
                return NOT_MODIFIED, b"", None, None
            body = response.read_all(
                MAX_MANIFEST_SIZE,
                lambda: PortalError(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "De inhoudslijst op de portal is te groot. Er is niets veranderd.",
                    ),
                    "manifest over size cap",
                ),
            )
            return response.status, body, response.header("ETag"), response.header("Last-Modified")

    @staticmethod
    def _kept_key_list(signed: SignedKit, trust: Trust) -> KeyList | None:
        """The key list kept from before, when it vouches for ``signed`` and is not expired."""
        if trust.record.keys is None:
            return None
        try:
            key_list = check_signature(signed, trust)
        except (SignatureError, ManifestError):
            return None
        return None if is_expired(key_list.expires) else key_list

    def _get_small(self, path: str, limit: int, too_big: str) -> bytes:
        with self.client.open(path) as response:
            return response.read_all(limit, lambda: PortalError(too_big, f"{path} over size cap"))

    def _get_key_list(self) -> SignedKeys | None:
        """The portal's key list; None when it has none (a list kept from before may do)."""
        too_big = QT_TRANSLATE_NOOP(
            "messages", "De sleutellijst op de portal is te groot. Er is niets veranderd."
        )
        try:
            data = self._get_small(KEYS_NAME, MAX_KEY_LIST_SIZE, too_big)
            signature = self._get_small(KEYS_SIGNATURE_NAME, MAX_SIGNATURE_SIZE, too_big)
        except PortalError as exc:
            if "HTTP 404" in exc.detail:
                return None
            raise
        return SignedKeys(data, signature)

    # -- install -----------------------------------------------------------------

    def install(
        self,
        check: CheckResult | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        checkpoint: Checkpoint | None = None,
    ) -> InstallOutcome:
        """Download what is missing and apply the new version in one transaction.

        Goes on from the kit ``check`` accepted (or checks first, on the same
        store connection): its signature is not checked again until the import
        re-checks it under the write lock, and its manifest is not parsed again.
        Kit id and version are looked at again here: another program may have
        installed a version since the check.
        """
        mark = self.log.requests
        report = progress or (lambda _p: None)
        is_cancelled = cancelled or (lambda: False)
        point = checkpoint or (lambda _name: None)
        store = KitStore(self.kit_path)
        remembered: list[threading.Thread] = []
        try:
            if check is None or check.verified is None:
                report(
                    Progress(Text(QT_TRANSLATE_NOOP("messages", "Zoeken naar een nieuwe versie…")))
                )
                check = self._check(store, None, remembered)
            accepted = check.verified
            if accepted is None:
                return InstallOutcome(None, check.message, self.log.since(mark))
            installed = store.installed()
            verified = accept_or_current(
                accepted.signed,
                accepted.key_list,
                accepted.manifest,
                installed,
                load_trust(self.kit_path, self.trusted_keys),
            )
            if verified is None:
                message = _up_to_date(installed.version if installed else None)
                return InstallOutcome(None, message, self.log.since(mark))
            needed = missing_files(store, verified.manifest)
            with self._open_pack() as pack:
                self._download_all(needed, report, is_cancelled, point, pack)
                result = apply_source(
                    store,
                    CachedSource(self.cache, verified, point, pack),
                    trusted_keys=self.trusted_keys,
                    progress=report,
                    cancelled=is_cancelled,
                    verified=verified,
                )
            point("applied")
        finally:
            store.close()
            for thread in remembered:
                thread.join()
        # Everything in the cache is now in the store (or belongs to an older offer).
        self.cache.drop_files()
        return InstallOutcome(
            result, Text(UPDATED_MESSAGE, version=result.version), self.log.since(mark)
        )

    def _open_pack(self) -> DownloadPack:
        """The cache's download pack, open for one install (its download and its import)."""
        try:
            return self.cache.ensure().open_pack()
        except OSError as exc:
            raise cache_error(self.cache, exc) from exc

    def _download_all(
        self,
        needed: list[FileRef],
        report: ProgressCallback,
        is_cancelled: Callable[[], bool],
        point: Checkpoint,
        pack: DownloadPack,
    ) -> None:
        total = sum(ref.size for ref in needed)

        def stage(number: int) -> Text:
            return Text(
                QT_TRANSLATE_NOOP("messages", "Downloaden: bestand {number} van {total}…"),
                number=number,
                total=len(needed),
            )

        def on_bytes(count: int, files: int) -> None:
            report(Progress(stage(min(files + 1, len(needed))), count, total, files, len(needed)))

        def on_file(count: int, files: int) -> None:
            report(Progress(stage(files), count, total, files, len(needed)))
            point(f"downloaded:{files}")

        download_files(
            self.client,
            self.cache,
            needed,
            progress=on_bytes,
            finished=on_file,
            cancelled=is_cancelled,
            retries=self.retries,
            pack=pack,
        )


# -- update files --------------------------------------------------------------------


def import_update_file(
    kit_path: Path,
    path: Path,
    *,
    trusted_keys: Iterable[bytes] | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> InstallOutcome:
    """Install the kit in a ``.kitupdate`` file, through the same checks as the portal.

    Its expiry date is not held against it: update files travel slowly.
    """
    report = progress or (lambda _p: None)
    report(Progress(Text(QT_TRANSLATE_NOOP("messages", "Het updatebestand wordt gecontroleerd…"))))
    with UpdateFileSource(path) as source:
        store = KitStore(kit_path)
        try:
            installed = store.installed()
            verified = verify_or_current(
                read_signed(source), installed, load_trust(kit_path, trusted_keys)
            )
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
