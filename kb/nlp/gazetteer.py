"""Known agents and vendors: the pattern data in ``patterns/*.jsonl`` and the ruler that uses it.

Files (one JSON object a line; adding an alias is adding a line):

- ``agents.jsonl``: EntityRuler patterns ``{"label": "AGENT", "pattern": "Kiro", "id": "Kiro"}``;
- ``vendors.jsonl``: EntityRuler patterns ``{"label": "VENDOR", "pattern": "AWS", "id": "Amazon"}``;
- ``model_families.jsonl``: who makes a family of model names, ``{"prefix": "GPT-", "vendor":
  "OpenAI"}``, for versioned names the agent list does not hold ("GPT-7.1 Nova");
- ``products.jsonl``: which vendor makes which agent, ``{"agent": "Cursor", "vendor": "Anysphere",
  "role": "agent"}``; ``role`` is ``"model"`` for foundation models (Claude, Gemini) that are
  usually the engine inside another product, and counts less when choosing a report's agent;
  ``"service": true`` marks a product its vendor runs itself for the public (a consumer chatbot,
  a search feature, a phone assistant), so that the vendor is its deployer unless a report
  names another.

The ruler runs before the statistical NER, so "AWS" is a VENDOR span with ``ent_id_ == "Amazon"``
and the NER only labels what the gazetteer does not know (ORG for Air Canada, DPD, ...).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only by the code that runs a pipeline
    from spacy.language import Language

PATTERN_DIR = Path(__file__).parent / "patterns"
RULER_NAME = "kb_gazetteer"
#: The pipeline component that tells people from agents with the same name (kb.nlp.person_names).
PERSON_NAMES = "kb_person_names"


def _read_jsonl(name: str) -> list[dict]:
    with open(PATTERN_DIR / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@lru_cache(maxsize=None)
def patterns() -> tuple[dict, ...]:
    """All EntityRuler patterns (agents then vendors), as read from the JSONL files."""
    return tuple(_read_jsonl("agents.jsonl") + _read_jsonl("vendors.jsonl"))


@lru_cache(maxsize=None)
def products() -> dict[str, dict]:
    """Agent id -> ``{"agent", "vendor", "role"}`` from ``products.jsonl``."""
    return {row["agent"]: row for row in _read_jsonl("products.jsonl")}


def vendor_of(agent: str | None) -> str | None:
    """The canonical vendor of a known agent id, or None when the agent is unknown."""
    row = products().get(agent or "")
    return row["vendor"] if row else None


@lru_cache(maxsize=None)
def model_families() -> tuple[tuple[str, str], ...]:
    """(lower-cased name prefix, vendor) pairs from ``model_families.jsonl``, longest first."""
    rows = [(row["prefix"].lower(), row["vendor"]) for row in _read_jsonl("model_families.jsonl")]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def family_vendor(name: str | None) -> str | None:
    """The vendor of a known agent, else of the model family the name starts with, else None."""
    if not name:
        return None
    known = vendor_of(name)
    if known:
        return known
    lower = name.lower()
    return next((vendor for prefix, vendor in model_families() if lower.startswith(prefix)), None)


def vendor_runs_it(agent: str | None) -> bool:
    """True when the agent id is a service its vendor runs for the public (``"service": true``
    in ``products.jsonl``: ChatGPT, Grok, AI Overviews ...), False for unknown ids."""
    row = products().get(agent or "")
    return bool(row and row.get("service"))


def is_model(agent: str | None) -> bool:
    """True when the agent id is a foundation model (``role == "model"``) rather than a product."""
    row = products().get(agent or "")
    return bool(row and row.get("role") == "model")


def sole_agent_of(vendor: str | None) -> str | None:
    """The vendor's only known agent product (e.g. Replit -> "Replit Agent"), else None.

    Used when a report names only the company ("Replit deleted a database"): with a single
    product the agent is unambiguous; with several (Amazon: Kiro, Amazon Q Developer) it is not.
    Pattern who.eponymous_product: with several, the product that carries the company's own
    name (``"eponymous": true`` in ``products.jsonl``: "Perplexity") is what a report naming only the company means
    ("a clerk used Perplexity"); its other products are named by their own names.
    """
    made = [row["agent"] for row in products().values()
            if row["vendor"] == vendor and row.get("role") != "model"]
    if len(made) > 1 and vendor in made and products()[vendor].get("eponymous"):
        return vendor
    return made[0] if len(made) == 1 else None


def load_gazetteer() -> list[dict]:
    """Known agents and vendors with their aliases, for the ``agents`` and ``vendors`` tables.

    Returns a list of dicts ``{"id", "kind": "agent"|"vendor", "vendor", "aliases"}``
    (``vendor`` is None for vendors); agents first, each list in file order.
    """
    aliases: dict[tuple[str, str], list[str]] = {}
    for row in patterns():
        kind = "agent" if row["label"] == "AGENT" else "vendor"
        aliases.setdefault((kind, row["id"]), []).append(row["pattern"])
    entries = []
    for agent, row in products().items():
        entries.append({"id": agent, "kind": "agent", "vendor": row["vendor"],
                        "aliases": aliases.get(("agent", agent), [agent])})
    vendor_ids = [key[1] for key in aliases if key[0] == "vendor"]
    for row in products().values():
        if row["vendor"] not in vendor_ids:
            vendor_ids.append(row["vendor"])
    for vendor in vendor_ids:
        entries.append({"id": vendor, "kind": "vendor", "vendor": None,
                        "aliases": aliases.get(("vendor", vendor), [vendor])})
    return entries


def add_gazetteer(nlp: Language) -> Language:
    """Add the agent/vendor EntityRuler (named ``kb_gazetteer``) before ``ner``, and after it
    the person-name check (``kb.nlp.person_names``); idempotent.

    Returns the same pipeline object.
    """
    if RULER_NAME not in nlp.pipe_names:
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before=before,
                             config={"overwrite_ents": True})
        ruler.add_patterns(list(patterns()))
    if PERSON_NAMES not in nlp.pipe_names:
        from . import person_names  # noqa: F401  (registers the component with spaCy)

        nlp.add_pipe(PERSON_NAMES, after="ner" if "ner" in nlp.pipe_names else RULER_NAME)
    return nlp
