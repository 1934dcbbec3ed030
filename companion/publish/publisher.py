"""Publishing: kit sources -> PDFs -> a signed portal folder.

A portal folder is what every kit source looks like (``manifest.json``,
``manifest.json.sig``, ``files/<sha256>``), so the bundled kit, a web portal
and an update file are all made here.

Revisions keep updates small. Each document carries the kit version in which
it last changed (its ``revision``, printed in the PDF footer). When a previous
manifest is in the output folder, a document is first rendered with its old
revision; if those bytes equal the published file the document is unchanged
and keeps its bytes and revision, so an update only ships what changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from companion.errors import FileProblem, ManifestError, SignatureError, SourceError
from companion.files import write_atomic
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.freshness import DEFAULT_VALID_DAYS, expires_after
from companion.kit.importer import file_problems
from companion.kit.key_list import SignedKeys, parse_key_list
from companion.kit.manifest import FORMAT, MAX_MEDIA_SIZE, dump_manifest, parse_manifest
from companion.kit.signing import public_bytes, sign
from companion.kit.source import (
    FILES_DIR,
    KEYS_NAME,
    KEYS_SIGNATURE_NAME,
    MANIFEST_NAME,
    SIGNATURE_NAME,
)
from companion.pdf.extract_pool import Job, PoolSettings, extract_files
from companion.publish.slides import speaker_notes
from companion.publish.sources import DocumentSource


@dataclass(frozen=True)
class PublishReport:
    version: int
    documents: int
    changed: list[str]
    out_dir: Path


def with_expiry(manifest: Mapping[str, Any], valid_days: int) -> dict[str, Any]:
    """The manifest with ``expires`` right after ``published`` (kept when already set).

    Derived from the published date, not from today: the same sources
    publish to the same bytes on any day.
    """
    if "expires" in manifest:
        return dict(manifest)
    out: dict[str, Any] = {}
    for name, value in manifest.items():
        out[name] = value
        if name == "published":
            try:
                out["expires"] = expires_after(str(value), valid_days)
            except ValueError as exc:
                raise SourceError(
                    QT_TRANSLATE_NOOP("messages", "De kit kan zo niet worden gepubliceerd."),
                    str(exc),
                ) from exc
    return out


def check_key_list(keys: SignedKeys) -> None:
    """The check the program makes: a key list its pinned root did not sign is refused."""
    from companion.kit.key_list import verify_key_list
    from companion.kit.trusted_keys import pinned_roots

    try:
        verify_key_list(keys, pinned_roots())
    except SignatureError as exc:
        raise SourceError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De sleutellijst (keys.json) is niet ondertekend met de root-sleutel die dit "
                "programma vertrouwt. Onderteken hem opnieuw met sign-keys.",
            ),
            exc.detail,
        ) from exc


def check_release_key(key: Ed25519PrivateKey, keys: SignedKeys) -> None:
    """Refuse to publish with a key the key list does not name: nobody would accept the kit."""
    try:
        listed = parse_key_list(keys).release_keys
    except SignatureError as exc:
        raise SourceError(
            QT_TRANSLATE_NOOP("messages", "De sleutellijst (keys.json) is onjuist."), exc.detail
        ) from exc
    if public_bytes(key) not in listed:
        raise SourceError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Deze sleutel staat niet op de sleutellijst (keys.json). Onderteken met een "
                "sleutel van de lijst, of maak een nieuwe lijst met sign-keys.",
            ),
            "release key not on the key list",
        )


def write_portal(
    manifest: Mapping[str, Any],
    files: Mapping[str, bytes],
    out_dir: Path,
    key: Ed25519PrivateKey,
    keys: SignedKeys,
    *,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> bytes:
    """Write a signed portal folder with its key list; returns the manifest bytes.

    The manifest is parsed back with the app's own parser first, so a publish
    can never produce a kit the app would refuse.
    """
    check_release_key(key, keys)
    raw = dump_manifest(with_expiry(manifest, valid_days))
    try:
        parsed = parse_manifest(raw)
    except ManifestError as exc:
        raise SourceError(
            QT_TRANSLATE_NOOP("messages", "De kit kan zo niet worden gepubliceerd."), exc.detail
        ) from exc
    for ref in parsed.unique_files():
        data = files.get(ref.sha256)
        if data is None or len(data) != ref.size or hashlib.sha256(data).hexdigest() != ref.sha256:
            raise SourceError(
                QT_TRANSLATE_NOOP("messages", "Een bestand past niet bij de inhoudslijst."),
                ref.name,
            )
    files_dir = out_dir / FILES_DIR
    files_dir.mkdir(parents=True, exist_ok=True)
    wanted = {ref.sha256 for ref in parsed.unique_files()}
    for sha in wanted:
        target = files_dir / sha
        if not target.exists() or target.stat().st_size != len(files[sha]):
            write_atomic(target, files[sha])
    for stale in files_dir.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    write_atomic(out_dir / KEYS_NAME, keys.data)
    write_atomic(out_dir / KEYS_SIGNATURE_NAME, keys.signature)
    write_atomic(out_dir / SIGNATURE_NAME, sign(key, raw))
    write_atomic(out_dir / MANIFEST_NAME, raw)
    return raw


def _previous_manifest(out_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _rel(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(path)


def _kit_problem(reason: Text, detail: str) -> FileProblem:
    return FileProblem("kit.toml", reason, detail=detail)


def _read_file(path: Path, source_dir: Path, problems: list[FileProblem]) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(
            FileProblem(
                _rel(path, source_dir),
                Text(QT_TRANSLATE_NOOP("messages", "het bestand kan niet worden gelezen")),
                detail=str(exc),
            )
        )
        return None
    return data


def check_pdfs(
    pdfs: dict[Path, bytes], source_dir: Path, extraction: PoolSettings | None = None
) -> list[FileProblem]:
    """Every problem the app's import would find in these PDFs, page by page.

    The same checks in the same worker processes as the import pipeline, so
    a published kit is never one the program refuses.
    """
    jobs = (Job(path, _rel(path, source_dir), data) for path, data in pdfs.items())
    found: dict[Path, list[FileProblem]] = {}
    for job, result in extract_files(jobs, extraction):
        found[job.key] = file_problems(job.name, result)
    return [problem for path in pdfs for problem in found.get(path, [])]


def publish_sources(
    source_dir: Path,
    out_dir: Path,
    key: Ed25519PrivateKey,
    keys: SignedKeys,
    *,
    valid_days: int = DEFAULT_VALID_DAYS,
    extraction: PoolSettings | None = None,
) -> PublishReport:
    """Build every document and write the signed portal folder, or nothing.

    ``keys``: the root-signed key list that names ``key``; ``valid_days``:
    how long after the published date the manifest stays fresh. Every file is
    checked before anything is written: a report names every mistake (file,
    page where it applies, reason) and then nothing is published.
    """
    # Imported here: rendering pulls in the layout engine, which the app
    # itself never needs at start.
    from companion.publish.pdf_layout import render_document
    from companion.publish.sources import raise_problems, read_kit_sources

    check = read_kit_sources(source_dir)
    errors = list(check.errors)
    problems: list[FileProblem] = []
    sources = check.sources
    if sources is None:
        raise_problems(errors)
        raise AssertionError("kit.toml failed without an error")  # pragma: no cover
    previous = _previous_manifest(out_dir) or {}
    previous_version = previous.get("version", 0)
    previous_docs = {d.get("id"): d for d in previous.get("documents", []) if isinstance(d, dict)}
    if isinstance(previous_version, int) and sources.version < previous_version:
        problems.append(
            _kit_problem(
                Text(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "versie {version} is lager dan de gepubliceerde versie {previous}",
                    ),
                    version=sources.version,
                    previous=previous_version,
                ),
                "raise version in kit.toml",
            )
        )

    files: dict[str, bytes] = {}
    documents = []
    changed = []
    pdfs: dict[Path, bytes] = {}
    for doc in sources.documents:
        notes: list[str] = []
        before = previous_docs.get(doc.id)
        before_sha = before.get("file", {}).get("sha256") if before else None
        revision = before.get("revision", sources.version) if before else sources.version
        if doc.pdf is not None:
            data = _read_file(doc.pdf, source_dir, problems)
            if data is None:
                continue
            pdfs[doc.pdf] = data
            sha = hashlib.sha256(data).hexdigest()
            if before_sha != sha:
                revision = sources.version
                changed.append(doc.id)
        else:
            try:
                notes = _notes(doc)
                data = render_document(doc, kit_title=sources.title, revision=revision)
            except SourceError as exc:
                errors.append(exc)
                continue
            sha = hashlib.sha256(data).hexdigest()
            # New notes alone are a new revision too: the presenter view shows them.
            if before is None or before_sha != sha or before.get("notes", []) != notes:
                if before is not None and revision != sources.version:
                    revision = sources.version
                    data = render_document(doc, kit_title=sources.title, revision=revision)
                    sha = hashlib.sha256(data).hexdigest()
                changed.append(doc.id)
        files[sha] = data
        entry: dict[str, Any] = {
            "id": doc.id,
            "title": doc.title,
            "type": doc.type,
            "themes": list(doc.themes),
            "summary": doc.summary,
            "audience": doc.audience,
        }
        if doc.minutes is not None:
            entry["minutes"] = doc.minutes
        if doc.url:
            entry["url"] = doc.url
        if doc.werkbladen is not None:  # optional: an older manifest has none
            entry["werkbladen"] = list(doc.werkbladen)
        if notes:
            entry["notes"] = notes
        entry["revision"] = revision
        entry["file"] = {"sha256": sha, "size": len(data), "name": f"{doc.id}.pdf"}
        if doc.media is not None:
            media = _media_entry(doc.id, doc.media, source_dir, problems)
            if media is not None:
                media_sha, media_data, media_ref = media
                files[media_sha] = media_data
                entry["media"] = media_ref
                if (before or {}).get("media", {}).get("sha256") != media_sha:
                    if doc.id not in changed:
                        changed.append(doc.id)
                    entry["revision"] = sources.version
        documents.append(entry)

    problems.extend(check_pdfs(pdfs, source_dir, extraction))
    raise_problems(errors, problems)

    removed = set(previous_docs) - {d.id for d in sources.documents}
    if (changed or removed) and previous and sources.version <= previous_version:
        raise SourceError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De bronnen zijn veranderd. Verhoog de versie in kit.toml en publiceer opnieuw.",
            ),
            f"changed: {sorted(changed)}, removed: {sorted(removed)}",
        )
    manifest = {
        "format": FORMAT,
        "kit": sources.kit,
        "version": sources.version,
        "published": sources.published,
        "title": sources.title,
        "changes": sources.changes,
        "themes": [{"id": t.id, "title": t.title, "summary": t.summary} for t in sources.themes],
        "documents": documents,
        "steps": [
            {
                "id": s.id,
                "title": s.title,
                "summary": s.summary,
                "documents": list(s.documents),
                "items": [{"id": i.id, "text": i.text} for i in s.items],
            }
            for s in sources.steps
        ],
    }
    if sources.synonyms:  # optional: a manifest without it is still a valid one
        manifest["synonyms"] = [list(group) for group in sources.synonyms]
    write_portal(manifest, files, out_dir, key, keys, valid_days=valid_days)
    return PublishReport(sources.version, len(documents), changed, out_dir)


def _notes(doc: DocumentSource) -> list[str]:
    """A presentatie's speaker notes per page (slides.py); a SourceError names the file."""
    if doc.type != "presentatie":
        return []
    try:
        return speaker_notes(doc, doc.body)
    except ValueError as exc:
        raise SourceError(
            QT_TRANSLATE_NOOP("messages", "De notities in {id} kloppen niet."),
            f"{doc.path}: {exc}",
            id=doc.id,
        ) from exc


def _media_entry(
    doc_id: str, path: Path, source_dir: Path, problems: list[FileProblem]
) -> tuple[str, bytes, dict[str, Any]] | None:
    """A video's media file for the manifest: (sha256, bytes, manifest entry)."""
    data = _read_file(path, source_dir, problems)
    if data is None:
        return None
    if not data or len(data) > MAX_MEDIA_SIZE:
        problems.append(
            FileProblem(
                _rel(path, source_dir),
                Text(
                    QT_TRANSLATE_NOOP("messages", "het bestand is leeg of groter dan {limit} MB"),
                    limit=MAX_MEDIA_SIZE // (1024 * 1024),
                ),
                detail=f"{len(data)} bytes",
            )
        )
        return None
    sha = hashlib.sha256(data).hexdigest()
    name = f"{doc_id}{path.suffix.lower()}"
    return sha, data, {"sha256": sha, "size": len(data), "name": name}
