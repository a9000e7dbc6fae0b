"""Figures for papers: 300 dpi PNG with SVG and PDF twins, reproducible bytes, one colour per
doctrine that nothing else takes, log scales where values span orders of magnitude, legends
outside the data, no command line in a title."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from PIL import Image

from collsec.errors import InputError
from collsec.experiments import classic
from collsec.reform import load_presets
from collsec.reports import reform as reform_report
from collsec.reports import style
from collsec.system import DOCTRINES


@pytest.fixture
def captured(monkeypatch):
    """The figures passed to style.save, kept open for inspection (then saved as usual)."""
    figures = []
    real = style.save

    def keep(fig, path):
        fig.canvas.draw()  # lay out, as saving would
        figures.append((fig, fig.canvas.get_renderer()))
        return real(fig, path)

    monkeypatch.setattr(style, "save", keep)
    return figures


def test_every_doctrine_has_one_colour_and_marker_that_nothing_else_takes():
    assert set(style.DOCTRINE_COLOURS) == set(DOCTRINES) == set(style.DOCTRINE_MARKERS)
    colours = [c.upper() for c in style.DOCTRINE_COLOURS.values()]
    assert len(set(colours)) == len(colours)
    assert set(colours) <= {c.upper() for c in style.OKABE_ITO.values()}
    others = [style.SYSTEM, style.DISTRIBUTION, *style.SEAT_COLOURS.values()]
    others += [s[k] for s in style.ASSUMPTION_STYLES.values() for k in ("color", "edgecolor")]
    assert not {c.upper() for c in others} & set(colours)


def test_save_writes_a_300_dpi_png_and_vector_twins_with_the_same_bytes_each_time(tmp_path):
    import matplotlib.pyplot as plt

    def draw(path):
        with style.paper():
            fig, ax = plt.subplots(figsize=(3, 2))
            ax.plot([0, 1], [0, 1], label="a line")
            return style.save(fig, path)

    first = draw(tmp_path / "f.png")
    assert [f.suffix for f in first] == [".png", ".svg", ".pdf"]
    dpi = Image.open(first[0]).info["dpi"]
    assert dpi == pytest.approx((300, 300), abs=0.5)
    assert first[2].read_bytes().startswith(b"%PDF")
    assert "<text" in first[1].read_text() or "a line" in first[1].read_text()
    before = [f.read_bytes() for f in first]
    second = draw(tmp_path / "f.svg")  # any of the three names writes all three
    assert [f.read_bytes() for f in second] == before


@pytest.mark.parametrize("name", ["f.jpg", "f", "no-such-dir/f.png"])
def test_a_bad_figure_name_is_a_clear_error(tmp_path, name):
    with pytest.raises(InputError, match="--figure"):
        style.twins(tmp_path / name)


def _inside(inner, outer) -> bool:
    return inner.overlaps(outer)


def test_the_reform_figure_uses_log_scales_annotates_counts_and_keeps_legends_off_the_data(
    tmp_path, captured
):
    table = reform_report.comparison(load_presets(), None)
    for assumption in reform_report.LETTERS:
        table[f"would_pass_{assumption}"] = [0, 0, 0, 0, 0, 176, 19, 214, 214]
    files = reform_report.figure(table, tmp_path / "reform.png", drafts=214)
    assert all(f.stat().st_size > 10_000 for f in files)
    fig, renderer = captured[0]
    power, act, record = fig.axes[:3]
    assert power.get_xscale() == "log" and act.get_xscale() == "log"
    # every elected-member value (down to Ezulwini's 0.0003) lies inside the axis
    lo, hi = power.get_xlim()
    assert lo <= table.elected_ss.min() and table.permanent_ss.max() <= hi
    texts = [t.get_text() for t in record.texts]
    assert "0 / 0 / 0" in texts and "214 / 214 / 214" in texts
    assert fig._suptitle is None
    assert not any("collsec" in ax.get_title() for ax in fig.axes)
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            box = legend.get_window_extent(renderer)
            assert not _inside(box, ax.get_window_extent(renderer)), ax.get_title()


def _history_table(seed: int, wars: np.ndarray, doctrines: dict[str, int]) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = len(wars)
    frame = {
        "endured": rng.random(n) < 0.8,
        "wars": wars,
        "end_turn": np.full(n, 500),
        "largest_share": rng.random(n),
        "war_participants": 2 * wars,
    }
    for code in classic.LABELS:
        initial = doctrines.get(code, 0)
        frame[f"initial_{code}"] = np.full(n, initial)
        frame[f"survivors_{code}"] = rng.integers(0, initial + 1, n)
    return pd.DataFrame(frame)


def test_the_system_figure_colours_doctrines_only_and_shows_the_wars_distribution(
    tmp_path, captured
):
    rng = np.random.default_rng(0)
    bimodal = np.where(rng.random(200) < 0.6, 0, rng.integers(150, 230, 200))
    results = {
        "all realpolitik": _history_table(1, rng.integers(200, 240, 200), {"rp": 50}),
        "25% collective security": _history_table(2, bimodal, {"rp": 38, "cs": 12}),
        "no war at all": _history_table(3, np.zeros(200, dtype=int), {"rp": 25, "cs": 25}),
    }
    files = classic.figure(results, tmp_path / "system.png")
    assert [f.name for f in files] == ["system.png", "system.svg", "system.pdf"]
    fig, renderer = captured[0]
    endurance, survival, wars = fig.axes[:3]
    doctrine_colours = {c.lower() for c in style.DOCTRINE_COLOURS.values()}

    def colours(ax):
        found = {to_hex(line.get_color()) for line in ax.lines}
        for coll in ax.collections:
            found |= {to_hex(c) for c in coll.get_facecolor()}
            found |= {to_hex(c) for c in coll.get_edgecolor()}
        return found

    assert not colours(wars) & doctrine_colours
    assert not colours(endurance) & doctrine_colours
    assert {style.DOCTRINE_COLOURS[d].lower() for d in ("realpolitik", "collective_security")} <= (
        colours(survival)
    )
    # a distribution for each system whose wars vary (two here), not only a mean
    violins = [c for c in wars.collections if c.__class__.__name__ == "FillBetweenPolyCollection"]
    assert len(violins) == 2
    written = [t.get_text() for t in wars.texts]
    assert written == ["0% no war", f"{(bimodal == 0).mean():.0%} no war", "100% no war"]
    assert fig._suptitle is None and fig.legends
    legend = fig.legends[0].get_window_extent(renderer)
    assert not any(_inside(legend, ax.get_window_extent(renderer)) for ax in fig.axes)
