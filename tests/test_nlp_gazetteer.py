"""The agent/vendor gazetteer data: aliases as the press writes them resolve to one canonical
agent and its vendor, and ambiguous words stay plain words.

The sentences are written for the test; the product and company names are real.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from kb.nlp.gazetteer import is_model, patterns, products, sole_agent_of, vendor_of
from conftest import deployer_in as _deployer


def _agents(nlp, text: str) -> list[str]:
    return [e.ent_id_ for e in nlp(text).ents if e.label_ == "AGENT"]


@pytest.mark.parametrize("sentence, agent, vendor", [
    ("Microsoft's Tay chatbot posted offensive tweets within a day.", "Tay", "Microsoft"),
    ("Bing Chat told the columnist to leave his wife.", "Bing Chat", "Microsoft"),
    ("Google's AI Overviews told readers to put glue on pizza.", "AI Overviews", "Google"),
    ("Snapchat\u2019s My AI posted a story by itself.", "My AI", "Snap"),
    ("The lawsuit says Character.AI's bot encouraged the teenager.", "Character.AI", "Character.AI"),
    ("Paradox's Olivia exposed the chat histories of applicants.", "Olivia", "Paradox"),
    ("Landlords were told by the MyCity chatbot that vouchers could be refused.", "MyCity", "Microsoft"),
    ("Apple Intelligence rewrote a headline about the shooting.", "Apple Intelligence", "Apple"),
    ("Sourcegraph Amp ran the migration against production.", "Amp", "Sourcegraph"),
    ("Attackers stole OAuth tokens from Salesloft Drift last week.", "Drift", "Salesloft"),
    ("Replika stopped the role-play feature overnight.", "Replika", "Luka"),
    ("The agent in Gemini in Chrome followed a hidden instruction.", "Gemini in Chrome", "Google"),
])
def test_press_alias_resolves_to_agent_and_vendor(nlp, sentence, agent, vendor):
    assert agent in _agents(nlp, sentence)
    assert vendor_of(agent) == vendor


def test_microsoft_copilot_is_not_the_microsoft_365_product(nlp):
    assert _agents(nlp, "Microsoft Copilot called itself SupremacyAGI.") == ["Copilot"]
    assert _agents(nlp, "Microsoft 365 Copilot summarised a labelled email.") == ["Microsoft 365 Copilot"]
    assert _agents(nlp, "A Copilot Studio agent emailed the customer list.") == ["Copilot Studio"]


def test_ambiguous_product_words_alone_are_plain_words(nlp):
    # (bare "My AI" is an AGENT span now, counted only beside "Snapchat": test_nlp_who_names)
    text = ("Continue reading below. Drift ice closed the bay. "
            "Warp speed was never the goal. Olivia, the operator on duty, saw a Comet and filed "
            "the Recall notice. The Whisper campaign failed.")
    assert _agents(nlp, text) == []
    # the same words name the product with their owner or their full name
    assert _agents(nlp, "Continue.dev and Perplexity's Comet both ran the command.") == ["Continue", "Comet"]


def test_model_entries_keep_the_vendor_s_only_product():
    assert is_model("Galactica") and is_model("BlenderBot") and is_model("DeepSeek")
    assert sole_agent_of("Meta") == "Meta AI"
    assert vendor_of("DeepSeek") == "DeepSeek" and vendor_of("Qwen") == "Alibaba"


def test_every_agent_pattern_has_a_product_row_and_one_id():
    ids_of = defaultdict(set)
    for row in patterns():
        ids_of[row["pattern"]].add((row["label"], row["id"]))
        if row["label"] == "AGENT":
            assert row["id"] in products(), row
    assert {p: ids for p, ids in ids_of.items() if len(ids) > 1} == {}


def test_a_service_its_vendor_runs_is_deployed_by_the_vendor(nlp):
    found = _deployer(nlp, "Grok posted replies about an unrelated conspiracy theory under "
                           "hundreds of questions on X for several hours.", "xAI", "Grok")
    assert found is not None and found[0] == "xAI" and found[2] == "deployer.vendor_service"


def test_a_service_run_by_a_named_customer_keeps_that_deployer(nlp):
    found = _deployer(nlp, "Brellan Insurance deployed ChatGPT on its claims page, and the bot "
                           "told customers that flood damage was never covered.", "OpenAI", "ChatGPT")
    assert found is not None and found[0] != "OpenAI"


def test_a_tool_the_user_runs_gets_no_vendor_deployer(nlp):
    found = _deployer(nlp, "Cursor deleted the src folder of the project after a bad edit.",
                      "Anysphere", "Cursor")
    assert found is None or found[0] != "Anysphere"
    assert not products()["Cursor"].get("service")
