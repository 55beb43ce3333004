"""Extraction and grouping on files, without the database (``kb analyze``).

Produces one record per document in the gold format of annotation.md, so
scorers outside the project, and ``kb evaluate``, can compare it with labels.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Optional

from kb.nlp import analyze_text
from kb.nlp.prefilter import PREFILTER_NOTE, may_describe_incident
from kb.nlp.types import BLAST_RADIUS_FIELDS, DocumentAnalysis, Mention
from kb.resolve import MentionRef, consensus, group_mentions, incident_slug, unique_slug
from kb.text import (Document, DocumentError, document_from_html, is_html, is_supported,
                     read_document, read_text, visible_text)


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


def _ruled_out(document: Document) -> tuple[Document, DocumentAnalysis]:
    return document, DocumentAnalysis(relevant=False, relevance=0.0, language=document.language,
                                      note=PREFILTER_NOTE)


def analyze_path(path: Path):
    """Read and analyse one file: ``(document, analysis)``, or the error line (str).

    A web page is checked with the pre-filter twice before the full reading (which runs
    ftfy over the whole page, often the costliest step): on its visible text (tags
    stripped), then on trafilatura's article text taken from the page as it is. A page
    failing either check is not relevant, without spaCy ever running on it.
    """
    try:
        if is_supported(path) and is_html(path):
            html = read_text(path)
            visible = visible_text(html)
            if not may_describe_incident(visible):
                return _ruled_out(Document(path=str(path), title=None, text=visible))
            try:
                article = document_from_html(html, str(path))
            except DocumentError:
                article = None  # read_document below reports the problem
            if article is not None and not may_describe_incident(
                    f"{article.title or ''}\n{article.text}"):
                return _ruled_out(article)
        document = read_document(path)
    except DocumentError as error:
        return str(error)
    analysis = analyze_text(document.text, title=document.title,
                            published=document.published, language=document.language)
    return document, analysis


def warm_up() -> None:
    """Load everything :func:`analyze_path` needs once (spaCy model and gazetteer,
    pre-filter patterns, language model), so that forked worker processes inherit
    it instead of loading it again each."""
    from kb.nlp.pipeline import detect_language, get_pipeline
    from kb.nlp.prefilter import _patterns

    get_pipeline()
    _patterns()
    detect_language("warm up")


def _expected_cost(path: Path) -> tuple[int, int]:
    """Sort key putting the likely slowest files first: text and markdown files (parsed
    in full) before web pages (mostly ruled out by the pre-filter), larger first."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return (1 if is_html(path) else 0, -size)


def analyze_documents(
    docs: Iterable[tuple[str, Path]],
    on_error: Optional[Callable[[str], None]] = None,
    jobs: int = 1,
) -> list[dict]:
    """Analyse ``(name, path)`` pairs and group their incidents across documents.

    Returns one gold-format record per readable document, in input order:
    ``{"doc": name, "relevant": bool, "incidents": [...]}``; ``key`` is the
    predicted incident id, shared by every document about the same incident.
    An unreadable file is reported through ``on_error(line)`` and left out.
    ``jobs`` > 1 reads and analyses files in that many worker processes
    (forked after :func:`warm_up`, so they share the loaded spaCy model; the slowest
    files go out first, one at a time, so the workers finish together); grouping runs
    after, in this process.
    """
    docs = list(docs)
    paths = [path for _, path in docs]
    if jobs > 1 and len(paths) > 1:
        warm_up()
        order = sorted(range(len(paths)), key=lambda i: _expected_cost(paths[i]))
        results = [None] * len(paths)
        with ProcessPoolExecutor(jobs) as pool:
            for i, result in zip(order, pool.map(analyze_path, [paths[i] for i in order])):
                results[i] = result
    else:
        results = [analyze_path(path) for path in paths]
    analysed = []
    for (name, _), result in zip(docs, results):
        if isinstance(result, str):
            if on_error:
                on_error(result)
            continue
        analysed.append((name, *result))

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
