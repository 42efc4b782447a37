"""Text that is safe to hand on: no control characters, and no spreadsheet formulas.

Names and values come from documents and tables anyone may write. A control character (a NUL
from a CSV cell) makes GraphML invalid XML and confuses terminals; a cell that starts with
``=``, ``+``, ``-``, ``@``, tab or CR is run as a formula by spreadsheet programs (OWASP "CSV
injection"), so CSV and HXL exports prefix such cells with an apostrophe.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

# C0 and C1 controls except tab, newline and CR; the non-characters U+FFFE / U+FFFF; lone
# surrogates (none of them are allowed in XML 1.0)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab, newline and CR stay)."""
    return _CONTROLS.sub("", text)


def csv_cell(value: Any) -> Any:
    """A value ready for a CSV / HXL cell: controls removed, formula starts neutralised with a
    leading apostrophe, NaN and infinities written as an empty cell; numbers stay numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if not isinstance(value, str):
        return value
    value = strip_controls(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def name_problem(name: str) -> str:
    """Why ``name`` cannot be a name (a control, format or unassigned character), or ""."""
    for ch in name:
        cat = unicodedata.category(ch)
        if cat == "Cc" or cat == "Cs" or cat == "Cn" or cat == "Co":
            what = {"Cc": "a control character", "Cs": "a lone surrogate", "Cn": "an unassigned character",
                    "Co": "a private-use character"}[cat]
            return f"the name contains {what} (U+{ord(ch):04X})"
        if cat == "Cf" and ch not in "\u200c\u200d\u200e\u200f":  # joiners and direction marks are text
            return f"the name contains an invisible format character (U+{ord(ch):04X})"
    return ""
