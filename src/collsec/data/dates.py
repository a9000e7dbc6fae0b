"""Which year of a data set measures the world *before* a crisis date, and why.

Every input of a drafted scenario is measured before the crisis date, so that it is measured,
not chosen to fit. Yearly data sets (ATOP pledges, COW trade) are read for the last full
calendar year before the date (``year - 1``); after a data set's last year, that last year is
carried forward and the note says so. Each reader turns a date into a :class:`DataYear` whose
``note`` goes into the draft's header.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from collsec.errors import InputError


@dataclass(frozen=True)
class DataYear:
    """The year a data set is read for a crisis date, and the sentence that says why.

    Attributes
    ----------
    year:
        The calendar year read.
    note:
        One line for a draft's header, e.g. ``"COW trade v4.0 1989 (the last full year
        before 1990-08-02)"``.
    carried:
        True when the date is past the data and the last year was carried forward.

    """

    year: int
    note: str
    carried: bool = False


def check_day(day, source: str = "--date") -> date:
    """``day`` if it is a :class:`datetime.date` (not a datetime), else :class:`InputError`."""
    if not isinstance(day, date) or hasattr(day, "hour"):
        raise InputError(source, "date", "a calendar date (datetime.date, YYYY-MM-DD)", day)
    return day


def last_full_year_before(day: date, first: int, last: int, label: str) -> DataYear:
    """The last full calendar year before ``day`` that the data cover (see module doc).

    Parameters
    ----------
    day:
        The crisis date.
    first, last:
        First and last year of the data set.
    label:
        The data set as the note names it (``"ATOP 5.1"``).

    Raises :class:`InputError` when ``day`` falls in or before the data's first year (nothing
    was measured before it).

    """
    day = check_day(day)
    wanted = day.year - 1
    if wanted < first:
        raise InputError(
            label,
            "date",
            f"a date after {first}-12-31 ({label} starts in {first}; an input must be measured "
            "before the crisis date)",
            day.isoformat(),
        )
    if wanted > last:
        note = (
            f"{label} {last}: the last year of the data, carried forward to {day.isoformat()} "
            f"(the last full year before the date, {wanted}, is not covered)"
        )
        return DataYear(last, note, carried=True)
    return DataYear(wanted, f"{label} {wanted} (the last full year before {day.isoformat()})")


def year_of(day: date, first: int, last: int, label: str) -> DataYear:
    """The calendar year of ``day`` itself, carried forward from ``last`` after the data end.

    For slow measures that the issue reads "of the year" (CINC). Raises :class:`InputError`
    for a date before ``first``.
    """
    day = check_day(day)
    if day.year < first:
        raise InputError(label, "date", f"a date in {first} or later ({label})", day.isoformat())
    if day.year > last:
        note = f"{label} {last}: the last year of the data, carried forward to {day.isoformat()}"
        return DataYear(last, note, carried=True)
    return DataYear(day.year, f"{label} {day.year} (the year of {day.isoformat()})")
