"""Make a large, signed kit for benchmarks: many documents, many pages of Dutch text.

The text is random but made of real Dutch words from the kit's domain, so
the search index and the queries behave like the real kit's, only bigger.
Deterministic (fixed seed): the same arguments give the same kit.
"""

from __future__ import annotations

import argparse
import hashlib
import random
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


def self_rooted(key) -> SignedKeys:
    """A key list naming ``key``, signed by ``key`` itself: the benchmark pins it as the root."""
    return sign_key_list(key, dump_key_list(1, "2100-01-01", [public_text(key)]))


def generate(out: Path, key_path: Path, documents: int, pages: int, version: int = 1) -> Path:
    """Write a portal folder with ``documents`` PDFs and about ``pages`` pages in all."""
    rng = random.Random(20261123)
    if not key_path.exists():
        private, public = generate_keypair()
        key_path.parent.mkdir(parents=True, exist_ok=True)
        key_path.write_text(private + "\n")
        key_path.with_name(key_path.name + ".pub").write_text(public + "\n")
    per_doc = max(1, pages // documents)
    files: dict[str, bytes] = {}
    entries = []
    for n in range(documents):
        doc_type = TYPES[n % len(TYPES)]
        title = f"{doc_type.capitalize()} {n + 1}: {rng.choice(WORDS)} en {rng.choice(WORDS)}"
        data = make_document(rng, per_doc, title)
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
        # Generated once and reused for years of runs: never stale.
        "expires": "2100-01-01",
        "title": "Strategiekit Hoger Bereik (benchmark)",
        "changes": "Gegenereerd voor metingen.",
        "themes": [{"id": "aanpak", "title": "Aanpak", "summary": ""}],
        "documents": entries,
        "steps": [],
    }
    key = load_private_key(key_path)
    write_portal(manifest, files, out, key, self_rooted(key))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--key", type=Path, default=Path("benchmarks/out/bench.key"))
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--pages", type=int, default=10000)
    args = parser.parse_args()
    generate(args.out, args.key, args.documents, args.pages)
    print(f"kit written to {args.out}")


if __name__ == "__main__":
    main()
