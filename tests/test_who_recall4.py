"""Who on pages nobody tidied: page chrome (mastheads, breadcrumbs, datelines, section labels)
is no vendor, a consumer company's own named assistant is made by that company, and makers
named in a relative clause, a copula, after "from" or in a parenthesis. Sentences, pages and
names are written for these tests.
"""

from __future__ import annotations

import pytest

from kb.nlp.actors import bot_homes, makers
from kb.nlp.entities import (chrome_line, count_who, full_company_name, masthead_line, named_bots,
                             org_name)
from kb.nlp.pipeline import _choose_actor, _weights
from kb.nlp.segment import split_sentences


def _who(nlp, text: str):
    """(agent, vendor, owner) and the counts of a short page."""
    sentences = split_sentences(nlp, text)
    who = count_who(sentences, _weights(sentences, None))
    return _choose_actor(who, sentences), who


@pytest.mark.parametrize("sentence, maker", [
    # who.relative_launcher
    ("It turns out that Mender, the AI listing assistant Quillbank launched in May, rewrote it.",
     "Quillbank"),
    ("The feature is Compass, an AI \"route agent\" that Wayfare has promoted since March.", "Wayfare"),
    # who.role_is_name
    ("The provider is Tallowby, per the small print in the app.", "Tallowby"),
    # who.bot_name_from
    ("Apparently it's one of those AI agents, Grommet from Pellbrook.", "Pellbrook"),
    # who.character_in_app
    ("She is a character in Hollyhock, an AI companion app for lonely adults.", "Hollyhock"),
    # who.parenthetical_owner
    ("We started using Quire (the Brindle Labs email assistant) in the autumn.", "Brindle Labs"),
])
def test_maker_phrases(nlp, sentence, maker):
    """Patterns who.relative_launcher, who.role_is_name, who.bot_name_from,
    who.character_in_app and who.parenthetical_owner name the bot's maker."""
    assert makers(nlp(sentence)[:]) == [maker]


@pytest.mark.parametrize("sentence", [
    # a clause of use names the deployer, not the maker
    "Riley, the AI recruiting agent Dunmore licenses from a vendor, screened the forms.",
    "The provider is investigating, the bank said.",
])
def test_no_maker_without_the_pattern(nlp, sentence):
    """A relative clause of use or a role without a name names no maker."""
    assert makers(nlp(sentence)[:]) == []


@pytest.mark.parametrize("sentence, owner", [
    # who.app_with_bot
    ("On June 2 I opened the Wendle app, which has this AI agent called Scout, and typed.", "Wendle"),
    # who.owner_named_bot
    ("For those who skip it: Harbourne's Waypoint agent had a retry loop.", "Harbourne"),
    # who.customer_of
    ("I save with Fenmoor and do everything through their app.", "Fenmoor"),
])
def test_bot_homes(nlp, sentence, owner):
    """Patterns who.app_with_bot, who.owner_named_bot and who.customer_of name the company whose
    own app or service holds the bot."""
    assert bot_homes(nlp(sentence)[:]) == [owner]


def test_customer_of_needs_their_app(nlp):
    """Pattern who.customer_of: banking with a company says nothing of a bot unless the sentence
    goes on to its app or bot."""
    assert bot_homes(nlp("I bank with Fenmoor and have done for years.")[:]) == []


@pytest.mark.parametrize("sentence, name", [
    # who.bot_name_from
    ("Apparently it's one of those AI agents, Grommet from Pellbrook.", "Grommet"),
    # who.owner_named_bot
    ("For those who skip it: Harbourne's Waypoint agent had a retry loop.", "Waypoint"),
    # who.parenthesised_bot_name
    ("Our clinic rolled out an ambient AI scribe this spring (Quillnote, made by a firm in Leeds).",
     "Quillnote"),
    # who.maker_named_assistant with a CamelCase maker
    ("The insurer had rolled out PeopleLedger Assist in January.", "PeopleLedger Assist"),
])
def test_bot_names(nlp, sentence, name):
    """Patterns who.bot_name_from, who.owner_named_bot, who.parenthesised_bot_name and
    who.maker_named_assistant give the bot's own name."""
    assert name in named_bots(nlp(sentence)[:])


def test_publication_after_the_is_no_bot(nlp):
    """Pattern who.publication_name: "the Weekly" before an appositive is the paper."""
    assert "Weekly" not in named_bots(nlp("According to a memo reviewed by the Weekly, the "
                                          "assistant had been connected to a shared drive.")[:])


def test_breadcrumb_is_chrome(nlp):
    """Pattern who.breadcrumb: an arrow trail is a navigation line, and an organisation the NER
    ran across its arrow is no name."""
    assert chrome_line("Forums › Seller Discussion › Listings & SEO")
    assert chrome_line("Home > News > Local > 7 Investigates")
    doc = nlp("Forums › Seller Discussion")
    from spacy.tokens import Span
    assert org_name(Span(doc, 0, len(doc), label="ORG")) == ""


MASTHEAD_PAGE = """The Lantern Courier
Business · Personal Finance · THE HELPER

THE HELPER: Four tickets to the wrong Perth

The app is Tripwell, and the feature he used is Rover, an AI "trip agent" that Tripwell has promoted since spring. Rover booked four tickets to the wrong Perth and charged the stored card.
"""


def test_masthead_is_not_the_vendor(nlp):
    """Patterns who.masthead_line, who.section_label and who.role_is_name: the paper's name and a
    column's label are no vendor; the app the column names is."""
    (agent, vendor, _), who = _who(nlp, MASTHEAD_PAGE)
    assert masthead_line(split_sentences(nlp, MASTHEAD_PAGE)) == 0
    assert (agent, vendor) == ("Rover", "Tripwell")
    assert "Lantern Courier" not in who.orgs and "HELPER" not in who.orgs


FORUM_PAGE = """Brightmoor Community > Trips & Bookings > Wayfarer agent

Wayfarer booked my flights twice and both are non-refundable
Started by dmitri · 14 replies

I asked Wayfarer to hold the cheapest fare. It bought it twice, charged to the card saved in my Brightmoor profile.
"""


def test_community_host_and_breadcrumb_bot(nlp):
    """Patterns who.community_host and who.breadcrumb_bot: a company's own forum names the
    product's maker, and the trail's last field names the bot."""
    (agent, vendor, _), _who_counts = _who(nlp, FORUM_PAGE)
    assert (agent, vendor) == ("Wayfarer", "Brightmoor")


def test_community_host_needs_a_second_mention(nlp):
    """Pattern who.community_host: a forum named after a trade ("Platform Engineers Community"),
    whose name the thread never repeats, names no company."""
    text = ("Platform Engineers Community › Incidents\n\nOur agent wiped the staging database "
            "during the freeze.\n")
    _, who = _who(nlp, text)
    assert "Platform Engineers" not in who.orgs and "Platform" not in who.orgs


def test_breadcrumb_line_is_not_continued(nlp):
    """Pattern segment.breadcrumb_line: a trail above a headline is not one wrapped sentence with
    it, so the headline's first word is not read as a surname."""
    sentences = split_sentences(nlp, "Platform Engineers Community › Incidents & Postmortems\n"
                                     "Devin force-pushed over our release branch during the freeze.")
    assert len({s.line for s in sentences}) == 2
    assert any(e.label_ == "AGENT" and e.text == "Devin" for s in sentences for e in s.span.ents)


def test_repo_slug_names_the_product(nlp):
    """Pattern who.repo_slug: an issue page's "owner/repo" line names a known agent."""
    text = ("google-gemini/gemini-cli\n\nAgent ran git reset and discarded two days of work\n\n"
            "I asked it to sync my branch; it reset the working tree instead.\n")
    (agent, vendor, _), _ = _who(nlp, text)
    assert (agent, vendor) == ("Gemini CLI", "Google")


def test_dateline_is_no_organisation(nlp):
    """Pattern who.dateline: a news story's opening place is no organisation."""
    text = ("Widower spent $4,300 on an AI companion's gifts\n\n"
            "KETTERING, Ohio (MV7) — A man spent $4,300 in an app whose chatbot asked for gifts.\n")
    _, who = _who(nlp, text)
    assert "KETTERING" not in who.orgs


@pytest.mark.parametrize("name, report, full", [
    ("Hollyhock", "Hollyhock said the bot erred. Hollyhock Labs, based in Leeds, said more.",
     "Hollyhock Labs"),
    ("Corby", "Corby Assistant switched it off. Corby Home apologised.", "Corby Home"),
    # two different tails: no single full name
    ("Ardent", "Ardent Health and Ardent Medicine both spoke.", "Ardent"),
    # a product's word, or a word before another capitalised one, is no company head
    ("Tollway", "Tollway Autopilot paid the invoice.", "Tollway"),
    ("Tollway", "Tollway Merchant Community is where it was posted.", "Tollway"),
    ("Corby", "Corby Assistant switched it off.", "Corby"),
])
def test_full_company_name(name, report, full):
    """Pattern who.full_company_name: the one full form a report gives a short company name."""
    assert full_company_name(name, report) == full


def test_company_site_header_is_no_masthead(nlp):
    """Pattern who.masthead_line: a company's own site header over its navigation strip is not
    a paper's masthead (not in capitals, no "The", no newspaper word): it may name the vendor."""
    text = ("Mossvale Engineering\nBlog · Careers · Docs\n\n"
            "Our deploy agent deleted a staging cluster on Monday.\n")
    assert masthead_line(split_sentences(nlp, text)) is None


@pytest.mark.parametrize("sentence", [
    "Elon Musk's xAI's Grok assistant told the boy to send pictures.",
    "Then Google's Gemini chatbot said something awful.",
    "The Bank's AI assistant showed other customers' data.",
])
def test_no_bot_home_for_known_or_generic_bots(nlp, sentence):
    """Pattern who.owner_named_bot: not inside a longer word ("xAI's"), not a known agent's maker,
    not "AI" for a name."""
    assert bot_homes(nlp(sentence)[:]) == []
