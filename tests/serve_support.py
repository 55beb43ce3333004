"""A published-product test database: the real seeds, built, plus one hostile incident.

The hostile incident's report title, evidence sentence and company statement
carry ``<script>`` markup (as scraped text can), to check that every page
and feed shows it as text.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kb.cli import cli
from kb.db import open_db
from kb.extract import store_analysis
from kb.nlp.types import DocumentAnalysis, Evidence, Mention, Statement
from kb.resolve import resolve_db

HOSTILE_AGENT = "EvilBot"
HOSTILE_TITLE = 'EvilBot wipes staging <script>alert("title")</script>'
HOSTILE_SENTENCE = 'The vendor said <script>alert("evidence")</script> it was user error.'
HOSTILE_TEXT = ("An AI agent called EvilBot wiped the staging database of Example Corp. "
                + HOSTILE_SENTENCE + " Nobody restored the data.")
#: What a page would contain if hostile markup were not escaped.
UNESCAPED = '<script>alert("'


def build_seeds_db(db_path: Path, seeds: Path) -> Path:
    """Import and build ``seeds`` (../shared/seeds) into ``db_path``, then add the hostile incident."""
    runner = CliRunner()
    imported = runner.invoke(cli, ["import", "--db", str(db_path), str(seeds)])
    assert imported.exit_code == 0, imported.output
    built = runner.invoke(cli, ["build", "--db", str(db_path)])
    assert built.exit_code == 0, built.output
    add_hostile_incident(db_path)
    return db_path


def add_hostile_incident(db_path: Path) -> str:
    """Store one report about EvilBot with <script> in its title and evidence; returns the incident id."""
    db = open_db(db_path)
    report_id = db["reports"].insert({
        "origin": "https://example.test/evilbot", "url": "https://example.test/evilbot",
        "title": HOSTILE_TITLE, "publisher": "Example News", "published": "2026-03-05",
        "text": HOSTILE_TEXT, "content_hash": "hostile-1"}).last_pk
    start = HOSTILE_TEXT.index(HOSTILE_SENTENCE)
    end = start + len(HOSTILE_SENTENCE)
    first = HOSTILE_TEXT.split(". ")[0] + "."
    mention = Mention(
        primary=True, agent=HOSTILE_AGENT, vendor="Example Corp", action_type="delete_data",
        action="wiped the staging database", target="staging database", blamed="human",
        blame_statement='<script>alert("statement")</script> user error', occurred="2026-03",
        evidence=[Evidence("agent", HOSTILE_AGENT, first, 0, len(first)),
                  Evidence("blamed", "human", HOSTILE_SENTENCE, start, end, "test", 0.9)],
        statements=[Statement("Example Corp", "human", HOSTILE_SENTENCE, start, end)],
    )
    with db.conn:
        store_analysis(db, {"id": report_id, "published": "2026-03-05"},
                       DocumentAnalysis(relevant=True, relevance=0.9, language="en",
                                        mentions=[mention]))
    resolve_db(db)
    return db.execute("select incident_id from mentions where report_id = ?",
                      [report_id]).fetchone()[0]
