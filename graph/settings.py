"""All of Dalil's settings, in one place, read from ``DALIL_*`` environment variables.

They live in ``graph`` because every other package may import ``graph`` (the dependency
root), so there is exactly one settings module for ingest, search and the API alike.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGIES = REPO_ROOT / "ontologies"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DALIL_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path.home() / ".dalil")
    # Graph: empty = embedded LadybugDB in ``home``; ``neo4j://`` / ``bolt://`` = Neo4j.
    graph_uri: str = ""
    graph_user: str = "neo4j"
    graph_password: str = ""
    graph_database: str = "neo4j"
    # Vectors: empty = Qdrant local mode in ``home``; a URL = a Qdrant server.
    qdrant_url: str = ""
    qdrant_api_key: str = ""
    # Embedder name: "use" (default: USE-multilingual, Arabic and English in one space), "minilm"
    # (English only), "hash" (tests), or a sentence-transformers model path. A data folder indexed
    # with another model is re-embedded by the next ingest or `dalil search` (search/index.py).
    embedder: str = "use"
    # Search (issue 4): embed new chunks at ingest; dense search exactly in memory (None = only
    # in Qdrant local mode, where Qdrant's own search is pure Python and slow at 100k points).
    index_on_ingest: bool = True
    search_exact: bool | None = None
    chunk_chars: int = 900
    # Worker processes that load and extract documents during an ingest (`--workers`); 0 = one
    # per core for a batch of 4+ documents per core, 1 = none. The graph is the same either way.
    ingest_workers: int = 0
    # The English NER / parser backbone of the extractor (ingest/nlp.py); off = rules only.
    nlp: bool = True
    # Ingest refuses to start with less free disk than this (plus room for the input) in ``home``
    min_free_mb: int = 100
    # How long a cache of a server graph (Neo4j: other processes may write it) is reused; caches
    # of the embedded store last until this process writes it (GraphStore.generation).
    graph_cache_seconds: float = 5.0
    # LadybugDB's buffer pool (file pages and query memory) in MB; 0 = sized from the graph file
    # (graph.ladybug_store.pool_bytes). The engine's own default, 80% of RAM, costs every process
    # a frame table of about 2 MB per GB of pool (35-40 MB on a 24 GB machine) before any page.
    ladybug_pool_mb: int = 0
    # Quotes whose look-ups (bodies, concepts, places named) a process keeps for its next answers
    # (graph.grounding); past it they are forgotten. About 1-2 KB each with the per-body verdicts.
    grounding_memo_quotes: int = 20_000
    # API
    api_open_reads: bool = False
    api_max_upload_mb: int = 25
    api_cors_origins: str = ""  # comma-separated origins; empty = CORS off
    api_max_body_kb: int = 256  # JSON request bodies (uploads use api_max_upload_mb)
    api_host: str = "127.0.0.1"
    api_port: int = 8765
    # A key the CLI sends to a running server that holds the data folder (`dalil backup`)
    api_key: str = ""
    # SIGTERM: seconds the server waits for running requests before cancelling them
    api_shutdown_seconds: int = 5
    # Access log (key id, route, status, time; never the key): a file path, "-" = stderr, "" = off
    api_access_log: str = "-"
    # Every SPARQL query runs bounded (issue 17): wall time, result rows, and extra memory of the
    # process that evaluates it; past a limit it is stopped and the caller told which limit.
    sparql_timeout_s: float = 20.0
    sparql_max_rows: int = 10_000
    sparql_max_memory_mb: int = 1024
    # Ingest limits per file (issue 17), on every path (CLI and API alike)
    max_file_mb: int = 200  # a file larger than this is refused before it is read
    max_inflate_ratio: int = 100  # a DOCX / XLSX (zip) whose content is this many times its size
    max_inflated_mb: int = 500  # ... or whose content exceeds this is refused before it is opened
    file_timeout_s: float = 600.0  # loading one file (parse to text/rows) longer than this fails it
    csv_max_field_kb: int = 1024  # a CSV cell larger than this fails its file (unterminated quote)

    @property
    def graph_path(self) -> Path:
        return self.home / "graph.lbug"

    @property
    def qdrant_path(self) -> Path:
        return self.home / "qdrant"

    @property
    def ingest_log_path(self) -> Path:
        """Tracebacks of files that crashed ingest (the screen shows one line per file)."""
        return self.home / "logs" / "ingest-errors.log"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def settings_for(home: Path | None = None, graph_uri: str | None = None) -> Settings:
    """The settings with the data folder and graph store a command names (``--home``, ``--graph``)
    in place of DALIL_HOME / DALIL_GRAPH_URI; a copy, so the process-wide settings stay as read."""
    s = get_settings().model_copy()
    if home is not None:
        s.home = home
    if graph_uri is not None:
        s.graph_uri = graph_uri
    return s
