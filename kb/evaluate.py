"""Scores of predicted records against gold records (``kb evaluate``).

The one scoring module, used by the CLI and the tests; the rules are those of
annotation.md ("How kb evaluate scores"):

- relevance: precision, recall, F1 of ``relevant`` over all documents;
- fields: each gold incident is matched to a predicted incident of the same
  document by agent, else vendor, else deployer, else (for the gold primary)
  the predicted primary; exact match after canonicalisation for names and
  vocabularies, token-overlap F1 >= 0.5 for ``action`` and ``target``, within
  10% for numbers, any common element for ``systems``, same month for
  ``occurred``; null gold fields are not scored; an unmatched gold incident
  is wrong in every field it fills;
- grouping: pairwise precision, recall, F1 of "these two documents describe
  the same incident", predicted keys against gold keys.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Optional

from kb.nlp.types import BLAST_RADIUS_FIELDS, INCIDENT_FIELDS

EXACT_FIELDS = ("agent", "vendor", "deployer", "action_type", "blamed")
OVERLAP_FIELDS = ("action", "target", "blame_statement")
NUMBER_FIELDS = ("outage_hours", "records_lost", "people_affected", "cost_usd")
#: Fields reported in the score table (blame_statement is free text: reported, not targeted).
SCORED_FIELDS = INCIDENT_FIELDS


class GoldError(ValueError):
    """The gold file is missing or malformed; the message names the line."""


@dataclass
class PRF:
    """Precision, recall and F1 from true/false positive and false negative counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """All scores of one evaluation; ``fields[name] = [correct, scored]``."""

    documents: int = 0
    relevance: PRF = field(default_factory=PRF)
    fields: dict = field(default_factory=lambda: {name: [0, 0] for name in SCORED_FIELDS})
    grouping: PRF = field(default_factory=PRF)

    def accuracy(self, name: str) -> Optional[float]:
        correct, scored = self.fields[name]
        return correct / scored if scored else None

    def as_dict(self) -> dict:
        """Plain dict for ``--json``: relevance/grouping P/R/F1 and per-field accuracy."""
        prf = lambda s: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                         "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn}
        return {
            "documents": self.documents, "relevance": prf(self.relevance),
            "fields": {name: {"accuracy": None if self.accuracy(name) is None
                              else round(self.accuracy(name), 4),
                              "correct": c, "scored": n}
                       for name, (c, n) in self.fields.items()},
            "grouping": prf(self.grouping),
        }


def load_gold(path: Path) -> list[dict]:
    """Gold records from a JSONL file. Raises GoldError naming the bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GoldError(f"{path}: cannot read ({error.strerror or error})") from error
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldError(f"{path}:{number}: not JSON ({error.msg})") from error
        if not isinstance(record, dict) or "doc" not in record or "relevant" not in record:
            raise GoldError(f"{path}:{number}: a gold record needs 'doc' and 'relevant'")
        records.append(record)
    return records


def canonical(value) -> str:
    """Lower-case, whitespace-collapsed string form of a name or vocabulary value."""
    return " ".join(str(value).lower().split()) if value is not None else ""


def tokens(text) -> list[str]:
    return re.findall(r"[a-z0-9]+", str(text or "").lower())


def token_f1(predicted, gold) -> float:
    """Token-overlap F1 (bag of lower-case words) between two phrases."""
    p, g = tokens(predicted), tokens(gold)
    if not p or not g:
        return 0.0
    common = sum(min(p.count(t), g.count(t)) for t in set(p) & set(g))
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def field_value(incident: dict, name: str):
    if name in BLAST_RADIUS_FIELDS:
        return (incident.get("blast_radius") or {}).get(name)
    return incident.get(name)


def field_correct(name: str, predicted, gold) -> bool:
    """Whether ``predicted`` counts as right for a non-null ``gold`` value of field ``name``."""
    if predicted in (None, "", []):
        return False
    if name in EXACT_FIELDS:
        return canonical(predicted) == canonical(gold)
    if name in OVERLAP_FIELDS:
        return token_f1(predicted, gold) >= 0.5
    if name in NUMBER_FIELDS:
        try:
            return abs(float(predicted) - float(gold)) <= 0.1 * abs(float(gold))
        except (TypeError, ValueError):
            return False
    if name == "systems":
        return bool({canonical(s) for s in predicted} & {canonical(s) for s in gold})
    if name == "occurred":
        gold_date = str(gold)
        return str(predicted)[:len(gold_date[:7])] == gold_date[:7]
    if name == "region":
        return token_f1(predicted, gold) >= 0.5
    return canonical(predicted) == canonical(gold)


def match_incidents(gold_incidents: list[dict], predicted: list[dict]) -> list[Optional[dict]]:
    """For each gold incident, its predicted counterpart (or None), each prediction used once."""
    free = list(predicted)
    matches: list[Optional[dict]] = []
    for gold in gold_incidents:
        found = None
        for name in ("agent", "vendor", "deployer"):
            if gold.get(name):
                found = next((p for p in free if canonical(p.get(name)) == canonical(gold[name])), None)
                if found:
                    break
        if found is None and gold.get("primary"):
            found = next((p for p in free if p.get("primary")), None)
        if found is not None:
            free.remove(found)
        matches.append(found)
    return matches


def pairs(records: list[dict]) -> set[tuple[str, str]]:
    """Pairs of documents that share an incident key."""
    by_key: dict[str, set[str]] = {}
    for record in records:
        for incident in record.get("incidents") or []:
            if incident.get("key"):
                by_key.setdefault(incident["key"], set()).add(record["doc"])
    return {pair for docs in by_key.values() for pair in combinations(sorted(docs), 2)}


def score(gold_records: list[dict], predicted_records: list[dict]) -> Scores:
    """Score predictions (matched to gold by ``doc``; a missing prediction is "not relevant")."""
    by_doc = {record["doc"]: record for record in predicted_records}
    scores = Scores(documents=len(gold_records))
    for gold in gold_records:
        predicted = by_doc.get(gold["doc"], {"relevant": False, "incidents": []})
        if gold["relevant"] and predicted["relevant"]:
            scores.relevance.tp += 1
        elif predicted["relevant"]:
            scores.relevance.fp += 1
        elif gold["relevant"]:
            scores.relevance.fn += 1
        gold_incidents = gold.get("incidents") or []
        for gold_incident, match in zip(gold_incidents, match_incidents(
                gold_incidents, predicted.get("incidents") or [])):
            for name in SCORED_FIELDS:
                gold_value = field_value(gold_incident, name)
                if gold_value in (None, "", []):
                    continue
                scores.fields[name][1] += 1
                if match is not None and field_correct(name, field_value(match, name), gold_value):
                    scores.fields[name][0] += 1
    gold_pairs = pairs(gold_records)
    predicted_pairs = pairs([by_doc[g["doc"]] for g in gold_records if g["doc"] in by_doc])
    scores.grouping = PRF(tp=len(gold_pairs & predicted_pairs),
                          fp=len(predicted_pairs - gold_pairs),
                          fn=len(gold_pairs - predicted_pairs))
    return scores


def format_scores(scores: Scores) -> str:
    """The score table as printed by ``kb evaluate``."""
    lines = [f"documents: {scores.documents}", "",
             f"{'metric':<18}{'precision':>10}{'recall':>10}{'f1':>10}"]
    for label, prf in (("relevance", scores.relevance), ("grouping", scores.grouping)):
        lines.append(f"{label:<18}{prf.precision:>10.3f}{prf.recall:>10.3f}{prf.f1:>10.3f}")
    lines += ["", f"{'field':<18}{'accuracy':>10}{'correct':>10}{'scored':>10}"]
    for name in SCORED_FIELDS:
        correct, scored = scores.fields[name]
        accuracy = f"{correct / scored:.3f}" if scored else "-"
        lines.append(f"{name:<18}{accuracy:>10}{correct:>10}{scored:>10}")
    return "\n".join(lines)


def fingerprint(path: Path) -> str:
    """SHA-256 (hex) of a gold file's bytes: floors hold only for the gold they were set on."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def metric_values(scores: Scores) -> dict[str, Optional[float]]:
    """Flat metric name -> value: relevance_f1, grouping_f1 and each field's accuracy."""
    return {"relevance_f1": scores.relevance.f1, "grouping_f1": scores.grouping.f1,
            **{name: scores.accuracy(name) for name in SCORED_FIELDS}}


def check_gate(scores: Scores, floors_path: Path, gold_path: Path) -> list[str]:
    """Failures of the evaluation gate: one line per metric below its pinned floor,
    or a line saying the floors were set on another gold file.

    The floors file is JSON: {"gold_sha256": hex, "floors": {metric: floor}}.
    Raises GoldError when it cannot be read.
    """
    try:
        gate = json.loads(floors_path.read_text(encoding="utf-8"))
        floors = gate["floors"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise GoldError(f"{floors_path}: not a floors file ({error})") from error
    failures = []
    if gate.get("gold_sha256") and gate["gold_sha256"] != fingerprint(gold_path):
        failures.append(f"{gold_path} changed since the floors were pinned: measure and re-pin "
                        f"{floors_path} deliberately")
    values = metric_values(scores)
    for metric, floor in floors.items():
        value = values.get(metric)
        if value is None or value < floor:
            shown = "not measured" if value is None else f"{value:.3f}"
            failures.append(f"{metric}: {shown} is below its floor {floor}")
    return failures
