"""Publication dates read from the top of plain-text and markdown reports (kb.dateline)."""

import pytest

from kb.dateline import front_matter_date, publication_date
from kb.text import read_document


@pytest.mark.parametrize("top, expected", [
    ("Agent wipes a drive\n\nPublished 18 November 2025\n\nThe agent ...", "2025-11-18"),
    ("Ask HN: agents in prod?\n512 points | posted 2025-07-21 | 341 comments\n", "2025-07-21"),
    ("VANCOUVER, Feb. 16, 2024 -- A tribunal has ordered the airline to pay a man who relied "
     "on its chatbot's advice about bereavement fares, in a ruling that ...", "2024-02-16"),
    ("Posted by u/someone · 19 Jan 2024\nThe bot swore at me", "2024-01-19"),
    ("HARLAN COURIER | Updated March 3, 2026\nStory", "2026-03-03"),
])
def test_a_date_line_near_the_top_is_the_publication_date(top, expected):
    assert publication_date(top) == expected


@pytest.mark.parametrize("top", [
    # a date inside the story's first long sentence is the story's, not the report's
    "Agent wipes a drive\n\nThe developer says that on 3 December 2025 the coding agent he was "
    "using removed every file on his second drive while clearing a cache for a small app.",
    "No date here at all.\nJust text.",
    "Published in the spring\nSomething",
    "Line\n" * 9 + "Published 2025-01-01",  # too far down
])
def test_no_publication_date(top):
    assert publication_date(top) is None


def test_front_matter_date():
    assert front_matter_date({"date": "2026-08-10"}) == "2026-08-10"
    assert front_matter_date({"published": "2026-08-10T09:00:00"}) == "2026-08-10"
    assert front_matter_date({"date": "last week"}) is None
    assert front_matter_date({}) is None


def test_read_document_fills_published_for_text_and_markdown(tmp_path):
    text = tmp_path / "report.txt"
    text.write_text("Bot invents refund rule\nPublished 2026-03-12\n\nThe bot told riders ...\n")
    assert read_document(text).published == "2026-03-12"
    markdown = tmp_path / "report.md"
    markdown.write_text("---\ntitle: A case\ndate: 2026-08-10\n---\n\n# A case\n\nText.\n")
    assert read_document(markdown).published == "2026-08-10"


def test_a_forum_date_with_a_two_digit_year():
    assert publication_date("Freezer switched off\nposted 12 Aug '25 by someone\n") == "2025-08-12"
    assert publication_date("Freezer switched off\nposted Aug '25 by someone\n") is None  # no day
