"""`kb import`: files into reports, idempotent re-runs, clear errors for bad input."""

from click.testing import CliRunner

from kb.cli import cli
from kb.db import open_db


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_import_seeds_then_reimport_adds_nothing(shared, db_path):
    first = run("import", "--db", db_path, shared / "seeds")
    assert first.exit_code == 0, first.output
    assert "4 added" in first.output
    db = open_db(db_path)
    assert db["reports"].count == 4
    titles = [r["title"] for r in db["reports"].rows]
    assert any("Amazon blamed employees" in t for t in titles)
    mojibake = next(db["reports"].rows_where("title like 'When an AI decides%'"))
    assert "â" not in mojibake["text"] and "delete and recreate" in mojibake["text"]

    again = run("import", "--db", db_path, shared / "seeds")
    assert again.exit_code == 0
    assert "0 added, 0 updated, 4 unchanged" in again.output
    assert open_db(db_path)["reports"].count == 4


def test_changed_file_updates_its_report(tmp_path, db_path):
    note = tmp_path / "note.txt"
    note.write_text("Agent deletes staging bucket\nThe agent deleted the staging bucket on Monday.\n")
    assert run("import", "--db", db_path, note).exit_code == 0
    note.write_text("Agent deletes production bucket\nThe agent deleted the production bucket on Monday.\n")
    result = run("import", "--db", db_path, note)
    assert "1 updated" in result.output
    rows = list(open_db(db_path)["reports"].rows)
    assert len(rows) == 1
    assert rows[0]["title"] == "Agent deletes production bucket"
    assert rows[0]["extractor_version"] is None  # queued for extraction again


def test_bad_inputs_are_named_and_the_rest_is_kept(tmp_path, db_path):
    good = tmp_path / "good.txt"
    good.write_text("A chatbot invented a refund policy\nCustomers acted on it.\n")
    assert run("import", "--db", db_path, good).exit_code == 0

    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.html").write_bytes(b"\x00\x01\x02\x03 not text")
    (folder / "other.txt").write_text("Another report\nAn agent dropped a table.\n")
    (folder / "ignored.pdf").write_bytes(b"%PDF")
    result = CliRunner().invoke(cli, ["import", "--db", str(db_path), str(folder),
                                      str(tmp_path / "missing.md")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: empty file" in line for line in errors)
    assert any("blob.html: binary file" in line for line in errors)
    assert any("missing.md: no such file or folder" in line for line in errors)
    assert "Traceback" not in result.output
    titles = {r["title"] for r in open_db(db_path)["reports"].rows}
    assert titles == {"A chatbot invented a refund policy", "Another report"}


def test_a_file_that_is_not_a_database_is_a_clean_error(tmp_path):
    not_db = tmp_path / "kb.db"
    not_db.write_text("this is not sqlite " * 100)
    result = CliRunner().invoke(cli, ["import", "--db", str(not_db), str(tmp_path)])
    assert result.exit_code == 1
    assert "not a usable SQLite database" in result.output
    assert "Traceback" not in result.output
