"""Finding a place by any of its names: level words, transliteration keys, the lookup and the
hierarchy (graph.vocab.places builds the places themselves).

The extractor, the question router and the stores all look places up through `Gazetteer` and
`place_index`, so a spelling that one of them finds the others find too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

import yaml

from graph.model import Place, place_id
from graph.names import is_arabic, name_key, normalize_arabic, normalize_name
from graph.terms import TermIndex, one_name
from graph.vocab.places import GAZETTEER_DIR, LEVEL_RANK, load_places

# Words that say which level a place name means ("Nineveh Governorate", "قضاء تلكيف").
_LEVEL_WORDS: dict[str, str] = {
    "governorate": "governorate",
    "province": "governorate",
    "muhafaza": "governorate",
    "muhafazat": "governorate",
    "محافظه": "governorate",
    "district": "district",
    "qadha": "district",
    "qada": "district",
    "qadaa": "district",
    "qadhaa": "district",
    "kaza": "district",
    "قضاء": "district",
    "subdistrict": "subdistrict",
    "sub district": "subdistrict",
    "nahiya": "subdistrict",
    "nahia": "subdistrict",
    "nahiyah": "subdistrict",
    "ناحيه": "subdistrict",
    "city": "",
    "town": "",
    "مدينه": "",
}


def _strip_level_word(norm: str) -> tuple[str, str] | None:
    """("nineveh", "governorate") for "nineveh governorate"; None when no level word is present."""
    toks = norm.split(" ")
    for n in (2, 1):
        if len(toks) > n:
            head, tail = " ".join(toks[:n]), " ".join(toks[-n:])
            if head in _LEVEL_WORDS:
                return " ".join(toks[n:]), _LEVEL_WORDS[head]
            if tail in _LEVEL_WORDS:
                return " ".join(toks[:-n]), _LEVEL_WORDS[tail]
    return None


# "in all (18) governorates", "every province", "في جميع المحافظات": the whole country, not a list
# of places; one pattern for what the extractor reads and what a question asks
ALL_GOVERNORATES = (
    r"\b(?:all|every|each)\s+(?:the\s+|of\s+the\s+)?(?:\d+\s+|eighteen\s+)?(?:governorates?|provinces?)\b|\bnationwide\b"
    r"|(?:كل|جميع|كافة)\s+(?:ال)?محافظات|المحافظات كافة"
)


def without_level_words(name: str) -> str:
    """The normalised name without its level words ("Anbar Governorate CVE Subcommittee" ->
    "anbar cve subcommittee", "... في محافظة الأنبار" -> "... في انبار"), so a body is also found
    when a question leaves the word out; "" when the name has none, or nothing else is left."""
    toks = normalize_name(name).split(" ")
    kept = [t for t in toks if t not in _LEVEL_WORDS]
    return " ".join(kept) if len(kept) != len(toks) and len(kept) >= 2 else ""


_EN_ARTICLE = re.compile(r"^(al|el|an|ar|as|ash|at|ad|az)[\s-]+", re.IGNORECASE)


def _variants(place: Place) -> list[str]:
    names = [place.name, place.name_ar, *place.alt_names]
    # "Al-Mosul" is also written "Mosul": index the English names without the article too.
    names += [_EN_ARTICLE.sub("", n) for n in names if _EN_ARTICLE.match(n)]
    return names


# Latin renderings of one Arabic place name differ in vowels, doubled letters, a final h and the
# article: Mahmudiya = Mahmoudiya = Al-Mahmudiyah, Tarmia = Tarmiyah, Heet = Hit, El- = Al-;
# in longer words the short vowels between consonants vary too (Yusufiya = Yousifya).
_TRANSLIT_ARTICLES = frozenset({"el", "ad", "ar", "ash", "az"})
_TRANSLIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"([a-z])\1+"), r"\1"),
    (re.compile(r"(?<=[aeiou])h$"), ""),
    (re.compile(r"iy?(?=[aeiou])"), "y"),
)
_SHORT_VOWEL = re.compile(r"(?<=[^aeiou])[aeiou](?=[^aeiou])")
_SHORT_VOWEL_MIN = 6  # shorter words keep their vowels: too many short names differ only there


def place_token_key(token: str) -> str:
    """The transliteration-insensitive form of one normalised token of a place name (Latin
    tokens only; Arabic is already folded by graph.names). Used by the gazetteer, by
    `place_index` (so by the extractor and the question router) and by the query alike."""
    if not token.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
        if not t.isascii():
            return token
        token = t
    if token in _TRANSLIT_ARTICLES:
        return "al"
    for pattern, repl in _TRANSLIT_RULES:
        token = pattern.sub(repl, token)
    return _SHORT_VOWEL.sub("", token) if len(token) >= _SHORT_VOWEL_MIN else token


def place_key(name: str) -> str:
    """The transliteration-insensitive key of a whole place name ("Al-Mahmoudiya" and
    "al Mahmudiyah" share one)."""
    return " ".join(place_token_key(t) for t in normalize_name(name).split(" ") if t)


class Gazetteer:
    """Place lookup by any name (English, Arabic, alternates) and the place hierarchy.

    ``lookup`` returns places whose normalised name equals the query first (ordered country,
    governorate, district, sub-district), then looser matches (generic words such as "al"
    dropped), then transliteration variants (`place_key`) when they name one place. A level word in the query ("Nineveh Governorate", "قضاء تلكيف") is stripped and
    puts places of that level first.
    """

    def __init__(self, places: Iterable[Place]) -> None:
        self._by_id: dict[str, Place] = {}
        self._children: dict[str, list[str]] = defaultdict(list)
        self._exact: dict[str, list[str]] = defaultdict(list)
        self._loose: dict[str, list[str]] = defaultdict(list)
        # place_key -> (place id, normalised name) of every name under it
        self._translit: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for p in places:
            self._by_id[p.id] = p
            if p.parent:
                self._children[p.parent].append(p.id)
            for n in _variants(p):
                for index, key in ((self._exact, normalize_name(n)), (self._loose, name_key(n))):
                    if key and p.id not in index[key]:
                        index[key].append(p.id)
                if place_key(n):
                    self._translit[place_key(n)].append((p.id, normalize_name(n)))

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._by_id.values())

    @staticmethod
    def _pid(place: str) -> str:
        return place if place.startswith("place:") else place_id(place)

    def get(self, place: str) -> Place | None:
        """The place with this id ("place:IQG15") or P-code ("IQG15")."""
        return self._by_id.get(self._pid(place))

    def by_level(self, level: str) -> list[Place]:
        return [p for p in self._by_id.values() if p.level == level]

    def _order(self, ids: Iterable[str], level: str) -> list[str]:
        def rank(pid: str) -> tuple[int, int, str]:
            lvl = self._by_id[pid].level
            return (0 if not level or lvl == level else 1, LEVEL_RANK.get(lvl, 9), pid)

        return sorted(set(ids), key=rank)

    def lookup(self, name: str) -> list[Place]:
        """Places named ``name``: exact normalised matches first, then loose ones."""
        norm = normalize_name(name)
        if not norm:
            return []
        queries = [(norm, "")]
        stripped = _strip_level_word(norm)
        if stripped and stripped[0]:
            queries.append(stripped)
        ordered: list[str] = []
        for index, keyer in ((self._exact, normalize_name), (self._loose, name_key)):
            for q, level in queries:
                ids = index.get(keyer(q), [])
                ordered += [pid for pid in self._order(ids, level) if pid not in ordered]
        if not ordered:
            for q, level in queries:
                ids = one_name(self._translit.get(place_key(q), []))
                ordered += [pid for pid in self._order(ids, level) if pid not in ordered]
        return [self._by_id[pid] for pid in ordered]

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Close spellings of an unknown place name, for the error message."""
        import difflib

        names = {normalize_name(v): v for p in self._by_id.values() for v in (p.name, p.name_ar, *p.alt_names) if v}
        return [names[k] for k in difflib.get_close_matches(normalize_name(name), list(names), n=n, cutoff=0.6)]

    def ancestors(self, place: str) -> list[str]:
        """Ids of the parent chain, nearest first, up to the country ("place:IQ")."""
        out: list[str] = []
        current = self._by_id.get(self._pid(place))
        while current is not None and current.parent and current.parent not in out:
            out.append(current.parent)
            current = self._by_id.get(current.parent)
        return out

    def descendants(self, place: str) -> list[str]:
        """Ids of every place inside ``place`` (children first, breadth-first)."""
        out: list[str] = []
        queue = list(self._children.get(self._pid(place), []))
        while queue:
            pid = queue.pop(0)
            out.append(pid)
            queue.extend(self._children.get(pid, []))
        return out

    def contains(self, outer: str, inner: str) -> bool:
        """True when ``inner`` is ``outer`` or lies inside it (the roll-up test of "who covers")."""
        o, i = self._pid(outer), self._pid(inner)
        return o == i or o in self.ancestors(i)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer over `load_places`, built once."""
    return Gazetteer(load_places())


@lru_cache(maxsize=2)
def place_index(case: str = "any") -> TermIndex[str]:
    """Every place name (official, Arabic, alternates) as one term index, built once per process.

    ``case="title"`` is for running text (a capital is required on Latin names, so the common
    words among sub-district names do not match); questions use ``"any"``.
    """
    idx: TermIndex[str] = TermIndex(loose=place_token_key)
    for p in load_places():
        for n in _variants(p):
            if n and len(n) >= 3:
                idx.add(n, p.id, case)
    return idx


@lru_cache(maxsize=1)
def _ar_place_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    lex = yaml.safe_load((GAZETTEER_DIR / "everyday_words_ar.yaml").read_text(encoding="utf-8"))
    return (frozenset(normalize_arabic(w) for w in lex["common_words"]),
            frozenset(normalize_arabic(w) for w in lex["place_nouns"]))


def everyday_word_not_a_place(sent: str, start: int, end: int, places: list[tuple[int, int]]) -> bool:
    """An Arabic place name that is also an everyday word ("حضر الاجتماع", "دور المرأة") is no
    place unless a place noun stands before it ("قضاء الحضر") or another place is listed beside it
    ("الدور وسامراء"); ``places`` are the spans of the sentence's other place names."""
    word = sent[start:end]
    common, nouns = _ar_place_lexicon()
    if not is_arabic(word) or normalize_arabic(word) not in common:
        return False
    before = re.findall(r"[\u0621-\u064a]+", sent[max(0, start - 30) : start])
    if before and normalize_arabic(before[-1]) in nouns:
        return False
    return not any(s != start and (0 <= start - e <= 4 and re.fullmatch(r"\s*[،,]?\s*", sent[e:start])
                                   or 0 <= s - end <= 4 and re.fullmatch(r"\s*[،,]?\s*و?", sent[end:s]))
                   for s, e in places if normalize_arabic(sent[s:e]) not in common)


# words before "القضاء" that make it the district: its mayor, its centre, its sub-districts
_DISTRICT_CONTEXT = frozenset(normalize_arabic(w) for w in (
    "قائممقام", "قائمقام", "قائممقامية", "مركز", "نواحي", "ناحية", "أقضية", "حدود", "ضمن", "أهالي", "سكان"))


def district_noun(text: str, start: int, end: int) -> bool:
    """"قضاء الزبير", "قائممقام القضاء": the administrative district, not the judiciary (one word
    in Arabic, and a label of the justice theme): a place after it, or a district's word before."""
    if not re.fullmatch(r"[وبل]?(?:ال)?قضاء", text[start:end]):
        return False
    before = re.findall(r"[\u0621-\u064a]+", text[max(0, start - 16) : start])
    if before and normalize_arabic(re.sub(r"^[وبل](?=\S{4})", "", before[-1])) in _DISTRICT_CONTEXT:
        return True
    hits = place_index("any").find(text[end : end + 40])
    return bool(hits) and not text[end : end + hits[0].start].strip()
