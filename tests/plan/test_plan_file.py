"""The .actieplan file: a round trip gives the same plan; bad files change nothing."""

from __future__ import annotations

import json

import pytest

from companion.plan.actionplan import EDITABLE, ActionPlanService
from companion.plan.plan_file import (
    FORMAT,
    FORMAT_VERSION,
    PlanFileError,
    import_plan_file,
    write_plan_file,
)
from companion.store.user_store import UserStore


@pytest.fixture
def stores(tmp_path):
    """Two copies of the program: one that exports, one that imports."""
    here = UserStore(tmp_path / "here.sqlite")
    there = UserStore(tmp_path / "there.sqlite")
    yield ActionPlanService(here), ActionPlanService(there)
    here.close()
    there.close()


def fill(service):
    plan = service.create_plan("Zaanstad", "Samen met partners\nin 2026", "Bibliotheek Zaanstad")
    service.add_action(
        plan.id,
        title="Gesprek met het UWV",
        description="Over signalen; en afspraken, ‘schaamte’",
        step_id="stap-1",
        document_ids=["werkblad-klantreis", "persona-henk"],
        partner="UWV",
        owner="Anna",
        start_date="2026-02-01",
        due_date="2026-03-01",
        status="bezig",
        priority=1,
        source_item_id="stap-1-b",
        source_item_text="Spreek de beleidsmedewerker van de gemeente",
    )
    service.add_action(plan.id, title="Evalueren", priority=3)
    service.add_action(plan.id, title="Folder", status="klaar", due_date="2026-01-05")
    moved = service.add_action(plan.id, title="Eerst dit")
    service.move_action(moved.id, 0)
    return plan


def comparable(service, plan_id):
    plan = service.plan(plan_id)
    fields = [*EDITABLE, "position", "source_item_id", "source_item_text", "created_at"]
    return (
        (plan.description, plan.location),
        [tuple(getattr(a, f) for f in fields) for a in service.actions(plan_id)],
    )


def dump(service):
    return list(service.user.conn.iterdump())


def test_round_trip_gives_the_same_plan(tmp_path, stores):
    here, there = stores
    plan = fill(here)
    path = write_plan_file(here.snapshot(plan.id), tmp_path / "zaanstad.actieplan")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["format_version"] == FORMAT_VERSION

    imported = import_plan_file(there, path)
    assert imported.name == "Zaanstad"
    assert comparable(there, imported.id) == comparable(here, plan.id)

    # Importing next to an existing plan of that name makes a second, recognisable plan.
    again = import_plan_file(here, path)
    assert again.name == "Zaanstad (2)" and again.id != plan.id
    assert comparable(here, again.id) == comparable(here, plan.id)


def valid(tmp_path, stores) -> dict:
    here, _there = stores
    plan = fill(here)
    path = write_plan_file(here.snapshot(plan.id), tmp_path / "goed.actieplan")
    return json.loads(path.read_text(encoding="utf-8"))


def broken_variants(data: dict, raw: bytes) -> dict[str, bytes]:
    def changed(fn) -> bytes:
        copy = json.loads(json.dumps(data))
        fn(copy)
        return json.dumps(copy).encode("utf-8")

    return {
        "truncated": raw[: len(raw) // 2],
        "empty": b"",
        "not json": b"Dit is een boodschappenlijst",
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe",
        "a list": b"[1, 2, 3]",
        "other format": changed(lambda d: d.update(format="iets-anders")),
        "too new": changed(lambda d: d.update(format_version=FORMAT_VERSION + 1)),
        "version as text": changed(lambda d: d.update(format_version="1")),
        "no plan": changed(lambda d: d.pop("plan")),
        "no name": changed(lambda d: d["plan"].update(name="  ")),
        "actions not a list": changed(lambda d: d.update(actions={"a": 1})),
        "empty title": changed(lambda d: d["actions"][1].update(title="")),
        "title a number": changed(lambda d: d["actions"][1].update(title=5)),
        "bad status": changed(lambda d: d["actions"][2].update(status="gedaan")),
        "bad priority": changed(lambda d: d["actions"][2].update(priority=True)),
        "bad date": changed(lambda d: d["actions"][3].update(due_date="31-12-2026")),
        "impossible date": changed(lambda d: d["actions"][3].update(due_date="2026-02-30")),
        "start after due": changed(lambda d: d["actions"][1].update(start_date="2026-05-01")),
        "documents wrong": changed(lambda d: d["actions"][1].update(document_ids=[1])),
        "huge title": changed(lambda d: d["actions"][0].update(title="x" * 5000)),
    }


def test_bad_files_are_refused_in_dutch_and_change_nothing(tmp_path, stores):
    data = valid(tmp_path, stores)
    raw = (tmp_path / "goed.actieplan").read_bytes()
    _here, there = stores
    there.create_plan("Al aanwezig")
    before = dump(there)
    for name, content in broken_variants(data, raw).items():
        path = tmp_path / f"{name}.actieplan"
        path.write_bytes(content)
        with pytest.raises(PlanFileError) as info:
            import_plan_file(there, path)
        message = info.value.message
        assert "Er is niets geïmporteerd" in message or "niet worden gelezen" in message, name
        assert dump(there) == before, name


def test_messages_say_what_is_wrong(tmp_path, stores):
    data = valid(tmp_path, stores)
    raw = (tmp_path / "goed.actieplan").read_bytes()
    variants = broken_variants(data, raw)
    _here, there = stores

    def message(name):
        path = tmp_path / "x.actieplan"
        path.write_bytes(variants[name])
        with pytest.raises(PlanFileError) as info:
            import_plan_file(there, path)
        return info.value.message

    assert "nieuwere versie" in message("too new")
    assert "beschadigd of niet compleet" in message("truncated")
    assert "geen actieplan-bestand" in message("other format")
    assert "actie 4 heeft een ongeldige datum" in message("bad date")
    assert "startdatum na de einddatum" in message("start after due")


def test_missing_file_and_too_big_file(tmp_path, stores, monkeypatch):
    _here, there = stores
    with pytest.raises(PlanFileError) as info:
        import_plan_file(there, tmp_path / "bestaat-niet.actieplan")
    assert "niet worden gelezen" in info.value.message
    from companion.plan import plan_file

    monkeypatch.setattr(plan_file, "MAX_BYTES", 100)
    big = tmp_path / "groot.actieplan"
    big.write_bytes(b" " * 200)
    with pytest.raises(PlanFileError) as info:
        import_plan_file(there, big)
    assert "te groot" in info.value.message
    assert there.plans() == []


def test_unknown_fields_from_a_newer_minor_version_are_ignored(tmp_path, stores):
    data = valid(tmp_path, stores)
    data["extra"] = {"iets": 1}
    data["actions"][0]["kleur"] = "rood"
    path = tmp_path / "extra.actieplan"
    path.write_text(json.dumps(data), encoding="utf-8")
    _here, there = stores
    plan = import_plan_file(there, path)
    assert len(there.actions(plan.id)) == 4
