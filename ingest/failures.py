"""One line on screen for a file that crashed the pipeline; its traceback in a log file.

A batch of documents must not stop at the first bug or unforeseen input: the person running it
needs to know which file failed, in which step and why, and a maintainer needs the traceback,
which is kept out of the terminal and appended to a log under the data folder.
"""

from __future__ import annotations

import re
import traceback
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

__all__ = ["Step", "failure_reason", "failed_step"]


class Step(StrEnum):
    """The pipeline step a crash came from, named as a user would say it."""

    LOADING = "loading"
    CHUNKING = "chunking"
    EXTRACTING = "extracting"
    RESOLVING = "resolving"
    PROCESSING = "processing"


# module file stem -> step; the deepest frame of our own ingest package decides
_STEPS = {
    "loaders": Step.LOADING, "text": Step.LOADING, "markdown": Step.LOADING, "pdf": Step.LOADING,
    "layout": Step.LOADING, "bidi": Step.LOADING, "ocr": Step.LOADING, "html": Step.LOADING,
    "docx": Step.LOADING, "tabular": Step.LOADING, "iati": Step.LOADING,
    "chunking": Step.CHUNKING, "extract": Step.EXTRACTING, "arabic": Step.EXTRACTING,
    "resolve": Step.RESOLVING,
}  # fmt: skip
_INGEST_DIR = Path(__file__).resolve().parent


def failed_step(exc: BaseException) -> Step:
    """The step of the innermost frame that lies in the ingest package."""
    step = Step.PROCESSING
    for frame in traceback.extract_tb(exc.__traceback__):
        file = Path(frame.filename)
        if file.parent == _INGEST_DIR and file.stem in _STEPS:
            step = _STEPS[file.stem]
    return step


def failure_reason(path: Path | str, exc: BaseException, log: Path | None) -> str:
    """A one-line reason naming the step and the error; the traceback goes to ``log``."""
    detail = re.sub(r"\s+", " ", str(exc)).strip()
    if len(detail) > 160:
        detail = detail[:157] + "..."
    reason = f"internal error while {failed_step(exc)}: {type(exc).__name__}" + (f": {detail}" if detail else "")
    if log is None:
        return reason
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')} {path}\n")
            f.write("".join(traceback.format_exception(exc)))
    except OSError as e:
        return f"{reason} (traceback not written to {log}: {e.strerror or e})"
    return f"{reason} (traceback in {log})"
