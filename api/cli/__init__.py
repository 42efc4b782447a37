"""The ``dalil`` command line: every command prints a Rich table, or JSON with ``--json``.

One module per group of commands; importing them registers their commands on ``app``.
"""

from __future__ import annotations

from api.cli import (  # noqa: F401  (importing registers the commands)
    cmd_curate,
    cmd_exchange,
    cmd_graph,
    cmd_questions,
    cmd_search,
    cmd_serve,
    core,
)
from api.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
