"""bench/load_bench.py, tiny: 200 projects, 10 connections, 5 seconds (only where wrk is)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_tiny_load_run_reports_every_kind_without_errors(tmp_path):
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "bench/load_bench.py", "200", "--seconds", "5", "--connections", "10",
         "--warmup", "1", "--workers", "2", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text())
    figures = report["figures"]
    assert report["projects"] == 200
    assert set(figures) == {"search", "project", "api", "export", "overall"}
    kinds = [figures[kind] for kind in ("search", "project", "api", "export")]
    assert sum(kind["connections"] for kind in kinds) == 10
    assert figures["overall"]["requests"] == sum(kind["requests"] for kind in kinds)
    for kind in figures.values():
        assert kind["requests"] > 0
        assert kind["socket_errors"] == 0 and kind["bad_status"] == 0
        assert 0 < kind["p50_ms"] <= kind["p95_ms"] <= kind["p99_ms"]
    for kind in ("search", "overall"):
        assert f"\n{kind} " in result.stdout


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_tiny_popular_run_asks_by_popularity_with_conditional_requests(tmp_path):
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "bench/load_bench.py", "200", "--seconds", "4", "--connections", "10",
         "--warmup", "1", "--workers", "2", "--mix", "popular", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text())
    overall = report["figures"]["overall"]
    assert report["mix"] == "popular" and set(report["figures"]) == {"overall"}
    assert overall["requests"] > 0 and overall["urls"] > 200
    assert overall["socket_errors"] == 0 and overall["bad_status"] == 0
