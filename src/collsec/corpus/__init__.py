"""The built-in corpus of crises (data only; no code).

``facts/NAME.yaml``: the hand layer of each case (the threat and the facts no data set gives,
each with its reason); ``scenarios/NAME.yaml``: the full scenario, drafted from the public data
and the facts by ``collsec scenario build`` (never edited by hand); ``records/NAME.yaml``: what
happened (response, result, recorded votes), read only by validation. See docs/validation.md.
"""
