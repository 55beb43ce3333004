"""A `kb build` killed with SIGKILL part-way leaves the database consistent, and the
next `kb build` completes it: the same incidents, mentions and evidence as a build
that was never interrupted."""

import os
import signal
import sqlite3
import subprocess

from click.testing import CliRunner

from conftest import SHARED
from crawl_support import wait_for
from kb.cli import cli
from kb.db import open_db
from redis_support import KB, REPO

FOLDERS = [SHARED / "seeds", SHARED / "corpus" / "agent-failures"]


def imported(db_path):
    result = CliRunner().invoke(cli, ["import", "--db", str(db_path), *map(str, FOLDERS)])
    assert result.exit_code == 0, result.output
    return db_path


def extracted_count(db_path) -> int:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        return db.execute("select count(*) from reports where extractor_version is not null").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def snapshot(db_path) -> dict:
    """What a build produced, keyed by things that do not depend on row ids."""
    db = open_db(db_path)
    by_report = {}
    for row in db.query(
            "select reports.origin, count(distinct mentions.id) as mentions, count(evidence.id) as evidence "
            "from reports left join mentions on mentions.report_id = reports.id "
            "left join evidence on evidence.mention_id = mentions.id group by reports.id"):
        by_report[row["origin"]] = (row["mentions"], row["evidence"])
    incidents = {row["id"]: row["report_count"] for row in db.query(
        "select id, report_count from incidents where status = 'active'")}
    return {"reports": by_report, "incidents": incidents,
            "statements": db["statements"].count}


def assert_consistent(db_path) -> None:
    db = sqlite3.connect(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("pragma foreign_key_check").fetchall() == []
    # A report not (yet) extracted has no extraction rows; every row has its parent.
    for table in ("mentions", "evidence", "statements"):
        orphans = db.execute(
            f"select count(*) from {table} join reports on reports.id = {table}.report_id "
            "where reports.extractor_version is null").fetchone()[0]
        assert orphans == 0, f"{table} rows of a report whose extraction was not committed"
    assert db.execute("select count(*) from evidence where mention_id is not null and mention_id "
                      "not in (select id from mentions)").fetchone()[0] == 0
    assert db.execute("select count(*) from incident_reports where report_id not in "
                      "(select id from reports)").fetchone()[0] == 0
    db.close()


def test_a_build_killed_part_way_is_consistent_and_the_next_build_completes_it(tmp_path):
    whole = imported(tmp_path / "whole.db")
    assert CliRunner().invoke(cli, ["build", "--db", str(whole)]).exit_code == 0
    expected = snapshot(whole)

    db_path = imported(tmp_path / "kb.db")
    total = open_db(db_path)["reports"].count
    build = subprocess.Popen(KB + ["build", "--db", str(db_path)], cwd=REPO,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: extracted_count(db_path) >= 5, timeout=240, step=0.02)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    done = extracted_count(db_path)
    assert 5 <= done < total, "the build was not killed part-way"
    assert_consistent(db_path)

    result = CliRunner().invoke(cli, ["build", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert f"extracted {total - done} reports" in result.output
    assert_consistent(db_path)
    assert snapshot(db_path) == expected


def test_a_unit_of_work_commits_whole_or_not_at_all(tmp_path):
    """sqlite-utils commits each insert in its own `with conn:`; inside an
    outer `with db.conn:` (how extraction and resolve group their writes)
    nothing is committed until the outer block ends."""
    db = open_db(tmp_path / "kb.db")
    db["notes"].create({"id": int, "text": str}, pk="id")
    try:
        with db.conn:
            db["notes"].insert({"id": 1, "text": "first half"})
            db["notes"].insert_all([{"id": 2, "text": "second half"}])
            other = sqlite3.connect(tmp_path / "kb.db")
            assert other.execute("select count(*) from notes").fetchone()[0] == 0
            other.close()
            raise RuntimeError("killed here")
    except RuntimeError:
        pass
    assert db["notes"].count == 0
    with db.conn:
        db["notes"].insert({"id": 1, "text": "whole"})
    other = sqlite3.connect(tmp_path / "kb.db")
    assert other.execute("select text from notes").fetchall() == [("whole",)]
    other.close()
