"""Helpers shared by the benchmark scripts in ``bench/`` (not part of the tandau package)."""
