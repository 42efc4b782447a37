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
    # the tagger's organisation ends before a capitalised word of the same name: a cut span
    from spacy.tokens import Span

    from ingest import mentions
    from ingest.nlp import parse

    doc = parse(["The grant pays for the Hilla Old Markets project and the Basra Youth Forum in 2025."])[0]
    assert doc is not None
    words = [t.text for t in doc]
    cut = Span(doc, words.index("Hilla"), words.index("Old") + 1, label="ORG")
    whole = Span(doc, words.index("Basra"), words.index("Forum") + 1, label="ORG")
    doc.ents = [cut, whole]
    names = {c.name for c in mentions.org_entities(doc, lambda t: False, set())}
    assert "Basra Youth Forum" in names
    assert "Hilla Old" not in names


def test_a_post_word_inside_a_body_s_arabic_name_makes_no_person() -> None:
    # "لجنة وزارية مسؤولة عن ملف العودة": "مسؤولة" describes the committee; what follows the comma
    # ("عقدت اجتماعاً": it held a meeting) is no name
    ex = Extractor().extract([(1, "وقالت لجنةٌ وزارية مسؤولة عن ملف العودة، عقدت اجتماعاً في بغداد، إن العمل مستمر.")])
    assert not any(a.kind == "person" for a in ex.actors.values())
    assert not any(st.kind == "post" for st in ex.statements)


def test_a_person_with_two_posts_acts_for_both_bodies() -> None:
    # what a person did in the sentence that names his posts is said of every body he holds one in
    ex = Extractor().extract([(1, "The survey teams were coordinated by Ahmed Salih Jabbar, Deputy Minister at the "
                                  "Ministry of Planning and Rapporteur of the Example Returns Committee.")])
    name = {k: a.name for k, a in ex.actors.items()}
    held = [{name[s] for s in st.subjects} for st in ex.statements if st.kind in ("mandate", "responsibility")]
    assert {"Ministry of Planning", "Example Returns Committee"} in held


def _posts_of(text: str) -> set[tuple[str, str]]:
    ex = Extractor().extract([(1, text)])
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], name[o]) for st in ex.statements if st.kind == "post" for s in st.subjects for o in st.objects}


def test_a_body_its_post_and_a_name_in_one_capitalised_run() -> None:
    # "X Agency Country Director Name": the body ends before the post; the name is a person's
    assert _posts_of('"We will widen the work," added Ruritania Relief Agency Country Director Tomas Brekke.') == {
        ("Tomas Brekke", "Ruritania Relief Agency")}
    assert _posts_of("Ruritania Relief Agency Chief of Mission Karl Ostrander opened the office in Kirkuk.") == {
        ("Karl Ostrander", "Ruritania Relief Agency")}


def test_a_verb_after_the_comma_is_no_apposition() -> None:
    # "Name, met the Minister of X": the sentence goes on; the post is the one before the name
    posts = _posts_of("The Special Envoy for Iraq and Head of the Ruritania Relief Agency, Mr. Paul Dorne, "
                      "met the Minister of Planning.")
    assert posts == {("Paul Dorne", "Ruritania Relief Agency")}


def test_a_post_that_begins_like_an_article_keeps_its_letters() -> None:
    # "Ambassador", "Anbar Governor": the article stripped before a post is a whole word only
    assert _posts_of('"This will help," said Lars Wendt, EU Ambassador to Iraq.') == {("Lars Wendt", "European Union")}
    posts = _posts_of("Layla Omar, Anbar Governor, opened the centre.")
    assert {p for p, _ in posts} == {"Layla Omar"}


def test_an_acronym_and_its_country_before_a_post() -> None:
    posts = _posts_of('The Ruritania Relief Agency (RRA) works in Basra. "We will widen the work," said RRA Iraq '
                      "Chief of Mission Karl Ostrander.")
    assert posts == {("Karl Ostrander", "Ruritania Relief Agency")}


def test_a_bracketed_acronym_between_the_post_and_the_name() -> None:
    posts = _posts_of("Special Envoy of the Secretary-General (SESG) for Iraq and Head of the Ruritania Relief Agency "
                      "(RRA), Dr. Omar Faris, visited the centre in Mosul.")
    assert posts == {("Omar Faris", "Ruritania Relief Agency")}


def test_a_member_of_a_body_in_an_apposition_holds_a_post_there() -> None:
    ex = Extractor().extract([(1, "During the forum in Hilla, Sheikh Rafid Kareem Al-Zubaidi, a key member of the "
                                  "Babil Local Peace Committee, reflected on the first returns."),
                              (2, "The visit was attended by Nadia Salim Al-Ani, a member of the Babil Provincial Council.")])
    name = {k: a.name for k, a in ex.actors.items()}
    posts = {(name[s], name[o]) for st in ex.statements if st.kind == "post" for s in st.subjects for o in st.objects}
    assert ("Rafid Kareem Al-Zubaidi", "Babil Local Peace Committee") in posts
    assert any(p == "Nadia Salim Al-Ani" and "Babil" in b for p, b in posts)


def test_a_head_noun_then_a_person_s_name_is_no_body() -> None:
    ex = Extractor().extract([(1, "Member of Parliament Rafid Kareem Al-Zubaidi visited the camp in Hilla.")])
    assert not any(a.name.startswith("Parliament ") for a in ex.actors.values())
