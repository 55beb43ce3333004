"""Merging and splitting incidents without losing an id.

An incident id, once published, keeps working: when two incidents turn out
to be one, the old id becomes a redirect to the surviving one
(``incident_redirects``: old id, new id, reason, time) and the merge log
(``incident_merges``) says what happened; a split is logged the same way.
Merges and splits come from the overrides file (:mod:`kb.overrides`, origin
"override") or from the automatic grouping (origin "automatic", when new
reports show two incidents are one or an incident's reports now belong
elsewhere).

:class:`Groups` holds the incidents of one ``kb resolve`` run as
``{incident id: [MentionRef]}`` and applies the overrides to them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Callable, Optional

import sqlite_utils

from kb.overrides import Overrides, report_matches


def load_redirects(db: sqlite_utils.Database) -> dict[str, str]:
    """{old id: new id} of every redirect (empty when the table does not exist)."""
    if not db["incident_redirects"].exists():
        return {}
    return {row["old_id"]: row["new_id"] for row in db["incident_redirects"].rows}


def follow(redirects: dict[str, str], incident_id: str) -> str:
    """The id ``incident_id`` leads to after every redirect (itself if none)."""
    seen = {incident_id}
    while incident_id in redirects:
        incident_id = redirects[incident_id]
        if incident_id in seen:
            break
        seen.add(incident_id)
    return incident_id


def log_change(db: sqlite_utils.Database, kind: str, from_ids: list[str], to_ids: list[str],
               reason: str, origin: str, now: str) -> None:
    """Append one entry to the merge log (``kind`` "merge" or "split")."""
    db["incident_merges"].insert({
        "kind": kind, "from_ids": json.dumps(sorted(from_ids)), "to_ids": json.dumps(sorted(to_ids)),
        "reason": reason, "origin": origin, "created_at": now})


class Groups:
    """The incidents of one run: ``groups`` {id: [MentionRef]} in the order they were made.

    ``previous`` maps a mention's ref to the incident id it had before this
    run; ``redirects`` are the redirects so far ({old: new}); ``issue(id)``
    records an id as issued. Overrides add ``redirects_added`` ({old: (new,
    reason)}), ``log`` entries (kind, from, to, reason, origin), ``pinned``
    mentions ({ref: (incident id, reason)}) and ``warnings`` (one line each).
    """

    def __init__(self, groups: dict[str, list], previous: dict, redirects: dict[str, str],
                 issue: Callable[[str], None], reports: list[dict],
                 new_slug: Callable[[list], str]):
        self.groups = groups
        self.previous = previous
        self.redirects = dict(redirects)
        self.issue = issue
        self.reports = reports
        self.new_slug = new_slug
        self.redirects_added: dict[str, tuple[str, str]] = {}
        self.revived: set[str] = set()
        self.log: list[tuple] = []
        self.pinned: dict = {}
        self.warnings: list[str] = []

    def follow(self, incident_id: str) -> str:
        return follow(self.redirects, incident_id)

    def report_ids(self, references, where: str) -> set:
        found = set()
        for reference in references:
            matches = {row["id"] for row in self.reports if report_matches(row, reference)}
            if not matches:
                self.warnings.append(f"{where}: no report {reference!r} in the knowledge base")
            found |= matches
        return found

    def apply(self, overrides: Overrides) -> None:
        """Apply merges, then splits, then pins (a later override wins)."""
        for merge in overrides.merges:
            self.merge(merge.from_ids, merge.into, merge.reason)
        for split in overrides.splits:
            self.split(split.incident, split.reports, split.reason, split.new_id)
        for pin in overrides.pins:
            self.pin(pin.report, pin.incident, pin.reason)
        self.groups = {key: refs for key, refs in self.groups.items() if refs}

    def merge(self, from_ids, into: str, reason: str) -> None:
        target = self.follow(into)
        for old in from_ids:
            if old == target:
                continue
            if old in self.groups:
                self.groups.setdefault(target, []).extend(self.groups.pop(old))
            elif old not in self.known_ids():
                self.warnings.append(f"merge into {into}: no incident {old!r}")
                continue
            self.issue(target)
            if self.redirects.get(old) != target:
                self.redirect(old, target, reason)
                self.log.append(("merge", [old], [target], reason, "override"))

    def split(self, incident: str, references, reason: str, new_id: Optional[str]) -> None:
        source = self.follow(incident)
        where = f"split of {incident}"
        if source not in self.groups:
            self.warnings.append(f"{where}: no active incident {incident!r}")
            return
        reports = self.report_ids(references, where)
        moved = [ref for ref in self.groups[source] if ref.report in reports]
        if not moved:
            self.warnings.append(f"{where}: none of its reports is named")
            return
        target = new_id or self._previous_id(moved, source) or self.new_slug(moved)
        self.groups[source] = [ref for ref in self.groups[source] if ref.report not in reports]
        self.groups.setdefault(target, []).extend(moved)
        self.issue(target)
        self.revive(target)
        if any(self.previous.get(ref.ref) != target for ref in moved):
            self.log.append(("split", [source], [source, target], reason, "override"))

    def pin(self, reference: str, incident: str, reason: str) -> None:
        target = self.follow(incident)
        for report in self.report_ids([reference], f"pin to {incident}"):
            refs = [ref for refs in self.groups.values() for ref in refs if ref.report == report]
            chosen = [ref for ref in refs if ref.mention.primary] or refs
            if not chosen:
                self.warnings.append(f"pin to {incident}: report {reference!r} names no incident")
                continue
            chosen_ids = {id(ref) for ref in chosen}
            for key in list(self.groups):
                self.groups[key] = [ref for ref in self.groups[key] if id(ref) not in chosen_ids]
            self.groups.setdefault(target, []).extend(chosen)
            self.issue(target)
            self.revive(target)
            for ref in chosen:
                self.pinned[ref.ref] = (target, reason)

    def redirect(self, old: str, new: str, reason: str) -> None:
        self.redirects[old] = new
        self.redirects_added[old] = (new, reason)
        self.revived.discard(old)

    def revive(self, incident_id: str) -> None:
        """An id that names an incident again stops redirecting."""
        if incident_id in self.redirects:
            del self.redirects[incident_id]
            self.redirects_added.pop(incident_id, None)
            self.revived.add(incident_id)

    def known_ids(self) -> set:
        return set(self.groups) | set(self.redirects) | {
            value for value in self.previous.values() if value}

    def _previous_id(self, moved: list, source: str) -> Optional[str]:
        """The id most of ``moved`` had before, unless it is ``source`` or taken."""
        votes = Counter(self.previous.get(ref.ref) for ref in moved)
        for candidate, _ in votes.most_common():
            if candidate and candidate != source and candidate not in self.groups:
                return candidate
        return None
