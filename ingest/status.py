"""The status of what a sentence says (graph/model.py Status): in force, recommended (a call, a
proposal, an aim not yet reached) or an option (may, can, an offer). Read from the sentence's
own words, English and Arabic; the stage that makes statements asks it once per sentence."""

from __future__ import annotations

import re

from graph.model import Status
from graph.names import is_arabic
from ingest import arabic

STATUS_RECOMMENDED = re.compile(
    r"\b(should|recommend\w*|urg(?:e|ed|es|ing)|propos(?:e|ed|es|ing)|advis(?:e|ed|es) (?:that|to)|suggest\w*|"
    # ("at the request of X" tells why a body was set up: a fact, no call)
    r"(?<!at the )(?<!upon the )(?<!on the )(?<!at its )(?<!at their )request\w*|call(?:ed|s)? (?:for|on)|need to|needs to|would benefit|must be|ought to|encourag\w+ to|"
    # a call as reports word it: "X is urgently needed", "Y needs continued support", "it is high
    # time to", "expects the Board to"
    r"(?:is|are|was|were) (?:urgently |badly |still )?needed|needs? (?:continued|more|further|urgent|additional)|"
    r"high time|expects? (?:\w+ ){1,4}to|(?:press|push|exhort)(?:es|ed|ing)? (?:\w+ ){1,5}to|"
    # an intention not yet carried out: "plans to open", "is expected to fund", "is considering"
    r"(?<![-\w])(?<!\ba\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)plans? to|planning to|intends? to|"
    r"(?:is|are|was|were) expected to|(?:is|are) considering|"
    # an aim not yet reached: "the declared aim is to reach every governorate by 2028"
    r"(?:goal|aim|objective|target|ambition)s? (?:is|are|was|were|will be|remains) to)\b",
    re.I,
)


# an offer is an option of whoever may take it up: "stands ready to help", "offered to train"
STATUS_OFFER = re.compile(r"\b(?:stands? ready to|(?:is|are) ready to|offer(?:s|ed)? to|(?:is|are) willing to)\b", re.I)
STATUS_OPTION = re.compile(
    r"\b(may|can|could|have the choice|has the choice|the option|options|allowed to|"
    r"alternatively|possibilit\w+|is free to|are free to|might|"
    # "is permitted to", "are authorised to", "has the right to": a power it may use
    r"(?:is|are|was|were|be|being)\s+(?:permitted|authori[sz]ed|entitled|empowered)\s+to|"
    r"(?:has|have|had)\s+the\s+(?:right|power|authority|prerogative)\s+to|"
    # a power granted to choose ("empowers the councils to choose which plan …")
    r"(?:empower|enabl|allow|permit|authori[sz]|entitl)\w*\s+(?:[\w\-]+\s+){0,6}?to\s+(?:decide|choose|select|determine|opt))\b",
    re.I,
)


def _status(sent: str) -> str:
    if is_arabic(sent):
        ar = arabic.status_of(sent)
        if ar:
            return ar
    # "on 14 May 2004", "in May 2023", "May 31": the month, no modal
    sent = re.sub(r"\b\d{1,2}\s+May\b|\bMay\s+(?:\d{1,2}\b|\d{4})|\b(?:[Ii]n|[Oo]f|[Ss]ince|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|mid-)\s*May\b",
                  " ", sent)
    # "• Proposing the declaration of …" as an item of a body's powers: proposing is what it does
    sent = re.sub(r"^[\W_]*(?:Propos|Recommend|Request|Suggest|Advis|Urg)ing\b", " ", sent)
    # "may nominate …, and can request …": a request the body may make is its option
    plain = re.sub(r"\b(may|can|could|might)\s+(?:also\s+)?(?:request|propose|suggest)\w*", r"\1", sent, flags=re.I)
    # "… clinics across the province, which towns should use": the modal of a relative
    # clause is said of that clause's own subject, not of the sentence's
    plain = re.sub(r",\s+(?:which|who|whom|whose|where)\b[^,;]*", "", plain, flags=re.I)
    if STATUS_OFFER.search(plain):
        return Status.option.value
    if STATUS_RECOMMENDED.search(plain):
        return Status.recommended.value
    if STATUS_OPTION.search(plain):
        return Status.option.value
    return Status.established.value


# a table's status column: what is planned, proposed or pending is not in force yet
_ROW_PLANNED = re.compile(r"^(?:planned|proposed|pending|not\s+(?:yet\s+)?started|under\s+(?:discussion|review|preparation)|"
                          r"draft(?:ed)?|to\s+be\s+\w+|awaiting\s+\w+|in\s+preparation|foreseen|envisaged)\b", re.I)


def row_status(sent: str, header: str) -> str:
    """The status a table row's "Status" cell gives it ("planned": recommended), or "" where the
    header has no status column or the cell says nothing of it."""
    heads = [h.strip().lower() for h in header.strip().strip("|").split("|")]
    col = next((i for i, h in enumerate(heads) if re.fullmatch(r"(?:current\s+)?status|stage|state", h)), -1)
    cells = [x.strip() for x in sent.strip().strip("|").split("|")]
    if col < 0 or col >= len(cells):
        return ""
    return Status.recommended.value if _ROW_PLANNED.match(cells[col]) else ""
