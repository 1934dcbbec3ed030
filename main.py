"""Start Strategiekit Companion: ``python main.py`` opens the program.

``python main.py --help`` lists the command-line jobs (publish, search, ...).
"""

import multiprocessing
import sys

from companion.cli import main

if __name__ == "__main__":
    # The PDF engine runs in worker processes; a frozen program starts them through itself.
    multiprocessing.freeze_support()
    sys.exit(main())
