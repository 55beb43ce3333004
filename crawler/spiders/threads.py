"""Helpers shared by the forum spiders (not a spider)."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone

from w3lib.html import remove_tags

_PARAGRAPH = re.compile(r"<p>|<br\s*/?>", re.IGNORECASE)


def html_to_text(fragment: str) -> str:
    """A forum comment's HTML as plain text (paragraphs kept as blank lines)."""
    return html.unescape(remove_tags(_PARAGRAPH.sub("\n\n", fragment))).strip()


def iso_from_epoch(seconds) -> str | None:
    """Unix seconds (int or float) as UTC ISO 8601, None when missing."""
    if seconds in (None, ""):
        return None
    return datetime.fromtimestamp(float(seconds), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
