"""Start Strategiekit Companion: ``python main.py`` opens the program.

``python main.py --help`` lists the command-line jobs (publish, search, ...).
"""

import multiprocessing
import sys

from companion.cli import main

if __name__ == "__main__":
    # The PDF engine's workers and the text extraction workers are started with
    # "spawn"; in the PyInstaller build this lets the program's own executable run them.
    multiprocessing.freeze_support()
    sys.exit(main())
