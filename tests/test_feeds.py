"""Atom feeds: every feed parses with feedparser and carries the required Atom elements."""

import asyncio

import feedparser
import pytest

from kb.serve import make_datasette
from serve_support import HOSTILE_AGENT, UNESCAPED

KIRO = "2025-12-amazon-kiro"
FEEDS = [
    ("feed_new_incidents", {}),
    ("feed_vendor", {"vendor": "Amazon"}),
    ("feed_agent", {"agent": "Kiro"}),
    ("feed_blamed", {"blamed": "human"}),
]


@pytest.fixture(scope="module")
def datasette(seeds_kb):
    return make_datasette(seeds_kb)


def fetch(datasette, name, params):
    response = asyncio.run(datasette.client.get(f"/kb/{name}.atom", params=params))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    return response.text


def parse_valid(xml):
    """The parsed feed, after checking the elements RFC 4287 requires."""
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.get("id") and feed.feed.get("title") and feed.feed.get("updated")
    assert feed.entries
    for entry in feed.entries:
        assert entry.get("id") and entry.get("title") and entry.get("updated_parsed")
        assert entry.get("link")
    return feed


@pytest.mark.parametrize("name,params", FEEDS)
def test_every_feed_parses_and_is_complete(datasette, name, params):
    feed = parse_valid(fetch(datasette, name, params))
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


def test_per_vendor_agent_and_blame_feeds_hold_kiro(datasette):
    for name, params in FEEDS:
        feed = parse_valid(fetch(datasette, name, params))
        kiro = [entry for entry in feed.entries if entry.id.endswith(":" + KIRO)]
        assert len(kiro) == 1, name
        assert kiro[0].link.endswith(f"/kb/incidents/{KIRO}")
        assert "Kiro (Amazon)" in kiro[0].summary


def test_a_feed_with_no_incidents_yet_is_still_valid(datasette):
    feed = parse_valid(fetch(datasette, "feed_vendor", {"vendor": "Nobody Yet"}))
    assert len(feed.entries) == 1
    assert "No incidents of Nobody Yet yet" == feed.entries[0].title


def test_the_feed_title_is_the_recipe_title(datasette):
    feed = parse_valid(fetch(datasette, "feed_agent", {"agent": "Kiro"}))
    assert feed.feed.title == "Blast Radius: incidents of one agent"


def test_scraped_markup_is_escaped_in_feeds(datasette):
    xml = fetch(datasette, "feed_agent", {"agent": HOSTILE_AGENT})
    assert UNESCAPED not in xml
    assert "&lt;script&gt;" in xml
    feed = parse_valid(xml)
    assert '<script>alert("statement")' in feed.entries[0].summary  # text, given back as text
