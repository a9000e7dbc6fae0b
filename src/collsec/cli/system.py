"""Commands: system (filled in by its issue)."""

from collsec.cli.app import app  # noqa: F401
