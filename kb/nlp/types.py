"""The shapes the NLP package returns: plain dataclasses, no spaCy objects.

Offsets are character offsets into the report text that was analysed
(``text[start:end] == sentence``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

#: Fields of an incident record, in the order of annotation.md.
INCIDENT_FIELDS = (
    "agent", "vendor", "deployer", "action", "action_type", "target",
    "outage_hours", "systems", "region", "records_lost", "people_affected",
    "cost_usd", "blamed", "blame_statement", "occurred",
)
#: The blast-radius fields, nested under ``blast_radius`` in gold records.
BLAST_RADIUS_FIELDS = (
    "outage_hours", "systems", "region", "records_lost", "people_affected", "cost_usd",
)
ACTION_TYPES = (
    "delete_data", "destroy_infrastructure", "unauthorized_change", "fabrication",
    "financial_loss", "data_exposure", "compromised_agent", "other",
)
BLAMED = ("human", "ai", "vendor", "third_party", "none")


@dataclass
class Evidence:
    """Where one extracted value came from: a sentence of the report."""

    field: str
    value: object
    sentence: str
    start: int
    end: int
    #: The rule or component that produced the value, e.g. "blame.cue:user error".
    rule: str = ""
    #: How sure the producing rule is, 0..1.
    confidence: float = 1.0


@dataclass
class Statement:
    """A company statement about the cause: who said it and whom it blamed."""

    speaker: Optional[str]
    blamed: str
    quote: str
    start: int
    end: int


@dataclass
class Mention:
    """One incident as one report describes it (``primary`` = the report's main subject)."""

    primary: bool = False
    agent: Optional[str] = None
    vendor: Optional[str] = None
    deployer: Optional[str] = None
    action: Optional[str] = None
    action_type: Optional[str] = None
    target: Optional[str] = None
    outage_hours: Optional[float] = None
    systems: Optional[list[str]] = None
    region: Optional[str] = None
    records_lost: Optional[int] = None
    people_affected: Optional[int] = None
    cost_usd: Optional[float] = None
    blamed: str = "none"
    blame_statement: Optional[str] = None
    occurred: Optional[str] = None
    evidence: list[Evidence] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def fields(self) -> dict:
        """The incident fields as a flat dict (no evidence)."""
        return {name: getattr(self, name) for name in INCIDENT_FIELDS}


@dataclass
class DocumentAnalysis:
    """Everything extracted from one report.

    ``relevance`` is a score in [0, 1]; ``relevant`` is the decision.
    ``note`` explains a skipped or partial analysis (e.g. an unsupported language).
    """

    relevant: bool
    relevance: float
    language: Optional[str]
    mentions: list[Mention] = field(default_factory=list)
    note: Optional[str] = None
