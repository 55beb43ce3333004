"""Near-duplicate reports: copies and light rewrites of one text.

Republished blog posts, syndicated wire stories and "AI-processed" rewrites
tell one source's story again; they must not count as independent sources.
Each report's text (front matter left out) becomes a set of word shingles;
datasketch's MinHash LSH finds candidate pairs, and the exact Jaccard
similarity of the shingle sets decides (>= :data:`DUPLICATE_SIMILARITY`).

Reports are visited from the earliest (publication date, then report id), so
every copy points to the earliest copy of its text (``reports.duplicate_of``,
``reports.duplicate_similarity``); an original never points anywhere.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

import sqlite_utils
from datasketch import MinHash, MinHashLSH

from kb.text import without_front_matter

#: Jaccard similarity of two reports' word-trigram sets at and above which the
#: later one is a copy of the earlier one. Distinct articles about one incident
#: share at most ~0.05 of their trigrams on the project's corpus; a copy with a
#: new headline, intro or a few reworded sentences keeps well above half.
DUPLICATE_SIMILARITY = 0.5

#: Words per shingle.
SHINGLE_WORDS = 3

#: MinHash permutations (more is more exact and slower).
PERMUTATIONS = 128


def shingles(text: str) -> set[str]:
    """The report's word trigrams (lower case, front matter left out).

    A text shorter than a shingle gives the whole text as one shingle; an
    empty text gives an empty set.
    """
    words = re.findall(r"\w+", without_front_matter(text or "").lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(a: set, b: set) -> float:
    """|a & b| / |a | b| in [0, 1]; 0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def find_duplicates(reports: Iterable[tuple], threshold: float = DUPLICATE_SIMILARITY
                    ) -> dict:
    """Copies among ``reports``: {copy key: (original key, similarity)}.

    ``reports`` are ``(key, text)`` pairs in the order that decides which copy
    is the original (earliest first). Each report is compared with the
    originals before it; it becomes a copy of the most similar one at or
    above ``threshold`` (ties to the earlier), else an original itself.
    Similarities are exact Jaccard values rounded to 3 decimals.
    """
    lsh = MinHashLSH(threshold=threshold * 0.8, num_perm=PERMUTATIONS)
    originals: dict = {}
    order: dict = {}
    copies: dict = {}
    for key, text in reports:
        words = shingles(text)
        if not words:
            continue
        signature = MinHash(num_perm=PERMUTATIONS)
        signature.update_batch([w.encode("utf-8") for w in words])
        best: Optional[tuple] = None
        for candidate in lsh.query(signature):
            score = jaccard(words, originals[candidate])
            if score >= threshold and (best is None or (score, -order[candidate]) >
                                       (best[1], -order[best[0]])):
                best = (candidate, score)
        if best is not None:
            copies[key] = (best[0], round(best[1], 3))
            continue
        order[key] = len(order)
        originals[key] = words
        lsh.insert(key, signature)
    return copies


def dedupe_db(db: sqlite_utils.Database) -> dict:
    """Set ``reports.duplicate_of`` / ``duplicate_similarity`` for every report.

    Reports are taken earliest first (published date, undated last, then id);
    a report that is no longer a copy is cleared. Only changed rows are
    written. Returns {"duplicates": number of copies, "changed": rows written}.
    """
    rows = list(db.query(
        "select id, text, duplicate_of, duplicate_similarity from reports "
        "order by coalesce(published, '9999'), id"))
    copies = find_duplicates((row["id"], row["text"]) for row in rows)
    changed = 0
    with db.conn:
        for row in rows:
            original, similarity = copies.get(row["id"], (None, None))
            if (row["duplicate_of"], row["duplicate_similarity"]) != (original, similarity):
                db["reports"].update(row["id"], {"duplicate_of": original,
                                                 "duplicate_similarity": similarity})
                changed += 1
    return {"duplicates": len(copies), "changed": changed}
