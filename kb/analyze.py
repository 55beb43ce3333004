"""Extraction and grouping on files, without the database (``kb analyze``).

Produces one record per document in the gold format of annotation.md, so
scorers outside the project, and ``kb evaluate``, can compare it with labels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional

from kb.nlp import analyze_text
from kb.nlp.types import BLAST_RADIUS_FIELDS, Mention
from kb.resolve import MentionRef, consensus, group_mentions, incident_slug, unique_slug
from kb.text import DocumentError, read_document


def mention_record(mention: Mention, key: Optional[str]) -> dict:
    """A mention as a gold-format incident object (blast radius nested)."""
    fields = mention.fields()
    return {
        "key": key,
        "primary": mention.primary,
        "agent": fields["agent"], "vendor": fields["vendor"], "deployer": fields["deployer"],
        "action": fields["action"], "action_type": fields["action_type"],
        "target": fields["target"],
        "blast_radius": {name: fields[name] for name in BLAST_RADIUS_FIELDS},
        "blamed": fields["blamed"], "blame_statement": fields["blame_statement"],
        "occurred": fields["occurred"],
    }


def analyze_documents(
    docs: Iterable[tuple[str, Path]],
    on_error: Optional[Callable[[str], None]] = None,
) -> list[dict]:
    """Analyse ``(name, path)`` pairs and group their incidents across documents.

    Returns one gold-format record per readable document, in input order:
    ``{"doc": name, "relevant": bool, "incidents": [...]}``; ``key`` is the
    predicted incident id, shared by every document about the same incident.
    An unreadable file is reported through ``on_error(line)`` and left out.
    """
    analysed = []
    for name, path in docs:
        try:
            document = read_document(path)
        except DocumentError as error:
            if on_error:
                on_error(str(error))
            continue
        analysis = analyze_text(document.text, title=document.title,
                                published=document.published, language=document.language)
        analysed.append((name, document, analysis))

    refs = [
        MentionRef((index, position), index, mention, document.published, document.text)
        for index, (_, document, analysis) in enumerate(analysed) if analysis.relevant
        for position, mention in enumerate(analysis.mentions)
    ]
    keys: dict = {}
    taken: set[str] = set()
    for cluster in group_mentions(refs):
        key = unique_slug(incident_slug(consensus(cluster)), taken)
        taken.add(key)
        for ref in cluster:
            keys[ref.ref] = key

    records = []
    for index, (name, _, analysis) in enumerate(analysed):
        incidents = [
            mention_record(mention, keys.get((index, position)))
            for position, mention in enumerate(analysis.mentions)
        ] if analysis.relevant else []
        records.append({"doc": name, "relevant": analysis.relevant, "incidents": incidents})
    return records
