"""The validation commands' text output."""

from __future__ import annotations

from collsec.cli.validation import grouped


def test_one_reason_for_many_drafts_is_said_once():
    warnings = [f"S/RES/{k}: votes not read (no data directory)" for k in range(6)]
    warnings.append("A/RES/1: votes not read (file broken)")
    assert grouped(warnings) == [
        "S/RES/0, S/RES/1, S/RES/2, S/RES/3 and 2 more: votes not read (no data directory)",
        "A/RES/1: votes not read (file broken)",
    ]
    assert grouped([]) == []


def test_the_cli_searches_as_the_fit_does():
    """``collsec fit --starts`` and ``--draws`` default to the fit's own numbers (each is
    written twice: the CLI imports the fit lazily)."""
    import inspect

    from collsec.cli.validation import fit
    from collsec.validation.fit import SEARCH_DRAWS, STARTS

    defaults = inspect.signature(fit).parameters
    assert defaults["starts"].default == STARTS
    assert defaults["draws"].default == SEARCH_DRAWS
