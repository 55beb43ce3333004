"""End to end on the real documents in ../shared: import, build, incidents, re-runs."""

import json

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.db import open_db
from conftest import SHARED


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("build") / "kb.db"
    runner = CliRunner()
    folders = [SHARED / "seeds", SHARED / "corpus" / "agent-failures",
               SHARED / "corpus" / "agent-incident-log"]
    imported = runner.invoke(cli, ["import", "--db", str(db_path), *map(str, folders)])
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(cli, ["build", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


def incident_reports(db, incident_id):
    return {row["origin"].rsplit("/", 1)[-1] for row in db.query(
        "select reports.origin from incident_reports join reports on reports.id = report_id "
        "where incident_id = ?", [incident_id])}


def test_one_kiro_incident_holding_all_four_seeds(built):
    db = open_db(built)
    kiro = list(db.query("select * from incidents where agent = 'Kiro' and status = 'active'"))
    assert len(kiro) == 1
    incident = kiro[0]
    assert incident["vendor"] == "Amazon"
    assert incident["action_type"] == "destroy_infrastructure"
    assert incident["outage_hours"] == 13
    assert incident["blamed"] == "human"
    seeds = {p.name for p in (SHARED / "seeds").iterdir()}
    assert seeds <= incident_reports(db, incident["id"])


def test_one_replit_incident_holding_every_report_about_it(built):
    db = open_db(built)
    replit = list(db.query("select * from incidents where vendor = 'Replit' and status = 'active'"))
    assert len(replit) == 1
    gold = [json.loads(line) for line in (SHARED / "gold" / "dev.jsonl").read_text().splitlines()]
    about_replit = {g["doc"].rsplit("/", 1)[-1] for g in gold
                    if any(i["key"].startswith("replit-") for i in g["incidents"])}
    assert about_replit <= incident_reports(db, replit[0]["id"])


def test_every_extracted_value_has_its_sentence(built):
    db = open_db(built)
    rows = list(db.query(
        "select evidence.*, reports.text from evidence join reports on reports.id = report_id"))
    assert rows
    for row in rows:
        assert row["text"][row["start"]:row["end"]] == row["sentence"]
    kiro_fields = {row["field"] for row in db.query(
        "select evidence.field from evidence join mentions on mentions.id = mention_id "
        "where mentions.agent = 'Kiro'")}
    assert {"agent", "vendor", "action_type", "outage_hours"} <= kiro_fields


def test_rebuilding_unchanged_input_keeps_every_incident_id(built):
    db = open_db(built)
    before = {row["id"]: row["signature"] for row in db.query(
        "select id, signature from incidents where status = 'active'")}
    runner = CliRunner()
    again = runner.invoke(cli, ["build", "--db", str(built)])
    assert again.exit_code == 0 and "extracted 0 reports" in again.output
    redo = runner.invoke(cli, ["build", "--db", str(built), "--redo"])
    assert redo.exit_code == 0, redo.output
    after = {row["id"]: row["signature"] for row in open_db(built).query(
        "select id, signature from incidents where status = 'active'")}
    assert after == before


def test_datasette_search_for_cost_explorer_finds_the_kiro_incident(built):
    import asyncio

    from kb.serve import make_datasette

    datasette = make_datasette(built)
    response = asyncio.run(datasette.client.get(
        "/kb/incidents.json?_search=Cost+Explorer&_shape=array"))
    assert response.status_code == 200
    assert any(row["agent"] == "Kiro" for row in response.json())
    page = asyncio.run(datasette.client.get("/kb/incidents"))
    for facet in ("vendor", "agent", "action_type", "blamed"):
        assert f'data-column="{facet}"' in page.text


def test_explain_shows_each_field_with_its_evidence(built):
    result = CliRunner().invoke(cli, ["explain", "--db", str(built), "--per-field", "5",
                                      "2025-12-amazon-kiro"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2025-12-amazon-kiro: ")
    blamed = result.output.split("\nblamed: ", 1)[1].split("\nblame_statement: ", 1)[0]
    assert blamed.startswith("human")
    assert "user error" in blamed.lower()


def test_explain_an_unknown_incident_is_a_clean_error(built):
    result = CliRunner().invoke(cli, ["explain", "--db", str(built), "1999-01-nobody"])
    assert result.exit_code == 1
    assert "no incident with id '1999-01-nobody'" in result.output
