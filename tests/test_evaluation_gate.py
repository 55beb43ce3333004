"""The evaluation gate: scores may not fall below the floors pinned for each gold set
(kb evaluate --gate):

- tests/evaluation_floors.json: ../shared/gold/dev.jsonl (full case studies; the rules were
  developed on it);
- tests/evaluation_floors_<set>.json for each set of FIXTURE_SETS: the hand-written short
  reports in tests/fixtures/ (news, blog and forum pages cut to ~2,000 characters, like the
  hidden test set). Each was scored once, blind, before rules were written against it.

Raising a floor is a deliberate commit; lowering one needs a reason in the commit.
"""

import json
from pathlib import Path

import pytest

from click.testing import CliRunner

from kb.cli import cli
from kb.evaluate import Scores, check_gate
from conftest import SHARED

FLOORS = Path(__file__).resolve().parent / "evaluation_floors.json"
GOLD = SHARED / "gold" / "dev.jsonl"


REPO = Path(__file__).resolve().parents[1]
FIXTURE_SETS = ["extra", "heldout", "final", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9",
                "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17",
                "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24",
                "blind25", "blind26", "blind27"]


def test_dev_scores_meet_the_pinned_floors():
    result = CliRunner().invoke(cli, ["evaluate", str(GOLD), "--gate", str(FLOORS)])
    assert result.exit_code == 0, result.output
    assert "gate: every score is at or above its floor" in result.output


@pytest.mark.parametrize("name", FIXTURE_SETS)
def test_short_report_scores_meet_the_pinned_floors(name):
    gold = REPO / "tests" / "fixtures" / name / "gold.jsonl"
    floors = REPO / "tests" / f"evaluation_floors_{name}.json"
    result = CliRunner().invoke(cli, ["evaluate", str(gold), "--root", str(REPO),
                                      "--gate", str(floors)])
    assert result.exit_code == 0, result.output
    assert "gate: every score is at or above its floor" in result.output


def test_the_gate_fails_below_a_floor_and_on_another_gold_file(tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"gold_sha256": "0" * 64, "floors": {"agent": 0.5}}))
    scores = Scores()
    scores.fields["agent"] = [1, 4]
    failures = check_gate(scores, floors, GOLD)
    assert any("changed since the floors were pinned" in line for line in failures)
    assert "agent: 0.250 is below its floor 0.5" in failures


def test_floors_cover_the_baseline_metrics():
    floors = json.loads(FLOORS.read_text())["floors"]
    assert {"relevance_f1", "grouping_f1", "agent", "vendor", "action_type", "blamed"} <= set(floors)
