"""collsec: a laboratory for collective security."""

__version__ = "0.1.0"
