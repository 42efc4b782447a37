"""Questions no domain query fits, answered by the statements that best match them.

"Who closed the camp?", "To whom does the Team report?", "من صادق على الوثيقة؟": the graph has
the statement that answers each ("The government closed the camp …"); the router has no intent
for it. The statements are ranked by the question's content words they share (weighted by
rarity, in either script) and by the search hits their sentence stands in (the multilingual
vectors bring an English question to an Arabic sentence); the bodies holding the best ones are
the answer, each row citing its statement. A body the question names is the one asked about:
the answer is its counterpart in the statement, not the body itself.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.domain import Snapshot, St, actor_row
from graph.domain.snapshot import _best_match
from graph.grounding import grounder
from graph.names import is_arabic, normalize_arabic
from search.lexical import stem

_STOP_EN = {
    "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "does", "did", "do", "is", "are",
    "was", "were", "the", "a", "an", "of", "in", "on", "for", "to", "and", "or", "by", "with", "from", "at",
    "under", "into", "that", "this", "these", "those", "it", "its", "their", "be", "been", "has", "have", "had",
    "will", "would", "can", "could", "should", "must", "may", "body", "bodies", "organisation", "organisations",
    "organization", "organizations", "iraq", "iraqi", "about", "any", "there", "they", "them", "so", "said", "say",
}
_STOP_AR = {normalize_arabic(w) for w in (
    "من", "ما", "ماذا", "هل", "أي", "اي", "التي", "الذي", "الذين", "في", "على", "عن", "إلى", "الى", "مع", "هي",
    "هو", "كيف", "متى", "أين", "اين", "لماذا", "الجهات", "الجهة", "العراق", "و", "أو", "او", "به", "بها", "تطالب",
)}
_NO_ANSWER_KINDS = {"driver", "need"}
_TOGETHER = {"partnership"}  # the statement's objects did the act with its subjects
FLOOR = 0.3  # the least share of the question's (weighted) words a statement must carry
# ... to replace a broad domain answer ("who works in X") the statement must carry most of them
SPECIFIC = 0.6
KIND_MATCH = 0.25  # what a statement of the kind the question asks for counts for, before its words
# what a statement placed only elsewhere than the place a question names counts for, of its score
PLACE_ELSEWHERE = 0.5
# placed where the question asks: at the place, inside it, or in the governorate around it (not
# only nationwide: "pays part of the costs" of a national group is not work in the district)
_HERE = ("place", "inside", "above")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _stems(text: str) -> list[str]:
    return [keys[0] for keys in _word_keys(text)]


# Arabic verbs carry their person in letters before and after the root: "نظّمت" (she organised),
# "ينظم" (he organises), "نظمتها" (organised it) are one act
_AR_SUFFIX = re.compile(r"(?:هما|ها|هم|هن|كم|نا|ت|ه|ون|ين|وا)$")
_AR_PREFIX = re.compile(r"^[يتن]")


def _ar_forms(n: str) -> list[str]:
    """The word's key first, then the same word without a verb's person letters (3 letters or more)."""
    forms = [n[:5]]
    bare = n
    for _ in range(2):  # "نظمتها": the object's letters, then the subject's
        bare = _AR_SUFFIX.sub("", bare) if len(bare) > 3 else bare
    # an adjective of relation and its noun are one word: "حواري" (of dialogue) is "حوار"
    nisba = re.sub(r"(?:يه|ي)$", "", n) if len(n) > 4 else n
    for w in (bare, _AR_PREFIX.sub("", n) if len(n) > 3 else n, _AR_PREFIX.sub("", bare) if len(bare) > 3 else bare, nisba):
        if len(w) >= 3 and w[:5] not in forms:
            forms.append(w[:5])
    return forms


SYNONYMS = Path(__file__).resolve().parent / "data" / "synonyms_en.tsv"


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    """Stem -> the stem of its group's first word (search/data/synonyms_en.tsv)."""
    out: dict[str, str] = {}
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words = [w.strip().lower() for w in line.split("\t") if w.strip()]
            key = stem(words[0].split()[0])[:6]
            for w in words:
                out.setdefault(stem(w.split()[0])[:6], key)
    return out


def _word_keys(text: str) -> list[list[str]]:
    """Per content word, its keys: the first is the word's own stem (or its synonym group's), the
    others its other forms."""
    out = []
    same = _synonyms()
    for w in _WORD.findall(text.lower()):
        if is_arabic(w):
            n = normalize_arabic(w)
            n = re.sub(r"^(?:و|ف)?(?:ال|بال|لل|وال)", "", n) if len(n) > 4 else n
            if n and n not in _STOP_AR and len(n) > 2:
                out.append(_ar_forms(n))
        elif (w not in _STOP_EN or w in ("all", "every", "whole")) and len(w) > 2:
            key = stem(w)[:6]  # "funded" and "funding" are one act
            out.append([same.get(key, key)])  # and so are "closed" and "shutdown"
    return out


# verbs that ask where a body is at all, not what it did: they name no act
_GENERIC = {*(k for w in ("work", "works", "working", "worked", "active", "operate", "operates", "operating",
                          "present", "cover", "covers", "covering", "involved", "based", "located")
              for k in _stems(w)),
            *(normalize_arabic(w)[:5] for w in ("يعمل", "تعمل", "يعملون", "عمل", "ينشط", "تنشط", "يغطي", "تغطي",
                                                 "موجود", "متواجد", "يتواجد", "تتواجد", "حاضر"))}


def names_an_act(question: str, snap: Snapshot) -> bool:
    """The question names something done ("rebuild", "closed", "signed"), beyond where and who
    (and the kind of body asked for: "which UN agencies work in X" names no act)."""
    from graph.vocab import place_index
    from search.router import KIND_PHRASES

    text = question
    for h in sorted(place_index("any").find(question), key=lambda h: -h.start):
        text = text[: h.start] + text[h.end :]
    text = KIND_PHRASES.sub(" ", text)
    return any(s not in _GENERIC for s in _stems(text))


# acts done to a text or an agreement ("who drafted the plan", "من صادق على الوثيقة"): a question
# about a plan's theme and place that names one asks who did it, not who covers the theme
_TEXT_ACT = re.compile(r"\b(?:draft(?:s|ed|ing)?|prepar(?:e|es|ed|ing)|approv(?:e|es|ed|ing|al)|sign(?:s|ed|ing)?|"
                       r"adopt(?:s|ed|ing)?|endors(?:e|es|ed|ing)|launch(?:es|ed|ing)?|wr[io]te|written|authored|"
                       r"ratif(?:y|ies|ied)|validat(?:e|es|ed))\b"
                       r"|(?:^|\s)(?:أعد|أعدت|اعد|اعدت|صادق|صادقت|وقع|وقعت|وقّع|وقّعت|أقر|أقرت|اعتمد|اعتمدت|أطلق|أطلقت|صاغ|صاغت)(?!\w)")


def acts_on_a_text(question: str) -> bool:
    """The question asks who drafted, signed, approved or launched something."""
    return bool(_TEXT_ACT.search(question.lower()))


ACT_WEIGHT = 3.0
# "من صادق على …", "ما الجهات التي نظمت …": the verb after the question's relative word is its act
_AR_ACT = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:من|التي|الذي|الذين)\s+([^\s؟?،]+)")


# "Who reopened …", "Who will repair …", "Which militia must withdraw …": the verb after the
# question word (and its auxiliary or modal) is the act asked about
_AUX = (r"(?:has|have|had|did|does|do|will|would|must|should|can|could|may|shall|is|are|was|were)\s+"
        r"(?:(?:to|be|been|also|not)\s+)*")
_EN_ACT = (re.compile(rf"^\W*which\s+(?:[\w-]+\s+){{1,3}}?{_AUX}([a-z][\w-]+)", re.I),
           re.compile(rf"^\W*(?:who\s+|which\s+[\w-]+\s+)(?:{_AUX})?([a-z][\w-]+)", re.I))


def _asked_act(question: str) -> str | None:
    """The stem of the act a question asks about, if it names one."""
    m = _AR_ACT.search(question)
    if m is None or not is_arabic(m.group(1)):
        m = _EN_ACT[0].search(question) or _EN_ACT[1].search(question)
    keys = _word_keys(m.group(1)) if m else []
    return keys[0][0] if keys and keys[0][0] not in _GENERIC else None


AGENT_BONUS = 0.5
AGENT_LOOK = 50  # the best-matching statements read for the act's agent (the quote's words, its bodies)


def _holder_does(snap: Snapshot, st: St, act: str) -> bool:
    """A holder of the statement is the agent of the act in its quote: named just before the verb
    (English), just after it (an Arabic verb first), or after its "by" (a passive)."""
    quote = st.quote
    acts = [m for m in _WORD.finditer(quote) if any(act in keys for keys in _word_keys(m.group(0)))]
    if not acts:
        return False
    bodies = [h for h in grounder(snap).found(quote)[0] if h.payload in st.subjects]
    for m in acts:
        for h in bodies:
            if h.end <= m.start() and re.fullmatch(r"(?:\s+[a-z]+){0,3}\s+", quote[h.end : m.start()]):
                return True  # "the Government had closed"
            if h.start >= m.end() and (re.fullmatch(r"(?:\s+\S+){0,2}\s+", quote[m.end() : h.start]) and is_arabic(m.group(0))
                                       or re.fullmatch(r"\s+(?:\w+\s+)?by\s+(?:the\s+)?", quote[m.end() : h.start])):
                return True  # "أغلقت الحكومة المخيم", "closed by the Government"
    return False


# "من ساهم في تنفيذ X", "من اشترك في …": who took part asks for the parties of a joint act (a
# partnership statement's holders and partners), "من يشرف على X" for its supervisors, whatever
# words the sentence uses for the act
_ACT_KINDS = {k: kind for kind, verbs in (
    ("partnership", ("شارك", "شاركت", "ساهم", "ساهمت", "أسهم", "أسهمت", "اشترك", "اشتركت", "تعاون", "تعاونت")),
    ("supervision", ("يشرف", "تشرف", "أشرف", "أشرفت")),
) for w in verbs for k in _ar_forms(normalize_arabic(w))}


def asked_kinds(question: str) -> set[str] | None:
    """The statement kinds an Arabic question's act asks for, if it names a joint act or supervision."""
    act = _asked_act(question)
    return {_ACT_KINDS[act]} if act and act in _ACT_KINDS else None


class StatementIndex:
    """Content stems of every statement's quote, with their rarity; built once per snapshot."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.items: list[tuple[St, set[str]]] = [
            (st, {k for keys in _word_keys(st.quote) for k in keys})
            for st in snap.live() if st.kind not in _NO_ANSWER_KINDS and st.subjects
        ]
        df: Counter[str] = Counter()
        for _, stems in self.items:
            df.update(stems)
        n = max(1, len(self.items))
        self.idf = {t: math.log(1 + n / c) for t, c in df.items()}

    def rank(self, question: str, hits: list[dict[str, Any]], need: int = 2) -> list[tuple[float, St]]:
        from graph.vocab import place_index

        # a place the question names is where it asks, a filter and not what was done there: its
        # words neither count for a statement nor against one ("… في شمال سنجار", "… in Sinjar")
        places = {k for h in place_index("any").find(question) for keys in _word_keys(question[h.start : h.end])
                  for k in keys}
        words = list({keys[0]: keys for keys in _word_keys(question) if keys[0] not in places}.values())
        unseen = math.log(1 + len(self.items))
        weight = {keys[0]: self.idf.get(keys[0], unseen) for keys in words}
        act = _asked_act(question)
        if act in weight:  # the act asked about decides which statement answers, more than its setting
            weight[act] *= ACT_WEIGHT
        total = sum(weight.values()) or 1.0
        texts = [str(h.get("text", "")) for h in hits]
        out = []
        need = min(need, len(words))  # one shared word ("today") is no match for a question of several
        for st, stems in self.items:
            # a word matches in any of its forms, and weighs what its own form weighs (or its
            # matched form, when the question's own form is in no statement)
            shared = [weight[keys[0]] if keys[0] in self.idf or keys[0] == act
                      else max(self.idf[k] for k in keys if k in stems)
                      for keys in words if stems.intersection(keys)]
            if len(shared) < need:
                continue
            lexical = min(1.0, sum(shared) / total)
            # the sentence stands in a passage the (multilingual) search ranked for the question
            near = next((1.0 / (1 + i) for i, t in enumerate(texts) if st.quote and st.quote[:80] in t), 0.0)
            score = lexical + 0.35 * near
            if score > 0 or not need:
                out.append((score, st))
        out.sort(key=lambda x: (-x[0], x[1].id))
        return out


_INDEX: dict[int, StatementIndex] = {}


def _index(snap: Snapshot) -> StatementIndex:
    idx = _INDEX.get(id(snap))
    if idx is None or idx.snap is not snap:
        _INDEX.clear()  # one snapshot at a time: a new one replaces the last
        idx = _INDEX[id(snap)] = StatementIndex(snap)
    return idx


def _besides_act(question: str, snap: Snapshot, hits: list[dict[str, Any]]) -> dict[str, float]:
    """Each statement's share of the question's words other than its act ("who funds the
    repair of the mosque": "repair", "mosque"), by statement id."""
    act = _asked_act(question)
    rest = " ".join(w for w in _WORD.findall(question) if not act or act not in (_word_keys(w) or [[""]])[0])
    return {st.id: sc for sc, st in _index(snap).rank(rest, hits, need=0)}


# "What does X expect to achieve?", "ماذا تعتزم X أن تفعل؟": the question asks what the body it
# names does, so that body (holding the statement) is the answer, not the statement's counterpart
_WHAT_IT_DOES = re.compile(r"\W*(?:what\s+(?:does|did|do|will|would|is|are|was|were|has|have|can|should|must)\b|"
                           r"ماذا\s|ما\s+الذي\s|ما\s+هو\s+الذي\s)", re.I)


def answer(question: str, snap: Snapshot, hits: list[dict[str, Any]], named: list[str],
           keep: int = 3, floor: float = FLOOR, kinds: set[str] | None = None,
           actor_kind: str | None = None, place: str | None = None) -> list[dict[str, Any]]:
    """Rows (the shape of the domain answers) for the bodies holding the best statements.
    ``kinds``: "who funded the dialogue?" asks for the holders of funding statements, where the
    graph has any that match; ``actor_kind``: "which armed group …" asks for bodies of that kind;
    ``place``: the place the question names, where a statement placed there or inside it
    answers before one placed elsewhere ("who pays for the work in X?")."""
    ranked = _index(snap).rank(question, hits)
    kinds = kinds or asked_kinds(question)
    if kinds:  # a statement of the asked kind matches the question's verb ("funded" ~ a funding statement)
        asked = sorted(((sc + KIND_MATCH, st) for sc, st in _index(snap).rank(question, hits, need=0)
                        if st.kind in kinds), key=lambda x: (-x[0], x[1].id))
        if named:  # "who funds X?": only a statement of the kind that names X (funded, not funding) answers it
            asked = [(sc, st) for sc, st in asked
                     if set(named) & set(st.objects if "funding" in kinds else st.subjects + st.objects)]
            if not asked:
                return []
        ranked = asked if asked and asked[0][0] >= floor else ranked
    if actor_kind:
        ranked = [(sc, st) for sc, st in ranked
                  if any(snap.actors.get(a, {}).get("kind") == actor_kind for a in st.subjects)] or ranked
    if (act := _asked_act(question)) and ranked:
        # "Who shut the station?": a statement whose holder is the one that shut it ("the
        # Directorate had shut the station") outranks one that only shares the words
        top = ranked[0][0]
        agents = [(sc + AGENT_BONUS, st) for sc, st in ranked[:AGENT_LOOK]
                  if sc >= max(floor, 0.35 * top) and _holder_does(snap, st, act)]
        ranked = agents + [x for x in ranked if not any(x[1] is st for _, st in agents)]
    if place:  # placed where the question asks (_HERE), if some such answers; placed elsewhere, another question
        # (a statement of the kind asked for answers there whatever its words: "who pays for the work
        # in X"), unless one placed elsewhere or nowhere matches the question's words far better
        here = [(max(sc, floor) if kinds and st.kind in kinds else sc, st) for sc, st in ranked
                if (sc >= floor or kinds and st.kind in kinds) and _best_match(snap, st.places, place) in _HERE]
        if here and kinds:  # the words besides the act decide ("funds the mosque's repair in X")
            words = _besides_act(question, snap, hits)
            if max(words.get(st.id, 0.0) for _, st in here) < 0.75 * max(words.get(st.id, 0.0) for _, st in ranked):
                here = []
        elif here and max(sc for sc, _ in here) < 0.75 * ranked[0][0]:
            here = []
        ranked = here or [(sc * PLACE_ELSEWHERE if st.places and not _best_match(snap, st.places, place) else sc, st)
                          for sc, st in ranked]
        ranked.sort(key=lambda x: (-x[0], x[1].id))
    if not ranked or ranked[0][0] < floor:
        return []
    best = ranked[0][0]
    chosen = [(s, st) for s, st in ranked if s >= 0.75 * best][:keep]
    rows: dict[str, dict[str, Any]] = {}
    of_itself = bool(_WHAT_IT_DOES.match(question))
    for score, st in chosen:
        holders = list(st.subjects)
        if of_itself and set(named) & set(holders):
            holders = [h for h in holders if h in named]  # "What does X plan to do?": X's own statement
        elif st.kind in _TOGETHER and not set(named) & (set(holders) | set(st.objects)):
            holders += st.objects  # "A organised it with B": both did what the question asks
        elif set(named) & set(holders) and st.objects:
            holders = [o for o in st.objects if o not in named]  # "To whom does X report?": X's counterpart
        holders = [h for h in holders if h not in named] or holders
        if actor_kind:
            holders = [h for h in holders if snap.actors.get(h, {}).get("kind") == actor_kind] or holders
        for aid in holders:
            if aid not in snap.actors:
                continue
            row = rows.setdefault(aid, actor_row(snap, aid, score, []))
            if all(w["statement"] != st.id for w in row["why"]):
                row["why"].append(snap.why(st))
    return sorted(rows.values(), key=lambda r: (-r["score"], r["name"]))
