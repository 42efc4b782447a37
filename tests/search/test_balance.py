"""Cross-language pieces of hybrid retrieval that need no stores: the bridged BM25 scored by
groups of alternatives, groups of one thing merged, and the language-balanced top
(search/lexical.py, search/entities.py, search/engine.py)."""

from __future__ import annotations

from search.engine import OTHER_PLACE, balance
from search.entities import merge_groups
from search.lexical import BM25Index


def test_a_group_counts_once_however_many_of_its_renderings_match() -> None:
    texts = [
        "gender equality and women empowerment for women and gender mainstreaming",  # one theme, many labels
        "women in Sinjar",  # the theme once, and the place
        "weather report",
    ]
    idx = BM25Index(texts)
    theme = ("women", "gender", "gender equality", "women empowerment", "gender mainstreaming")
    place = ("Sinjar", "Shingal")
    ranked = [r for r, _ in idx.search_groups([theme, place], 3)]
    assert ranked[0] == 1  # both things asked about beat one thing said five ways
    assert 2 not in ranked
    # a plain BM25 over the same words ranks the many-label passage first: what groups avoid
    assert idx.search(" ".join(theme + place), 1)[0][0] == 0
    # a phrase found whole counts a term's worth, part of it less
    idx2 = BM25Index(["vocational training centre", "training of trainers", "vocational school"])
    scores = dict(idx2.search_groups([("vocational training",)], 3))
    assert scores[0] > scores[1] and scores[0] > scores[2]
    assert idx.search_groups([], 3) == [] and idx.search_groups([("absent",)], 3) == []


def test_groups_sharing_a_rendering_are_one_group() -> None:
    groups = [("committee", "committees"), ("subcommittee",), ("committee", "commission"), ("Iraq",),
              ("subcommittees", "sub-committee")]
    merged = merge_groups(groups)
    assert len(merged) == 3
    assert ("committee", "committees", "commission") in merged
    assert ("Iraq",) in merged
    # a later group joining two earlier ones joins them too
    assert len(merge_groups([("a1",), ("b1",), ("a1", "b1")])) == 1


def test_the_other_languages_best_match_takes_place_five_if_the_fusion_holds_it() -> None:
    fused = [(f"s{i}", 1.0 - i / 100) for i in range(30)]
    place = OTHER_PLACE - 1
    # held by the fusion at 12: moved up to place 5, the four above unchanged, scores in order
    out = balance(fused, ["s12", "x"])
    assert [c for c, _ in out[:place]] == [c for c, _ in fused[:place]]
    assert out[place][0] == "s12" and out[place][1] == fused[place][1]
    assert [s for _, s in out] == sorted((s for _, s in out), reverse=True)
    assert sorted(c for c, _ in out) == sorted(c for c, _ in fused)
    # already in the first four: the next one is tried
    assert balance(fused, ["s1", "s9"])[place][0] == "s9"
    # not held by the fusion near the top (a stray word match): nothing moves
    assert balance(fused, ["s25", "other"]) == fused
    assert balance(fused, []) == fused
    assert balance(fused[:3], ["s2"]) == fused[:3]
