"""Post-OCR correction of Arabic words misread only in their dots (their "rasm" is right).

Debian's fast Arabic model reads the shape of a word well but often loses or moves the dots that
tell ب ت ث ن ي apart (or ج ح خ, س ش, ف ق …): a place name comes out with ت for ن, a verb with ي
for ب. Only words read below SURE are touched, and never one that is known. Known words are:

- the Arabic words of Dalil's own reference data (the gazetteer, the registry, the
  vocabularies' labels, the rule files, the search lexicon: never dev or gold texts);
- the words the same document was read surely (twice, to correct others; once, to be left alone);
- the words Hunspell's Arabic dictionary accepts (Debian's hunspell-ar, where installed).

An unknown word whose dotless skeleton is that of one known word (prefixes و ف ب ك ل ال taken
off both) is that word; else the dictionary is asked which spellings differing in the dots of
one letter (then two) it accepts, and one is taken where one stands out (the document writes
it, or it holds a known word). A word's first letter (after و or ف) is never changed where it
may be a verb's person or a preposition ("يعد" / "تعد" / "بعد"), nor ة/ه or ى/ي, which writers
swap themselves: the OCR must give back the spelling printed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ingest.layout import Word

__all__ = ["Lexicon", "correct_page", "document_lexicon", "dot_variants", "reference_words", "skeleton", "spell"]

ROOT = Path(__file__).resolve().parent.parent
# reference data with Arabic words (never the dev corpus or gold: see the module docstring)
_SOURCES = ("ontologies/gazetteer", "ontologies/registry", "ontologies/vocab", "ingest/rules", "search/data")
_SUFFIXES = (".csv", ".yaml", ".yml", ".ttl", ".tsv")

_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # vowel marks, dagger alef, tatweel
_WORD = re.compile("[\u0621-\u063a\u0641-\u064a]+")
# letters that differ only by dots (and a madda) share one skeleton letter; not ة/ه nor ى/ي,
# which writers themselves use for each other: the OCR must give back the spelling printed
_DOTLESS = str.maketrans({
    **dict.fromkeys("بتثنيئ", "ٮ"), **dict.fromkeys("جحخ", "ح"), "ذ": "د", "ز": "ر", "ش": "س",
    "ض": "ص", "ظ": "ط", "غ": "ع", **dict.fromkeys("فق", "ڡ"), "آ": "ا",
})  # fmt: skip
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_PREFIX_LETTERS = "بتثنيئ"
_GROUPS = ("بتثنيئ", "جحخ", "دذ", "رز", "سش", "صض", "طظ", "عغ", "فق", "اآ")
_SAME_SHAPE = {c: g for g in _GROUPS for c in g}
_MIN_STEM = 3  # shorter words have too many dotted readings to choose from
_MIN_AFTER_PREFIX = 4  # "ويعد" is "و" + "يعد", a verb the reference data need not hold
_DICTIONARIES = ("/usr/share/hunspell", "/usr/share/myspell")
SURE = 90.0  # a word the document read at least this surely is a known word of that document


def plain(word: str) -> str:
    return _MARKS.sub("", word)


def skeleton(word: str) -> str:
    """The word without dots (and vowel marks): what the OCR read reliably."""
    return plain(word).translate(_DOTLESS)


def _stems(word: str) -> Iterable[tuple[str, str]]:
    """(prefix, stem) readings of a word, the whole word first."""
    yield "", word
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= _MIN_AFTER_PREFIX:
            yield p, word[len(p) :]


@lru_cache(maxsize=1)
def reference_words() -> frozenset[str]:
    """The Arabic words of Dalil's reference data (see _SOURCES), without vowel marks."""
    words: set[str] = set()
    for folder in _SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in _SUFFIXES and path.is_file():
                words.update(_WORD.findall(plain(path.read_text(encoding="utf-8", errors="ignore"))))
    return frozenset(w for w in words if len(w) >= _MIN_STEM)


class Lexicon:
    """Known words by the skeleton of their stem, with how often each was seen."""

    def __init__(self, words: Iterable[str]) -> None:
        self.known: Counter[str] = Counter()
        self.by_skeleton: dict[str, Counter[str]] = {}
        self.seen: set[str] = set()  # words taken as read, but too rarely seen to correct others
        # what Hunspell's Arabic dictionary says of the document's unsure words (`spell`): the
        # ones it accepts, and the one spelling differing only in dots it accepts for another
        self.accepted: set[str] = set()
        self.respelled: dict[str, str] = {}
        self.add(words)

    def add(self, words: Iterable[str]) -> None:
        for word in words:
            word = plain(word)
            for _, stem in _stems(word):
                if len(stem) >= _MIN_STEM:  # the whole word may be shorter than a prefixed stem
                    self.known[stem] += 1
                    self.by_skeleton.setdefault(skeleton(stem), Counter())[stem] += 1

    def is_known(self, word: str) -> bool:
        word = plain(word)
        if word in self.seen or word in self.accepted:
            return True
        return any(stem in self.known for _, stem in _stems(word))

    def correct(self, word: str) -> str:
        """``word`` (letters only) with its dots restored where one known word has its skeleton."""
        if len(word) < _MIN_STEM or not _WORD.fullmatch(plain(word)) or self.is_known(word):
            return word
        for prefix, stem in _stems(plain(word)):
            found = self.by_skeleton.get(skeleton(stem))
            if found is None:
                continue
            top = found.most_common(2)
            if (len(top) == 1 or top[0][1] >= 2 * top[1][1]) and not _inflects(prefix + stem, prefix + top[0][0]):
                return prefix + top[0][0]  # one reading, or one far more common
            return word  # two known readings: leave it as read
        return self.respelled.get(plain(word), word)


def _inflects(read: str, known: str) -> bool:
    """The two differ at a word's first letter (after و or ف), where ي ت ن ب are prefixes of
    their own: "ويعد" is not a misread "وبعد", nor "وتمول" of "ويمول"."""
    for i, (a, b) in enumerate(zip(read, known, strict=True)):
        if a != b and (i == 0 or (i == 1 and read[0] in "وف")) and a in _PREFIX_LETTERS:
            return True
    return False


_TOKEN = re.compile(r"^(\W*)(.*?)(\W*)$")


def correct_text(text: str, lexicon: Lexicon) -> str:
    """Each space-separated token of ``text`` with its letters corrected, punctuation kept."""
    out = []
    for token in text.split(" "):
        m = _TOKEN.match(token)
        if m is None or not m.group(2):
            out.append(token)
            continue
        lead, core, trail = m.groups()
        if core.endswith("ء") and not lexicon.is_known(core) and lexicon.is_known(core[:-1]):
            core, trail = core[:-1], "،" + trail  # a comma read as a hamza: "هيتء" is "هيت،"
        out.append(lead + lexicon.correct(core) + trail)
    return " ".join(out)


def document_lexicon(lines: list[list[tuple[str, float]]]) -> Lexicon:
    """The reference words and the words of a document read at least SURE twice or more (with
    their counts, so a word read surely several times outweighs a reference word of the same
    skeleton)."""
    lexicon = Lexicon(reference_words())
    sure = Counter(_TOKEN.sub(r"\2", text) for line in lines for text, conf in line if conf >= SURE)
    lexicon.add(word for word, n in sure.items() for _ in range(n) if n >= 2)  # once may be a sure misreading
    lexicon.seen.update(plain(word) for word in sure)  # but it is not corrected either
    unsure = {plain(_TOKEN.sub(r"\2", text)) for line in lines for text, conf in line if conf < SURE}
    unknown = sorted(w for w in unsure if _WORD.fullmatch(w) and len(w) >= _MIN_STEM and not lexicon.is_known(w))
    grams = Counter(g for word in [*reference_words(), *sure.elements()] for g in _trigrams(plain(word)))
    lexicon.accepted, spellings = spell(unknown)
    for word, found in spellings.items():
        # several dictionary spellings: the one the document or the reference data writes, else
        # the likeliest by its letters
        written = {w for w in found if lexicon.is_known(w)} or _containing(found, lexicon)
        choice = written.pop() if len(written) == 1 else _likely(found, grams) if len(found) > 1 else found.pop()
        if choice:
            lexicon.respelled[word] = choice
    return lexicon


def _containing(found: set[str], lexicon: Lexicon) -> set[str]:
    """The spellings that hold a known word of four letters or more ("وممثلين" holds "ممثل")."""
    stems = [k for k in lexicon.known if len(k) >= _MIN_AFTER_PREFIX]
    return {w for w in found if any(k in w for k in stems)}


def _trigrams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def _likely(found: set[str], grams: Counter[str]) -> str | None:
    """Of several dictionary spellings, the one whose letter triples the document and the
    reference words use most ("وممثلين" before "ومميلين" where "ممثل" is written), if it
    stands out (twice the next); else None."""
    scored = sorted(((sum(grams[g] for g in _trigrams(w)), w) for w in found), reverse=True)
    return scored[0][1] if scored[0][0] > 2 * scored[1][0] else None


def dot_variants(word: str, edits: int = 1) -> set[str]:
    """The spellings of ``word`` with the dots of up to ``edits`` letters changed, the first
    letter (after و or ف) kept where it may be a prefix (`_inflects`)."""
    out = {word}
    for _ in range(edits):
        out |= {
            w[:i] + other + w[i + 1 :]
            for w in out
            for i, c in enumerate(w)
            for other in _SAME_SHAPE.get(c, "")
            if other != c
        }  # fmt: skip
    return {w for w in out if w != word and not _inflects(word, w)}


def spell(words: list[str]) -> tuple[set[str], dict[str, set[str]]]:
    """Which of ``words`` Hunspell's Arabic dictionary (Debian's hunspell-ar) accepts, and for
    the others the spellings it accepts that differ in the dots of one letter (else of two);
    nothing when Hunspell or the dictionary is missing (the correction then knows only the
    reference and the document's words)."""
    accepted = _hunspell_accepts(words)
    found: dict[str, set[str]] = {}
    rejected = [w for w in words if w not in accepted]
    for edits in (1, 2):
        variants = {w: dot_variants(w, edits) for w in rejected if w not in found}
        good = _hunspell_accepts(sorted({v for vs in variants.values() for v in vs}))
        found |= {w: vs & good for w, vs in variants.items() if vs & good}
    return accepted, found


def _hunspell_accepts(words: list[str]) -> set[str]:
    import shutil
    import subprocess

    exe = shutil.which("hunspell")
    if not words or exe is None or not any(Path(d, "ar.dic").exists() for d in _DICTIONARIES):
        return set()
    run = subprocess.run([exe, "-d", "ar", "-i", "utf-8", "-G"], input="\n".join(words) + "\n",
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    return set(run.stdout.split()) & set(words) if run.returncode == 0 else set()


def correct_page(words: list[Word], tokens: list[list[tuple[str, float]]], lexicon: Lexicon) -> list[Word]:
    """A page's OCR'd lines (``words``, whose texts are ``tokens`` joined) with each word read
    below SURE corrected against ``lexicon``."""
    return [
        w._replace(text=" ".join(correct_text(text, lexicon) if conf < SURE else text for text, conf in line))
        for w, line in zip(words, tokens, strict=True)
    ]
