"""Every rule of the kit manifest, one case each: what is accepted at the limit, and what
is refused with the field at fault named in the log (the person reads one sentence:
the kit's list of contents is wrong and nothing changed)."""

from __future__ import annotations

import copy
import json

import pytest

from companion.errors import ManifestError
from companion.kit.manifest import MAX_MANIFEST_SIZE, FileRef, parse_manifest
from tests.support.english import in_english

SHA_A, SHA_B = "a" * 64, "b" * 64
BASE = {
    "format": 1,
    "kit": "hoger-bereik",
    "version": 3,
    "published": "2026-01-01",
    "expires": "2027-01-01",
    "title": "Strategiekit Hoger Bereik",
    "changes": "",
    "themes": [{"id": "aanpak", "title": "Aanpak", "summary": ""}],
    "documents": [
        {
            "id": "werkblad-a",
            "title": "Werkblad A",
            "type": "werkblad",
            "themes": ["aanpak"],
            "summary": "",
            "file": {"sha256": SHA_A, "size": 10, "name": "werkblad-a.pdf"},
        }
    ],
    "steps": [
        {
            "id": "stap-1",
            "title": "Breng het speelveld in kaart",
            "summary": "",
            "documents": ["werkblad-a"],
            "items": [{"id": "stap-1-a", "text": "Maak een lijst"}],
        }
    ],
}


def manifest(change=None) -> bytes:
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    return json.dumps(data).encode()


def doc(**fields):
    return lambda m: m["documents"][0].update(fields)


def file(**fields):
    return lambda m: m["documents"][0]["file"].update(fields)


def top(**fields):
    return lambda m: m.update(fields)


def test_the_smallest_kit_and_what_it_leaves_out():
    kit = parse_manifest(manifest())
    [document] = kit.documents
    assert (document.audience, document.minutes, document.url, document.revision) == (
        "",
        None,
        None,
        1,
    )
    assert document.file == FileRef(SHA_A, 10, "werkblad-a.pdf")
    assert (kit.version, kit.expires, kit.changes) == (3, "2027-01-01", "")
    [step] = kit.steps
    assert (step.documents, [(i.id, i.text) for i in step.items]) == (
        ("werkblad-a",),
        [("stap-1-a", "Maak een lijst")],
    )


def second_document(sha: str):
    def change(m):
        extra = copy.deepcopy(m["documents"][0])
        extra["id"] = "werkblad-b"
        extra["file"] = {"sha256": sha, "size": 10, "name": "werkblad-b.pdf"}
        m["documents"].append(extra)

    return change


def test_documents_that_share_a_file_are_downloaded_once():
    assert [f.sha256 for f in parse_manifest(manifest(second_document(SHA_A))).unique_files()] == [
        SHA_A
    ]
    assert len(parse_manifest(manifest(second_document(SHA_B))).unique_files()) == 2


@pytest.mark.parametrize(
    "change",
    [
        top(version=1),
        top(version=10**9),
        top(expires="2026-01-01"),  # the day it was published
        doc(minutes=1),
        doc(minutes=24 * 60),
        doc(url="https://www.lezenenschrijven.nl/"),
        file(size=200 * 1024 * 1024),
        lambda m: m["themes"][0].update(title="x" * 200),
        doc(title="x" * 300, summary="x" * 20000),
        lambda m: (doc(id="a" * 80, themes=[])(m), m["steps"][0].update(documents=["a" * 80])),
        lambda m: m["steps"][0].update(documents=[], items=[]),
    ],
)
def test_accepted_at_the_limit(change):
    parse_manifest(manifest(change))


def replace_doc_id(m):
    m["documents"][0]["id"] = "A"


CASES = [
    (
        lambda m: m["themes"].append(copy.deepcopy(m["themes"][0])),
        "manifest: theme id 'aanpak' appears twice",
    ),
    (top(kit="Hoger"), "manifest: kit 'Hoger' is not a valid id"),
    (top(version=0), "manifest: 'version' must be a whole number from 1 to 1000000000"),
    (top(version=10**9 + 1), "manifest: 'version' must be a whole number from 1 to 1000000000"),
    (top(version=True), "manifest: 'version' must be a whole number from 1 to 1000000000"),
    (top(published="2026-13-01"), "manifest: 'published' must be a date YYYY-MM-DD"),
    (top(expires="2027-1-1"), "manifest: 'expires' must be a date YYYY-MM-DD"),
    (top(expires="2027-01-01x"), "manifest: 'expires' must be a text of at most 10 characters"),
    (top(expires="2025-12-31"), "manifest: 'expires' lies before 'published'"),
    (top(title=""), "manifest: 'title' must be a text of at most 200 characters"),
    (top(title="x" * 201), "manifest: 'title' must be a text of at most 200 characters"),
    (top(changes=None), "manifest: 'changes' must be a text of at most 20000 characters"),
    (top(themes={}), "manifest: 'themes' must be a list"),
    (top(themes=["aanpak"]), "themes[0]: theme must be an object"),
    (
        lambda m: m["themes"][0].update(id="Aanpak"),
        "themes[0]: theme id 'Aanpak' is not a valid id",
    ),
    (
        lambda m: m["themes"][0].update(title="x" * 201),
        "themes[0]: 'title' must be a text of at most 200 characters",
    ),
    (top(documents=[], steps=[]), "manifest: a kit needs at least one document"),
    (top(documents=["werkblad-a"]), "documents[0]: document must be an object"),
    (doc(id="a" * 81), f"documents[0]: document id {'a' * 81!r} is not a valid id"),
    (
        doc(type="boek"),
        "document werkblad-a: type 'boek' is not one of handleiding, werkblad, "
        "workshop, tip, voorbeeld, persona, presentatie, video",
    ),
    (doc(themes=["doelgroep"]), "document werkblad-a: unknown themes ['doelgroep']"),
    (doc(themes=["Aanpak"]), "document werkblad-a: theme 'Aanpak' is not a valid id"),
    (doc(minutes=0), "document werkblad-a: 'minutes' must be a whole number from 1 to 1440"),
    (
        doc(minutes=24 * 60 + 1),
        "document werkblad-a: 'minutes' must be a whole number from 1 to 1440",
    ),
    (doc(url="http://www.voorbeeld.nl/"), "document werkblad-a: 'url' must start with https://"),
    (
        doc(url="https://" + "x" * 2000),
        "document werkblad-a: 'url' must be a text of at most 2000 characters",
    ),
    (doc(title="x" * 301), "document werkblad-a: 'title' must be a text of at most 300 characters"),
    (
        doc(summary="x" * 20001),
        "document werkblad-a: 'summary' must be a text of at most 20000 characters",
    ),
    (doc(audience=5), "document werkblad-a: 'audience' must be a text of at most 20000 characters"),
    (
        doc(revision=0),
        "document werkblad-a: 'revision' must be a whole number from 1 to 1000000000",
    ),
    (doc(file="werkblad-a.pdf"), "document werkblad-a: file must be an object"),
    (
        file(sha256=SHA_A.upper()),
        "document werkblad-a: file.sha256 must be 64 lowercase hex digits",
    ),
    (file(sha256=5), "document werkblad-a: file.sha256 must be 64 lowercase hex digits"),
    (file(name="werk blad.pdf"), "document werkblad-a: file.name must be a plain file name (.pdf)"),
    (file(name=["a.pdf"]), "document werkblad-a: file.name must be a plain file name (.pdf)"),
    (file(size=0), "document werkblad-a: 'size' must be a whole number from 1 to 209715200"),
    (
        file(size=200 * 1024 * 1024 + 1),
        "document werkblad-a: 'size' must be a whole number from 1 to 209715200",
    ),
    (
        lambda m: m["documents"].append(copy.deepcopy(m["documents"][0])),
        "manifest: document id 'werkblad-a' appears twice",
    ),
    (top(steps=["stap-1"]), "steps[0]: step must be an object"),
    (lambda m: m["steps"][0].update(id="Stap"), "steps[0]: step id 'Stap' is not a valid id"),
    (
        lambda m: m["steps"][0].update(documents=["weg"]),
        "step stap-1: names documents that are not in the kit: ['weg']",
    ),
    (
        lambda m: m["steps"][0].update(items=["doe iets"]),
        "step stap-1 item 0: item must be an object",
    ),
    (
        lambda m: m["steps"][0]["items"][0].update(text=""),
        "step stap-1 item 0: 'text' must be a text of at most 20000 characters",
    ),
    (
        lambda m: m["steps"][0]["items"][0].update(id="A"),
        "step stap-1 item 0: item id 'A' is not a valid id",
    ),
    (
        lambda m: m["steps"][0].update(title="x" * 301),
        "step stap-1: 'title' must be a text of at most 300 characters",
    ),
    (
        lambda m: m["steps"].append(copy.deepcopy(m["steps"][0])),
        "manifest: step id 'stap-1' appears twice",
    ),
    (
        lambda m: m["steps"].append({**copy.deepcopy(m["steps"][0]), "id": "stap-2"}),
        "manifest: step item id 'stap-1-a' appears twice",
    ),
]


@pytest.mark.parametrize(("change", "detail"), CASES)
def test_refused_with_the_field_at_fault(change, detail):
    with pytest.raises(ManifestError) as info:
        parse_manifest(manifest(change))
    assert info.value.message == "De inhoudslijst van de kit is onjuist. De kit is niet aangepast."
    assert info.value.detail == detail
    assert in_english(info.value) != info.value.message


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        (b"[]", "manifest: manifest must be an object"),
        (b"\xff", "manifest: not plain UTF-8 JSON: encoding: "),
        (b" " * (MAX_MANIFEST_SIZE + 1), "manifest: manifest too large"),
    ],
)
def test_refused_before_any_field_is_read(raw, detail):
    with pytest.raises(ManifestError) as info:
        parse_manifest(raw)
    assert info.value.detail.startswith(detail)


def test_a_kit_for_a_newer_program_asks_for_an_update():
    with pytest.raises(ManifestError) as info:
        parse_manifest(manifest(top(format=2)))
    assert info.value.message == (
        "Deze kit is gemaakt voor een nieuwere versie van het programma. "
        "Werk het programma bij en probeer het opnieuw."
    )
    assert info.value.detail == "format 2, this program reads 1"
    assert in_english(info.value) != info.value.message


SHA_V = "c" * 64


def video(**media):
    """A second document: a video with its own media file."""

    def change(m):
        m["documents"].append(
            {
                "id": "video-a",
                "title": "Video A",
                "type": "video",
                "themes": [],
                "summary": "",
                "file": {"sha256": SHA_B, "size": 10, "name": "video-a.pdf"},
                "media": {
                    "sha256": SHA_V,
                    "size": 900 * 1024 * 1024,
                    "name": "video-a.mp4",
                    **media,
                },
            }
        )

    return change


def test_a_video_brings_its_own_media_file():
    kit = parse_manifest(manifest(video()))
    assert kit.document("video-a").media == FileRef(SHA_V, 900 * 1024 * 1024, "video-a.mp4")
    assert kit.media_shas() == {SHA_V}
    assert [f.sha256 for f in kit.unique_files()] == [SHA_A, SHA_B, SHA_V]
    assert parse_manifest(manifest()).media_shas() == set()


def test_synonyms_are_groups_of_trimmed_words():
    kit = parse_manifest(
        manifest(top(synonyms=[[" warm doorverwijzen ", "warme overdracht"], ["x" * 80] * 30]))
    )
    assert kit.synonyms == (("warm doorverwijzen", "warme overdracht"), ("x" * 80,) * 30)
    assert parse_manifest(manifest()).synonyms == ()
    assert len(parse_manifest(manifest(top(synonyms=[["a", "b"]] * 500))).synonyms) == 500


GROUP = "synonyms: group 0 must list 2 to 30 texts of at most 80 characters"
MEDIA_KINDS = ".mp4, .m4v, .webm, .ogv, .mov, .mp3, .m4a, .ogg"


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (
            doc(media={"sha256": SHA_V, "size": 1, "name": "a.mp4"}),
            "document werkblad-a: only a video has a 'media' file",
        ),
        (
            video(name="video-a.avi"),
            f"document video-a: media.name must be a plain file name ({MEDIA_KINDS})",
        ),
        (video(sha256="x"), "document video-a: media.sha256 must be 64 lowercase hex digits"),
        (
            video(size=900 * 1024 * 1024 + 1),
            "document video-a: 'size' must be a whole number from 1 to 943718400",
        ),
        (top(synonyms={}), "synonyms: must be a list of at most 500 groups"),
        (top(synonyms=[["a", "b"]] * 501), "synonyms: must be a list of at most 500 groups"),
        (top(synonyms=[["alleen"]]), GROUP),
        (top(synonyms=[["a"] * 31]), GROUP),
        (top(synonyms=[["a", "x" * 81]]), GROUP),
        (top(synonyms=[["a", "  "]]), GROUP),
        (top(synonyms=[["a", 5]]), GROUP),
        (top(synonyms=["a b"]), GROUP),
    ],
)
def test_media_and_synonyms_refused_with_the_field_at_fault(change, detail):
    with pytest.raises(ManifestError) as info:
        parse_manifest(manifest(change))
    assert info.value.detail == detail


# -- notes, a workshop's werkbladen, links: accepted at the limit, refused just past it ------


def workshop(*werkbladen, extra_werkbladen: int = 0):
    """A workshop document listing ``werkbladen``, beside ``extra_werkbladen`` more werkbladen
    (werkblad-1, werkblad-2, ...) next to BASE's werkblad-a."""

    def change(m):
        for number in range(1, extra_werkbladen + 1):
            extra = copy.deepcopy(m["documents"][0])
            extra["id"] = f"werkblad-{number}"
            m["documents"].append(extra)
        m["documents"].append(
            {
                "id": "workshop-a",
                "title": "Workshop A",
                "type": "workshop",
                "themes": [],
                "summary": "",
                "file": {"sha256": SHA_B, "size": 10, "name": "workshop-a.pdf"},
                "werkbladen": list(werkbladen),
            }
        )

    return change


TWENTY = [f"werkblad-{n}" for n in range(1, 21)]


def test_a_manifest_of_exactly_the_largest_size_is_read():
    raw = manifest()
    assert parse_manifest(raw + b" " * (MAX_MANIFEST_SIZE - len(raw))).version == 3


def test_notes_and_an_empty_audience_are_kept_up_to_the_limits():
    notes = ["", "x" * 5000] + [f"Noot {n}" for n in range(298)]
    kit = parse_manifest(manifest(doc(notes=notes, audience="")))
    assert kit.documents[0].notes == tuple(notes)
    assert kit.documents[0].audience == ""


def test_a_workshop_lists_up_to_twenty_werkbladen_of_the_kit():
    kit = parse_manifest(manifest(workshop(*TWENTY, extra_werkbladen=20)))
    assert kit.document("workshop-a").werkbladen == tuple(TWENTY)


def test_a_link_is_kept_with_its_document():
    kit = parse_manifest(manifest(doc(url="https://www.lezenenschrijven.nl/")))
    assert kit.documents[0].url == "https://www.lezenenschrijven.nl/"


def test_two_videos_bring_both_their_media_files():
    def second_video(m):
        video()(m)
        other = copy.deepcopy(m["documents"][-1])
        other["id"] = "video-b"
        other["media"] = {"sha256": "d" * 64, "size": 5, "name": "video-b.mp4"}
        m["documents"].append(other)

    kit = parse_manifest(manifest(second_video))
    assert [f.sha256 for f in kit.unique_files()] == [SHA_A, SHA_B, SHA_V, "d" * 64]


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (doc(notes=["Noot"] * 301), "document werkblad-a: at most 300 notes"),
        (
            doc(notes=["x" * 5001]),
            "document werkblad-a: 'note' must be a text of at most 5000 characters",
        ),
        (doc(werkbladen=["werkblad-a"]), "document werkblad-a: only a workshop has 'werkbladen'"),
        (
            workshop(*TWENTY, "werkblad-a", extra_werkbladen=20),
            "document workshop-a: 'werkbladen' must be a list of at most 20 ids",
        ),
        (workshop("Werkblad-A"), "document workshop-a: werkblad 'Werkblad-A' is not a valid id"),
        (
            workshop("werkblad-a", "werkblad-a"),
            "document workshop-a: 'werkbladen' names a werkblad twice",
        ),
        (
            workshop("werkblad-a", "weg"),
            "document workshop-a: 'werkbladen' names documents that are no werkblad in the "
            "kit: ['weg']",
        ),
        (
            lambda m: m["steps"][0].update(documents=["Werkblad-A"]),
            "step stap-1: document 'Werkblad-A' is not a valid id",
        ),
    ],
)
def test_notes_werkbladen_and_step_documents_refused_with_the_field_at_fault(change, detail):
    with pytest.raises(ManifestError) as info:
        parse_manifest(manifest(change))
    assert info.value.message == "De inhoudslijst van de kit is onjuist. De kit is niet aangepast."
    assert info.value.detail == detail
