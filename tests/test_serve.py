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


# The published product on the real seeds (plus a hostile incident): tests/serve_support.py.

KIRO = "2025-12-amazon-kiro"


@pytest.fixture(scope="module")
def seeds_datasette(seeds_kb):
    return make_datasette(seeds_kb)


def incident_sections(html):
    """The incident page's text between <h2> headings, tags dropped: {heading: text}."""
    import re

    body = html.split('<section class="content">', 1)[1]
    parts = re.split(r"<h2>(.*?)</h2>", body)
    text = lambda part: " ".join(re.sub(r"<[^>]+>", " ", part).split())
    return {parts[i]: text(parts[i + 1]) for i in range(1, len(parts) - 1, 2)}


def test_kiro_incident_page_shows_fields_blast_radius_and_evidence(seeds_datasette):
    response = get(seeds_datasette, f"/kb/incidents/{KIRO}")
    assert response.status_code == 200
    sections = incident_sections(response.text)
    assert "Agent Kiro" in sections["Who and what"]
    assert "Vendor (developer) Amazon" in sections["Who and what"]
    blast = sections["Blast radius"]
    assert "Outage (hours) 13" in blast and "AWS Cost Explorer" in blast
    assert "mainland China" in blast
    assert sections["Blame"].startswith("Blamed human")
    assert "error" in sections["Blame"].split("Company statement")[0].lower()
    assert "user" in sections["Blame"].split("Company statement")[0].lower()
    assert 'data-field="blamed"' in response.text
    assert len(sections["Reports, in publication order"].split("unknown publisher")) == 5
    assert sections["What the companies said"].count("blamed: human") >= 2


def test_evidence_links_to_its_report(seeds_datasette):
    import re

    html = get(seeds_datasette, f"/kb/incidents/{KIRO}").text
    blamed = html.split('data-field="blamed"', 1)[1].split("</blockquote>", 1)[0]
    link = re.search(r'href="(/kb/reports/\d+)"', blamed).group(1)
    assert get(seeds_datasette, link).status_code == 200


def test_an_unknown_incident_is_a_404(seeds_datasette):
    assert get(seeds_datasette, "/kb/incidents/1999-01-nobody").status_code == 404


def test_scraped_markup_is_escaped_on_incident_and_search_pages(seeds_datasette, seeds_kb):
    from serve_support import HOSTILE_AGENT, UNESCAPED

    db = open_db(seeds_kb)
    incident_id = db.execute("select id from incidents where agent = ?",
                             [HOSTILE_AGENT]).fetchone()[0]
    page = get(seeds_datasette, f"/kb/incidents/{incident_id}").text
    assert UNESCAPED not in page
    assert "&lt;script&gt;alert(&#34;evidence&#34;)" in page
    assert "&lt;script&gt;alert(&#34;title&#34;)" in page  # the report's title
    for path in ("/kb/search?q=EvilBot", "/kb/search?q=staging", "/kb/incidents?_search=EvilBot",
                 "/kb/reports?_search=EvilBot", "/-/search?q=EvilBot"):
        response = get(seeds_datasette, path)
        assert response.status_code == 200, path
        assert UNESCAPED not in response.text, path
    search = get(seeds_datasette, "/kb/search?q=staging").text
    assert "<mark>staging</mark>" in search and "&lt;script&gt;" in search


def test_duplicates_fold_under_their_original(seeds_kb, tmp_path):
    """With migration 0005's reports.duplicate_of, copies are listed under the original."""
    import sqlite3

    path = tmp_path / "kb.db"
    with sqlite3.connect(seeds_kb) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    db = open_db(path)
    if "duplicate_of" not in db["reports"].columns_dict:
        db["reports"].add_column("duplicate_of", int)
    ids = [row[0] for row in db.execute(
        "select report_id from incident_reports where incident_id = ? order by report_id", [KIRO])]
    db["reports"].update(ids[-1], {"duplicate_of": ids[0]})
    html = get(make_datasette(path), f"/kb/incidents/{KIRO}").text
    listing = html.split('<ol class="incident-reports">', 1)[1].split("</ol>", 1)[0]
    copies = listing.split('<ul class="copies">', 1)[1].split("</ul>", 1)[0]
    assert f'/kb/reports/{ids[-1]}"' in copies
    assert listing.count("<li>") == 4  # three originals and one copy


def test_dashboard_and_search_all_pages(seeds_datasette):
    dashboard = get(seeds_datasette, "/-/dashboards/incidents")
    assert dashboard.status_code == 200
    assert "Incidents per month, by kind of action" in dashboard.text
    assert "Whom the company blamed, by vendor" in dashboard.text
    chart = get(seeds_datasette, "/-/dashboards/incidents/blame-by-vendor")
    assert chart.status_code == 200
    search_all = get(seeds_datasette, "/-/search?q=Kiro")
    assert search_all.status_code == 200 and "/kb/incidents.json" in search_all.text


def test_chart_queries_count_every_active_incident(seeds_datasette, seeds_kb):
    charts = load_metadata_plugins()["datasette-dashboards"]["incidents"]["charts"]
    sql = charts["blame-by-vendor"]["query"].replace("[[ and vendor = :vendor ]]", "")
    rows = open_db(seeds_kb).execute(sql).fetchall()
    active = open_db(seeds_kb).execute(
        "select count(*) from incidents where status = 'active'").fetchone()[0]
    assert sum(row[2] for row in rows) == active


def load_metadata_plugins():
    return yaml.safe_load(DEFAULT_METADATA.read_text())["plugins"]
