"""Well-known international bodies a text names with no head noun ("Oxfam", "Mercy Corps",
"Search for Common Ground"), donors' agencies, and an Arabic name whose head noun runs on into
the clause after a known name. The registry (ontologies/registry/actors.yaml) gives their kind
and Arabic name; sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction


def _by_name(ex: Extraction) -> dict[str, str]:
    return {a.name: a.kind for a in ex.actors.values()}


def test_international_ngos_named_without_a_head_noun() -> None:
    ex = Extractor().extract([(1, "Oxfam and Mercy Corps run cash-for-work schemes in Ramadi, and Search for "
                                  "Common Ground trains local radio hosts in Kirkuk.")])
    kinds = _by_name(ex)
    assert kinds.get("Oxfam") == "ngo" and kinds.get("Mercy Corps") == "ngo"
    assert kinds.get("Search for Common Ground") == "ngo"


def test_a_donor_agency_funds_what_it_funds() -> None:
    ex = Extractor().extract([(1, "The Orchard Forum in Zubair is funded by the World Bank and the Korea "
                                  "International Cooperation Agency.")])
    funders = {ex.actors[s].name for st in ex.statements if st.kind == "funding" for s in st.subjects}
    assert {"World Bank", "Korea International Cooperation Agency"} <= funders


def test_an_arabic_head_noun_before_a_known_name_ends_at_the_name() -> None:
    ex = Extractor().extract([(1, "نفذت منظمة أطباء بلا حدود برنامجا للدعم النفسي في الموصل بتمويل من البنك الدولي.")])
    names = set(_by_name(ex))
    assert "Médecins Sans Frontières" in names and "World Bank" in names
    assert not any("برنامجا" in n for n in names)


def test_a_name_that_goes_on_after_a_known_name_is_its_own_body() -> None:
    ex = Extractor().extract([(1, "يسّر مركز ألمانيا للحوار جلسات بين العشائر في سنجار.")])
    assert not any(a.name == "Government of Germany" for a in ex.actors.values())
    assert any(a.name.startswith("مركز ألمانيا للحوار") for a in ex.actors.values())


def test_rights_monitors_named_without_a_head_noun() -> None:
    ex = Extractor().extract([(1, "Human Rights Watch and Amnesty International documented arbitrary detentions in "
                                  "Kirkuk. HRW urged the authorities to allow returns.")])
    kinds = _by_name(ex)
    assert kinds.get("Human Rights Watch") == "ngo" and kinds.get("Amnesty International") == "ngo"
    assert "HRW" not in kinds
    ar = Extractor().extract([(1, "وثقت منظمة هيومن رايتس ووتش حالات احتجاز في كركوك.")])
    assert _by_name(ar).get("Human Rights Watch") == "ngo"
