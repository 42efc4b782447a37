"""Partners named around a pronoun or with no counterpart after them ("A and B implement it", "X is
also a partner"): partners of the clause's subject; a sentence of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor

SENTENCE = ("The Example Heritage Agency's pilot answers that request with the Ministry of Education; the Danish "
            "NGO Dohar Aid and the Basra Youth Forum (BYF) implement it, and the Regional Peace Institute (RPI) "
            "is also a partner.")


def test_implementers_of_it_and_a_partner_with_no_counterpart() -> None:
    ex = Extractor().extract([(1, SENTENCE)])
    name = {k: a.name for k, a in ex.actors.items()}
    partners = {(name[s], name[o]) for st in ex.statements if st.kind == "partnership"
                for s in st.subjects for o in st.objects}
    for body in ("Dohar Aid", "Basra Youth Forum", "Regional Peace Institute"):  # "A (ACR)" ends no list
        assert (body, "Example Heritage Agency") in partners, body
    assert ("Regional Peace Institute", "Ministry of Education") not in partners


def test_a_project_of_a_named_programme_implemented_by_an_agent() -> None:
    # "The project is part of the X Programme, implemented by A in partnership with B": A works with
    # B; the project is neither the previous sentence's subject's nor A part of X
    ex = Extractor().extract([(1, "Layla Ahmed, the Basra Youth Forum's director, spoke to the press. The project is "
                                  "part of the Southern Resilience Programme, implemented by UNDP in partnership "
                                  "with the Ministry of Youth and Sports.")])
    name = {k: a.name for k, a in ex.actors.items()}
    pairs = {(st.kind, name[s], name[o]) for st in ex.statements for s in st.subjects for o in st.objects}
    assert ("partnership", "United Nations Development Programme", "Ministry of Youth and Sports") in pairs
    assert not any(k == "partnership" and s == "Basra Youth Forum" for k, s, _ in pairs)
    assert not any(k == "part_of" and s == "United Nations Development Programme" for k, s, _ in pairs)
