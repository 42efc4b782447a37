"""Where a body's name starts and what a name inside a word is: an alias with its article
("the EU") before a longer name of the text, an acronym inside a name ("EU Advisory Mission
(EUAM)"), a body's name used as a time or a stance ("post-ISIS"), a possessive owner before
words that name no body. Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from tests.ingest.shapes import names as _names


def test_a_unit_named_after_an_alias_with_its_article_is_the_unit() -> None:
    ex = Extractor().extract([(1, "The EU Border Assistance Mission trained customs officers in Basra.")])
    names = _names(ex)
    unit = next(k for k, n in names.items() if n.startswith("EU Border Assistance Mission"))
    assert ex.actors[unit].parent == "actor:european-union"
    assert any(unit in s.subjects for s in ex.statements)
    assert not any("actor:european-union" in s.subjects for s in ex.statements)


def test_an_acronym_inside_a_name_gives_its_letters() -> None:
    ex = Extractor().extract([(1, "The EU Border Assistance Mission (EUBAM) trained customs officers in Basra. "
                                  "EUBAM also advised the Ministry of Finance.")])
    names = _names(ex)
    unit = next(k for k, n in names.items() if n.startswith("EU Border Assistance Mission"))
    assert "EUBAM" in ex.actors[unit].aliases
    second = [s for s in ex.statements if s.quote.startswith("EUBAM")]
    assert second and all(unit in s.subjects for s in second)


def test_a_name_used_as_a_time_or_a_stance_is_no_body() -> None:
    ex = Extractor().extract([(1, "The Ministry of Planning manages the World Bank funded projects on Iraq's "
                                  "post-ISIS recovery in Anbar, and the Ministry of Defence briefed donors on "
                                  "anti-Daesh operations.")])
    assert not any(a.kind == "armed_group" for a in ex.actors.values())
    ar = Extractor().extract([(1, "ناقشت وزارة التخطيط مشاريع إعادة الإعمار في مرحلة ما بعد داعش في محافظة نينوى.")])
    assert not any(a.kind == "armed_group" for a in ar.actors.values())
    named = Extractor().extract([(1, "ISIS fighters attacked the village, and the Ministry of Defence sent troops.")])
    assert any(a.kind == "armed_group" for a in named.actors.values())  # the group itself still is


def test_a_possessive_owner_before_words_that_name_no_body() -> None:
    ex = Extractor().extract([(1, "The Lantern Network's Levant and Gulf partners met in Baghdad with the "
                                  "Ministry of Culture.")])
    names = set(_names(ex).values())
    assert "Lantern Network" in names
    assert not any(n.startswith("Lantern Network's") or n.startswith("Lantern Network’s") for n in names)
    vets = Extractor().extract([(1, "The Ministry of Veterans' Affairs opened an office in Basra.")])
    assert "Ministry of Veterans' Affairs" in set(_names(vets).values())


def test_a_plural_head_shared_by_the_items_before_it_names_each_body() -> None:
    cases = {
        "The Interior and Defence Ministries trained 300 officers in Basra.": {"Ministry of Interior", "Ministry of Defence"},
        "The plan was drafted by the Basra and Dhi Qar Provincial Councils.": {"Basra Provincial Council",
                                                                              "Dhi Qar Provincial Council"},
        "It convened the Orchard and the Lantern Social Forums in Mosul.": {"Orchard Social Forum", "Lantern Social Forum"},
    }
    for text, expected in cases.items():
        ex = Extractor().extract([(1, text)])
        names = set(_names(ex).values())
        assert expected <= names, (text, names)
        assert not any(n.endswith(("Councils", "Forums", "Ministries")) for n in names), names
        subjects = {ex.actors[k].name for st in ex.statements for k in st.subjects}
        assert subjects & expected, text


def test_a_single_body_with_and_in_its_name_keeps_it() -> None:
    ex = Extractor().extract([(1, "The Ministry of Labour and Social Affairs runs the Orchard Centre in Basra.")])
    assert "Ministry of Labour and Social Affairs" in set(_names(ex).values())


def test_an_acronym_the_text_never_defines_is_the_body_whose_words_make_it() -> None:
    ex = Extractor().extract([(1, "The Head of the KRG Department of Cultural Exchange met the envoy in Erbil. "
                                  "The meeting was attended by the Assistant Head of the DCE, Ms Narin Hawrami.")])
    names = set(_names(ex).values())
    assert "DCE" not in names
    unit = next(a for a in ex.actors.values() if a.name == "KRG Department of Cultural Exchange")
    assert "DCE" in unit.aliases
    ex = Extractor().extract([(1, "The Delta Coordination Forum and the Delta Cooperation Fund met in Basra. "
                                  "The DCF said more funds were needed.")])
    assert "DCF" in set(_names(ex).values()) or not any("DCF" in a.aliases for a in ex.actors.values())


def test_a_name_of_more_than_ten_words_is_one_body() -> None:
    # eleven words and more: the term index once kept names of ten at most, and dropped the rest
    ex = Extractor().extract([(1, "The Delta Committee on the Implementation of the Strategy to Combat Rural "
                                  "Poverty met on Monday.")])
    assert "Delta Committee on the Implementation of the Strategy to Combat Rural Poverty" in \
        {a.name for a in ex.actors.values()}
