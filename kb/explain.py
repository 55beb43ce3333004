"""Why the knowledge base says what it says about one incident (``kb explain``).

:func:`explain_incident` gathers an incident's fields and, for each field,
the evidence behind it: the sentence, the report it is in, the rule that
produced the value and its confidence; plus the company statements and the
reports; the coverage timeline (who broke the story, each later report, when
the company first commented), the merge log, ids in other databases and the
maintainers' overrides. An id that was merged into another leads to that one.
:func:`format_explanation` renders that as text for the terminal.
"""

from __future__ import annotations

import json
from typing import Optional

import sqlite_utils

from kb.nlp.types import INCIDENT_FIELDS


class UnknownIncident(LookupError):
    """No incident has this id; the message suggests close ids."""


def explain_incident(db: sqlite_utils.Database, incident_id: str) -> dict:
    """The incident row plus ``evidence`` ({field: [evidence rows]}),
    ``statements`` and ``reports`` (lists of rows).

    Evidence rows carry value, sentence, start, end, rule, confidence and the
    report's id, title, url and published date; those whose value agrees with
    the incident's come first, the most confident first among them. Also
    ``redirected_from`` (old id, new id, reason; None unless ``incident_id``
    was merged into another incident, which is then the one explained),
    ``timeline`` (first report, later reports, company's first comment),
    ``merges`` (merge-log rows naming the incident), ``crosswalk`` rows and
    ``overrides`` (evidence rows of rule "override").
    Raises UnknownIncident for an unknown id.
    """
    from kb.merges import follow, load_redirects

    redirected_from = None
    redirects = load_redirects(db)
    if incident_id in redirects:
        new_id = follow(redirects, incident_id)
        reason = db["incident_redirects"].get(incident_id)["reason"]
        redirected_from = {"old_id": incident_id, "new_id": new_id, "reason": reason}
        incident_id = new_id
    incident = next(db["incidents"].rows_where("id = ?", [incident_id]), None)
    if incident is None:
        close = [row["id"] for row in db.query(
            "select id from incidents where id like ? order by id limit 5",
            [f"%{incident_id.split('-')[-1]}%"])]
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise UnknownIncident(f"no incident with id {incident_id!r}{hint}")
    rows = db.query(
        """select evidence.field, evidence.value, evidence.sentence, evidence.start, evidence.end,
             evidence.rule, evidence.confidence, reports.id as report_id, reports.title,
             reports.url, reports.origin, reports.published, reports.publisher,
             mentions.is_primary
        from evidence
          join mentions on mentions.id = evidence.mention_id
          join reports on reports.id = evidence.report_id
        where mentions.incident_id = ?
        order by mentions.is_primary desc, reports.published, reports.id, evidence.start""",
        [incident_id])
    evidence: dict[str, list[dict]] = {name: [] for name in INCIDENT_FIELDS}
    for row in rows:
        evidence.setdefault(row["field"], []).append(row)
    for name, items in evidence.items():
        items.sort(key=lambda row: (not _agrees(incident.get(name), row["value"]),
                                    -(row["confidence"] or 0)))
    statements = list(db.query(
        """select statements.speaker, statements.blamed, statements.quote, statements.date,
             reports.title, reports.url, reports.origin, reports.publisher, reports.published
        from statements join mentions on mentions.id = statements.mention_id
          join reports on reports.id = statements.report_id
        where mentions.incident_id = ? order by statements.date, statements.id""", [incident_id]))
    reports = list(db.query(
        """select reports.id, reports.title, reports.url, reports.origin, reports.publisher,
             reports.published, incident_reports.role, incident_reports.similarity,
             incident_reports.text_similarity
        from incident_reports join reports on reports.id = incident_reports.report_id
        where incident_reports.incident_id = ? order by reports.published, reports.id""",
        [incident_id]))
    overrides = [row for items in evidence.values() for row in items if row["rule"] == "override"]
    return {**incident, "evidence": evidence, "statements": statements, "reports": reports,
            "redirected_from": redirected_from, "timeline": timeline(reports, statements),
            "merges": _merges(db, incident_id, redirects),
            "crosswalk": list(db.query("select * from incident_crosswalk where incident_id = ?",
                                       [incident_id])) if db["incident_crosswalk"].exists() else [],
            "overrides": overrides}


def timeline(reports: list[dict], statements: list[dict]) -> list[dict]:
    """The incident's coverage in time order: {"date", "event", "report"}
    where event is "first report", "report", "copy" (a republished copy) or
    "company first commented"; undated items last."""
    events = []
    independent = [row for row in reports if row["role"] != "copy"]
    for index, row in enumerate(independent):
        events.append({"date": row["published"], "report": row,
                       "event": "first report" if index == 0 else "report"})
    for row in reports:
        if row["role"] == "copy":
            events.append({"date": row["published"], "report": row, "event": "copy"})
    if statements:
        first = min(statements, key=lambda s: (s["date"] or s.get("published") or "9999"))
        events.append({"date": first["date"] or first.get("published"), "report": first,
                       "event": "company first commented"})
    return sorted(events, key=lambda e: (e["date"] or "9999", e["event"] != "first report"))


def _merges(db: sqlite_utils.Database, incident_id: str, redirects: dict) -> list[dict]:
    if not db["incident_merges"].exists():
        return []
    names = {incident_id, *[old for old, new in redirects.items() if new == incident_id]}
    return [row for row in db.query("select * from incident_merges order by id")
            if names & set(json.loads(row["from_ids"]) + json.loads(row["to_ids"]))]


def _agrees(incident_value, evidence_value: Optional[str]) -> bool:
    if incident_value is None or evidence_value is None:
        return False
    if isinstance(incident_value, str) and incident_value.startswith("["):
        return evidence_value == incident_value
    try:
        return float(evidence_value) == float(incident_value)
    except (TypeError, ValueError):
        return str(evidence_value) == str(incident_value)


def _where(row: dict) -> str:
    title = row.get("title") or "untitled report"
    link = row.get("url") or row.get("origin") or ""
    date = row.get("published") or row.get("date") or "undated"
    return f"{title} ({date}) {link}".rstrip()


def format_explanation(explanation: dict, per_field: int = 3) -> str:
    """Text for the terminal: a header, then each field with up to
    ``per_field`` evidence sentences, the statements and the reports."""
    lines = []
    moved = explanation.get("redirected_from")
    if moved:
        lines += [f"{moved['old_id']} was merged into {moved['new_id']} ({moved['reason']})", ""]
    lines += [f"{explanation['id']}: {explanation['title']}",
             f"status {explanation['status']}, {explanation['report_count']} reports, "
             f"first reported {explanation['first_reported'] or '?'}", ""]
    for name in INCIDENT_FIELDS:
        value = explanation.get(name)
        if name == "systems" and value:
            value = ", ".join(json.loads(value))
        lines.append(f"{name}: {value if value not in (None, '') else '-'}")
        for row in explanation["evidence"].get(name, [])[:per_field]:
            sentence = " ".join(row["sentence"].split())
            rule = f"{row['rule'] or name}, confidence {row['confidence'] or 0:.2f}"
            lines.append(f"    > {sentence}")
            lines.append(f"      value {row['value']!s} by {rule}; in {_where(row)}")
    lines += ["", "statements:"]
    for row in explanation["statements"] or []:
        speaker = row["speaker"] or "unnamed speaker"
        lines.append(f"    {row['blamed']}: {speaker}: \"{' '.join(row['quote'].split())}\"")
        lines.append(f"      in {_where(row)}")
    if not explanation["statements"]:
        lines.append("    none reported")
    lines += ["", "reports:"]
    for row in explanation["reports"]:
        alike = row.get("text_similarity")
        text = f", text similarity {alike}" if alike is not None else ""
        lines.append(f"    [{row['role']}, similarity {row['similarity']}{text}] {_where(row)}")
    lines += ["", "coverage:"]
    for event in explanation.get("timeline") or []:
        row = event["report"]
        who = row.get("publisher") or row.get("speaker") or ""
        lines.append(f"    {event['date'] or 'undated'}: {event['event']}"
                     f"{' by ' + who if who else ''}: {row.get('title') or row.get('origin') or ''}")
    if explanation.get("merges") or explanation.get("crosswalk") or explanation.get("overrides"):
        lines += ["", "history and links:"]
    for row in explanation.get("merges") or []:
        lines.append(f"    {row['kind']} ({row['origin']}, {row['created_at']}): "
                     f"{', '.join(json.loads(row['from_ids']))} -> "
                     f"{', '.join(json.loads(row['to_ids']))}: {row['reason']}")
    for row in explanation.get("crosswalk") or []:
        lines.append(f"    same incident in {row['database']}: {row['external_id']} {row['url'] or ''}"
                     .rstrip())
    for row in explanation.get("overrides") or []:
        lines.append(f"    override: {row['field']} = {row['value']}: {' '.join(row['sentence'].split())}")
    return "\n".join(lines)
