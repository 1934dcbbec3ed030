"""Where the project's own folders are, for tests in any sub-folder of ``tests/``."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_KEYS = ROOT / "tests" / "keys"
BUNDLED_SOURCES = ROOT / "bundled_kit" / "sources"
BUNDLED_PORTAL = ROOT / "bundled_kit" / "portal"


def bundled_pdf(doc_id: str) -> bytes:
    """A document's PDF as published in the bundled kit (real werkbladen with fields)."""
    import json

    manifest = json.loads((BUNDLED_PORTAL / "manifest.json").read_text(encoding="utf-8"))
    for document in manifest["documents"]:
        if document["id"] == doc_id:
            return (BUNDLED_PORTAL / "files" / document["file"]["sha256"]).read_bytes()
    raise KeyError(doc_id)
