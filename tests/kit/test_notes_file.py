"""A notes file next to any PDF (pdfpc's JSON or text form, or name.notes.md), read as hostile."""

from __future__ import annotations

import json

import pytest

from companion.kit.notes_file import NotesFileError, read_notes_file, read_notes_for


def write(tmp_path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_no_notes_file_means_no_notes(tmp_path):
    notes = read_notes_for(write(tmp_path, "a.pdf", b"%PDF"))
    assert notes.pages == {} and notes.minutes is None and notes.path is None


def test_pdfpc_json_by_page_index_with_duration_and_overlays(tmp_path):
    data = {
        "pdfpcFormat": 2,
        "duration": 30,
        "pages": [
            {"idx": 0, "label": "1", "overlay": 0, "note": "Eerste\r\nregel"},
            {"idx": 1, "label": "2", "overlay": 0},
            {"idx": 3, "label": "3", "overlay": 0, "note": "Op de overlay"},
            {"idx": 3, "label": "3", "overlay": 1, "note": "Later"},
        ],
    }
    write(tmp_path, "talk.pdfpc", json.dumps(data))
    notes = read_notes_for(tmp_path / "talk.pdf")
    assert notes.pages == {0: "Eerste\nregel", 3: "Op de overlay"}
    assert notes.minutes == 30 and notes.note(1) == "" and notes.path.name == "talk.pdfpc"


def test_pdfpc_text_form_and_notes_md(tmp_path):
    write(
        tmp_path,
        "oud.pdfpc",
        "[file]\noud.pdf\n[notes]\n### 1\nHallo\n### 3\nDag\u200b\x07 allemaal\n",
    )
    assert read_notes_for(tmp_path / "oud.pdf").pages == {0: "Hallo", 2: "Dag allemaal"}
    write(tmp_path, "eigen.notes.md", "\ufeff### 2\n<i>Niet schuin</i>\n")
    assert read_notes_for(tmp_path / "eigen.pdf").pages == {1: "<i>Niet schuin</i>"}


@pytest.mark.parametrize(
    "data",
    [
        b"{",
        b"[1, 2]",
        b'{"pages": {"idx": 0}}',
        b'{"pages": [{"idx": -1, "note": "x"}]}',
        b'{"pages": [{"idx": true, "note": "x"}]}',
        b'{"pages": [{"idx": 0, "note": ["x"]}]}',
        b'{"duration": "lang", "pages": []}',
        b'{"pages": [{"idx": 0, "note": "' + b"x" * 6000 + b'"}]}',
        b"[" * 100000,
        b"### 0\nnul\n",
        b"### 1\n\xff\xfe kapot",
        b"gewoon wat tekst zonder paginanummers",
        b"### 1\n" + b"a" * (1024 * 1024 + 10),
    ],
)
def test_broken_files_give_one_dutch_sentence(tmp_path, data):
    path = write(tmp_path, "kapot.pdfpc", data)
    with pytest.raises(NotesFileError) as caught:
        read_notes_file(path)
    assert str(caught.value.message) == (
        "Het notitiebestand kapot.pdfpc kon niet worden gelezen; de PDF is zonder notities geopend."
    )
