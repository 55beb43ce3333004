"""The NLP package: relevance, incident mentions and evidence from a report's text.

Public API::

    from kb.nlp import analyze_text, load_gazetteer, EXTRACTOR_VERSION
    analysis = analyze_text(text, title="...", published="2026-02-20")

Patterns (agents, vendors, product -> vendor, publishers) are data in ``patterns/*.jsonl``;
each field has its own module (relevance, entities, action, blast_radius, blame, occurred),
and ``pipeline`` puts them together.
"""

from .gazetteer import load_gazetteer
from .pipeline import analyze_text
from .types import DocumentAnalysis, Evidence, Mention, Statement

#: Version of the extraction rules; bump it whenever a rule or a pattern file changes.
EXTRACTOR_VERSION = "rules-0.8"

__all__ = ["EXTRACTOR_VERSION", "analyze_text", "load_gazetteer", "DocumentAnalysis",
           "Evidence", "Mention", "Statement"]
