"""Kits with several 'Waar begin je?' steps, and the real window on them.

Builds on KitBuilder: takes its manifest, swaps in the steps a test needs and
signs the result with the test key, so the kit goes through the real import.
"""

from __future__ import annotations

import copy
from pathlib import Path

from companion.context import AppContext
from companion.kit.importer import apply_source
from companion.kit.source import FolderSource
from companion.paths import app_paths

STEPS_V1 = [
    {
        "id": "stap-1",
        "title": "Breng het speelveld in kaart",
        "summary": "Wie zijn de partners in jouw gemeente?",
        "documents": ["werkblad-klantreis", "handleiding-vindplaatsen"],
        "items": [
            {"id": "stap-1-a", "text": "Maak een lijst van vindplaatsen"},
            {"id": "stap-1-b", "text": "Spreek de beleidsmedewerker van de gemeente"},
            {"id": "stap-1-c", "text": "Kies twee partners om mee te beginnen"},
        ],
    },
    {
        "id": "stap-2",
        "title": "Maak een plan",
        "summary": "Wat ga je doen, met wie?",
        "documents": ["persona-henk"],
        "items": [
            {"id": "stap-2-a", "text": "Schrijf op wat je wilt bereiken"},
            {"id": "stap-2-b", "text": "Plan een eerste gesprek met een vindplaats"},
        ],
    },
    {
        "id": "stap-3",
        "title": "Kijk terug",
        "summary": "Wat werkte, wat niet?",
        "documents": [],
        "items": [{"id": "stap-3-a", "text": "Plan een evaluatie na drie maanden"}],
    },
]


def steps_v1() -> list[dict]:
    return copy.deepcopy(STEPS_V1)


def build_kit(kit_builder, test_key, version: int, steps: list[dict], name: str) -> Path:
    """A signed portal folder with these steps (and the builder's documents)."""
    files: dict[str, bytes] = {}
    manifest = kit_builder.manifest_for(version, files)
    manifest["steps"] = steps
    return kit_builder.write(manifest, files, kit_builder.root / name)


def open_context(tmp_path: Path, bundled: Path, keys) -> AppContext:
    return AppContext.open(app_paths(tmp_path / "data"), bundled_dir=bundled, trusted_keys=keys)


def install(context: AppContext, portal: Path) -> None:
    apply_source(context.kit, FolderSource(portal), trusted_keys=context.trusted_keys)
