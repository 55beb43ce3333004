"""`kb update` under cron: one run at a time, a killed run is recovered by the next,
and the exit code and last line say what happened."""

import os
import signal
import subprocess
import sys

from click.testing import CliRunner

from crawl_support import FAST, sources_file
from kb.cli import cli
from kb.lock import lock_paths
from redis_support import REPO

REPORT = """AI coding agent deletes production database at Example Corp

On 3 March 2025 an AI coding agent built by Example Labs deleted the production
database of Example Corp during a code freeze. The outage lasted 12 hours and
records of 1,200 customers were lost. Example Corp blamed the agent's vendor.
"""

HOLD = """
import sys, time
from kb.lock import update_lock
with update_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(120)
"""


def update(db_path, *args):
    options = [arg for key, value in FAST.items() for arg in ("--set", f"{key}={value}")]
    return CliRunner(mix_stderr=False).invoke(
        cli, ["update", "--db", str(db_path), "--raw", str(db_path.parent / "raw"), *args, *options])


def summary(result) -> str:
    return result.output.strip().splitlines()[-1]


def holder(db_path):
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], cwd=REPO,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_exit_codes_and_one_line_summaries(tmp_path):
    db_path = tmp_path / "kb.db"
    (tmp_path / "report.txt").write_text(REPORT)
    assert CliRunner().invoke(cli, ["import", "--db", str(db_path), str(tmp_path / "report.txt")]).exit_code == 0
    gone = sources_file(tmp_path, [{"name": "gone", "kind": "feed", "url": "http://127.0.0.1:9/feed.xml"}])

    partial = update(db_path, "--sources", str(gone))
    assert partial.exit_code == 4, partial.output + partial.stderr
    assert summary(partial).startswith("kb update: partial in ")
    assert "1 unreachable (gone)" in summary(partial) and summary(partial).endswith("database changed")

    again = update(db_path, "--offline")
    assert again.exit_code == 0, again.output + again.stderr
    assert summary(again).startswith("kb update: ok in ") and summary(again).endswith("database unchanged")

    broken = tmp_path / "broken.yml"
    broken.write_text("sources: [oops")
    failed = update(db_path, "--sources", str(broken))
    assert failed.exit_code == 1 and summary(failed).startswith("kb update: failed after ")
    assert "Traceback" not in failed.stderr
    assert not lock_paths(db_path)[1].exists()  # a failed run is not an interrupted one


def test_a_second_run_is_skipped_and_a_killed_run_is_recovered(tmp_path):
    db_path = tmp_path / "kb.db"
    process = holder(db_path)
    try:
        skipped = update(db_path, "--offline")
        assert skipped.exit_code == 3
        assert summary(skipped) == (f"kb update: skipped: {db_path}: another kb update is running "
                                    f"(pid {process.pid}, started "
                                    + summary(skipped).split(", started ")[1])
    finally:
        os.kill(process.pid, signal.SIGKILL)  # dies holding the lock, its marker left behind
        process.wait()
    assert lock_paths(db_path)[1].exists()

    recovered = update(db_path, "--offline")
    assert recovered.exit_code == 0, recovered.output + recovered.stderr
    assert f"recovering from an interrupted kb update (pid {process.pid}" in recovered.stderr
    assert summary(recovered).startswith("kb update: ok in ")
    assert not lock_paths(db_path)[1].exists()

    clean = update(db_path, "--offline")
    assert clean.exit_code == 0 and "recovering" not in clean.stderr
