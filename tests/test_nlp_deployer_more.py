"""More deployer patterns: a spokesperson's organisation that paused a product, unions and
committees that only speak, a title's publisher, messaging apps as places, a vendor's own
public demo or office, news organisations, partner-named firms, intransitive "launched" and
a bracketed description of the subject.

Every sentence is written for the test (invented companies and people, real AI makers only
where the rule is about a known maker).
"""

from __future__ import annotations

from kb.nlp.deployer import SUBJECT_ITS_BOT, _partners_name
from conftest import deployer_in as _deployer


def test_spokesperson_whose_company_paused_the_product(nlp):
    text = ("Readers mocked the automated match reports. A Dunmere spokesperson said the company "
            "had \"paused the automated recaps experiment\" while it reviewed vendors.")
    name, _, rule = _deployer(nlp, text, vendor="Quillwrite")
    assert (name, rule) == ("Dunmere", "deployer.spokesperson_stopped")


def test_a_union_is_never_the_deployer(nlp):
    text = ("Pellick Weekly ran product reviews written by an AI tool under invented bylines. "
            "The Pellick Weekly Union said in a statement that it was horrified.")
    found = _deployer(nlp, text, vendor="Trovel Content")
    assert found is not None and found[0] == "Pellick Weekly"


def test_the_publisher_of_a_title_runs_what_the_title_printed(nlp):
    text = ("Pellick Weekly ran product reviews written by an AI tool under invented bylines. "
            "The Corvane Group, which publishes Pellick Weekly under licence, said the reviews "
            "came from an outside firm.")
    name, _, rule = _deployer(nlp, text, vendor="Trovel Content")
    assert (name, rule) == ("The Corvane Group", "deployer.parent")


def test_messaging_app_before_a_bot_noun_is_where_the_bot_ran(nlp):
    text = "The bot was trained on WhatsApp chat logs that users had uploaded for analysis."
    found = _deployer(nlp, text, vendor="Nimbrel", agent="Lumi", owner="WhatsApp")
    assert found is None or found[0] != "WhatsApp"


def test_messaging_app_in_the_possessive_still_owns_its_bot(nlp):
    text = "Discord's chatbot told a user how to make a dangerous chemical."
    found = _deployer(nlp, text, vendor="OpenAI", owner="Discord")
    assert found is not None and found[0] == "Discord"


def test_vendor_that_released_its_own_public_demo_ran_it(nlp):
    text = ("Last Tuesday, Meta released a public demo of Galactica. By Thursday the demo was "
            "gone after scientists showed it inventing papers.")
    name, _, rule = _deployer(nlp, text, vendor="Meta", agent="Galactica")
    assert (name, rule) == ("Meta", "deployer.vendor_own_service")


def test_vendor_that_ran_its_agent_in_its_own_office(nlp):
    text = ("Anthropic let an agent run a small shop in its office for a month. The agent, built "
            "with the robotics firm Tollbeck Labs, gave away discount codes, and Tollbeck staff "
            "restocked the fridge.")
    name, _, rule = _deployer(nlp, text, vendor="Anthropic", agent="Claude")
    assert (name, rule) == ("Anthropic", "deployer.vendor_premises")


def test_a_newsroom_reporting_on_it_is_not_the_deployer(nlp):
    text = ("The feature merged three alerts into one wrong line. A reporter at the investigative "
            "newsroom Brisket Post posted a screenshot of the summary.")
    found = _deployer(nlp, text, vendor="Orchard")
    assert found is None or found[0] != "Brisket Post"


def test_firm_named_after_its_partners_keeps_its_full_name(nlp):
    text = ("U.S. District Judge Ann Marsh said attorneys Steven Pell and Peter Rook, of the firm "
            "Halvey, Halvey & Munt, had abandoned their responsibilities when they filed the "
            "fictitious opinions.")
    found = _deployer(nlp, text, vendor="OpenAI", agent="ChatGPT")
    assert found is not None and found[0] == "Halvey, Halvey & Munt"


def test_partners_name_extends_a_short_firm_name():
    text = "the lawyers of Halvey, Halvey & Munt said the firm Halvey would pay"
    assert _partners_name("Halvey", text) == "Halvey, Halvey & Munt"
    assert _partners_name("Munt", text) == "Munt"


def test_intransitive_launched_is_no_deployment(nlp):
    text = ("The chatbot's answer in the ad was wrong: the first such picture was taken in 2004, "
            "years before Orbiter launched.")
    found = _deployer(nlp, text, vendor="Google", agent="Bard")
    assert found is None or found[0] != "Orbiter"


def test_ai_bot_in_the_possessive_is_the_organisations_own(nlp):
    text = ("Brannock's AI hiring bot left applicants' chats behind a weak password. Brannock's said "
            "the flaw came from a third-party provider, Velloway.")
    name, _, rule = _deployer(nlp, text, vendor="Velloway", agent="Tess")
    assert (name, rule) == ("Brannock's", "deployer.own_ai_bot")


def test_an_ai_makers_own_ai_assistant_is_not_taken_by_that_rule(nlp):
    text = "OpenAI's AI coding agent deleted a folder for a user of the Pellvane app."
    found = _deployer(nlp, text, vendor="OpenAI", agent="Codex")
    assert found is None or found[2] != "deployer.own_ai_bot"


def test_organisation_apologising_for_its_chatbot(nlp):
    text = ("Corlish Savings has apologised after its online chatbot scolded a customer for "
            "typing the bank's own name.")
    name, _, rule = _deployer(nlp, text, vendor="Nuance")
    assert name == "Corlish Savings"
    assert rule in ("deployer.subject_its", "deployer.speaks_of_its_bot")
    # the pattern alone, for names the NER does not tag as an organisation
    assert SUBJECT_ITS_BOT.match(text).group("org") == "Corlish Savings"
    assert SUBJECT_ITS_BOT.match("Jo said the weather was bad for its crops.") is None


def test_a_citys_artificial_intelligence_chatbot(nlp):
    text = ("The mayor is keeping Port Elwyn's artificial-intelligence chatbot for small businesses "
            "online after it advised owners to break the law.")
    name, _, rule = _deployer(nlp, text, vendor="Microsoft", agent="CityHelp")
    assert (name, rule) == ("Port Elwyn", "deployer.own_ai_bot")
