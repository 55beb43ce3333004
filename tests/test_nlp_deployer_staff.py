"""Deployer patterns where the organisation is reached through its people or its own words:
the firm's team that asked the model (``deployer.anaphor_staff``), an engineer who asked the
agent in a story about one company (``deployer.staff_asks``), the firm's in-house AI
(``deployer.in_house_owner``), a subject that launched the agent by name
(``deployer.launches_agent``) or spoke of it by an internal name (``deployer.internal_name``).

Every sentence is written for the test (invented companies and people, real AI makers only
where the rule is about a known maker).
"""

from __future__ import annotations

import pytest

from conftest import deployer_in as _deployer


#: (report text, vendor, agent, deployer, rule): the organisation is reached through its people
#: or its own words.
DEPLOYED_BY = [
    pytest.param("A court filing cited a journal article with the wrong authors. "
                 "The error was explained in a letter from Brackley Stone, the firm defending Anthropic. "
                 "The firm's team had found the article and then asked Claude to format the reference.",
                 "Anthropic", "Claude", "Brackley Stone", "deployer.anaphor_staff",
                 id="the_firms_team_that_asked_the_model_names_the_law_firm"),
    pytest.param("Tollmere, a small logistics start-up, lost a weekend to a leaked key.\n\n"
                 "According to a timeline it published, an engineer asked Burrow, Kessel Labs' coding "
                 "agent, to publish a private repository. Burrow pushed a file holding a secret key.",
                 "Kessel Labs", "Burrow", "Tollmere", "deployer.staff_asks",
                 id="an_engineer_asking_the_agent_works_for_the_company_the_story_is_about"),
    pytest.param("Two lawyers fined after firm's in-house AI invented rulings in Halvorsen suit. "
                 "A judge fined two attorneys from the insurance-defence firm Pickett & Rowe over briefs "
                 "citing rulings that do not exist.",
                 "Halvorsen", None, "Pickett & Rowe", "deployer.in_house_owner",
                 id="the_firms_in_house_ai_belongs_to_the_firm_introduced_as_one"),
    pytest.param("Marlow Freight said an internal AI operations agent deleted its shipment records.",
                 "Marlow Freight", "Dispatcher", "Marlow Freight", "deployer.in_house",
                 id="without_a_firm_introduced_the_in_house_ai_stays_the_vendors"),
    pytest.param("A grocery chain's recipe bot suggested a toxic drink. "
                 "Fresh'nFair launched the Pantry Pal bot in May so shoppers could use up leftovers. "
                 "Fresh'nFair said it would add more filters.",
                 "Supermarket", "Pantry Pal", "Fresh'nFair", "deployer.launches_agent",
                 id="a_name_the_ner_misses_that_launched_the_agent"),
    pytest.param("An insurer will reopen 2,000 claims its automated tool rejected. "
                 "Kestrel Mutual, which covers farms in the north, said the system, known internally as "
                 "Sorter, was meant only to recommend decisions.",
                 "Claimworks", "Sorter", "Kestrel Mutual", "deployer.internal_name",
                 id="a_name_that_speaks_of_the_agent_by_an_internal_name"),
    pytest.param("Whisper invents sentences in medical notes, researchers found. "
                 "Corvel Health, a company with clinics in Ohio, has built a Whisper-based tool that drafts "
                 "visit notes. Corvel Health said it was aware of the problem.",
                 "OpenAI", "Whisper", "Corvel Health", "deployer.builds_on_agent",
                 id="a_company_that_built_a_product_on_the_model_runs_it"),
    pytest.param("The content platform Pagewide ran an AI-written obituary with an insulting headline. "
                 "The story appeared on Pagewide, Linnet's news portal, and was deleted a day later.",
                 "Linnet", None, "Linnet", "deployer.vendor_property",
                 id="a_site_written_as_the_vendors_own_is_run_by_the_vendor"),
]


@pytest.mark.parametrize("text, vendor, agent, deployer, rule", DEPLOYED_BY)
def test_the_organisation_is_reached_through_its_people_or_words(nlp, text, vendor, agent, deployer, rule):
    name, _, found_rule = _deployer(nlp, text, vendor=vendor, agent=agent)
    assert (name, found_rule) == (deployer, rule)


def test_an_engineer_of_no_named_company_names_nobody(nlp):
    text = ("An engineer asked Burrow, Kessel Labs' coding agent, to publish a private repository. "
            "Burrow pushed a file holding a secret key.")
    found = _deployer(nlp, text, vendor="Kessel Labs", agent="Burrow")
    assert found is None or found[2] != "deployer.staff_asks"


def test_a_former_head_quoted_about_it_does_not_run_anything(nlp):
    text = ("Whisper invents sentences in medical notes, researchers found. "
            "\"Nobody wants that,\" said Ana Ruiz, who led the Tarrow Institute until last year.")
    found = _deployer(nlp, text, vendor="OpenAI", agent="Whisper")
    assert found is None or found[0] != "Tarrow Institute"


@pytest.mark.parametrize("text", [
    "Brackley Stone, the firm representing Acme, filed a declaration with a citation invented by Claude.",
    "A brief cited six cases that do not exist. Jo Doe of Brackley Stone submitted the brief, which "
    "had been drafted with Claude.",
    "The motion was filed by Brackley Stone on behalf of Acme. It cited rulings Claude had invented.",
    "An associate at Brackley Stone asked Claude to format the citation, and Claude got the authors wrong.",
])
def test_the_law_firm_that_filed_the_paper_ran_the_model(nlp, text):
    name, _, rule = _deployer(nlp, text, vendor="Anthropic", agent="Claude")
    assert name == "Brackley Stone"
    assert rule in ("deployer.law_firm_filing", "deployer.owner_of_harm")


def test_a_suit_against_the_maker_is_no_filing_by_its_user(nlp):
    text = "Corvane Music filed a lawsuit against Anthropic over lyrics Claude reproduced."
    found = _deployer(nlp, text, vendor="Anthropic", agent="Claude")
    assert found is None or found[2] != "deployer.law_firm_filing"


def _one_sentence(nlp, text):
    from kb.nlp.segment import split_sentences
    return split_sentences(nlp, text)[0]


def test_an_incident_in_passing_that_hit_the_vendors_own_service(nlp):
    from kb.nlp.deployer import sentence_deployer
    own = _one_sentence(nlp, "In May, Amazon's Kiro assistant deleted an environment, disrupting the "
                             "AWS Cost Explorer service in one of Amazon's regions for 13 hours.")
    assert sentence_deployer(own, "Kiro", "Amazon")[::2] == ("Amazon", "deployer.self_hit_sentence")
    rented = _one_sentence(nlp, "In May, Amazon's Kiro assistant deleted a shop's database on AWS servers.")
    found = sentence_deployer(rented, "Kiro", "Amazon")
    assert found is None or found[0] != "Amazon"
