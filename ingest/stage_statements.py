"""Stage 3 of extraction: one sentence to its statements (mandates, responsibilities, relations,
presence, drivers and needs), each with its holder, status, places and the rule that made it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.model import ActorKind, StatementKind, Status, place_id
from graph.names import is_arabic
from ingest import arabic_relations, drivers, projects, relations, rules
from ingest.chunking import is_table_line
from ingest.clauses import (
    _Ctx,
    _enumeration,
    _holder,
    _mention_ending_at,
    _without_names,
    apposed_bodies,
    listed_run,
    relative_clauses,
)
from ingest.cues import (
    _NEEDS_OBJECT,
    CALLS_ON,
    CAME_FROM,
    CONFER,
    CONFERRED,
    NATIONWIDE,
    NEED_CUES,
    PRESENCE,
    RESPONSIBILITY,
    SUPPORT_VERBS,
    UNIT_HEADS,
    _head,
    _levels,
    _negated,
    _title_like,
)
from ingest.extraction import Extraction, StatementDraft
from ingest.stage_cues import CueStage
from ingest.status import _status, row_status

# kinds that give their subject a remit (who covers, mandate briefs): never an armed group's
COUNTRY = place_id("IQ")
_PAYS_COSTS = re.compile(
    r"\b(?:pays?|paid|paying|covers?|covered|covering|meets?|met|bears?|bore)\s+(?:for\s+)?"
    r"(?:(?:part|some|most|all|half|a\s+share)\s+of\s+)?(?:its|their|the\s+group['’]s|the)\s+"
    r"(?:running\s+|operating\s+|core\s+|staff\s+)?(?:costs?|expenses|budget|salaries)\b"
)
_BY_AGENT = re.compile(r"\b([a-z]+ed|chosen|run|built|made|held|drawn|set|written|given|taken|done)(?:\s+(?:out|up))?"
                       r"\s+(?:jointly\s+|together\s+)?by\s+(?:the\s+)?")
_GROUP_LED_BY = re.compile(r"\b(?:group|consortium|coalition|alliance|network|union|association)\s+of\s+[^,;.]{0,60}?"
                           r"\b(?:led|headed|chaired|coordinated)\s+by\b", re.I)
_MONEY_VERBS = {"funded", "financed", "sponsored", "supported", "backed", "paid", "granted", "given"}
_ENTRUSTED_TO = re.compile(r"\b(?:(?:assigned|entrusted|delegated)\s+to|"
                           r"(?:lies|lie|rests|rest|falls|fall)\s+(?:squarely\s+|primarily\s+|mainly\s+)?(?:with|on|upon|to))"
                           r"\s+(?:the\s+)?$", re.I)
# "أسندت مهمة X إلى Y", "أوكلت إلى Y مهمة X", "تقع مسؤولية X على عاتق Y"
_AR_ENTRUSTED_TO = re.compile(r"(?:^|\s)[وف]?(?:[أا]سند|[أا]وكل|عهد|تسند|يسند|توكل|يوكل|تم\s+إسناد|تم\s+تكليف)\S*\s"
                              r"[^.،؛]{0,80}?(?:إلى|الى)\s+$|على\s+عاتق\s+$")
_WHILE = re.compile(r",\s+(?:while|whereas)\s+(?:the\s+)?")
_AR_WHILE = re.compile(r"[،,]\s*(?:في\s+حين|بينما)\s+(?:[وف]?\S+\s+)?")  # "…، في حين تتولى Y …": Y's own
_REMIT_KINDS = {StatementKind.mandate.value, StatementKind.responsibility.value, StatementKind.presence.value}


def _through_posts(c: _Ctx, ex: Extraction) -> list[str]:
    """The holders of what a sentence says: its subjects, or, where they are bodies a person of
    the sentence holds posts in ("coordinated by A, Deputy Minister at X and Rapporteur of Y"), every
    body the person speaks for there."""
    held: dict[str, list[str]] = {}
    for st in c.posts:
        for person in st.subjects:
            held.setdefault(person, []).extend(o for o in st.objects if o not in held.get(person, []))
    for bodies in held.values():
        if len(bodies) > 1 and set(c.subjects) <= set(bodies):
            return sorted(bodies, key=lambda b: next((m.start for m in c.mentions if m.ref == b), len(c.sent)))
    return list(c.subjects)


class StatementsStage(CueStage):
    """Stage 3 of extraction: one sentence to its statements (mandates, responsibilities, relations,"""

    def _statements(self, c: _Ctx, ex: Extraction) -> None:
        status = (c.table_header and row_status(c.sent, c.table_header)) or _status(c.sent)
        lang = "ar" if is_arabic(c.sent) else "en"
        levels = _levels(c.sent)
        nationwide = bool(NATIONWIDE.search(c.sent))
        # a theme word inside a body's name ("Directorate of Youth and Sport") is not what the
        # sentence is about; the body's remit carries it
        concepts = {cid for pos, cid in c.concepts
                    if cid.startswith("driver:") or not any(m.start <= pos < m.end for m in c.mentions)}
        # "Iraq" inside a body's name ("the Iraq Resilience Programme") places nothing: the
        # statement then falls back to its holder's place or the document's
        places = {pid for a, b, pid in c.places
                  if pid != COUNTRY or not any(m.start <= a and b <= m.end for m in c.mentions)}

        def add(kind: str, subjects: list[str], objects: list[str], st: str | None = None,
                where: set[str] | None = None, rule: str = "", at: tuple[int, int] | None = None) -> None:
            subjects = [x for x in dict.fromkeys(subjects) if x]
            objects = [x for x in dict.fromkeys(objects) if x and x not in subjects]
            if not subjects or (kind in _NEEDS_OBJECT | {StatementKind.membership.value} and not objects):
                return  # "BSOP is a member of X" with BSOP unrecognised: no member, no statement
            if kind in _REMIT_KINDS and all(
                    ex.actors[x].kind == ActorKind.armed_group.value for x in subjects if x in ex.actors):
                kind, rule = StatementKind.mention.value, f"{lang}.core.mention"  # what a group did is no remit
            if kind in _REMIT_KINDS and all(x in ex.actors and ex.actors[x].kind == ActorKind.person.value for x in subjects):
                return  # "He added that …": a person reports; a remit is a body's (the post says whose)
            spans: dict[tuple[int, int], list[str]] = {at or (0, len(c.sent)): subjects}  # at: a line of its own
            if lang == "ar" and kind in (StatementKind.mandate.value, StatementKind.responsibility.value):
                # Arabic news runs clauses together: the quote is each holder's own clause
                spans = arabic_relations.clauses_of(c.sent, c.mentions, subjects)
            for (qs, qe), held in spans.items():
                ex.statements.append(
                    StatementDraft(
                        kind=kind, status=st or (_status(c.sent[qs:qe]) if len(spans) > 1 else status), subjects=held, objects=[o for o in objects if o not in held], quote=c.sent[qs:qe],
                        page=c.page, char_start=c.start + qs, char_end=c.start + qe, concepts=set(concepts),
                        places=set(places if where is None else where), nationwide=nationwide, level=levels,
                        rule=rule or f"{lang}.core.{kind}",
                    )
                )

        refs_after = lambda pos: [m.ref for m in c.mentions if m.start >= pos]  # noqa: E731
        low = c.sent.lower()
        programmes = {x.ref for x in c.mentions if x.ref in ex.actors and ex.actors[x.ref].kind == ActorKind.programme.value}
        # "- “Roads to Peace” (BYF). The Forum ran this project …": the project the item opened with
        earlier = [] if programmes or not projects.THIS_PROJECT.search(c.sent) else [
            x for x in c.previous if x in ex.actors and ex.actors[x].kind == ActorKind.programme.value]

        # funding ------------------------------------------------------------------
        named_at = [(x.start, x.end, x.ref) for x in c.mentions]
        # (a space, not only a hyphen: "the EU funded project", "A supported the campaign"; never
        # "A supported by B …", a reduced passive whose agent comes after)
        for m in re.finditer(r"([\w’']+)[- ](funded|financed|sponsored|supported|backed)\b(?!\s+by\b)", c.sent):
            funder = _mention_ending_at(c.mentions, m.start(1), m.end(1))
            # "the X-funded Y Forum": Y; "A ran this X-supported project": the project's holder, A,
            # and the project itself where the text names it in quotes
            project = projects.supported_project(c.sent, m.start(), named_at, programmes, earlier)
            funded = [project, *(x for x in c.subjects if x != funder)] if project else \
                refs_after(m.end())[:1] or [x for x in c.subjects if x != funder]
            if funder and funded:
                given = ex.actors.get(funder)
                kind = StatementKind.funding.value if m.group(2) in ("funded", "financed", "sponsored") or (
                    given is not None and (given.kind == ActorKind.donor.value or "Fund" in given.name.split())
                ) else StatementKind.support.value  # a fund's support is its money
                add(kind, [funder], funded, Status.established.value)
        for m in re.finditer(r"\b(?:funded|financed|sponsored) by\s+(?:the\s+)?", low):
            funders = _enumeration(c.sent, c.mentions, [x.ref for x in c.mentions if 0 <= x.start - m.end() <= 1])
            # "X is funded by": X, the clause's subject; "the X project funded by": the body named last
            reduced = not re.search(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", low[: m.start()])
            last = [x.ref for x in c.mentions if x.end <= m.start()][-1:]
            funded = (last if reduced else []) or _holder(c, m.start())
            for f in funders:
                add(StatementKind.funding.value, [f], [x for x in funded if x not in funders])
            # "funded by A through the B Fund": A's money goes to B, which passes it on
            channelled = next((x for x in c.mentions if funders and x.ref == funders[-1] and x.start >= m.end()), None)
            via = re.match(r"\s+(?:through|via)\s+(?:the\s+)?", c.sent[channelled.end :]) if channelled is not None else None
            channel = [x.ref for x in c.mentions if via and channelled is not None and x.start == channelled.end + via.end()]
            for f in funders if channel else []:
                add(StatementKind.funding.value, [f], channel, rule=f"{lang}.funding.through_channel")
        for m in _PAYS_COSTS.finditer(low):
            # "A chairs the forum and meets some of its running costs": A funds the body named before
            payer = _holder(c, m.start())
            paid = [x.ref for x in c.mentions if x.end <= m.start() and x.ref not in payer][-1:]
            if payer and paid:
                add(StatementKind.funding.value, payer, paid, rule=f"{lang}.funding.pays_costs")
        for m in re.finditer(r"\bsupport from (?:the )?", low):
            after = [x for x in c.mentions if x.start >= m.end()]
            if after and re.search(r"\bthrough (?:its|their|the)\b", low[after[0].end :]):
                funded = [x.ref for x in after[1:2]]
                if funded:
                    add(StatementKind.funding.value, [after[0].ref], funded)
        # supervision --------------------------------------------------------------
        for m in re.finditer(r"\bunder the (?:supervision|oversight|authority|auspices) of\b", low):
            sup = refs_after(m.end())[:1]
            if sup and c.subjects:
                add(StatementKind.supervision.value, sup, c.subjects)
        for m in re.finditer(r"\b(supervis\w+|oversee\w*)\b", low):
            if c.subjects and not low[max(0, m.start() - 20) : m.start()].endswith("the "):
                objs = refs_after(m.end())[:2]
                if objs:
                    add(StatementKind.supervision.value, c.subjects, objs)
        # part of --------------------------------------------------------------------
        for i, mm in enumerate(c.mentions[:-1]):
            nxt = c.mentions[i + 1]
            gap = c.sent[mm.end : nxt.start]
            if re.fullmatch(r"(?:['’]s?|\s*['’]s?)\s+(?:[\w\-]+\s+){0,2}", gap) and gap.strip().startswith(("'", "’")):
                child = ex.actors.get(nxt.ref)
                if child and (child.kind in (ActorKind.programme.value, ActorKind.unit.value) or _head(child.name) in UNIT_HEADS):
                    add(StatementKind.part_of.value, [nxt.ref], [mm.ref], Status.established.value)
                    if not child.parent:
                        child.parent = mm.ref
        # partnership and support ------------------------------------------------------
        partner_cues = re.finditer(
            r"\b(?:in partnership with|partnership with|partners? (?:of|to|with)|partnering with|collaborat\w+ with|"
            r"cooperat\w+ with|in collaboration with|work(?:s|ing|ed)? (?:closely )?with|engag\w+ with|together with|"
            r"alongside|jointly with|hand in hand with)\b",
            low,
        )
        for m in partner_cues:
            if _negated(low, m.start()):
                continue  # "No partner of the Programme works in ..."
            objs = refs_after(m.end())
            objs = _enumeration(c.sent, c.mentions, objs)
            subjects = _holder(c, m.start())
            if not objs or not subjects:
                continue
            kind = StatementKind.partnership.value
            if "work" in m.group(0) and SUPPORT_VERBS.search(low[m.end() :]):
                kind = StatementKind.support.value
            add(kind, subjects, [x for x in objs if x not in subjects])
        for m in re.finditer(r"\b(support(?:s|ed|ing)?|assist(?:s|ed|ing)?|help(?:s|ed|ing)?)\s+(?!from\b|by\b|of\b)(?:the\s+|to\s+)?", low):
            direct = [x for x in c.mentions if 0 <= x.start - m.end() <= 12]
            if direct and c.subjects and direct[0].ref not in c.subjects:
                add(StatementKind.support.value, c.subjects, [direct[0].ref])
        self._relations(c, ex, add, refs_after, low)
        # stage 3: the cue rules of ingest/rules/<lang>/relations.yaml
        spans = [relations.Span(m.start, m.end, m.ref) for m in c.mentions]
        came_from = bool(CAME_FROM.match(c.sent)) and bool(c.previous)
        relative = relative_clauses(c.sent, c.mentions) if lang == "en" else []
        for found in relations.find(c.sent, spans, c.previous if came_from else c.subjects, lang):
            fixed = None if found.rule.status == "sentence" else found.rule.status
            objects = found.objects
            hung = [h for s, e, h in relative if s <= found.at < e]
            if hung and found.rule.holder == "before" and set(found.subjects) == set(c.subjects) and hung[-1] not in objects:
                found.subjects = hung[-1:]  # "…, and KAFTAR, which partners UNICEF": KAFTAR's, not the subject's
            if came_from and found.rule.holder == "after" and found.rule.kind in (
                    StatementKind.support.value, StatementKind.funding.value) and not found.rule.id.endswith(".money_of"):
                # ("…, using funds of C": C's money is the payer's, the body just before it)
                objects = list(c.previous)  # "Support came from A, and funding from B": for what was just named
            add(found.rule.kind, found.subjects, objects, fixed, rule=found.rule.id)
        for body, project in projects.implementers(c.sent, named_at, c.subjects, programmes, earlier):
            add(StatementKind.implementation.value, [body], [project], rule=f"{lang}.implementation.named_project")
        _owner_acts_too(c, ex)
        _leaders_are_members(c, ex)
        # conferred mandates: "provide the chairs of X with the mandate for ..." -> X's --------
        for m in CONFER.finditer(c.sent):
            after = [x for x in c.mentions if 0 <= x.start - m.end() <= 30]
            if after and CONFERRED.match(c.sent[after[0].end :]):
                add(StatementKind.responsibility.value, [after[0].ref], [x for x in c.subjects if x != after[0].ref])
        # presence -------------------------------------------------------------------
        if PRESENCE.search(c.sent):
            named = [m.ref for m in c.mentions if not ex.actors[m.ref].is_class]
            subjects = named if re.search(r"\bsuch as\b", low) and named else c.subjects
            add(StatementKind.presence.value, subjects, [], Status.established.value)
        # mandate / responsibility: the sentence as a statement of what its subject does --
        bare = _without_names(c)
        if c.subjects and len(re.findall(r"[^\W\d_]{3,}", bare)) >= 2 and not _title_like(bare):
            kind = StatementKind.responsibility.value if RESPONSIBILITY.search(c.sent) else StatementKind.mandate.value
            holders = _through_posts(c, ex)
            objs = [m.ref for m in c.mentions if m.ref not in holders]
            add(kind, holders, objs)
            # "A will monitor, while B will handle procurement": the clause after "while" is B's own
            for w in (_WHILE if lang == "en" else _AR_WHILE).finditer(c.sent):
                second = next((x for x in c.mentions if x.start == w.end()), None)
                if second is not None and second.ref not in holders and (lang == "ar" or re.match(
                        r"\s+(?:will|shall|is|are|was|were|has|have|\w+s)\b", c.sent[second.end :])):
                    tail = c.sent[w.start() + 1 :].strip()
                    own = StatementKind.responsibility if RESPONSIBILITY.search(tail) else StatementKind.mandate
                    add(own.value, [second.ref], [], _status(tail), rule=f"{lang}.core.while_clause",
                        at=(len(c.sent) - len(tail), len(c.sent)))
        # "the schools picked by the Directorate", "a programme shared by A and B": the agent of a passive
        # does what its verb says (money given is a relation, read above)
        for m in _BY_AGENT.finditer(c.sent):
            agents = [x for x in c.mentions if 0 <= x.start - m.end() <= 4]
            if agents and m.group(1).lower() not in _MONEY_VERBS and not _negated(low, m.start()):
                i = c.mentions.index(agents[0])
                held = list(dict.fromkeys(x.ref for x in c.mentions[i : listed_run(c.sent, c.mentions, i)]))
                if set(held) - set(c.subjects):
                    add(StatementKind.mandate.value, held, [x.ref for x in c.mentions if x.ref not in held],
                        rule=f"{lang}.mandate.agent")
        # "X … pressed those bodies to ensure …": what is asked is the called body's to do
        for i, mm in enumerate(c.mentions):
            if CALLS_ON.search(c.sent[max(0, mm.start - 40) : mm.start]) and not is_arabic(mm.text):
                j = listed_run(c.sent, c.mentions, i)  # "urged A, B and C to …"
                called = list(dict.fromkeys(x.ref for x in c.mentions[i:j]))
                if re.match(r"[\s*_]*(?:\([^()]*\)\s*)?to\s+[a-z]", c.sent[c.mentions[j - 1].end :]) and \
                        set(called) - set(c.subjects):
                    add(StatementKind.mandate.value, called, [x for x in c.subjects if x not in called],
                        Status.recommended.value, rule=f"{lang}.mandate.called_on")
        # "The task of X was assigned to Y", "Responsibility for X lies with Y": Y's to carry out
        for i, mm in enumerate(c.mentions):
            if (_AR_ENTRUSTED_TO if lang == "ar" else _ENTRUSTED_TO).search(c.sent[max(0, mm.start - 100) : mm.start]) \
                    and not _negated(low, mm.start):
                held = list(dict.fromkeys(x.ref for x in c.mentions[i : listed_run(c.sent, c.mentions, i)]))
                add(StatementKind.responsibility.value, held, [x.ref for x in c.mentions if x.ref not in held],
                    rule=f"{lang}.responsibility.entrusted_to")
        # "X said the Government had shut the site": what is reported is the Government's act
        told = [x for x in c.reported if x not in c.subjects]
        if told and c.subjects and len(re.findall(r"[^\W\d_]{3,}", bare)) >= 2:
            add(StatementKind.mandate.value, told, [x for x in c.subjects if x not in told],
                rule=f"{lang}.mandate.reported")
        # "… a steering committee of A and B, which is tasked with X": the clause is the committee's
        for s, e, holder in relative:
            if holder not in c.subjects:
                kind = StatementKind.responsibility.value if RESPONSIBILITY.search(c.sent[s:e]) else StatementKind.mandate.value
                add(kind, [holder], [m.ref for m in c.mentions if s <= m.start < e],
                    rule=f"{lang}.core.relative_clause")
        _apposed_act_too(c, ex)
        # drivers and needs (ingest/drivers.py) ---------------------------------------------
        # a project table names what efforts target, not reported drivers; a driver named in a
        # statement of fact is reported by the document, and so is a problem stated in a clause
        # of the shapes of ingest/rules/<lang>/drivers.yaml
        reported = None if is_table_line(c.sent) else drivers.find(
            c.sent, lang, list(c.concepts), bool(c.driver_list),
            _states_a_fact(c.sent))
        if reported:
            ex.statements.append(StatementDraft(
                kind=StatementKind.driver.value, status=Status.established.value, subjects=[], objects=[],
                quote=c.sent, page=c.page, char_start=c.start, char_end=c.end, concepts=set(reported.concepts),
                places=set(places), nationwide=nationwide, rule=reported.rule,
            ))
        # a local government named by its place ("the local administration of Anbar") that the
        # sentence says nothing else of: the text still places it there, which keeps the body
        # (a location gives it no remit, graph/domain NO_REMIT)
        said = {x for st in _this_sentence(c, ex) for x in st.subjects + st.objects}
        for mm in c.mentions:
            ref = ex.actors.get(mm.ref)
            if ref is not None and ref.kind == "local_government" and ref.place and not ref.is_class and mm.ref not in said:
                said.add(mm.ref)
                add(StatementKind.location.value, [mm.ref], [], Status.established.value, {ref.place},
                    rule=f"{lang}.core.location")
        themes = {cid for cid in concepts if cid.startswith(("theme:", "target_group:"))}
        if themes and NEED_CUES.search(c.sent) and not c.subjects:
            ex.statements.append(StatementDraft(
                kind=StatementKind.need.value, status=status, subjects=[], objects=[],
                quote=c.sent, page=c.page, char_start=c.start, char_end=c.end, concepts=themes,
                places=set(places), nationwide=nationwide,
            ))


def _this_sentence(c: _Ctx, ex: Extraction) -> list[StatementDraft]:
    """The statements made so far from this sentence: the last ones (no scan of the document's)."""
    out = []
    for st in reversed(ex.statements):
        if st.page != c.page or st.char_start < c.start:
            break
        out.append(st)
    return out


def _owner_acts_too(c: _Ctx, ex: Extraction) -> None:
    """"Support came from the Resilience Programme of UNDP": a programme or unit gives what its
    owner gives, so the owner the same sentence names holds the support (or funding) as well."""
    mine = _this_sentence(c, ex)
    owner = {st.subjects[0]: st.objects[0] for st in mine
             if st.kind == StatementKind.part_of.value and len(st.subjects) == 1 and len(st.objects) == 1}
    for st in mine:
        if st.kind in (StatementKind.support.value, StatementKind.funding.value):
            extra = [owner[x] for x in st.subjects if x in owner and owner[x] not in st.subjects + st.objects]
            st.subjects.extend(dict.fromkeys(extra))


def _leaders_are_members(c: _Ctx, ex: Extraction) -> None:
    """"A consortium of NGOs led by A together with B": the bodies that lead a group described
    by its members are among them. (A body that chairs a committee is not thereby a member.)"""
    if not _GROUP_LED_BY.search(c.sent):
        return
    heads = rules.words("en", "bodies", "membership_heads")
    for st in _this_sentence(c, ex):
        if st.kind != StatementKind.leadership.value:
            continue
        groups = [o for o in st.objects if o in ex.actors and any(
            re.search(rf"\b{re.escape(h)}\b", ex.actors[o].name.lower()) for h in heads)]
        if groups:
            ex.statements.append(replace(st, kind=StatementKind.membership.value, objects=groups,
                                         subjects=list(st.subjects), concepts=set(st.concepts), places=set(st.places),
                                         rule=f"{st.rule}.member"))


def _apposed_act_too(c: _Ctx, ex: Extraction) -> None:
    """"The searches were done by the Iraqi authorities — the A and the B —": what
    the authorities hold, the bodies apposed to them hold too."""
    apposed = apposed_bodies(c.sent, c.mentions)
    if not apposed:
        return
    emptied: set[int] = set()
    for st in _this_sentence(c, ex):
        for role, other in ((st.subjects, st.objects), (st.objects, st.subjects)):
            extra = [b for x in role if x in apposed for b in apposed[x] if b not in role]
            if extra:
                role.extend(dict.fromkeys(extra))
                rest = [x for x in other if x not in extra]
                if rest or st.kind not in _NEEDS_OBJECT | {StatementKind.membership.value}:
                    other[:] = rest
                else:  # the apposed body was all the cue found on the other side: it stays there only
                    role[:] = [x for x in role if x not in other]
        if not st.subjects:  # its holder was one of the apposed bodies, which now hold it with the rest
            emptied.add(id(st))
    if emptied:
        ex.statements[:] = [st for st in ex.statements if id(st) not in emptied]


def _states_a_fact(sent: str) -> bool:
    """A sentence of six words or more that is no heading, link or "**Label:**" metadata line."""
    return len(re.findall(r"[^\W\d_]{3,}", sent)) >= 6 and not _title_like(sent) and \
        not re.search(r"https?://|^\s*[-*]?\s*\*\*[^*]+:\*\*", sent)
