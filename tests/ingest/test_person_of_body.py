""""Omar Saleh of the Example Heritage Agency": a person of a body, not a body named after him; a
post of a body keeps its own reading; sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor


def test_a_person_of_a_body_is_not_part_of_its_name() -> None:
    ex = Extractor().extract([(1, "The deal was signed in Amman by Ali Hasan, Director-General of the Zubair Water "
                                  "Directorate, and Omar Saleh of the Example Heritage Agency.")])
    names = {a.name for a in ex.actors.values()}
    assert "Example Heritage Agency" in names
    assert not any(n.startswith("Omar Saleh of") for n in names)
    assert "Zubair Water Directorate" in names


def test_a_day_before_a_title_is_not_part_of_the_post() -> None:
    ex = Extractor().extract([(1, "On Monday Minister of Youth and Sports Karim Hassan opened the centre in Zubair.")])
    name = {k: a.name for k, a in ex.actors.items()}
    posts = {(name[s], name[o]) for st in ex.statements if st.kind == "post" for s in st.subjects for o in st.objects}
    assert ("Karim Hassan", "Ministry of Youth and Sports") in posts
    assert not any("Monday" in n for n in name.values())


def test_a_name_cut_before_a_capitalised_word_is_no_body() -> None:
    ex = Extractor().extract([(1, '| Government of Japan | $5 million | "Restoring Hilla and Najaf Old Markets": repair '
                                  'of shops, with some 300 young people to be trained |')])
    assert not any(a.name.endswith(" Old") for a in ex.actors.values())
