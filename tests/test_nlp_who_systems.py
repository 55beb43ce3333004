"""Who: systems named by what they do (a self-driving car, a robotaxi, a pricing algorithm,
gun detection) belong to the organisation written as their owner; regulators, courts and
investigators speaking about the system are never its vendor or deployer; a page's navigation
strip is not an organisation; a product qualifying a people noun ("ChatGPT users") is not the
agent.

Reports and sentences are written for these tests; the companies and agencies in them are
invented except for regulator acronyms and real product names (gazetteer facts).
"""

from __future__ import annotations

import pytest

from conftest import primary_in as _primary
from conftest import rule_of as _rule

from kb.nlp.entities import chrome_line, is_regulator, system_owners
from kb.nlp.pipeline import get_pipeline


def test_owner_of_a_self_driving_car_is_vendor_and_deployer_not_the_investigator():
    text = ("Norvane self-driving car hit a cyclist after its software misread her, NTSB says\n\n"
            "A Norvane test vehicle driving itself in autonomous mode struck and injured a cyclist in "
            "Mesa in April, federal safety investigators said on Tuesday.\n\n"
            "In a preliminary report, the NTSB said Norvane's software classified the cyclist as a "
            "parked object and the automated system did not brake. The NTSB said its inquiry was "
            "continuing. Norvane said it had paused its self-driving tests.")
    mention = _primary(text)
    assert mention.vendor == "Norvane"
    assert mention.deployer == "Norvane"
    assert _rule(mention, "vendor") == "who.system_owner"


def test_regulator_suing_over_hiring_software_is_not_its_vendor():
    text = ("Regulator settles first case over automated hiring software\n\n"
            "The EEOC said on Monday that Tessaly Staffing agreed to pay $200,000 after "
            "Tessaly Staffing's screening software automatically rejected older applicants. "
            "According to the EEOC's complaint, the algorithm rejected hundreds of qualified "
            "people without any human review. The EEOC said the settlement was its first over "
            "an AI hiring tool.")
    mention = _primary(text)
    assert mention.vendor != "EEOC"
    assert mention.deployer != "EEOC"
    assert mention.vendor == "Tessaly Staffing"


#: (report, vendor, deployer): a system named by its job belongs to its written owner
#: (who.system_owner), whatever chrome the page has; its deployer is found as usual.
SYSTEM_OWNERS = [
    pytest.param(("The Daily Circuit\n"
                  "Tech / Reviews / Science / Entertainment / Cars /\n\n"
                  "Halvern robotaxi crash injures a passenger\n\n"
                  "By Jo Prentice · June 3, 2024 · Transportation\n\n"
                  "A Halvern robotaxi with no one inside braked in the middle of a turn in Denver on "
                  "Saturday and was hit by a van, injuring its passenger. Halvern's software misjudged "
                  "the van's path, the company said. The driverless car was later "
                  "moved by a remote operator, and Halvern said it had updated its fleet."),
                 "Halvern", "Halvern",
                 id="robotaxi_owner_in_a_report_with_a_navigation_strip"),
    pytest.param(("AI gun detection flags a student's umbrella as a rifle\n\n"
                  "Officers searched a 15-year-old student at Corran High School on Friday after an "
                  "artificial intelligence gun detection system flagged his folded umbrella as a rifle. "
                  "Westmere Academy, a charter school, deployed Quillon's AI gun detection in 2022. The system "
                  "scans camera feeds and sends an alert when it thinks it sees a weapon. Quillon said "
                  "its system had worked as designed."),
                 "Quillon", "Westmere Academy",
                 id="maker_of_gun_detection_is_vendor_and_the_school_district_deploys_it"),
    pytest.param(("Carrow Homes writes down $200 million after its pricing algorithm overpaid\n\n"
                  "Carrow Homes said it would close Carrow Offers, its home-buying business, after "
                  "Carrow Homes's pricing algorithm bought thousands of houses for more than they could "
                  "be resold for. The company's algorithm kept offering high prices as the market "
                  "cooled, and Carrow Homes lost $200 million."),
                 "Carrow Homes", "Carrow Homes",
                 id="the_vendors_own_unit_is_the_vendor_as_deployer"),
]


@pytest.mark.parametrize("text, vendor, deployer", SYSTEM_OWNERS)
def test_system_owner_is_the_vendor(text, vendor, deployer):
    mention = _primary(text)
    assert (mention.vendor, mention.deployer) == (vendor, deployer)


def test_class_of_users_is_not_the_agent():
    text = ("A lawyer is fined for citations Claude invented\n\n"
            "A judge in Ohio fined a lawyer $1,500 for a brief with invented cases, which shows "
            "the problem is not limited to ChatGPT users. The lawyer told the court he had used "
            "Claude to draft the brief and that the fake cases came from it.")
    mention = _primary(text)
    assert mention.agent == "Claude"


def test_regulator_names():
    assert is_regulator("NTSB") and is_regulator("the EEOC")
    assert is_regulator("National Highway Traffic Safety Administration")
    assert is_regulator("Department of Motor Vehicles")
    assert is_regulator("Federal Trade Commission")
    # look-alikes: a utility and a police department run systems
    assert not is_regulator("Pendle Water Authority")
    assert not is_regulator("Westmere Police Department")


def test_chrome_lines():
    assert chrome_line("Tech / Reviews / Science / Entertainment / AI / More")
    assert chrome_line("By Jo Prentice · June 3, 2024 · Transportation")
    assert chrome_line("Business   Markets   World   Politics   Technology")
    assert not chrome_line("Halvern said it had updated its fleet of driverless cars after the crash.")


def test_system_owner_patterns_and_look_alikes():
    nlp = get_pipeline()
    assert system_owners(nlp("Norvane's software misread the cyclist.")[:]) == ["Norvane"]
    assert system_owners(nlp("A Halvern robotaxi stopped in the road.")[:]) == ["Halvern"]
    # a vehicle is a system only in a report about self-driving vehicles
    assert system_owners(nlp("The Halvern vehicle stopped in the road.")[:]) == []
    assert system_owners(nlp("The Halvern vehicle stopped in the road.")[:], vehicles=True) == ["Halvern"]
    # a regulator's own name, and a permit, are no systems of an owner
    assert system_owners(nlp("The state pulled Halvern's driverless permits.")[:]) == []
    assert system_owners(nlp("The NTSB's report described the crash.")[:]) == []
    assert "Motor" not in system_owners(nlp("The Department of Motor Vehicles suspended it.")[:], True)


def test_report_naming_only_a_regulator_keeps_its_incident_without_an_actor():
    text = ("Agency settles over automated screening\n\n"
            "The EEOC said the company's application software rejected older applicants "
            "automatically. According to the EEOC's complaint, more than 200 people were turned "
            "away without any human review.")
    mention = _primary(text)
    assert mention.vendor is None and mention.deployer is None
