"""Experiments: the classic comparison of security systems over many replicates (`classic`),
and the tipping points of one crisis, how far each fitted value must move to change it
(`tipping`).
"""
