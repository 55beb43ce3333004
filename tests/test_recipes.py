"""The recipes (canned queries of metadata.yml) on a database built from the real seeds."""

import asyncio
import re
import sqlite3

import pytest

from kb.serve import load_metadata, make_datasette
from serve_support import HOSTILE_AGENT

KIRO = "2025-12-amazon-kiro"
QUERIES = load_metadata()["databases"]["kb"]["queries"]


@pytest.fixture(scope="module")
def datasette(seeds_kb):
    return make_datasette(seeds_kb)


@pytest.fixture(scope="module")
def db(seeds_kb):
    conn = sqlite3.connect(seeds_kb)
    conn.row_factory = sqlite3.Row
    return conn


def rows(datasette, query, **params):
    response = asyncio.run(datasette.client.get(f"/kb/{query}.json", params={**params,
                                                                             "_shape": "array"}))
    assert response.status_code == 200, response.text
    return response.json()


def test_every_recipe_has_a_title_a_description_and_declares_its_parameters():
    for name, query in QUERIES.items():
        assert query.get("title") and query.get("description"), name
        code = re.sub(r"'[^']*'", "''", query["sql"])
        used = sorted(set(re.findall(r"(?<!:):([a-z_]+)", code)))
        assert sorted(query.get("params", [])) == used, f"{name}: params {used}"


def test_every_recipe_runs_with_and_without_its_parameters(datasette):
    for name, query in QUERIES.items():
        assert isinstance(rows(datasette, name), list), name
        filled = {param: "x" for param in query.get("params", [])}
        assert isinstance(rows(datasette, name, **filled), list), name


def test_blamed_a_human_lists_kiro_and_only_human_blame(datasette, db):
    found = rows(datasette, "blamed_a_human")
    expected = {row["id"] for row in db.execute(
        "select id from incidents where status = 'active' and blamed = 'human'")}
    assert {row["id"] for row in found} == expected
    assert KIRO in expected


def test_blame_statements_by_speaker_and_by_vendor(datasette):
    by_speaker = rows(datasette, "blame_statements", speaker="Amazon")
    assert by_speaker and all("amazon" in row["speaker"].lower() for row in by_speaker)
    by_vendor = rows(datasette, "blame_statements", vendor="Amazon")
    assert by_vendor and {row["vendor"] for row in by_vendor} == {"Amazon"}
    assert any("error" in row["quote"].lower() for row in by_vendor)
    human = rows(datasette, "blame_statements", vendor="Amazon", blamed="human")
    assert human and {row["blamed"] for row in human} == {"human"}
    assert rows(datasette, "blame_statements", vendor="No Such Vendor") == []


def test_incidents_by_vendor_agent_and_kind_of_action(datasette):
    amazon = {row["id"] for row in rows(datasette, "incidents_by_vendor", vendor="Amazon")}
    assert KIRO in amazon and all("amazon" in incident for incident in amazon)
    assert [row["id"] for row in rows(datasette, "incidents_by_agent", agent="Kiro")] == [KIRO]
    destroyed = rows(datasette, "incidents_by_action_type", action_type="destroy_infrastructure")
    assert KIRO in {row["id"] for row in destroyed}
    deleted = rows(datasette, "incidents_by_action_type", action_type="delete_data")
    assert HOSTILE_AGENT in {row["agent"] for row in deleted}


def test_agent_deletions_in_a_range_of_months(datasette):
    december = rows(datasette, "agent_deletions", start="2025-12", end="2025-12")
    assert [row["id"] for row in december] == [KIRO]
    spring = rows(datasette, "agent_deletions", start="2026-01-01", end="2026-06-30")
    assert [row["agent"] for row in spring] == [HOSTILE_AGENT]
    everything = rows(datasette, "agent_deletions")
    assert {KIRO} < {row["id"] for row in everything}
    assert {row["action_type"] for row in everything} <= {"delete_data", "destroy_infrastructure"}


def test_incidents_since_a_date(datasette, db):
    active = {row[0] for row in db.execute("select id from incidents where status = 'active'")}
    since_long_ago = rows(datasette, "incidents_since", since="2000-01-01")
    assert {row["id"] for row in since_long_ago} == active
    assert {row["change"] for row in since_long_ago} == {"new"}
    assert rows(datasette, "incidents_since", since="2999-01-01") == []


def test_reports_for_an_incident_in_publication_order(datasette, db):
    timeline = rows(datasette, "reports_for_incident", incident_id=KIRO)
    linked = db.execute("select count(*) from incident_reports where incident_id = ?",
                        [KIRO]).fetchone()[0]
    assert len(timeline) == linked >= 4
    keys = [(row["published"] or "", row["report_id"]) for row in timeline]
    assert keys == sorted(keys)


def test_failure_pattern_counts_add_up(datasette, db):
    patterns = rows(datasette, "failure_pattern_counts")
    active = db.execute("select count(*) from incidents where status = 'active'").fetchone()[0]
    assert sum(row["incidents"] for row in patterns) == active
    assert {"action_type": "destroy_infrastructure", "blamed": "human", "incidents": 1} in patterns


def test_search_ranks_and_highlights(datasette):
    found = rows(datasette, "search", q="Cost Explorer")
    assert KIRO in {row["id"] for row in found if row["kind"] == "incident"}
    assert all("<mark>" in row["snippet"] for row in found)
    assert rows(datasette, "search", q='"unbalanced (quote') == []
    assert rows(datasette, "search", q="") == []


def test_evidence_for_an_incident(datasette):
    blamed = rows(datasette, "evidence_for_incident", incident_id=KIRO, field="blamed")
    assert blamed and {row["field"] for row in blamed} == {"blamed"}
    assert any("error" in row["sentence"].lower() for row in blamed)


def test_recipes_as_csv(datasette):
    response = asyncio.run(datasette.client.get("/kb/incidents_by_agent.csv?agent=Kiro"))
    assert response.status_code == 200
    assert response.text.splitlines()[0].startswith("id,title,vendor")
    assert KIRO in response.text
