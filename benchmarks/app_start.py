"""The program started as ``python main.py`` starts it, with nothing loaded before its own main.

    python -m benchmarks.app_start DATA_DIR KIT_DIR KEY.pub

What ``benchmarks.app_driver app`` does (the same report, the same paint
watch, the same kit shipped and key trusted), in the order ``main.py`` does
it: the program's ``companion.cli.main`` runs first and loads Qt itself.
``app_driver`` loads PySide6 and makes the QApplication before it calls the
program (it needs Qt for its own watch), which ``main.py`` never does: on a
first start the program starts its text-extraction workers before it loads
Qt (``companion/kit/first_run.py``), and in the driver they started some
0.3 s later, after the driver's Qt, while the second core sat idle. Here
the watch is put in place when the program opens its data folder (its Qt
application exists by then) and runs in the event loop's first pass, as
the driver's does.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType


def ship_with(kit: Path, pub: Path, context_module: ModuleType | None = None) -> None:
    """Make this process's program ship KIT as its bundled kit and trust PUB.

    The one place the benchmark changes the program: the kit it ships and
    the key it trusts, as a build with the benchmark's kit would have them.
    ``context_module``: ``companion.context`` just imported (see when_imported).
    """
    from companion.kit.signing import parse_public_key

    if context_module is None:
        from companion import context as context_module
    AppContext = context_module.AppContext
    opener = AppContext.open.__func__
    keys = (parse_public_key(pub.read_text()),)

    def open_shipped(cls, paths, **kwargs):
        kwargs.update(bundled_dir=kit, trusted_keys=keys)
        return opener(cls, paths, **kwargs)

    AppContext.open = classmethod(open_shipped)


def when_imported(name: str, patch: Callable[[ModuleType], None]) -> None:
    """Call ``patch(module)`` as soon as the program itself imports module ``name``.

    So the driver loads nothing of the program before the program does:
    ``companion.context`` (some 80 ms of imports) is loaded where main.py
    loads it, after the extraction workers were started.
    """

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            assert spec is not None and spec.loader is not None
            run = spec.loader.exec_module

            def exec_module(module: ModuleType) -> None:
                run(module)
                patch(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())


def watch_when_opened(seen: dict) -> Callable[[ModuleType], None]:
    """A patch for ``companion.context``: the paint watch goes in once the program's
    QApplication exists (when it opens its data folder)."""

    def patch(context_module: ModuleType) -> None:
        cls = context_module.AppContext
        opener = cls.open.__func__

        def open_and_watch(cls, paths, **kwargs):
            context = opener(cls, paths, **kwargs)
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, lambda: _attach(seen))
            return context

        cls.open = classmethod(open_and_watch)

    return patch


def _attach(seen: dict) -> None:
    """The driver's ``attach``: first pass of the event loop, the window exists, unpainted."""
    from PySide6.QtWidgets import QApplication

    from benchmarks.app_driver import PaintWatch, library_list, main_window, report

    window = main_window()
    tree = library_list(window)
    seen["first_run"] = window.context.library.installed() is None

    def painted() -> None:
        report(
            {
                "painted": True,
                "window": [window.width(), window.height()],
                "first_run": seen.get("first_run"),
                "library_rows": tree.topLevelItemCount(),
            }
        )
        QApplication.instance().quit()

    PaintWatch(tree.viewport(), lambda: tree.topLevelItemCount() > 0, painted)


def main() -> int:
    os.environ["STRATEGIEKIT_OFFLINE"] = "1"  # nothing leaves this machine
    data_dir, kit, pub = (Path(arg) for arg in sys.argv[1:4])
    seen: dict = {}
    watch = watch_when_opened(seen)

    def patch(context_module: ModuleType) -> None:
        ship_with(kit, pub, context_module)
        watch(context_module)

    when_imported("companion.context", patch)
    from companion.cli import main as program_main

    return program_main(["--data-dir", str(data_dir)])


if __name__ == "__main__":
    sys.exit(main())
