"""The scoring rules of annotation.md, on small hand-made records."""

import json

import pytest

from kb.evaluate import GoldError, field_correct, load_gold, score, token_f1


def record(doc, relevant, *incidents):
    return {"doc": doc, "relevant": relevant, "incidents": list(incidents)}


def incident(key, **fields):
    blast = {k: fields.pop(k, None) for k in ("outage_hours", "systems", "region",
                                              "records_lost", "people_affected", "cost_usd")}
    return {"key": key, "primary": fields.pop("primary", True), "blast_radius": blast, **fields}


def test_relevance_and_grouping_scores():
    gold = [record("a", True, incident("k1", agent="Kiro")),
            record("b", True, incident("k1", agent="Kiro")),
            record("c", True, incident("k2", agent="Cursor")),
            record("d", False)]
    predicted = [record("a", True, incident("x", agent="Kiro")),
                 record("b", True, incident("x", agent="Kiro")),
                 record("c", True, incident("x", agent="Cursor")),
                 record("d", True)]
    scores = score(gold, predicted)
    assert (scores.relevance.tp, scores.relevance.fp, scores.relevance.fn) == (3, 1, 0)
    assert scores.relevance.f1 == pytest.approx(6 / 7)
    # gold pairs: (a,b); predicted pairs: (a,b), (a,c), (b,c)
    assert scores.grouping.precision == pytest.approx(1 / 3)
    assert scores.grouping.recall == 1.0


def test_fields_are_matched_by_agent_then_scored_by_their_rule():
    gold = [record("a", True,
                   incident("k", agent="Kiro", vendor="Amazon", outage_hours=13,
                            systems=["AWS Cost Explorer"], occurred="2025-12",
                            action="deleted and recreated the environment", region=None),
                   incident("m", primary=False, agent="Replit Agent", vendor="Replit"))]
    predicted = [record("a", True,
                        incident("x", primary=False, agent="replit agent", vendor="Google"),
                        incident("y", agent="Kiro", vendor="amazon", outage_hours=12,
                                 systems=["aws cost explorer", "S3"], occurred="2025-12-15",
                                 action="decided to delete and recreate the environment",
                                 region="China"))]
    scores = score(gold, predicted)
    assert scores.fields["agent"] == [2, 2]
    assert scores.fields["vendor"] == [1, 2]
    assert scores.fields["outage_hours"] == [1, 1]
    assert scores.fields["systems"] == [1, 1]
    assert scores.fields["occurred"] == [1, 1]
    assert scores.fields["action"] == [1, 1]
    assert scores.fields["region"] == [0, 0]  # null in gold: not scored


def test_unmatched_gold_incident_is_wrong_in_every_field():
    gold = [record("a", True, incident("k", agent="Devin", vendor="Cognition", blamed="none"))]
    scores = score(gold, [record("a", False)])
    assert scores.fields["agent"] == [0, 1]
    assert scores.fields["blamed"] == [0, 1]


def test_field_rules():
    assert field_correct("outage_hours", 48, 44)
    assert not field_correct("outage_hours", 48, 30)
    assert field_correct("occurred", "2023-05", "2023")
    assert not field_correct("occurred", "2023-06", "2023-05")
    assert token_f1("the production database", "production database") >= 0.5


def test_bad_gold_line_is_named(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "a", "relevant": True}) + "\n{not json\n")
    with pytest.raises(GoldError, match=r"gold.jsonl:2: not JSON"):
        load_gold(gold)
