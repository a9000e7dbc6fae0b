"""Command-line interface: ``collsec``. See ``collsec --help``."""

import sys

from collsec.cli import crisis, system, validation, voting  # noqa: F401  (registers the commands)
from collsec.cli.app import EXIT_INTERRUPTED, app, interrupted
from collsec.parallel import install_stop_handlers


def main() -> None:
    """Entry point of the ``collsec`` console script: SIGTERM stops a command as Ctrl-C does
    (one line, exit code 130), also outside a command (while parsing or importing).
    """
    install_stop_handlers()
    try:
        app()
    except KeyboardInterrupt:
        interrupted()
        sys.exit(EXIT_INTERRUPTED)


__all__ = ["app", "main"]
