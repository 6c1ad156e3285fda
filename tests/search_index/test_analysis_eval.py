"""The analysis evaluation script runs and the chosen pipeline meets its targets."""
import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load_script():
    spec = importlib.util.spec_from_file_location("analysis_eval", BENCH / "analysis_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_chosen_pipeline_meets_targets(capsys):
    script = load_script()
    groups, distractors = script.load(script.DATA)
    assert len(groups) >= 40 and sum(map(len, groups)) >= 150 and len(distractors) >= 30
    results = script.main([str(script.DATA)])
    chosen = results[script.CHOSEN]
    assert chosen.meet >= 0.95
    assert chosen.meet_folded >= 0.95
    assert chosen.collide < 0.005
    assert script.CHOSEN in capsys.readouterr().out
