"""Stage 1 of extraction, Arabic: the bodies an Arabic text names, learnt as terms of the document.

Split from ``ingest/stage_names.py`` (the names stage), whose helpers these functions use: the
Arabic head-noun names of ``ingest/arabic.py`` bound to their English node where the text gives the
acronym or the registry knows the Arabic name, bodies named by their task, and a region's own
ministries ("وزارة الداخلية في حكومة الإقليم").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import ActorKind, Level
from graph.names import normalize_name
from ingest import arabic
from ingest.cues import _place_level
from ingest.extraction import ActorRef, Extraction

if TYPE_CHECKING:
    from ingest.stage_names import NamesStage


# the words that make a name a news outlet's: "... نيوز", "... للأنباء", "... الإخبارية"
_AR_MEDIA = re.compile(r"\s*(?:نيوز|للأنباء|للانباء|الأنباء|الانباء|الإخبارية|الاخبارية|الخبري|الفضائية)(?!\S)")


def learn_arabic_terms(stage: NamesStage, text: str, ex: Extraction, terms: list[tuple[str, str, str]]) -> None:
    """Bodies named in Arabic (ingest/arabic.py), bound to their English node where the text
    gives the acronym ("... للهجرة (IOM)") or the registry knows the Arabic name. A short
    form ("اللجنة الفرعية") or the name without its place is a term of this document only:
    it never becomes a global alias, so the Anbar and Nineveh subcommittees stay apart."""
    def is_place(t: str) -> bool:
        t = re.sub(r"^(?:محافظة|محافظه|قضاء|ناحية|ناحيه|مدينة|مدينه)\s+", "", t.strip())
        hits = stage.kb.place_index.find(t)
        return bool(hits) and hits[0].start == 0 and hits[-1].end >= len(t) - 1

    def closes_name(t: str) -> bool:  # a governorate or district; a sub-district's common noun is not
        hits = stage.kb.place_index.find(t.strip())
        return is_place(t) and not all(_place_level(stage.kb.gazetteer, h.payload) == "subdistrict" for h in hits)

    # "منظمة «X» (Latin)", "ومنظمتا «X» (A) و«Y» (B)": a body named in quotes after its head
    for m in arabic.QUOTED_BODIES.finditer(text):
        for q in arabic.QUOTED_NAME.finditer(m.group(0)):
            latin, quoted = (q.group(2) or "").strip(), q.group(1).strip()
            rid = stage._registry_lookup(latin or quoted)
            qref = stage._ref(ex, latin or f"{m.group(1)} {quoted}", rid)
            qref.note(quoted, "the Arabic name in quotes, given with its head noun")
            terms += [(quoted, qref.key, "any")] + ([(latin, qref.key, "title")] if latin else [])
    for _s, _e, phrase in arabic.task_bodies(text, is_place):  # "لجنة وزارية مكلفة بملف X"
        tref = stage._ref(ex, re.sub(r"[\u064b-\u0652]", "", phrase), "")
        tref.kind = ActorKind.committee.value if arabic.head_noun(phrase.split()[0]) else ActorKind.other.value
        tref.note(phrase, "a body named by its task")
        terms.append((phrase, tref.key, "any"))
    found = arabic.org_phrases(text, is_place, closes_name)
    # a registry name the phrase stops short of ("… المؤدي" of "… المؤدي إلى …": the phrase ends
    # at a preposition) is the body the text names there
    known = [h for h in stage.kb.actor_index.find(text) if not h.text.isascii()] if found else []
    by_phrase: dict[str, str] = {}
    for _start, end, phrase in sorted(found, key=lambda f: -len(f[2].split())):
        key = normalize_name(phrase)
        if key in by_phrase:
            terms.append((phrase, by_phrase[key], "any"))
            continue
        if _AR_MEDIA.search(phrase) or _AR_MEDIA.match(text, end):
            continue  # "وكالة X نيوز", "وكالة X للأنباء": a news outlet reports, it is no body of the field
        region = arabic.REGIONAL_OWNER.match(text, end)
        if region and regional_ministry(stage, ex, phrase, text[end : region.end()], terms):
            continue
        # "منظمة أطباء بلا حدود برنامجا …": a registry name right after the head noun (or with it) ends the name
        # where the phrase runs on into an indefinite word of the clause; not a state's name, nor
        # a name that goes on ("مركز ألمانيا للحوار" is a centre, not the state)
        after_head = _start + len(phrase.split()[0]) + 1
        inner = next((h for h in known if h.start in (after_head, _start) and h.end < end
                      and not h.payload.startswith("government-of-")
                      and not _NAME_GOES_ON.match(text[h.end : end])), None)
        if inner is None or phrase.split()[0] not in _KIND_ONLY_HEADS:
            # "اجتماع في مستشارية الأمن القومي لمناقشة الخطة": a registry name, then what was done
            # there ("ل" + a verbal noun): the name ends with the registry's (not before a definite
            # word: "وزارة الخارجية الألمانية" is another state's ministry)
            inner = next((h for h in known if h.start == _start and h.end < end and len(h.text.split()) >= 2
                          and (_AIM.match(text, h.end) or _disagrees(phrase.split()[0], text, h.end))), None)
        if inner is None and phrase.split()[0] in _MISSION_HEADS:
            # "بعثة المنظمة الدولية للهجرة في العراق": a body's mission (or office) in Iraq is the body
            inner = next((h for h in known if h.start == after_head and not h.payload.startswith("government-of-")
                          and _IN_IRAQ.fullmatch(text[h.end : end])), None)
        if inner is not None:
            said = text[_start : inner.end]
            iref = stage._ref(ex, said, inner.payload)
            by_phrase[key] = iref.key
            terms.append((said, iref.key, "any"))
            continue
        acr_m = re.match(r"\s*\(([A-Z][A-Za-z/&\-]{1,11})\)", text[end : end + 16])
        cover = next((h for h in known if h.start <= _start and h.end > end), None)
        rid = stage._registry_lookup(phrase) or (cover.payload if cover else "")
        if not rid and len(phrase.split()) == 2:  # "منظمة اليونيسيف": a head word + a known name
            rid = stage._registry_lookup(phrase.split()[1])
        stripped = re.sub(r"\s+في\s+\S+(?:\s+\S+)?$", "", phrase)
        if not rid and stripped != phrase:
            rid = stage._registry_lookup(stripped)
        ref: ActorRef | None = None
        if acr_m:
            acr = acr_m.group(1)
            rid = rid or stage._registry_lookup(acr)
            ref = next((r for r in ex.actors.values() if acr in r.aliases), None)
            if ref is None and rid:
                ref = stage._ref(ex, phrase, rid)
            if ref is not None:
                ref.note(phrase, f"Arabic name given with the acronym {acr}")
                terms.append((acr, ref.key, "upper"))
        if ref is None and rid:
            ref = stage._ref(ex, phrase if stage._registry_lookup(phrase) else cover.text if cover else stripped, rid)
        if ref is None:
            core = normalize_name(stripped)
            longer = [k for p, k in by_phrase.items() if p.startswith(key + " ") or p.startswith(core + " ")]
            if len(set(longer)) == 1:  # "اللجنة الفرعية" in a text about one subcommittee
                by_phrase[key] = longer[0]
                terms.append((phrase, longer[0], "any"))
                continue
            ref = stage._ref(ex, phrase, "")
            kl = arabic.head_of(phrase.split()[0])
            if kl and ref.kind == ActorKind.other.value:
                ref.kind = kl[0].value
                ref.level = kl[1].value
                if any(is_place(w) for w in phrase.split()[1:]) and kl[1] == Level.unknown:
                    ref.level = Level.governorate.value
                elif _GENERAL.match(phrase) or kl[0] == ActorKind.unit and not any(is_place(w) for w in phrase.split()[1:]) \
                        and arabic.head_noun(phrase.split()[0]) == _DEPARTMENT:
                    # "المديرية العامة لـ…" (a general directorate), "دائرة الصحة العامة" with no place:
                    # a ministry's own directorate, not a governorate's
                    ref.level = Level.national.value if _GENERAL.match(phrase) else Level.unknown.value
                elif _GOVERNORATE_OFFICE.match(phrase):
                    ref.kind, ref.level = ActorKind.local_government.value, Level.governorate.value
        by_phrase[key] = ref.key
        terms.append((phrase, ref.key, "any"))
        if stripped != phrase:
            by_phrase.setdefault(normalize_name(stripped), ref.key)
            terms.append((stripped, ref.key, "any"))
    _units_of_the_ministry(ex, text, found, by_phrase)


# head nouns that say only what kind of body follows (not "فرع", "مديرية": a unit of the body named)
_KIND_ONLY_HEADS = {"منظمة", "منظمه", "مؤسسة", "مؤسسه", "جمعية", "جمعيه", "شركة", "شركه", "وكالة", "وكاله"}
# a name goes on after a known name with a definite or prepositional word ("للسلام", "في البصرة")
_NAME_GOES_ON = re.compile(r"\s+(?:[وفب]?ال|ل|(?:في|من|على|عن|إلى|الى|مع)(?:\s|$))")

# "المديرية العامة", "مديرية عامة": a general directorate of a ministry
_GENERAL = re.compile(r"^[وبل]?(?:ال)?مديري[ةه]\s+(?:ال)?عام[ةه](?:\s|$)")
_DEPARTMENT = arabic.head_noun("دائرة")

# a masculine definite adjective ("المتواصل", "الكبير") after a feminine name ("المنظمة الدولية للهجرة")
# agrees with the noun before the name ("دعم المنظمة … المتواصل": the continued support), not with it
_MASC_ADJ = re.compile(r"\s+ال[\u0621-\u064a]{3,}(?<![ةهى])(?<!ات)(?:\s|$|[،.])")


def _disagrees(head: str, text: str, at: int) -> bool:
    return bool(re.search(r"[ةه]$", head)) and bool(_MASC_ADJ.match(text, at))


# a known body's mission or office in the country is that body (ingest/README.md: a country office)
_MISSION_HEADS = frozenset({"بعثة", "مكتب", "بعثه"})
_IN_IRAQ = re.compile(r"(?:\s+في\s+العراق)?")


# "ل" + a word that is no article ("لمناقشة", "لبحث"): what an act was for, after a name
_AIM = re.compile(r"\s+ل(?!ل)[\u0621-\u064a]{3,}(?:\s|$)")

# "ديوان المحافظة", "ديوان محافظة نينوى": the governor's office, the governorate's own
_GOVERNORATE_OFFICE = re.compile(r"^ديوان\s+(?:ال)?محافظ[ةه](?:\s|$)")
# "فرع الوزارة في نينوى", "مديرية الوزارة": a unit of "the ministry", the one the text named last
_OF_THE_MINISTRY = re.compile(r"^(?:فرع|مكتب|دائرة|مديرية|ممثلية)\s+الوزارة(?:\s|$)")


def _units_of_the_ministry(ex: Extraction, text: str, found: list[tuple[int, int, str]],
                           by_phrase: dict[str, str]) -> None:
    """A branch or office of "the ministry" belongs to the ministry named last before it (in
    this text, or in the title that opens it): a part of it, not a body of its own standing."""
    named = sorted((end, by_phrase[normalize_name(p)], p) for _s, end, p in found
                   if normalize_name(p) in by_phrase and arabic.head_noun(p.split()[0]) == arabic.MINISTRY)
    for start, _e, phrase in found:
        key = by_phrase.get(normalize_name(phrase))
        if not key or key not in ex.actors or not _OF_THE_MINISTRY.match(phrase) or ex.actors[key].parent:
            continue
        before = [(k, p) for end, k, p in named if end <= start and k in ex.actors and k != key][-1:]
        if before:
            owner, said = before[0]
            unit = ex.actors[key]
            unit.parent, unit.kind = owner, ActorKind.unit.value
            # named by its ministry (as stage_discourse names one by the ministry just spoken of), so
            # that two ministries' branches in one place stay two; the document's handle stays
            unit.fixed_key = unit.key
            unit.name = phrase.replace("الوزارة", said, 1)
            unit.note(phrase, "the ministry's unit, named by \"the ministry\" the text named before it")

def regional_ministry(stage: NamesStage, ex: Extraction, phrase: str, suffix: str, terms: list[tuple[str, str, str]]) -> bool:
    """"وزارة الزراعة في حكومة إقليم كوردستان", "ديوان وزارة X بحكومة الإقليم": the region's
    ministry is a node of its own, part of the regional government; its short forms in the
    document ("وزارة داخلية الإقليم" in a minister's title) name it too."""
    words = phrase.split()
    at = next((i for i, w in enumerate(words[:2]) if arabic.head_noun(w) == arabic.MINISTRY), -1)
    if at < 0 or len(words) - at < 2:
        return False
    ministry = " ".join(words[at:])
    gov_rid = stage._registry_lookup(arabic.REGION_GOVERNMENT)
    ref = stage._ref(ex, f"{ministry} في {arabic.REGION_GOVERNMENT}", "")
    ref.kind, ref.level = ActorKind.ministry.value, Level.regional.value
    if gov_rid:
        ref.parent = ref.parent or stage._ref(ex, arabic.REGION_GOVERNMENT, gov_rid).key
    surface = f"{ministry}{suffix}"
    ref.note(surface, "the ministry named with the regional government it belongs to")
    short = f"{words[at]} {re.sub(r'^ال', '', words[at + 1])} الإقليم" if len(words) - at == 2 else ""
    if short:  # "وزارة داخلية الإقليم"
        ref.note(short, "the region's ministry named by the region")
        terms.append((short, ref.key, "any"))
    terms += [(surface, ref.key, "any"), (ministry, ref.key, "any")]  # the bare name, in this document
    if at == 1:  # "ديوان وزارة X بحكومة الإقليم": the office of the region's ministry
        unit = stage._ref(ex, phrase, "")
        unit.kind, unit.level, unit.parent = ActorKind.unit.value, Level.regional.value, ref.key
        unit.note(f"{phrase}{suffix}", "the unit named with its regional ministry")
        terms += [(f"{phrase}{suffix}", unit.key, "any"), (phrase, unit.key, "any")]
    return True
