"""Where the program keeps its files.

Data lives only in the platformdirs locations, or in one folder given with
``--data-dir`` (a portable copy on a USB stick keeps everything beside it).
"""

from __future__ import annotations

import contextlib
import os
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

    @property
    def lock_file(self) -> Path:
        """Held by the running window: one program per data folder."""
        return self.data_dir / "strategiekit.lock"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.log_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    def ensure_writable(self) -> bool:
        """Make the folders; False when the data folder cannot be written.

        A write-protected USB stick or a read-only network share is not an
        error: the program then opens read-only. Tried by writing, because
        permissions alone do not tell (a read-only mount, Windows ACLs).
        """
        for folder in (self.data_dir, self.log_dir, self.cache_dir):
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
        return folder_is_writable(self.data_dir)


def folder_is_writable(folder: Path) -> bool:
    """True when a file can be created (and removed) in ``folder``."""
    probe = folder / f".schrijftest-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return True  # another start's probe: the folder takes new files
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        probe.unlink()
    return True


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
