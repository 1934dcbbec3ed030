"""Where the project's own folders are, for tests in any sub-folder of ``tests/``."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_KEYS = ROOT / "tests" / "keys"
BUNDLED_SOURCES = ROOT / "bundled_kit" / "sources"
