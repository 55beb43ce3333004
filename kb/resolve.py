"""Reports into incidents (``kb resolve``).

Each report's extracted mentions are grouped into incidents:

1. mentions are keyed by who acted: the agent's name when a report gives one
   (reports credit different makers far more often than they rename a
   product), else the vendor and the deployer; a cluster naming no agent
   joins the one named agent of its vendor, month and compatible action type;
2. inside one key, primary mentions dated to the same month are one incident
   when their reports' texts are alike (TF-IDF cosine >=
   :data:`SAME_INCIDENT_TEXT_SIMILARITY`; without texts, when they agree on
   the action type): one vendor's agent can fail twice in a month, and
   reports of one incident can disagree on its type; a report alike to two
   incidents of the month joins them into one; secondary mentions join the
   closest incident of their month;
3. a mention dated only to a year, or not dated, joins the incident of its key
   that is closest (same year, same action type, most reports) among those
   whose action type is compatible with its own (:func:`compatible_action_types`),
   or starts one.

The pure functions (:func:`group_mentions`, :func:`incident_slug`,
:func:`consensus`) serve both the database (:func:`resolve_db`) and
``kb analyze``. Ids are slugs like ``2025-12-amazon-kiro``; in the database an
id is never reused for another incident (``incident_ids`` keeps every id ever
issued) and survives re-runs (a cluster keeps the id its mentions had, else
the id of a known incident with the same signature).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Hashable, Optional

import sqlite_utils

from spacy.lang.en.stop_words import STOP_WORDS

from kb.db import utc_now
from kb.nlp.types import INCIDENT_FIELDS, Mention
from kb.overrides import Overrides
from kb.text import without_front_matter


@dataclass
class MentionRef:
    """A mention with where it came from: ``ref`` identifies it, ``published`` dates its report."""

    ref: Hashable
    report: Hashable
    mention: Mention
    published: Optional[str] = None
    text: Optional[str] = None
    #: The report's language ("en", "es", ...), None when unknown.
    language: Optional[str] = None


#: Cosine similarity of two reports' TF-IDF vectors above which two primary
#: mentions of one agent and month are one incident despite different action
#: types. On the dev corpus, reports of the same incident score 0.17-0.26 and
#: reports of different incidents of one agent and month 0.06-0.09.
SAME_INCIDENT_TEXT_SIMILARITY = 0.13


class TextSimilarity:
    """TF-IDF cosine between report texts; idf over the given texts (smoothed,
    so two texts alone still compare), English stop words and YAML front
    matter (a template's keys are not evidence of one story) left out."""

    def __init__(self, texts: list[str]):
        self.count = len(texts)
        self.document_frequency: Counter = Counter()
        for text in texts:
            self.document_frequency.update(set(self.words(text)))
        self._vectors: dict[str, dict] = {}

    @staticmethod
    def words(text: str) -> list[str]:
        body = without_front_matter(text).lower()
        return [w for w in re.findall(r"[a-z][a-z0-9\-]{2,}", body) if w not in STOP_WORDS]

    def vector(self, text: str) -> dict:
        if text not in self._vectors:
            counts = Counter(self.words(text))
            self._vectors[text] = {
                word: (1 + math.log(n)) * (math.log((self.count + 1) /
                                                    (self.document_frequency[word] + 1)) + 1)
                for word, n in counts.items()}
        return self._vectors[text]

    def cosine(self, a: Optional[str], b: Optional[str]) -> float:
        """Cosine similarity in [0, 1]; 0 when either text is missing."""
        if not a or not b:
            return 0.0
        va, vb = self.vector(a), self.vector(b)
        dot = sum(weight * vb.get(word, 0.0) for word, weight in va.items())
        norm = math.sqrt(sum(x * x for x in va.values()) * sum(x * x for x in vb.values()))
        return dot / norm if norm else 0.0


def slug(value: Optional[str]) -> str:
    """Lower-case ASCII slug: "Amazon Q Developer" -> "amazon-q-developer"."""
    return re.sub(r"[^a-z0-9]+", "-", (value or "").lower()).strip("-")


def identity(mention: Mention) -> tuple[str, str]:
    """Who acted: ("", agent slug) when the agent is named -- a product name says who acted
    whichever maker a report credits (reports disagree on vendors far more than on product
    names) -- else (vendor slug, deployer slug)."""
    agent = slug(mention.agent)
    return ("", agent) if agent else (slug(mention.vendor), slug(mention.deployer))


def month_of(mention: Mention) -> Optional[str]:
    """``yyyy-mm`` when the mention is dated to a month, else None."""
    occurred = mention.occurred or ""
    return occurred[:7] if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", occurred) else None


def year_of(mention: Mention) -> Optional[str]:
    occurred = mention.occurred or ""
    return occurred[:4] if re.match(r"\d{4}", occurred) else None


def signature(cluster: list[MentionRef]) -> str:
    """What makes the incident itself: ``vendor|agent|month|action_type`` of the consensus."""
    fields = consensus(cluster)
    probe = Mention(vendor=fields["vendor"], agent=fields["agent"], deployer=fields["deployer"])
    vendor, agent = identity(probe)
    return "|".join([vendor, agent, (fields["occurred"] or "")[:7], fields["action_type"] or ""])


def group_mentions(refs: list[MentionRef]) -> list[list[MentionRef]]:
    """Group mentions into incidents (see the module docstring for the rules).

    Returns clusters in a deterministic order (by their first mention's position
    in ``refs``); mentions naming neither vendor, agent nor deployer are dropped.
    """
    by_identity: dict[tuple[str, str], list[MentionRef]] = defaultdict(list)
    for ref in refs:
        key = identity(ref.mention)
        if key != ("", ""):
            by_identity[key].append(ref)
    texts = {ref.report: ref.text for ref in refs if ref.text}
    similarity = TextSimilarity(list(texts.values()))
    clusters: list[list[MentionRef]] = []
    for group in by_identity.values():
        clusters.extend(_group_one_identity(group, similarity))
    clusters = _join_unnamed_agents(clusters)
    order = {id(ref): index for index, ref in enumerate(refs)}
    clusters.sort(key=lambda cluster: min(order[id(ref)] for ref in cluster))
    return clusters


def _join_unnamed_agents(clusters: list[list[MentionRef]]) -> list[list[MentionRef]]:
    """A cluster whose reports name no agent ("the company's AI tool") joins the one cluster of
    a named agent with the same vendor, the same month and a compatible action type; with
    none or several such clusters it stays apart."""
    named = [c for c in clusters if any(ref.mention.agent for ref in c)]
    kept = []
    for cluster in clusters:
        if any(ref.mention.agent for ref in cluster):
            kept.append(cluster)
            continue
        fields = consensus(cluster)
        month = (fields["occurred"] or "")[:7]
        vendor = slug(fields["vendor"])
        if not vendor or len(month) != 7:
            kept.append(cluster)
            continue
        hosts = [c for c in named if slug(consensus(c)["vendor"]) == vendor
                 and (consensus(c)["occurred"] or "")[:7] == month
                 and compatible_action_types(consensus(c)["action_type"], fields["action_type"])]
        if len(hosts) == 1:
            hosts[0].extend(cluster)
        else:
            kept.append(cluster)
    return kept


def _group_one_identity(group: list[MentionRef], similarity: TextSimilarity) -> list[list[MentionRef]]:
    dated: dict[tuple[str, str], list[MentionRef]] = {}
    numbers = itertools.count()
    by_month: dict[str, list[MentionRef]] = defaultdict(list)
    undated: list[MentionRef] = []
    for ref in group:
        month = month_of(ref.mention)
        (by_month[month] if month else undated).append(ref)
    for month, refs in by_month.items():
        for ref in sorted(refs, key=lambda r: not r.mention.primary):
            if ref.mention.primary:
                # Every incident of the month this report tells the story of;
                # a report telling two of them shows they are one.
                matching = [key for key, members in dated.items() if key[0] == month and any(
                    _same_story(m, ref, similarity) for m in members if m.mention.primary)]
                target = dated[matching[0]] if matching else None
                for key in matching[1:]:
                    target.extend(dated.pop(key))
            else:
                target = _closest(dated, ref, month)
            if target is None:
                dated[(month, f"#{next(numbers)}")] = [ref]
            else:
                target.append(ref)
    clusters = dict(dated)
    for ref in sorted(undated, key=lambda r: not r.mention.primary):
        target = _closest(clusters, ref, None) if clusters else None
        if target is None:
            clusters[(year_of(ref.mention) or "", f"#{next(numbers)}")] = [ref]
        else:
            target.append(ref)
    return list(clusters.values())


def _same_story(a: MentionRef, b: MentionRef, similarity: TextSimilarity) -> bool:
    """Two primary mentions of one agent and month tell the same story: their
    reports' texts are alike, or (without texts, or with texts in two different
    languages, whose words cannot be compared) their action types are compatible
    (:func:`compatible_action_types`; a non-English report has a type but no phrase)."""
    if a.report == b.report:
        return True
    if a.language and b.language and a.language != b.language:
        return bool(a.mention.action_type) and compatible_action_types(
            a.mention.action_type, b.mention.action_type)
    if a.text and b.text:
        return similarity.cosine(a.text, b.text) >= SAME_INCIDENT_TEXT_SIMILARITY
    return a.mention.action_type == b.mention.action_type


#: Action types that reports of one incident use interchangeably (wiping a
#: database is often told as tearing down its environment, and back).
ACTION_TYPE_FAMILIES = ({"delete_data", "destroy_infrastructure"},)


def compatible_action_types(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two mentions' action types can describe one incident: equal,
    in one of :data:`ACTION_TYPE_FAMILIES`, or either one unknown."""
    if not a or not b or a == b:
        return True
    return any(a in family and b in family for family in ACTION_TYPE_FAMILIES)


def _closest(clusters: dict, ref: MentionRef, month: Optional[str]) -> Optional[list[MentionRef]]:
    """The cluster ``ref`` fits best: same month or year, same action type, most reports."""
    year = year_of(ref.mention)

    def fit(item):
        (cluster_date, _), refs = item
        same_type = any(r.mention.action_type == ref.mention.action_type for r in refs)
        same_date = (month and cluster_date == month) or (year and cluster_date.startswith(year))
        return (bool(same_date), same_type, len({r.report for r in refs}))

    candidates = [item for item in clusters.items() if not month or item[0][0] == month]
    if not month:
        # Without a month only the kind of action ties a mention to an incident.
        candidates = [item for item in candidates if any(
            compatible_action_types(r.mention.action_type, ref.mention.action_type)
            for r in item[1])]
    if not candidates:
        return None
    if year and not month:
        in_year = [item for item in candidates if not item[0][0] or item[0][0].startswith(year)]
        if not in_year:
            return None
        candidates = in_year
    return max(candidates, key=fit)[1]


#: Most systems an incident lists (the most often reported ones).
MAX_SYSTEMS = 5


def consensus(cluster: list[MentionRef]) -> dict:
    """The incident's fields voted from its mentions.

    Each field takes its most frequent non-empty value (a primary mention
    counts twice; ties go to the earliest mention); ``blamed`` prefers any
    reported statement over "none"; ``systems`` is the union in order of
    votes, at most :data:`MAX_SYSTEMS`.
    Returns a dict with the keys of :data:`INCIDENT_FIELDS`.
    """
    result: dict = {}
    for name in INCIDENT_FIELDS:
        votes: Counter = Counter()
        first_seen: dict = {}
        for index, ref in enumerate(cluster):
            value = getattr(ref.mention, name)
            if value in (None, "", []) or (name == "blamed" and value == "none"):
                continue
            values = value if name == "systems" else [value]
            for item in values:
                votes[item] += 2 if ref.mention.primary else 1
                first_seen.setdefault(item, index)
        ranked = sorted(votes, key=lambda v: (-votes[v], first_seen[v]))
        if name == "systems":
            result[name] = ranked[:MAX_SYSTEMS] or None
        else:
            result[name] = ranked[0] if ranked else None
    result["blamed"] = result["blamed"] or "none"
    return result


def incident_slug(fields: dict) -> str:
    """The id an incident would be born with: ``yyyy-mm-vendor-agent``.

    The date part is the month (or year) it occurred, ``undated`` if unknown;
    the agent part falls back to the deployer, then to ``agent``.
    """
    date = (fields.get("occurred") or "undated")[:7]
    vendor = slug(fields.get("vendor"))
    agent = slug(fields.get("agent")) or slug(fields.get("deployer")) or "agent"
    parts = [date, vendor, agent] if vendor and vendor != agent else [date, agent]
    return "-".join(parts)


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not in ``taken``."""
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def similarity(mention: Mention, fields: dict) -> float:
    """Share of the identifying fields (vendor, agent, month, action_type) that
    ``mention`` states and that agree with the incident's ``fields``; 0..1."""
    pairs = [
        (slug(mention.vendor), slug(fields.get("vendor"))),
        (slug(mention.agent), slug(fields.get("agent"))),
        (month_of(mention), (fields.get("occurred") or "")[:7] or None),
        (mention.action_type, fields.get("action_type")),
    ]
    stated = [(a, b) for a, b in pairs if a]
    if not stated:
        return 0.0
    return round(sum(1 for a, b in stated if a == b) / len(stated), 3)


# --- the database -----------------------------------------------------------

def load_mention_refs(db: sqlite_utils.Database) -> tuple[list[MentionRef], dict, dict]:
    """Mentions of relevant reports, in report order, each one's previous
    incident id ({mention id: id}) and the automatic group it fell in last
    time ({mention id: id}; the previous incident id when not recorded).

    Copies of a relevant report (``reports.duplicate_of``) are left out: they
    join their original's incidents as copies, not as sources of their own.
    """
    columns = db["mentions"].columns_dict
    copies = "reports.duplicate_of is null or reports.duplicate_of not in " \
             "(select id from reports where relevant = 1)" \
        if "duplicate_of" in db["reports"].columns_dict else "1"
    grouped_as = "mentions.grouped_as" if "grouped_as" in columns else "null"
    refs, previous, grouped = [], {}, {}
    sql = f"""
        select mentions.*, {grouped_as} as grouped_as_, reports.published, reports.text,
               reports.language as report_language
        from mentions join reports on reports.id = mentions.report_id
        where reports.relevant = 1 and ({copies})
        order by mentions.report_id, mentions.position
    """
    for row in db.query(sql):
        values = {name: row[name] for name in INCIDENT_FIELDS}
        values["systems"] = json.loads(row["systems"]) if row["systems"] else None
        mention = Mention(primary=bool(row["is_primary"]), **values)
        refs.append(MentionRef(row["id"], row["report_id"], mention, row["published"],
                               row["text"], row["report_language"]))
        previous[row["id"]] = row["incident_id"]
        grouped[row["id"]] = row["grouped_as_"] or row["incident_id"]
    return refs, previous, grouped


def resolve_db(db: sqlite_utils.Database, overrides: Optional[Overrides] = None,
               crosswalk: Optional[list[dict]] = None) -> dict:
    """Group all mentions in the database into incidents, keeping ids stable.

    Steps: find copies among reports (:func:`kb.dedupe.dedupe_db`); group the
    mentions of the other relevant reports (:func:`group_mentions`); give each
    group its id (:func:`assign_stable_ids`, else a new one); apply
    ``overrides`` (merges, splits, pins, field corrections, from
    :mod:`kb.overrides`); write ``incidents`` (fields, title, counts of
    independent reports, coverage), ``incident_reports`` (copies with role
    "copy"), ``mentions.incident_id`` / ``grouped_as``, redirects and the merge
    log (:mod:`kb.merges`) and ``incident_crosswalk`` (from the reports and
    the curated ``crosswalk`` entries, :mod:`kb.crosswalk`).

    An incident whose reports now all belong to another incident becomes a
    redirect to it (automatic merge); one left without reports stays with
    status "retired". No id is ever reused or dropped.
    Returns counts {"incidents", "new", "retired", "merged", "duplicates"} and
    "warnings" (lines about overrides that name unknown incidents or reports).
    """
    from kb.crosswalk import crosswalk_db
    from kb.dedupe import dedupe_db
    from kb.merges import Groups, load_redirects, log_change

    overrides = overrides or Overrides()
    dedupe = dedupe_db(db)
    refs, previous, grouped = load_mention_refs(db)
    clusters = group_mentions(refs)
    automatic = assign_stable_ids(db, clusters, grouped)
    issued = {row["id"] for row in db["incident_ids"].rows}
    before = {row["id"]: row["status"] for row in db.query("select id, status from incidents")}
    now, fresh = utc_now(), []

    def issue(incident_id: str) -> None:
        if incident_id not in issued:
            issued.add(incident_id)
            fresh.append(incident_id)

    def new_slug(cluster: list[MentionRef]) -> str:
        incident_id = unique_slug(incident_slug(consensus(cluster)),
                                  issued | set(automatic.values()))
        issue(incident_id)
        return incident_id

    for index, cluster in enumerate(clusters):
        if index not in automatic:
            automatic[index] = new_slug(cluster)
    grouped_as = {ref.ref: automatic[index] for index, cluster in enumerate(clusters)
                  for ref in cluster}
    reports = list(db.query("select id, origin, url from reports"))
    groups = Groups({automatic[index]: list(cluster) for index, cluster in enumerate(clusters)},
                    previous, load_redirects(db), issue, reports, new_slug)
    groups.apply(overrides)
    active = set(groups.groups)
    previous_pairs: dict = defaultdict(set)
    for row in db.query("select incident_id, report_id, role from incident_reports "
                        "where role != 'copy'"):
        previous_pairs[row["incident_id"]].add((row["report_id"], row["role"]))
    new_pairs = {key: {(ref.report, "primary" if ref.mention.primary else "mention") for ref in refs}
                 for key, refs in groups.groups.items()}

    retired = 0
    with db.conn:
        db["incident_ids"].insert_all({"id": incident_id, "issued_at": now} for incident_id in fresh)
        db.execute("delete from incident_reports")
        db.execute("update mentions set incident_id = null, grouped_as = null")
        db.execute("delete from evidence where rule = 'override'")
        copies = _copies(db)
        texts = TextSimilarity(list({ref.report: ref.text for ref in refs if ref.text}.values()))
        corrections = defaultdict(list)
        for correction in overrides.corrections:
            corrections[groups.follow(correction.incident)].append(correction)
        for incident_id, cluster in groups.groups.items():
            fields = consensus(cluster)
            own = corrections.pop(incident_id, [])
            for correction in own:
                fields[correction.field] = correction.value
            _write_incident(db, incident_id, cluster, fields, signature(cluster), now, copies,
                            texts)
            for ref in cluster:
                db.execute("update mentions set grouped_as = ? where id = ?",
                           [grouped_as.get(ref.ref, incident_id), ref.ref])
            _record_overrides(db, incident_id, cluster, own, groups.pinned, overrides.source)
        for incident_id in corrections:
            groups.warnings.append(f"correction of {incident_id}: no active incident {incident_id!r}")
        for kind, from_ids, to_ids, reason, origin in groups.log:
            log_change(db, kind, from_ids, to_ids, reason, origin, now)
        # Incidents that were active and are no more: merged into where their reports went.
        for incident_id, status in before.items():
            if incident_id in active or status != "active" or incident_id in groups.redirects:
                continue
            overlap = Counter({key: len(previous_pairs[incident_id] & pairs)
                               for key, pairs in new_pairs.items()})
            targets = [key for key, count in overlap.most_common() if count]
            if targets:
                reason = (f"automatic: its reports now belong to {', '.join(sorted(targets))}")
                groups.redirect(incident_id, targets[0], reason)
                log_change(db, "merge" if len(targets) == 1 else "split", [incident_id],
                           targets, reason, "automatic", now)
        for incident_id in fresh:
            sources = {previous.get(ref.ref) for ref in groups.groups.get(incident_id, [])}
            sources = sorted(s for s in sources if s and s in active and s != incident_id)
            if sources and not any(entry[0] == "split" and incident_id in entry[2]
                                   for entry in groups.log):
                log_change(db, "split", sources, [*sources, incident_id],
                           "automatic: reports of one incident now tell another", "automatic", now)
        _write_redirects(db, groups, now)
        redirected = [key for key in before if key in groups.redirects and key not in active]
        if redirected:
            db.execute(f"delete from incidents where id in ({','.join('?' * len(redirected))})",
                       redirected)
        ids = sorted(active)
        retired = db.execute(
            "update incidents set status = 'retired', report_count = 0, updated_at = ? "
            f"where status = 'active' and id not in ({','.join('?' * len(ids))})",
            [now, *ids],
        ).rowcount
        crosswalk_db(db, crosswalk or [], groups.follow)
    return {"incidents": len(groups.groups), "new": sum(1 for key in active if key in fresh),
            "retired": retired, "merged": len(groups.redirects_added),
            "duplicates": dedupe["duplicates"],
            "warnings": groups.warnings}


def _copies(db: sqlite_utils.Database) -> dict:
    """{original report id: [(copy report id, similarity)]}."""
    copies = defaultdict(list)
    for row in db.query("select id, duplicate_of, duplicate_similarity from reports "
                        "where duplicate_of is not null order by id"):
        copies[row["duplicate_of"]].append((row["id"], row["duplicate_similarity"]))
    return copies


def _write_redirects(db: sqlite_utils.Database, groups, now: str) -> None:
    """Store redirects added this run, drop those of revived ids, and point
    every redirect straight at the id it finally leads to."""
    from kb.merges import follow

    for old, (new, reason) in groups.redirects_added.items():
        db["incident_redirects"].upsert(
            {"old_id": old, "new_id": new, "reason": reason, "created_at": now}, pk="old_id")
    active = set(groups.groups)
    for row in list(db["incident_redirects"].rows):
        if row["old_id"] in active:
            db["incident_redirects"].delete(row["old_id"])
            continue
        final = follow(groups.redirects, row["old_id"])
        if final != row["new_id"]:
            db["incident_redirects"].update(row["old_id"], {"new_id": final})


def _record_overrides(db, incident_id, cluster, corrections, pinned, source) -> None:
    """Evidence rows (rule "override", confidence 1) for this incident's
    ``corrections`` and its ``pinned`` mentions: the override is the evidence."""
    anchor = next((ref for ref in cluster if ref.mention.primary), cluster[0])
    rows = [{"report_id": anchor.report, "mention_id": anchor.ref, "field": correction.field,
             "value": json.dumps(correction.value) if isinstance(correction.value, list)
             else str(correction.value),
             "sentence": f"{correction.reason} (override in {source})",
             "rule": "override", "confidence": 1.0} for correction in corrections]
    rows += [{"report_id": ref.report, "mention_id": ref.ref, "field": "incident",
              "value": incident_id, "sentence": f"{pinned[ref.ref][1]} (override in {source})",
              "rule": "override", "confidence": 1.0} for ref in cluster if ref.ref in pinned]
    if rows:
        db["evidence"].insert_all(rows)


def assign_stable_ids(db: sqlite_utils.Database, clusters: list[list[MentionRef]],
                      previous: dict) -> dict[int, str]:
    """Existing incident ids for the clusters that had one: {cluster index: id}.

    In order of trust: the id most of the cluster's mentions had; the
    incident whose (report, role) pairs overlap the cluster's most (Jaccard
    >= 0.5, ties to the same signature; for re-extracted mentions, which
    have no id yet); an incident with the same signature. Each id goes to
    one cluster at most. ``previous`` is {mention id: the id of the group it
    fell in last time}.
    """
    ids: dict[int, str] = {}
    for index, cluster in enumerate(clusters):
        votes = Counter(previous.get(ref.ref) for ref in cluster)
        votes.pop(None, None)
        for incident_id, _ in votes.most_common():
            if incident_id not in ids.values():
                ids[index] = incident_id
                break
    previous_reports: dict = defaultdict(set)
    for row in db.query("select incident_id, report_id, role from incident_reports "
                        "where role != 'copy'"):
        previous_reports[row["incident_id"]].add((row["report_id"], row["role"]))
    signatures = {row["id"]: row["signature"] for row in db.query("select id, signature from incidents")}
    overlaps = []
    for index, cluster in enumerate(clusters):
        reports = {(ref.report, "primary" if ref.mention.primary else "mention") for ref in cluster}
        own_signature = signature(cluster)
        for incident_id, before in previous_reports.items():
            shared = len(reports & before)
            if shared:
                overlaps.append((shared / len(reports | before),
                                 signatures.get(incident_id) == own_signature, index, incident_id))
    for jaccard, _, index, incident_id in sorted(overlaps, key=lambda o: (-o[0], not o[1], o[2], o[3])):
        if jaccard >= 0.5 and index not in ids and incident_id not in ids.values():
            ids[index] = incident_id
    by_signature = {row["signature"]: row["id"] for row in db.query(
        "select id, signature from incidents order by created_at desc")}
    for index, cluster in enumerate(clusters):
        candidate = by_signature.get(signature(cluster))
        if index not in ids and candidate and candidate not in ids.values():
            ids[index] = candidate
    return ids


def incident_title(fields: dict) -> str:
    """A one-line title: "Kiro (Amazon): deleted and recreated the environment"."""
    who = fields.get("agent") or fields.get("deployer") or fields.get("vendor") or "AI agent"
    if fields.get("vendor") and fields.get("vendor") != who:
        who = f"{who} ({fields['vendor']})"
    what = fields.get("action") or (fields.get("action_type") or "incident").replace("_", " ")
    return f"{who}: {what}"


#: Fields whose evidence sentences describe what happened (in this order).
KEY_SENTENCE_FIELDS = ("action", "action_type", "target", "outage_hours", "systems", "region",
                       "records_lost", "people_affected", "cost_usd", "blame_statement")


def key_sentences(db: sqlite_utils.Database, mention_ids: list, limit: int = 12) -> Optional[str]:
    """The distinct evidence sentences of the given mentions (primary mentions
    first, fields in :data:`KEY_SENTENCE_FIELDS` order), one per line."""
    if not mention_ids:
        return None
    order = " ".join(f"when '{name}' then {i}" for i, name in enumerate(KEY_SENTENCE_FIELDS))
    rows = db.query(
        f"""select evidence.sentence from evidence join mentions on mentions.id = evidence.mention_id
        where evidence.mention_id in ({','.join('?' * len(mention_ids))})
          and coalesce(evidence.rule, '') != 'override'
          and evidence.field in ({','.join('?' * len(KEY_SENTENCE_FIELDS))})
        order by mentions.is_primary desc, mentions.report_id,
          case evidence.field {order} end, evidence.start""",
        [*mention_ids, *KEY_SENTENCE_FIELDS])
    sentences = list(dict.fromkeys(" ".join(row["sentence"].split()) for row in rows))
    return "\n".join(sentences[:limit]) or None


def _write_incident(db, incident_id, cluster, fields, sig, now, copies=None,
                    texts: Optional[TextSimilarity] = None) -> None:
    """Write one incident row, its ``incident_reports`` (each independent
    report with its role, similarity and text similarity, then each copy of
    one with role "copy") and its mentions' ``incident_id``. ``report_count``
    counts independent reports only."""
    dates = sorted(ref.published for ref in cluster if ref.published)
    reports = {}
    for ref in cluster:
        role = "primary" if ref.mention.primary else "mention"
        score = similarity(ref.mention, fields)
        current = reports.get(ref.report)
        if current is None or (role == "primary" and current[0] != "primary") or score > current[1]:
            reports[ref.report] = (role, score)
    fields = dict(fields)
    title = fields.pop("title", None) or incident_title(fields)
    row = {
        **fields,
        "key_sentences": key_sentences(db, [ref.ref for ref in cluster]),
        "systems": json.dumps(fields["systems"]) if fields["systems"] else None,
        "id": incident_id, "title": title, "signature": sig,
        "status": "active", "report_count": len(reports),
        "first_reported": dates[0] if dates else None,
        "last_reported": dates[-1] if dates else None, "updated_at": now,
        **coverage(db, cluster),
    }
    existing = next(db["incidents"].rows_where("id = ?", [incident_id]), None)
    if existing is None:
        db["incidents"].insert({**row, "created_at": now})
    elif any(existing.get(name) != value for name, value in row.items() if name != "updated_at"):
        db["incidents"].update(incident_id, row)
    copy_rows = [(copy, role, score, text_score) for report, (role, score) in reports.items()
                 for copy, text_score in (copies or {}).get(report, []) if copy not in reports]
    alike = _text_similarities(cluster, texts)
    db["incident_reports"].insert_all(
        [{"incident_id": incident_id, "report_id": report, "role": role, "similarity": score,
          "text_similarity": alike.get(report)} for report, (role, score) in reports.items()]
        + [{"incident_id": incident_id, "report_id": copy, "role": "copy", "similarity": score,
            "text_similarity": text_score} for copy, role, score, text_score in copy_rows],
        ignore=True)
    db.execute(
        f"update mentions set incident_id = ? where id in ({','.join('?' * len(cluster))})",
        [incident_id, *[ref.ref for ref in cluster]],
    )


def _text_similarities(cluster: list[MentionRef], texts: Optional[TextSimilarity]) -> dict:
    """{report: highest TF-IDF cosine (3 decimals) of its text with the text of
    another report whose primary mention is in ``cluster``}; reports without
    text or without such another report are left out."""
    if texts is None:
        return {}
    primary = {ref.report: ref.text for ref in cluster if ref.mention.primary and ref.text}
    result = {}
    for ref in cluster:
        scores = [texts.cosine(ref.text, text) for report, text in primary.items()
                  if report != ref.report]
        if ref.text and scores:
            result[ref.report] = max(round(max(scores), 3), result.get(ref.report, 0.0))
    return result


def coverage(db: sqlite_utils.Database, cluster: list[MentionRef]) -> dict:
    """Who broke the story and when the company first spoke:
    {"first_reported_by": publisher (else author, else site) of the earliest
    independent report, "company_first_commented": date (yyyy-mm-dd) of the
    earliest company statement, its report's publication date when undated}."""
    if "first_reported_by" not in db["incidents"].columns_dict:
        return {}
    report_ids = sorted({ref.report for ref in cluster})
    marks = ",".join("?" * len(report_ids))
    first = next(db.query(
        f"select publisher, author, url from reports where id in ({marks}) "
        "order by coalesce(published, '9999'), id limit 1", report_ids), {})
    site = re.sub(r"^https?://(www\.)?([^/]+).*", r"\2", first.get("url") or "") or None
    mention_ids = [ref.ref for ref in cluster]
    commented = db.execute(
        f"""select min(coalesce(statements.date, reports.published)) from statements
        join reports on reports.id = statements.report_id
        where statements.mention_id in ({','.join('?' * len(mention_ids))})""",
        mention_ids).fetchone()[0]
    return {"first_reported_by": first.get("publisher") or first.get("author") or site,
            "company_first_commented": commented}
