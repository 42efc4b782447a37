"""Western single-byte text (Windows-1252, Latin-1): what spreadsheets exported on Windows and
older tools write. Tried after UTF-8/UTF-16 and Windows Arabic fail, and accepted only when
the result reads as text, so a binary file is still refused rather than loaded as mojibake.
"""

from __future__ import annotations

import unicodedata

_OK_CONTROLS = "\t\n\r\f"


def decode_western(data: bytes) -> tuple[str, str] | None:
    """(text, encoding name) for cp1252 (else Latin-1) text that looks like text, or None."""
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, enc
    return None


def _plausible(text: str) -> bool:
    """Few control characters, and the non-ASCII characters mostly letters and common marks
    (é, ü, ß, ’, “, –, €, £, °): what a person wrote, not bytes of another format."""
    if not text:
        return False
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _OK_CONTROLS)
    if controls > len(text) // 1000:
        return False
    high = [ch for ch in text if ord(ch) > 0x7F]
    if not high:
        return True
    wordy = sum(1 for ch in high if ch.isalpha() or unicodedata.category(ch)[0] in "PSZ")
    return wordy >= 0.9 * len(high) and len(high) <= 0.3 * len(text)
