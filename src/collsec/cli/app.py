"""The Typer application and the one error path every command shares.

Command modules (:mod:`collsec.cli.crisis`, :mod:`collsec.cli.voting`,
:mod:`collsec.cli.system`) register on :data:`app` and wrap their bodies in
:func:`user_errors`, so that bad input prints one clear message and exits with code 2.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console

from collsec.errors import CollsecError

app = typer.Typer(
    name="collsec",
    help="A laboratory for collective security: replay crises, weigh Security Council "
    "reforms, simulate systems of states.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable)

EXIT_USER_ERROR = 2


def user_errors(func: F) -> F:
    """Turn a :class:`CollsecError` raised by a command into a message and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except CollsecError as error:
            err_console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_USER_ERROR) from None

    return wrapper  # type: ignore[return-value]
