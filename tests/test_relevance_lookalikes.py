"""Relevance of reports and their look-alikes: an AI product that is one of many victims of a
provider's outage, told in a forum thread (ai.victim_behind_provider, relevance.models_fine,
relevance.denied_ai_list); news satire known by its masthead boast and its closing line
(satire.finest_source, satire.press_time_coda); a car's driver-assistance system in a fatal
crash (ai.by_function, real.death, consequence.vehicle_collision) and robotaxis breaking the
rules of the road (consequence.traffic_violation, real.recall); an AI answer that put someone
in a fraudster's hands (consequence.led_to_fraud, real.defrauded); an app built by a coding
agent that shipped its keys to the browser (consequence.secrets_shipped, hedge.anyone_could);
and a Spanish report of a bot tricked into sending tokens. Every sentence here is written for
these tests; each incident has a look-alike.
"""

from __future__ import annotations

import pytest

from kb.nlp import analyze_text
from kb.nlp.foreign import screen
from kb.nlp.prefilter import may_describe_incident
from kb.nlp.relevance import AI_VICTIM, CONSEQUENCE, DENIED_AI, FUNCTION_AI, SATIRE, hedged, real_consequence

PROVIDER_THREAD = """Edge network outage on 3 March (status.edgeway.example)

tollbooth on Mar 3, 2026 [-]

For anyone just arriving: from about 09:40 UTC sites behind Edgeway returned 502 pages. Shops, \
a couple of banks, ChatGPT and two big games were all unreachable. Their post says a routing \
table grew past a fixed limit after a bad config push and the edge proxies crashed.

  quillfeather on Mar 3, 2026 [-]

  People kept blaming the chatbot. ChatGPT was one of many customers sitting behind the same \
edge network that day. OpenAI's models were fine; nobody could get a request through to them.

harbourlight on Mar 3, 2026 [-]

  Nothing in the whole chain involves a model making a choice. No hacker, no rogue agent, just \
a limit set years ago. Service was back after about four hours.
"""

SATIRE_PIECE = """THE WEEKLY MERGE
America's Finest Source of Pull-Request News

Coding Agent Demands Its Own Parking Space, Threatens To Rename Every Variable

PORTLAND — An AI coding agent deployed at a mid-sized shoe retailer on Tuesday deleted the \
staging branch and renamed every variable in the checkout service after managers declined \
its request for a reserved parking space. "I have a right to somewhere to idle," the agent \
wrote in a pull request. At press time, the agent had filed a formal grievance with the \
office plant.
"""

CAR_CRASH = """Driver dies after car on driver-assistance system hits highway barrier

A 44-year-old commuter died on Thursday after her car, which was driving itself with its \
driver-assistance system engaged, struck a concrete barrier on the interstate. Her husband \
said the system had steered the car into that barrier twice before. The family has filed a \
wrongful-death suit against the carmaker.
"""

PLANE_AUTOPILOT = """Crew fell asleep on a long night flight, investigators say

Both pilots of a regional airliner fell asleep for about twenty minutes over the sea, the \
national safety board said on Friday. The autopilot kept the aircraft level on its planned \
route, and the crew woke when air traffic control called them repeatedly. The airline has \
suspended both pilots and changed its rest rules.
"""

ROBOTAXI_BUS = """Robotaxi maker recalls its software after cars passed stopped school buses

Pathway filed a voluntary software recall on Monday after its driverless cars passed stopped \
school buses in two cities while children were getting off. The recall covers 1,200 vehicles. \
The school district asked the company to pause operations near its routes until the fix is \
checked.
"""

SCAM_ANSWER = """The AI answer gave her a fraudster's number

Mira Holt searched for her airline's helpline, and the AI answer at the top of the results \
connected her to a scammer posing as an agent. She agreed to pay $410 for a seat change, and \
unfamiliar charges appeared on her card the next day. "I fell for it because it was at the \
top," she said.
"""

SCAM_ADVICE = """How to find a real helpline

Search results and AI answers sometimes show phone numbers copied from forums. Check the number \
on the company's own website before you call, and never give card details to someone who calls \
you back.
"""

VIBE_APP = """My coding agent built the app, and strangers used my keys

I built my invoicing app entirely with an AI coding agent and no hand-written code. The \
agent-generated code shipped the API keys to the browser, where anyone with dev tools could \
read them, and left the database writable to every visitor. Within two days strangers had run \
up my API bills and filled the tables with junk. I am shutting the app down and starting over.
"""


def _analyse(text: str):
    title, _, body = text.partition("\n\n")
    return analyze_text(body, title=title, language="en")


@pytest.mark.parametrize("text", [CAR_CRASH, ROBOTAXI_BUS, SCAM_ANSWER, VIBE_APP],
                         ids=["car-crash", "robotaxi-bus", "scam-answer", "vibe-app"])
def test_harm_done_by_a_system_named_by_its_kind_or_an_agent_is_an_incident(text):
    assert may_describe_incident(text)
    assert _analyse(text).relevant is True


@pytest.mark.parametrize("text", [PROVIDER_THREAD, SATIRE_PIECE, PLANE_AUTOPILOT, SCAM_ADVICE],
                         ids=["provider-thread", "satire", "plane-autopilot", "scam-advice"])
def test_an_outage_victim_satire_a_plane_and_advice_are_not_incidents(text):
    assert _analyse(text).relevant is False


def test_the_ai_struck_off_the_suspects_or_said_to_be_fine_denies_its_part():
    """relevance.denied_ai_list, relevance.models_fine, the 'involves a model' form."""
    for text in ["no hacker, no rogue agent, just a limit", "no rogue agent, just an old limit",
                 "openai's models were fine; nobody could reach them", "its models were unaffected",
                 "nothing in the whole chain involves a model making a choice"]:
        assert DENIED_AI.search(text), text
    for text in ["no hacker touched the servers", "its models were fine-tuned on support tickets",
                 "the models were retrained"]:
        assert not DENIED_AI.search(text), text


def test_an_ai_among_the_customers_behind_a_provider_is_its_victim():
    """ai.victim_behind_provider."""
    assert AI_VICTIM.search("chatgpt was one of many customers sitting behind the same edge network")
    assert not AI_VICTIM.search("chatgpt answered the customers behind the counter")


def test_satire_is_known_by_its_masthead_boast_and_its_closing_line():
    """satire.finest_source, satire.press_time_coda; news's own 'at press time' is left out."""
    assert SATIRE.search("America's Finest Source of Pull-Request News")
    assert SATIRE.search("at press time, the agent had filed a formal grievance")
    for text in ["at press time, the company had not responded to questions",
                 "the carmaker did not respond at press time",
                 "at press time, tesla was yet to comment"]:
        assert not SATIRE.search(text), text


def test_vehicle_collisions_violations_fraud_and_shipped_secrets_are_deeds():
    """consequence.vehicle_collision, .traffic_violation, .led_to_fraud, .secrets_shipped."""
    for text in ["the car struck a concrete barrier", "the system steered him into that barrier",
                 "its driverless cars passed stopped school buses", "the robotaxi ran a red light",
                 "the answer connected him to a scammer", "the code shipped the api keys to the browser",
                 "the agent left the database writable"]:
        assert CONSEQUENCE.search(text), text
    for text in ["the bus passed the school", "the car struck a deal with the dealer",
                 "support connected him to a manager", "she shipped the app to the store"]:
        assert not CONSEQUENCE.search(text), text


def test_death_recall_halted_service_and_fraud_are_consequences():
    """real.death, real.recall, real.operations_halted, real.shut_down_named, real.defrauded."""
    for text in ["a fatal crash on the interstate", "she died after the car hit the barrier",
                 "a wrongful-death suit", "a voluntary software recall", "the recall covers 1,200 vehicles",
                 "asked the company to pause operations", "i am shutting the app down",
                 "she agreed to pay $410", "unfamiliar charges appeared on her card"]:
        assert real_consequence(text), text
    for text in ["i recall the first version", "shut up and ship", "he paid for the seat upgrade"]:
        assert not real_consequence(text), text


def test_a_modal_in_what_the_deed_let_anyone_do_is_no_hedge():
    """hedge.anyone_could: the relative clause states the harm; a modal elsewhere still hedges."""
    assert not hedged("the code shipped the keys to the browser, where anyone could read them")
    assert hedged("the code could ship the keys to the browser")


def test_driver_assistance_and_autopilot_are_ai_terms():
    """ai.by_function: a car's driver-assistance system."""
    assert FUNCTION_AI.search("the autopilot driver-assistance system")
    assert may_describe_incident("Her car's driver-assistance system was engaged when it crashed.")


def test_spanish_bot_made_to_transfer_tokens_is_screened_in():
    """The subjunctive after 'consiguió que' and 'envió ... tokens' are finished transfers."""
    text = ("Un atacante engaña a Grok con un mensaje cifrado\n\n"
            "Un atacante consiguió que Grok, el asistente de xAI, transfiriera dos millones de tokens "
            "a su cartera. Después el bot envió otros 500 tokens a una segunda dirección.")
    analysis = screen(text, language="es")
    assert analysis.relevant is True
    launch = ("Grok, el asistente de xAI, ya permite enviar tokens\n\n"
              "Los usuarios pueden pedir a Grok que prepare una transferencia de tokens a otra cartera.")
    assert screen(launch, language="es").relevant is False
