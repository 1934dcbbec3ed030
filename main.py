"""Start Strategiekit Companion: ``python main.py`` opens the program.

``python main.py --help`` lists the command-line jobs (publish, search, ...).
"""

import sys

from companion.cli import main

if __name__ == "__main__":
    sys.exit(main())
