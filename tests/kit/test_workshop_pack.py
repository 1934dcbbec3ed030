"""Which documents a workshop's printpakket offers: the kit's list, else the draaiboek's text."""

from __future__ import annotations

import json

import pytest

from companion.context import AppContext
from companion.errors import ManifestError
from companion.kit.manifest import dump_manifest, parse_manifest
from companion.kit.workshop_pack import group_size, short_name, workshop_pack
from companion.paths import app_paths
from tests.support.ui_walk import real_kit_copy


def test_group_size_as_workshops_write_it():
    assert group_size("Groep 6 tot 12 mensen: medewerkers") == 12
    assert group_size("| Groep | 8 tot 20 medewerkers van één organisatie |") == 20
    assert group_size("Groep: 5-25 deelnemers") == 25
    assert group_size("Per groep 4 mensen") == 4
    assert group_size("Groepen maken in 2018 en 2019") == 0  # a year is no group size
    assert group_size("Geen groepsgrootte hier") == 0
    assert short_name("Klantreis: kijk door de ogen van iemand die slecht leest") == "klantreis"


def test_the_real_kit_workshops_offer_the_werkbladen_the_kit_lists(installed_kit):
    context = AppContext.open(app_paths(installed_kit))
    try:
        library = context.library
        werkbladen = {d.id for d in library.documents(doc_type="werkblad")}
        klantreis = workshop_pack(library, "workshop-klantreis")
        offered = {item.document.id: item.copies for item in klantreis.items if item.named}
        assert offered == {"werkblad-klantreis": 12}  # listed in the kit; group 6 tot 12
        assert klantreis.items[0].document.id == "werkblad-klantreis"
        assert klantreis.items[0].listed
        assert {item.document.id for item in klantreis.items} == werkbladen  # all on offer
        # The draaiboek never says "werkblad", yet the kit lists the Klantreis sheet
        # for its groepjes (8 tot 20 mensen).
        partner = workshop_pack(library, "workshop-bewustwording-partner")
        offered = {item.document.id: item.copies for item in partner.items if item.named}
        assert offered == {"werkblad-klantreis": 20}
        # An empty list: no werkblad; a handleiding the draaiboek hands out still comes.
        hand_out = workshop_pack(library, "workshop-herkennen-doorverwijzen")
        offered = {item.document.id: item.copies for item in hand_out.items if item.named}
        assert offered == {"handleiding-herkennen-doorverwijzen": 16}
        focus = workshop_pack(library, "workshop-focus-op-begrijpen")
        assert not [item for item in focus.items if item.named]
        assert {item.document.id for item in focus.items} == werkbladen
        assert workshop_pack(library, "werkblad-klantreis") is None
    finally:
        context.close()


def test_a_kit_without_the_list_falls_back_to_what_the_draaiboek_names(installed_kit, tmp_path):
    # A kit installed before workshops listed their werkbladen has no such list.
    context = AppContext.open(app_paths(real_kit_copy(installed_kit, tmp_path / "data")))
    try:
        with context.kit.conn:
            context.kit.conn.execute("DELETE FROM kit_info WHERE key = 'werkbladen'")
        library = context.library
        assert library.workshop_werkbladen("workshop-klantreis") is None
        klantreis = workshop_pack(library, "workshop-klantreis")
        named = {item.document.id: item.copies for item in klantreis.items if item.named}
        assert named == {"werkblad-klantreis": 12}  # "het werkblad Klantreis"
        assert not any(item.listed for item in klantreis.items)
        hand_out = workshop_pack(library, "workshop-herkennen-doorverwijzen")
        named = {item.document.id for item in hand_out.items if item.named}
        assert named == {"handleiding-herkennen-doorverwijzen"}  # "De handleiding ..."
        # Naming the workshop "Herkennen en doorverwijzen" is not naming the handleiding.
        partner = workshop_pack(library, "workshop-bewustwording-partner")
        assert not [item for item in partner.items if item.named]
    finally:
        context.close()


def test_a_manifest_may_leave_werkbladen_out_and_bad_lists_are_refused(kit_builder):
    kit_builder.documents["workshop-samen"] = ["Samen aan de slag\nEen draaiboek."]
    kit_builder.documents["werkblad-klantreis"] = ["Klantreis\nVul in."]
    kit_builder.documents["tip-los"] = ["Een tip\nKort."]
    manifest = kit_builder.manifest_for(1, {})
    workshop = next(d for d in manifest["documents"] if d["id"] == "workshop-samen")
    # An older manifest: no field, still a valid kit, nothing said.
    assert parse_manifest(dump_manifest(manifest)).document("workshop-samen").werkbladen is None
    workshop["werkbladen"] = ["werkblad-klantreis"]
    parsed = parse_manifest(dump_manifest(manifest))
    assert parsed.document("workshop-samen").werkbladen == ("werkblad-klantreis",)
    for bad in (
        "werkblad-klantreis",  # not a list
        {"werkblad-klantreis": 1},
        ["werkblad-klantreis"] * 2,
        ["werkblad-klantreis", 7],
        ["werkblad-weg"],  # not in the kit
        ["tip-los"],  # in the kit, but no werkblad
        ["workshop-samen"],
        ["werkblad-klantreis"] + [f"werkblad-{n}" for n in range(10_000)],  # huge
        ["../../etc/passwd"],
    ):
        workshop["werkbladen"] = bad
        with pytest.raises(ManifestError):
            parse_manifest(json.dumps(manifest).encode())
    del workshop["werkbladen"]
    tip = next(d for d in manifest["documents"] if d["id"] == "tip-los")
    tip["werkbladen"] = ["werkblad-klantreis"]  # only a workshop has them
    with pytest.raises(ManifestError):
        parse_manifest(json.dumps(manifest).encode())
