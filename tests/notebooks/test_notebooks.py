"""Every notebook under notebooks/ runs end to end (nbclient) against the demo corpus.

The demo graph is copied into a fresh data folder through the RDF round trip (lossless,
tests/graph/test_rdf.py), passed to the kernel as DALIL_HOME, and the kernel is this venv's
own python, registered as a kernel spec in a temporary JUPYTER_PATH. Notebooks are committed
without outputs; a committed output fails here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from api.service import open_dalil
from graph import rdf
from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
KERNEL = "dalil-test-venv"


def test_there_are_at_least_three_notebooks() -> None:
    assert len(NOTEBOOKS) >= 3


@pytest.fixture(scope="module")
def kernel_env(demo_dalil: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("nb")
    nt = root / "demo.nt"
    rdf.export(demo_dalil.graph, "ntriples", nt)
    home = root / "home"
    with open_dalil(home) as d:
        d.import_rdf(nt)
    spec = root / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Dalil test venv", "language": "python",
    }))
    return {"DALIL_HOME": str(home), "JUPYTER_PATH": str(root / "jupyter")}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, kernel_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code"), \
        f"{path.name}: commit notebooks without outputs"
    for k, v in kernel_env.items():
        monkeypatch.setenv(k, v)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=300,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    texts = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert texts.strip(), f"{path.name} printed nothing"
    if "matplotlib" in "".join(c.source for c in nb.cells):
        assert images, f"{path.name} drew no chart"
