"""Start a window and exit as soon as it is interactive; prints elapsed seconds.

``app``: the real main window on an existing store. ``bare``: an empty
PySide6 window started the same way (the floor). Both are run as fresh
processes by benchmarks/run.py, so interpreter and Qt start-up count in both.
"""

from __future__ import annotations

import sys
import time

T0 = time.perf_counter()

from pathlib import Path  # noqa: E402

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


def main() -> None:
    mode = sys.argv[1]
    app = QApplication(sys.argv[:1])
    if mode == "bare":
        window = QMainWindow()
        window.resize(1200, 800)
        window.show()
    else:
        from companion.context import AppContext
        from companion.kit.signing import parse_public_key
        from companion.paths import app_paths
        from companion.ui.main_window import MainWindow

        data_dir, bundled, key_file = Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
        keys = (parse_public_key(key_file.read_text()),)
        context = AppContext.open(app_paths(data_dir), bundled_dir=bundled, trusted_keys=keys)
        window = MainWindow(context)
        window.show()
        window.start()
        if window.import_task is not None or window.library_screen.tree.topLevelItemCount() == 0:
            print("store was not ready: run the import first", file=sys.stderr)
            sys.exit(3)

    def ready() -> None:
        print(f"{time.perf_counter() - T0:.6f}")
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()


if __name__ == "__main__":
    main()
