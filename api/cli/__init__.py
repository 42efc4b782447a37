"""The ``dalil`` command line: every command prints a Rich table, or JSON with ``--json``.

One module per group of commands; importing them registers their commands on ``app``.
"""

from __future__ import annotations

from api.cli import (  # noqa: F401  (importing registers the commands)
    cmd_curate,
    cmd_exchange,
    cmd_graph,
    cmd_maintain,
    cmd_questions,
    cmd_search,
    cmd_serve,
    core,
)
from api.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Store errors (unreachable Neo4j, a folder a running server holds) end with their message
    and exit code 2, not a traceback."""
    import sys

    from api.cli._app import err
    from graph.store import GraphStoreError

    try:
        app()
    except GraphStoreError as e:
        err.print(f"[red]error:[/red] {e}")
        sys.exit(2)
