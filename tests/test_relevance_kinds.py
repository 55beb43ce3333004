"""Relevance of reports whose AI system is named by its kind (pattern ai.by_function: a
recogniser, machine translation, a robot named by its job, a wake-word speaker, an algorithm
named by its purpose, a bot named in a copula) and whose harm is a detention, an injury by a
machine, a car braking on its own, a private recording sent, an output people acted on, or
money paid out; and of a status page where an AI product is the victim of a cloud outage.
Every sentence here is written for these tests; each incident has a look-alike.
"""

from __future__ import annotations

import pytest

from kb.nlp import analyze_text
from kb.nlp.foreign import screen
from kb.nlp.prefilter import may_describe_incident
from kb.nlp.relevance import (CONSEQUENCE, COPULAR_BOT, DENIED_AI, FUNCTION_AI, denied_throughout,
                              real_consequence)

ROBOT_INJURY = """Delivery robot knocks over a four-year-old outside a bakery

A sidewalk delivery robot run by Trundle Foods knocked over a four-year-old girl on Harbour Street \
on Saturday and rolled over her hand before it stopped, her father said. The girl was taken to \
hospital with a broken finger. The robot kept its lights on and did not slow down. Trundle Foods \
apologised to the family and said it has taken its robots out of service on the street while it \
reviews the footage.
"""

ROBOT_LAUNCH = """Trundle Foods launches sidewalk delivery robots in the old town

Trundle Foods on Monday launched a fleet of twelve sidewalk delivery robots that bring bread and \
pastries to homes within two kilometres of its bakeries. The robots travel at walking pace, \
cross at lights and are watched by a remote operator. Pricing starts at two dollars a delivery, \
and a waitlist is open for the harbour district.
"""

FACE_ARREST = """Man held for a day after a facial recognition match that was wrong

Daniel Osei was arrested at his flat in Millbrook on 3 March and spent nineteen hours in police \
custody after the city's facial recognition system matched an old passport photo of him to a \
shoplifter caught on a store camera. Detectives did not check his alibi before the arrest. \
The charges were dropped a week later, and Osei has filed a complaint. The police force said \
it had paused its use of the face-matching software while it reviews the case.
"""

FACE_EXPLAINER = """How facial recognition works at an airport gate

At many airports a facial recognition camera now compares a traveller's face with the photo \
stored in the passport chip. The system turns each face into a set of measurements and scores \
how closely the two sets agree. Travellers who prefer a manual check can ask for one at the desk. \
Operators publish the accuracy figures each year.
"""

SPEAKER_SENT = """My smart speaker sent a recording of our dinner to my boss

Last night our smart speaker woke on its own during dinner and sent a recording of our \
conversation to my manager, who is in my contacts. He called this morning to ask what he had \
just listened to. The speaker never said a word, and we never asked it to send anything. \
I have unplugged every one of them in the house.
"""

OUTAGE_STATUS = """Helio Status

Helio chat ........ Operational
Helio API ......... Operational

Past incidents

Errors across the app and the API

Resolved - All services have recovered. Thread histories from the incident may take a few more \
hours to appear.

Identified - The root cause is an outage at our cloud provider in one region. Helio's own \
systems and models are working as expected; requests that depend on that region are failing, \
as they are for many other apps.

Investigating - Users may be unable to log in to the Helio chat assistant or get answers from \
the Helio AI. API requests are returning errors.
"""


def _analyse(text: str):
    title, _, body = text.partition("\n\n")
    return analyze_text(body, title=title, language="en")


@pytest.mark.parametrize("text", [ROBOT_INJURY, FACE_ARREST, SPEAKER_SENT],
                         ids=["robot-injury", "face-arrest", "speaker-sent"])
def test_a_system_named_by_its_kind_that_did_harm_is_an_incident(text):
    assert may_describe_incident(text)
    assert _analyse(text).relevant is True


@pytest.mark.parametrize("text", [ROBOT_LAUNCH, FACE_EXPLAINER, OUTAGE_STATUS],
                         ids=["robot-launch", "face-explainer", "outage-status"])
def test_a_launch_an_explainer_and_a_cloud_outage_are_not_incidents(text):
    assert _analyse(text).relevant is False


def test_more_systems_named_by_their_kind_are_ai():
    """ai.by_function: recognisers, machine translation, robots by job, wake-word speakers,
    an algorithm named by its purpose, Full Self-Driving's abbreviation."""
    for text in ["a facial recognition search", "face-matching software", "its automatic translation",
                 "the machine translation showed", "a security robot", "a chess-playing robot",
                 "the robotic arm", "our smart speaker", "any Google Home nearby", "the family's Echo",
                 "the Assistant records", "an algorithm meant to rank staff by risk", "FSD Beta 10.3"]:
        assert FUNCTION_AI.search(text), text
    for text in ["a robot vacuum review", "the echo of the hall", "a teaching assistant",
                 "an algorithm for sorting numbers", "a translation of the poem"]:
        assert not FUNCTION_AI.search(text), text


def test_detention_injury_braking_private_recordings_and_acted_on_output_are_deeds():
    """consequence.detention, consequence.machine_injury, consequence.vehicle_manoeuvre,
    consequence.private_recording, consequence.acted_on_output, consequence.money_sent,
    consequence.broadcast_trigger, consequence.admitted_malfunction."""
    for text in ["police detained him for questioning", "she spent a night in police custody",
                 "the robot knocked over a 3-year-old boy", "the arm broke the finger of a girl",
                 "the car slammed on the brakes on the motorway", "another phantom braking event",
                 "it sent audio files of them talking to a colleague",
                 "the company is indexing people's shared conversations",
                 "the lecturer failed the class because the chatbot said it wrote the essays",
                 "the bot sent the whole treasury, 40 eth, to the caller",
                 "the radio ad triggers smart speakers in every kitchen",
                 "our model did not work the way it was supposed to"]:
        assert CONSEQUENCE.search(text), text
    for text in ["a paid robotaxi service", "the police arrived later that day",
                 "the robot knocked on the door", "she shared a recipe with her sister",
                 "the car braked gently at the lights"]:
        assert not CONSEQUENCE.search(text), text


def test_detention_broken_bones_and_withdrawn_machines_are_consequences():
    """real.detention, real.injury_named, real.out_of_service, real.unintended_exposure."""
    for text in ["he was wrongly arrested in front of his children", "the charges were dropped",
                 "the boy broke his finger", "another child had been hurt by the machine",
                 "the mall has taken its robots out of service",
                 "the firm never meant for those chats to be indexed"]:
        assert real_consequence(text), text
    for text in ["nobody was hurt and no cars collided", "an x-ray showed no fracture",
                 "the exchange holds assets in custody of a bank"]:
        assert not real_consequence(text), text
    assert denied_throughout("nobody was hurt")


def test_a_provider_saying_its_own_systems_worked_denies_the_ai_part():
    """relevance.own_systems_fine."""
    assert DENIED_AI.search("helio's own systems and models are working as expected")
    assert DENIED_AI.search("our own infrastructure was operating normally")
    assert not DENIED_AI.search("our systems are working to restore service")


def test_a_bot_named_in_a_copula_names_it_later():
    """ai.copular_name."""
    assert COPULAR_BOT.search("Marlow was an AI agent that held the prize fund").group(1) == "Marlow"
    assert not COPULAR_BOT.search("Marlow was a software engineer")


def test_portuguese_facial_recognition_is_an_ai_term():
    """The foreign screen finds the recogniser and a wrongful stop near it (names still needed)."""
    text = ("Torcedor é abordado pela polícia após erro do reconhecimento facial.\n\n"
            "As câmeras de reconhecimento facial o haviam apontado como foragido da Justiça.")
    assert "no AI term near a harm cue" not in (screen(text, language="pt").note or "")
