"""Arabic place names that are everyday words ("حضر" attended, "دور" role, "السلام" peace) place a
statement only where the text marks them as places. Sentences of our own; no store."""

from __future__ import annotations

from ingest.extract import Extractor


def _places(text: str) -> set[str]:
    ex = Extractor().extract([(1, text)])
    return {p for st in ex.statements if st.kind != "mention" for p in st.places}


def test_an_everyday_word_is_no_place() -> None:
    places = _places("حضر الاجتماع ممثلو منظمة الأمل للتنمية، وأكدوا أهمية دور الشباب في بناء السلام في البصرة.")
    assert places and places <= {"place:IQG02", "place:IQG02Q02"}  # Basra, its governorate or district


def test_a_place_noun_or_a_list_of_places_makes_it_one() -> None:
    assert "place:IQG15Q04" in _places("تعمل منظمة الأمل للتنمية في قضاء الحضر على دعم الشباب.")
    assert "place:IQG16Q01" in _places("تعمل منظمة الأمل للتنمية في الدور وسامراء على دعم الشباب.")
