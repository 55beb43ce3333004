"""SQL functions the recipes and feeds of metadata.yml use (Datasette only).

- ``kb_fts_query(text)``: a visitor's search words as a safe FTS5 query (each
  word quoted, so punctuation is never FTS syntax); '""' (matches nothing)
  for empty input.
- ``kb_incident_summary(agent, vendor, action, target, blamed,
  blame_statement, occurred, report_count)``: one plain-text paragraph about
  an incident, the body of its Atom feed entry.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils import escape_fts


def fts_query(text) -> str:
    """``text`` as an FTS5 query of quoted words; '""' when there are none."""
    return escape_fts(str(text or "").strip()) or '""'


def incident_summary(agent, vendor, action, target, blamed, blame_statement, occurred,
                     report_count) -> str:
    """Plain text, e.g. 'Kiro (Amazon) deleted and recreated an environment (target: ...)'."""
    who = agent or "An AI agent"
    if vendor and vendor != agent:
        who += f" ({vendor})"
    parts = [f"{who}: {action or 'harmful action'}"
             + (f" (target: {target})" if target else "") + "."]
    if occurred:
        parts.append(f"Occurred {occurred}.")
    if blamed and blamed != "none":
        parts.append(f"The company blamed: {blamed}"
                     + (f' ("{blame_statement}")' if blame_statement else "") + ".")
    else:
        parts.append("No company statement about the cause was reported.")
    if report_count:
        parts.append(f"{report_count} report{'s' if report_count != 1 else ''}.")
    return " ".join(parts)


@hookimpl
def prepare_connection(conn):
    """Register the functions on every connection Datasette opens."""
    conn.create_function("kb_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("kb_incident_summary", 8, incident_summary, deterministic=True)
