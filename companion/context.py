"""Everything one running program shares: folders, stores, services.

The window is built from one of these, and tests build one on a temporary
folder, so the real program and the tests start the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from companion.kit.bundled import bundled_is_newer, open_kit_store
from companion.kit.library import KitLibrary
from companion.kit.search import KitSearch
from companion.kit.trusted_keys import TRUSTED_KEYS
from companion.paths import AppPaths, bundled_kit_dir
from companion.store.kit_store import KitStore
from companion.store.site_defaults import load_site_defaults
from companion.store.user_store import UserStore

if TYPE_CHECKING:
    from companion.kit.importer import ImportResult
    from companion.progress import ProgressCallback


@dataclass
class AppContext:
    paths: AppPaths
    kit: KitStore
    user: UserStore
    library: KitLibrary
    search: KitSearch
    bundled_dir: Path
    trusted_keys: tuple[bytes, ...] = TRUSTED_KEYS
    notices: list[str] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        paths: AppPaths,
        *,
        bundled_dir: Path | None = None,
        trusted_keys: Iterable[bytes] = TRUSTED_KEYS,
    ) -> AppContext:
        paths.ensure()
        user = UserStore(paths.user_store)
        # IT's defaults for every workstation; a person's own settings win.
        site = load_site_defaults(paths.site_config)
        user.defaults = site.values
        kit, notice = open_kit_store(paths.kit_store)
        return cls(
            paths=paths,
            kit=kit,
            user=user,
            library=KitLibrary(kit),
            search=KitSearch(kit),
            bundled_dir=bundled_dir or bundled_kit_dir(),
            trusted_keys=tuple(trusted_keys),
            notices=([notice] if notice else []) + list(site.notices),
        )

    def close(self) -> None:
        self.kit.close()
        self.user.close()

    def needs_bundled_kit(self) -> bool:
        """Nothing installed yet, or the program ships a newer kit than installed."""
        return bundled_is_newer(self.kit, self.bundled_dir)

    def install_bundled_kit(
        self,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Run in a worker thread: it opens its own connection to the kit store."""
        # Imported here: the pipeline pulls in PyMuPDF, which start-up does not need.
        from companion.errors import CancelledError, KitError
        from companion.kit.bundled import bundled_version
        from companion.kit.importer import apply_source
        from companion.kit.source import FolderSource, KeptKitSource

        store = KitStore(self.paths.kit_store)
        try:
            # After a change of the kit store's schema the store kept the signed
            # kit it had (see kit_store.py): rebuild from it when it is newer.
            kept = KeptKitSource(store)
            kept_version = kept.version()
            if kept_version is not None and kept_version > (bundled_version(self.bundled_dir) or 0):
                try:
                    return apply_source(
                        store,
                        kept,
                        trusted_keys=self.trusted_keys,
                        progress=progress,
                        cancelled=cancelled,
                    )
                except CancelledError:
                    raise
                except KitError:
                    pass  # not verifiable any more: the bundled kit it is
            return apply_source(
                store,
                FolderSource(self.bundled_dir),
                trusted_keys=self.trusted_keys,
                progress=progress,
                cancelled=cancelled,
            )
        finally:
            store.close()
