"""The incident page: data for the row template ``row-kb-incidents.html``.

Adds ``incident`` to the template context of an incident's row page: the
incident's fields, each with its best evidence sentence and report (from
:func:`kb.explain.explain_incident`), the company statements, and the
reports in publication order with duplicates folded under their original
(when the reports table has ``duplicate_of``, migration 0005).
"""

from __future__ import annotations

import json

import sqlite_utils
from datasette import hookimpl
from datasette.utils import tilde_decode

from kb.explain import UnknownIncident, explain_incident

#: (field, label) in the order the page shows them; the blast radius fields follow.
WHO_AND_WHAT = [("agent", "Agent"), ("vendor", "Vendor (developer)"), ("deployer", "Deployer"),
                ("action", "Action"), ("action_type", "Kind of action"), ("target", "Target"),
                ("occurred", "Occurred")]
BLAST_RADIUS = [("outage_hours", "Outage (hours)"), ("systems", "Systems hit"),
                ("region", "Region"), ("records_lost", "Records lost"),
                ("people_affected", "People affected"), ("cost_usd", "Cost (USD)")]
BLAME = [("blamed", "Blamed"), ("blame_statement", "Company statement")]
#: Evidence sentences shown at once for a field (default 1); whom the company
#: blamed is the page's point, so it shows more of its sentences.
SHOWN_EVIDENCE = {"blamed": 3}


def incident_context(conn, incident_id: str) -> dict | None:
    """The page's data for ``incident_id`` read through a sqlite3 connection, or None.

    Shape: {"row": incident dict, "sections": [(title, [field dicts])],
    "statements": [...], "reports": [report dicts with "copies": [...]]};
    a field dict has name, label, value (display text), evidence (the
    evidence rows shown: the best first, up to :data:`SHOWN_EVIDENCE` of them,
    three for blamed), hidden (up to four more, shown on demand) and more
    (how many sentences are not on the page).
    """
    db = sqlite_utils.Database(conn)
    try:
        explanation = explain_incident(db, incident_id)
    except UnknownIncident:
        return None
    sections = []
    for title, fields in (("Who and what", WHO_AND_WHAT), ("Blast radius", BLAST_RADIUS),
                          ("Blame", BLAME)):
        items = []
        for name, label in fields:
            evidence = explanation["evidence"].get(name) or []
            shown = SHOWN_EVIDENCE.get(name, 1)
            items.append({"name": name, "label": label,
                          "value": display_value(name, explanation.get(name)),
                          "evidence": evidence[:shown], "hidden": evidence[shown:shown + 4],
                          "more": max(len(evidence) - shown - 4, 0)})
        sections.append((title, items))
    return {"row": {k: v for k, v in explanation.items()
                    if k not in ("evidence", "statements", "reports")},
            "sections": sections, "statements": explanation["statements"],
            "reports": fold_duplicates(db, explanation["reports"])}


def display_value(name: str, value) -> str:
    """A field's value as text for the page ('' when unknown)."""
    if value in (None, ""):
        return ""
    if name == "systems":
        try:
            return ", ".join(json.loads(value))
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and name in ("records_lost", "people_affected", "cost_usd"):
        return f"{value:,}"
    return str(value)


def fold_duplicates(db: sqlite_utils.Database, reports: list[dict]) -> list[dict]:
    """Reports with each copy (``duplicate_of`` set) listed under its original.

    Without the ``duplicate_of`` column every report is an original. Copies
    of a listed original that are not linked to the incident are added too.
    """
    for report in reports:
        report["copies"] = []
    if "duplicate_of" not in db["reports"].columns_dict or not reports:
        return reports
    ids = [report["id"] for report in reports]
    marks = ",".join("?" * len(ids))
    original_of = {row["id"]: row["duplicate_of"] for row in db.query(
        f"select id, duplicate_of from reports where id in ({marks})", ids)}
    by_id = {report["id"]: report for report in reports}
    originals = []
    for report in reports:
        original = by_id.get(original_of.get(report["id"]))
        if original is not None and original is not report:
            original["copies"].append(report)
        else:
            originals.append(report)
    listed = set(ids)
    for row in db.query(
            f"""select id, title, url, origin, publisher, published, duplicate_of from reports
            where duplicate_of in ({marks}) order by published, id""", ids):
        if row["id"] not in listed:
            by_id[row["duplicate_of"]]["copies"].append({**row, "role": "copy", "copies": []})
    return originals


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    """``incident`` for the incidents row page (None elsewhere or for an unknown id)."""
    if view_name != "row" or table != "incidents" or request is None:
        return {}

    async def inner():
        incident_id = tilde_decode(request.url_vars.get("pks", ""))
        data = await datasette.get_database(database).execute_fn(
            lambda conn: incident_context(conn, incident_id))
        return {"incident": data}

    return inner
