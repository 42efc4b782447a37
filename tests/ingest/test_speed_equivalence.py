"""Speed-only rewrites give exactly what the code they replaced gave (sentences of our own)."""

from __future__ import annotations

import random
import re

import pytest

from ingest import nlp
from ingest.extract import _names_in
from ingest.nlp_ruler import TableMatch

needs_nlp = pytest.mark.skipif(not nlp.available(), reason="the English spaCy model is not installed")

SENTENCES = [
    "The Harran Youth Council, which I chair, said it would fund the Velmora Institute.",
    "She told us that they'd have done it themselves, but he can't and we won't.",
    "There is a committee; there were two funds, and there's a third one.",
    "Let's say y'all are gonna meet the Minister of Sport, Dara Quell, once again.",
    "Nobody ain't here, and everything that's been said has been done by them.",
    "   ",
    "1. 2. 3 -- (see annex) / [note] * ** ...",
    "Whether or not the Ministry of Tides supports it, its members will, though slowly.",
    "The Board's Secretariat, whose staff we trained, reports to itself and to theirs.",
]


@needs_nlp
def test_attribute_ruler_table_gives_the_matchers_matches() -> None:
    pipeline = nlp._pipeline()
    ruler = pipeline.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, TableMatch)  # installed on load
    table = TableMatch(ruler)
    docs = list(pipeline.pipe(SENTENCES, disable=["attribute_ruler", "ner"]))
    for doc in docs:
        own = type(ruler).match(ruler, doc)  # spaCy's Matcher over all 179 patterns
        assert table(doc) == own, doc.text
    assert any(len(type(ruler).match(ruler, d)) for d in docs)  # the comparison saw matches


@needs_nlp
def test_attribute_ruler_sets_the_same_coarse_tags() -> None:
    pipeline = nlp._pipeline()
    ruler = pipeline.get_pipe("attribute_ruler")
    fast = [[(t.pos_, str(t.morph)) for t in d] for d in pipeline.pipe(SENTENCES)]
    table = ruler.match
    try:
        del ruler.match  # spaCy's own method again
        slow = [[(t.pos_, str(t.morph)) for t in d] for d in pipeline.pipe(SENTENCES)]
    finally:
        ruler.match = table
    assert fast == slow
    assert any(pos == "PRON" for d in fast for pos, _ in d)


def _names_in_by_regex(name: str, text: str) -> bool:
    return len(name) > 2 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def test_whole_word_name_test_agrees_with_the_regex() -> None:
    alphabet = ["a", "b", "ab", " ", "_", "é", "٣", "ك", "-", "(", ")", "1", "\u0640", "\n", ".", "²"]
    rng = random.Random(7)
    hits = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5)))
        if rng.random() < 0.5 and len(text) > 3:
            i = rng.randint(0, len(text) - 1)
            name = text[i : i + rng.randint(1, 5)]
        expected = _names_in_by_regex(name, text)
        assert _names_in(name, text) == expected, (name, text)
        hits += expected
    assert hits > 100
    assert _names_in("Velmora Institute", "the Velmora Institute, and")
    assert not _names_in("Velmora", "the Velmoran delegation")


CUE_SENTENCES = [
    "The Velmora Fund is financed by the Harran Trust and works with the Quell Network.",
    "Youth in Harran face a lack of jobs and the absence of schools.",
    "Nothing here names a cue at all.",
    "تمول مؤسسة فلمورا مركز حران بالتعاون مع شبكة كويل.",
    "يعاني الشباب من نقص فرص العمل وغياب المدارس.",
    "",
]


def test_one_pattern_for_all_cues_misses_only_where_every_cue_misses() -> None:
    from ingest import drivers, relations
    from ingest.rules import any_of, relation_rules

    for lang in ("en", "ar"):
        for cues, combined in ((relation_rules(lang), relations._any_relation_cue(lang)),
                               (drivers.driver_rules(lang), drivers._any_driver_cue(lang))):
            assert combined.pattern  # the cues stood side by side: the prefilter is real
            for sent in CUE_SENTENCES:
                assert bool(combined.search(sent)) == any(r.regex.search(sent) for r in cues), (lang, sent)
            assert any(combined.search(s) for s in CUE_SENTENCES)
    assert not relations._any_relation_cue("en").search(CUE_SENTENCES[2])
    assert any_of(["(?i)a", "b"]).search("xyz")  # cues that cannot be joined: every sentence is tried
