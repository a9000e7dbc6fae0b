"""Validation: how true to history the crisis engine is, measured out of sample.

:mod:`.records` (what happened), :mod:`.corpus` (scenario + record pairs and the train/test
split), :mod:`.score` (accuracy at three levels beside baselines), :mod:`.fit` (the fitted
parameters), :mod:`.icb` (the ICB tier). The engine never imports this package.
"""
