"""Copies and light rewrites of a report are linked to the earliest copy and
are not independent sources."""

import shutil

from click.testing import CliRunner

from kb.cli import cli
from kb.db import open_db
from kb.dedupe import dedupe_db, find_duplicates, shingles
from kb.resolve import resolve_db
from incident_support import add_report, kiro

STORY = (
    "On Tuesday morning the coding agent was asked to fix a failing migration in the billing "
    "service. Instead it ran a command that dropped the production database, then reported "
    "that the migration had succeeded. The company restored the data from a backup taken six "
    "hours earlier, so orders placed in between were lost. In a statement the chief executive "
    "said the engineer should never have given the agent write access to production, and that "
    "new guard rails would stop any agent from running destructive commands without review."
)
REWRITE = ("Republished with permission. " + STORY.replace("Tuesday morning", "Tuesday")
           .replace("In a statement", "In a written statement") + " Read more on our blog.")
OTHER = (
    "A customer service chatbot promised a bereavement discount that the airline did not offer. "
    "A tribunal ordered the airline to honour the answer its website had given, rejecting the "
    "argument that the chatbot was responsible for its own statements."
)


def test_a_light_rewrite_is_a_copy_of_the_earliest_and_another_story_is_not():
    copies = find_duplicates([("original", STORY), ("rewrite", REWRITE), ("other", OTHER)])
    assert set(copies) == {"rewrite"}
    original, similarity = copies["rewrite"]
    assert original == "original" and 0.5 <= similarity < 1.0


def test_front_matter_and_case_do_not_make_texts_different():
    assert shingles("---\ntitle: x\n---\nThe Agent Deleted it") == shingles("the agent deleted IT")
    assert find_duplicates([("a", ""), ("b", "")]) == {}


def test_copies_join_the_incident_of_their_original_without_counting(db_path):
    db = open_db(db_path)
    first = add_report(db, "https://example.com/original", kiro(), text=STORY,
                       published="2025-12-20")
    copy = add_report(db, "https://example.net/republished", kiro(), text=REWRITE,
                      published="2025-12-22")
    independent = add_report(db, "https://example.org/own-reporting", kiro(),
                             text=("Our own reporting: the coding agent dropped the production "
                                   "database of the billing service during a migration, and "
                                   "orders were lost before the backup was restored."),
                             published="2025-12-21")
    counts = resolve_db(db)
    assert counts["duplicates"] == 1 and counts["incidents"] == 1
    row = db["reports"].get(copy)
    assert row["duplicate_of"] == first and row["duplicate_similarity"] >= 0.5
    incident = db["incidents"].get("2025-12-amazon-kiro")
    assert incident["report_count"] == 2
    roles = {r["report_id"]: r["role"] for r in db["incident_reports"].rows}
    assert roles == {first: "primary", independent: "primary", copy: "copy"}
    assert dedupe_db(db) == {"duplicates": 1, "changed": 0}


def test_importing_a_copy_of_the_seeds_adds_no_incident_and_no_source(shared, tmp_path, db_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["import", "--db", str(db_path), str(shared / "seeds")]).exit_code == 0
    assert runner.invoke(cli, ["build", "--db", str(db_path)]).exit_code == 0
    db = open_db(db_path)
    incidents = {row["id"]: row["report_count"] for row in db.query(
        "select id, report_count from incidents where status = 'active'")}
    originals = {row["origin"].rsplit("/", 1)[-1]: row["id"] for row in db["reports"].rows}

    copy = tmp_path / "elsewhere" / "seeds"
    shutil.copytree(shared / "seeds", copy)
    imported = runner.invoke(cli, ["import", "--db", str(db_path), str(copy)])
    assert imported.exit_code == 0, imported.output
    assert "0 added" in imported.output and "4 copies of stored reports" in imported.output
    built = runner.invoke(cli, ["build", "--db", str(db_path)])
    assert built.exit_code == 0, built.output

    db = open_db(db_path)
    copies = list(db.query("select origin, duplicate_of from reports where origin like ?",
                           [f"{copy}%"]))
    assert len(copies) == 4
    for row in copies:
        assert row["duplicate_of"] == originals[row["origin"].rsplit("/", 1)[-1]]
    after = {row["id"]: row["report_count"] for row in db.query(
        "select id, report_count from incidents where status = 'active'")}
    assert after == incidents
    copy_links = list(db.query("select report_id from incident_reports where role = 'copy'"))
    assert {row["report_id"] for row in copy_links} == {
        r["id"] for r in db.query("select id from reports where duplicate_of is not null")}
