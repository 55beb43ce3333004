"""Blast Radius: a knowledge base of AI agent incidents.

Stages (each a module): text (files -> report text), ingest (reports into the
database), extract (spaCy fields with evidence), resolve (reports -> incidents),
evaluate (scores against gold), serve (Datasette). The CLI in kb.cli sits on top.
"""

__version__ = "0.1.0"
