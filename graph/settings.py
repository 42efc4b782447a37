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
    # Embedder name: "minilm" (default), "use" (multilingual), "hash" (tests), or a model path.
    embedder: str = "minilm"
    # Search (issue 4): embed new chunks at ingest; dense search exactly in memory (None = only
    # in Qdrant local mode, where Qdrant's own search is pure Python and slow at 100k points).
    index_on_ingest: bool = True
    search_exact: bool | None = None
    chunk_chars: int = 900
    # How long a cache of a server graph (Neo4j: other processes may write it) is reused; caches
    # of the embedded store last until this process writes it (GraphStore.generation).
    graph_cache_seconds: float = 5.0
    # API
    api_open_reads: bool = False
    api_max_upload_mb: int = 25
    api_cors_origins: str = ""  # comma-separated origins; empty = CORS off
    api_max_body_kb: int = 256  # JSON request bodies (uploads use api_max_upload_mb)
    api_host: str = "127.0.0.1"
    api_port: int = 8765

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
