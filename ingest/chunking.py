"""Sentence-aware chunks that keep (page, char_start, char_end) provenance.

Answers quote their evidence, so a chunk must never cut a sentence or run across a page: the
quote and its page number have to be exactly what a reader finds in the source. The one
exception is a "sentence" longer than the chunk size (a table dump, a text without
punctuation): it is cut at a clause mark or a space so that no chunk and no quote grows with
the input. Every step here is linear in the text (issue 17: a long paragraph made it quadratic).
"""

from __future__ import annotations

import re

from graph.model import Chunk
from ingest.loaders import LoadedDocument, detect_language

__all__ = ["FIELD_LINE", "chunk_document", "split_sentences"]

# Tokens (lower case, final dot removed) after which a period never ends a sentence: titles
# and references that are followed by a name or number, and Latin abbreviations.
_NEVER_BREAK = frozenset(
    [
        "e.g", "i.e", "cf", "viz", "vs", "v", "al", "approx", "ca", "resp", "est",
        "dr", "mr", "mrs", "ms", "prof", "st", "mt", "gen", "col", "lt", "capt", "sgt", "maj", "brig", "gov", "adm",
        "hon", "rev", "jr", "sr", "dept", "ed", "eds",
        "no", "nos", "art", "arts", "fig", "figs", "vol", "vols", "pp", "p", "para", "paras",
        "sec", "ch",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "u.s", "u.n", "u.k", "u.a.e", "e.u",
    ]
)  # fmt: skip
_TERMINATOR = re.compile(r"[.!?۔؟…]+[\"'”’»)\]}›]*(?=\s|$)")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n\s*")
_TABLE_LINE = re.compile(r"^[^\n|]*\|[^\n]*\|[^\n]*$", re.M)  # a table row is a block of its own
# two lines or more of two cells each ("Body | Security Council"): a two-column table's rows
_TWO_CELL_ROWS = re.compile(r"^[^\n|]+ \| [^\n|]+(?:\n[^\n|]+ \| [^\n|]+)+$", re.M)
# two lines or more that each open with a short label and a colon ("Status: Ongoing" /
# "Partners: A and B"): a record's fields, each line a sentence of its own
_FIELD = r"[^\S\n]*(?:[-*•][^\S\n]+)?(?:\*\*)?[^\W\d_][^\n:|.]{0,40}:[^\n]*"
_FIELD_ROWS = re.compile(rf"^{_FIELD}(?:\n{_FIELD})+$", re.M)
FIELD_LINE = re.compile(_FIELD + "$")  # one such line: no heading, whatever its capitals
_BULLET = re.compile(r"^[ \t]*(?:[-*+•◦▪●‣–—]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])[ \t]+", re.M)
_LIST_NUMBER = re.compile(r"^\s*(?:[-*+•◦▪●‣–—]\s+)?\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})$", re.I)
_OPENERS = "\"'“‘«([{"
_CLOSED_END = re.compile(r"[.!?۔؟…:;\"'”’»)\]]$")
_NEXT_VISIBLE = re.compile(r"\s*(\S)")
_LAST_WORD = re.compile(r"(\S+)$")
_CLAUSE = re.compile(r"[,;:،؛)\]]\s")
_SPACE = re.compile(r"\s")
_WORD_WINDOW = 100  # the word before a dot is looked for this far back (abbreviations are short)


def is_table_line(line: str) -> bool:
    """A table row (two cell bars at least, or the one bar between the two cells of a two-column
    row, ingest/text.table_row): a block, so a sentence, of its own."""
    return line.count("|") >= 2 or " | " in line and "\n" not in line.strip()


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs and list items: blank lines and bullet lines always break."""
    cuts = {0, len(text)}
    for m in _BLOCK_BREAK.finditer(text):
        cuts.update((m.start(), m.end()))
    for m in _BULLET.finditer(text):
        cuts.add(m.start())
    for m in _TABLE_LINE.finditer(text):
        cuts.update((m.start(), m.end()))
    for rows in (_TWO_CELL_ROWS, _FIELD_ROWS):  # "Point | Status" over rows of two cells; field lines
        for m in rows.finditer(text):
            for row in re.finditer(r"[^\n]+", m.group(0)):
                cuts.update((m.start() + row.start(), m.start() + row.end()))
    points = sorted(cuts)
    blocks = [(a, b) for a, b in zip(points, points[1:], strict=False) if text[a:b].strip()]
    # A break inside a sentence (page-break artefact: "exists within this\n\ndomain.") is no
    # boundary: the previous block has no final punctuation and the next starts in lower case.
    merged: list[tuple[int, int]] = []
    for a, b in blocks:
        head = _NEXT_VISIBLE.match(text, a, b)
        if (
            merged
            and head is not None
            and head.group(1).islower()
            and not _BULLET.match(text, a)
            and not _closed(text, *merged[-1])
        ):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _closed(text: str, a: int, b: int) -> bool:
    """Does text[a:b] end (before trailing space) with final punctuation? Without copying it."""
    while b > a and text[b - 1].isspace():
        b -= 1
    return b > a and _CLOSED_END.search(text, b - 1, b) is not None


def _is_break(text: str, block_start: int, m: re.Match[str], next_char: str) -> bool:
    """Decide whether the terminator ``m`` ends a sentence, given the next visible character."""
    term = m.group().rstrip("\"'”’»)]}›")
    if term[-1] in "۔؟":
        return True
    if next_char.islower():
        return False
    if set(term) != {"."}:
        return True
    # only a short head can be a list number; only the last word matters: both bounded
    if m.start() - block_start <= _WORD_WINDOW and _LIST_NUMBER.match(text[block_start : m.start()]):
        return False  # "1. The roundtable..." at the head of a list item
    word = _LAST_WORD.search(text[max(block_start, m.start() - _WORD_WINDOW) : m.start()])
    if not word:
        return True
    token = word.group(1).lstrip(_OPENERS)
    # "د. فلان", "م. فلان", "أ.د. فلان": an Arabic title abbreviated to its letter, as "Dr." is
    if token.lower() in _NEVER_BREAK or re.fullmatch(r"[A-Z]|(?:[\u0621-\u064a]\.)*[\u0621-\u064a]", token):
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token) and term == ".":  # other dotted acronyms
        return next_char in _OPENERS or next_char.isdigit() or not next_char.isalpha()
    return True


def max_sentence_chars() -> int:
    """The longest span split_sentences returns: the chunk size, so the extractor's sentences
    and the chunks agree, and no quote is longer than a chunk."""
    from graph.settings import get_settings

    return max(get_settings().chunk_chars, 80)


def split_sentences(text: str, max_chars: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into ``text``, without surrounding whitespace.

    Abbreviation-aware (e.g., i.e., Dr., No., U.N., initials); paragraphs and list items are
    boundaries; ``. ! ? …`` and the Arabic ``۔ ؟`` end sentences. A span longer than
    ``max_chars`` (default: max_sentence_chars()) is cut at a clause mark or space (split_long).
    """
    limit = max_chars or max_sentence_chars()
    spans: list[tuple[int, int]] = []
    for bs, be in _blocks(text):
        start = bs
        for m in _TERMINATOR.finditer(text, bs, be):
            nxt = _NEXT_VISIBLE.match(text, m.end(), be)
            if nxt is None or not _is_break(text, bs, m, nxt.group(1)):
                continue
            spans.append((start, m.end()))
            start = m.end()
        spans.append((start, be))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.extend(split_long(text, a, b, limit))
    return out


def split_long(text: str, a: int, b: int, limit: int) -> list[tuple[int, int]]:
    """text[a:b] in pieces of at most ``limit`` characters, each cut after the last clause mark
    (, ; : ، ؛) in the second half of the window, else at its last space, else hard; pieces
    are trimmed of surrounding space. Linear: each window is looked at once."""
    pieces: list[tuple[int, int]] = []
    while b - a > limit:
        lo, hi = a + limit // 2, a + limit
        cut = -1
        for m in _CLAUSE.finditer(text, lo, hi + 1):
            cut = m.start() + 1
        if cut < 0:
            for m in _SPACE.finditer(text, lo, hi + 1):
                cut = m.start()
        if cut <= a:
            cut = hi
        end = cut
        while end > a and text[end - 1].isspace():
            end -= 1
        if end > a:
            pieces.append((a, end))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        pieces.append((a, b))
    return pieces


def chunk_document(doc: LoadedDocument, max_chars: int = 900, overlap_sentences: int = 0) -> list[Chunk]:
    """Pack whole sentences into chunks of at most ``max_chars``, page by page.

    No chunk is longer than ``max_chars``: a longer sentence is cut (split_long).
    ``overlap_sentences`` repeats the last sentences of a chunk at the start of the next one.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    if overlap_sentences < 0:
        raise ValueError("overlap_sentences must not be negative")
    doc_id = doc.document.id
    chunks: list[Chunk] = []
    for page in doc.pages:
        spans = split_sentences(page.text, max_chars)
        i = 0
        while i < len(spans):
            j = i + 1
            while j < len(spans) and spans[j][1] - spans[i][0] <= max_chars:
                j += 1
            start, end = spans[i][0], spans[j - 1][1]
            text = page.text[start:end]
            chunks.append(
                Chunk(
                    id=f"{doc_id}#p{page.number}-{start}",
                    doc_id=doc_id,
                    page=page.number,
                    char_start=start,
                    char_end=end,
                    text=text,
                    language=detect_language(text),
                    seq=len(chunks),
                )
            )
            if j >= len(spans):
                break
            i = max(j - overlap_sentences, i + 1)
    return chunks
