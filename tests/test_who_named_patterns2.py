"""Who on pages with chrome, roundups, live blogs and a company's own statement: teaser links,
field separators, named systems and their owners, relative clauses saying who took the bot into
use, a company's own statement, canonical product names. Sentences and names are written for
these tests.
"""

from __future__ import annotations

import pytest

from kb.nlp.actors import makers
from kb.nlp.deployer import statement_org
from kb.nlp.entities import named_bots, owned_systems, teaser_line

from conftest import deployer_in, primary_in, rule_of


@pytest.mark.parametrize("line, teaser", [
    ("› Quarrington sets date for depot closures", True),
    ("» Why autumn refunds broke a record", True),
    ("Related: Grocers rethink self-checkout | Fraud costs rise, says trade body", True),
    ("Read more: the Pellow review in full", True),
    ("→ every new template gets a human review", False),
    ("Quarrington said its assistant refunded 900 orders.", False),
])
def test_teaser_link_lines(line, teaser):
    """Pattern who.teaser_link."""
    assert teaser_line(line) is teaser


def test_a_teaser_company_is_never_the_incidents_organisation():
    """Pattern who.teaser_link: the "Most read" item names another story's company."""
    text = ("Most read today\n"
            "› Quarrington sets date for depot closures review\n"
            "Homeware chain Fennick Home refunded 900 orders after its website assistant went wrong.\n"
            "The tool, branded Juniper, is an AI assistant that Fennick built in-house.\n")
    mention = primary_in(text)
    assert mention.agent == "Juniper"
    assert mention.vendor != "Quarrington" and mention.deployer != "Quarrington"
    assert "Fennick" in (mention.deployer or "")


@pytest.mark.parametrize("text, name", [
    # system_called: an AI modifier, or the appositive commas
    ("An AI-driven patching system called Menderly rolled the gateway back.", "Menderly"),
    ("The tool, branded Juniper, is an AI assistant on the shop's website.", "Juniper"),
    # ai_role_called
    ("We had been running an AI receptionist called Tamsin since May.", "Tamsin"),
])
def test_named_systems_and_ai_roles(nlp, text, name):
    assert named_bots(nlp(text)[:]) == [name]


def test_a_product_someone_built_is_not_the_bot(nlp):
    """system_called needs an AI modifier: "a scheduling tool called Foo" is a product."""
    assert named_bots(nlp("His app, a scheduling tool called Rotaly, was written with the agent.")[:]) == []


@pytest.mark.parametrize("text, maker", [
    # who.maker_is_name
    ("The company that makes these booking widgets is Cresswell, for what it's worth.", "Cresswell"),
    # who.bracketed_maker
    ("We ran an AI caller named Bex (from Loomstack) for a quarter.", "Loomstack"),
    # who.built_in_house_relative
    ("Pixie is an AI assistant that Fennick built in-house last spring.", "Fennick"),
    # who.capitalised_noun_name: the tagger's noun, capitalised mid-sentence
    ("The calls went to Ola, a voice assistant built by the start-up Ringwell.", "Ringwell"),
])
def test_maker_phrases(nlp, text, maker):
    assert makers(nlp(text)[:]) == [maker]


def test_owner_named_system(nlp):
    """Pattern who.owner_named_system and an "of" name for the owner."""
    doc = nlp("From 2019, the Ministry of Rural Affairs' Grant Match Review system compared claims.")
    assert ("Ministry of Rural Affairs", "Grant Match Review") in owned_systems(doc[:])


def test_a_named_government_system_is_run_by_its_department():
    mention = primary_in("The Ministry of Rural Affairs' Grant Match Review system wrongly "
                         "cancelled 12,000 farm grants. The algorithm averaged income over a year.")
    assert mention.agent == "Grant Match Review"
    assert mention.vendor == "Ministry of Rural Affairs"
    assert mention.deployer == "Ministry of Rural Affairs"


def test_relative_taker_names_the_team_s_company():
    """Pattern deployer.relative_taker: "which Acme's team had been using"."""
    from kb.nlp.deployer import RELATIVE_TAKER
    match = RELATIVE_TAKER.search("sold by Cognition, which Harrowgate Pay's data team had been using")
    assert match and match.group("name") == "Harrowgate Pay"


@pytest.mark.parametrize("text, vendor, agent, deployer, rule", [
    pytest.param("Payouts stopped.\nThe table was dropped by Devin, the agent sold by Cognition, "
                 "which Harrowgate Pay had been using since May.",
                 "Cognition", "Devin", "Harrowgate Pay", None, id="relative_taker"),
    pytest.param("A treasury lost money.\nGlowworm DAO, which runs a lending pool, lost $2m "
                 "overnight.\nThe swap was placed by Tiller, a treasury agent from Brisk Labs that "
                 "the DAO had approved in May.",
                 "Brisk Labs", "Tiller", "Glowworm DAO", None, id="relative_taker_anaphor"),
    pytest.param("Outage at the society.\nIn a statement, Kelderby Bank said an AI-driven "
                 "remediation tool called Menderly, which it licenses from the firm Ostwick "
                 "Systems, rolled the login service back.",
                 "Ostwick Systems", "Menderly", "Kelderby Bank", "deployer.relative_user",
                 id="relative_user_named"),
])
def test_a_relative_clause_on_the_agent_names_who_ran_it(nlp, text, vendor, agent, deployer, rule):
    """Patterns deployer.relative_taker ("which Acme had been using", "that the DAO had
    approved": the name ending in DAO) and deployer.relative_user_named ("a system called
    Foo, which it licenses from Beta")."""
    found = deployer_in(nlp, text, vendor=vendor, agent=agent)
    assert found[0] == deployer
    if rule:
        assert found[2] == rule


def test_own_statement_signoff_and_boilerplate():
    """Pattern deployer.own_statement."""
    assert statement_org("We are sorry.\nJo Pike\nChief Executive, Fennick Home\n") == "Fennick Home"
    assert statement_org("About Fennick Home: founded in 1990, Fennick Home sells lamps.") == "Fennick Home"
    assert statement_org("The chief executive said sorry.") is None


def test_own_statement_names_the_deployer(nlp):
    text = ("Statement regarding our online assistant, Pixie\n"
            "Over the holidays Pixie approved refunds on 800 orders that we never offered.\n"
            "Jo Pike\nChief Executive, Fennick Home\n")
    found = deployer_in(nlp, text, vendor="Fennick Home", agent="Pixie")
    assert found[0] == "Fennick Home" and found[2] == "deployer.own_statement"


def test_pronoun_contraction_is_no_organisation(nlp):
    """Pattern who.pronoun_contraction: "a marketplace I'd never heard of"."""
    found = deployer_in(nlp, "My kettle order.\nThe agent bought from a marketplace I'd never heard "
                             "of. I'd been using it for a month.", vendor="Palmetto AI", agent="Errandly")
    assert found is None or found[0] != "I'd"


def test_field_separator_ends_a_name(nlp):
    """Pattern who.field_separator: "at Acme Analytics | Revenue teams" as cleaned."""
    from kb.nlp.deployer import _clean_name
    assert _clean_name("Tallowby Analytics   Revenue") == "Tallowby Analytics"


def test_vendor_pulling_a_release_of_its_own_extension(nlp):
    """Pattern deployer.vendor_own_release: a version number as the object."""
    found = deployer_in(nlp, "A wiper prompt shipped.\nGoogle quietly pulled v2.4.1 from the marketplace.",
                        vendor="Google", agent="Helper")
    assert found is not None and found[0] == "Google" and found[2] == "deployer.vendor_own_service"


def test_autopilot_is_teslas_in_a_tesla_report():
    """Canonical name: Tesla's driver assistance is the agent "Autopilot", vendor Tesla."""
    mention = primary_in("A jury found Tesla partly liable after a Model S on Autopilot hit a parked "
                         "SUV. Autopilot failed to brake, lawyers said.")
    assert (mention.agent, mention.vendor) == ("Autopilot", "Tesla")


def test_a_product_in_passing_gives_way_to_the_systems_owner():
    """Pattern who.system_owner_outweighs."""
    mention = primary_in("Uber's self-driving software failed to classify the pedestrian. "
                         "Investigators said Uber's software had disabled emergency braking. "
                         "Uber's system saw her six seconds early. "
                         "An earlier death involved a Tesla with Autopilot engaged.")
    assert mention.agent is None and mention.vendor == "Uber"
