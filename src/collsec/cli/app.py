"""The Typer application and the one error path every command shares.

Command modules (:mod:`collsec.cli.crisis`, :mod:`collsec.cli.voting`,
:mod:`collsec.cli.system`) register on :data:`app` and wrap their bodies in
:func:`user_errors`, so that bad input prints one clear message and exits with code 2, and
Ctrl-C or SIGTERM prints one line and exits with code 130 (the shell's code for SIGINT).
Messages are printed as plain text, never read as Rich markup (a path like ``[/x]`` or a
pattern like ``^[a-z]$`` prints as it is).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console
from rich.text import Text

from collsec.errors import CollsecError

app = typer.Typer(
    name="collsec",
    help="A laboratory for collective security: replay crises, weigh Security Council "
    "reforms, simulate systems of states.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and usage errors: 0.1 s faster, no markup in texts
)
console = Console(highlight=False)
"""Standard output. Automatic highlighting is off: its regular expressions take time
quadratic in the length of a text (17 s for a 40,000-character title)."""
err_console = Console(stderr=True, highlight=False)

F = TypeVar("F", bound=Callable)

EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130
"""Exit code after Ctrl-C or SIGTERM: 128 + SIGINT, as shells report an interrupted command."""


def print_error(message: str) -> None:
    """Print ``error: message`` on standard error, on one logical line, as plain text."""
    text = Text.assemble(("error: ", "bold red"), printable(message))
    err_console.print(text, soft_wrap=True)


def printable(message: str) -> str:
    """``message`` with characters no terminal encoding can write (lone surrogates) escaped."""
    return message.encode("utf-8", "backslashreplace").decode("utf-8")


def interrupted() -> None:
    """Print the one line a stopped command leaves (outputs are left as they were)."""
    err_console.print(
        Text("interrupted: stopped, no output written or replaced", style="yellow"), soft_wrap=True
    )


def user_errors(func: F) -> F:
    """Turn a :class:`CollsecError` raised by a command into a message and exit code 2, and
    an interruption (Ctrl-C, SIGTERM) into one line and exit code 130.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except CollsecError as error:
            print_error(str(error))
            raise typer.Exit(EXIT_USER_ERROR) from None
        except KeyboardInterrupt:
            interrupted()
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]
