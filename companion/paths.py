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


def _shipped(name: str, inside_package: str) -> Path:
    """A folder shipped with the program: beside the package in a checkout or
    editable install, inside it (``companion/<inside_package>``) in a wheel or
    a PyInstaller bundle."""
    package = Path(__file__).resolve().parent
    installed = package / inside_package
    return installed if installed.is_dir() else package.parent / name


def bundled_kit_dir() -> Path:
    """The signed kit shipped with the program (a portal folder)."""
    folder = _shipped("bundled_kit", "_bundled_kit")
    return folder / "portal" if (folder / "portal").is_dir() else folder


def resources_dir() -> Path:
    """Icons, translations and other files the program ships (``resources/``)."""
    return _shipped("resources", "_resources")
