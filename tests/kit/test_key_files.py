"""Key files and JSON from outside, as the maintainer and the log see them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from companion.errors import SignatureError
from companion.kit.json_input import JsonInputError, load_json
from companion.kit.key_list import dump_key_list, parse_key_list, sign_key_list
from companion.kit.manifest import parse_manifest
from companion.kit.signing import (
    KeyFileError,
    generate_keypair,
    load_private_key,
    parse_public_key,
    public_bytes,
    sign,
    verify,
)
from tests.support import keys as test_keys
from tests.support.english import in_english


def test_a_new_key_pair_signs_and_its_public_half_verifies(tmp_path):
    private, public = generate_keypair()
    path = tmp_path / "release.key"
    path.write_text(private + "\n", encoding="ascii")
    key = load_private_key(path)
    assert parse_public_key(public) == public_bytes(key)
    assert verify([parse_public_key(public)], b"manifest", sign(key, b"manifest"))


@pytest.mark.parametrize(
    ("content", "why"),
    [(None, "No such file"), ("ed25519-private:\u00e9\u00e9n".encode(), "'ascii' codec")],
)
def test_a_key_file_that_cannot_be_read_is_named(tmp_path, content, why):
    path = tmp_path / "release.key"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(KeyFileError) as info:
        load_private_key(path)
    assert info.value.message == f"De sleutel {path} kan niet worden gelezen."
    assert why in info.value.detail  # the log says why
    assert in_english(info.value) == f"The key {path} cannot be read."


def test_a_public_key_where_a_private_one_belongs(tmp_path):
    _private, public = generate_keypair()
    path = tmp_path / "release.key"
    path.write_text(public, encoding="ascii")
    with pytest.raises(KeyFileError) as info:
        load_private_key(path)
    assert info.value.message == "Dit is geen geheime sleutel."
    assert in_english(info.value) == "This is not a private key."


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_constants_that_are_not_json_are_refused_as_syntax(constant):
    with pytest.raises(JsonInputError) as info:
        load_json(f'{{"a": {constant}}}'.encode())
    assert info.value.reason == "syntax"
    assert str(info.value) == f"syntax: {constant} is not JSON"


def test_a_manifest_with_nan_names_the_reason_in_the_log():
    with pytest.raises(Exception) as info:
        parse_manifest(b'{"format": NaN}')
    assert info.value.detail == "manifest: not plain UTF-8 JSON: syntax: NaN is not JSON"


def test_a_key_list_says_when_it_expires_and_why_it_is_refused():
    root = test_keys.root_key()
    _private, public = generate_keypair()
    signed = sign_key_list(root, dump_key_list(3, "2028-11-30", [public]))
    key_list = parse_key_list(signed)
    assert key_list.expires_on() == dt.date(2028, 11, 30)
    broken = sign_key_list(root, dump_key_list(0, "2028-11-30", [public]))
    with pytest.raises(SignatureError) as info:
        parse_key_list(broken)
    assert info.value.detail == "key list version 0"


def test_a_manifest_finds_its_documents_by_id(kit_builder):
    files: dict[str, bytes] = {}
    manifest = parse_manifest(json.dumps(kit_builder.manifest_for(1, files)).encode())
    assert manifest.document("persona-henk").title == "Persona Henk"
    assert manifest.document("onbekend") is None
