"""Arabic relation shapes read over a sentence's mentions (stage 3a, called from stage_cues).

Three shapes real Arabic prose uses where a cue alone does not say who stands where:

- partners: "بالتعاون مع / بالشراكة مع A وB، منها C وD": the bodies after the cue, and those a list
  lead-in ("منها", "في مقدمتها", "ولا سيما") names after a class, work with the clause's holder
  (the body before the cue, the subject, or in a passive with no agent the body just spoken of).
  A class of bodies named as a partner ("مع الجامعات") is a partner in its own right: partnership
  holds both ways, so the class is also written as the holder of it.
- part of: "مركز X في وزارة Y", "مديرية X بوزارة Y", "وزارة X في حكومة Y": a body named right
  before "في" or an attached ب and a body that can own it is a part of that body.
- membership: "تضم / تتألف من / تتكون من": the group named by the verb (after it in a verbal
  sentence, before it in a nominal one, else the clause's subject) has the bodies listed after it
  as members.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from graph.model import ActorKind, Level, StatementKind, Status
from ingest import arabic
from ingest.cues import _LIST_GAP
from ingest.extraction import Extraction, Mention

_f = arabic._f

# a list lead-in after a class: "منظمات دولية، منها A وB", "في مقدمتها A", "ولا سيما A"
_INTRO = re.compile(
    r"\s*[،,]?\s*(?:و?منها|و?من\s+بينها|و?من\s+بينهم|في\s+مقدمتها|في\s+مقدمتهم|أبرزها|ابرزها|و?لا\s+سيما|"
    r"و?بخاصة|خاصة|مثل)\s*$")
_NEGATED = re.compile(r"(?:^|\s)(?:لا|لم|لن|ليس|ليست|دون|بدون)\s+(?:\S+\s+)?$")

# heads of bodies that own parts, and heads of bodies that are parts of another
OWNER_HEADS = {_f(w) for w in ("وزارة", "حكومة", "هيئة", "جهاز", "مفوضية", "ديوان", "قيادة", "جامعة", "مستشارية")}
PART_HEADS = {_f(w) for w in (
    "مركز", "مديرية", "دائرة", "قسم", "شعبة", "وحدة", "مكتب", "لجنة", "ديوان", "مجلس", "فرع", "معهد", "كلية")}
_GOVERNMENT = _f("حكومة")
_MINISTRY = _f("وزارة")

# "تضم اللجنة A وB", "يتألف المجلس من A وB"
MEMBERSHIP_VERB = re.compile(
    r"(?:^|\s)[وف]?(?:تضم|يضم|تتألف\s+من|يتألف\s+من|تتكون\s+من|يتكون\s+من|تتشكل\s+من|يتشكل\s+من)(?=\s)")
# "اللجنة الفرعية، والمتمثلة بجامعة X وجهاز Y،", "المجلس المكوّن من A وB": the body just named
# is made of those listed
MEMBERSHIP_PARTICIPLE = re.compile(
    r"(?:^|\s)[و]?(?:ال)?(?:متمثل[ةه]?\s*(?:ب|في\s)|مكون[ةه]?\s+من|مؤلف[ةه]?\s+من|مشكل[ةه]?\s+من)")
GROUP_KINDS = {ActorKind.committee.value, ActorKind.network.value, ActorKind.programme.value}

Add = Callable[..., None]


def _run(sent: str, mentions: Sequence[Mention], i: int) -> tuple[list[str], int]:
    """Mention i and those listed with it ("A، B وC", "A (ACR) وB"); the index after the run."""
    out = [mentions[i].ref]
    end = mentions[i].end
    j = i + 1
    while j < len(mentions):
        nxt = mentions[j]
        gap = sent[end : nxt.start]
        if nxt.ref == out[-1] and re.fullmatch(r"[»\s]*\(?\s*", gap):  # "المنظمة الدولية للهجرة (IOM)"
            end = nxt.end + len(re.match(r"\s*\)?", sent[nxt.end :]).group(0))  # type: ignore[union-attr]
            j += 1
            continue
        if not (_LIST_GAP.fullmatch(gap) or re.fullmatch(r"\)?\s*،?\s*", gap) and arabic.joined_by_waw(nxt.text)
                or re.fullmatch(r"[»\s]*(?:\([^()]*\))?\s*،?\s*", gap) and arabic.joined_by_waw(nxt.text)
                or arabic.QUOTED_LIST_ITEM.search(gap) and not gap.strip().startswith(("،", ".", "؛"))):
            break
        out.append(nxt.ref)
        end = nxt.end
        j += 1
    return list(dict.fromkeys(out)), j


def listed_after(sent: str, mentions: Sequence[Mention], pos: int, gap: int = 40) -> list[str]:
    """The bodies listed right after ``pos``, with those a list lead-in names after them."""
    after = [k for k, x in enumerate(mentions) if x.start >= pos]
    if not after or mentions[after[0]].start - pos > gap or re.search(r"[.;:!?؛]", sent[pos : mentions[after[0]].start]):
        return []
    out, j = _run(sent, mentions, after[0])
    while j < len(mentions) and _INTRO.fullmatch(sent[mentions[j - 1].end : mentions[j].start].replace(")", "")):
        more, j = _run(sent, mentions, j)
        out += [x for x in more if x not in out]
    return out


def partners(sent: str, mentions: Sequence[Mention], ex: Extraction, add: Add, holder: Callable[[int], list[str]]) -> None:
    """"بالتعاون مع / بالشراكة مع / بالتنسيق مع ..." (see the module's docstring)."""
    for m in arabic.PARTNER_WITH.finditer(sent):
        if _NEGATED.search(sent[max(0, m.start() - 30) : m.start()]):
            continue
        objs = listed_after(sent, mentions, m.end())
        subj = [x for x in holder(m.start()) if x not in objs]
        if not objs or not subj:
            continue
        add(StatementKind.partnership.value, subj, objs, None, None, "ar.partnership.with_list")
        for o in objs:
            if ex.actors[o].is_class:  # a class acts with the holder too (partnership holds both ways)
                add(StatementKind.partnership.value, [o], subj[:1], None, None, "ar.partnership.class_partner")


def _head(m: Mention) -> str:
    words = m.text.split()
    return arabic.head_noun(words[0]) if words else ""


def parts(sent: str, mentions: Sequence[Mention], ex: Extraction, add: Add) -> None:
    """"مركز X في وزارة Y", "مديرية X بوزارة Y": a part named right before the body that owns it;
    "وزارة Y/ مديرية X" (the official way of naming a unit): right after it."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = sent[a.end : b.start]
        if re.fullmatch(r"\s*/\s*", gap):
            a, b, gap = b, a, " في "
        # ("دائرة X لحكومة إقليم كوردستان", "مديرية X لوزارة Y": a ل attached makes it Y's too)
        attached = not gap.strip() and b.text.startswith(("ب", "ل"))
        if a.ref == b.ref or not (re.fullmatch(r"\s+في\s+", gap) or attached):
            continue
        ha, hb = _head(a), _head(b)
        child, owner = ex.actors.get(a.ref), ex.actors.get(b.ref)
        if child is None or owner is None or child.is_class or owner.is_class or hb not in OWNER_HEADS:
            continue
        if not (ha in PART_HEADS or ha == _MINISTRY and hb == _GOVERNMENT):
            continue
        # a ministry of the federal government (the registry's) is never part of another government
        if child.registry_id and child.level == Level.national.value and hb == _GOVERNMENT:
            continue
        if ha in arabic.BRANCH_WORDS and child.parent in ex.actors:  # "ديوان وزارة X في حكومة Y": the ministry is Y's
            child = ex.actors[child.parent]
            if child.registry_id and child.level == Level.national.value and hb == _GOVERNMENT or child.key == b.ref:
                continue
        add(StatementKind.part_of.value, [child.key], [b.ref], Status.established.value, None, "ar.part_of.in_body")
        if not child.parent:
            child.parent = b.ref


# "مجلس وزراء الإقليم", "مجلس وزراء إقليم كوردستان": the region's cabinet, part of its government
_REGION_CABINET = re.compile(r"^[وفلب]?(?:ال)?مجلس\s+وزراء\s+(?:حكومة\s+)?(?:الإقليم|الاقليم|(?:إقليم|اقليم)\s+(?:كوردستان|كردستان))$")
REGION_GOVERNMENT_ID = "kurdistan-regional-government"


def region_cabinet(mentions: Sequence[Mention], ex: Extraction, add: Add) -> None:
    """The region's council of ministers is part of the region's government, where the document
    names that government (a node of its own, from the registry)."""
    gov = next((k for k, a in ex.actors.items() if a.registry_id == REGION_GOVERNMENT_ID), "")
    for m in mentions:
        child = ex.actors.get(m.ref)
        if not gov or child is None or child.key == gov or not _REGION_CABINET.match(m.text.strip()):
            continue
        add(StatementKind.part_of.value, [child.key], [gov], Status.established.value, None, "ar.part_of.region_cabinet")
        child.parent = child.parent or gov


def members(sent: str, mentions: Sequence[Mention], ex: Extraction, add: Add, subjects: Sequence[str],
            antecedent: Callable[[str], str]) -> None:
    """"تضم اللجنة A وB", "المجلس يتألف من A وB" (see the module's docstring)."""
    for m in MEMBERSHIP_VERB.finditer(sent):
        if arabic.MEMBERS.match(sent, m.start()) or re.match(r"\s+\S+\s+(?:في\s+)?عضويت", sent[m.end() :]):
            continue  # "تضم ... في عضويتها": read by the older cue (stage_cues)
        group: list[str] = []
        after = [x for x in mentions if x.start >= m.end()]
        before = [x for x in mentions if x.end <= m.start()]
        first_word = re.match(r"\s+(\S+)", sent[m.end() :])
        if after and after[0].start - m.end() <= 1:
            group, after = [after[0].ref], after[1:]
        elif first_word and arabic.head_noun(first_word.group(1)) and first_word.group(1).startswith("ال"):
            group = [k for k in [antecedent(first_word.group(1))] if k]  # "تضم اللجنة": the latest committee
        elif before and not sent[before[-1].end : m.start()].strip():
            group = [before[-1].ref]
        else:
            group = list(subjects[:1])
        if not group or group[0] not in ex.actors or ex.actors[group[0]].kind not in GROUP_KINDS or not after:
            continue
        listed = listed_after(sent, mentions, after[0].start)
        if after[0].start - m.end() > 60:
            continue
        for mem in listed:
            if mem not in group and ex.actors[mem].kind != ActorKind.person.value:
                add(StatementKind.membership.value, [mem], group, Status.established.value, None, "ar.membership.comprises")
    # "المكوّن": read without the marks, at the places of the sentence's own letters
    at = [i for i, c in enumerate(sent) if not "\u064b" <= c <= "\u0652"] + [len(sent)]
    plain = "".join(sent[i] for i in at[:-1])
    for p in MEMBERSHIP_PARTICIPLE.finditer(plain):
        start, end = at[p.start()], at[p.end()]
        before = [x for x in mentions if x.end <= start]
        after = [x for x in mentions if x.start >= end - 1]
        if not before or not after or not re.fullmatch(r"[\s،,]*", sent[before[-1].end : start]) or \
                after[0].start - end > 2:
            continue
        group = [before[-1].ref]
        if group[0] not in ex.actors or ex.actors[group[0]].kind not in GROUP_KINDS:
            continue
        for mem in listed_after(sent, mentions, after[0].start):
            if mem not in group and ex.actors[mem].kind != ActorKind.person.value:
                add(StatementKind.membership.value, [mem], group, Status.established.value, None, "ar.membership.made_of")


# "عقدت اللجنة اجتماعاً بحضور وزيرة X وممثلين عن A وB": who attends a group's own meeting sits on it
_ATTENDED = re.compile(r"(?:اجتماع|جلسة|جلسات|اجتماعات)\S*\s+(?:\S+\s+){0,3}?بحضور\s+")


def attendees(sent: str, mentions: Sequence[Mention], ex: Extraction, add: Add, subjects: Sequence[str],
              posts: Sequence[tuple[int, str]]) -> None:
    """The bodies at a group's meeting, named or through the post of the person who attends
    (``posts``: where a post is named in ``sent``, and its body), are the group's members."""
    for m in _ATTENDED.finditer(sent):
        group = [x for x in subjects if x in ex.actors and ex.actors[x].kind in GROUP_KINDS][:1]
        if not group:
            continue
        end = next((k.start() for k in re.finditer(r"[.؛;]", sent) if k.start() > m.end()), len(sent))
        bodies = [x.ref for x in mentions if m.end() <= x.start < end] + [b for at, b in posts if m.end() <= at < end]
        for b in dict.fromkeys(bodies):
            ref = ex.actors.get(b)
            if b not in group and ref is not None and not ref.is_class and ref.kind != ActorKind.person.value:
                add(StatementKind.membership.value, [b], group, Status.established.value, None, "ar.membership.attends_meeting")


# "وبرعاية معالي وزير الصحة فلان، نظّمت اللجنة …": a patron named by a person's post
_PATRONAGE = re.compile(r"(?<![\w\u0640])[و]?(?:برعاية|تحت\s+رعاية)\s+(?:(?:معالي|سيادة|فخامة|سماحة|السيد|السيدة)\s+)?")


def patrons(sent: str, mentions: Sequence[Mention], add: Add, subjects: Sequence[str],
            posts: Sequence[tuple[int, str]]) -> None:
    """The body of the post named right after "برعاية" supports what the sentence's holder does
    (``posts``: where a post is named in ``sent``, and its body); so does a body named there
    when the patronage comes before the holder ("برعاية وزارة X، نظّمت اللجنة …"; after it, the
    rule ar.support.patronage reads it)."""
    for m in _PATRONAGE.finditer(sent):
        body = [b for at, b in posts if 0 <= at - m.end() <= 1][:1]
        if not body and not any(x.ref in subjects and x.start < m.start() for x in mentions):
            body = [x.ref for x in mentions if 0 <= x.start - m.end() <= 1][:1]
        holders = [x for x in subjects if x not in body]
        if body and holders:
            add(StatementKind.support.value, body, holders, Status.established.value, None, "ar.support.patron_official")


# "لجنة … برئاسة محافظ البصرة فلان": a chair named by a person's post rather than a body
_CHAIRED = re.compile(r"(?<![\w\u0640])[وف]?(?:برئاسة|يرأسها|يرأسه|يترأسها|تترأسها|يترأسه)\s+")


def chaired_by(sent: str, mentions: Sequence[Mention], add: Add, subjects: Sequence[str],
               officials: Sequence[tuple[int, str, str]]) -> None:
    """The person whose post is named right after "برئاسة" chairs the body named before it (or the
    sentence's holder), and so does the body of the post (a governor's chair is the governorate's);
    ``officials``: where a post is named in ``sent``, its holder and its body."""
    for m in _CHAIRED.finditer(sent):
        who = [[p, b] for at, p, b in officials if 0 <= at - m.end() <= 2][:1]
        group = [x.ref for x in mentions if x.end <= m.start()][-1:] or list(subjects[:1])
        if who and group and group[0] not in who[0]:
            add(StatementKind.leadership.value, who[0], group, Status.established.value, None, "ar.leadership.chaired_by_official")


# Where one clause of a long Arabic sentence ends: a semicolon; a comma before a new clause joined by
# و / ف or a circumstantial participle ("، مشيراً", "، محذّرة"); a clause of reason or contrast
# ("لأنه", "إذ", "مع أن"). A plain comma (an aside: "X، من خلال مديريته، …") ends none.
_CLAUSE_END = re.compile(
    r"\s*[؛;]\s*|\s*[،,]\s*(?=و(?!لا\s*سيما)\S|(?:مشير|مؤكد|محذر|محذّر|لافت|معتبر|مضيف|موضح|مشدد|مشدّد)\S*)|"
    rf"\s*[،,]\s*(?={arabic.PURPOSE.pattern})|"
    r"\s*[،,]?\s+(?:لأن|لأنه|لأنها|إذ|اذ|حيث|مع\s+أن|إلا\s+أن|غير\s+أن|لكن)(?=\s)")


def _cuts(sent: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CLAUSE_END.finditer(sent)
            if not any(0 <= x.start - m.end() <= 1 for x in mentions) and not any(x.start < m.start() < x.end for x in mentions)]


def following_clauses(sent: str, mentions: Sequence[Mention], after: int, min_words: int = 5) -> list[tuple[int, int]]:
    """The clauses of ``sent`` after position ``after`` (a holder's clause's end), a clause too short
    to say anything joined to the one before it."""
    out: list[tuple[int, int]] = []
    bounds = [(cs, ce) for cs, ce in _cuts(sent, mentions) if cs >= after]
    for k, (_, ce) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else len(sent)
        if out and len(sent[ce:end].split()) < min_words:
            out[-1] = (out[-1][0], end)
        else:
            out.append((ce, end))
    # a clause goes on only where it reports ("، وقال إنه …", "، وأنها …"), opens on a topic
    # ("؛ أما X فـ…") or on a verb whose subject it does not name ("، وتمنح منحاً …"): "، ومستشار
    # الأمن …" is the next item of a list, not a clause
    def goes_on(a: int) -> bool:
        if _GOES_ON.match(sent, a):
            return True
        verb = _SAME_SUBJECT_VERB.match(sent, a)
        return verb is not None and not any(verb.end() <= x.start <= verb.end() + 2 for x in mentions)
    return [(a, b) for a, b in out if len(sent[a:b].split()) >= min_words and goes_on(a)]


def clause_span(sent: str, mentions: Sequence[Mention], pos: int, min_words: int = 8) -> tuple[int, int]:
    """The clause of ``sent`` around ``pos`` (a subject's position): a mandate's quote is what the
    clause says of its holder, not the rest of a long news sentence. A comma between listed bodies
    ("A، B وC") or before an apposition's name ends no clause."""
    cuts = _cuts(sent, mentions)
    start, end = 0, len(sent)
    for cs, ce in cuts:
        if ce <= pos:
            start = ce
        elif cs > pos:
            end = cs
            break
    while len(sent[start:end].split()) < min_words:  # too short to say anything: take the next clause too
        nxt = [cs for cs, _ in cuts if cs > end]
        if end >= len(sent):
            break
        end = nxt[0] if nxt else len(sent)
    return start, end


_POST_WORDS = re.compile(r"(?:^|\s)[وف]?(?:ل|ب)?(?:ال)?(?:رئيس|رئيسة|وزير|وزيرة|مدير|مديرة|ممثل|ممثلة|محافظ|نائب|مستشار|معاون|متحدث|المتحدث)(?:\s+\S+)?\s*$")


def holder_position(sent: str, mentions: Sequence[Mention], ref: str) -> int:
    """Where the holder stands as the subject: its first mention that no preposition governs and
    no post names ("رئيس حكومة الإقليم" names a person's post, not the body acting); else its first."""
    own = [x for x in mentions if x.ref == ref]
    for x in own:
        before = sent[max(0, x.start - 40) : x.start]
        if not arabic.governed(before) and not arabic.attached_preposition(x.text, before) and not _POST_WORDS.search(before):
            return x.start
    return own[0].start if own else -1


# Reported speech: "قال / كشف / أوضح / أكد X، في مؤتمر صحفي، أن CONTENT", "وصف X A بأنه CONTENT".
# What the body says or is said to be is the content after the complementizer; the attribution
# before it (the speaker's post, the occasion, the outlet) says nothing of the body's work.
_REPORTING = arabic.REPORTING
_COMPLEMENT = re.compile(r"(?<![\w\u0640])(?:إلى\s+)?(ب?[أإ]نّ?(?:ه|ها|هما|هم)?)(?![\w\u0640])")


def reported_content(sent: str, start: int, end: int, min_words: int = 4) -> int:
    """Where the content of a reported statement begins in the clause ``sent[start:end]`` (its
    complementizer after a reporting verb), or ``start`` when the clause reports nothing."""
    verb = _REPORTING.search(sent, start, end)
    if verb is None:
        return start
    comp = _COMPLEMENT.search(sent, verb.end(), end)
    if comp is None or len(sent[comp.end() : end].split()) < min_words:
        return start
    return comp.start(1)


def clauses_of(sent: str, mentions: Sequence[Mention], subjects: Sequence[str]) -> dict[tuple[int, int], list[str]]:
    """Each holder's clause (see clause_span), with the holders that share it: "تتولى A كذا، وتتولى
    B كذا" gives A and B a quote each. A clause that reports speech is quoted from its content
    (see reported_content)."""
    out: dict[tuple[int, int], list[str]] = {}
    # a holder named only through the post of its speaker ("أعلن المدير العام لديوان وزارة X"
    # speaks for X) stands where that post's body stands
    spoken = [x.start for x in mentions if _POST_WORDS.search(sent[max(0, x.start - 40) : x.start])][:1]
    for ref in subjects:
        at = holder_position(sent, mentions, ref)
        at = at if at >= 0 else (spoken[0] if spoken else -1)
        start, end = clause_span(sent, mentions, at) if at >= 0 else (0, len(sent))
        out.setdefault((reported_content(sent, start, end), end), []).append(ref)
    # "وتعهد بكذا، وقال إنه رفع كذا": a clause after the last holder's that names no holder of its
    # own goes on with that holder, and is a statement of its own
    last = max((e for _, e in out), default=len(sent))
    owners = [r for (_, e), refs in out.items() if e == last for r in refs]
    for start, end in following_clauses(sent, mentions, last):
        # "؛ أما مركز X فهو …": a clause that opens on "أما" and a body is that body's own
        topic = _TOPIC.match(sent, start)
        own = [x.ref for x in mentions if topic and x.start == topic.end()][:1]
        out.setdefault((reported_content(sent, start, end), end), []).extend(own or owners)
    return out


_TOPIC = re.compile(r"\s*[وف]?أما\s+")
# "، وتمنح …", "، ويجوز لها …": a verb in the imperfect (or a modal) joined by و opens a clause
_SAME_SUBJECT_VERB = re.compile(r"\s*[وف](?:[تي]\S{2,}|يجوز|يمكن|يحق)\s+")
_GOES_ON = re.compile(rf"\s*(?:[وف]?أما\s|{_REPORTING.pattern}|[وف]?ب?[أإ]نّ?(?:ه|ها|هما|هم)?(?![\w\u0640])|{arabic.PURPOSE.pattern})")


# "ووصف X المنظمةَ A وB بأنهما أبرز الشركاء", "تُعدّ A شريكاً رئيسياً": A is a partner of the body
# the paragraph speaks of (the previous sentence's subject)
PARTNER_DESCRIBED = re.compile(
    r"\s*(?:بأنه|بأنها|بأنهما|بأنهم|بانه|بانها|بانهما|بانهم)\s+(?:من\s+)?(?:أبرز|ابرز|أهم|اهم|أكبر|اكبر)?\s*"
    r"(?:الشركاء|شركاء|شريك|الشريك|شريكا|شريكاً)(?![\w\u0640])")


def described_partners(sent: str, mentions: Sequence[Mention], ex: Extraction, add: Add, previous: Sequence[str]) -> None:
    for m in PARTNER_DESCRIBED.finditer(sent):
        before = [k for k, x in enumerate(mentions) if x.end <= m.start()]
        if not before or sent[mentions[before[-1]].end : m.start()].strip(" )(ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
            continue
        # the run of bodies ending right before the cue: walk back over "A (ACR) وB (ACR)"
        k = before[-1]
        while k > 0 and (mentions[k - 1].ref == mentions[k].ref or re.fullmatch(
                r"[»)\s]*(?:\([^()]*\))?\s*،?\s*", sent[mentions[k - 1].end : mentions[k].start]) and arabic.joined_by_waw(mentions[k].text)):
            k -= 1
        objs = list(dict.fromkeys(x.ref for x in mentions[k : before[-1] + 1]))
        holder = [x for x in previous[:1] if x not in objs]
        if holder:
            add(StatementKind.partnership.value, holder, objs, Status.established.value, None, "ar.partnership.described")
        # what the bodies are described as is their role: each holds it (quoted from "بأنهما …")
        add(StatementKind.mandate.value, objs, [], Status.established.value, None, "ar.mandate.described_as")
