"""Language-neutral keys for names, so that an Arabic name and its English name meet.

Bodies: a name becomes a *signature*, the set of institutional concepts and places it is made
of ("اللجنة الفرعية لمكافحة التطرف العنيف في محافظة الأنبار" and "Anbar Governorate CVE
Subcommittee" are both {committee, sub, cve, place:IQG01}). The glossary below is general
institutional vocabulary of Iraqi public administration and aid; a name with any word outside
it has no signature, so an unknown word can never cause a merge.

Persons: a consonant *skeleton* of the name ("Suad Hamid Al-Ani" and "سعاد حميد العاني" are
both "sdmdn"). It is weak evidence, used only inside one document (ingest/resolve.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from graph.names import normalize_arabic, normalize_english, normalize_name

# concept -> Arabic phrases, English phrases (normalised forms are compared)
_GLOSSARY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "committee": (("لجنة", "لجان", "هيئة"), ("committee", "committees", "commission")),
    "sub": (("فرعية", "فرعي"), ("sub",)),
    "national": (("الوطنية", "الوطني", "وطنية"), ("national",)),
    "local": (("محلية", "المحلية", "المحلي"), ("local",)),
    "cve": (("مكافحة التطرف العنيف المؤدي إلى الإرهاب", "مكافحة التطرف العنيف المؤدي للإرهاب",
             "منع التطرف العنيف المؤدي إلى الإرهاب", "مكافحة التطرف العنيف", "منع التطرف العنيف", "مكافحة التطرف"),
            ("cve", "p cve", "pcve", "countering violent extremism", "preventing violent extremism",
             "preventing and countering violent extremism", "counter violent extremism",
             "countering violent extremism conducive to terrorism", "preventing violent extremism conducive to terrorism",
             "combat violent extremism", "combating violent extremism")),
    "ministry": (("وزارة",), ("ministry",)),
    "directorate": (("مديرية", "المديرية", "دائرة"), ("directorate", "directorate general", "general directorate")),
    "department": (("قسم",), ("department", "section")),
    "office": (("مكتب", "مستشارية"), ("office",)),
    "branch": (("فرع",), ("branch",)),
    "command": (("قيادة",), ("command",)),
    "police": (("شرطة", "الشرطة"), ("police",)),
    "education": (("تربية", "التربية", "التعليم", "تعليم"), ("education",)),
    "health": (("صحة", "الصحة"), ("health",)),
    "labour": (("العمل",), ("labor", "labour")),
    "social_affairs": (("الشؤون الاجتماعية",), ("social affairs",)),
    "migration": (("الهجرة",), ("migration",)),
    "displacement": (("المهجرين", "المهجّرين"), ("displacement", "displaced")),
    "interior": (("الداخلية",), ("interior",)),
    "foreign_affairs": (("الخارجية",), ("foreign affairs",)),
    "justice": (("العدل", "العدالة"), ("justice",)),
    "youth": (("الشباب", "شباب"), ("youth",)),
    "sport": (("الرياضة",), ("sport", "sports")),
    "endowment": (("الوقف", "ديوان الوقف"), ("endowment",)),
    "sunni": (("السني",), ("sunni",)),
    "shia": (("الشيعي",), ("shia", "shiite")),
    "civil_status": (("الأحوال المدنية",), ("civil status",)),
    "passports": (("الجوازات",), ("passports", "passport")),
    "residence": (("الإقامة",), ("residence",)),
    "network": (("شبكة",), ("network",)),
    "forum": (("منتدى",), ("forum",)),
    "civil_society": (("المجتمع المدني",), ("civil society",)),
    "organisation": (("منظمات", "منظمة"), ("organizations", "organization")),
    "association": (("جمعية",), ("association",)),
    "foundation": (("مؤسسة",), ("foundation",)),
    "development": (("التنمية",), ("development",)),
    "peace": (("السلام",), ("peace",)),
    "legal_aid": (("المساعدة القانونية",), ("legal aid",)),
    "reintegration": (("إعادة الإدماج", "الإدماج"), ("reintegration",)),
    "security": (("الأمن",), ("security",)),
    "council": (("مجلس",), ("council",)),
    # "لمتابعة تنفيذ استراتيجية …": following up the implementation is implementing it
    "implementation": (("متابعة تنفيذ", "تنفيذ"), ("implementation", "implementing")),
    "strategy": (("استراتيجية", "إستراتيجية", "الاستراتيجية", "الإستراتيجية"), ("strategy",)),
    "high": (("الأعلى", "الاعلى", "العليا"), ("high", "supreme")),
    "governorate": (("محافظة",), ("governorate", "province", "provincial")),
    "district": (("قضاء",), ("district",)),
    "district_government": (("قائمقامية", "قائممقامية"), ()),
    "women": (("المرأة", "النساء"), ("women", "women s")),
    "empowerment": (("تمكين",), ("empowerment",)),
}
_STOP_AR = {normalize_arabic(w) for w in ("في", "ل", "من", "و", "عن")}
_STOP_EN = {"of", "the", "for", "and", "in", "on", "to", "s"}
_PLACE_WORDS = {"governorate", "district"}


@lru_cache(maxsize=1)
def _phrases() -> tuple[list[tuple[list[str], str]], list[tuple[list[str], str]]]:
    ar: list[tuple[list[str], str]] = []
    en: list[tuple[list[str], str]] = []
    for concept, (ar_ps, en_ps) in _GLOSSARY.items():
        ar += [(normalize_arabic(p).split(), concept) for p in ar_ps]
        en += [(normalize_english(p).split(), concept) for p in en_ps]
    # longest phrases first, so "الشؤون الاجتماعية" wins over its words
    return sorted(ar, key=lambda x: -len(x[0])), sorted(en, key=lambda x: -len(x[0]))


@lru_cache(maxsize=4096)
def gazetteer_place(text: str) -> str | None:
    """The place a word or two name exactly, by one of the gazetteer's names (a signature's
    ``place_of``): "Basra" and "البصرة" are place:IQG02."""
    from graph.vocab import load_gazetteer  # the gazetteer is loaded on first use, not on import

    key = normalize_name(text)
    for p in load_gazetteer().lookup(text)[:1]:
        if key in {normalize_name(x) for x in (p.name, p.name_ar, *p.alt_names) if x}:
            return p.id
    return None


def glossary() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Institutional vocabulary: concept -> (Arabic phrases, English phrases). Search uses it to
    carry a query's words into the other script (search/entities.py)."""
    return dict(_GLOSSARY)


def _expand_en(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        if t.startswith("sub") and t[3:] in ("committee", "committees"):
            out += ["sub", "committee"]
        else:
            out.append(t)
    return out


def signature(name: str, place_of: Callable[[str], str | None] | None = None) -> frozenset[str] | None:
    """The concepts and places a body's name is made of; None when any word is unknown.

    ``place_of(text) -> place id | None`` looks a word or two up in the gazetteer.
    """
    arabic_name = bool(re.search(r"[\u0600-\u06ff]", name))
    if arabic_name:
        toks = normalize_arabic(name).split()
        phrases, stop = _phrases()[0], _STOP_AR
    else:
        toks = _expand_en(normalize_english(name).split())
        phrases, stop = _phrases()[1], _STOP_EN
    out: set[str] = set()
    i = 0
    while i < len(toks):
        if toks[i] in stop:
            i += 1
            continue
        for words, concept in phrases:
            cand = toks[i : i + len(words)]
            # "لوزارة" = ل + وزارة; "للشباب" = ل + الشباب (the article's alef dropped, the article
            # itself normalised away)
            if cand == words or (arabic_name and cand and cand[0][:1] in ("ل", "ب") and len(cand[0]) > 3
                                 and ([cand[0][1:], *cand[1:]] == words
                                      or cand[0][:2] == "لل" and [cand[0][2:], *cand[1:]] == words)):
                out.add(concept)
                i += len(words)
                break
        else:
            place = None
            for n in (3, 2, 1):
                if place_of is not None and i + n <= len(toks):
                    place = place_of(" ".join(toks[i : i + n]))
                    if place:
                        out.add(place)
                        i += n
                        break
            if not place:
                return None
    places = {x for x in out if x.startswith("place:")}
    if not arabic_name and len(places) == 1 and out - places == {"district"}:
        out = {"district_government", *places}  # "Al-Qaim District" = "قائمقامية القائم"
    if places:
        out -= _PLACE_WORDS
    heads = {"committee", "ministry", "directorate", "department", "office", "branch", "command",
             "network", "association", "foundation", "council", "organisation", "forum", "district_government"}
    if len(out) < 2 or not out & heads:
        return None
    return frozenset(out)


_AR_SKELETON = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z", "س": "s",
    "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l",
    "م": "m", "ن": "n",
}


def skeleton(name: str) -> str:
    """Consonants of a person's name in a script-neutral form (vowels, h, w, y, ʿ dropped)."""
    words = re.findall(r"[\w\u0600-\u06ff]+", name)
    out = []
    for w in words:
        if re.search(r"[\u0600-\u06ff]", w):
            w = normalize_arabic(w)
            s = "".join(_AR_SKELETON.get(ch, "") for ch in w)
        else:
            w = w.lower()
            if w in ("al", "el"):
                continue
            w = re.sub(r"^(al|el)(?=[^aeiou])", "", w) if len(w) > 4 else w
            w = w.replace("th", "t").replace("dh", "d").replace("kh", "k").replace("sh", "s").replace("gh", "g")
            w = w.replace("q", "k").replace("c", "k")
            s = re.sub(r"[aeiouyhw'’\-]", "", w)
        out.append(re.sub(r"(.)\1+", r"\1", s))
    return "".join(out)
