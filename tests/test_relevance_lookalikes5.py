"""Relevance of reports and their look-alikes, fifth set: AI systems named by their role in a
business (prefilter.role_named_system: "the payroll assistant", "its pricing engine", "the
moderation filter"), products named by an invented name with their kind capitalised
(prefilter.product_title), money paid twice and content removed (prefilter.money_twice_or_lost,
prefilter.content_removed). Look-alikes where the AI product is the victim of a physical or
infrastructure failure (ai.victim_physical_cause, ai.victim_upstream's cause line, "gone dark
along with everything else"), where the cause is said not to be an AI (relevance.cause_not_ai,
relevance.nothing_in_caused), where a start-up reports no harm by its agent
(relevance.no_harm_by_ai), and an opinion poll (genre.survey). A Spanish report whose system is
named before its kind (foreign.name_then_kind) with a change made without human review. Every
sentence here is written for these tests.
"""

from __future__ import annotations

from kb.nlp import analyze_text
from kb.nlp.foreign import screen
from kb.nlp.prefilter import may_describe_incident
from kb.nlp.relevance import AI_VICTIM, DENIED_AI, FUNCTION_AI, RESEARCH, UPSTREAM_FAILURE


def test_role_named_systems_pass_the_prefilter():
    assert may_describe_incident("The payroll assistant made duplicate payments to forty contractors in March.")
    assert may_describe_incident("Its pricing engine cut the sofa to one euro and the shop lost money.")
    assert may_describe_incident("The moderation filter removed 9,000 posts; 300 accounts were suspended.")
    assert may_describe_incident("We used a travel agent app and got a nonrefundable ticket to the wrong city.")


def test_a_capitalised_product_kind_passes_but_a_job_title_does_not():
    assert may_describe_incident("Brindle Assistant turned the boiler off and ignored the schedule.")
    assert not may_describe_incident("The Executive Assistant was fined for parking.")


def test_ordinary_news_still_fails_the_prefilter():
    assert not may_describe_incident("The council's housing system will be upgraded next spring, officials said.")


def test_a_pricing_engine_that_lost_money_is_relevant():
    text = ("Retailer Hollin said on Tuesday it lost 300,000 euros after its automated pricing engine "
            "listed fridges at two euros for five hours. The engine, supplied by a Lyon start-up, "
            "kept lowering prices as orders came in. Hollin cancelled most of the orders.")
    assert analyze_text(text, title="Hollin loses 300,000 euros to pricing engine error").relevant


def test_an_ai_product_taken_offline_by_a_fire_is_its_victim():
    sentence = "a fire at the hosting site took the ai transcription assistant offline for two days."
    assert AI_VICTIM.search(sentence)
    assert AI_VICTIM.search("the chatbot had simply gone dark along with everything else on that server.")
    assert UPSTREAM_FAILURE.search("The disruption was caused by a serious outage at our cloud provider, Nimbus.")


def test_a_cause_said_not_to_be_an_ai_is_a_denial():
    assert DENIED_AI.search("the cause was not a flaw in an ai model, nor a bad release.")
    assert DENIED_AI.search("it is not related to the helper or any ai features, the vendor said.")
    assert DENIED_AI.search("so it's not the assistant, it's the firmware.")
    assert DENIED_AI.search("nothing in our app, and nothing in nap buddy, our ai feature, caused this.")
    assert DENIED_AI.search("the spokesman said no automated or ai systems were involved.")
    assert DENIED_AI.search("the firm says it has had no downtime or data loss caused by the agent.")
    assert not DENIED_AI.search("the cause was a bug in the ai model that ranked the claims.")


def test_a_blackout_that_took_the_bot_offline_is_not_an_incident():
    text = ("A power cut at a data centre in Lyon took the Parla AI chatbot offline for nine hours on Monday. "
            "The cause was not a bug in an AI model: the building lost power when a transformer failed. "
            "Customers could not reach the chatbot or the website until power returned.")
    assert not analyze_text(text, title="Parla chatbot offline after data centre power cut").relevant


def test_a_survey_is_research_not_an_incident():
    assert RESEARCH.search("two in three drivers distrust robotaxis, survey finds")
    assert RESEARCH.search("in a poll of 1,500 adults, 40% of respondents said they feared ai errors")


def test_voice_recognition_model_names_an_ai():
    assert FUNCTION_AI.search("an update to the voice-recognition model matched the name to the wrong contact")


def test_spanish_system_named_before_its_kind_with_no_human_review_passes():
    text = ("El ayuntamiento probaba Turna, un programa de asignación de turnos basado en inteligencia artificial. "
            "En abril, Turna no sugirió: aplicó. "
            "El programa cambió los turnos de 800 enfermeras sin validación humana y envió los avisos.")
    result = screen(text, language="es")
    assert result.relevant
    assert result.mentions[0].agent == "Turna"
