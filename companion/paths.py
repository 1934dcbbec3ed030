"""Where the program keeps its files.

Data lives only in the platformdirs locations, or in one folder given with
``--data-dir``, or, in portable mode, in ``<program folder>/data`` (see the
section "Portable mode and the defaults file of IT" at the end).
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "strategiekit-companion"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    cache_dir: Path
    # Where IT's defaults file may be, first found wins (see site_config_files()).
    site_config: tuple[Path, ...] = field(default=(), compare=False)

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


def app_paths(data_dir: Path | None = None, *, program: Path | None = None) -> AppPaths:
    """The platform's folders, or everything under ``data_dir`` when given.

    Without ``data_dir``, a file named ``portable`` next to the program puts
    everything in ``<program folder>/data`` (portable mode).
    """
    site = site_config_files(program)
    if data_dir is None:
        data_dir = portable_data_dir(program)
    if data_dir is not None:
        root = data_dir.expanduser().resolve()
        return AppPaths(root, root / "logs", root / "cache", site)
    return AppPaths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        site,
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


# -- Portable mode and the defaults file of IT ---------------------------------------
#
# Portable mode (like Kiwix): a file named ``portable`` next to the program makes
# it keep everything it writes (kit, your data, logs, downloads) in
# ``<program folder>/data``, so a copy on a USB stick leaves nothing behind on
# the computer. The defaults file (``strategiekit.toml``) is placed once by IT
# in the system's configuration folder (platformdirs' site config dir) and gives
# every workstation its portal address, update check, language and text size;
# a person's own choices in Instellingen win. Reading it: companion/store/site_defaults.py.

PORTABLE_MARKER = "portable"
PORTABLE_DATA = "data"
SITE_CONFIG_NAME = "strategiekit.toml"
SITE_CONFIG_ENV = "STRATEGIEKIT_CONFIG"  # IT may point at a file elsewhere


def program_dir() -> Path:
    """The folder of the program a person started: the .exe of a PyInstaller build,
    else the script (``main.py``, or the ``strategiekit`` launcher of a pip install)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is not None and started.is_file():
        return started.resolve().parent
    return Path(__file__).resolve().parent.parent


def portable_data_dir(program: Path | None = None) -> Path | None:
    """``<program folder>/data`` when a file named ``portable`` is next to the program."""
    folder = program or program_dir()
    return folder / PORTABLE_DATA if (folder / PORTABLE_MARKER).is_file() else None


def site_config_files(program: Path | None = None) -> tuple[Path, ...]:
    """Where the defaults file may be, in the order they are tried.

    ``$STRATEGIEKIT_CONFIG`` when set; in portable mode ``strategiekit.toml``
    next to the program; then the system's configuration folder (Windows:
    ``C:\\ProgramData\\strategiekit-companion``, Linux: ``/etc/xdg/strategiekit-companion``,
    macOS: ``/Library/Application Support/strategiekit-companion``).
    """
    found: list[Path] = []
    chosen = os.environ.get(SITE_CONFIG_ENV)
    if chosen:
        found.append(Path(chosen).expanduser())
    folder = program or program_dir()
    if portable_data_dir(folder) is not None:
        found.append(folder / SITE_CONFIG_NAME)
    site = platformdirs.site_config_dir(APP_NAME, appauthor=False, multipath=False)
    found.append(Path(site) / SITE_CONFIG_NAME)
    return tuple(found)
