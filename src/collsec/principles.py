"""The paper's five principles of collective security, as shared vocabulary.

Both engines (the crisis engine in :mod:`collsec.crisis` and the long-run system model in
:mod:`collsec.system`) expose the principles as parameters and report on them, each in its
own terms; this module fixes their names and meanings so the two speak one language.
Source: Mithal, "Collective Security as a Means for International Security", section
"Defining Collective Security"; Claude (1962); Kupchan & Kupchan (1995).
"""

from __future__ import annotations

PRINCIPLES: dict[str, str] = {
    "universality": "all states, and enough of world power, take part",
    "commitment": "members honour their obligations (sanctions, force) when called",
    "indivisibility": "concern for aggression does not decay with distance or affinity",
    "mutual_confidence": "members expect the others to act, so none holds back",
    "distribution_of_power": "no state strong enough to defy the rest; arms kept low",
}
"""Principle code -> one-line meaning, in the paper's order."""
