"""Property-based: the plan-file reader gets random bytes and random JSON shaped
like a plan file, and answers with a plan or its own Dutch refusal, nothing else."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.plan.plan_file import FORMAT, PlanFileError, parse_plan_bytes

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["te doen", "bezig", "klaar", "2026-02-30", "2026-03-01", "\ud800"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = [
    "title",
    "description",
    "status",
    "priority",
    "start_date",
    "due_date",
    "document_ids",
    "partner",
    "owner",
    "step_id",
    "source_item_id",
]


def read(raw: bytes) -> None:
    try:
        parse_plan_bytes(raw)
    except PlanFileError as exc:
        assert exc.message


def encode(value) -> bytes:
    # surrogatepass: a lone surrogate reaches the file as the (invalid) bytes a
    # careless program would write, or as the \\ud800 escape json.dumps makes.
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(raw):
    read(raw)


@SETTINGS
@given(json_values, st.booleans())
def test_random_json(value, ascii_only):
    read(json.dumps(value).encode() if ascii_only else encode(value))


@SETTINGS
@given(
    plan=st.dictionaries(st.sampled_from(["name", "description", "location"]), json_values),
    actions=st.lists(st.dictionaries(st.sampled_from(FIELDS), json_values), max_size=4),
    version=st.sampled_from([1, 2, 0, "1", None, True]),
    ascii_only=st.booleans(),
)
def test_plan_shaped_json(plan, actions, version, ascii_only):
    data = {"format": FORMAT, "format_version": version, "plan": plan, "actions": actions}
    read(json.dumps(data).encode() if ascii_only else encode(data))


@SETTINGS
@given(st.integers(min_value=1, max_value=30_000))
def test_deep_nesting(depth):
    read(b'{"format": "strategiekit-actieplan", "plan": ' + b"[" * depth + b"]" * depth + b"}")


def test_a_valid_plan_is_read():
    """The properties are not vacuous: a well-formed plan file comes through."""
    data = {
        "format": FORMAT,
        "format_version": 1,
        "plan": {"name": "Zaanstad"},
        "actions": [{"title": "Bel het UWV", "status": "bezig", "due_date": "2026-03-01"}],
    }
    snapshot = parse_plan_bytes(json.dumps(data).encode())
    assert snapshot.plan.name == "Zaanstad" and snapshot.actions[0].title == "Bel het UWV"
