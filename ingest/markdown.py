"""Markdown to clean plain text (also the form web-page main text arrives in).

Markdown has no physical pages, so a file is one page; headings, lists and table rows keep
their own lines so that chunking never runs two of them into one sentence.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from ingest.text import Parsed, clean, decode_text, table_row

__all__ = ["load_markdown", "markdown_to_text"]


_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_=])(?:\s*\1){2,}\s*$")
_MD_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_MD_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_MD_LINKDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _md_inline(text: str) -> str:
    """Strip inline Markdown/HTML markup from one line, keeping the words."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"<((?:https?|mailto):[^>\s]+)>", r"\1", text)
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text, flags=re.I)
    text = re.sub(r"<sub>(.*?)</sub>", r"\1", text, flags=re.I)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    text = text.replace("**", "").replace("__", "").replace("~~", "")
    text = re.sub(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)
    return unescape(text)


def markdown_to_text(md: str) -> tuple[str, str]:
    """Markdown to clean plain text; returns (text, title) with title = first H1 or first heading."""
    md = re.sub(r"<!--.*?-->", "", md.replace("\r\n", "\n"), flags=re.S)
    out: list[str] = []
    h1 = first_heading = ""
    in_fence = False
    for line in md.split("\n"):
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(line)
            continue
        if _MD_LINKDEF.match(line) or _MD_TABLE_SEP.match(line) and "|" in line:
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            text = _md_inline(heading.group(2)).strip()
            if heading.group(1) == "#" and not h1:
                h1 = text
            first_heading = first_heading or text
            out += ["", text, ""]
            continue
        rule = _MD_RULE.match(line)
        if rule:
            if rule.group(1) == "=" and out and out[-1].strip():  # setext H1 underline
                h1 = h1 or out[-1].strip()
                first_heading = first_heading or out[-1].strip()
            out.append("")
            continue
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        line = _MD_BULLET.sub(lambda m: m.group(1) + "- ", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = table_row(line.strip().strip("|").split("|"))
        out.append(_md_inline(line))
    return clean("\n".join(out)), h1 or first_heading


def load_markdown(path: Path, data: bytes) -> Parsed:
    """Markdown is one page: it has no physical pages to cite."""
    text, title = markdown_to_text(decode_text(path, data))
    return Parsed("markdown", title, [text])
