"""The weekly digest: what entered the knowledge base in one ISO week, as an email.

:func:`parse_week` turns "2026-W47" into a UTC window (Monday 00:00 to the
next Monday 00:00); :func:`select_week` reads the database into a
:class:`WeekDigest` (new incidents, changed incidents, the week in patterns,
notable statements); :func:`render` turns it into subject, plain text and
HTML with the Jinja2 templates in kb/templates/digest/ (HTML autoescaped);
:func:`build_message` wraps those in one multipart/alternative
:class:`~email.message.EmailMessage` with the unsubscribe link and the
List-Unsubscribe header.

A week's *new* incidents are those that entered the knowledge base during it
(``incidents.created_at``), whenever they happened; *changed* incidents are
older ones that gained reports (``reports.imported_at`` in the week), had
their values revised (``updated_at``) or absorbed another incident
(``incident_merges``/``incident_redirects``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from typing import Optional
from urllib.parse import quote, urlencode

import sqlite_utils
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kb.subscribers import Subscriber

TEMPLATES = Path(__file__).resolve().parent / "templates" / "digest"
DEFAULT_SITE_URL = "http://127.0.0.1:8001"
SUBJECT_LIMIT = 120
#: SMTP line endings and header checks; quoted-printable lines of at most 76
#: characters (RFC 2045) while the bodies are encoded, then headers folded only
#: past RFC 5322's 998-character limit.
BODY_POLICY = SMTP.clone(max_line_length=76)
HEADER_POLICY = SMTP.clone(max_line_length=998)
#: How many reports of a new incident are linked, and how many statements are shown.
FIRST_REPORTS = 3
NOTABLE_STATEMENTS = 6
PATTERN_WEEKS = 4
#: How the digest names each blame category (annotation.md's vocabulary).
BLAME_LABELS = {"human": "a human (user, operator, employee)", "ai": "the AI itself",
                "vendor": "the vendor (accepted fault)", "third_party": "a third party",
                "none": "no one yet (no statement reported)"}

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class WeekError(ValueError):
    """A --week value that is not an ISO week like 2026-W47."""


@dataclass(frozen=True)
class Week:
    """An ISO week as a UTC window: ``start`` <= t < ``end`` (ISO strings, Z)."""

    label: str
    monday: date

    @property
    def start(self) -> str:
        return f"{self.monday.isoformat()}T00:00:00Z"

    @property
    def end(self) -> str:
        return f"{(self.monday + timedelta(days=7)).isoformat()}T00:00:00Z"

    def shifted(self, weeks: int) -> "Week":
        monday = self.monday + timedelta(weeks=weeks)
        year, number, _ = monday.isocalendar()
        return Week(f"{year}-W{number:02d}", monday)

    def describe(self) -> str:
        """E.g. "16 Nov to 22 Nov 2026"."""
        sunday = self.monday + timedelta(days=6)
        return f"{self.monday.day} {self.monday:%b} to {sunday.day} {sunday:%b %Y}"


def parse_week(value: Optional[str], today: Optional[date] = None) -> Week:
    """The ISO week named by ``value`` ("2026-W47"), or the last complete one.

    ``today`` (UTC date, default now) fixes "the last complete week": the
    week before the one containing today. Raises WeekError for a bad value
    or a week that does not exist (W53 of a 52-week year).
    """
    if not value:
        today = today or datetime.now(timezone.utc).date()
        value = "{}-W{:02d}".format(*(today - timedelta(days=7)).isocalendar()[:2])
    match = _WEEK.match(value.strip())
    if not match:
        raise WeekError(f"{value!r}: not an ISO week (expected e.g. 2026-W47)")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        raise WeekError(f"{value!r}: {year} has no week {number}") from None
    return Week(f"{year}-W{number:02d}", monday)


@dataclass
class WeekDigest:
    """Everything one week's digest says; :meth:`for_subscriber` narrows it down.

    ``new`` and ``changed`` are lists of incident dicts (incident columns
    plus ``url``, ``reports``, ``quote``/``speaker``, and for changed ones
    ``new_reports``, ``new_statements``, ``merged``, ``revised``);
    ``patterns`` is {"action_type": [...], "blamed": [...]} of rows
    {value, week, previous, average}; ``statements`` is a list of dicts
    {incident_id, incident_url, speaker, blamed, quote, report_title, report_url}.
    """

    week: Week
    site_url: str
    new: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    patterns: dict = field(default_factory=dict)
    statements: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.new and not self.changed

    def for_subscriber(self, subscriber: Subscriber) -> "WeekDigest":
        """The same digest keeping only incidents (and statements) the subscriber wants."""
        new = [i for i in self.new if subscriber.wants(i)]
        changed = [i for i in self.changed if subscriber.wants(i)]
        kept = {i["id"] for i in new + changed}
        statements = [s for s in self.statements if s["incident_id"] in kept]
        return replace(self, new=new, changed=changed, statements=statements)


def incident_url(site_url: str, incident_id: str) -> str:
    """The incident's page on the published Datasette: {site}/kb/incidents/{id}."""
    return f"{site_url.rstrip('/')}/kb/incidents/{quote(incident_id, safe='')}"


def report_url(site_url: str, report: dict) -> str:
    """The report's own http(s) URL, else its row on the published Datasette."""
    url = report.get("url") or ""
    if re.match(r"^https?://[^\s]+$", url):
        return url
    return f"{site_url.rstrip('/')}/kb/reports/{report['id']}"


def select_week(db: sqlite_utils.Database, week: Week, site_url: str = DEFAULT_SITE_URL) -> WeekDigest:
    """Read one week's digest from the knowledge base (active incidents only)."""
    digest = WeekDigest(week, site_url.rstrip("/"))
    window = [week.start, week.end]
    for row in db.query(
        "select * from incidents where status = 'active' and created_at >= ? and created_at < ? "
        "order by coalesce(first_reported, '9999'), id", window):
        digest.new.append(_decorate(db, dict(row), digest.site_url))
    new_ids = {i["id"] for i in digest.new}
    for incident_id, change in _changes(db, week).items():
        if incident_id in new_ids:
            continue
        row = next(db["incidents"].rows_where("id = ? and status = 'active'", [incident_id]), None)
        if row is None or (row["created_at"] or "") >= week.end:
            continue
        incident = _decorate(db, dict(row), digest.site_url)
        incident.update(change)
        for report in incident["new_reports"]:
            report["link"] = report_url(digest.site_url, report)
        digest.changed.append(incident)
    digest.changed.sort(key=lambda i: (-len(i["new_reports"]), i["id"]))
    digest.patterns = _patterns(db, week)
    digest.statements = _notable_statements(db, week, digest.site_url)
    return digest


def _reports_of(db, incident_id: str, where: str = "", params=()) -> list[dict]:
    return [dict(row) for row in db.query(
        "select reports.id, reports.url, reports.title, reports.publisher, reports.published, "
        "reports.imported_at, incident_reports.role from incident_reports "
        "join reports on reports.id = incident_reports.report_id "
        f"where incident_reports.incident_id = ? {where} "
        "order by incident_reports.role = 'mention', coalesce(reports.published, '9999'), reports.id",
        [incident_id, *params])]


def _decorate(db, incident: dict, site_url: str) -> dict:
    """Add url, first reports, the blame quote and its speaker, a blast radius summary."""
    incident["url"] = incident_url(site_url, incident["id"])
    reports = _reports_of(db, incident["id"])
    for report in reports:
        report["link"] = report_url(site_url, report)
    incident["reports"] = reports[:FIRST_REPORTS]
    incident["systems"] = json.loads(incident["systems"]) if incident.get("systems") else []
    incident["blast_radius"] = blast_radius(incident)
    statement = next(db.query(
        "select statements.speaker, statements.quote from statements "
        "join mentions on mentions.id = statements.mention_id "
        "where mentions.incident_id = ? and statements.blamed = ? "
        "order by statements.quote = ? desc, statements.report_id, statements.start",
        [incident["id"], incident.get("blamed") or "", incident.get("blame_statement") or ""]), None)
    incident["quote"] = incident.get("blame_statement") or (statement or {}).get("quote")
    incident["speaker"] = (statement or {}).get("speaker")
    return incident


def blast_radius(incident: dict) -> str:
    """The damage in one line, e.g. "13 hours of outage; AWS Cost Explorer; 1,200 records lost"."""
    parts = []
    if incident.get("outage_hours"):
        parts.append(f"{incident['outage_hours']:g} hours of outage")
    if incident.get("systems"):
        parts.append(", ".join(incident["systems"]))
    if incident.get("region"):
        parts.append(f"in {incident['region']}")
    if incident.get("records_lost"):
        parts.append(f"{incident['records_lost']:,} records lost")
    if incident.get("people_affected"):
        parts.append(f"{incident['people_affected']:,} people affected")
    if incident.get("cost_usd"):
        parts.append(f"${incident['cost_usd']:,.0f}")
    if not parts and incident.get("target"):
        parts.append(incident["target"])
    return "; ".join(parts)


def _changes(db, week: Week) -> dict[str, dict]:
    """{incident id: {new_reports, new_statements, merged, revised}} for the week."""
    window = [week.start, week.end]
    changes: dict[str, dict] = {}

    def entry(incident_id):
        return changes.setdefault(incident_id, {"new_reports": [], "new_statements": [],
                                                "merged": [], "revised": False})

    for row in db.query(
        "select incident_reports.incident_id, reports.id, reports.url, reports.title, "
        "reports.publisher, reports.published from incident_reports "
        "join reports on reports.id = incident_reports.report_id "
        "where reports.imported_at >= ? and reports.imported_at < ? "
        "order by coalesce(reports.published, '9999'), reports.id", window):
        report = dict(row)
        incident_id = report.pop("incident_id")
        entry(incident_id)["new_reports"].append(report)
    for row in db.query(
        "select mentions.incident_id, statements.speaker, statements.blamed, statements.quote "
        "from statements join mentions on mentions.id = statements.mention_id "
        "join reports on reports.id = statements.report_id "
        "where reports.imported_at >= ? and reports.imported_at < ? and mentions.incident_id is not null "
        "order by statements.report_id, statements.start", window):
        entry(row["incident_id"])["new_statements"].append(
            {"speaker": row["speaker"], "blamed": row["blamed"], "quote": row["quote"]})
    for row in db.query("select id from incidents where updated_at >= ? and updated_at < ? "
                        "and created_at < ?", [*window, week.start]):
        entry(row["id"])["revised"] = True
    for row in db.query("select from_ids, to_ids from incident_merges where kind = 'merge' "
                        "and created_at >= ? and created_at < ?", window):
        for target in json.loads(row["to_ids"] or "[]"):
            absorbed = [i for i in json.loads(row["from_ids"] or "[]") if i != target]
            entry(target)["merged"].extend(absorbed)
    for row in db.query("select old_id, new_id from incident_redirects "
                        "where created_at >= ? and created_at < ?", window):
        entry(row["new_id"])["merged"].append(row["old_id"])
    for change in changes.values():
        change["merged"] = sorted(set(change["merged"]))
    return changes


def _patterns(db, week: Week) -> dict:
    """Counts of new incidents by action_type and by blamed: this week, the previous four."""
    earlier = week.shifted(-PATTERN_WEEKS)
    patterns = {}
    for column in ("action_type", "blamed"):
        current, previous = Counter(), Counter()
        for row in db.query(
            f"select coalesce({column}, 'unknown') as value, created_at >= ? as this_week, "
            "count(*) as n from incidents where status = 'active' and created_at >= ? "
            "and created_at < ? group by value, this_week",
            [week.start, earlier.start, week.end]):
            (current if row["this_week"] else previous)[row["value"]] += row["n"]
        values = sorted(set(current) | set(previous), key=lambda v: (-current[v], -previous[v], v))
        patterns[column] = [
            {"value": value, "week": current[value], "previous": previous[value],
             "average": round(previous[value] / PATTERN_WEEKS, 2)}
            for value in values
        ]
    return patterns


def _notable_statements(db, week: Week, site_url: str) -> list[dict]:
    """Statements assigning blame, from reports that entered the knowledge base this week."""
    rows = db.query(
        "select mentions.incident_id, statements.speaker, statements.blamed, statements.quote, "
        "reports.id as report_id, reports.url, reports.title from statements "
        "join mentions on mentions.id = statements.mention_id "
        "join incidents on incidents.id = mentions.incident_id and incidents.status = 'active' "
        "join reports on reports.id = statements.report_id "
        "where reports.imported_at >= ? and reports.imported_at < ? "
        "and statements.blamed is not null and statements.blamed != 'none' "
        "order by statements.speaker is null, length(statements.quote), statements.id",
        [week.start, week.end])
    chosen, seen, per_incident = [], set(), Counter()
    for row in rows:
        key = " ".join((row["quote"] or "").lower().split())
        if not key or key in seen or per_incident[row["incident_id"]] >= 2:
            continue
        seen.add(key)
        per_incident[row["incident_id"]] += 1
        chosen.append({
            "incident_id": row["incident_id"], "incident_url": incident_url(site_url, row["incident_id"]),
            "speaker": row["speaker"], "blamed": row["blamed"], "quote": row["quote"],
            "report_title": row["title"],
            "report_url": report_url(site_url, {"id": row["report_id"], "url": row["url"]}),
        })
        if len(chosen) >= NOTABLE_STATEMENTS:
            break
    return chosen


# ---------------------------------------------------------------- rendering

def one_line(value, limit: Optional[int] = None) -> str:
    """``value`` as a single line: every run of whitespace or control characters
    becomes one space; cut to ``limit`` characters with an ellipsis."""
    text = re.sub(r"[\s\x00-\x1f\x7f\u2028\u2029\x85]+", " ", str(value or "")).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


@lru_cache(maxsize=2)
def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]) if autoescape else False,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["one_line"] = one_line
    env.filters["label"] = lambda value: (value or "unknown").replace("_", " ")
    env.filters["blame"] = lambda value: BLAME_LABELS.get(value, (value or "unknown").replace("_", " "))
    return env


def subject_line(digest: WeekDigest) -> str:
    """E.g. "Blast Radius weekly, 2026-W47: 3 new incidents, 1 changed", bounded to 120 characters."""
    parts = []
    if digest.new:
        parts.append(f"{len(digest.new)} new incident{'s' if len(digest.new) != 1 else ''}")
    if digest.changed:
        parts.append(f"{len(digest.changed)} changed")
    subject = f"Blast Radius weekly, {digest.week.label}: {', '.join(parts) or 'nothing new'}"
    if digest.new:
        subject += f" (lead: {one_line(digest.new[0]['title'])})"
    return one_line(subject, SUBJECT_LIMIT)


def unsubscribe_links(subscriber: Subscriber, from_address: str,
                      unsubscribe_url: Optional[str]) -> tuple[str, str]:
    """(link for the email body, List-Unsubscribe header value).

    ``unsubscribe_url`` is a template with ``{token}`` (KB_UNSUBSCRIBE_URL),
    e.g. https://example.org/unsubscribe?token={token}; without it the link
    is a mailto: to the sender with the token in the subject, which
    ``kb unsubscribe --token`` processes.
    """
    sender = Address(addr_spec=_addr_spec(from_address))
    mailto = f"mailto:{sender.addr_spec}?" + urlencode(
        {"subject": f"unsubscribe {subscriber.token}"}, quote_via=quote)
    if unsubscribe_url:
        web = unsubscribe_url.replace("{token}", quote(subscriber.token, safe=""))
        return web, f"<{web}>, <{mailto}>"
    return mailto, f"<{mailto}>"


def _addr_spec(from_address: str) -> str:
    match = re.search(r"<([^<>]+)>\s*$", from_address)
    return (match.group(1) if match else from_address).strip()


def render(digest: WeekDigest, unsubscribe_link: str) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the digest; HTML escapes every scraped value."""
    context = {"digest": digest, "week": digest.week, "unsubscribe_link": unsubscribe_link,
               "site_url": digest.site_url}
    text = _environment(False).get_template("digest.txt").render(context)
    html = _environment(True).get_template("digest.html").render(context)
    return subject_line(digest), text, html


def message_id(week: Week, subscriber: Subscriber, from_address: str, attempt: int = 0) -> str:
    """A Message-ID fixed per (week, subscriber[, forced attempt]), so a resend after a
    crash is recognisable as the same message by mail clients."""
    suffix = f".{attempt}" if attempt else ""
    tag = hashlib.sha256(subscriber.token.encode()).hexdigest()[:12]
    return (f"<digest.{week.label}.{subscriber.id}.{tag}{suffix}"
            f"@{message_id_domain(from_address)}>")


def build_message(digest: WeekDigest, subscriber: Subscriber, from_address: str,
                  unsubscribe_url: Optional[str] = None, attempt: int = 0,
                  now: Optional[datetime] = None) -> EmailMessage:
    """One subscriber's digest as a multipart/alternative message (text, then HTML).

    Header values come from the subject line (scraped titles folded to one
    bounded line) and validated addresses only; the email policy refuses
    any header value with a line break, so scraped text cannot add headers.
    """
    link, list_unsubscribe = unsubscribe_links(subscriber, from_address, unsubscribe_url)
    subject, text, html = render(digest, link)
    message = EmailMessage(policy=BODY_POLICY)
    message["Subject"] = subject
    message["From"] = one_line(from_address)
    message["To"] = subscriber.email
    message["Date"] = format_datetime(now or datetime.now(timezone.utc))
    message["Message-ID"] = message_id(digest.week, subscriber, from_address, attempt)
    message["List-Unsubscribe"] = list_unsubscribe
    if unsubscribe_url:
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["List-Id"] = f"Blast Radius weekly digest <digest.{message_id_domain(from_address)}>"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # The bodies are encoded now; from here on the policy only folds headers, and
    # a List-Unsubscribe URL must stay one unencoded word however long.
    message.policy = HEADER_POLICY
    return message


def message_id_domain(from_address: str) -> str:
    """The domain of the sender's address ("localhost" without one)."""
    return _addr_spec(from_address).rpartition("@")[2] or "localhost"
