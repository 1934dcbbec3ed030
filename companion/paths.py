"""Where the program keeps its files.

Data lives only in the platformdirs locations, or in one folder given with
``--data-dir`` (a portable copy on a USB stick keeps everything beside it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "strategiekit-companion"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    cache_dir: Path

    @property
    def kit_store(self) -> Path:
        return self.data_dir / "kit.sqlite"

    @property
    def user_store(self) -> Path:
        return self.data_dir / "user.sqlite"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.log_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths(data_dir: Path | None = None) -> AppPaths:
    """The platform's folders, or everything under ``data_dir`` when given."""
    if data_dir is not None:
        root = data_dir.expanduser().resolve()
        return AppPaths(root, root / "logs", root / "cache")
    return AppPaths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


def bundled_kit_dir() -> Path:
    """The signed kit shipped with the program (a portal folder)."""
    return Path(__file__).resolve().parent.parent / "bundled_kit" / "portal"
