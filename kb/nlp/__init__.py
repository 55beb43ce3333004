"""The NLP package: relevance, incident mentions and evidence from a report's text.

Public API::

    from kb.nlp import analyze_text, load_gazetteer, EXTRACTOR_VERSION
    analysis = analyze_text(text, title="...", published="2026-02-20")

Patterns (agents, vendors, product -> vendor, publishers) are data in ``patterns/*.jsonl``;
each field has its own module (relevance, entities, action, blast_radius, blame, occurred),
and ``pipeline`` puts them together.

The names are imported on first use (PEP 562), so that importing a light module of the
package (``kb.nlp.types``, ``kb.nlp.prefilter``) does not import spaCy.
"""

from importlib import import_module

#: Version of the extraction rules; bump it whenever a rule or a pattern file changes.
EXTRACTOR_VERSION = "rules-1.4"

#: Public name -> the module of this package that defines it.
_HOMES = {"analyze_text": "pipeline", "load_gazetteer": "gazetteer", "DocumentAnalysis": "types",
          "Evidence": "types", "Mention": "types", "Statement": "types"}

__all__ = ["EXTRACTOR_VERSION", *_HOMES]


def __getattr__(name: str):
    """Import a public name from its module on first use; AttributeError for others."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value
