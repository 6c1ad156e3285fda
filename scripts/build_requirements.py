"""Print the tools an install runs with (pyproject's build requirements and pip), one a line.

`make lock` pins these beside the dependencies, so the locked install builds the package
with known versions instead of whatever is newest that day.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"

if __name__ == "__main__":
    with PYPROJECT.open("rb") as handle:
        requires = tomllib.load(handle)["build-system"]["requires"]
    print("\n".join([*requires, "pip"]))
