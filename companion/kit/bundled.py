"""Opening the kit store at start, checking it, and putting a verified kit in place.

The kit store holds nothing a person made, so a damaged one is moved aside
(never deleted at once: someone may want to look at it) and rebuilt, and the
person is told. "Damaged" is anything that goes wrong opening or reading it
(``sqlite3.DatabaseError``, a ``UnicodeDecodeError`` from a bad byte, an
installed kit whose signature no longer holds), found either at open or by
the full check that runs in a worker just after start (:func:`check_kit_store`).

The rebuild uses the newest verified source: the kit read back from the
damaged file when all of it still verifies (so a workstation keeps the update
it installed from a USB stick), otherwise the kit shipped with the program.
The user store is never moved or rebuilt by this code.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from companion.errors import CancelledError, KitError, NotNewerError, StoreError
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.records import MANIFEST_NAME
from companion.store.kit_store import KitStore, clear_unfinished_stores
from companion.store.sqlite_base import move_aside

if TYPE_CHECKING:
    import datetime as dt

    from companion.kit.importer import ImportResult
    from companion.progress import ProgressCallback

log = logging.getLogger(__name__)

# A kit store can be large and is rebuildable: keep the two newest damaged copies.
KEEP_DAMAGED = 2


class OpenedKitStore(NamedTuple):
    store: KitStore
    notice: Text | None = None
    aside: Path | None = None  # where a damaged file was moved


UNTRUSTED = "untrusted"
DAMAGED = "damaged"


class KitProblem(NamedTuple):
    """What the check after start found: ``kind`` is DAMAGED or UNTRUSTED."""

    kind: str
    detail: str


class KitHealth(NamedTuple):
    """The check after start: a ``problem`` (the store is then rebuilt), or, for a kit
    that verifies, the day its key list expired (``keys_expired_on``: a calm notice).

    Offline an expired key list never stops reading (see ``freshness.py``), but it
    means no newer list reached this computer for a long time: the person is told.
    """

    problem: KitProblem | None = None
    keys_expired_on: str | None = None


def keys_expired_notice(day: str) -> Text:
    return Text(
        QT_TRANSLATE_NOOP(
            "messages",
            "De lijst met vertrouwde sleutels van deze kit is verlopen op {date}. Kijk bij "
            "Updates of er een nieuwe versie van de kit is. Lezen kan gewoon.",
        ),
        date=day,
    )


def rebuilt_notice(aside: Path, kind: str = DAMAGED) -> Text:
    if kind == UNTRUSTED:
        return Text(
            QT_TRANSLATE_NOOP(
                "messages",
                "De geïnstalleerde kit was ondertekend met een sleutel die niet meer wordt "
                "vertrouwd. De kit wordt opnieuw klaargezet; het oude bestand is bewaard als "
                "{name}. Je eigen gegevens blijven zoals ze waren.",
            ),
            name=aside.name,
        )
    return Text(
        QT_TRANSLATE_NOOP(
            "messages",
            "De opgeslagen kit was beschadigd en wordt opnieuw klaargezet. Het oude bestand "
            "is bewaard als {name}. Je eigen gegevens blijven zoals ze waren.",
        ),
        name=aside.name,
    )


def open_kit_store(path: Path, *, read_only: bool = False) -> OpenedKitStore:
    """The kit store, rebuilt empty (with a notice) when it cannot be opened or read."""
    try:
        return OpenedKitStore(KitStore(path, read_only=read_only))
    except StoreError as exc:
        if read_only:
            raise  # nothing can be moved or rebuilt in a read-only folder
        log.warning("kit store %s cannot be used (%s); moved aside", path, exc.detail or exc)
        aside = move_aside(path, keep=KEEP_DAMAGED)
        return OpenedKitStore(KitStore(path), rebuilt_notice(aside), aside)


def check_kit_store(path: Path, trusted_keys: Iterable[bytes] | None = None) -> KitProblem | None:
    """The whole file checked (``PRAGMA quick_check``) and the installed kit's signature.

    Runs in a worker just after start: it reads every page, which takes too
    long for the GUI thread on a large kit. None when healthy.
    """
    return kit_store_health(path, trusted_keys).problem


def kit_store_health(
    path: Path,
    trusted_keys: Iterable[bytes] | None = None,
    today: dt.date | None = None,
    *,
    whole_file: bool = True,
) -> KitHealth:
    """:func:`check_kit_store`, and whether the key list that vouches for the kit expired.

    Without ``whole_file`` only the signature and the key list are checked (just
    after a kit was put in place, which wrote and verified every page itself).
    """
    from companion.kit.freshness import is_expired
    from companion.kit.importer import check_signature
    from companion.kit.key_list import SignedKeys
    from companion.kit.source import SignedKit
    from companion.kit.trust_state import load_trust

    if whole_file:  # the check after start: a store half made by a program killed then goes
        clear_unfinished_stores(path)
    try:
        store = KitStore(path)
    except StoreError as exc:
        return KitHealth(KitProblem(DAMAGED, f"open: {exc.detail or exc}"))
    try:
        problems = store.quick_check() if whole_file else []
        if problems:
            return KitHealth(KitProblem(DAMAGED, "quick_check: " + "; ".join(problems)))
        try:
            signed = store.signed_manifest()
            keys = store.signed_key_list()
            if signed is None:
                return KitHealth()
            kit = SignedKit(signed[0], signed[1], SignedKeys(*keys) if keys else None)
            key_list = check_signature(kit, load_trust(path, trusted_keys))
        except KitError as exc:
            detail = f"installed kit no longer verifies: {exc.detail or exc}"
            return KitHealth(KitProblem(UNTRUSTED, detail))
        except Exception as exc:  # any read error of the store is damage
            return KitHealth(KitProblem(DAMAGED, f"read: {type(exc).__name__}: {exc}"))
        if is_expired(key_list.expires, today):
            return KitHealth(keys_expired_on=key_list.expires)
        return KitHealth()
    finally:
        store.close()


def bundled_version(folder: Path) -> int | None:
    """The version of the kit shipped in ``folder`` (read cheaply, not verified)."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_bytes())
        return int(manifest["version"])
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


def bundled_is_newer(store: KitStore, folder: Path) -> bool:
    """True when the kit shipped with this program is newer than the installed one.

    That happens on first start (nothing installed) and after the program
    itself was updated with a newer bundled kit. Only the version number is
    read here, to keep start-up fast; the import that follows verifies the
    signature and everything else before it changes a thing.
    """
    installed = store.installed()
    if installed is None:
        return True
    version = bundled_version(folder)
    return version is not None and version > installed.version


def install_newest_kit(
    kit_path: Path,
    bundled_dir: Path,
    trusted_keys: Iterable[bytes] | None,
    *,
    salvage_from: Path | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Put the newest verified kit into the store: salvaged or bundled.

    When another program on the same data folder installed it first (two
    starts at once), that is success, not an error.
    """
    from companion.kit.importer import ImportResult, apply_source
    from companion.kit.source import FolderSource

    store = KitStore(kit_path)
    try:
        if salvage_from is not None:
            result = _salvage(store, salvage_from, bundled_dir, trusted_keys, progress, cancelled)
            if result is not None:
                return result
        result = _from_kept_kit(store, bundled_dir, trusted_keys, progress, cancelled)
        if result is not None:
            return result
        try:
            return apply_source(
                store,
                FolderSource(bundled_dir),
                trusted_keys=trusted_keys,
                progress=progress,
                cancelled=cancelled,
                own_kit=True,
                checkpoint_later=True,  # the window shows the Library meanwhile
            )
        except NotNewerError:
            installed = store.installed()
            if installed is None:
                raise
            log.info("kit version %s was installed by another program", installed.version)
            return ImportResult(installed.version, None, 0, 0)
    finally:
        store.close()


def _from_kept_kit(
    store: KitStore,
    bundled_dir: Path,
    trusted_keys: Iterable[bytes] | None,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
) -> ImportResult | None:
    """Rebuild from the kit a store kept when its schema changed (see kit_store.py),
    when it is newer than the bundled kit and still verifies; None otherwise."""
    from companion.kit.importer import apply_source
    from companion.kit.source import KeptKitSource

    kept = KeptKitSource(store)
    version = kept.version()
    if version is None or version <= (bundled_version(bundled_dir) or 0):
        return None
    try:
        return apply_source(
            store, kept, trusted_keys=trusted_keys, progress=progress, cancelled=cancelled
        )
    except CancelledError:
        raise
    except Exception as exc:  # whatever is wrong with it: the bundled kit it is
        log.warning("rebuilding from the kept kit failed: %s", exc)
        return None


def _salvage(
    store: KitStore,
    damaged: Path,
    bundled_dir: Path,
    trusted_keys: Iterable[bytes] | None,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
) -> ImportResult | None:
    """Rebuild from the kit in the damaged file, when it is newer than the bundled kit
    and every part of it still verifies; None otherwise."""
    from companion.kit.importer import apply_source
    from companion.kit.store_source import StoreSource

    try:
        old = KitStore(damaged, read_only=True)
    except StoreError as exc:
        log.info("nothing to salvage from %s: %s", damaged, exc.detail or exc)
        return None
    try:
        installed = old.installed()
        shipped = bundled_version(bundled_dir) or 0
        if installed is None or installed.version <= shipped:
            return None
        return apply_source(
            store,
            StoreSource(old),
            trusted_keys=trusted_keys,
            progress=progress,
            cancelled=cancelled,
        )
    except CancelledError:
        raise
    except Exception as exc:  # whatever is wrong with it: the bundled kit it is
        log.warning("salvaging the kit from %s failed: %s", damaged, exc)
        return None
    finally:
        old.close()
