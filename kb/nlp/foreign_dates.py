"""Dates for the screen of non-English reports (``kb.nlp.foreign``): when the incident happened.

Dates recognised in a sentence (regular expressions, month names from ``foreign_cues.json``):
ISO dates, day.month.year dates, a month name before a year ("mars 2026", "5 dic. 2025",
"5 de diciembre de 2025") and a bare month name ("im Januar", "en février"), which is resolved
against the publication month. The report's own date line is not a candidate; it gives the
publication month when ``published`` is unknown, and is the answer when no sentence about the
incident holds a date.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from .foreign import Sentence

#: Month patterns of one language: (month number, full-name pattern, alternation incl.
#: abbreviations), as ``kb.nlp.foreign.Language.months`` holds them.
Months = tuple

def month_patterns(forms: list[list[str]]) -> Months:
    """:data:`Months` from the data file's lists of month forms, January first (a form
    ending in '.' is an abbreviation: read only before a year)."""
    out = []
    for number, names in enumerate(forms, 1):
        full = [re.escape(n) for n in names if not n.endswith(".")]
        every = full + [re.escape(n[:-1]) + r"\.?" for n in names if n.endswith(".")]
        out.append((number, re.compile(rf"(?i)(?<!\w)(?:{'|'.join(full)})(?!\w)"),
                    "|".join(sorted(every, key=len, reverse=True))))
    return tuple(out)


_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-\d{2}(?!\d)")
#: How far down the page the report's own date line may stand (lines).
DATELINE_LINES = 12
_NUMERIC = re.compile(r"(?<![\d.])\d{1,2}[./](\d{1,2})[./](\d{4})(?!\d)")


def dates_in(sentence: str, months: Months, published: Optional[str]) -> list[tuple[int, str]]:
    """(position, 'yyyy-mm') of the dates in ``sentence``, in order: ISO and day.month.year
    dates, a month name before a year ("mars 2026", "5 dic. 2025", "5 de diciembre de 2025"),
    and a bare month name ("im Januar"), taken as its latest occurrence not after
    ``published`` ('yyyy-mm'), or skipped when that is unknown."""
    found: list[tuple[int, int, str]] = []
    for match in _ISO.finditer(sentence):
        found.append((match.start(), match.end(), f"{match.group(1)}-{match.group(2)}"))
    for match in _NUMERIC.finditer(sentence):
        if 1 <= int(match.group(1)) <= 12:
            value = f"{match.group(2)}-{int(match.group(1)):02d}"
            found.append((match.start(), match.end(), value))
    for number, _, every in months:
        for match in re.finditer(rf"(?i)(?<!\w)(?:{every})\s+(?:de\s+|del\s+)?(\d{{4}})(?!\d)",
                                 sentence):
            found.append((match.start(), match.end(), f"{match.group(1)}-{number:02d}"))
    if published:
        year, month = int(published[:4]), int(published[5:7])
        for number, full, _ in months:
            for match in full.finditer(sentence):
                if any(s <= match.start() < e for s, e, _ in found):
                    continue
                found.append((match.start(), match.end(),
                              f"{year if number <= month else year - 1}-{number:02d}"))
    return [(start, value) for start, _, value in sorted(found)]


def dateline(sentences: list["Sentence"], months: Months) -> Optional[tuple[str, int]]:
    """('yyyy-mm', sentence index) of the report's own date: the first date with a year in a
    short line (under 100 characters) among the first twelve lines (pattern
    foreign_dates.dateline: a masthead, section line, headline, standfirst and byline may
    come before it)."""
    for index, sentence in enumerate(sentences):
        if sentence.line > DATELINE_LINES:
            break
        if len(sentence.text) < 100:
            dated = dates_in(sentence.text, months, None)
            if dated:
                return dated[0][1], index
    return None


def occurred(sentences: list["Sentence"], months: Months, published: Optional[str],
             cue_sentences: list[int], ai_sentences: set[int]) -> Optional[tuple[str, int]]:
    """('yyyy-mm', sentence index) of the incident: the first date (see :func:`dates_in`) in a
    sentence with a paired cue, else in a sentence with an AI term, not after the publication
    month; else the publication month (``published``, else the report's date line)."""
    own = dateline(sentences, months)
    month = published[:7] if published else own[0] if own else None
    for index in sorted(set(cue_sentences)) + sorted(ai_sentences - set(cue_sentences)):
        if own and index == own[1]:
            continue
        for _, value in dates_in(sentences[index].text, months, month):
            if month is None or value <= month:
                return value, index
    if month:
        return month, own[1] if own else 0
    return None
