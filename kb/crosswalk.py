"""The same incident's ids in other databases (table ``incident_crosswalk``).

Two sources, both re-read on every ``kb resolve``:

- the incident's primary reports: a link to the AI Incident Database
  (``incidentdatabase.ai/cite/N``), an ``aiid_incident: N`` front-matter key,
  or a link to the OECD AI Incidents Monitor (``oecd.ai/en/incidents/...``);
  origin "report:<report id>";
- the curated mapping file (data/crosswalk.yml of this project, or
  ``$KB_CROSSWALK``): a list of ``{incident, database, external_id, url}``
  (database "AIID" or "OECD AIM"; url optional); origin "curated".
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Callable, Iterator, Optional

import sqlite_utils

from kb.yamlfile import read_yaml

#: data/crosswalk.yml of this project (next to the kb package).
DEFAULT_CROSSWALK = Path(__file__).resolve().parent.parent / "data" / "crosswalk.yml"

AIID, OECD = "AIID", "OECD AIM"
DATABASES = (AIID, OECD)

AIID_LINK = re.compile(r"https?://(?:www\.)?incidentdatabase\.ai/cite/(\d+)/?", re.I)
OECD_LINK = re.compile(r"https?://(?:www\.)?oecd\.ai/[a-z]{2}/incidents/([\w\-]+)/?", re.I)


class CrosswalkError(ValueError):
    """The mapping file cannot be read or an entry is malformed; the message names both."""


def aiid_url(number: str) -> str:
    return f"https://incidentdatabase.ai/cite/{number}/"


def ids_in_report(text: Optional[str], metadata: Optional[str]) -> Iterator[tuple[str, str, str]]:
    """(database, external id, url) for every external incident id a report gives.

    ``metadata`` is the report's metadata JSON (front matter); yields each id once.
    """
    seen = set()
    found = [(AIID, m.group(1), aiid_url(m.group(1))) for m in AIID_LINK.finditer(text or "")]
    found += [(OECD, m.group(1), m.group(0).rstrip("/")) for m in OECD_LINK.finditer(text or "")]
    try:
        fields = json.loads(metadata) if metadata else {}
    except ValueError:
        fields = {}
    number = fields.get("aiid_incident") if isinstance(fields, dict) else None
    if isinstance(number, int) or (isinstance(number, str) and number.isdigit()):
        found.append((AIID, str(number), aiid_url(str(number))))
    for item in found:
        if item[:2] not in seen:
            seen.add(item[:2])
            yield item


def load_crosswalk(path: Optional[Path] = None) -> list[dict]:
    """The curated mapping: [{"incident", "database", "external_id", "url"}].

    A missing default file is an empty mapping. Raises CrosswalkError naming
    the file for a missing explicit file, bad YAML or a malformed entry.
    """
    explicit = path is not None or bool(os.environ.get("KB_CROSSWALK"))
    path = Path(path or os.environ.get("KB_CROSSWALK") or DEFAULT_CROSSWALK)
    if not path.exists():
        if explicit:
            raise CrosswalkError(f"{path}: no such crosswalk file")
        return []
    loaded = read_yaml(path, "the crosswalk (entries)", CrosswalkError, expected=list)
    entries = []
    for index, entry in enumerate(loaded):
        where = f"{path}: entry #{index + 1}"
        if not isinstance(entry, dict) or not entry.get("incident") or not entry.get("external_id"):
            raise CrosswalkError(f"{where}: needs 'incident' and 'external_id'")
        if entry.get("database") not in DATABASES:
            raise CrosswalkError(f"{where}: 'database' must be one of {', '.join(DATABASES)}")
        external_id = str(entry["external_id"])
        url = entry.get("url") or (aiid_url(external_id) if entry["database"] == AIID else None)
        entries.append({"incident": str(entry["incident"]), "database": entry["database"],
                        "external_id": external_id, "url": url})
    return entries


def crosswalk_db(db: sqlite_utils.Database, curated: list[dict],
                 follow: Callable[[str], str]) -> int:
    """Rewrite ``incident_crosswalk`` from the active incidents' primary
    reports and the ``curated`` entries (their incident ids passed through
    ``follow``, which resolves redirects). Returns the number of rows."""
    rows = {}
    for row in db.query(
            """select incident_reports.incident_id, reports.id, reports.text, reports.metadata
            from incident_reports join reports on reports.id = incident_reports.report_id
            join incidents on incidents.id = incident_reports.incident_id
            where incident_reports.role = 'primary' and incidents.status = 'active'
            order by reports.id"""):
        for database, external_id, url in ids_in_report(row["text"], row["metadata"]):
            rows.setdefault((row["incident_id"], database, external_id),
                            {"url": url, "origin": f"report:{row['id']}"})
    known = {row["id"] for row in db.query("select id from incidents")}
    for entry in curated:
        incident_id = follow(entry["incident"])
        if incident_id in known:
            rows[(incident_id, entry["database"], entry["external_id"])] = {
                "url": entry["url"], "origin": "curated"}
    db.execute("delete from incident_crosswalk")
    db["incident_crosswalk"].insert_all(
        {"incident_id": key[0], "database": key[1], "external_id": key[2], **value}
        for key, value in sorted(rows.items()))
    return len(rows)
