"""What an update would change, shown before anything is installed.

Compares a verified new manifest with the kit store: which documents are new,
which changed (other bytes under the same id) and which are removed, plus how
much has to be downloaded (only files whose hash the store lacks).
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.kit.importer import missing_files
from companion.kit.library import KitLibrary
from companion.kit.manifest import Manifest
from companion.store.kit_store import KitStore

NEW, CHANGED, REMOVED = "nieuw", "gewijzigd", "verwijderd"


@dataclass(frozen=True)
class DocumentChange:
    id: str
    title: str
    change: str  # nieuw, gewijzigd or verwijderd


@dataclass(frozen=True)
class UpdatePreview:
    installed_version: int | None
    new_version: int
    published: str
    changes_text: str
    documents: tuple[DocumentChange, ...]
    download_files: int
    download_bytes: int

    def of(self, change: str) -> list[DocumentChange]:
        return [d for d in self.documents if d.change == change]


def preview_update(store: KitStore, manifest: Manifest) -> UpdatePreview:
    installed = store.installed()
    before = {d.id: d for d in KitLibrary(store).documents()}
    changes: list[DocumentChange] = []
    for doc in manifest.documents:
        old = before.get(doc.id)
        if old is None:
            changes.append(DocumentChange(doc.id, doc.title, NEW))
        elif old.sha256 != doc.file.sha256:
            changes.append(DocumentChange(doc.id, doc.title, CHANGED))
    current = {d.id for d in manifest.documents}
    changes.extend(
        DocumentChange(doc_id, old.title, REMOVED)
        for doc_id, old in before.items()
        if doc_id not in current
    )
    needed = missing_files(store, manifest)
    return UpdatePreview(
        installed_version=installed.version if installed else None,
        new_version=manifest.version,
        published=manifest.published,
        changes_text=manifest.changes,
        documents=tuple(changes),
        download_files=len(needed),
        download_bytes=sum(ref.size for ref in needed),
    )
