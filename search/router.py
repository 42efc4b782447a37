"""The question router: plain-English (and main Arabic) questions to domain queries.

Slots resolve through the same term indexes as extraction: the gazetteer for places, the
SKOS vocabularies for themes and drivers, and the graph's own actor names and aliases.
An unrecognised question is said to be one, and falls back to search.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph import domain
from graph.bilingual import gazetteer_place, glossary, signature
from graph.domain import Snapshot, whereabouts
from graph.grounding import grounder, sentence_key
from graph.names import is_arabic, normalize_arabic, normalize_name
from graph.terms import Hit, TermIndex
from graph.vocab import ALL_GOVERNORATES, load_gazetteer, place_index
from graph.vocab.gazetteer import district_noun, everyday_word_not_a_place
from search.language import language_of, summary_ar, with_names

KIND_WORDS = {
    "ministries": "ministry", "ministry": "ministry", "committees": "committee", "un agencies": "un_agency",
    "un agency": "un_agency", "united nations agencies": "un_agency", "un bodies": "un_agency",
    "donors": "donor", "ngos": "ngo", "ngo": "ngo", "networks": "network", "وزارات": "ministry", "الوزارات": "ministry",
    "اللجان": "committee", "وكالات الأمم المتحدة": "un_agency", "المنظمات غير الحكومية": "ngo",
    "الجهات المانحة": "donor", "المانحين": "donor", "local governments": "local_government",
    "local authorities": "local_government", "الحكومات المحلية": "local_government",
    "religious endowments": "religious_body", "endowments": "religious_body", "religious bodies": "religious_body",
    "الأوقاف": "religious_body", "دواوين الأوقاف": "religious_body",
    "armed group": "armed_group", "armed groups": "armed_group", "militia": "armed_group", "militias": "armed_group",
    "الجماعات المسلحة": "armed_group", "جماعة مسلحة": "armed_group", "الفصائل المسلحة": "armed_group",
    "security forces": "security_force", "القوات الأمنية": "security_force",
}


INTENT_WORDS = re.compile(
    r"ولاي[ةه]|قضاء|ناحي[ةه]|محافظ[ةه]|صلاحيات|مسؤوليات|مهام|تداخل|ازدواج|يغطي|يمول|يشرف|يدعم|فجوات|\bmandate\b|\boverlap\w*|\bduplicat\w*|\bgaps?\b",
    re.IGNORECASE,
)
# any of KIND_WORDS, the longest first (statements.names_an_act: the kind asked for is no act)
KIND_PHRASES = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in sorted(KIND_WORDS, key=len, reverse=True)) + r")(?!\w)",
                          re.IGNORECASE)
_KIND_ASKED = re.compile(r"\W*(?:(?:which|what|list|name)\s+(?:(?:the|all|of\s+the)\s+)?(?:[\w-]+\s+)?"
                         r"|(?:ما|ماهي|ما\s+هي|أي|اي|أية|ما\s+هي\s+)\s*)")
EVERYWHERE = re.compile(ALL_GOVERNORATES, re.IGNORECASE)
_LEVEL_WORD = re.compile(r"\s+(?:district|governorate|sub-?district|province|city)", re.IGNORECASE)


@dataclass
class Parsed:
    intent: str
    theme: str | None = None
    driver: str | None = None
    place: str | None = None
    actors: list[str] = field(default_factory=list)
    level: str | None = None
    kind: str | None = None
    everywhere: bool = False
    of_kind: bool = False  # the answer is only bodies of ``kind`` (the kind the question asks for)


def _index(snap: Snapshot) -> tuple[TermIndex[str], TermIndex[str], TermIndex[str]]:
    """Bodies and concepts as the answers' grounding names them (built once per snapshot)."""
    g = grounder(snap)
    return g.actor_index, g.concept_index, place_index("any")


def _concepts_around(q: str, concept_idx: TermIndex[str], actor_hits: list[Hit[str]]) -> list[Hit[str]]:
    """The question's concepts, also those a body's name splits ("accountability for Daesh crimes"
    is "accountability for crimes" about Daesh): the label is read with the names blanked out,
    so its offsets stay the question's; the longer label wins over one inside it."""
    hits = concept_idx.find(q)
    if not actor_hits:
        return hits
    blank = list(q)
    for a in actor_hits:
        blank[a.start : a.end] = " " * (a.end - a.start)
    seen = {(h.start, h.payload) for h in hits}
    for h in concept_idx.find("".join(blank)):
        if (h.start, h.payload) not in seen and any(h.start < a.start and a.end <= h.end for a in actor_hits):
            hits = [x for x in hits if not h.start <= x.start < x.end <= h.end]
            hits.append(Hit(h.start, h.end, q[h.start : h.end], h.payload))
    return hits


# "Who chairs the subcommittee in Nineveh?": a body asked about by its head noun (and a place)
_BY_HEAD = re.compile(r"\b(?:co-?chairs|chairs|heads|leads|runs|directs|presides\s+over|members\s+of|partners\s+of|"
                      r"funds|supervises|oversees)\s+(?:the\s+)?((?:[\w-]+\s+){0,3}?([a-z][\w-]+))\s*(?:\b(?:in|of|for|at)\b|[?.]|$)",
                      re.I)


def _named_by_head(question: str, snap: Snapshot, place: str | None) -> list[str]:
    """The one body whose names end in the head noun the question uses for it ("the
    subcommittee"), seated at, in or over the place it names; none where two could be meant."""
    m = _BY_HEAD.search(question)
    if m is None:
        return []
    head = m.group(2).lower()
    heads = grounder(snap).heads
    found = [aid for aid, kind, is_class in snap.actors.scan("kind", "is_class") if kind != "person" and not is_class
             and head in heads.get(aid, set())
             and (not place or any(snap.place_match(p, place) for p in snap.actor_places.get(aid, set())))]
    return found if len(found) == 1 else []


# a capitalised name in an English question: "the Peace and Reconciliation Working Group"
_TITLED_NAME = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:(?:of|for|and|the|on|in)\s+)*[A-Z][\w'’\-]*)+")


def _named_by_start_en(question: str, snap: Snapshot) -> list[str]:
    """The one body whose name begins with a capitalised name the question gives in part (the
    name without its last words, "… Working Group" for "… Working Group in Iraq"): three words at
    least, and most of the body's name."""
    for m in _TITLED_NAME.finditer(question[1:]):
        said = normalize_name(m.group(0))
        if len(said.split()) < 3:
            continue
        found = {aid for aid, kind, body, aliases in snap.actors.scan("kind", "name", "aliases") if kind != "person"
                 for n in [body, *aliases] if not is_arabic(n)
                 and (k := normalize_name(n)).startswith(said + " ") and len(said.split()) * 3 >= len(k.split()) * 2}
        if len(found) == 1:
            return sorted(found)
    return []


def _named_by_start(question: str, snap: Snapshot) -> list[str]:
    """"الهيئة العليا" for "هيئة عليا مكلفة بمتابعة مشاريع X": Arabic news names a body in full once, then
    by its head and first word; the one body whose Arabic name (of three words or more) begins
    with two words the question has, in order."""
    words = normalize_arabic(question).split()
    pairs = set(zip(words, words[1:], strict=False))
    found = {aid for aid, kind, body, aliases in snap.actors.scan("kind", "name", "aliases") if kind != "person"
             for n in [body, *aliases] if is_arabic(n)
             and len(t := normalize_arabic(n).split()) > 2 and (t[0], t[1]) in pairs}
    return sorted(found) if len(found) == 1 else []


def _named_by_signature(question: str, snap: Snapshot) -> list[str]:
    """"المجلس الأعلى للشباب" for a body the documents name only in English ("Supreme Council for
    Youth"), "the Anbar CVE subcommittee" for one named only in Arabic, or in other words ("اللجنة الفرعية لمكافحة التطرف في الأنبار" for "… في محافظة
    الأنبار"): the one body whose name is made of the same institutional words and places as a
    run of the question's words (graph.bilingual.signature)."""
    words = [w.strip("؟?.,،:؛!\"'()") for w in question.split()]
    asked: dict[frozenset[str], None] = {}
    for i in range(len(words)):
        for j in range(i + 2, min(len(words), i + 8) + 1):
            sig = signature(" ".join(words[i:j]), gazetteer_place)
            if sig:
                asked[sig] = None
    if not asked:
        return []
    gloss = glossary()
    # a body's name must hold a phrase of each concept asked, in its script (cheap, before its signature)
    need = [[c for c in sig if not c.startswith("place:") and c in gloss] for sig in asked]
    phrases = {c: ({normalize_arabic(p) for p in gloss[c][0]}, {f" {p} " for p in gloss[c][1]}) for n in need for c in n}
    found = set()
    for aid, kind, is_class, body in snap.actors.scan("kind", "is_class", "name"):
        if kind == "person" or is_class:
            continue
        ar = is_arabic(body)
        low = normalize_arabic(body) if ar else " " + body.lower().replace("'", " ") + " "
        if not any(all(any(p in low for p in phrases[c][0 if ar else 1]) for c in n) for n in need):
            continue
        if signature(body, gazetteer_place) in asked:
            found.add(aid)
    return sorted(found) if len(found) == 1 else []


def parse(question: str, snap: Snapshot) -> Parsed:
    q = question.strip()
    # intent words are matched without Arabic diacritics or tatweel ("يموّل" = "يمول")
    low = re.sub("[\u064b-\u065f\u0670\u0640]", "", q.lower())
    actor_idx, concept_idx, place_idx = _index(snap)
    actor_hits = actor_idx.find(q)
    place_hits = place_idx.find(q)
    # "دور المرأة", "بناء السلام": an everyday word is no place unless the question marks it as one
    spans = [(p.start, p.end) for p in place_hits]
    place_hits = [p for p in place_hits if not everyday_word_not_a_place(q, p.start, p.end, spans)]
    # a bare place name after "in" is the place, not its local government ("Who works in Tel Kaif?")
    actor_hits = [a for a in actor_hits if not (
        any(p.start == a.start and (p.end == a.end or _LEVEL_WORD.fullmatch(q[p.end : a.end])) for p in place_hits)
        and re.search(r"(?:\bin|\binside|\bwithin|\bacross|\bat|في|داخل)\s+$", q[: a.start]))]
    # "who funds social cohesion …": a theme's label in lower case is the theme, even where a body's
    # short name is the same words ("the Social Cohesion Programme", "Social Cohesion")
    labels = {(h.start, h.end) for h in concept_idx.find(q)}
    actor_hits = [a for a in actor_hits if not ((a.start, a.end) in labels and q[a.start : a.end].islower())]
    # a place inside an actor's name ("Tel Kaif district") is the actor's, not a filter
    place_hits = [p for p in place_hits if not any(a.start <= p.start < a.end for a in actor_hits)]
    # words that say what is asked ("ولاية" = mandate) are not themes, even when a label matches
    asked = [m.span() for m in INTENT_WORDS.finditer(q)]
    # ("في قضاء سنجار": the district's word, not the justice theme)
    concept_hits = [
        h for h in _concepts_around(q, concept_idx, actor_hits)
        if not any(a.start <= h.start < a.end for a in actor_hits) and not any(s <= h.start < e for s, e in asked)
        and not district_noun(q, h.start, h.end)
    ]
    # "ما المنظمات الدولية الشريكة …": a class of bodies right after the question word is the kind
    # of body asked for, not the body asked about
    actor_hits = [a for a in actor_hits if not (
        a.payload.startswith("actor:class-") and re.fullmatch(r"\s*(?:ما|ماهي|ما\s+هي|أي|اي|أية)\s+", q[: a.start]))]
    actors = list(dict.fromkeys(h.payload for h in actor_hits)) or (
        _named_by_start(q, snap) or _named_by_signature(q, snap) if is_arabic(q) else [])
    place = place_hits[0].payload if place_hits else None
    if not actors and not is_arabic(q):
        actors = _named_by_head(q, snap, place) or _named_by_start_en(q, snap) or _named_by_signature(q, snap)
    themes = [h.payload for h in concept_hits if h.payload.startswith(("theme:", "target_group:"))]
    drivers = [h.payload for h in concept_hits if h.payload.startswith("driver:")]
    # "youth livelihoods", "returnees … civil documentation": the topic is asked about, the group
    # it is for is not ("youth" is both a theme and a target group: it ranks as a group)
    group_spans = {(h.start, h.end) for h in concept_hits if h.payload.startswith("target_group:")}

    # "Which coordination network covers mediation …": a theme word qualifying the body asked
    # for says what kind of body it is; the topic is the theme after it
    head = re.match(r"\W*(?:which|what)\s+((?:[\w\-]+\s+){1,2}?)(?:platforms?|bodies|organi[sz]ations?|groups?|"
                    r"networks?|agencies|mechanisms?|forums?|ngos|partners|actors|structures?)\b", low)

    def topic_rank(h: Hit[str]) -> int:
        if head and head.start(1) <= h.start < head.end(1):
            return 3
        if h.payload.startswith("target_group:"):
            return 2
        return 1 if (h.start, h.end) in group_spans else 0  # "returnees" names a group first

    specific = [h for h in concept_hits if h.payload.startswith(("theme:", "target_group:"))
                and h.payload != domain.GENERAL_THEME]
    theme = min(specific, key=topic_rank).payload if specific else (themes[0] if themes else None)
    level = None
    m = re.search(r"\b(ministerial|national|governorate|district|city|local)[- ]level\b", low)
    if m:
        level = m.group(1)
    # the kind asked for is the question's own head ("which armed group must …", "what ministries
    # …"), near its start; "who sits on the committees …" asks for members, not committees
    found = next(((v, m.start(1), m.end(1)) for k, v in KIND_WORDS.items() if (m := re.search(
        rf"(?<!\w)({re.escape(k)})(?!\w)" if is_arabic(k) else rf"^\W*(?:\w+\W+){{0,3}}({re.escape(k)})(?!\w)", low))),
        None)
    kind = found[0] if found else None
    # "which UN agencies work in X", "ما الوزارات التي …": right after the question word, the kind
    # is that of the bodies asked for (the answer keeps only those); elsewhere ("who funds the
    # ministry's project") it may name the body asked about, as it does inside a body's name
    # ("which Delta Ministry of Water office …")
    of_kind = bool(found and _KIND_ASKED.fullmatch(low[: found[1]]) and not _in_a_name(q, found[1]))
    if found and of_kind:  # the words of the kind name no body ("UN agencies", "NGOs" of "NGO Directorate")
        named_there = {a.payload for a in actor_hits if a.start < found[2] and found[1] < a.end}
        actors = [a for a in actors if a not in named_there]

    def P(intent: str) -> Parsed:  # noqa: N802
        return Parsed(intent, theme, drivers[0] if drivers else None, place, actors, level, kind,
                      bool(EVERYWHERE.search(low)), of_kind)

    if re.search(r"overlap|duplicat|تداخل|ازدواج", low):
        return P("overlaps")
    # "who runs X" asks for X's head where X is a body; "who runs rehabilitation programmes in
    # Y" asks who does something there
    # "who implements X", "who runs the X project": X's implementers where X is a project or the
    # verb is one of carrying out (a body "run" by someone asks for its head, below)
    if actors and IMPLEMENTS_Q.search(low) and (not LEADS_Q.search(low) or any(
            snap.actors.get(a, {}).get("kind") == "programme" for a in actors[:1])):
        return P("implementers")
    if actors and MEMBERS_Q.match(low):  # "who is part of X", "which NGOs are members of X"
        # "which units / offices are part of X": its units, not its members
        return P("units" if re.match(r"\W*which\s+(?:units|offices|branches|departments|directorates|sections|teams)\b", low)
                 else "members")
    if actors and LEADS_Q.search(low) or (actors or place) and POST_Q.search(low):
        return P("post_holder")
    # "where does X work": the places X's own sentences and efforts put it
    if actors and not place and WHERE_Q.search(low):
        return P("places")
    # "what is X part of", "who does X report to": X's parents; "which units report to X": its units
    if actors and (part := PART_Q.search(low)):
        first = min((h.start for h in actor_hits if h.payload == actors[0]), default=len(q))
        return P("parents" if first < part.start() else "units")
    if (fund := re.search(r"\b(fund|funds|funded|funding|financ(?:e|es|ed|ing)|sponsor(?:s|ed|ing)?|donors?|pays?\s+for|paid\s+for|paying\s+for|who\s+(?:pays|paid))\b"
                          r"|يمول|تمويل", low)) and (
            actors or re.search(r"\bwho\b|which|من\s", low)):
        # "which bodies does X fund", "who is funded by X": X's grantees, not its funders
        first = min((h.start for h in actor_hits if h.payload == actors[0]), default=len(q)) if actors else len(q)
        gives = first < fund.start() and not re.search(r"\b(?:funded|financed|sponsored|paid)\s+by\b", low[first:]) \
            or bool(re.search(r"\b(?:funded|financed|sponsored|paid\s+for)\s+by\s+(?:the\s+)?$", low[:first]))
        return P("funds_given" if gives and actors else "funding")  # no body named: the funders of what it names
    if re.search(r"supervis|oversee|oversight|يشرف|إشراف", low) and actors:
        return P("supervision")
    if re.search(r"\boffices?\b|\bpresen(?:ce|t)\b|represented|مكاتب", low):
        return P("presence")
    if re.search(r"nobody|no one|not covered|uncovered|\bgaps?\b|فجوات|فجوة|لا أحد|لا يغطي|لا تغطي|غير مغطا|لا تعمل", low):
        return P("gaps")
    if drivers and re.search(r"address|tackle|counter|respond|work on|help|تعالج|معالجة", low):
        return P("address_driver")
    if not actors and DRIVERS_Q.search(low) and not _ASKS_FOR_BODIES.match(low):
        return P("drivers")
    if re.search(r"\bmandate\b|\bresponsibilit|\brole of\b|what (?:must|may|can|should|does) .* do|"
                 r"\b(?:tasks|duties|functions|remit|powers|obligations)\s+of\b|"
                 r"^\W*what\s+(?:is|are|was|were)\s+.+\b(?:responsible\s+for\W*$|(?:allowed|permitted|expected|required|supposed|"
                 r"asked|obliged|meant)\s+to\s+do\b)|ولاية|مسؤوليات|صلاحيات"
                 r"|مهام|واجبات|المطلوب من|ما (?:الذي )?(?:يجب|يمكن) (?:على|ل)"
                 r"|(?:ماذا|ما\s+الذي)\s+[تي](?:طلب|طالب)(?!\w)", low):  # "ماذا تطلب الخطة من X": what X is asked to do
        return P("mandate")
    if actors and re.search(r"(?:^|\s)ما\s+(?:هو\s+)?دور\s", low):  # "ما دور X": X's role (not "دور المرأة")
        return P("mandate")
    if actors and re.search(r"\bmembers?\s+of\b|\bmembership\b|\bsits? on\b|\bmake up\b|\bmakes up\b|\bbelongs? to\b"
                            r"|\bcompos|\bcompris|\bconsists? of|أعضاء|اعضاء|عضوية|تضم|يضم|تتكون|يتكون|تتألف|يتألف", low):
        return P("members")
    if actors and re.search(r"\bpartners?\b|work(?:s|ing)? with|support|help|collaborat|cooperat|شريك|شركاء|شراك|[يت]عمل مع"
                            r"|(?:^|\s)(?:[يت]دعم|دعمت|تساند|يساند)(?!\w)", low):
        return P("partners")
    if theme and (place or re.search(r"\bcover|work on|responsible|يغطي|تعمل", low)):
        return P("who_covers")
    # "ما الجهات التي تعمل في X" ("what bodies …") asks who, as "من" does
    if place and re.search(r"\bwho\b|which|من |أي|^\W*ما\s+(?:هي\s+)?ال(?!ذي|تي)", low):
        return P("works_in")
    if actors and re.search(r"\bwho\b|which", low):
        # "who established X", "who evaluated X": an act the statements answer, not X's partners
        from search.statements import _asked_act

        return P("search" if _asked_act(q) else "partners")
    return P("search")


def _in_a_name(q: str, at: int) -> bool:
    """Whether the word at ``at`` is capitalised after a capitalised word that is not the
    question's first ("Which Delta Ministry of …": a name; "Which UN agencies": a kind)."""
    before = q[:at].split()
    return q[at : at + 1].isupper() and len(before) >= 2 and before[-1][:1].isupper()


# the intents whose rows are bodies related to the one asked about, any kind of them
_OF_KIND = {"funding", "funds_given", "implementers", "supervision", "members", "partners", "address_driver", "parents", "units"}


def answer(question: str, snap: Snapshot, narrow: Callable[[Parsed], Snapshot] | None = None) -> dict[str, Any]:
    """The ``dalil ask --json`` object: question, intent, answer text, actors with why.

    ``narrow``: the snapshot the parsed question is answered from (the slice of facts it reads,
    graph.domain.scoped); ``snap`` then needs only the names."""
    p = parse(question, snap)
    if narrow is not None:
        snap = narrow(p)
    rows: list[dict[str, Any]] = []
    extra: dict[str, Any] = {}
    target = p.actors[0] if p.actors else None
    kinds = {p.kind} if p.of_kind and p.kind else None
    if p.intent == "post_holder":
        rows = post_holders(snap, question, p.actors, p.place)
    elif p.intent == "who_covers":
        rows = domain.who_covers(snap, p.theme, p.place, kinds=kinds)
    elif p.intent == "works_in":
        rows = domain.who_covers(snap, None, p.place, within=True, kinds=kinds)
    elif p.intent == "funding" and target:
        rows = domain.related_to(snap, target, {"funding"}, place=p.place)
    elif p.intent == "funds_given" and target:
        rows = domain.related_to(snap, target, {"funding"}, direction="from", place=p.place)
    elif p.intent == "implementers" and target:
        rows = domain.related_to(snap, target, {"implementation", "partnership"}, place=p.place)
    elif p.intent == "places" and target:
        rows, extra["places"] = whereabouts.places_of(snap, target)
    elif p.intent in ("parents", "units") and target:
        rows = domain.related_to(snap, target, {"part_of"}, direction="from" if p.intent == "parents" else "to",
                                 place=p.place)
    elif p.intent == "supervision" and target:
        rows = domain.related_to(snap, target, {"supervision"}, place=p.place)
    elif p.intent == "members" and target:
        # a body that leads a group is one of it ("a consortium led by X with Y and Z")
        rows = domain.related_to(snap, target, {"membership", "leadership"}, place=p.place)
    elif p.intent == "partners" and target:
        rows = domain.related_to(snap, target, {"partnership", "support", "funding", "supervision"}, p.level, "any",
                                 place=p.place)
    elif p.intent == "presence":
        rows = domain.present_in(snap, p.place, p.kind, p.everywhere)
    elif p.intent == "address_driver" and p.driver:
        rows = domain.addressing(snap, p.driver, p.place)
    elif p.intent == "mandate" and not target and p.kind:
        rows = domain.mandates_of_kind(snap, p.kind, p.place)
    elif p.intent == "mandate":
        brief = domain.mandate_brief(snap, target, p.place)
        extra["brief"] = brief
        head = brief["actor"] or (brief["holders"][0] if brief["holders"] else None)
        if head:
            me = dict(head)
            me["why"] = brief["must"] + brief["may"] + brief["recommended"]
            rows = [me]
        seen_ids = {r["id"] for r in rows}
        for r in brief["above"] + brief["beside"]:
            if r["id"] not in seen_ids:
                seen_ids.add(r["id"])
                rows.append(r)
    elif p.intent == "overlaps":
        a = p.actors[0] if len(p.actors) > 0 else None
        b = p.actors[1] if len(p.actors) > 1 else None
        pairs = domain.overlaps(snap, a, b, p.place, p.theme)
        extra["pairs"] = pairs
        seen: dict[str, dict[str, Any]] = {}
        for pair in pairs:
            for r in pair["actors"]:
                if r["id"] not in seen:
                    seen[r["id"]] = r | {"why": list(r["why"])}
                else:  # one line per sentence for a body, whichever pair cited it
                    cited = {sentence_key(w) for w in seen[r["id"]]["why"]}
                    seen[r["id"]]["why"] += [w for w in r["why"] if sentence_key(w) not in cited]
        rows = list(seen.values())
    elif p.intent == "gaps":
        extra["gaps"] = domain.gaps(snap, p.place)
    elif p.intent == "drivers":
        extra["drivers"] = domain.drivers_reported(snap, p.place, lang=language_of(question))
    if kinds and p.intent in _OF_KIND and not (p.intent == "funding" and kinds == {"donor"}):
        # "which ministries partner X": the partners that are ministries (whoever funds X is a donor of it)
        kept = [r for r in rows if snap.actors.get(r["id"], {}).get("kind") in kinds]
        if rows and not kept:  # bodies were found, none of the kind: that is the answer, not a search
            extra["none_of_kind"] = len(rows)
        rows = kept
    lang = language_of(question)
    rows = with_names(rows, snap.actors, lang)
    out: dict[str, Any] = {
        "question": question,
        "intent": p.intent,
        "language": lang,
        "slots": {"theme": p.theme, "driver": p.driver, "place": p.place, "actors": p.actors, "level": p.level, "kind": p.kind},
        "answer": (summary_ar(p.intent, rows, extra, p.place, snap.concepts) if lang == "ar"
                   else _summary(p, rows, snap, extra)),
        "actors": rows,
    }
    out.update(extra)
    return out


# "what drives extremism in X", "the root causes of …", "ما أسباب التطرف في X": the drivers reported
DRIVERS_Q = re.compile(r"\bdrivers?\s+(?:of|behind|for)\b|\bwhat\s+(?:are|were)\s+the\s+drivers\b|\broot\s+causes?\b|"
                       r"\bcauses?\s+of\b|\bwhat\s+(?:drives|drove|causes|caused|fuels|fuelled|fueled|feeds)\b|"
                       r"\bpush\s+(?:and\s+pull\s+)?factors\b|\bwhy\s+(?:do|did|does)\s+(?:\w+\s+){0,3}(?:join|joined|radicali[sz]e)\b|"
                       r"(?:^|\s)(?:ما\s+(?:هي\s+)?)?(?:أسباب|اسباب|دوافع|محركات)(?!\w)|العوامل\s+(?:المحركة|الدافعة|المؤدية)|ما\s+الذي\s+يدفع")
# "who addresses the drivers of …", "which bodies …": bodies are asked for, not drivers
_ASKS_FOR_BODIES = re.compile(r"\W*(?:who\b|whom\b|which\s+(?:[\w-]+\s+)?(?:bodies|organi[sz]ations|agencies|actors|ministries|"
                              r"ngos|partners|donors|groups)\b|من\s|ما\s+(?:هي\s+)?الجهات)")
# "who is part of X", "which bodies are members of X": X's members
MEMBERS_Q = re.compile(r"\W*(?:who|which\s+(?:[\w-]+\s+){1,2}?)\s*(?:is|are|was|were|sits?)\s+(?:a\s+)?(?:part|members?)\s+(?:of|on)\b")
# "where does X work / operate", "in which districts is X active", "أين تعمل X"
WHERE_Q = re.compile(r"^\W*where\s+(?:does|do|did|is|are|has|have)\b|\bin\s+which\s+(?:places|districts|governorates|"
                     r"areas|cities|towns|provinces)\b|(?:^|\s)أين(?!\w)|في\s+أي\s+(?:مناطق|محافظات|أقضية|مدن)")
# "what is X part of", "which units report to X", "X تابعة لأي وزارة": a body's place in a hierarchy
PART_Q = re.compile(r"\bpart\s+of\b|\breports?\s+to\b|\breporting\s+to\b|\bfalls?\s+under\b|\bunits?\s+of\b|"
                    r"\bbranch(?:es)?\s+of\b|\bsubordinate\s+to\b|\baccountable\s+to\b|(?:^|\s)(?:ال)?(?:تابع|تابعة|تابعين)(?!\w)|(?:^|\s)(?:يتبع|تتبع)(?!\w)|جزء\s+من")
# "who implements / carries out X", "who runs the X project", "من ينفذ X": X's implementers
IMPLEMENTS_Q = re.compile(r"\bwho\s+(?:implements|implemented|is\s+implementing|carries\s+out|carried\s+out|delivers|"
                          r"delivered|runs|ran|manages|managed|operates|operated)\b|\bimplement(?:ed|ing)\s+by\b|"
                          r"\bimplementers?\b|\bimplementing\s+partners?\b|(?:^|\s)من\s+(?:ينفذ|نفذ|تنفذ|نفذت|يدير|تدير)(?!\w)")
# "who chairs / heads / leads X", "من يرأس X": the holders of X's leadership, bodies or persons
LEADS_Q = re.compile(r"\bwho\s+(?:co-?chairs|chairs|heads|leads|runs|directs|presides\s+over)\b|"
                     r"\bwho\s+(?:is|was|are)\s+(?:the\s+)?(?:co-?chair|chair\w*|head|leader|director)\b|"
                     r"(?:^|\s)من\s+(?:يرأس|يترأس|يقود|يدير|هو\s+رئيس|هي\s+رئيسة)(?!\w)")
# "who is the minister of Y / the governor of Z", "من هو محافظ نينوى"
POST_Q = re.compile(r"\bwho\s+(?:is|was)\s+(?:the\s+)?(?!(?:responsible|in\s+charge|involved|accountable|tasked|working|active|"
                    r"present|allowed|expected|required|able|funding|funded|leading|behind)\b)"
                    r"(?P<post>[a-z\- ]{3,40}?)\s+(?:of|for|at|in)\b|"
                    r"(?:^|\s)من\s+(?:هو|هي)\s+(?P<post_ar>(?:ال)?(?:محافظ|وزير|وزيرة|مدير|مديرة|رئيس|رئيسة|ممثل|ممثلة|منسق|منسقة|قائممقام|قائمقام|مستشار|مستشارة)(?!\w)(?:\s+\S+)?)")
_LEAD_POSTS = re.compile(r"chair|head|lead|director|president|coordinator|رئيس|مدير|منسق", re.I)


def post_holders(snap: Snapshot, question: str, actors: list[str], place: str | None) -> list[dict[str, Any]]:
    """Who holds a post in a body (the persons, with the sentence naming them), or leads it (a
    body that chairs it): "Who chairs X?", "Who is the governor of Nineveh?"."""
    low = question.lower()
    m = POST_Q.search(low)
    asked = (m.group("post") or m.group("post_ar") or "") if m and not LEADS_Q.search(low) else ""
    targets = set(actors)
    if place:  # "the governor of Nineveh": the local government of that place
        targets |= {aid for aid, a in snap.actors.items() if a["kind"] == "local_government" and place in snap.actor_places.get(aid, set())}
    targets |= {u for u, p in snap.units.items() if p in targets}
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = {}
    # "Who is the IOM Chief of Mission?": the body's own name is no word of the post asked
    named = {w for a in actors if a in snap.actors for n in [snap.actors[a]["name"], *snap.actors[a]["aliases"]]
             for w in re.findall(r"[^\W\d_]+", n.lower())}
    words = [w for w in re.findall(r"[^\W\d_]+", asked) if w not in ("the", "of") and w not in named]
    for st in snap.live():
        if not targets & set(st.objects):
            continue
        if st.kind == "post":
            post = st.post.lower()
            fits = all(w[:5] in post for w in words) if words else bool(_LEAD_POSTS.search(post))
            if fits:
                for s in st.subjects:
                    rows.setdefault(s, []).append((1.0, snap.why(st)))
        elif st.kind == "leadership" and not asked:
            for s in st.subjects:
                rows.setdefault(s, []).append((0.9, snap.why(st)))
    out = [domain.actor_row(snap, aid, max(x for x, _ in items), [w for _, w in items][:5])
           for aid, items in rows.items() if aid in snap.actors]
    return sorted(out, key=lambda r: (-r["score"], r["name"]))


def _summary(p: Parsed, rows: list[dict[str, Any]], snap: Snapshot, extra: dict[str, Any]) -> str:
    if p.intent == "search":
        return "This question was not recognised as a graph question; showing passages from search instead."
    if p.intent == "drivers":
        d = extra.get("drivers", [])
        where = f" in {_pname(p.place)}" if p.place else ""
        return (f"{len(d)} driver(s) reported{where}: " + ", ".join(x["label"] for x in d[:8]) + "." if d
                else f"No driver of extremism is reported{where} in the documents.")
    if p.intent == "gaps":
        g = extra.get("gaps", [])
        nd = sum(1 for x in g if x.get("kind") == "driver")
        where = f" in {_pname(p.place)}" if p.place else ""
        return (f"{nd} reported driver(s) and {len(g) - nd} strategy theme(s) with no body or effort covering them{where}: "
                + (", ".join(x["label"] for x in g[:8]) + "." if g else "nothing uncovered found."))
    if p.intent == "overlaps":
        pairs = extra.get("pairs", [])
        if not pairs:
            return "No overlapping statements or efforts found."
        top = pairs[0]
        return (f"{len(pairs)} overlapping pair(s); strongest: {top['actors'][0]['name']} and "
                f"{top['actors'][1]['name']}: {top['explanation']}")
    if p.intent == "places" and rows:
        got = extra.get("places", [])
        return (f"{rows[0]['name']} works in {len(got)} place(s): " + ", ".join(x["name"] for x in got[:8])
                + (f" and {len(got) - 8} more" if len(got) > 8 else "") + ".")
    if p.intent == "mandate" and extra.get("brief"):
        b = extra["brief"]
        who = b["actor"]["name"] if b["actor"] else " / ".join(h["name"] for h in b["holders"]) or "the body asked about"
        return (f"Mandate of {who}" + (f" ({b['place_name']})" if b.get("place_name") else "")
                + f": {len(b['must'])} established, {len(b['may'])} optional (may), {len(b['recommended'])} recommended; "
                + f"{len(b['above'])} bodies above, {len(b['partners'])} partners, {b.get('efforts_total', 0)} efforts, "
                + f"{len(b['drivers'])} drivers reported there.")
    if not rows and extra.get("none_of_kind"):
        return f"None of the {extra['none_of_kind']} bodies found is of the kind asked ({p.kind})."
    if not rows:
        return "No body in the graph answers this question yet."
    names = ", ".join(r["name"] for r in rows[:5])
    more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    return f"{len(rows)} bodies: {names}{more}."


def _pname(pid: str | None) -> str:
    if not pid:
        return ""
    p = load_gazetteer().get(pid)
    return p.name if p else pid
