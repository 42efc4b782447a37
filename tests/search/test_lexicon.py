"""Stemmed BM25 terms and the bilingual lexicon: the pieces that carry a question's words to
passages in either language (search/lexical.py, search/lexicon.py). Fast, no stores."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from search import lexicon, mirror_cache
from search.engine import interleave
from search.lexical import ANALYZER_VERSION, BM25Index, analyze
from search.lexicon import translate
from search.vectors import Mirror, SearchFilter


def test_inflections_share_one_term() -> None:
    # English: verb and noun, plural and singular, British and American
    assert analyze("reintegrate") == analyze("reintegration") == analyze("reintegrated")
    assert analyze("subcommittees") == analyze("subcommittee")
    assert analyze("training centres") == analyze("training centers") == analyze("train center")
    # Arabic: article, conjunction, feminine and plural endings, diacritics
    assert analyze("المحافظات") == analyze("والمحافظة") == analyze("محافظة")
    assert analyze("الفرعية") == analyze("فرعي")
    assert analyze("المخيّمات") == analyze("مخيم")
    # stopwords of both languages go, content words stay
    assert analyze("في the من of") == []
    assert analyze("Mosul") == ["mosul"]


def test_bm25_finds_an_inflected_arabic_passage() -> None:
    texts = ["تعمل اللجان الفرعية في المحافظات على خطط فرعية", "افتتاح مركز للتدريب المهني في الموصل",
             "the subcommittee met in Mosul"]
    idx = BM25Index(texts)
    assert [r for r, _ in idx.search("لجنة فرعية في محافظة", 3)][0] == 0
    assert [r for r, _ in idx.search("مراكز التدريب المهنية", 3)][0] == 1
    assert [r for r, _ in idx.search("subcommittees", 3)] == [2]


def test_translate_carries_field_words_both_ways() -> None:
    ar = translate("إعادة إدماج النساء والأطفال العائدين من المخيمات")
    assert {"reintegration", "women", "children", "camps"} <= set(ar)
    assert not any(any("\u0600" <= ch <= "\u06ff" for ch in w) for w in ar)  # English words only
    en = translate("vocational training centres for returnees")
    assert "التدريب المهني" in en and "مراكز" in en and "العائدين" in en
    # a longer phrase wins over its words: "vocational training" is not also plain "training"
    assert "تدريبات" not in en
    # words outside the field's vocabulary translate to nothing
    assert translate("football results tonight") == [] and translate("") == []


def test_words_that_stem_alike_give_every_reading() -> None:
    out = translate("المحافظات")  # governorates; stems like المحافظ (the governor)
    assert "governorate" in out and "governor" in out


def test_a_malformed_lexicon_line_names_the_file_and_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "lexicon.tsv"
    bad.write_text("# comment\nwomen\tالنساء\nno tab on this line\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON", bad)
    lexicon._entries.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"lexicon.tsv:3: expected"):
            translate("women")
    finally:
        lexicon._entries.cache_clear()


def test_interleave_alternates_and_drops_repeats() -> None:
    assert interleave(["a", "b", "c"], ["x", "a", "y"]) == ["a", "x", "b", "c", "y"]
    assert interleave([], ["x"]) == ["x"] and interleave(["", "a"], ["b"]) == ["b", "a"]


def test_saved_bm25_postings_carry_the_analyzer_version(tmp_path: Path) -> None:
    # postings saved with other terms must not be read back: the cache's version includes the analyzer's
    assert mirror_cache.VERSION % 100 == ANALYZER_VERSION
    stamp = mirror_cache.new_stamp(tmp_path)
    mirror_cache.save(tmp_path, stamp, {"ids": ["a"]}, {"matrix": np.zeros((1, 2), dtype=np.float32)})
    assert mirror_cache.load(tmp_path, stamp) is not None
    (tmp_path / mirror_cache.CACHE / "stamp").write_text(f"{mirror_cache.VERSION - 1} {stamp}", encoding="utf-8")
    assert mirror_cache.load(tmp_path, stamp) is None


def test_language_masks_are_kept_per_mirror() -> None:
    m = Mirror(["a", "b", "c"], [{"language": "en"}, {"language": "ar"}, {"language": "mixed"}], None)
    first = m.any_of("language", ("ar", "mixed"))
    assert first.tolist() == [False, True, True] and m.any_of("language", ("ar", "mixed")) is first
    assert m.any_of("language", ("fr",)).tolist() == [False, False, False]


def test_saved_payloads_are_read_one_by_one(tmp_path: Path) -> None:
    payloads = [{"chunk_id": f"c{i}", "text": "نص " * i, "places": [f"p{i}"]} for i in range(5)]
    stamp = mirror_cache.new_stamp(tmp_path)
    mirror_cache.save(tmp_path, stamp, {"ids": [p["chunk_id"] for p in payloads]},
                      {"matrix": np.eye(5, dtype=np.float32), **mirror_cache.pack_rows(payloads)})
    got = mirror_cache.load(tmp_path, stamp)
    assert got is not None
    _meta, arrays = got
    rows = mirror_cache.Rows(arrays["payload_blob"], arrays["payload_offsets"])
    assert len(rows) == 5 and rows[3] == payloads[3] and rows[-1] == payloads[4]
    assert list(rows) == payloads and rows[1:3] == payloads[1:3]
    assert isinstance(arrays["matrix"], np.memmap)  # vectors are mapped, not copied, on open
    with pytest.raises(IndexError):
        rows[5]


def test_saved_inverted_indexes_are_mapped_and_give_the_same_rows(tmp_path: Path) -> None:
    # the filter fields' postings and values are opened as memory maps (issue 19: resident
    # memory of a server over 10,000 bodies), and what is read from them is what was built
    payloads = [{"places": [f"p{i % 3}", "p9", "نينوى"], "language": "ar" if i % 2 else "en"} for i in range(7)]
    built = Mirror([f"c{i}" for i in range(7)], payloads, None)
    keys, packed = mirror_cache.pack_inv(built._inv)
    stamp = mirror_cache.new_stamp(tmp_path)
    mirror_cache.save(tmp_path, stamp, {"ids": ["a"]}, packed)
    got = mirror_cache.load(tmp_path, stamp)
    assert got is not None
    arrays = got[1]
    assert all(isinstance(arrays[n], np.memmap) for n in packed)
    postings = mirror_cache.unpack_inv(keys, arrays)
    assert postings["places"]._keys is None  # values decoded on the field's first use only
    loaded = Mirror(built.ids, payloads, None, postings)
    for f in ("places", "language"):
        assert loaded.values(f) == built.values(f)
        for v in built.values(f):
            rows = loaded.rows(f, v)
            assert type(rows) is np.ndarray and rows.tolist() == built.rows(f, v).tolist()
    flt = SearchFilter(places=["p1"], language="ar")
    assert loaded.mask(flt).tolist() == built.mask(flt).tolist()  # type: ignore[union-attr]


def test_the_default_model_is_saved_loaded_and_gives_the_same_vectors(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.settings import get_settings
    from search import embed

    monkeypatch.setenv("DALIL_HOME", str(tmp_path))
    get_settings.cache_clear()
    try:
        first = embed.load_use(1)  # from the package; saves the loaded model in the home
        saved = embed._use_cache()
        assert saved.is_relative_to(tmp_path) and saved.stat().st_size > 10_000_000
        again = embed.load_use(1)  # from the saved model
        assert again is not first
        text = "مراكز التدريب المهني for returnees"
        assert np.allclose(first.encode([text]), again.encode([text]), atol=1e-6)
        saved.write_bytes(b"not a pickle")  # a damaged file is rebuilt, not fatal
        assert np.allclose(embed.load_use(1).encode([text]), first.encode([text]), atol=1e-6)
    finally:
        get_settings.cache_clear()
