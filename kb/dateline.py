"""A report's publication date from the top of its text, for reports that carry no metadata.

Plain-text and markdown reports (a saved article, a forum thread, a blog post) often give
their date in a line near the top: "Published 18 November 2025", "posted 2025-07-21 | 341
comments", a wire dateline "VANCOUVER, Feb. 16, 2024 --", or a YAML front matter ``date:``.
``occurred`` needs that date to resolve "in December" or "last week" (see kb.nlp.occurred).

Only the first :data:`TOP_LINES` non-empty lines are read, and a date there counts when its
line is short (a date or byline line), names the publication ("Published", "Posted",
"Updated", "Date") or is a dateline (a place in capitals, then the date). A date written
inside the story's first sentence is the story's, not the report's. The date must have a
year; dateutil reads the month and day.
"""

from __future__ import annotations

import re
from typing import Optional

from dateutil import parser as date_parser

#: How many non-empty lines from the top may hold the publication date.
TOP_LINES = 8
#: Longest line read as a bare date or byline line (characters).
SHORT_LINE = 100

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
#: A date with a year: ISO, "18 November 2025", "Feb. 16, 2024" / "March 17 2026", and a
#: forum's short form with a day and a two-digit year ("12 Aug '25").
DATE = re.compile(rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}},? \d{{4}}|"
                  rf"\d{{1,2}} {_MONTH} ['’]\d{{2}})(?![\w'’])")
#: A two-digit year written with an apostrophe ("'25").
SHORT_YEAR = re.compile(r"['’](\d{2})$")
#: Words that say the date on the line is the report's.
PUBLICATION = re.compile(r"\b(?:published|posted|updated|date[d]?|last modified|publié|"
                         r"veröffentlicht|publicado)\b", re.IGNORECASE)
#: A wire dateline: a place in capitals, a comma, then the date ("SAN FRANCISCO, March 17, 2026").
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}, ")


def _iso(text: str) -> Optional[str]:
    """``text`` (one DATE match) as yyyy-mm-dd, or None when dateutil cannot read it."""
    text = SHORT_YEAR.sub(lambda m: "20" + m.group(1), text.replace(".", ""))
    try:
        return date_parser.parse(text, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError):
        return None


def publication_date(text: str) -> Optional[str]:
    """The report's publication date (yyyy-mm-dd) from the top of ``text``, or None.

    Reads the first ``TOP_LINES`` non-empty lines; see the module docstring for which
    dates count. Never raises.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:TOP_LINES]
    for line in lines:
        found = DATE.search(line)
        if found is None:
            continue
        prefix = line[:found.start()]
        if len(line) <= SHORT_LINE or PUBLICATION.search(prefix) or \
                (DATELINE.match(line) and found.start() <= 45):
            iso = _iso(found.group(0))
            if iso:
                return iso
    return None


def front_matter_date(metadata: dict) -> Optional[str]:
    """A front matter ``date``/``published`` value as yyyy-mm-dd, or None."""
    for key in ("published", "date"):
        value = str(metadata.get(key) or "")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
            return value[:10]
    return None
