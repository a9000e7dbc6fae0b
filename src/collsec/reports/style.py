"""One style for every figure collsec draws, ready for a paper.

* **Files**: :func:`save` writes a 300 dpi PNG and its vector twins, SVG (text kept as text)
  and PDF (TrueType fonts embedded, editable), with no timestamps, so the same data give the
  same files.
* **Colours**: the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"; Wong 2011,
  Nature Methods 8:441), distinguishable with the common colour-vision deficiencies, and
  doubled by marker shapes. Each doctrine has ONE colour, used in every figure
  (:data:`DOCTRINE_COLOURS`), and no other quantity takes a doctrine's colour: measures of a
  whole system (endurance, wars) are black and grey.
* **Layout**: :func:`paper` sets a page-width figure, 8-point type, no top or right spines,
  legends without frames; each figure places its legends outside the data and carries no
  command line in its title (the caption beside it in the docs says what it shows and how it
  was made).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from collsec.errors import InputError

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
"""The eight colours of Okabe & Ito (2008)."""

DOCTRINE_COLOURS = {
    "realpolitik": OKABE_ITO["vermillion"],
    "collective_security": OKABE_ITO["blue"],
    "collective_defence": OKABE_ITO["bluish_green"],
    "laissez_faire": OKABE_ITO["reddish_purple"],
}
"""Doctrine (:data:`collsec.system.DOCTRINES`) -> its colour, the same in every figure."""

DOCTRINE_MARKERS = {
    "realpolitik": "o",
    "collective_security": "s",
    "collective_defence": "^",
    "laissez_faire": "D",
}
"""Doctrine -> marker, so that the doctrines differ in print without colour too."""

SYSTEM = OKABE_ITO["black"]
"""Colour of a measure of the whole system (endurance, wars): no doctrine's colour."""
DISTRIBUTION = "#BBBBBB"
"""Fill of a distribution (violin) of a system measure."""

SEAT_COLOURS = {
    "permanent": OKABE_ITO["orange"],
    "new_permanent": OKABE_ITO["sky_blue"],
    "elected": "#777777",
}
"""Security Council seat class -> colour (none of them a doctrine's)."""
SEAT_MARKERS = {"permanent": "o", "new_permanent": "s", "elected": "^"}

ASSUMPTION_STYLES = {
    "with_majority": {"color": "#000000", "edgecolor": "#000000"},
    "by_alignment": {"color": "#888888", "edgecolor": "#888888"},
    "all_yes": {"color": "#FFFFFF", "edgecolor": "#000000", "hatch": "////"},
}
"""Assumption A, B, C of the veto record -> bar style (C, an upper bound, is hatched)."""

PAGE_WIDTH = 7.0
"""Width of a figure, inches: the text width of a two-column journal page."""
DPI = 300
"""Resolution of the PNG, dots per inch (journals ask for 300 or more)."""
FORMATS = (".png", ".svg", ".pdf")
"""Every figure is written in these three formats."""

RC = {
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.03,
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 1.0,
    "lines.markersize": 4,
    "errorbar.capsize": 2,
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "svg.hashsalt": "collsec",
}
"""Matplotlib settings of every figure (see the module docstring); :func:`paper` adds the
Okabe-Ito colour cycle."""


@contextlib.contextmanager
def paper() -> Iterator[None]:
    """Draw inside this context to get collsec's figure style (non-interactive backend)."""
    import matplotlib

    matplotlib.use("Agg")
    from cycler import cycler

    rc = dict(RC, **{"axes.prop_cycle": cycler(color=list(OKABE_ITO.values()))})
    with matplotlib.rc_context(rc):
        yield


def twins(path: Path) -> list[Path]:
    """The files :func:`save` writes for ``path``: the same name in every format of FORMATS.

    ``path`` must end in .png, .svg or .pdf (else a clear :class:`InputError`).
    """
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise InputError(
            "--figure", str(path), "a file ending in .png, .svg or .pdf", path.suffix or "none"
        )
    if not path.parent.is_dir():
        raise InputError("--figure", str(path), "a file in an existing folder", str(path.parent))
    return [path.with_suffix(suffix) for suffix in FORMATS]


def save(fig, path: Path) -> list[Path]:
    """Write ``fig`` as PNG (300 dpi), SVG and PDF beside ``path``; close it; return the files.

    Each file is written whole or not at all (:func:`collsec.outputs.atomic_file`), and
    carries no creation date, so the same figure gives the same bytes.
    """
    import matplotlib.pyplot as plt

    from collsec.outputs import atomic_file

    files = twins(path)
    metadata = {".png": {"Software": None}, ".svg": {"Date": None}, ".pdf": {"CreationDate": None}}
    try:
        for file in files:
            with atomic_file(file) as tmp:  # each file whole or not at all
                fig.savefig(tmp, format=file.suffix[1:], metadata=metadata[file.suffix])
    finally:
        plt.close(fig)
    return files
