"""User-facing errors.

Every error a user can cause (a bad scenario file, a bad ``--set`` path, a missing data
directory, a parameter out of range) is raised as a :class:`CollsecError` whose message is
complete on its own: which file, which place in it, what was expected. The CLI prints that
message and exits with code 2; it never shows a traceback for these.
"""

from __future__ import annotations


class CollsecError(Exception):
    """An error caused by the user's input; its message is meant to be printed as is."""


MAX_SHOWN = 120
"""Longest rendering of the offending value in a message, in characters."""


class InputError(CollsecError):
    """Bad input at a known place.

    Parameters
    ----------
    source:
        Where the input came from: a file path, ``--set``, ``--param`` or similar.
    place:
        Where in that source: a dotted path (``actors.USSR.capability``), a line, a column.
    expected:
        What would have been accepted, in words.
    got:
        What was found, if it helps (it is shown with ``repr``).

    """

    def __init__(self, source: str, place: str, expected: str, got: object = None):
        self.source, self.place, self.expected, self.got = source, place, expected, got
        message = f"{source}: {place}: expected {expected}"
        if got is not None:
            shown = repr(got)
            if len(shown) > MAX_SHOWN:  # a 40,000-character value is named, not printed
                shown = f"{shown[: MAX_SHOWN - 20]}... ({len(shown):,} characters)"
            message += f", got {shown}"
        super().__init__(message)


class DataMissingError(CollsecError):
    """A public data file the command needs is not in the data directory."""
