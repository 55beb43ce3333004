"""A synthetic knowledge base of N reports for the Datasette benchmarks.

Both Datasette benchmarks (bench/datasette.py: latency; bench/load.py: wrk
load on the public build) use :func:`ensure_database`. The data has the
shape of the real thing, made up from templates with a fixed random seed:
one report in ten starts a new incident; every report has one mention with
four evidence sentences, one in three a company statement; incidents get
vendor, agent, kind of action, blame and blast-radius values; report texts
are a few hundred characters of incident prose so full-text search has work.
The schema is the project's (kb.db.open_db), so the file is a real
knowledge base: `kb serve` and `kb publish` take it as is.

Usage: python bench/generate.py [--reports 100000] [--out data/bench/kb-100k.db]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb.db import open_db, utc_now  # noqa: E402

DEFAULT_REPORTS = 100_000
REPORTS_PER_INCIDENT = 10
AGENTS = [("Amazon", "Kiro"), ("Amazon", "Amazon Q Developer"), ("Replit", "Replit Agent"),
          ("Google", "Antigravity"), ("Google", "Gemini CLI"), ("Anthropic", "Claude Code"),
          ("OpenAI", "Codex"), ("Anysphere", "Cursor"), ("GitHub", "Copilot"),
          ("Cognition", "Devin"), ("Microsoft", "Copilot Studio"), ("Salesforce", "Agentforce")]
ACTIONS = [("delete_data", "deleted the production database", "production database"),
           ("destroy_infrastructure", "deleted and recreated the environment", "cloud environment"),
           ("delete_data", "wiped the D drive", "D drive"),
           ("unauthorized_change", "pushed changes to the main branch", "main branch"),
           ("fabrication", "invented a refund policy", "support chat"),
           ("financial_loss", "bought items without approval", "company card"),
           ("data_exposure", "leaked customer records", "customer records"),
           ("compromised_agent", "ran an injected instruction", "repository")]
BLAME = [("human", "user error"), ("human", "a misconfigured role"),
         ("ai", "the model misbehaved"), ("vendor", "a bug in our agent"),
         ("third_party", "an attacker"), ("none", None)]
PUBLISHERS = ["The Register", "Ars Technica", "The Verge", "TechCrunch", "Wired",
              "Hacker News", "Reddit", "Business Insider", "Fortune", "404 Media"]
#: Deployers: 40 x 25 made-up company names, so a search for one is selective (~0.1%).
DEPLOYERS = [f"{first} {second}" for first in (
    "Northwind", "Bluefin", "Quarry", "Lumen", "Harbor", "Cobalt", "Juniper", "Marble", "Pioneer",
    "Summit", "Tandem", "Vector", "Willow", "Zephyr", "Aurora", "Beacon", "Cascade", "Delta",
    "Ember", "Falcon", "Granite", "Helix", "Ivory", "Jasper", "Kestrel", "Lattice", "Meridian",
    "Nimbus", "Orchid", "Prism", "Quill", "Raven", "Sable", "Tundra", "Umber", "Verdant",
    "Wren", "Yarrow", "Zenith", "Alder") for second in (
    "Logistics", "Health", "Bank", "Studios", "Retail", "Energy", "Insurance", "Airlines",
    "Foods", "Labs", "Media", "Motors", "Pharma", "Realty", "Robotics", "Schools", "Shipping",
    "Telecom", "Travel", "Water", "Games", "Legal", "Mining", "Apparel", "Hotels")]
REGIONS = ["mainland China", "us-east-1", "Europe", "Frankfurt", None, None]
SYSTEMS = ["Cost Explorer", "Lambda", "S3", "Postgres", "Vercel", "Stripe", "Gmail", "Jira"]
FILLER = ["Engineers spent the night restoring backups.",
          "Customers reported errors on the status page.",
          "The company said it has added new safeguards.",
          "Security researchers had warned about the risk before.",
          "Several developers shared similar stories on social media.",
          "The agent had been given broad permissions to speed up its work.",
          "A spokesperson declined to say how many customers were affected.",
          "Logs showed the agent ran the command without asking for confirmation."]


def _month(rng: random.Random) -> str:
    return f"{rng.randint(2024, 2026)}-{rng.randint(1, 12):02d}"


def generate(path: Path, reports: int = DEFAULT_REPORTS, seed: int = 6,
             progress=lambda message: None) -> Path:
    """Write a knowledge base of ``reports`` synthetic reports to ``path`` (replaced)."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_db(path).conn.close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    now = utc_now()
    incident_count = max(1, reports // REPORTS_PER_INCIDENT)
    incidents = []
    for number in range(incident_count):
        vendor, agent = rng.choice(AGENTS)
        action_type, action, target = rng.choice(ACTIONS)
        blamed, statement = rng.choice(BLAME)
        occurred = _month(rng)
        slug = f"{vendor}-{agent}".lower().replace(" ", "-")
        incidents.append({
            "id": f"{occurred}-{slug}-{number}", "title": f"{agent} ({vendor}): {action}",
            "agent": agent, "vendor": vendor, "deployer": rng.choice(DEPLOYERS),
            "action": action, "action_type": action_type, "target": target,
            "outage_hours": rng.choice([None, 1, 4, 13, 36]),
            "systems": json.dumps(rng.sample(SYSTEMS, 2)), "region": rng.choice(REGIONS),
            "records_lost": rng.choice([None, None, 1200, 250000]),
            "people_affected": rng.choice([None, 1000]), "cost_usd": rng.choice([None, 50000.0]),
            "blamed": blamed, "blame_statement": statement, "occurred": occurred,
            "first_reported": f"{occurred}-15", "last_reported": f"{occurred}-28",
            "report_count": 0, "signature": f"{vendor}|{agent}|{occurred}|{action_type}",
            "status": "active", "created_at": now, "updated_at": now,
            "key_sentences": f"{agent} {action}.",
        })
    with conn:
        conn.executemany(
            f"insert into incidents ({', '.join(incidents[0])}) values "
            f"({', '.join('?' * len(incidents[0]))})", [list(row.values()) for row in incidents])
        conn.executemany("insert into incident_ids (id, issued_at) values (?, ?)",
                         [(row["id"], now) for row in incidents])
        conn.executemany("insert or ignore into vendors (id, name, aliases) values (?, ?, '[]')",
                         [(vendor, vendor) for vendor, _ in AGENTS])
        conn.executemany("insert or ignore into agents (id, name, vendor_id, aliases) "
                         "values (?, ?, ?, '[]')", [(agent, agent, vendor) for vendor, agent in AGENTS])
    started = time.monotonic()
    batch = 5000
    for first in range(0, reports, batch):
        rows, mentions, links, evidence, statements = [], [], [], [], []
        for report_id in range(first + 1, min(first + batch, reports) + 1):
            incident = incidents[(report_id - 1) % incident_count]
            agent, vendor = incident["agent"], incident["vendor"]
            lead = f"{vendor}'s AI agent {agent} {incident['action']} at {incident['deployer']}."
            blame = (f"{vendor} said the cause was {incident['blame_statement']}."
                     if incident["blame_statement"] else "The company did not comment on the cause.")
            sentences = [lead, blame, *rng.sample(FILLER, 4)]
            text = " ".join(sentences)
            published = f"{incident['occurred']}-{rng.randint(1, 28):02d}"
            rows.append((report_id, f"https://news.example/{report_id}", f"https://news.example/{report_id}",
                         f"{agent} {incident['action']}, report {report_id}", rng.choice(PUBLISHERS),
                         published, "en", text, hashlib.sha256(text.encode() + bytes(str(report_id), "ascii")).hexdigest(),
                         now, now, 1, 0.9, "bench", now))
            mentions.append((report_id, report_id, 0, 1, incident["id"], agent, vendor,
                             incident["action"], incident["action_type"], incident["target"],
                             incident["blamed"], incident["blame_statement"], incident["occurred"]))
            links.append((incident["id"], report_id, "primary", 1.0))
            for field, value, sentence in (("agent", agent, lead), ("vendor", vendor, lead),
                                           ("action_type", incident["action_type"], lead),
                                           ("blamed", incident["blamed"], blame)):
                start = text.index(sentence)
                evidence.append((report_id, report_id, field, value, sentence, start,
                                 start + len(sentence), "bench", 0.8))
            if report_id % 3 == 0 and incident["blame_statement"]:
                start = text.index(blame)
                statements.append((report_id, report_id, vendor, incident["blamed"], blame, start,
                                   start + len(blame), published))
        with conn:
            conn.executemany(
                "insert into reports (id, origin, url, title, publisher, published, language, text, "
                "content_hash, imported_at, updated_at, relevant, relevance, extractor_version, "
                "extracted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany(
                "insert into mentions (id, report_id, position, is_primary, incident_id, agent, "
                "vendor, action, action_type, target, blamed, blame_statement, occurred) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", mentions)
            conn.executemany("insert into incident_reports values (?, ?, ?, ?)", links)
            conn.executemany(
                "insert into evidence (report_id, mention_id, field, value, sentence, start, "
                "end, rule, confidence) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", evidence)
            conn.executemany(
                "insert into statements (report_id, mention_id, speaker, blamed, quote, start, "
                "end, date) values (?, ?, ?, ?, ?, ?, ?, ?)", statements)
        done = min(first + batch, reports)
        progress(f"generated {done}/{reports} reports ({time.monotonic() - started:.0f}s)")
    with conn:
        conn.execute("update incidents set report_count = (select count(*) from incident_reports "
                     "where incident_id = incidents.id)")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    return path


def ensure_database(path: Path, reports: int = DEFAULT_REPORTS,
                    progress=lambda message: print(message, file=sys.stderr)) -> Path:
    """``path`` holding ``reports`` generated reports, generated only when missing or different."""
    path = Path(path)
    if path.exists():
        try:
            conn = sqlite3.connect(path)
            count = conn.execute("select count(*) from reports").fetchone()[0]
            conn.close()
            if count == reports:
                return path
        except sqlite3.DatabaseError:
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    progress(f"generating {reports} reports into {path}")
    return generate(path, reports, progress=progress)


def default_path(reports: int) -> Path:
    """data/bench/kb-<N>.db in the checkout (data/ is not committed)."""
    label = f"{reports // 1000}k" if reports % 1000 == 0 else str(reports)
    return REPO / "data" / "bench" / f"kb-{label}.db"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or default_path(args.reports)
    started = time.monotonic()
    generate(out, args.reports, progress=lambda message: print(message, file=sys.stderr))
    print(f"{out}: {args.reports} reports in {time.monotonic() - started:.0f}s")


if __name__ == "__main__":
    main()
