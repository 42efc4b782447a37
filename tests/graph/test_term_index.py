"""The term index keeps a name's key once and its entries as shared tuples (issue 19: a server
keeps the index of every body's names); matching must stay what it was."""

from __future__ import annotations

from graph.terms import TermIndex, _case_ok, token_key, tokenize, tokens


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


def _plain_find(terms: dict[tuple[str, ...], list[tuple[str, str]]], text: str, max_len: int) -> list[tuple[str, str]]:
    """The longest registered span at each token, over a plain dict of token-key tuples (what the
    index held before its keys were joined strings and its one-entry keys a bare payload)."""
    tz, out, i = tokenize(text), [], 0
    while i < len(tz.toks):
        for n in range(min(max_len, len(tz.toks) - i), 0, -1):
            surface = [t for _, _, t in tz.toks[i : i + n]]
            ok = [p for p, case in terms.get(tuple(tz.keys[i : i + n]), []) if _case_ok(surface, case)]
            if ok:
                out += [(text[tz.toks[i][0] : tz.toks[i + n - 1][1]], p) for p in ok]
                i += n
                break
        else:
            i += 1
    return out


def test_joined_keys_and_bare_payloads_match_as_token_tuples() -> None:
    """Keys are held as one joined string and a key of one "any" entry as its payload alone
    (issue 19: the index of 20,000 body names a server keeps): the same spans must match."""
    names = [(f"Synthetic Body {i}", f"actor:{i}", "any") for i in range(300)]
    names += [(f"SB{i}", f"actor:{i}", "any") for i in range(300)]
    names += [("UNDP", "actor:undp", "upper"), ("United Nations Development Programme", "actor:undp", "any"),
              ("Youth Council", "actor:a", "any"), ("youth councils", "actor:b", "any"), ("Youth Council", "actor:a", "any"),
              ("Body", "actor:body", "title"), ("Synthetic", "actor:syn", "any"), ("Body 12 Synthetic", "actor:odd", "any")]
    idx: TermIndex[str] = TermIndex()
    plain: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for surface, payload, case in names:
        idx.add(surface, payload, case)
        key = tuple(k for _, _, t in tokens(surface) if (k := token_key(t)))
        if all(p != payload for p, _ in plain.setdefault(key, [])):
            plain[key].append((payload, case))
    assert any(type(v) is str for v in idx._terms.values()) and any(type(v) is not str for v in idx._terms.values())
    for text in ["Synthetic Body 12 Synthetic and SB7, sb8, the undp and UNDP", "the Youth Councils met the body and Body",
                 "Synthetic Body Synthetic Body 299 Synthetic Body 3000", "United Nations Development Programme (UNDP)"]:
        assert _found(idx, text) == _plain_find(plain, text, idx.max_len), text


def test_building_an_index_of_many_names_holds_little_more_than_the_index() -> None:
    """Each distinct token's key was remembered until the first look-up: 20,000 body names' own
    tokens (numbers, places) at the height of a server's start, as much as the index itself."""
    import gc
    import tracemalloc

    names = [(f"Velm Subcommittee {i} of the Orrin{i * 7} Board", f"actor:{i}") for i in range(20_000)]
    gc.collect()
    tracemalloc.start()
    try:
        idx: TermIndex[str] = TermIndex()
        for name, payload in names:
            idx.add(name, payload)
        peak = tracemalloc.get_traced_memory()[1]
        assert _found(idx, "the Velm Subcommittee 5 of the Orrin35 Board") == [
            ("Velm Subcommittee 5 of the Orrin35 Board", "actor:5")]
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert peak < 1.3 * kept, (peak, kept)
