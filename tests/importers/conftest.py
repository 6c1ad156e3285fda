"""Hypothesis profiles for the reader and extractor fuzz tests (tests/importers/test_fuzz.py).

``fuzz-ci`` (the default) runs a few hundred fixed cases; ``fuzz-long`` scales every fuzz test
up thirty-fold to more than 10,000 fresh random cases (scripts/fuzz.py, or
``KP_FUZZ_PROFILE=fuzz-long pytest tests/importers/test_fuzz.py``).
"""
from __future__ import annotations

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # the tests enforce their own per-document time limit
    "database": None,  # nothing written beside the clone
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                              HealthCheck.large_base_example],
}
settings.register_profile("fuzz-ci", derandomize=True, **_COMMON)
settings.register_profile("fuzz-long", **_COMMON)
# Examples per test are the tests' own CI counts times this factor.
SCALE = {"fuzz-ci": 1, "fuzz-long": 30}
