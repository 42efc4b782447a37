"""The term index keeps a name's key once and its entries as shared tuples (issue 19: a server
keeps the index of every body's names); matching must stay what it was."""

from __future__ import annotations

from graph.terms import TermIndex, token_key


def _found(idx: TermIndex[str], text: str) -> list[tuple[str, str]]:
    return [(h.text, h.payload) for h in idx.find(text)]


def test_a_name_inside_a_longer_name_is_found_alone_and_the_longer_one_first() -> None:
    idx: TermIndex[str] = TermIndex()
    idx.add("Ministry of Youth", "actor:moy")
    idx.add("Ministry", "actor:ministry")
    idx.add("Youth", "theme:youth")
    got = _found(idx, "The Ministry of Youth met the Ministry about youth.")
    assert got == [("Ministry of Youth", "actor:moy"), ("Ministry", "actor:ministry"), ("youth", "theme:youth")]


def test_one_key_keeps_every_payload_and_a_repeated_payload_once() -> None:
    idx: TermIndex[str] = TermIndex()
    idx.add("Youth Council", "actor:a")
    idx.add("youth councils", "actor:b")  # the same key (plural stem)
    idx.add("Youth Council", "actor:a")  # a name and an alias of one body spelled alike
    assert _found(idx, "the Youth Council") == [("Youth Council", "actor:a"), ("Youth Council", "actor:b")]


def test_terms_added_after_a_look_up_are_found() -> None:
    idx: TermIndex[str] = TermIndex()
    idx.add("Ninewa Council", "actor:nc")
    assert _found(idx, "the Ninewa Council and the Basra Council") == [("Ninewa Council", "actor:nc")]
    idx.add("Basra Council", "actor:bc")
    assert _found(idx, "the Ninewa Council and the Basra Council") == [
        ("Ninewa Council", "actor:nc"), ("Basra Council", "actor:bc")]


def test_building_an_index_leaves_the_process_wide_token_cache_alone() -> None:
    """The tokens of 20,000 body names stayed in token_key's cache for the life of a server."""
    token_key.cache_clear()
    idx: TermIndex[str] = TermIndex()
    for i in range(500):
        idx.add(f"Synthetic Body {i}", f"actor:{i}")
        idx.add(f"SB{i}", f"actor:{i}", "upper")
    assert token_key.cache_info().currsize == 0
    assert _found(idx, "Synthetic Body 7 and SB12") == [("Synthetic Body 7", "actor:7"), ("SB12", "actor:12")]
