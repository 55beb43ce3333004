"""Blame rules: a talking bot's own words, an addressed role, subject-less admissions under a
key, a pronoun after "on <platform>", and cues for model limits, design faults, outages, older
versions, casual misuse and a verdict on the agent.

Every sentence here is written for the test (invented companies, people and bots where the
gazetteer does not matter; the known chat services where it does).
"""

from __future__ import annotations

import pytest

from kb.nlp.blame import classify, decide
from conftest import statements_in as _said


# --- cues ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind", [
    ("Language models can sometimes produce odd answers, and this was one of them.", "ai"),
    ("This is a new technology and it may not always give the reply we want.", "ai"),
    ("We would not hire the assistant to run a kiosk today.", "ai"),
    ("The report said the bot made too many mistakes to be left alone.", "ai"),
    ("We think the setting created far too many chances to publish private notes.", "vendor"),
    ("The helper experienced a brief outage that is now fixed.", "vendor"),
    ("The answer came from an older version of the app.", "vendor"),
    ("It concerns a release which has since been improved.", "vendor"),
    ("You can no longer have fun by casually misusing the demo.", "human"),
])
def test_new_cues(sentence, kind):
    assert classify(sentence) == kind


def test_own_mistakes_are_not_the_ai_verdict():
    assert classify("We made too many mistakes in the rollout.") != "ai"


# --- speakers -----------------------------------------------------------------------------

def test_a_chat_service_answering_is_the_bot_not_its_company(nlp):
    text = ("A parent asked the group for advice. Meta AI then answered that it was sorry for the "
            "mistake and that it had no children.")
    assert _said(nlp, text, {"meta", "meta ai"}) == []


def test_the_company_still_speaks_next_to_its_bot(nlp):
    text = ('Asked about the replies, a Meta spokesperson said: "Meta AI is new technology and it '
            'may not always return the answer we intend."')
    found = _said(nlp, text, {"meta", "meta ai"})
    assert [s.blamed for s in found] == ["ai"]
    assert found[0].speaker != "Meta AI"


def test_a_role_spoken_to_is_not_the_speaker(nlp):
    text = ("The witness said he had missed the invented citations and apologised to the court "
            "for the errors.")
    assert _said(nlp, text, {"quillsoft"}) == []


def test_header_key_admission_belongs_to_the_company_last_named(nlp):
    text = ("Brantwell Legal took several steps afterwards.\n\n"
            "Careless Review: Admitted that filing the brief without verification was poor "
            "professional judgment\n")
    found = _said(nlp, text, {"brantwell legal"})
    assert [(s.speaker, s.blamed, s.rule.split(":")[0]) for s in found] == \
        [("Brantwell Legal", "human", "blame.header_key")]


def test_pronoun_after_on_a_platform_is_the_spokesperson(nlp):
    text = ('Laura Jensen, Dellacorp\'s chief research scientist, was blunt. "The demo is down," he '
            'wrote on Twitter. "Nobody can have fun by casually misusing it now."')
    kind, best = decide(_said(nlp, text, {"dellacorp"}))
    assert kind == "human"
    assert best.speaker in ("Laura Jensen", "Jensen")
