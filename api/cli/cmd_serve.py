"""Commands: serve."""

from __future__ import annotations

from api.cli._app import app  # noqa: F401
