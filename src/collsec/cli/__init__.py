"""Command-line interface: ``collsec``. See ``collsec --help``."""

from collsec.cli import crisis, system, validation, voting  # noqa: F401  (registers the commands)
from collsec.cli.app import app


def main() -> None:
    """Entry point of the ``collsec`` console script."""
    app()


__all__ = ["app", "main"]
