"""A heading that says the list under it is a body's remit ("Council powers", "مهام اللجنة"): each
item is what that body does, and proposing is one of its powers, not a call. Texts of our own, no
store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction


def _items(ex: Extraction, marker: str) -> list[tuple[list[str], str]]:
    return [([ex.actors[s].name for s in st.subjects], st.status) for st in ex.statements
            if st.quote.lstrip().startswith(marker) and st.kind in ("mandate", "responsibility")]


def test_a_powers_heading_gives_its_items_to_the_body_spoken_of() -> None:
    text = ("The Orchard Water Council (OWC) is the body in charge of water policy in Basra.\n\n"
            "Council powers\n\n"
            "  • Directing the water directorates to plan irrigation in every district.\n"
            "  • Proposing new water tariffs to the provincial government.\n")
    items = _items(Extractor().extract([(1, text)]), "•")
    assert len(items) == 2
    assert all(subjects == ["Orchard Water Council"] and status == "established" for subjects, status in items), items


def test_an_arabic_duties_heading() -> None:
    text = ("تأسست لجنة البستان للمياه في البصرة عام 2019.\n\n"
            "مهام اللجنة\n\n"
            "- متابعة مشاريع الري في قضاء الزبير.\n"
            "- تنسيق توزيع المياه بين المزارعين في قضاء الزبير.\n")
    items = _items(Extractor().extract([(1, text)]), "-")
    assert len(items) == 2 and all(len(subjects) == 1 and subjects[0].startswith("لجنة البستان للمياه")
                                   for subjects, _ in items), items


def test_a_heading_of_another_kind_gives_nothing() -> None:
    text = ("The Orchard Water Council (OWC) is the body in charge of water policy in Basra.\n\n"
            "Water shortages\n\n"
            "  • Farmers left their land in every district.\n")
    assert not _items(Extractor().extract([(1, text)]), "•")
