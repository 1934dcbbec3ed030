"""Everything one running program shares: folders, stores, services.

The window is built from one of these, and tests build one on a temporary
folder, so the real program and the tests start the same way.

Opening also decides how the program may work with its data folder:

- a kit store that cannot be opened is moved aside and rebuilt (a notice);
- a user store that cannot be read raises :class:`UserStoreDamagedError`: the
  window then keeps it aside and offers a backup (:mod:`companion.store.backups`);
- a data folder that cannot be written opens read-only (``read_only``):
  reading and searching work, nothing is saved.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from companion.errors import StoreError
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.bundled import (
    DAMAGED,
    KitHealth,
    KitProblem,
    bundled_is_newer,
    install_newest_kit,
    kit_store_health,
    open_kit_store,
    rebuilt_notice,
)
from companion.kit.library import KitLibrary
from companion.paths import AppPaths, bundled_kit_dir
from companion.store.kit_store import KitStore
from companion.store.site_defaults import load_site_defaults
from companion.store.sqlite_base import move_aside
from companion.store.user_store import UserStore, UserStoreDamagedError

if TYPE_CHECKING:
    from companion.kit.importer import ImportResult
    from companion.kit.search import KitSearch
    from companion.progress import ProgressCallback

log = logging.getLogger(__name__)

READ_ONLY_NOTICE = QT_TRANSLATE_NOOP(
    "messages",
    "Alleen lezen: de gegevensmap {folder} kan niet worden beschreven. Je kunt de kit lezen "
    "en zoeken, maar wat je verandert wordt niet bewaard.",
)

__all__ = ["AppContext", "UserStoreDamagedError", "keep_user_store_aside"]


@dataclass
class AppContext:
    paths: AppPaths
    kit: KitStore
    user: UserStore
    library: KitLibrary
    bundled_dir: Path
    # The pinned root keys (tests pass throw-away roots); None: the program's own.
    trusted_keys: tuple[bytes, ...] | None = None
    notices: list[str] = field(default_factory=list)
    read_only: bool = False
    # A damaged kit store moved aside: the next install tries to rebuild from it.
    damaged_kit: Path | None = None
    _scratch: Path | None = None

    @classmethod
    def open(
        cls,
        paths: AppPaths,
        *,
        bundled_dir: Path | None = None,
        trusted_keys: Iterable[bytes] | None = None,
    ) -> AppContext:
        read_only = not paths.ensure_writable()
        notices: list[str] = []
        scratch = None
        if read_only:
            notices.append(Text(READ_ONLY_NOTICE, folder=paths.data_dir))
            user, scratch = _read_only_user_store(paths.user_store)
        else:
            user = UserStore(paths.user_store)
        try:
            opened = open_kit_store(paths.kit_store, read_only=read_only)
        except StoreError:
            user.close()
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
            raise
        # IT's defaults for every workstation; a person's own settings win.
        site = load_site_defaults(paths.site_config)
        user.defaults = site.values
        if opened.notice:
            notices.append(opened.notice)
        notices.extend(site.notices)
        kit = opened.store
        return cls(
            paths=paths,
            kit=kit,
            user=user,
            library=KitLibrary(kit),
            bundled_dir=bundled_dir or bundled_kit_dir(),
            trusted_keys=tuple(trusted_keys) if trusted_keys is not None else None,
            notices=notices,
            read_only=read_only,
            damaged_kit=opened.aside,
            _scratch=scratch,
        )

    @cached_property
    def search(self) -> KitSearch:
        """Search in the kit; made on first use (its Dutch word rules are not needed to start)."""
        from companion.kit.search import KitSearch

        return KitSearch(self.kit)

    def close(self) -> None:
        self.kit.close()
        _wait_for_first_run_checkpoint()
        self.user.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def needs_bundled_kit(self) -> bool:
        """Nothing installed yet, or the program ships a newer kit than installed."""
        if self.read_only:
            return False  # nothing can be installed; what is there is read
        return bundled_is_newer(self.kit, self.bundled_dir)

    def install_bundled_kit(
        self,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Put the newest verified kit in place (the bundled one, or the kit rescued
        from a damaged store). Run in a worker thread: it opens its own connection."""
        result = install_newest_kit(
            self.paths.kit_store,
            self.bundled_dir,
            self.trusted_keys,
            salvage_from=self.damaged_kit,
            progress=progress,
            cancelled=cancelled,
        )
        self.damaged_kit = None
        return result

    def check_kit_store(self) -> KitProblem | None:
        """The full check of the kit store; run in a worker (see ``check_kit_store``)."""
        return self.kit_health().problem

    def kit_health(self, whole_file: bool = True) -> KitHealth:
        """The full check, and whether the kit's key list expired (see ``kit_store_health``)."""
        if self.read_only:
            return KitHealth()
        return kit_store_health(self.paths.kit_store, self.trusted_keys, whole_file=whole_file)

    def rebuild_kit_store(self, kind: str = DAMAGED) -> Text:
        """Move the damaged kit store aside and start an empty one (on the GUI thread).

        The library and search keep their store object, which now reads the new
        file; the caller installs a kit next (``install_bundled_kit``).
        """
        from companion.kit.importer import wait_for_checkpoints

        wait_for_checkpoints()  # a first run's checkpoint may still be copying into this file
        self.kit.close()
        aside = move_aside(self.paths.kit_store, keep=2)
        self.kit.reopen()
        self.damaged_kit = aside
        return rebuilt_notice(aside, kind)


def keep_user_store_aside(paths: AppPaths) -> Path:
    """Rename a user store that cannot be read (never deleted); returns its new name."""
    return move_aside(paths.user_store)


def _read_only_user_store(path: Path) -> tuple[UserStore, Path | None]:
    """The user store read as it is; without one, an empty store in a scratch folder."""
    if path.exists():
        return UserStore(path, read_only=True), None
    scratch = Path(tempfile.mkdtemp(prefix="strategiekit-"))
    store = UserStore(scratch / "user.sqlite")
    store.read_only = True
    return store, scratch


# How long the program's end waits for a first run's checkpoint (a 37 MB copy and a flush
# takes 0.2-0.5 s; a slow disk more). Past this SQLite finishes the copy at the next start.
CHECKPOINT_WAIT_AT_EXIT = 30.0


def _wait_for_first_run_checkpoint() -> None:
    """Let a first run's checkpoint (importer.checkpoint_soon) finish before the program ends.

    Why: the end of the program may be ``os._exit`` (background work that did not
    stop), which would cut the copy off and leave the whole kit a second time in the
    write-ahead log (twice the disk until the next start). Only waited for when the
    importer was loaded at all: otherwise no checkpoint can have started.
    """
    importer = sys.modules.get("companion.kit.importer")
    if importer is not None and not importer.wait_for_checkpoints(CHECKPOINT_WAIT_AT_EXIT):
        log.warning("the first run's checkpoint did not finish; SQLite finishes it next start")
