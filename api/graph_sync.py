"""``dalil sync``: copy a graph between stores (an embedded folder, a Neo4j server); graph.sync
has the rules, this module names the two ends from what a user types."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.settings import Settings, get_settings
from graph.store import open_store
from graph.sync import SyncReport, sync

NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def graph_target(where: str, settings: Settings) -> tuple[str, dict[str, Any]]:
    """A sync end as open_store arguments: a Neo4j URI (``user:password@`` allowed, else the
    DALIL_GRAPH_* settings), or an embedded store: its ``.lbug`` path, or a data folder (``--home``)."""
    from urllib.parse import unquote, urlsplit

    if "://" in where and not where.startswith("file://"):
        if not where.startswith(NEO4J_SCHEMES):
            raise ValueError(f"cannot sync with {where!r}: a graph is a neo4j:// or bolt:// URI, or a folder")
        u = urlsplit(where)
        netloc = u.netloc.rsplit("@", 1)[-1]
        uri = u._replace(netloc=netloc).geturl()
        return uri, {
            "user": unquote(u.username) if u.username else settings.graph_user,
            "password": unquote(u.password) if u.password else settings.graph_password,
            "database": settings.graph_database,
        }
    p = Path(where.removeprefix("file://")).expanduser()
    if p.suffix != settings.graph_path.suffix:  # a data folder, existing or new: its store file
        p = p / settings.graph_path.name
    return str(p.resolve()), {}


def sync_graphs(
    to: str, source: str | None = None, home: Path | None = None, replace: bool = False,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> SyncReport:
    """Copy the graph at SOURCE (default: the configured one) into TO; graph.sync has the rules."""
    s = get_settings().model_copy()
    if home is not None:
        s.home = home
    src, src_kw = graph_target(source or s.graph_uri or str(s.graph_path), s)
    dst, dst_kw = graph_target(to, s)
    if src == dst:
        raise ValueError(f"the source and the target are the same graph ({src})")
    for end, kw in ((src, src_kw), (dst, dst_kw)):
        if not kw:  # an embedded store: a running server may own its folder
            from api.server_lock import check_free

            check_free(Path(end).parent)
    with open_store(src, src, **src_kw) as a, open_store(dst, dst, **dst_kw) as b:
        return sync(a, b, replace=replace, on_progress=on_progress)
