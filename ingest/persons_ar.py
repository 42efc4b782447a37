"""Stage 1b of extraction, Arabic: persons and the posts they hold (ingest/persons.py has the
English shapes and the types both share).

An Arabic report names a person after a title and its body ("مدير عام دائرة المنظمات سامر
يوسف"), or before the post in a list or an apposition ("فلان الفلاني عضو المجلس"); the name is
the words next to the post, since no statistical model marks Arabic names here. The word lists
are in ``rules/ar/posts.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from ingest import rules
from ingest.arabic import REGION_GOVERNMENT, REGIONAL_OWNER
from ingest.persons import Bodies, PersonPost, Span


def _ar_body(sent: str, words: list[tuple[int, int, str]], j: int, mentions: Sequence[Span], bodies: Bodies,
             normalize: Callable[[str], str], lex: dict[str, Any], head: str) -> tuple[str, int]:
    """The body of an Arabic post starting at word j, and the index after it: a named body; a
    place (a governor's governorate); "الوزارة" (the body just named); "وزير X" -> "وزارة X";
    "لرئيس الوزراء" -> the national government."""
    if j >= len(words):
        return "", j
    at = words[j][0]
    x = next((x for x in mentions if x.start <= at < x.end or 0 <= x.start - at <= 1), None)
    if x is not None and re.fullmatch(r"[\s\u0640]*", sent[words[j - 1][1] : max(x.start, words[j - 1][1])]):
        k = j
        while k < len(words) and words[k][0] < x.end:
            k += 1
        return x.ref, k
    # "قائممقام قضاء هيت", "مدير ناحية البغدادي": the level word before the place says the unit
    leveled = words[j][2] in _AR_LEVEL_WORDS and j + 1 < len(words)
    for n in (2, 1) if leveled else ():
        place = " ".join(w[2] for w in words[j + 1 : j + 1 + n])
        unit = next((v for kk, v in lex["local_posts"].items() if normalize(kk) == normalize(head)), None)
        if j + 1 + n <= len(words) and unit is not None and bodies.is_place(place):
            return bodies.local_government(place, unit or words[j][2]), j + 1 + n
    for n in (2, 1):
        if j + n <= len(words):
            place = " ".join(w[2] for w in words[j : j + n])
            if bodies.is_place(place):
                unit = next((v for kk, v in lex["local_posts"].items() if normalize(kk) == normalize(head)), None)
                if unit is not None:
                    return bodies.local_government(place, unit), j + n
                if not any(normalize(kk) == normalize(head) for kk in lex["post_body_head"]):
                    return "", j
                break  # "وزير العدل": a minister's field that is also a place's name is the ministry's
    for skip in (0, 1):  # "مستشار رئيس الوزراء", "المستشار الأمني لرئيس الوزراء"
        for g in lex["government_posts"]:
            n = len(g.split())
            if normalize(" ".join(w[2] for w in words[j + skip : j + skip + n])).endswith(normalize(g)):
                return bodies.national_government(), j + skip + n
    if re.fullmatch(r"ال\w{3,}ي", words[j][2]) and normalize(head) in {normalize(w) for w in lex["state_posts"]}:
        # "السفير الياباني لدى العراق فلان": the ambassador of the state its adjective names
        k = j + 1
        if k + 1 < len(words) and words[k][2] == "لدى":
            k += 2
        return bodies.by_name(f"الحكومة {words[j][2]}ة"), k
    ref = bodies.antecedent(words[j][2]) if words[j][2].startswith("ال") else ""
    if ref:  # "المتحدث باسم الوزارة": the ministry just spoken of
        return ref, j + 1
    unit_word = next((v for kk, v in lex["post_body_head"].items() if normalize(kk) == normalize(head)), "")
    if unit_word:  # "وزير داخلية الإقليم" -> "وزارة داخلية الإقليم"
        # "قائد عمليات نينوى": a place closes the name as a definite word does
        k = j + 1 if not words[j][2].startswith("ال") and j + 1 < len(words) and words[j + 1][2].startswith(("ال", "وال")) else j
        if k == j and not words[j][2].startswith("ال") and j + 1 < len(words) and bodies.is_place(words[j + 1][2]) and \
                not re.search(r"[^\s\u0640]", sent[words[j][1] : words[j + 1][0]]):
            k = j + 2
        honor = _ar_post_words(normalize)[3]  # "قائد عمليات X اللواء فلان": the rank is the name's
        while k < len(words) and k - j < 4 and words[k][2].startswith(("ال", "وال")) and \
                normalize(words[k][2]) not in honor and not re.search(r"[^\s\u0640]", sent[words[k - 1][1] : words[k][0]]):
            k += 1
        if k > j:
            name = unit_word + " " + sent[words[j][0] : words[k - 1][1]]
            # "وزير X في حكومة إقليم كوردستان": the region's ministry, not the federal one
            regional = REGIONAL_OWNER.match(sent, words[k - 1][1])
            return bodies.by_name(f"{name} في {REGION_GOVERNMENT}" if regional else name), k
    return "", j

_AR_LEVEL_WORDS = frozenset({"محافظة", "قضاء", "ناحية", "مدينة"})
# "في المحافظة": the place the text speaks of, where the post is held
_PLACE_SPOKEN_OF = frozenset({"المحافظة", "القضاء", "الناحية", "المدينة", "الإقليم", "الاقليم"})


def _ar_owner_skipped(sent: str, words: list[tuple[int, int, str]], k: int, mentions: Sequence[Span]) -> int:
    """"مدير دائرة X في وزارة Y فلان", "مديرة المركز ... بحكومة الإقليم فلان": the body the post's
    body sits in ("في" + a body, or a body with an attached ب) is part of the post, not the name."""
    while k < len(words):
        at = words[k][0] if words[k][2] != "في" else (words[k + 1][0] if k + 1 < len(words) else len(sent))
        x = next((x for x in mentions if x.start <= at < x.end and x.start >= words[k][0]), None)
        if x is None or (words[k][2] != "في" and not words[k][2].startswith("ب")):
            return k
        while k < len(words) and words[k][0] < x.end:
            k += 1
    return k


def _ar_name_before(sent: str, words: list[tuple[int, int, str]], i: int, mentions: Sequence[Span], bodies: Bodies,
                    normalize: Callable[[str], str], stop: frozenset[str], compounds: frozenset[str],
                    honor: frozenset[str]) -> list[tuple[int, int, str]]:
    """"فلان الفلاني عضو المجلس": a name of two to four words right before the post, opening the
    sentence or a list item (after a comma, "من" of "كلٌّ من", or an honorific), with no word of
    a body, a place, a verb of saying or a preposition in it; a definite word only ends it."""
    def stopped(w: str) -> bool:  # a stop word, bare or with its و / ف ("وقال")
        return normalize(w) in stop or w[:1] in "وف" and len(w) > 3 and normalize(w[1:]) in stop

    run: list[tuple[int, int, str]] = []
    h = i - 1
    while h >= 0 and len(run) < 4 and not re.search(r"[^\s\u0640]", sent[words[h][1] : (run[0] if run else words[i])[0]]):
        w = words[h][2]
        if stopped(w) or bodies.is_place(w) or any(x.start <= words[h][0] < x.end for x in mentions):
            break
        run.insert(0, words[h])
        h -= 1
    # a definite word ends the name (a family name) or follows "عبد" / "أبو" inside it
    def shaped(r: list[tuple[int, int, str]]) -> bool:
        return not r[0][2].startswith(("ال", "وال")) and all(
            not x[2].startswith("ال") or n == len(r) - 1 or normalize(r[n - 1][2]) in _AR_NAME_LINKS
            or normalize(x[2]) in compounds
            for n, x in enumerate(r) if n)
    while len(run) >= 2 and not shaped(run):
        run = run[1:]
    if len(run) < 2:
        return []
    h = words.index(run[0]) - 1
    opener = h < 0 or re.search(r"[،,:؛]\s*$", sent[words[h][1] : run[0][0]]) or \
        normalize(words[h][2]) in honor or stopped(words[h][2])  # "وقال فلان الفلاني عضو …"
    return run if opener else []


def _ar_preposition_ala(words: list[tuple[int, int, str]], m: int) -> bool:
    """"على" (spelt with ى) before a definite word or a noun in construct ending in ة ("على ضرورة",
    "على أهمية") is the preposition, not the name "علي": it ends a name ("صادق المحافظ فلان
    الفلاني على الخطة") and begins none ("وأكد مدير الدائرة على ضرورة …")."""
    return words[m][2] == "على" and m + 1 < len(words) and (
        words[m + 1][2].startswith(("ال", "أن", "ان")) or words[m + 1][2].endswith("ة"))


def _ar_given_name(sent: str, words: list[tuple[int, int, str]], m: int, name_words: list[tuple[int, int, str]],
                   bodies: Bodies) -> bool:
    """A first name that is also a place's ("سلمان", "حمدان") when a family name follows it right
    away: a definite word that is no place, then punctuation or the end ("فلان الفلاني،")."""
    if name_words or m + 1 >= len(words) or re.search(r"[^\s\u0640]", sent[words[m][1] : words[m + 1][0]]):
        return False
    nxt = words[m + 1]
    after = sent[nxt[1] : words[m + 2][0]] if m + 2 < len(words) else sent[nxt[1] :]
    return nxt[2].startswith("ال") and not bodies.is_place(nxt[2]) and bool(re.match(r"\s*(?:[،,.؛:]|$)", after))


_AR_WORD = re.compile(r"[\u0621-\u064a\u064b-\u065f\u0670-\u06d3\u06d5\u0640]+\.?")  # with its diacritics ("الدينيّة") and Kurdish letters ("ڤ", "گ")
_AR_NAME_LINKS = {"عبد", "ابو", "بن"}  # normalised: "عبد القادر", "أبو بكر"


@lru_cache(maxsize=4)
def _ar_post_words(normalize: Callable[[str], str]) -> tuple[frozenset[str], ...]:
    """The posts lexicon's word lists, normalised once per process, not once per sentence."""
    lex = rules.load("ar", "posts")
    return (frozenset(normalize(w) for w in lex["post_heads"]),
            frozenset(lex["post_heads"]),  # "وزير" is a head itself; "والمستشار" is و + a head
            frozenset(normalize(w) for w in lex["post_continuations"]),
            frozenset(normalize(w) for w in lex["honorifics"]),
            frozenset(normalize(w) for w in lex["name_enders"]),
            frozenset(normalize(w) for w in lex["name_compounds"]),
            frozenset(normalize(w) for w in lex["clause_openers"]))


def post_heads(normalize: Callable[[str], str]) -> frozenset[str]:
    """The words an Arabic post starts with, normalised: never a word of a person's name."""
    return _ar_post_words(normalize)[0]


def honorifics(normalize: Callable[[str], str]) -> frozenset[str]:
    """Courtesy titles and ranks before an Arabic name ("الشيخ", "العميد"), normalised: no word of it."""
    return _ar_post_words(normalize)[3]


_AR_UNIT_LEVEL = {"محافظة": "governorate", "قضاء": "district", "ناحية": "subdistrict"}
# a profession said before a name ("المهندس فلان", "الدكتور فلان") as the honorifics are
_AR_PROFESSIONS = ("المهندس", "المهندسة", "الحقوقي", "المحامي", "الأستاذ", "الاستاذ")


def _name_after(sent: str, words: list[tuple[int, int, str]], m: int, honor: frozenset[str] | set[str],
                enders: frozenset[str] | set[str], normalize: Callable[[str], str]) -> tuple[list[tuple[int, int, str]], int]:
    """The two to four words of a name right after ``m`` (its honorifics skipped), up to punctuation
    or a verb of saying; and the index after them."""
    while m < len(words) and normalize(words[m][2]) in honor:
        m += 1
    name: list[tuple[int, int, str]] = []
    while m < len(words) and len(name) < 4 and normalize(words[m][2]) not in enders:
        if re.search(r"[^\s\u0640]", sent[(name[-1][1] if name else words[m - 1][1]) : words[m][0]]):
            break
        name.append(words[m])
        m += 1
        if len(name) >= 2 and words[m - 1][2].startswith("ال"):
            break  # a family name ("العيداني") ends the name
    return name, m


def arabic(sent: str, mentions: Sequence[Span], bodies: Bodies,
           normalize: Callable[[str], str]) -> list[PersonPost]:
    """"وزير الهجرة والمهجرين فلان الفلاني", "محافظ نينوى فلان", "مدير عام دائرة X فلان":
    a title, the body (named, or a place for a governor), then a name of two to four words that
    ends at punctuation, a verb of saying or a preposition."""
    lex = rules.load("ar", "posts")
    heads, raw_heads, conts, honor, enders, compounds, openers = _ar_post_words(normalize)
    words = [(m.start(), m.end(), m.group(0)) for m in _AR_WORD.finditer(sent)]
    out: list[PersonPost] = []
    i = 0
    while i < len(words):
        s0, _, w = words[i]
        # "البرنامج الحكومي لرئيس الوزراء فلان": a title with an attached ل ("of the Prime Minister")
        lam = w.startswith("ل") and w[1:] in raw_heads
        # "وحضور محافظها فلان": "its governor", of the place the text has just named
        owned = re.fullmatch(r"(\S+?)(?:ها|ه)", w)
        unit = next((v for kk, v in lex["local_posts"].items() if owned and kk == owned.group(1)), None)
        place = bodies.place_here(_AR_UNIT_LEVEL.get(unit, "governorate"), sent[:s0]) if unit else ""
        owned_name, k = _name_after(sent, words, i + 1, honor | {normalize(x) for x in _AR_PROFESSIONS}, enders, normalize)
        if place and unit and len(owned_name) >= 2:
            out.append(PersonPost(" ".join(x[2] for x in owned_name), owned.group(1) if owned else w,
                                  bodies.local_government(place, unit), s0,
                                  owned_name[-1][1], "ar.person.own_place_post"))
            i = k
            continue
        if normalize(w) not in heads and not lam:
            i += 1
            continue
        if lam:
            s0, w = s0 + 1, w[1:]
        if not lam and any(x.start < s0 < x.end or x.end <= s0 and not sent[x.end : s0].strip() for x in mentions):
            i += 1  # "لجنةٌ وزارية مسؤولة عن ملف …": a word of the body's own name or its adjective, no title
            continue
        j = i + 1
        # the post's own words: "مدير عام", "المتحدث باسم", chained titles "معاون محافظ"
        while j < len(words) and (normalize(words[j][2]) in conts or normalize(words[j][2]) in heads):
            j += 1
        last_head = next((x[2] for x in reversed(words[i + 1 : j]) if normalize(x[2]) in heads), w)
        body, k = _ar_body(sent, words, j, mentions, bodies, normalize, lex, last_head)
        # a post with no body named: "رئيس الوزراء" -> the national government, and so is a title
        # chained before it ("مستشار رئيس الوزراء لشؤون الشباب": the adviser's post is all of it)
        for h in range(i, j) if not body else ():
            at = s0 if h == i else words[h][0]
            gov = [g for g in lex["government_posts"] if normalize(sent[at:]).startswith(normalize(g))]
            if gov:
                k = h + len(gov[0].split())
                body = bodies.national_government()
                break
        if not body:
            i += 1
            continue
        k = _ar_owner_skipped(sent, words, k, mentions)
        if k + 1 < len(words) and words[k][2] == "في":
            # "ممثل الأمم المتحدة في البصرة فلان", "… في محافظة الأنبار، …": where the post is held, not the name
            leveled = words[k + 1][2] in _AR_LEVEL_WORDS and k + 2 < len(words) and bodies.is_place(words[k + 2][2])
            n = 2 if leveled else 1 if bodies.is_place(words[k + 1][2]) or words[k + 1][2] in _PLACE_SPOKEN_OF else 0
            k += n + 1 if n else 0
        # qualifiers of the post: "لشؤون المنظمات والنازحين" (an attached ل and what follows it)
        # — a definite word follows it ("لجانا من …" is the object of a verb, no qualifier)
        if k < len(words) and words[k][2].startswith("ل") and not words[k][2].startswith("ال") and \
                (words[k][2].startswith("لل") or k + 1 < len(words) and words[k + 1][2].startswith(("ال", "وال"))):
            k += 1
            while k < len(words) and re.match(r"^(?:و?ال)", words[k][2]):
                k += 1
        post = sent[s0 : words[k - 1][1]] if k > i else w
        # "رئيس اللجنة في المحافظة، معاون المحافظ لشؤون النازحين، السيد فلان": a second post of
        # the same holder between the first and the honorific of the name
        if k < len(words) and re.fullmatch(r"\s*[،,]\s*", sent[words[k - 1][1] : words[k][0]]) and \
                normalize(words[k][2]) in heads:
            q = k + 1
            while q < len(words) and q - k < 8 and not re.search(r"[،,.؛:]", sent[words[q - 1][1] : words[q][0]]):
                q += 1
            if q < len(words) and re.fullmatch(r"\s*[،,]\s*", sent[words[q - 1][1] : words[q][0]]) and \
                    normalize(words[q][2]) in honor:
                k = q
        # the name: two to four words right after, with nothing but spaces between them
        k_post = k
        while k < len(words) and normalize(words[k][2]) in honor:
            k += 1
        name_words: list[tuple[int, int, str]] = []
        honored = k > k_post  # after "السيد" / "العميد" a place's word ("رشيد") is a name's
        m = k
        while m < len(words) and len(name_words) < 4:
            gap = sent[(name_words[-1][1] if name_words else words[m - 1][1] if m > 0 else 0) : words[m][0]]
            if name_words and re.search(r"[^\s\u0640]", gap):
                break
            if not name_words and re.search(r"[^\s\u0640،,]", gap):
                break
            if _ar_preposition_ala(words, m) or re.search("[\u064b-\u064d]", words[m][2]):
                break  # (a word with tanween, "برنامجاً", is an indefinite noun, never a name's)
            if not name_words and words[m][2].startswith(("وال", "فال")):
                break  # "مدير الوقف الشيعي والسني": "and the Sunni" goes on the body, no name begins
            # the word after "عبد" / "أبو" is the name's ("عبد الله" is no "له" of the enders)
            linked = bool(name_words) and normalize(name_words[-1][2]) in _AR_NAME_LINKS
            if not linked and (normalize(words[m][2]) in enders or normalize(words[m][2]) in heads) or \
                    any(x.start <= words[m][0] < x.end for x in mentions) or \
                    bodies.is_place(words[m][2]) and not honored and not _ar_given_name(sent, words, m, name_words, bodies) \
                    and not (name_words and re.fullmatch(r"ال\w{3,}ي", words[m][2].rstrip("."))):  # a family name "الفلاني" that is also a place's
                break
            # a name never starts with a definite word; inside it one follows "عبد" / "أبو" or ends it
            last = words[m][2].startswith("ال") and (not name_words or not linked and normalize(words[m][2]) not in compounds)
            if last:
                more = m + 1 < len(words) and not re.search(r"[^\s\u0640]", sent[words[m][1] : words[m + 1][0]]) \
                    and normalize(words[m + 1][2]) not in enders | heads and not _ar_preposition_ala(words, m + 1)
                # a family name of relation ("الجبوري", "الساعدي") ends the name even where the
                # object of the sentence follows it ("برئاسة المحافظ فلان الجبوري متابعة …")
                if not name_words or more and not re.fullmatch(r"ال\w{3,}ي", words[m][2]):
                    break
            name_words.append(words[m])
            m += 1
            if last:
                break
        listed = len(name_words) >= 2 and name_words[0][2].startswith("و") and "،" in sent[words[k - 1][1] : name_words[0][0]]
        if len(name_words) < 2 or listed:
            # "… وفلان الفلاني عضو المجلس، وفلان …": in a list each name comes before its post
            # … and the post ends its clause (punctuation, or a verb of saying): "، إذ شكّل وزير
            # الزراعة لجانا" is a verb and its subject, no name
            ends = k_post >= len(words) or re.match(r"\s*[،,.؛:)]", sent[words[k_post - 1][1] :]) or \
                normalize(words[k_post][2]) in enders
            before = _ar_name_before(sent, words, i, mentions, bodies, normalize, enders | heads | openers, compounds,
                                    honor) \
                if ends and not (w[:1] == "و" and w[1:] in raw_heads and w not in raw_heads) else []  # "فلان ومدير X": a new item
            if before or listed:  # "، وفلان" after a post is the list's next item, no holder of it
                name_words, m = before, k
        if len(name_words) >= 2:
            name = sent[name_words[0][0] : name_words[-1][1]].rstrip(".")
            if name_words[0][2].startswith("و") and re.search(r"[،,]\s*$", sent[: name_words[0][0]]):
                name = name[1:]  # the list's "و" ("، وفلان"), not the name's first letter
            post = post.strip(" ،,.")
            first = post.split()[0]
            if first.startswith("و") and first not in raw_heads and first[1:] in raw_heads:
                post, s0 = post[1:], s0 + 1  # "والمستشار": the و joins it to the sentence, not the post
            span = (s0, name_words[-1][1]) if name_words[0][0] > s0 else (name_words[0][0], words[k - 1][1])
            out.append(PersonPost(name, post, body, *span, "ar.person.title_body_name"))
            i = m
        else:
            i += 1
    return out
