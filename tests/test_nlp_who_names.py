"""Who: named patterns for product names that are also everyday words or organisations, and
maker phrases that name a person or a platform instead of the maker.

Sentences are written for these tests; product and company names are real (gazetteer facts).
"""

from __future__ import annotations

from kb.nlp.actors import makers
from kb.nlp.entities import count_who
from kb.nlp.pipeline import _choose_actor, _weights
from kb.nlp.segment import split_sentences


def _who(nlp, text):
    sentences = split_sentences(nlp, text)
    who = count_who(sentences, _weights(sentences, None))
    return who, _choose_actor(who, sentences)


def test_versioned_gpt_names_keep_their_own_id(nlp):
    ids = [e.ent_id_ for e in nlp("The expert used GPT-4o and later GPT-4.1 to draft it.").ents
           if e.label_ == "AGENT"]
    assert ids == ["GPT-4o", "GPT-4.1"]


def test_owner_possessive_gives_the_company_not_the_person(nlp):
    doc = nlp("The post was written by Grok, the chatbot from Elon Musk's company xAI.")
    assert makers(doc[:]) == ["xAI"]


def test_platform_a_bot_was_pulled_from_is_not_its_maker(nlp):
    doc = nlp("A Seoul startup pulled its chatbot from Facebook Messenger after a week.")
    assert makers(doc[:]) == []


def test_licensed_from_an_outside_company(nlp):
    doc = nlp("The reviews were licensed from an outside company, AdVon Commerce.")
    assert makers(doc[:]) == ["AdVon Commerce"]


def test_bare_copilot_is_microsofts_and_merges_into_a_named_longer_product(nlp):
    _, (agent, vendor, _) = _who(nlp, "Copilot told a user to worship it. Microsoft said it was an exploit.")
    assert (agent, vendor) == ("Copilot", "Microsoft")
    _, (agent, _, _) = _who(nlp, "GitHub Copilot opened a pull request. Copilot then deleted the branch.")
    assert agent == "GitHub Copilot"


def test_alexa_as_a_first_name_is_a_person(nlp):
    doc = nlp("Alexa Morgan, a nurse, said the device kept talking.")
    assert not [e for e in doc.ents if e.label_ == "AGENT"]
    doc = nlp("Alexa told the girl to touch a coin to the plug.")
    assert [e.ent_id_ for e in doc.ents if e.label_ == "AGENT"] == ["Alexa"]


def test_my_ai_needs_its_platform_in_the_report(nlp):
    who, _ = _who(nlp, "My AI posted a story. Snapchat users were scared.")
    assert who.agents["My AI"] > 0
    who, _ = _who(nlp, "My AI assistant wrote a bad summary. I deleted it.")
    assert "My AI" not in who.agents


def test_meta_ai_releasing_a_model_is_the_lab(nlp):
    who, (agent, vendor, _) = _who(nlp, "Meta AI released a demo of Galactica. Galactica invented papers.")
    assert (agent, vendor) == ("Galactica", "Meta")
    assert "Meta AI" not in who.agents
    who, _ = _who(nlp, "Meta AI told a parent it had a disabled child.")
    assert who.agents["Meta AI"] > 0


def test_nicknamed_instance_of_a_model_is_the_agent(nlp):
    _, (agent, vendor, _) = _who(nlp, "Anthropic let an instance of Claude Sonnet 3.7, nicknamed Claudius, "
                                      "run a shop. Anthropic said Claudius lost money.")
    assert (agent, vendor) == ("Claudius", "Anthropic")
