"""Deployer recall, fourth round: organisations the NER misses or the report links to the agent
only by a trial, a hand-over, an "its" or a company page's masthead.

Every sentence is written for the test (invented companies, products and people).
"""

from __future__ import annotations

import pytest

from kb.nlp.deployer import canonical_org, house_org, its_subjects
from kb.nlp.segment import split_sentences
from conftest import deployer_in as _deployer


def test_a_trial_names_the_long_form_of_a_shortened_name(nlp):
    text = ("Staff at Fenwick Metrics noticed the bill on Monday. The servers were started by "
            "Brindle, an agent from Oxtail Labs that Fenwick was piloting in its data team.")
    name, _, _ = _deployer(nlp, text, vendor="Oxtail Labs", agent="Brindle")
    assert name == "Fenwick Metrics"


def test_dateline_apposition_with_its_engine(nlp):
    text = ("OSLO, May 3 (Nordwire) - Norwegian furniture retailer Birchmoor said on Friday it lost "
            "about $200,000 after its automated pricing engine cut sofa prices to one krone on its "
            "website. Birchmoor cancelled the orders.")
    name, _, rule = _deployer(nlp, text, vendor="Quantelle", agent="PriceHawk")
    assert (name, rule) == ("Birchmoor", "deployer.subject_its")


@pytest.mark.parametrize("text, agent, name", [
    ("Tarnwick Mobile points the finger at its digital assistant, Juno, as the regulator asks "
     "questions. Tarnwick Mobile customers lost their numbers.", "Juno", "Tarnwick Mobile"),
    ("Blue Heron Bakeries handed Ordermate the keys to its supplier accounts. By Monday "
     "Blue Heron had 40 crates of flour it never ordered.", "Ordermate", "Blue Heron Bakeries"),
])
def test_a_subject_referred_to_by_its_is_an_organisation(nlp, text, agent, name):
    found = _deployer(nlp, text, vendor="Larder", agent=agent)
    assert found is not None and found[0] == name


def test_a_person_with_his_is_no_organisation(nlp):
    text = ("Tom Verity pointed the finger at his digital assistant, Juno. Tom Verity lost his "
            "phone number.")
    sentences = split_sentences(nlp, text)
    assert its_subjects(sentences, {s.index for s in sentences}) == set()


def test_an_its_on_something_that_is_not_owned_or_a_bot_is_not_enough(nlp):
    text = ("Corvel keeps sending me links to its terms of service. I asked Corvel what "
            "happened to my flights.")
    sentences = split_sentences(nlp, text)
    assert "Corvel" not in its_subjects(sentences, {s.index for s in sentences})


def test_handing_work_to_the_agent_by_a_pronoun(nlp):
    text = ("Dorrance Shipping, a Rotterdam freight forwarder with 900 staff, sided with the "
            "optimists. In the spring of 2025 it moved first-line IT support to Halyon, an agent "
            "from the start-up Brightquay. In May Halyon reset a director's password for a stranger.")
    name, _, _ = _deployer(nlp, text, vendor="Brightquay", agent="Halyon")
    assert name == "Dorrance Shipping"


def test_company_masthead_with_a_slash_and_our_engineer(nlp):
    text = ("Hollin Supply Co. / Engineering\n\n# Postmortem: a key in a public repository\n\n"
            "One of our engineers was using Tessel in that repo to fix a layout bug. It pushed "
            "the whole directory, secrets included.")
    sentences = split_sentences(nlp, text)
    assert house_org(sentences) == ("Hollin Supply Co.", "page")
    name, _, rule = _deployer(nlp, text, vendor="Quorra", agent="Tessel")
    assert (name, rule) == ("Hollin Supply Co.", "deployer.house")


def test_forum_section_label_is_no_house(nlp):
    text = ("Forums › Seller Discussion\n\nOur listings were rewritten by the Polish tool overnight "
            "and we use nothing else.")
    found = house_org(split_sentences(nlp, text))
    assert found is None or "Forums" not in found[0]


def test_company_abbreviation_keeps_its_dot():
    assert canonical_org("Hollin Supply Co.") == "Hollin Supply Co."
    assert canonical_org("Hollin Supply Co") == "Hollin Supply Co."


def test_the_bots_kind_is_not_what_its_maker_owns(nlp):
    text = ("A Harlow engineer had asked Fixer, Brackwell's infrastructure agent, to remove stale "
            "records. Fixer deleted every zone, which covered most of Harlow's paying customers. "
            "Harlow Hosting, a mid-sized web host, restored the zones by night.")
    found = _deployer(nlp, text, vendor="Brackwell", agent="Fixer")
    assert found is not None and found[0] == "Harlow Hosting"


def test_a_job_title_modifier_is_not_an_owned_system(nlp):
    text = ("Skyhook reported the failed backups as successes for seven weeks. The episode is a "
            "reminder, said one Norvale infrastructure lead, that a green tick is not a restore test.")
    found = _deployer(nlp, text, vendor="Lattice Ops", agent="Skyhook")
    assert found is None or found[0] != "Norvale"


def test_the_vendors_own_named_agent_is_not_a_customer(nlp):
    text = "Staff said Brackwell's Fixer agent deleted the zones overnight."
    found = _deployer(nlp, text, vendor="Brackwell", agent="Fixer")
    assert found is None or found[2] != "deployer.owner_of_named_bot"


def test_computers_belonging_to_a_county(nlp):
    text = ("An autonomous security agent isolated roughly 3,000 computers belonging to Harlan "
            "County, Ohio, from the network on Tuesday, officials said.")
    found = _deployer(nlp, text, vendor="Skarn Security", agent="Warden")
    assert found is not None and found[0] == "Harlan County"


def test_the_county_that_spent_the_autumn_installing_the_agent(nlp):
    text = ("Dispatchers at the Harlan County call centre lost their screens at 7 a.m. The county "
            "had spent the autumn installing Warden, an endpoint agent from Skarn Security.")
    found = _deployer(nlp, text, vendor="Skarn Security", agent="Warden")
    assert found is not None and found[0] == "Harlan County"


def test_a_person_from_a_city_does_not_make_it_the_deployer(nlp):
    text = ("Walt Hume, a 38-year-old software engineer from Carver City, died after his car, "
            "driving itself on Autopilot, struck a lane divider.")
    found = _deployer(nlp, text, vendor="Tesla", agent="Autopilot")
    assert found is None or found[0] != "Carver City"


#: Reports where one named pattern gives the deployer: text, vendor, agent, (deployer, rule).
NAMED_DEPLOYERS = [
    pytest.param(("Every server had been started by Brindle, the coding agent sold by Oxtail Labs, "
                  "which Fenwick Metrics had been trialling since March. Fenwick Metrics paid the bill."),
                 "Oxtail Labs", "Brindle", ("Fenwick Metrics", "deployer.relative_taker"),
                 id="a_product_the_company_had_been_trialling"),
    pytest.param(("Grellan Foods handed Ordermate the keys to the supplier portal in June. Grellan "
                  "Foods later found 40 crates of flour it never ordered."),
                 "Larder", "Ordermate", ("Grellan Foods", "deployer.hands_to_agent"),
                 id="handing_the_agent_the_keys"),
    pytest.param(("An autonomous agent isolated about 900 computers belonging to Penworth Analytics, "
                  "a data consultancy, on Tuesday. Penworth Analytics restored them by noon."),
                 "Skarn Security", "Warden", ("Penworth Analytics", "deployer.owner_of_harm"),
                 id="machines_belonging_to_a_named_organisation"),
    pytest.param(("# What our AI receptionist got wrong\n\n*Posted 2 May 2025 · Dr. Ana Reyes, Elmstead "
                  "Family Dental*\n\nIn March we started using Wren, a phone assistant from a company "
                  "called Calloway Health, to answer calls after hours."),
                 "Calloway Health", "Wren", ("Elmstead Family Dental", "deployer.house"),
                 id="dotted_byline_with_a_title_names_the_practice"),
    pytest.param(("Mapleton Status\n\nIncident Report for Mapleton\n\nWhat happened: we use Tiller, an "
                  "automated remediation agent supplied by Oakhurst, to answer alerts at night. Tiller "
                  "scaled the API pool to zero."),
                 "Oakhurst", "Tiller", ("Mapleton", "deployer.house"),
                 id="status_page_narrative_under_a_heading_key"),
    pytest.param(("On June 2 I opened the Wayfarly app, which has this AI agent called Pilot that you can "
                  "chat with, and asked for four tickets. Pilot booked the wrong city."),
                 "Skyloom", "Pilot", ("Wayfarly", "deployer.app_with_bot"),
                 id="the_app_that_has_the_agent"),
    pytest.param(("It turns out that Buff, the AI listing assistant Makerly launched in the autumn, "
                  "rewrote 63 of my live listings."),
                 "Tessara", "Buff", ("Makerly", "deployer.relative_licensee"),
                 id="the_assistant_a_platform_launched"),
    pytest.param(("The message was written by Mate, an infrastructure agent from Corran Labs that the "
                  "University of Ashby's managed-services contractor had been using to move mailboxes."),
                 "Corran Labs", "Mate", ("University of Ashby", "deployer.relative_taker"),
                 id="the_contractor_of_a_university_had_been_using_the_agent"),
    pytest.param(("Two years ago, reporters testing Port Alden's Asky chatbot found that it told "
                  "landlords they could refuse housing vouchers."),
                 "Microsoft", "Asky", ("Port Alden", "deployer.owner_of_named_bot"),
                 id="a_city_owns_its_named_chatbot"),
    pytest.param(("Ledgerly Autopilot, the AI agent Harwick Freight had allowed to schedule payments "
                  "without sign-off, paid a forged invoice."),
                 "Ledgerly", "Ledgerly Autopilot", ("Harwick Freight", "deployer.relative_licensee"),
                 id="the_agent_the_company_had_allowed_to_pay"),
]


@pytest.mark.parametrize("text, vendor, agent, expected", NAMED_DEPLOYERS)
def test_a_named_pattern_gives_the_deployer(nlp, text, vendor, agent, expected):
    name, _, rule = _deployer(nlp, text, vendor=vendor, agent=agent)
    assert (name, rule) == expected
