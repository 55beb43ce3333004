"""The overrides file: pins, splits and corrections win over extraction on
every build and are recorded as evidence; a bad file is a clean error."""

import json

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.crosswalk import ids_in_report, load_crosswalk
from kb.db import open_db
from kb.explain import explain_incident
from kb.overrides import (DEFAULT_OVERRIDES, Correction, Overrides, OverridesError, Pin, Split,
                          load_overrides)
from kb.resolve import resolve_db
from incident_support import add_report, kiro, replit


def test_the_committed_overrides_file_is_valid_and_empty():
    assert not load_overrides(DEFAULT_OVERRIDES)


@pytest.mark.parametrize("text, problem", [
    ("merge: [{from: a}]", "merge #1: missing 'into'"),
    ("pin: [{report: r, incident: i}]", "pin #1: missing 'reason'"),
    ("correct: [{incident: i, field: colour, value: x, reason: y}]", "unknown field 'colour'"),
    ("rename: []", "unknown section(s) rename"),
    ("merge: [", "not valid YAML"),
])
def test_a_malformed_overrides_file_names_the_file_and_the_entry(tmp_path, text, problem):
    path = tmp_path / "overrides.yml"
    path.write_text(text)
    with pytest.raises(OverridesError) as error:
        load_overrides(path)
    assert str(error.value).startswith(str(path)) and problem in str(error.value)


def test_kb_resolve_with_a_bad_overrides_file_is_one_line_and_exit_1(tmp_path, db_path):
    path = tmp_path / "overrides.yml"
    path.write_text("split: [{incident: x}]")
    result = CliRunner().invoke(cli, ["resolve", "--db", str(db_path), "--overrides", str(path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {path}: split #1: 'reports' must be a report or a list of them"


def test_a_correction_wins_and_is_the_evidence(db_path):
    db = open_db(db_path)
    add_report(db, "https://example.com/kiro", kiro(blamed="ai"))
    overrides = Overrides(corrections=[Correction("2025-12-amazon-kiro", "blamed", "human",
                                                  "Amazon's statement blames the employee.")])
    for _ in range(2):
        resolve_db(db, overrides)
        assert db["incidents"].get("2025-12-amazon-kiro")["blamed"] == "human"
    explanation = explain_incident(db, "2025-12-amazon-kiro")
    best = explanation["evidence"]["blamed"][0]
    assert (best["value"], best["rule"], best["confidence"]) == ("human", "override", 1.0)
    assert "blames the employee" in best["sentence"]
    assert db.execute("select count(*) from evidence where rule = 'override'").fetchone()[0] == 1
    resolve_db(db)  # the override removed: extraction's value is back
    assert db["incidents"].get("2025-12-amazon-kiro")["blamed"] == "ai"


def test_a_pin_moves_a_report_to_the_named_incident_on_every_build(db_path):
    db = open_db(db_path)
    add_report(db, "https://example.com/kiro", kiro())
    add_report(db, "/data/reports/replit-story.txt", replit())
    pins = Overrides(pins=[Pin("reports/replit-story.txt", "2025-12-amazon-kiro",
                               "The article is really about Kiro.")])
    for _ in range(2):
        resolve_db(db, pins)
        assert [r["id"] for r in db.query("select id from incidents where status = 'active'")] == [
            "2025-12-amazon-kiro"]
        assert db["incidents"].get("2025-12-amazon-kiro")["report_count"] == 2
    evidence = next(db["evidence"].rows_where("rule = 'override'"))
    assert (evidence["field"], evidence["value"]) == ("incident", "2025-12-amazon-kiro")
    assert resolve_db(db, Overrides(pins=[Pin("nowhere.txt", "2025-12-amazon-kiro", "x")]))[
        "warnings"] == ["pin to 2025-12-amazon-kiro: no report 'nowhere.txt' in the knowledge base"]


def test_a_split_gives_the_named_reports_their_own_incident_and_logs_it(db_path):
    db = open_db(db_path)
    add_report(db, "https://example.com/a", kiro(),
               text="Cost Explorer was down for thirteen hours after the agent recreated it.")
    add_report(db, "https://example.com/b", kiro(),
               text="Amazon blamed the user: Cost Explorer outage, thirteen hours, agent at fault?")
    resolve_db(db)
    assert db["incidents"].get("2025-12-amazon-kiro")["report_count"] == 2
    split = Overrides(splits=[Split("2025-12-amazon-kiro", ("https://example.com/b",),
                                    "B describes a second outage.", "2025-12-amazon-kiro-b")])
    for _ in range(2):
        resolve_db(db, split)
        counts = {r["id"]: r["report_count"] for r in db["incidents"].rows}
        assert counts == {"2025-12-amazon-kiro": 1, "2025-12-amazon-kiro-b": 1}
    log = [(e["kind"], json.loads(e["to_ids"])) for e in db["incident_merges"].rows]
    assert log == [("split", ["2025-12-amazon-kiro", "2025-12-amazon-kiro-b"])]


def test_crosswalk_ids_come_from_report_links_and_the_curated_file(tmp_path, db_path):
    text = ("See [Incident 1152](https://incidentdatabase.ai/cite/1152/) and "
            "https://oecd.ai/en/incidents/2026-04-27-6153 for more.")
    assert list(ids_in_report(text, json.dumps({"aiid_incident": 1152}))) == [
        ("AIID", "1152", "https://incidentdatabase.ai/cite/1152/"),
        ("OECD AIM", "2026-04-27-6153", "https://oecd.ai/en/incidents/2026-04-27-6153")]
    mapping = tmp_path / "crosswalk.yml"
    mapping.write_text("- {incident: 2025-07-replit-replit-agent, database: OECD AIM, "
                       "external_id: 2025-07-23-1a2b, url: https://oecd.ai/en/incidents/x}\n")
    db = open_db(db_path)
    add_report(db, "https://example.com/replit", replit(), text="Replit Agent: " + text)
    resolve_db(db, crosswalk=load_crosswalk(mapping))
    rows = {(r["database"], r["external_id"], r["origin"]) for r in db["incident_crosswalk"].rows}
    assert rows == {("AIID", "1152", "report:1"), ("OECD AIM", "2026-04-27-6153", "report:1"),
                    ("OECD AIM", "2025-07-23-1a2b", "curated")}
    bad = tmp_path / "bad.yml"
    bad.write_text("- {incident: x, database: Wikipedia, external_id: 1}\n")
    with pytest.raises(ValueError, match="bad.yml: entry #1: 'database' must be one of"):
        load_crosswalk(bad)
