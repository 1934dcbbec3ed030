"""Start Strategiekit Companion: ``python main.py`` opens the program.

``python main.py --help`` lists the command-line jobs (publish, search, ...).
"""

import sys

from companion.cli import main

if __name__ == "__main__":
    # companion.cli.main calls multiprocessing.freeze_support() first: in the
    # PyInstaller build the program's own executable runs the PDF engine's and
    # the text extraction's worker processes.
    sys.exit(main())
