"""Stage 3a of extraction: relations read by the cue patterns written in code (membership lists,
funding, partners, parts of bodies), in English and Arabic. The cue rules that live as data are
in ingest/relations.py and ingest/rules/.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.model import ActorKind, StatementKind, Status
from graph.names import is_arabic
from ingest import arabic, arabic_relations, relations
from ingest.clauses import _Ctx, _enumeration, _holder, _mention_ending_at
from ingest.cues import (
    _COUNT_WORDS,
    ACTS_WITH,
    BASED_ADJ,
    CAME_FROM,
    CHAIRED_BY,
    COMPRISES,
    FIELD_LABEL,
    FIELD_LABEL_ALONE,
    FUNDING_FROM,
    FUNDS_VERB,
    GRANT_TO,
    GRANT_WORD,
    IMPLEMENTED_BY,
    MEMBERS_OF,
    OF_WHICH_MEMBERS,
    PART_OF_CUE,
    PARTNER_AS,
    PRESENCE_AT,
    RECEIVED_GRANT,
    SUPPORT_FROM,
    TAKE_PART,
    _negated,
)
from ingest.extraction import OWNER, Extraction
from ingest.stage_discourse import DiscourseStage

# "The members of the X include …", "Current members of the X are: …"
_MEMBERS_OF_X = re.compile(r"\b(?:[Tt]he\s+)?(?:(?:current|founding|full|core)\s+)?[Mm]embers\s+of\s+(?:the\s+)?")
_MEMBERS_VERB = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:include|includes|included|are|were|comprise|comprises)\s*:?\s*(?:the\s+)?")


# "Grants were awarded by X to A and B": the passive with its giver and its receivers
_GIVEN_BY = re.compile(r"\b(?:awarded|granted|given|disbursed|provided|allocated|channell?ed|transferred)\s+by\s+(?:the\s+)?", re.I)
_TO = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:\s+in\s+\w+(?:\s+\d{4})?)?\s+to\s+(?:the\s+)?", re.I)
_MONEY_WORDS = re.compile(r"\b(?:grants?|funds?|funding|money|budget|sums?|US\$|USD|EUR|dollars?|euros?|million)\b|[$€£]", re.I)
# "X handed over the centre to Y", "the centre was handed over to Y by X": X's support to Y
_HANDED_OVER = re.compile(r"\bhand(?:ed|s|ing)?\s+over\b", re.I)
_RUNS_PROGRAMME = re.compile(r"\b(?:launch(?:ed|es)?|initiat(?:ed|es)|runs|ran|manages|managed|operates|operated)\s+"
                             r"(?:the\s+|its\s+|their\s+|a\s+new\s+|a\s+)|^\s*Under\s+(?:the\s+)?")
# "The support of X has been instrumental to Y", "the funding from X was crucial for Y": X's
# support (or money) went to Y, the body right after the predicate
_SUPPORT_OF = re.compile(r"\b(?:support|assistance|help|backing|funding|contribution)s?\s+(?:of|from)\s+(?:the\s+)?$", re.I)
_WAS_KEY_TO = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:has|have|had)?\s*(?:been|was|were|is|are)\s+(?:\w+ly\s+)?"
                         r"(?:instrumental|crucial|key|vital|essential|critical|central|pivotal|indispensable|decisive)"
                         r"\s+(?:to|for|in)\s+(?:\w+ing\s+)?(?:the\s+)?$", re.I)


class CueStage(DiscourseStage):
    """Stage 3a of extraction: relations read by the cue patterns written in code (membership lists,"""

    def _relations(self, c: _Ctx, ex: Extraction, add: Callable[..., None],
                   refs_after: Callable[[int], list[str]], low: str) -> None:
        """Membership, funding, part-of and presence cues, in English and Arabic."""
        before_refs = lambda pos: [m.ref for m in c.mentions if m.end <= pos]  # noqa: E731
        direct = lambda pos: [m.ref for m in c.mentions if 0 <= m.start - pos <= 1][:1]  # noqa: E731
        est = Status.established.value
        # membership: "Its members are A, B", "X comprises A, B", "A and B are members of X"
        if c.members_of:
            add(StatementKind.membership.value, [m.ref for m in c.mentions if m.ref != c.members_of], [c.members_of], est)
        for m in MEMBERS_OF.finditer(low):
            if relations.of_people(c.sent, [x.end for x in c.mentions], m.start()):
                continue  # "relatives who joined X"
            groups = refs_after(m.end())[:1]
            members = before_refs(m.start()) or c.subjects
            # "A, B and the three funders are members of X": the bodies this text has named as funders
            n = re.search(r"\bthe\s+(two|three|four|five|six|\d)\s+(?:funders|donors)\b", low[: m.start()])
            if n:
                funders = list(dict.fromkeys(
                    x for st in ex.statements if st.kind == StatementKind.funding.value for x in st.subjects))
                if len(funders) == _COUNT_WORDS.get(n.group(1), int(n.group(1)) if n.group(1).isdigit() else 0):
                    members = members + funders
            if groups:
                for mem in members:
                    add(StatementKind.membership.value, [mem], groups, est)
        self._members_listed(c, add)
        for m in CHAIRED_BY.finditer(c.sent):  # the chairs of a committee sit on it
            holder = before_refs(m.start())[-1:]
            chairs = _enumeration(c.sent, c.mentions, refs_after(m.end()))
            if holder and ex.actors[holder[0]].kind in (ActorKind.committee.value, ActorKind.network.value):
                for ch in chairs:
                    if ex.actors[ch].kind != ActorKind.person.value:
                        add(StatementKind.membership.value, [ch], holder, est)
        for m in COMPRISES.finditer(low):
            holder = before_refs(m.start())[-1:] or c.subjects[:1]
            members = _enumeration(c.sent, c.mentions, refs_after(m.end()))
            if holder and members and ex.actors[holder[0]].kind in (
                ActorKind.committee.value, ActorKind.network.value, ActorKind.programme.value, ActorKind.other.value
            ):
                for mem in members:
                    add(StatementKind.membership.value, [mem], holder, est)
        for m in OF_WHICH_MEMBERS.finditer(low):
            if _negated(low, m.start()):
                continue
            holder = before_refs(m.start())[-1:]
            members = _enumeration(c.sent, c.mentions, direct(m.end()))
            for mem in members if holder else []:
                add(StatementKind.membership.value, [mem], holder, est)
        for m in TAKE_PART.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            body = direct(m.end())
            if re.search(r"\bin\s+(?:the\s+)?$", m.group(0), re.I):
                # "A and B take part in X": only bodies named before the cue, never a guess
                members = [x for x in c.subjects if x in before_refs(m.start())]
                holder = body[:1]
            else:  # "N organisations take part: A, B, ..." of the body just spoken of
                members = _enumeration(c.sent, c.mentions, body)
                holder = c.previous[:1] if len(c.previous) == 1 else []
            if holder and not ex.actors[holder[0]].is_class:
                for mem in members:
                    add(StatementKind.membership.value, [mem], holder, est)
        # funding: "X funds Y", "with funding from X", "X provides grants to Y"
        for m in FUNDS_VERB.finditer(low):
            funder = before_refs(m.start())[-1:] or c.subjects[:1]
            funded = _enumeration(c.sent, c.mentions, refs_after(m.end()))
            # "funds a grants window ..., which UNDP manages": the body that runs what is funded
            rel = re.match(r"[^;.]*?,\s*(?:which|that)\s+(?:the\s+)?", c.sent[m.end() :])
            runs = [x for x in c.mentions if rel and x.start == m.end() + rel.end()]
            if runs and re.match(r"\s+(?:manages|runs|implements|administers|leads)\b", c.sent[runs[0].end :]):
                funded = [runs[0].ref]
            if funder and funded:
                add(StatementKind.funding.value, funder, funded, est)
        for m in RECEIVED_GRANT.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            giver = [x for x in c.mentions if x.start == m.end()][:1]
            if giver and GRANT_WORD.match(c.sent[giver[0].end :]):
                add(StatementKind.funding.value, [giver[0].ref], _holder(c, m.start()), est)
        for m in GRANT_TO.finditer(c.sent):
            add(StatementKind.funding.value, [_mention_ending_at(c.mentions, m.start(), m.start())], direct(m.end()), est)
        for m in FUNDING_FROM.finditer(low):
            funders = _enumeration(c.sent, c.mentions, refs_after(m.end()))
            funded = [x for x in c.subjects if x not in funders] or before_refs(m.start())[-1:]
            if CAME_FROM.match(c.sent) and c.previous:
                funded = [x for x in c.previous if x not in funders]  # "... and funding from X": for what was just named
            for f in funders:
                add(StatementKind.funding.value, [f], funded, est)
        for m in SUPPORT_FROM.finditer(c.sent):  # "prepared by Y, with support from X": X supports Y
            if _negated(low, m.start()):
                continue
            supporters = _enumeration(c.sent, c.mentions, direct(m.end()))
            agent = re.search(r"\bby\s+(?:the\s+)?$", c.sent[: next((x.start for x in reversed(c.mentions) if x.end <= m.start()), 0)])
            doer = before_refs(m.start())[-1:] if agent else _holder(c, m.start())
            add(StatementKind.support.value, supporters, [x for x in doer if x not in supporters], est)
        for m in _GIVEN_BY.finditer(c.sent):
            givers = direct(m.end())
            end = next((x.end for x in c.mentions if givers and x.ref == givers[0] and x.start >= m.end()), -1)
            to = _TO.match(c.sent, end) if end >= 0 else None
            if to and not _negated(low, m.start()):
                kind = StatementKind.funding if _MONEY_WORDS.search(c.sent[: m.start()]) else StatementKind.support
                add(kind.value, givers, _enumeration(c.sent, c.mentions, direct(to.end())), est, rule=f"en.{kind.value}.given_by_to")
        for m in re.finditer(r"\bas\s+(?:a\s+|one\s+)?part\s+of\s+(?:the\s+)?", c.sent):
            # "A trains mediators as part of B's X Programme": A carries out the programme
            part = [x for x in c.mentions if x.start >= m.end() and re.fullmatch(
                r"(?:[\w\s’'\-]*?['’]s?\s+)?", c.sent[m.end() : x.start])][-1:]
            part_kind = ex.actors[part[0].ref].kind if part and part[0].ref in ex.actors else ""
            doers = [x for x in _holder(c, m.start()) if part and x != part[0].ref]
            if part_kind == ActorKind.programme.value and doers:
                add(StatementKind.implementation.value, doers, [part[0].ref], est, rule="en.implementation.as_part_of")
        for m in _RUNS_PROGRAMME.finditer(c.sent):
            # "X launched the Y Initiative", "Under the Y Programme, X trained …": X carries it out
            prog = [x for x in c.mentions if x.start == m.end() and x.ref in ex.actors
                    and ex.actors[x.ref].kind == ActorKind.programme.value][:1]
            doers = [x for x in (c.subjects if m.group(0).lower().startswith("under") else _holder(c, m.start()))
                     if prog and x != prog[0].ref and ex.actors.get(x) is not None
                     and ex.actors[x].kind not in (ActorKind.programme.value, ActorKind.person.value)]
            if doers:
                add(StatementKind.implementation.value, doers, [prog[0].ref], est, rule="en.implementation.runs_programme")
        for m in _HANDED_OVER.finditer(c.sent):
            to = re.search(r"\bto\s+(?:the\s+)?", c.sent[m.end() : m.end() + 80])
            receiver = direct(m.end() + to.end()) if to else []
            by = re.search(r"\bby\s+(?:the\s+)?", c.sent[m.end() :])
            givers = direct(m.end() + by.end()) if by else _holder(c, m.start())
            if receiver and givers and not _negated(low, m.start()):
                add(StatementKind.support.value, [g for g in givers if g not in receiver], receiver, est,
                    rule="en.support.handed_over")
        for backer in c.mentions:
            if _SUPPORT_OF.search(c.sent, max(0, backer.start - 40), backer.start) and not _negated(low, backer.start):
                helped = [x for x in c.mentions if x.start > backer.end
                          and _WAS_KEY_TO.fullmatch(c.sent, backer.end, x.start)][:1]
                money = re.search(r"fund|contribution", c.sent[max(0, backer.start - 40) : backer.start], re.I)
                for x in helped:
                    add((StatementKind.funding if money else StatementKind.support).value, [backer.ref], [x.ref], est,
                        rule="en.support.instrumental_to")
        # partnership: "with X as implementing partner", "implemented by X", "works on ... with X"
        for m in PARTNER_AS.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            partner = before_refs(m.start())[-1:]
            if partner and re.search(r"\bwith\s+(?:the\s+)?$", c.sent[: next(x.start for x in c.mentions if x.ref == partner[0])]):
                add(StatementKind.partnership.value, [x for x in _holder(c, m.start()) if x not in partner], partner, est)
        for m in IMPLEMENTED_BY.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            partners = _enumeration(c.sent, c.mentions, direct(m.end()))
            add(StatementKind.partnership.value, [x for x in _holder(c, m.start()) if x not in partners], partners, est)
        for m in ACTS_WITH.finditer(c.sent):
            if _negated(low, m.start()):
                continue
            between = m.group(1).strip().lower()
            if m.group(0).lower().startswith("work") and between in ("", "closely"):
                continue  # "works with X": a partner cue of its own
            if any(m.start() < x.start < m.end() - 4 for x in c.mentions):
                continue  # another body between the verb and "with"
            partners = _enumeration(c.sent, c.mentions, direct(m.end()))
            add(StatementKind.partnership.value, [x for x in _holder(c, m.start()) if x not in partners], partners, est)
        self._table_relations(c, ex, add)
        _field_relations(c, ex, add)
        # part of: "X is part of Y", "X reports to Y"
        for m in PART_OF_CUE.finditer(low):
            last = [x for x in c.mentions if x.end <= m.start()][-1:]
            # "set up by the Council and reports to the Agency": the clause's subject reports
            child = ([x.ref for x in last if not relations.COORDINATED.fullmatch(c.sent[x.end : m.start()])]
                     or relations.subjects_before(
                c.subjects, [relations.Span(x.start, x.end, x.ref) for x in c.mentions], m.start())[:1])
            parent = refs_after(m.end())[:1]
            if child and parent and child != parent:
                add(StatementKind.part_of.value, child, parent, est)
                if not ex.actors[child[0]].parent:
                    ex.actors[child[0]].parent = parent[0]
        # presence at named places: "has offices in Mosul, Sinjar and Tel Afar", "based in Ramadi"
        if c.places and (PRESENCE_AT.search(c.sent) or arabic.BASED_IN.search(c.sent)):
            subj = c.subjects or c.previous or before_refs(len(c.sent))[:1]
            add(StatementKind.presence.value, subj, [], est)
        for m in BASED_ADJ.finditer(c.sent):  # "X, a Mosul-based organisation": X is there
            based = _mention_ending_at(c.mentions, m.start(), m.start())
            where = {pid for ps, pe, pid in c.places if ps >= m.start(1) and pe <= m.end(1)}
            if based and where:
                add(StatementKind.presence.value, [based], [], est, where)
        if is_arabic(c.sent):
            self._arabic_relations(c, ex, add, refs_after, before_refs)

    def _members_listed(self, c: _Ctx, add: Callable[..., None]) -> None:
        """"The members of the X include A (co-chair), B and C": each is a member of X, and one
        marked as its chair or co-chair in brackets also leads it."""
        for m in _MEMBERS_OF_X.finditer(c.sent):
            body = next((x for x in c.mentions if 0 <= x.start - m.end() <= 1), None)
            verb = _MEMBERS_VERB.match(c.sent, body.end) if body is not None else None
            if body is None or verb is None:
                continue
            run: list[tuple[str, str]] = []  # (member, what its brackets say)
            pos = verb.end()
            for x in c.mentions:
                if x.start < pos or x.ref == body.ref:
                    continue
                if not re.fullmatch(r"\s*(?:(?:,\s*)?(?:and|as\s+well\s+as)\s+|,\s*)?(?:the\s+)?", c.sent[pos : x.start]):
                    break
                bracket = re.match(r"\s*\(([^()]{1,40})\)", c.sent[x.end :])
                run.append((x.ref, bracket.group(1).lower() if bracket else ""))
                pos = x.end + (bracket.end() if bracket else 0)
            for ref, said in run:
                add(StatementKind.membership.value, [ref], [body.ref], Status.established.value)
                if re.fullmatch(r"(?:co-?)?chair(?:man|woman|person)?|(?:co-?)?lead", said):
                    add(StatementKind.leadership.value, [ref], [body.ref], Status.established.value)

    def _owner_after(self, c: _Ctx, ex: Extraction, at: int) -> list[str]:
        """The body right after "التابع لـ": a body named there, or "للجنة" / "للوزارة" (the
        committee or ministry just spoken of); not a body named further on in the sentence."""
        first = next((x for x in c.mentions if x.start >= at), None)
        if first is not None and not re.search(r"[^\s\u0640]", c.sent[at : first.start]):
            return [first.ref]
        word = re.match(r"\s*(\S+)", c.sent[at:])
        if word and word.group(1).startswith("لل"):
            w = word.group(1).strip("،,.")  # "للوزارة" = ل + الوزارة; "للجنة" = ل + اللجنة
            ref = self._antecedent("ال" + w[2:], ex) or self._antecedent("ال" + w[1:], ex)
            return [ref] if ref else []
        return []

    def _arabic_relations(self, c: _Ctx, ex: Extraction, add: Callable[..., None],
                          refs_after: Callable[[int], list[str]], before_refs: Callable[[int], list[str]]) -> None:
        est = Status.established.value
        sent = c.sent
        for rx, kind, direction in (
            (arabic.SUPPORT_BY, StatementKind.support.value, "by"),
            (arabic.FUNDED_BY, StatementKind.funding.value, "by"),
            (arabic.SUPPORTS, StatementKind.support.value, "verb"),
            (arabic.FUNDS, StatementKind.funding.value, "verb"),
            (arabic.SUPERVISES, StatementKind.supervision.value, "verb"),
            (arabic.PART_OF, StatementKind.part_of.value, "of"),
            (arabic.MEMBERS, StatementKind.membership.value, "members"),
            (arabic.MEMBER_IN, StatementKind.membership.value, "member_in"),
        ):
            for m in rx.finditer(sent):
                after = refs_after(m.end())
                if not after and direction != "of":  # "التابعة للجنة": the committee just spoken of
                    continue
                if direction == "by":  # "بدعم من X": X does it for the subject
                    target = [x for x in c.subjects if x != after[0]] or before_refs(m.start())[-1:] or c.previous
                    add(kind, after[:1], target, est)
                elif direction == "verb":  # VSO: "تدعم منظمة اليونيسيف مديرية تربية الأنبار"
                    first = next(x for x in c.mentions if x.ref == after[0] and x.start >= m.end())
                    # "وتموّل وزارة الخارجية الألمانية هذا البرنامج": what the previous sentence spoke of
                    obj = c.previous[:1] if arabic.DEMONSTRATIVE.match(sent[first.end :]) else after[1:2]
                    add(kind, after[:1], obj, est)
                elif direction == "of":  # "X التابعة لـ Y" / "وتتبع X و Z Y"
                    if m.group(0).strip().startswith(("التابع",)):
                        # "التابع" agrees with the noun right before it: a body across a comma or a
                        # clause ("بيان صدر عن X، أن … منسق برامج … التابع لـ Y") is not what belongs
                        last = [x for x in c.mentions if x.end <= m.start()][-1:]
                        gap = sent[last[0].end : m.start()].strip(" ،,") if last else ""  # ("X، التابعة لـ Y،")
                        child = [] if re.search(r"[،,.:؛;\"«»“”]", gap) or len(gap.split()) > 6 else before_refs(m.start())[-1:]
                        if m.group(0).strip() in ("التابعين", "التابعتين", "التابعان", "التابعون"):
                            spans = [relations.Span(x.start, x.end, x.ref) for x in c.mentions]
                            child = relations.run_before(sent, spans, m.start(), 3) or child  # "X، وY، التابعين للجنة": both
                        add(kind, child, self._owner_after(c, ex, m.end()), est)
                    else:
                        refs = _enumeration(sent, c.mentions, after)
                        if len(refs) >= 2:
                            for ch in refs[:-1]:
                                add(kind, [ch], refs[-1:], est)
                        elif len(after) >= 2:
                            add(kind, after[:1], after[1:2], est)
                elif direction == "members":  # "وتضم اللجنة في عضويتها ...": "اللجنة" is the latest committee
                    named = [self._antecedent(w, ex) for w in m.group(1).split() if arabic.head_noun(w)]
                    holder = [x for x in named if x][:1] or before_refs(m.start())[-1:] or c.previous[:1]
                    for mem in _enumeration(sent, c.mentions, after) or after[:1]:
                        if holder and mem not in holder:
                            add(kind, [mem], holder, est)
                elif direction == "member_in" and c.mentions[[x.ref for x in c.mentions].index(after[0])].start - m.end() <= 1:
                    add(kind, [x for x in _holder(c, m.start()) if x != after[0]], after[:1], est)
        # partners with list lead-ins, parts named before their owner, groups and their members
        arabic_relations.partners(sent, c.mentions, ex, add, lambda pos: _holder(c, pos))
        arabic_relations.parts(sent, c.mentions, ex, add)
        arabic_relations.region_cabinet(c.mentions, ex, add)
        arabic_relations.members(sent, c.mentions, ex, add, c.subjects, lambda w: self._antecedent(w, ex))
        arabic_relations.described_partners(sent, c.mentions, ex, add, c.previous or c.subjects)
        posts = [(st.char_start - c.start, st.objects[0]) for st in c.posts if st.objects]
        arabic_relations.attendees(sent, c.mentions, ex, add, c.subjects, posts)
        arabic_relations.patrons(sent, c.mentions, add, c.subjects, posts)
        arabic_relations.chaired_by(sent, c.mentions, add, c.subjects, [
            (st.char_start - c.start, st.subjects[0], st.objects[0]) for st in c.posts if st.subjects and st.objects])

    def _table_relations(self, c: _Ctx, ex: Extraction, add: Callable[..., None]) -> None:
        """A table row read with a header that names a lead column and a funder or partner column
        ("Lead | Implementing partner | Funder"): the row's funder funds its lead, its partner works
        with it, in the row's places (the row is a sentence of its own). A table of partners and
        money with no lead column ("Donor | Amount", "Partner | Commitment" with sums) lists who
        funds the body the document is about (``Extraction.owed``, settled at the document's end)."""
        if not c.table_header:
            return
        if _donor_row(c):
            first = c.sent.split("|")[1] if c.sent.lstrip().startswith("|") else c.sent.split("|")[0]
            start = c.sent.index(first) if first else 0
            donors = [x.ref for x in c.mentions if start <= x.start and x.end <= start + len(first)][:1]
            n = len(ex.statements)
            # a project the row names (“Old Markets”: …) is what the money pays for, run by the owner
            paid_for = [x.ref for x in c.mentions if x.start >= start + len(first) and x.ref in ex.actors
                        and ex.actors[x.ref].kind == ActorKind.programme.value][:1]
            for d in donors:
                add(StatementKind.funding.value, [d], [OWNER], Status.established.value, rule="en.funding.donor_table")
            if donors and paid_for:
                add(StatementKind.implementation.value, [OWNER], paid_for, Status.established.value,
                    rule="en.implementation.donor_table")
            ex.owed.extend(ex.statements[n:])
            del ex.statements[n:]
            for d in donors if paid_for else []:  # named in the row: no owner needed
                add(StatementKind.funding.value, [d], paid_for, Status.established.value, rule="en.funding.donor_table")
            return
        roles = []
        for cell in c.table_header.split("|"):
            low = cell.strip().lower()
            roles.append("funder" if re.search(r"\b(?:funders?|donors?|funded by|funding)\b", low) else
                         "impl" if re.search(r"\b(?:implement\w*|recipients?|grantees?)\b", low) else
                         "partner" if re.search(r"\bpartners?\b", low) else
                         "lead" if re.search(r"\b(?:lead|agency|organi[sz]ation)\b", low) else "")
        # "Lead | Implementing partner | Funder": the implementer works with the lead; with no lead
        # column ("Funder | Implementing partner"), the implementer is the one the money goes to
        roles = [("partner" if "lead" in roles else "lead") if r == "impl" else r for r in roles]
        if "lead" not in roles or not {"funder", "partner"} & set(roles):
            return
        cells: dict[str, list[str]] = {}
        pos = 0
        for role, cell in zip(roles, c.sent.split("|"), strict=False):
            inside = [x for x in c.mentions if pos <= x.start and x.end <= pos + len(cell)]
            if role and inside:
                cells[role] = _enumeration(c.sent, c.mentions, [inside[0].ref])
            pos += len(cell) + 1
        lead = cells.get("lead", [])[-1:]  # "UNDP's Social Cohesion Programme": the unit
        for f in cells.get("funder", []) if lead else []:
            add(StatementKind.funding.value, [f], lead, Status.established.value)
        if lead and re.search(r"\bimplement\w*", c.table_header, re.I) and not cells.get("partner"):
            n = len(ex.statements)  # "Funder | Implementing partner": the implementer carries out the page's project
            add(StatementKind.implementation.value, lead, [OWNER], Status.established.value, rule="en.implementation.table")
            ex.owed.extend(ex.statements[n:])
            del ex.statements[n:]
        if lead and cells.get("partner"):
            add(StatementKind.partnership.value, lead, cells["partner"], Status.established.value)


_MONEY = re.compile(r"(?:US\$|\$|€|£|\b(?:USD|EUR|GBP|IQD))\s?\d|\d(?:[.,]\d+)?\s?(?:million|billion|bn|m)\b", re.I)
_MONEY_HEADER = re.compile(r"\b(?:amounts?|contributions?|budgets?|funding|grants?|pledges?|pays?|paid|sums?|"
                           r"financing|value)\b", re.I)


def _donor_row(c: _Ctx) -> bool:
    """A row of a table of partners and money with no lead column: its first column names donors,
    partners or funders, and its header or the row itself speaks of money."""
    cells = [x.strip().lower() for x in c.table_header.strip().strip("|").split("|")]
    if len(cells) < 2 or any(re.search(r"\b(?:lead|implement\w*|recipients?|grantees?)\b", x) for x in cells):
        return False
    if not re.search(r"\b(?:donors?|funders?|partners?|contributors?|sources?(?: of funds)?)\b", cells[0]):
        return False
    return bool(_MONEY_HEADER.search(" ".join(cells[1:])) or _MONEY.search(c.sent))


def field_label_alone(sent: str) -> str:
    """The role ("fund", "impl", "partner") a sentence names when it is a field label alone, or ""."""
    m = FIELD_LABEL_ALONE.match(sent.strip())
    return next((k for k, v in m.groupdict().items() if v), "") if m else ""


def _owe_role(role: str, ref: str, add: Callable[..., None], at: tuple[int, int] | None = None) -> None:
    """The statement a field's role makes between a body and the project the page is about,
    quoting the field's own line (``at``) when the sentence holds several."""
    est = Status.established.value
    if role == "fund":
        add(StatementKind.funding.value, [ref], [OWNER], est, rule="field.funding", at=at)
    elif role == "impl":
        add(StatementKind.implementation.value, [ref], [OWNER], est, rule="field.implementation", at=at)
    else:
        add(StatementKind.partnership.value, [OWNER], [ref], est, rule="field.partnership", at=at)


def _field_relations(c: _Ctx, ex: Extraction, add: Callable[..., None]) -> None:
    """A field line of a project page or profile names bodies in their role towards the project
    the page is about: its donors fund it, its implementing partners carry it out, its partners
    work with it. The project is the document's owner, known at its end (``Extraction.owed``);
    a page whose title names no body keeps none of these. Lines with no full stop come as one
    sentence: each line is read with its own label."""
    n = len(ex.statements)
    if c.label_before and not c.table_header and len(c.sent.split()) <= 15:  # the value of a label alone
        for ref in dict.fromkeys(x.ref for x in c.mentions if x.ref in ex.actors and ex.actors[x.ref].kind != ActorKind.person.value):
            _owe_role(c.label_before, ref, add)
    if c.table_header or ":" not in c.sent and "：" not in c.sent:
        ex.owed.extend(ex.statements[n:])
        del ex.statements[n:]
        return
    at = 0
    for line in c.sent.split("\n"):
        start, at = at, at + len(line) + 1
        m = FIELD_LABEL.match(line)
        if m is None:
            continue
        named = [x.ref for x in c.mentions if start + m.end() <= x.start < start + len(line) and x.ref in ex.actors
                 and ex.actors[x.ref].kind != ActorKind.person.value]
        role = next(k for k, v in m.groupdict().items() if v)
        for ref in dict.fromkeys(named):
            _owe_role(role, ref, add, (start, start + len(line)) if "\n" in c.sent else None)
    ex.owed.extend(ex.statements[n:])
    del ex.statements[n:]
