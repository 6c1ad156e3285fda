"""bench/import_bench.py, tiny: three documents of each kind, extracted by two processes."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^(txt|html|pdf|docx) +(\d+\.\d) +(\d+\.\d) +\d+\.\d  (.*)$", re.M)


def test_tiny_run_prints_documents_per_second_for_every_kind():
    result = subprocess.run(
        [sys.executable, "bench/import_bench.py", "3", "--jobs", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"\d+ cores, load average \d+\.\d", result.stdout)
    rows = {kind: (float(extract), float(whole), outcome)
            for kind, extract, whole, outcome in ROW.findall(result.stdout)}
    assert set(rows) == {"txt", "html", "pdf", "docx"}, result.stdout
    for extract, whole, outcome in rows.values():
        assert extract > 0 and whole > 0
        # Every generated description is read, extracted and stored.
        assert outcome.startswith("new ") and outcome.endswith(", failed 0")


def test_unknown_kinds_are_refused():
    result = subprocess.run(
        [sys.executable, "bench/import_bench.py", "1", "--kinds", "txt,odt"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "odt" in result.stderr
