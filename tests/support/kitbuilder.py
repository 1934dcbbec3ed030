"""Builds small, real, signed kits for tests: real PDFs, real signatures.

Kept apart from the bundled kit so tests of the pipeline do not depend on
what the kit's content says.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import pymupdf

from companion.kit.key_list import SignedKeys
from companion.publish.publisher import write_portal
from tests.support import keys as test_keys


def make_pdf(pages: list[str], *, landscape: bool = False) -> bytes:
    """A PDF with one text block per page (deterministic bytes)."""
    doc = pymupdf.open()
    width, height = (842, 595) if landscape else (595, 842)
    for text in pages:
        page = doc.new_page(width=width, height=height)
        page.insert_textbox(pymupdf.Rect(50, 50, width - 50, height - 50), text, fontsize=12)
    doc.set_metadata({"creationDate": "D:20260101000000", "modDate": "D:20260101000000"})
    return doc.tobytes(garbage=3, deflate=True, no_new_id=True)


BASE_DOCUMENTS: dict[str, list[str]] = {
    "handleiding-vindplaatsen": [
        "Samenwerken met vindplaatsen.\n"
        "Een vindplaats is een organisatie waar laaggeletterden komen.",
        "Maak de vindplaats bewust. Alleen een training herkennen en doorverwijzen is niet genoeg.",
        "De klantreis laat zien waar iemand vastloopt bij de reïntegratie.",
    ],
    "werkblad-klantreis": [
        "Werkblad klantreis.\nVolg een laaggeletterde bij een organisatie, zoals Waterland deed.",
    ],
    "persona-henk": ["Persona Henk\nHenk schaamt zich en zegt dat hij zijn bril vergeten is."],
}


class KitBuilder:
    """Makes versions of a small kit; each call can change, add or drop documents."""

    def __init__(self, root: Path, key: Any, keys: SignedKeys | None = None) -> None:
        self.root = root
        self.key = key
        # The key list the portals carry (default: the test root's, naming ``key``).
        self.keys = keys or test_keys.key_list(release=[key])
        self.expires = test_keys.FAR_FUTURE
        self.documents: dict[str, list[str]] = copy.deepcopy(BASE_DOCUMENTS)
        self.items: list[dict[str, str]] = [
            {"id": "stap-1-a", "text": "Maak een lijst van vindplaatsen"}
        ]
        # Documents whose file is given as bytes (a real or a broken PDF, or no PDF at all).
        self.files: dict[str, bytes] = {}

    def add_file(self, doc_id: str, data: bytes, title: str | None = None) -> None:
        """A document whose content file is exactly ``data``, named ``<doc_id>.pdf``."""
        self.documents[doc_id] = [title or doc_id]
        self.files[doc_id] = data

    def manifest_for(
        self, version: int, files: dict[str, bytes], kit: str = "hoger-bereik"
    ) -> dict:
        documents = []
        for doc_id, pages in self.documents.items():
            data = self.files[doc_id] if doc_id in self.files else make_pdf(pages)
            sha = hashlib.sha256(data).hexdigest()
            files[sha] = data
            doc_type = doc_id.split("-")[0]
            documents.append(
                {
                    "id": doc_id,
                    "title": pages[0].split("\n")[0].rstrip("."),
                    "type": doc_type,
                    "themes": ["aanpak"],
                    "summary": f"Samenvatting van {doc_id}.",
                    "audience": "Bibliotheekmedewerkers",
                    **({"minutes": 30} if doc_type == "werkblad" else {}),
                    "revision": version,
                    "file": {"sha256": sha, "size": len(data), "name": f"{doc_id}.pdf"},
                }
            )
        return {
            "format": 1,
            "kit": kit,
            "version": version,
            "published": "2026-11-20",
            "expires": self.expires,
            "title": "Strategiekit Hoger Bereik",
            "changes": f"Versie {version}.",
            "themes": [{"id": "aanpak", "title": "Aanpak", "summary": "Hoe begin je?"}],
            "documents": documents,
            "steps": [
                {
                    "id": "stap-1",
                    "title": "Breng het speelveld in kaart",
                    "summary": "Wie zijn de partners?",
                    "documents": [d for d in ("werkblad-klantreis",) if d in self.documents],
                    "items": copy.deepcopy(self.items),
                }
            ],
        }

    def build(self, version: int, *, name: str | None = None, kit: str = "hoger-bereik") -> Path:
        """Write a signed portal folder for this version and return its path."""
        out = self.root / (name or f"v{version}")
        files: dict[str, bytes] = {}
        manifest = self.manifest_for(version, files, kit)
        self.write(manifest, files, out)
        return out

    def write(self, manifest: dict, files: dict[str, bytes], out: Path) -> Path:
        """A signed portal folder for any manifest (with the builder's key and key list)."""
        write_portal(manifest, files, out, self.key, self.keys)
        return out

    def file_path(self, portal: Path, doc_id: str) -> Path:
        """Where a document's content file lies in a built portal folder."""
        import json

        manifest = json.loads((portal / "manifest.json").read_text(encoding="utf-8"))
        for doc in manifest["documents"]:
            if doc["id"] == doc_id:
                return portal / "files" / doc["file"]["sha256"]
        raise KeyError(doc_id)
