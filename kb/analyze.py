"""Extraction and grouping on files, without the database (``kb analyze``).

Produces one record per document in the gold format of annotation.md, so
scorers outside the project, and ``kb evaluate``, can compare it with labels.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from kb.nlp.foreign import may_describe_incident as foreign_may_describe
from kb.nlp.prefilter import PREFILTER_NOTE, language_of, may_describe_incident, rule_out
from kb.nlp.types import BLAST_RADIUS_FIELDS, DocumentAnalysis, Mention
from kb.text import (Document, DocumentError, detect_language, document_from_html, is_html,
                     is_supported, read_document, read_text, visible_text)

#: What reading a file gives: ``(document, analysis)``, ``(document, None)`` when the
#: document still has to be parsed, or the error line (str) of an unreadable file.
Screened = Union[tuple[Document, Optional[DocumentAnalysis]], str]


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


def may_need_reading(text: str) -> bool:
    """True when ``text`` passes the English pre-filter, or is in another language and passes
    that language's cheap check (an AI term and a harm cue: ``kb.nlp.foreign``)."""
    if may_describe_incident(text):
        return True
    language = detect_language(text)
    return language not in (None, "en") and foreign_may_describe(text, language)


def screen_path(path: Path) -> Screened:
    """Read one file and decide what needs no parsing, without spaCy (see :data:`Screened`).

    A web page is checked with the pre-filter twice before the full reading (which runs
    ftfy over the whole page, often the costliest step): on its visible text (tags
    stripped), then on trafilatura's article text taken from the page as it is. An English
    page failing either check is not relevant (a non-English one goes on to its language's
    screen: :func:`may_need_reading`). A document read in full goes through
    :func:`kb.nlp.prefilter.rule_out` (language, pre-filter).
    """
    try:
        if is_supported(path) and is_html(path):
            html = read_text(path)
            visible = visible_text(html)
            if not may_need_reading(visible):
                return _ruled_out(Document(path=str(path), title=None, text=visible))
            try:
                article = document_from_html(html, str(path))
            except DocumentError:
                article = None  # read_document below reports the problem
            if article is not None and not may_need_reading(
                    f"{article.title or ''}\n{article.text}"):
                return _ruled_out(article)
        document = read_document(path)
    except DocumentError as error:
        return str(error)
    return document, rule_out(document.text, title=document.title,
                              language=language_of(document.text, document.language),
                              published=document.published)


def parse_document(document: Document) -> DocumentAnalysis:
    """The full analysis of a document that :func:`screen_path` left to parse (loads the
    spaCy pipeline on first use)."""
    from kb.nlp.pipeline import analyze_text

    return analyze_text(document.text, title=document.title, published=document.published,
                        language=document.language)


def analyze_path(path: Path) -> Union[tuple[Document, DocumentAnalysis], str]:
    """Read and analyse one file: ``(document, analysis)``, or the error line (str)."""
    screened = screen_path(path)
    if isinstance(screened, str) or screened[1] is not None:
        return screened
    return screened[0], parse_document(screened[0])


def warm_up() -> None:
    """Load the spaCy pipeline (model and gazetteer) that :func:`parse_document` needs,
    so that worker processes forked afterwards share it instead of loading it each."""
    from kb.nlp.pipeline import get_pipeline

    get_pipeline()


def _expected_cost(path: Path) -> tuple[int, int]:
    """Sort key putting the likely slowest files first: text and markdown files (parsed
    in full) before web pages (mostly ruled out by the pre-filter), larger first."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return (1 if is_html(path) else 0, -size)


def _pool(jobs: int) -> ProcessPoolExecutor:
    """``jobs`` worker processes forked from this one (they inherit what it loaded)."""
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))


def _analyse_in_parallel(paths: list[Path], jobs: int) -> list:
    """:func:`analyze_path` of every path, in order, with ``jobs`` worker processes.

    First the files are read and screened by workers that have no spaCy (the slowest
    files first, one at a time, so the workers finish together); as soon as one needs
    parsing, this process loads the spaCy pipeline while they go on. Then a second set
    of workers, forked after the load so they share the model, parses the documents
    that need it, longest first. A run where nothing needs parsing never loads spaCy.
    """
    order = sorted(range(len(paths)), key=lambda i: _expected_cost(paths[i]))
    results: list = [None] * len(paths)
    with _pool(jobs) as readers:
        for i, screened in zip(order, readers.map(screen_path, [paths[i] for i in order])):
            results[i] = screened
            if not isinstance(screened, str) and screened[1] is None:
                warm_up()
    todo = sorted((i for i, r in enumerate(results) if not isinstance(r, str) and r[1] is None),
                  key=lambda i: -len(results[i][0].text))
    if todo:
        with _pool(jobs) as parsers:
            documents = [results[i][0] for i in todo]
            for i, document, analysis in zip(todo, documents, parsers.map(parse_document, documents)):
                results[i] = (document, analysis)
    return results


def _incident_keys(analysed: list[tuple[str, Document, DocumentAnalysis]]) -> dict:
    """(document index, mention position) -> predicted incident id, for the mentions of
    the relevant documents among ``(name, document, analysis)`` triples, grouped across
    documents (``kb.resolve``, imported only when there is something to group)."""
    relevant = [(index, document, analysis) for index, (_, document, analysis)
                in enumerate(analysed) if analysis.relevant and analysis.mentions]
    if not relevant:
        return {}
    from kb.resolve import MentionRef, consensus, group_mentions, incident_slug, unique_slug

    refs = [MentionRef((index, position), index, mention, document.published, document.text,
                       analysis.language)
            for index, document, analysis in relevant
            for position, mention in enumerate(analysis.mentions)]
    keys: dict = {}
    taken: set[str] = set()
    for cluster in group_mentions(refs):
        key = unique_slug(incident_slug(consensus(cluster)), taken)
        taken.add(key)
        for ref in cluster:
            keys[ref.ref] = key
    return keys


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
    (:func:`_analyse_in_parallel`); grouping runs after, in this process.
    """
    docs = list(docs)
    paths = [path for _, path in docs]
    if jobs > 1 and len(paths) > 1:
        results = _analyse_in_parallel(paths, jobs)
    else:
        results = [analyze_path(path) for path in paths]
    analysed = []
    for (name, _), result in zip(docs, results):
        if isinstance(result, str):
            if on_error:
                on_error(result)
            continue
        analysed.append((name, *result))

    keys = _incident_keys(analysed)
    records = []
    for index, (name, _, analysis) in enumerate(analysed):
        incidents = [
            mention_record(mention, keys.get((index, position)))
            for position, mention in enumerate(analysis.mentions)
        ] if analysis.relevant else []
        records.append({"doc": name, "relevant": analysis.relevant, "incidents": incidents})
    return records
