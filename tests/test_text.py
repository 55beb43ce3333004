"""Reading files into report text: encodings, mojibake, HTML metadata, bad input."""

import gzip

import pytest

from kb.text import DocumentError, clean_text, read_document, repair_lost_punctuation


def test_seed_with_mojibake_comes_out_clean(shared):
    document = read_document(shared / "seeds" / "003_61d234405be8a429.txt")
    assert "â" not in document.text
    assert "delete and recreate" in document.text
    assert "Amazon's agentic AI coding tool Kiro" in document.text
    assert document.title.startswith('When an AI decides to "delete and recreate"')
    assert document.language == "en"


def test_classic_mojibake_is_repaired_by_ftfy():
    broken = "The agent said it would \u00e2\u20ac\u0153clean up\u00e2\u20ac\u009d the bucket."
    assert clean_text(broken) == 'The agent said it would "clean up" the bucket.'


def test_real_circumflex_is_left_alone():
    french = "Le château et la crème brûlée: une âme tranquille."
    assert repair_lost_punctuation(french) == french


def test_html_gives_text_and_metadata(tmp_path):
    page = tmp_path / "story.html.gz"
    page.write_bytes(gzip.compress(b"""<html><head><title>Agent wipes disk | Example News</title>
<link rel="canonical" href="https://news.example.org/2026/agent-wipes-disk">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Dana Reporter">
<meta property="article:published_time" content="2026-03-04T10:00:00Z">
</head><body><article><h1>Agent wipes disk</h1>
<p>An autonomous coding agent deleted every file on a developer's drive on Tuesday, the developer said.</p>
<p>The vendor said the behaviour was unacceptable and promised a fix within a week of the report.</p>
</article></body></html>"""))
    document = read_document(page)
    assert document.url == "https://news.example.org/2026/agent-wipes-disk"
    assert document.published == "2026-03-04"
    assert document.author == "Dana Reporter"
    assert document.publisher == "Example News"
    assert "deleted every file" in document.text
    assert "<p>" not in document.text


def test_markdown_front_matter_is_read_as_metadata_and_kept_in_the_text(tmp_path):
    note = tmp_path / "case.md"
    note.write_text("---\ntitle: A bot cancels bookings\ndate: 2026-08-01\n---\n\nThe bot cancelled ten bookings.\n")
    document = read_document(note)
    assert document.title == "A bot cancels bookings"
    assert document.metadata["date"] == "2026-08-01"
    assert document.text.startswith("---\ntitle: A bot cancels bookings")
    assert document.text.rstrip().endswith("The bot cancelled ten bookings.")


@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02PK\x03\x04binary", "binary file"),
])
def test_bad_files_raise_one_line_errors(tmp_path, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(DocumentError) as error:
        read_document(bad)
    assert str(bad) in str(error.value) and problem in str(error.value)


def test_unknown_encoding_is_an_error(tmp_path):
    bad = tmp_path / "noise.txt"
    bad.write_bytes(bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xfe, 0xff, 0xc0, 0xc1]) * 40)
    with pytest.raises(DocumentError) as error:
        read_document(bad)
    assert "encoding" in str(error.value)


def test_latin1_file_is_decoded(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\u00e9 owners said the chatbot\u2019s menu was wrong and customers complained about the na\u00efve answers it gave every day.".encode("cp1252"))
    document = read_document(legacy)
    assert "Café owners" in document.text


def test_unsupported_suffix(tmp_path):
    odd = tmp_path / "slides.pdf"
    odd.write_bytes(b"%PDF-1.4")
    with pytest.raises(DocumentError, match="unsupported file type"):
        read_document(odd)


def test_a_forum_pages_title_is_its_post_not_the_page_chrome(tmp_path):
    """A saved forum or listing page starts with its chrome (the forum's name, a byline of
    fields set apart, a points line); the title is the first line past it with a few words.
    A plain text's headline on its first line stays the title."""
    thread = tmp_path / "thread.txt"
    thread.write_text("r/selfhosted\n\nPosted by u/dana_k · Mar 3, 2025\n\n"
                      "My AI agent pruned the Docker volumes that held my photo library\n\n"
                      "It ran a cleanup I never asked for.\n", encoding="utf-8")
    assert read_document(thread).title == "My AI agent pruned the Docker volumes that held my photo library"
    votes = tmp_path / "votes.txt"
    votes.write_text("45 votes\n\nWho is liable when an agent wipes a bucket?\n\n14 comments\n",
                     encoding="utf-8")
    assert read_document(votes).title == "Who is liable when an agent wipes a bucket?"
    listing = tmp_path / "listing.txt"
    listing.write_text("Hacker News\n\n412 points by ana 3 hours ago | 120 comments\n\n"
                       "Our coding agent wiped a staging bucket (example.com)\n", encoding="utf-8")
    assert read_document(listing).title == "Our coding agent wiped a staging bucket (example.com)"
    story = tmp_path / "story.txt"
    story.write_text("Chatbot flubs refund answer\n\nThe airline's assistant invented a policy.\n",
                     encoding="utf-8")
    assert read_document(story).title == "Chatbot flubs refund answer"


def test_a_news_pages_title_is_its_headline_not_its_masthead_section_or_date_line(tmp_path):
    """Patterns text.masthead and text.kicker, and date and byline lines as chrome."""
    page = tmp_path / "news.txt"
    page.write_text("Riverside Courier\nNews | Sport | Business | Opinion\n"
                    "TECHNOLOGY\nUpdated: Tue, Mar 3, 2026, 9:14 am\n\n"
                    "Delivery robot knocks a cyclist off her bike in the square\n\n"
                    "by Courier staff\n\nThe robot turned into the cycle lane.\n", encoding="utf-8")
    assert read_document(page).title == "Delivery robot knocks a cyclist off her bike in the square"
    job = tmp_path / "job.txt"
    job.write_text("Staff Engineer, Agent Reliability\nAcme · Remote · Full-time\n\nAbout us\n",
                   encoding="utf-8")
    assert read_document(job).title == "Staff Engineer, Agent Reliability"
