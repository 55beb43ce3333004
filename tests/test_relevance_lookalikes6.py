"""Relevance of reports and their look-alikes, sixth set: deeds the action cues do not type
(consequence.wrong_pick, consequence.sent_to_group, consequence.isolated_machines, "promised
everyone"), consequences (real.fee_charged, real.service_knocked_out, real.contract_suspended,
real.honoured_offer, real.agent_confession), bots named in apposition, in quotes or by a
capitalised product kind (ai.appositive_bot, ai.quoted_assistant, ai.product_title), and a
vendor's help-centre page in the imperative (genre.help_centre). Each broad cue has a
look-alike that must not fire. Every sentence here is written for these tests.
"""

from __future__ import annotations

from kb.nlp import analyze_text
from kb.nlp.relevance import (
    CONSEQUENCE, COPULAR_BOT, HELP_PAGE, PRODUCT_TITLE_RE, QUOTED_BOT, REAL, RelevanceFeatures, howto,
)


def test_wrong_pick_is_a_deed_but_a_wrong_turn_is_not():
    assert CONSEQUENCE.search("the bot picked the wrong payee and the rent bounced.")
    assert CONSEQUENCE.search("the planner booked the wrong portland for all six of us.")
    assert CONSEQUENCE.search("three tickets to the wrong springfield, bought in one tap.")
    assert not CONSEQUENCE.search("we took the wrong turn near the bridge.")
    assert not CONSEQUENCE.search("that is the wrong question to ask.")


def test_sent_to_a_group_chat_but_not_a_group_chat_mentioned():
    assert CONSEQUENCE.search("the assistant sent my biopsy letter to the family group chat.")
    assert not CONSEQUENCE.search("she posted in the group chat about lunch.")


def test_isolated_machines_but_not_an_isolated_incident():
    assert CONSEQUENCE.search("the tool isolated about 900 hospital computers at dawn.")
    assert CONSEQUENCE.search("it cut off 2,100 school laptops from the network.")
    assert not CONSEQUENCE.search("the company called it an isolated incident.")
    assert not CONSEQUENCE.search("the village was cut off by snow for a week.")


def test_fees_and_missed_payments_are_consequences_unless_denied():
    assert REAL.search("the final bill carried a £90 early termination fee.")
    assert REAL.search("the landlord rang about a missed march payment.")
    assert REAL.search("the hotel rooms are non-refundable.")
    assert not REAL.search("the gym charges a small joining fee.")


def test_service_knocked_out_and_contract_suspended():
    assert REAL.search("the update ended up knocking out the ambulance dispatch screens.")
    assert REAL.search("the council voted to suspend the contract with the vendor.")
    assert not REAL.search("the team went through to the knockout stage.")
    assert not REAL.search("the bill was knocked out of shape by the budget.")
    assert not REAL.search("the firm signed the contract in june.")


def test_honoured_offer_and_agent_confession():
    assert REAL.search("the shop agreed to honour the price the bot had quoted.")
    assert REAL.search('the agent replied: "i have failed you, and i am sorry."')
    assert REAL.search("i made a catastrophic error in judgement when i ran the script.")
    assert not REAL.search("she was honoured to receive the award.")
    assert not REAL.search("i have made a small change to the recipe.")


def test_appositive_quoted_and_product_title_names_count_as_bots():
    text = ('Our bank launched Pip, an AI "money agent", in May. Pip moved my savings. '
            'The "Help Hannah" assistant answered. Brellow Assist sent the photo.')
    assert any(m.group(2) == "Pip" for m in COPULAR_BOT.finditer(text))
    assert QUOTED_BOT.search(text).group(1) == "Help Hannah"
    assert PRODUCT_TITLE_RE.search(text).group(0) == "Brellow Assist"
    assert not PRODUCT_TITLE_RE.search("The Executive Assistant booked a room.")
    assert not any(m.group(1) or m.group(2) for m in COPULAR_BOT.finditer("Paris, the city of light, is lovely."))


def test_help_centre_page_in_the_imperative_is_a_guide_even_with_warnings():
    assert HELP_PAGE.search("Lumo Home · Help Centre")
    assert HELP_PAGE.search("Applies to: Lumo Plug 3")
    assert not HELP_PAGE.search("The council said it would help centre the debate on costs.")
    assert not HELP_PAGE.search("Volunteers staffed the help desk at the marathon.")
    found = RelevanceFeatures(ai=4, real=2, sentences=30, imperatives=8, help_page=True)
    assert howto(found)
    found = RelevanceFeatures(ai=4, real=2, sentences=30, imperatives=8, help_page=False)
    assert not howto(found)


def test_a_travel_agent_booking_the_wrong_city_is_relevant():
    text = ("I asked the Wayfarer app's AI agent to book flights to Paris for my parents. "
            "It booked the wrong Paris: Paris, Texas. The fares are non-refundable and the airline "
            "charged a change fee. The app's support team apologised.")
    assert analyze_text(text, title="AI travel agent booked my parents to the wrong Paris").relevant


def test_a_county_whose_pcs_an_agent_isolated_is_relevant():
    text = ("An autonomous security agent isolated some 1,200 computers at Harlow County on Monday, "
            "knocking out the emergency dispatch consoles for six hours. The county voted to suspend "
            "the contract with the vendor.")
    assert analyze_text(text, title="Security agent cuts off county PCs").relevant


def test_a_fee_the_company_covers_is_no_harm():
    # real.fee_charged: a remedy names the fee too
    assert not REAL.search("the bank said it will cover any late fees.")
    assert REAL.search("the bot's answer left me with a £45 late fee.")
