"""Make a large, signed kit for benchmarks: many documents, many pages of Dutch text.

The text is random but made of real Dutch words from the kit's domain, so
the search index and the queries behave like the real kit's, only bigger.
Deterministic (fixed seed): the same arguments give the same kit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
from pathlib import Path

import pymupdf

from companion.kit.key_list import SignedKeys, dump_key_list, sign_key_list
from companion.kit.signing import generate_keypair, load_private_key, public_text
from companion.publish.publisher import write_portal

WORDS = [
    "bibliotheek",
    "laaggeletterden",
    "laaggeletterdheid",
    "vindplaats",
    "vindplaatsen",
    "gemeente",
    "taalhuis",
    "klantreis",
    "doelgroep",
    "samenwerking",
    "partner",
    "partners",
    "werkgever",
    "werknemers",
    "ouders",
    "school",
    "huisarts",
    "schuldhulp",
    "wijkteam",
    "reïntegratie",
    "digitale",
    "overheid",
    "loket",
    "formulier",
    "brief",
    "basisvaardigheden",
    "taal",
    "rekenen",
    "computer",
    "cursus",
    "vrijwilliger",
    "taalmaatje",
    "bewustwording",
    "herkennen",
    "doorverwijzen",
    "schaamte",
    "vertrouwen",
    "gesprek",
    "vragen",
    "begrijpen",
    "aanbod",
    "camouflage",
    "ondernemers",
    "accountant",
    "boekhouder",
    "zzp'ers",
    "voorstelling",
    "bus",
    "markt",
    "wijk",
    "buurthuis",
    "coördinator",
    "medewerker",
    "balie",
    "training",
    "workshop",
    "werkblad",
    "handleiding",
    "persona",
    "ervaring",
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "met",
    "voor",
    "aan",
    "dat",
    "die",
    "niet",
    "is",
    "zijn",
    "wordt",
    "kan",
    "bij",
    "als",
    "ook",
    "naar",
    "om",
    "te",
    "door",
    "over",
    "of",
    "tot",
    "uit",
    "nog",
    "maar",
    "meer",
    "dan",
    "wel",
    "heel",
    "veel",
    "goed",
    "samen",
    "eerst",
    "daarna",
]
TYPES = ("handleiding", "werkblad", "workshop", "tip", "voorbeeld", "persona")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + "."


def make_document(rng: random.Random, pages: int, title: str) -> bytes:
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page(width=595, height=842)
        text = f"{title}\n\n" if number == 0 else ""
        text += " ".join(sentence(rng) for _ in range(28))
        page.insert_textbox(pymupdf.Rect(56, 56, 539, 786), text, fontsize=10.5)
    doc.set_metadata({"title": title, "creationDate": "D:20260101000000"})
    return doc.tobytes(garbage=3, deflate=True, no_new_id=True)


def page_counts(rng: random.Random, documents: int, pages: int) -> list[int]:
    """Pages per document: uneven like a real kit, but exactly ``pages`` in all."""
    if pages < documents:
        raise ValueError(f"{pages} pages cannot fill {documents} documents")
    counts = [pages // documents + (1 if n < pages % documents else 0) for n in range(documents)]
    for _ in range(documents):  # move pages between documents: some short, some long
        giver, taker = rng.randrange(documents), rng.randrange(documents)
        moved = rng.randint(0, counts[giver] - 1)
        counts[giver] -= moved
        counts[taker] += moved
    return counts


def self_rooted(key) -> SignedKeys:
    """A key list naming ``key``, signed by ``key`` itself: the benchmark pins it as the root."""
    return sign_key_list(key, dump_key_list(1, "2100-01-01", [public_text(key)]))


def publish(manifest: dict, files: dict[str, bytes], out: Path, key_path: Path) -> None:
    """Sign and write a portal folder with the benchmark's own throw-away key.

    The one place the benchmarks sign anything, so a change in how kits are
    signed lands here only. The key is its own root (``self_rooted``), and the
    kit never expires: it is generated once and reused for years of runs.
    """
    key = load_private_key(key_path)
    manifest = {**manifest, "expires": "2100-01-01"}
    write_portal(manifest, files, out, key, self_rooted(key))


def ensure_key(key_path: Path) -> Path:
    """The benchmark's throw-away key pair (made once); returns the public key file."""
    public = key_path.with_name(key_path.name + ".pub")
    if not key_path.exists():
        private, public_text = generate_keypair()
        key_path.parent.mkdir(parents=True, exist_ok=True)
        key_path.write_text(private + "\n")
        public.write_text(public_text + "\n")
    return public


def generate(out: Path, key_path: Path, documents: int, pages: int, version: int = 1) -> Path:
    """Write a portal folder with ``documents`` PDFs and exactly ``pages`` pages in all.

    Written beside ``out`` first and renamed at the end, so an interrupted run
    never leaves a half kit that a later run would reuse.
    """
    rng = random.Random(20261123)
    ensure_key(key_path)
    files: dict[str, bytes] = {}
    entries = []
    for n, count in enumerate(page_counts(rng, documents, pages)):
        doc_type = TYPES[n % len(TYPES)]
        title = f"{doc_type.capitalize()} {n + 1}: {rng.choice(WORDS)} en {rng.choice(WORDS)}"
        data = make_document(rng, count, title)
        sha = hashlib.sha256(data).hexdigest()
        files[sha] = data
        entries.append(
            {
                "id": f"{doc_type}-{n + 1:04d}",
                "title": title,
                "type": doc_type,
                "themes": ["aanpak"],
                "summary": sentence(rng),
                "audience": "Bibliotheekmedewerkers",
                "revision": version,
                "file": {"sha256": sha, "size": len(data), "name": f"doc-{n + 1:04d}.pdf"},
            }
        )
    manifest = {
        "format": 1,
        "kit": "hoger-bereik",
        "version": version,
        "published": "2026-11-23",
        "title": "Strategiekit Hoger Bereik (benchmark)",
        "changes": "Gegenereerd voor metingen.",
        "themes": [{"id": "aanpak", "title": "Aanpak", "summary": ""}],
        "documents": entries,
        "steps": [],
    }
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    publish(manifest, files, partial, key_path)
    shutil.rmtree(out, ignore_errors=True)
    partial.rename(out)
    return out


def page_count(data: bytes) -> int:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return doc.page_count


def publish_one_change(portal: Path, key_path: Path, position: int | None = None) -> dict:
    """The next version of the kit in ``portal`` with one document's PDF changed, in place.

    By default the document of median length changes (a typical update).
    Returns what changed: document id, its new file's path and size, its pages.
    """
    manifest = json.loads((portal / "manifest.json").read_bytes())
    files = {path.name: path.read_bytes() for path in (portal / "files").iterdir()}
    documents = manifest["documents"]
    if position is None:
        by_length = sorted(
            range(len(documents)),
            key=lambda n: (page_count(files[documents[n]["file"]["sha256"]]), n),
        )
        position = by_length[len(by_length) // 2]
    entry = documents[position]
    pages = page_count(files[entry["file"]["sha256"]])
    data = make_document(random.Random(manifest["version"]), pages, entry["title"] + " (herzien)")
    sha = hashlib.sha256(data).hexdigest()
    files[sha] = data
    entry["file"] = {**entry["file"], "sha256": sha, "size": len(data)}
    entry["revision"] = manifest["version"] + 1
    manifest["version"] += 1
    publish(manifest, files, portal, key_path)
    return {"document": entry["id"], "path": f"files/{sha}", "size": len(data), "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--key", type=Path, default=Path("benchmarks/out/bench.key"))
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--version", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.key, args.documents, args.pages, args.version)
    print(f"kit written to {args.out}")


if __name__ == "__main__":
    main()
