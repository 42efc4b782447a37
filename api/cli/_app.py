"""The Typer app and what every command shares: options, JSON printing, errors, answer tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console

if TYPE_CHECKING:
    from api.service import Dalil

T = TypeVar("T")


def quiet_libraries() -> None:
    """Model loading draws tqdm bars ("Loading weights … 103/103", empty "0/0" batches) and
    libraries warn about things a user cannot act on; the CLI's own Rich progress stays."""
    import logging
    import os
    import warnings

    for k, v in (("TQDM_DISABLE", "1"), ("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TRANSFORMERS_VERBOSITY", "error"),
                 ("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1"), ("TOKENIZERS_PARALLELISM", "false"),
                 ("TF_CPP_MIN_LOG_LEVEL", "3"), ("HF_HUB_DISABLE_TELEMETRY", "1")):
        os.environ.setdefault(k, v)
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", module=r"(torch|transformers|sentence_transformers|huggingface_hub|qdrant_client)")
    for name in ("transformers", "sentence_transformers", "huggingface_hub", "torch", "qdrant_client", "httpx"):
        logging.getLogger(name).setLevel(logging.ERROR)


quiet_libraries()

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Dalil: who does what, where, in P/CVE — with sources.")
console = Console()
err = Console(stderr=True)

HomeOpt = Annotated[Path | None, typer.Option("--home", help="Data folder (default $DALIL_HOME or ~/.dalil).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
GraphOpt = Annotated[str | None, typer.Option("--graph", help="Graph URI: neo4j://… or bolt://… (default: embedded).")]


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(msg: str, code: int = 2) -> NoReturn:
    """Usage and input errors exit 2; failed files exit 1 (see ingest)."""
    err.print(f"[red]error:[/red] {msg}")
    raise typer.Exit(code)


def with_dalil(home: Path | None, graph: str | None, call: Callable[[Dalil], T],
               *errors: type[Exception]) -> T:
    """Open the stores, run ``call``, close them. An unknown name, an unreachable store or one
    of ``errors`` ends the command with its message and exit 2, never a traceback."""
    from api.service import UnknownName, open_dalil
    from graph.store import GraphStoreError

    caught: tuple[type[Exception], ...] = (UnknownName, GraphStoreError, *errors)
    try:
        with open_dalil(home, graph) as d:
            return call(d)
    except caught as e:
        fail(str(e))


def print_answer(ans: dict[str, Any], full: bool = False) -> None:
    from api.cli.render import print_answer as render

    render(console, ans, full)
