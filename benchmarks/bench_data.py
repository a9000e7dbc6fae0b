"""How long the data readers take: the first load of each, then everything a scenario draft
needs for every crisis of the ICB development part (336 crises, 1918-2017).

    python benchmarks/bench_data.py [--data-dir DIR]

For each crisis with a date (all but one), on its trigger date: every COW state of the date,
their CINC, the Security Council, the full members of the key organisations and the
organisations of the crisis actors, every state's affinity with each crisis actor, the ATOP
pledges among the states, the aggressor's trade shares and every state's dependence on it,
ideal points, and great-power and nuclear status. The aggressor is ICB's triggering state,
else the first crisis actor. Prints one table: the first loads, then the time per step summed
over all crises.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from collsec.data import agreement, atop, cow, icb, igo, powers, trade, unga, unsc
from collsec.errors import CollsecError


def _first_loads(data_dir: Path) -> list[tuple[str, float]]:
    from datetime import date

    day = date(1990, 8, 2)
    steps = [
        ("COW states and NMC", lambda: cow.capabilities_on(day, ["USA"], data_dir)),
        ("ICB crises (icb1, icb2, labels)", lambda: icb.crises(data_dir=data_dir)),
        ("Security Council membership", lambda: unsc.council_on(day, data_dir)),
        ("Security Council votes", lambda: unsc.council_votes("S/2011/612", data_dir)),
        ("IGO key organisations", lambda: igo.members_on("UN", day, data_dir)),
        ("IGO all organisations (long file)", lambda: igo.members("ICCSLT", 1900, data_dir)),
        ("ATOP pledges", lambda: atop.pledges(1989, data_dir=data_dir)),
        ("COW trade", lambda: trade.trade_shares("IRQ", 1989, data_dir=data_dir)),
        ("UNGA ideal points and roll calls", lambda: unga.measured_session(day, data_dir)),
        (
            "UNGA agreement and the map",
            lambda: agreement.affinity(["USA"], ["IRQ"], day, data_dir=data_dir),
        ),
        ("UNGA votes member by member", lambda: unga.assembly_votes(3000, data_dir)),
        ("powers tables", lambda: powers.nuclear("USA", day)),
    ]
    out = []
    for name, step in steps:
        start = time.perf_counter()
        step()
        out.append((name, time.perf_counter() - start))
    return out


def _draft(crisis: icb.Crisis, data_dir: Path, clock: dict[str, float]) -> None:
    day = crisis.trigger_date
    parties = [p for p in dict.fromkeys([crisis.trigger_entity, *crisis.actor_codes]) if p]
    aggressor = parties[0]

    def timed(name, fn):
        start = time.perf_counter()
        try:
            return fn()
        finally:
            clock[name] += time.perf_counter() - start

    states = timed("states of the date", lambda: cow.states_on(day, data_dir))
    parties = [p for p in parties if p in states] or states[:1]
    timed("CINC", lambda: cow.capabilities_on(day, states, data_dir))
    timed("Security Council", lambda: unsc.council_on(day, data_dir))
    timed(
        "key organisations' members",
        lambda: [igo.members_on(org, day, data_dir) for org in igo.KEY_ORGANISATIONS],
    )
    year = igo.membership_year("UN", day)[0]
    timed(
        "organisations of the actors",
        lambda: igo.organisations_of(parties, year, data_dir=data_dir),
    )
    timed(
        "affinity with each actor",
        lambda: agreement.affinity(states, parties, day, data_dir=data_dir),
    )
    timed("ideal points", lambda: unga.ideal_points_before(day, states, data_dir))
    timed("ATOP pledges", lambda: atop.pledges_before(day, states, data_dir))
    trade_year = trade.trade_year(day).year
    timed(
        "aggressor's trade shares",
        lambda: trade.trade_shares(aggressor, trade_year, data_dir=data_dir),
    )
    timed(
        "dependence on the aggressor",
        lambda: trade.dependence(states, aggressor, trade_year, data_dir=data_dir),
    )
    timed(
        "great-power and nuclear status",
        lambda: [(powers.major_power(c, day), powers.nuclear(c, day)) for c in states],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("COLLSEC_DATA_DIR") or Path(__file__).resolve().parents[2] / (
        "shared/data"
    )
    parser.add_argument("--data-dir", type=Path, default=Path(default))
    data_dir = parser.parse_args().data_dir
    console = Console()
    loads = _first_loads(data_dir)
    clock: dict[str, float] = defaultdict(float)
    failures: list[str] = []
    crises = [c for c in icb.crises(data_dir=data_dir) if c.trigger_date is not None]
    start = time.perf_counter()
    for crisis in crises:
        try:
            _draft(crisis, data_dir, clock)
        except CollsecError as err:
            failures.append(f"{crisis.crisno} {crisis.name}: {err}")
    total = time.perf_counter() - start

    table = Table(title=f"collsec data readers ({data_dir})")
    table.add_column("step")
    table.add_column("seconds", justify="right")
    for name, seconds in loads:
        table.add_row(f"first load: {name}", f"{seconds:.2f}")
    table.add_section()
    for name, seconds in clock.items():
        table.add_row(f"{len(crises)} crises: {name}", f"{seconds:.2f}")
    table.add_section()
    table.add_row(f"all {len(crises)} crises (after the first loads)", f"{total:.2f}")
    table.add_row("first loads + all crises", f"{total + sum(s for _, s in loads):.2f}")
    console.print(table)
    skipped = len(icb.crises(data_dir=data_dir)) - len(crises)
    console.print(f"{skipped} crisis without a trigger date skipped; {len(failures)} failed")
    for line in failures:
        console.print(f"  {line}")


if __name__ == "__main__":
    main()
