"""Answers as compact blocks that fit the terminal (80 columns and up), not as wide tables.

A table of six columns at 80 columns wraps each quote into a tall, narrow cell and cuts file
names to one shared prefix; a block per body keeps every line whole: the name and kind, the
status / place match / citation, the best quote cut at a word to two lines (``--full``: whole),
and the other sources folded into one line. Lines are cut only between words; a file name too
long for its line loses its middle, never its distinguishing end.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from rich.console import Console
from rich.markup import escape

INDENT = "    "
QUOTE_LINES = 2
NBSP = "\u00a0"  # joins "file p.3" so a wrap never separates a page from its file


def middle(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, eliding its middle (file names differ at both ends)."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head):]


def cut_words(text: str, width: int, lines: int) -> list[str]:
    """``text`` wrapped at words into at most ``lines`` lines of ``width``; a cut ends with "…".

    A single word longer than a line is the only thing ever broken inside a word.
    """
    out = textwrap.wrap(" ".join(text.split()), width=max(10, width), break_on_hyphens=False)
    if len(out) <= lines:
        return out
    kept = out[:lines]
    last = kept[-1]
    while len(last) + 1 > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    kept[-1] = last.rstrip(",;:") + "…"
    return kept


def cite(w: dict[str, Any]) -> str:
    doc, page = str(w.get("document") or ""), w.get("page", "")
    return f"{doc}{NBSP}p.{page}" if doc else ""


def _distinct_sources(why: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (document, page, quote): a sentence carrying several statements is cited once."""
    seen: set[tuple[str, Any, str]] = set()
    out = []
    for w in why:
        key = (str(w.get("document", "")), w.get("page", ""), " ".join(str(w.get("quote", "")).split()))
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


def body_block(i: int, r: dict[str, Any], width: int, full: bool = False) -> list[str]:
    """The lines of one answer row (at most 5 without ``full``)."""
    inner = width - len(INDENT)
    head = f"{i:>2}. "
    kind = str(r.get("kind") or "").replace("_", " ")
    tail = f" · {kind}" if kind else ""
    name = str(r.get("name") or r.get("id") or "")
    name = cut_words(name, width - len(head) - len(tail), 1)[0] if len(head + name + tail) > width else name
    lines = [head + name + tail]
    why = _distinct_sources(r.get("why") or [])
    if not why:
        return lines
    w = why[0]
    facts = [x for x in (w.get("status"), f"place match: {w['place_match']}" if w.get("place_match") else "") if x]
    src = cite(w)
    fixed = " · ".join(facts)
    room = inner - len(fixed) - (3 if fixed else 0)
    if src and room < len(src):
        doc = str(w.get("document", ""))
        src = middle(doc, max(8, room - len(f"{NBSP}p.{w.get('page', '')}"))) + f"{NBSP}p.{w.get('page', '')}"
    lines.append(INDENT + " · ".join([x for x in (fixed, src) if x]))
    quote = " ".join(str(w.get("quote") or "").split())
    if quote:
        body = textwrap.wrap(f"“{quote}”", inner, break_on_hyphens=False) if full else cut_words(f"“{quote}”", inner, QUOTE_LINES)
        lines += [INDENT + q for q in body]
    rest = why[1:]
    if rest and full:
        for x in rest:
            lines.append(INDENT + f"+ {cite(x)}" + (f" ({x['status']})" if x.get("status") else ""))
            lines += [INDENT + "  " + q for q in textwrap.wrap(f"“{' '.join(str(x.get('quote', '')).split())}”",
                                                                 inner - 2, break_on_hyphens=False)]
    elif rest:
        more = f"+ {len(rest)} more source{'s' if len(rest) > 1 else ''}: "
        names = list(dict.fromkeys(cite(x) for x in rest))
        line = more + ", ".join(names)
        if len(line) > inner:
            kept: list[str] = []
            for n in names:
                if len(more + ", ".join([*kept, n]) + ", …") > inner:
                    break
                kept.append(n)
            line = more + ", ".join(kept) + (", …" if kept else "…")
            if len(line) > inner:
                line = more.rstrip(": ")
        lines.append(INDENT + line)
    return lines


def print_answer(console: Console, ans: dict[str, Any], full: bool = False) -> None:
    """The question, the one-line answer, then one block per body (and gaps, passages)."""
    width = _width(console)
    out: list[str] = []
    head = str(ans.get("question") or "")
    if ans.get("intent"):
        head += f"  ({ans['intent']})"
    out += cut_words(head, width, 3)
    out += textwrap.wrap(str(ans.get("answer") or ""), width, break_on_hyphens=False)
    for i, r in enumerate(ans.get("actors") or [], 1):
        out.append("")
        out += body_block(i, r, width, full)
    if ans.get("gaps"):
        out.append("")
        out += [f"- gap: {g['label']}" for g in ans["gaps"]]
    passages = ans.get("hits") or ans.get("evidence") or []
    if passages:
        out += ["", "Passages from search:"]
    for h in passages:
        out.append("")
        out.append(cite(h))
        out += [INDENT + q for q in cut_words(str(h.get("text") or h.get("quote") or ""), width - len(INDENT),
                                               99 if full else QUOTE_LINES)]
    _emit(console, out)


def _emit(console: Console, lines: list[str]) -> None:
    console.print(escape("\n".join(lines)).replace(NBSP, " "), soft_wrap=True, highlight=False)


def _width(console: Console) -> int:
    return max(40, min(console.width, 120))


def _quoted(w: dict[str, Any], inner: int, lines: int, lead: str = "") -> list[str]:
    """A cited quote: "lead (file p.N): “quote…”", cut at words to ``lines`` lines (the citation first,
    so a cut never loses it)."""
    text = f"{lead}({cite(w)}): “{' '.join(str(w.get('quote') or '').split())}”"
    return [INDENT + x for x in cut_words(text, inner, lines)]


def print_overlaps(console: Console, pairs: list[dict[str, Any]], total: int, full: bool = False) -> None:
    """One block per pair: the two bodies and score, what they share, why, each side's source."""
    width = _width(console)
    inner = width - len(INDENT)
    out = [f"{total} overlapping pair(s)" + (f", showing {len(pairs)}" if len(pairs) < total else "")]
    for i, p in enumerate(pairs, 1):
        a, b = p["actors"]
        sh = p["shared"]
        shared = "; ".join(filter(None, [", ".join(sh.get("place_names", [])), ", ".join(sh.get("levels", [])),
                                         ", ".join(t.split(":")[-1].replace("_", " ") for t in sh.get("themes", []))]))
        out += ["", *cut_words(f"{i:>2}. {a['name']} × {b['name']} · score {p['score']}", width, 2)]
        if shared:
            out += [INDENT + x for x in cut_words(f"shared: {shared}", inner, 99 if full else 1)]
        for r in (a, b):
            if r.get("why"):
                out += _quoted(r["why"][0], inner, 99 if full else 2, f"{r['name']} ")
    _emit(console, out)


def print_gaps(console: Console, gaps: list[dict[str, Any]], where: str, full: bool = False) -> None:
    """One block per gap: its kind and label, the reason, where it is reported or named."""
    width = _width(console)
    inner = width - len(INDENT)
    out = [f"{len(gaps)} gap(s)" + (f" in {where}" if where else "")]
    for i, g in enumerate(gaps, 1):
        out += ["", *cut_words(f"{i:>2}. {g['label']} · {g.get('kind', 'driver')}", width, 1)]
        if g.get("reason"):
            out += [INDENT + x for x in cut_words(g["reason"], inner, 99 if full else 2)]
        if g.get("reported"):
            out += _quoted(g["reported"][0], inner, 99 if full else 2)
    _emit(console, out)


def file_label(paths: list[str]) -> dict[str, str]:
    """Each path by its shortest distinguishing form: relative to the folder all of them share."""
    if not paths:
        return {}
    try:
        common = os.path.commonpath([str(PurePath(p).parent) for p in paths])
    except ValueError:  # mixed absolute and relative paths
        common = ""
    out = {}
    for p in paths:
        rel = os.path.relpath(p, common) if common else p
        out[p] = rel if not rel.startswith("..") else p
    return out
