"""Property-based: whatever bytes or JSON arrive, the manifest and key-list readers
answer with a Manifest / KeyList or with their own Dutch refusal, never a crash."""

from __future__ import annotations

import contextlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.errors import CompanionError
from companion.kit.key_list import SignedKeys, parse_key_list
from companion.kit.manifest import dump_manifest, parse_manifest
from tests.support.kitbuilder import KitBuilder
from tests.support.project import ROOT

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)


def valid_manifest() -> dict:
    return json.loads((ROOT / "bundled_kit" / "portal" / "manifest.json").read_text("utf-8"))


def accepted_or_refused(raw: bytes) -> None:
    try:
        parse_manifest(raw)
    except CompanionError as exc:
        assert exc.message  # a sentence for the person


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(raw):
    accepted_or_refused(raw)


@SETTINGS
@given(json_values)
def test_random_json(value):
    accepted_or_refused(json.dumps(value).encode("utf-8"))


@SETTINGS
@given(
    path=st.lists(st.sampled_from(["documents", "steps", "themes", 0, 1, "file", "items"])),
    value=json_values,
)
def test_a_real_manifest_with_one_part_replaced(path, value):
    """The bundled kit's manifest with any part swapped for any JSON value."""
    manifest = valid_manifest()
    target = manifest
    for step in path[:-1]:
        try:
            target = target[step]
        except (KeyError, IndexError, TypeError):
            break
    if path and isinstance(target, dict | list):
        with contextlib.suppress(IndexError, TypeError):
            target[path[-1]] = value
    else:
        manifest["title"] = value
    accepted_or_refused(dump_manifest(manifest))


@SETTINGS
@given(
    depth=st.integers(min_value=1, max_value=20_000),
    opener=st.sampled_from(["[", '{"a":']),
    text=st.text(max_size=10),
)
def test_deep_nesting_and_odd_text(depth, opener, text):
    closer = "]" if opener == "[" else "}"
    raw = ('{"format": 1, "x": ' + opener * depth + json.dumps(text) + closer * depth + "}").encode(
        "utf-8", "surrogatepass"
    )
    accepted_or_refused(raw)


@SETTINGS
@given(st.binary(max_size=500) | json_values.map(lambda v: json.dumps(v).encode()))
def test_key_lists(raw):
    try:
        parse_key_list(SignedKeys(raw, b""))
    except CompanionError as exc:
        assert exc.message


def test_the_strategies_reach_a_valid_manifest_too(tmp_path):
    """The property above is not vacuous: an unchanged manifest is accepted."""
    assert parse_manifest(dump_manifest(valid_manifest())).documents
    builder = KitBuilder(tmp_path, None, SignedKeys(b"", b""))
    assert parse_manifest(dump_manifest(builder.manifest_for(1, {}))).version == 1
