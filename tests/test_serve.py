"""Datasette over the knowledge base: metadata, facets, search, canned queries."""

import asyncio

import pytest
import yaml

from kb.db import open_db
from kb.extract import store_analysis
from kb.nlp.types import DocumentAnalysis, Evidence, Mention, Statement
from kb.resolve import resolve_db
from kb.serve import DEFAULT_METADATA, make_datasette

TEXT = ("An AI coding agent deleted and recreated an environment. "
        "The outage hit Cost Explorer for 13 hours. The company called it user error.")


@pytest.fixture
def datasette(db_path):
    db = open_db(db_path)
    db["reports"].insert({"origin": "/tmp/a.txt", "title": "Agent recreates environment",
                          "text": TEXT, "content_hash": "h1", "published": "2026-02-20"})
    sentence = "The outage hit Cost Explorer for 13 hours."
    start = TEXT.index(sentence)
    mention = Mention(
        primary=True, agent="Kiro", vendor="Amazon", action_type="destroy_infrastructure",
        action="deleted and recreated an environment", outage_hours=13,
        systems=["AWS Cost Explorer"], blamed="human", blame_statement="user error",
        occurred="2025-12",
        evidence=[Evidence("outage_hours", 13, sentence, start, start + len(sentence))],
        statements=[Statement("Amazon", "human", "user error", 0, 10)],
    )
    with db.conn:
        store_analysis(db, {"id": 1, "published": "2026-02-20"},
                       DocumentAnalysis(relevant=True, relevance=0.9, language="en",
                                        mentions=[mention]))
    resolve_db(db)
    return make_datasette(db_path)




def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def test_incidents_table_has_its_default_facets(datasette):
    response = get(datasette, "/kb/incidents.json?_extra=facet_results")
    assert response.status_code == 200
    facets = response.json()["facet_results"]
    facets = facets.get("results", facets)
    assert {"vendor", "agent", "action_type", "blamed"} <= set(facets)


def test_search_for_cost_explorer_finds_the_incident(datasette):
    response = get(datasette, "/kb/incidents.json?_search=Cost+Explorer&_shape=array")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == ["2025-12-amazon-kiro"]


def test_canned_queries_answer(datasette):
    rows = get(datasette, "/kb/blamed_a_human.json?_shape=array").json()
    assert [row["id"] for row in rows] == ["2025-12-amazon-kiro"]
    rows = get(datasette, "/kb/reports_for_incident.json?incident_id=2025-12-amazon-kiro&_shape=array").json()
    assert [row["title"] for row in rows] == ["Agent recreates environment"]
    rows = get(datasette, "/kb/incidents_by_vendor.json?vendor=Amazon&_shape=array").json()
    assert len(rows) == 1


def test_every_table_and_every_incident_column_is_described(db_path):
    db = open_db(db_path)
    tables = yaml.safe_load(DEFAULT_METADATA.read_text())["databases"]["kb"]["tables"]
    for name in db.table_names():
        if name.startswith("_") or "_fts" in name:
            continue
        assert tables.get(name, {}).get("description"), f"table {name} has no description"
        for column in db[name].columns_dict:
            assert column in tables[name].get("columns", {}), f"{name}.{column} has no description"
    for view in db.view_names():
        assert tables.get(view, {}).get("description"), f"view {view} has no description"
