"""Merging incidents keeps the old id working: a redirect in Datasette and in
`kb explain`, a merge log entry, and the same ids on every rebuild."""

import asyncio
import json

from click.testing import CliRunner

from kb.cli import cli
from kb.db import open_db
from kb.overrides import Merge, Overrides
from kb.resolve import resolve_db
from kb.serve import make_datasette
from incident_support import add_report, kiro

MERGE = Overrides(merges=[Merge(("2025-12-amazon-kiro-2",), "2025-12-amazon-kiro",
                                "Both tell the December 2025 Cost Explorer outage.")])


def two_kiro_incidents(db_path):
    """Two Kiro incidents of one month whose reports share no words (so they stay apart)."""
    db = open_db(db_path)
    add_report(db, "https://example.com/outage", kiro(),
               text="Cost Explorer was down for thirteen hours in one region.")
    add_report(db, "https://example.com/environment", kiro(action_type="delete_data"),
               text="An engineer let the assistant recreate the environment from scratch.")
    resolve_db(db)
    assert sorted(r["id"] for r in db["incidents"].rows) == [
        "2025-12-amazon-kiro", "2025-12-amazon-kiro-2"]
    return db


def get(datasette, path, **options):
    async def fetch():
        await datasette.invoke_startup()
        return await datasette.client.get(path, **options)

    return asyncio.run(fetch())


def test_a_merged_incident_redirects_in_datasette_and_in_explain(db_path):
    db = two_kiro_incidents(db_path)
    counts = resolve_db(db, MERGE)
    assert counts["incidents"] == 1 and counts["merged"] == 1
    assert [r["id"] for r in db["incidents"].rows] == ["2025-12-amazon-kiro"]
    assert db["incidents"].get("2025-12-amazon-kiro")["report_count"] == 2
    redirect = db["incident_redirects"].get("2025-12-amazon-kiro-2")
    assert redirect["new_id"] == "2025-12-amazon-kiro" and "Cost Explorer" in redirect["reason"]
    log = list(db["incident_merges"].rows)
    assert [(e["kind"], json.loads(e["from_ids"]), json.loads(e["to_ids"]), e["origin"])
            for e in log] == [("merge", ["2025-12-amazon-kiro-2"], ["2025-12-amazon-kiro"],
                               "override")]

    datasette = make_datasette(db_path)
    page = get(datasette, "/kb/incidents/2025-12-amazon-kiro-2")
    assert page.status_code == 302
    assert page.headers["location"] == "/kb/incidents/2025-12-amazon-kiro"
    row = get(datasette, "/kb/incidents/2025-12-amazon-kiro-2.json?_shape=array",
              follow_redirects=True)
    assert row.status_code == 200 and row.json()[0]["id"] == "2025-12-amazon-kiro"
    assert get(datasette, "/kb/incidents/2030-01-nobody").status_code == 404

    explained = CliRunner().invoke(cli, ["explain", "2025-12-amazon-kiro-2", "--db", str(db_path)])
    assert explained.exit_code == 0, explained.output
    first_line = explained.output.splitlines()[0]
    assert first_line.startswith("2025-12-amazon-kiro-2 was merged into 2025-12-amazon-kiro")
    assert "\n2025-12-amazon-kiro: " in explained.output
    as_json = CliRunner().invoke(cli, ["explain", "2025-12-amazon-kiro-2", "--json",
                                       "--db", str(db_path)])
    assert json.loads(as_json.output)["id"] == "2025-12-amazon-kiro"


def test_rebuilding_after_a_merge_changes_no_id_and_logs_nothing_new(db_path):
    db = two_kiro_incidents(db_path)
    resolve_db(db, MERGE)
    before = sorted((r["id"], r["status"]) for r in db["incidents"].rows)
    again = resolve_db(db, MERGE)
    assert again["new"] == 0 and again["merged"] == 0
    assert sorted((r["id"], r["status"]) for r in db["incidents"].rows) == before
    assert db["incident_merges"].count == 1
    assert db["incident_redirects"].count == 1


def test_an_automatic_merge_redirects_the_id_that_lost_its_reports(db_path):
    db = two_kiro_incidents(db_path)
    # A third report shows the two stories are one: it shares words with both.
    add_report(db, "https://example.com/both", kiro(),
               text=("Cost Explorer was down for thirteen hours in one region after an engineer "
                     "let the assistant recreate the environment from scratch."))
    counts = resolve_db(db)
    assert counts["incidents"] == 1 and counts["merged"] == 1
    redirect = next(db["incident_redirects"].rows)
    assert redirect["new_id"] == next(db["incidents"].rows)["id"]
    assert redirect["reason"].startswith("automatic")
    entry = next(db["incident_merges"].rows)
    assert (entry["kind"], entry["origin"]) == ("merge", "automatic")
    assert resolve_db(db)["new"] == 0


def test_kb_merge_records_the_merge_and_kb_resolve_applies_it(db_path, tmp_path):
    two_kiro_incidents(db_path)
    overrides = tmp_path / "overrides.yml"
    overrides.write_text("# maintainers' overrides\nmerge: []\n")
    runner = CliRunner()
    recorded = runner.invoke(cli, ["merge", "2025-12-amazon-kiro-2", "--into",
                                   "2025-12-amazon-kiro", "--reason", "one outage",
                                   "--overrides", str(overrides)])
    assert recorded.exit_code == 0, recorded.output
    assert overrides.read_text().startswith("# maintainers' overrides\n")
    resolved = runner.invoke(cli, ["resolve", "--db", str(db_path), "--overrides", str(overrides)])
    assert resolved.exit_code == 0, resolved.output
    assert "1 incidents (0 new, 0 retired, 1 merged)" in resolved.output
    db = open_db(db_path)
    assert db["incident_redirects"].get("2025-12-amazon-kiro-2")["reason"] == "one outage"
    again = runner.invoke(cli, ["merge", "2025-12-amazon-kiro", "--into", "2025-12-amazon-kiro",
                                "--reason", "x", "--overrides", str(overrides)])
    assert again.exit_code == 1 and "cannot merge an incident into itself" in again.output
