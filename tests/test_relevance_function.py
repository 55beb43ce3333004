"""Relevance of reports whose AI system is named by its function, not by a product name
(pattern ai.by_function), and whose harm is a bill, a rejection, an injury, an altered picture
or work lost for good. Every sentence here is written for these tests; each incident has a
look-alike with the same nouns that reports no harm.
"""

from __future__ import annotations

import pytest

from kb.nlp import analyze_text
from kb.nlp.prefilter import may_describe_incident
from kb.nlp.relevance import (AI_COMPOUND, CONSEQUENCE, FUNCTION_AI, LAUNCH, UNREAL, WORDED,
                              hedged, real_consequence)

ROBOTAXI = """Regulator halts driverless taxi service after one of its cars hit a cyclist

Harbour City's transport authority on Monday suspended the licence of Velo Rides, whose \
driverless taxis have carried paying passengers since spring, after one of its robotaxis \
struck a cyclist at a junction on Friday night. The car then kept moving for several metres \
with the cyclist beneath it before it stopped. The rider was taken to hospital with serious \
injuries. Velo Rides said it would pause its fleet while it reviews the software, and \
apologised to the cyclist's family.
"""

ROBOTAXI_LAUNCH = """Velo Rides launches driverless taxis in Harbour City

Velo Rides on Monday launched its driverless taxi service in Harbour City, with forty robotaxis \
covering the old town and the port. Riders book through an app, and pricing starts at four \
dollars a trip. The company says its self-driving software has covered a million test \
kilometres, and a waitlist is open for the airport route.
"""

HIRING = """Recruiter settles claim that its screening software turned away older applicants

Brightpath Staffing agreed to pay $180,000 to settle a complaint from the state's civil rights \
office, which said the firm's automated hiring software rejected every applicant over 58 for \
two years. The software was programmed to reject candidates whose birth year fell before a \
cut-off, and no one reviewed the rejections. About 300 applicants were turned away. The firm \
said it had withdrawn the tool and would invite those rejected to apply again.
"""

HIRING_EXPLAINER = """What an automated hiring system looks at

Many employers now run applications through automated hiring software before a recruiter reads \
them. The software parses a CV, matches it against the job description and ranks the \
candidates. Vendors say the tools save time for busy teams. Critics ask for regular audits and \
for a person to read every application the software ranks low.
"""

SCANNER_BILL = """My rental came back with a $390 bill from an AI damage scanner

I returned a hatchback to Dalton Car Hire at the city airport last week. The company's AI \
damage scanner, a camera arch at the return lane, looked the car over in seconds. The scanner \
had flagged a small dent on the tailgate, and the app presented me with a bill: $310 for the \
repair and an $80 handling fee. Nobody at the desk could tell me how to dispute it, and the \
dent was there when I picked the car up.
"""

ALGORITHM_LOSS = """Home-flipping arm closes after its pricing algorithm overpaid for houses

Nestwell said on Thursday it would close its home-buying arm after its pricing algorithm bought \
about 4,000 houses for more than they could be sold for. The company booked a $210 million \
write-down on the homes and will cut a fifth of its staff. Chief executive Ada Mensah said the \
model had not kept up with a cooling market.
"""


def _analyse(text: str):
    title, _, body = text.partition("\n\n")
    return analyze_text(body, title=title, language="en")


@pytest.mark.parametrize("text", [ROBOTAXI, HIRING, SCANNER_BILL, ALGORITHM_LOSS],
                         ids=["robotaxi", "hiring", "scanner-bill", "algorithm-loss"])
def test_a_system_named_by_its_function_that_did_harm_is_an_incident(text):
    assert may_describe_incident(text)
    assert _analyse(text).relevant is True


@pytest.mark.parametrize("text", [ROBOTAXI_LAUNCH, HIRING_EXPLAINER],
                         ids=["robotaxi-launch", "hiring-explainer"])
def test_a_system_named_by_its_function_with_no_harm_is_not_an_incident(text):
    assert _analyse(text).relevant is False


def test_systems_named_by_their_function_are_ai():
    """ai.by_function: a self-driving vehicle, software by its task, an automated machine, a
    generative editing tool, a system told as the one that decided."""
    for text in ["one of its robotaxis stopped in the road", "a driverless car blocked the ambulance",
                 "the bank's fraud-detection model froze her account", "its pricing algorithm",
                 "the council's automated benefits system", "new automated inspection gates",
                 "the generative fill tool added an arm", "the system had flagged a scratch",
                 "the software was programmed to reject older candidates"]:
        assert FUNCTION_AI.search(text), text
    for text in ["the algorithm of long division", "an operating system update",
                 "the hiring manager rejected him", "the model walked the runway",
                 "the automation of car plants"]:
        assert not FUNCTION_AI.search(text), text


def test_a_charge_a_rejection_an_injury_and_an_altered_likeness_are_deeds():
    """consequence.bill, consequence.rejection, consequence.bodily_harm,
    consequence.altered_likeness."""
    for text in ["the app presented him with a bill for the scratch",
                 "renters describe bills of around $200 for marks they could not see",
                 "the tool screened out female applicants over 55",
                 "more than 200 applicants were automatically rejected",
                 "the shuttle ran over a man crossing the car park",
                 "the van dragged her along the kerb",
                 "on the broadcast her outfit had been made more revealing",
                 "she had her body altered on the evening news"]:
        assert CONSEQUENCE.search(text), text
    for text in ["the bill was passed by parliament", "the editor rejected the draft",
                 "the runner struck out for the hills", "the photo was cropped to fit"]:
        assert not CONSEQUENCE.search(text), text


def test_work_lost_for_good_a_write_down_and_an_injury_are_consequences():
    """real.lost_work, real.write_down, real.injury, real.bill."""
    for text in ["she wrote about losing three years of research notes",
                 "the company says deleted chats cannot be recovered",
                 "he reinstalled the app twice and nothing came back",
                 "the firm took a $90 million write-down on the stock",
                 "the driver was taken to hospital",
                 "a bill of $440 arrived minutes later"]:
        assert real_consequence(text), text
    assert not real_consequence("you can restore the files from the trash within 30 days")


def test_a_modal_in_a_comparison_is_no_hedge():
    """hedge.comparative_modal."""
    assert not hedged("the algorithm bought homes for more than they could be resold for")
    assert hedged("the algorithm could buy homes for more than their value")


def test_a_pricing_algorithm_is_no_price_list_and_cant_imagine_is_no_fiction():
    assert not LAUNCH.search("its pricing algorithm overpaid")
    assert LAUNCH.search("pricing starts at $20 a month")
    assert not UNREAL.search("can't imagine this happening to a male mp")
    assert UNREAL.search("imagine an agent that deletes your inbox")


def test_a_generative_or_automated_product_is_referred_back_to_by_its_head_noun():
    assert AI_COMPOUND.search("the editor's generative tools filled the frame").group(1) == "tool"
    assert AI_COMPOUND.search("an automated damage scanner").group(1) == "scanner"


def test_separator_lines_are_not_sentences():
    """segment.separator."""
    assert not WORDED.search("---")
    assert not WORDED.search("💬 64  🔁 518")
    assert WORDED.search("Nothing goes to air unchecked.")
