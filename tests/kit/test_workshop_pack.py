"""Which documents a workshop's printpakket offers, read from the workshop's own text."""

from __future__ import annotations

from companion.context import AppContext
from companion.kit.workshop_pack import group_size, short_name, workshop_pack
from companion.paths import app_paths


def test_group_size_as_workshops_write_it():
    assert group_size("Groep 6 tot 12 mensen: medewerkers") == 12
    assert group_size("| Groep | 8 tot 20 medewerkers van één organisatie |") == 20
    assert group_size("Groep: 5-25 deelnemers") == 25
    assert group_size("Per groep 4 mensen") == 4
    assert group_size("Groepen maken in 2018 en 2019") == 0  # a year is no group size
    assert group_size("Geen groepsgrootte hier") == 0
    assert short_name("Klantreis: kijk door de ogen van iemand die slecht leest") == "klantreis"


def test_the_real_kit_workshops_offer_what_their_draaiboek_names(installed_kit):
    context = AppContext.open(app_paths(installed_kit))
    try:
        library = context.library
        werkbladen = {d.id for d in library.documents(doc_type="werkblad")}
        klantreis = workshop_pack(library, "workshop-klantreis")
        named = {item.document.id: item.copies for item in klantreis.items if item.named}
        assert named == {"werkblad-klantreis": 12}  # "het werkblad Klantreis", group 6 tot 12
        assert klantreis.items[0].document.id == "werkblad-klantreis"
        assert {item.document.id for item in klantreis.items} == werkbladen  # all on offer
        hand_out = workshop_pack(library, "workshop-herkennen-doorverwijzen")
        named = {item.document.id for item in hand_out.items if item.named}
        assert named == {"handleiding-herkennen-doorverwijzen"}  # "De handleiding ..."
        # Naming the workshop "Herkennen en doorverwijzen" is not naming the handleiding.
        partner = workshop_pack(library, "workshop-bewustwording-partner")
        assert not [item for item in partner.items if item.named]
        assert workshop_pack(library, "werkblad-klantreis") is None
    finally:
        context.close()
