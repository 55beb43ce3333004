"""Run the NLP extractor over reports and store what it found (``kb extract``).

For each report not yet processed by the current extractor version (or all,
with ``redo``): the relevance score and decision, one ``mentions`` row per
incident the report describes, an ``evidence`` row per extracted value (the
sentence and its character offsets in ``reports.text``) and a ``statements``
row per company statement about the cause. A report's old rows are replaced
in the same transaction, so an interrupted run leaves every report either
fully old or fully new.
"""

from __future__ import annotations

import json
from typing import Callable, Optional

import sqlite_utils

from kb.db import utc_now
from kb.nlp import EXTRACTOR_VERSION, analyze_text, load_gazetteer
from kb.nlp.types import INCIDENT_FIELDS, DocumentAnalysis


def pending_reports(db: sqlite_utils.Database, redo: bool = False) -> list[dict]:
    """Reports (id, title, text, published) whose extraction is missing or outdated."""
    where = "1 = 1" if redo else "extractor_version is null or extractor_version != ?"
    params = [] if redo else [EXTRACTOR_VERSION]
    return list(db.query(
        f"select id, title, text, published, language from reports where {where} order by id", params))


def store_analysis(db: sqlite_utils.Database, report: dict, analysis: DocumentAnalysis) -> None:
    """Replace a report's mentions, evidence and statements with ``analysis``.

    ``incident_reports`` is left as the last ``kb resolve`` wrote it: resolve
    uses it to give re-extracted mentions their incident's id again."""
    report_id = report["id"]
    db.execute("delete from evidence where report_id = ?", [report_id])
    db.execute("delete from statements where report_id = ?", [report_id])
    db.execute("delete from mentions where report_id = ?", [report_id])
    for position, mention in enumerate(analysis.mentions):
        row = {name: getattr(mention, name) for name in INCIDENT_FIELDS}
        row["systems"] = json.dumps(mention.systems) if mention.systems else None
        mention_id = db["mentions"].insert(
            {**row, "report_id": report_id, "position": position,
             "is_primary": int(mention.primary)}
        ).last_pk
        db["evidence"].insert_all(
            {"report_id": report_id, "mention_id": mention_id, "field": item.field,
             "value": item.value if isinstance(item.value, str) else json.dumps(item.value),
             "sentence": item.sentence, "start": item.start, "end": item.end,
             "rule": item.rule, "confidence": item.confidence}
            for item in mention.evidence
        )
        db["statements"].insert_all(
            {"report_id": report_id, "mention_id": mention_id, "speaker": item.speaker,
             "blamed": item.blamed, "quote": item.quote, "start": item.start, "end": item.end,
             "date": report.get("published")}
            for item in mention.statements
        )
    db["reports"].update(report_id, {
        "relevant": int(analysis.relevant), "relevance": analysis.relevance,
        "extractor_version": EXTRACTOR_VERSION, "extracted_at": utc_now(),
        "extraction_note": analysis.note,
    })


def sync_gazetteer(db: sqlite_utils.Database) -> None:
    """Fill the ``vendors`` and ``agents`` tables from the gazetteer data (kb/nlp/patterns)."""
    entries = load_gazetteer()
    with db.conn:
        vendors = {e["id"]: e for e in entries if e["kind"] == "vendor"}
        for entry in entries:
            if entry["kind"] == "agent" and entry.get("vendor") and entry["vendor"] not in vendors:
                vendors[entry["vendor"]] = {"id": entry["vendor"], "aliases": [entry["vendor"]]}
        db["vendors"].upsert_all(
            ({"id": v["id"], "name": v["id"], "aliases": json.dumps(v.get("aliases") or [])}
             for v in vendors.values()), pk="id")
        db["agents"].upsert_all(
            ({"id": e["id"], "name": e["id"], "vendor_id": e.get("vendor"),
              "aliases": json.dumps(e.get("aliases") or [])}
             for e in entries if e["kind"] == "agent"), pk="id")


def extract_reports(
    db: sqlite_utils.Database,
    redo: bool = False,
    progress: Optional[Callable[[dict, DocumentAnalysis], None]] = None,
) -> int:
    """Extract every pending report; returns how many were processed.

    ``progress(report, analysis)`` is called after each report is stored.
    """
    sync_gazetteer(db)
    count = 0
    for report in pending_reports(db, redo):
        analysis = analyze_text(report["text"], title=report["title"],
                                published=report["published"], language=report["language"])
        with db.conn:
            store_analysis(db, report, analysis)
        count += 1
        if progress:
            progress(report, analysis)
    return count
