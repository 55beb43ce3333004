"""Field rules found on the blind13 set, with sentences written for these tests: blame cues
(human.up_to_the_user, human.chose_auto_approve, human.change_made_by_employee), an issue
tracker's role badge (blame.repo_role_badge), a product named in a comparison
(who.compared_to) and a date split off a prose sentence (occurred.dateline_in_prose)."""

from __future__ import annotations

import pytest

from kb.nlp.blame import classify
from kb.nlp.entities import compared_to
from kb.nlp.occurred import occurred
from kb.nlp.segment import split_sentences
from conftest import statements_in as _said


@pytest.mark.parametrize("sentence, kind", [
    ("Running the suggested command or not is up to the user, the lead engineer wrote.", "human"),
    ('If you pick "Always allow", the tool stops asking before each step.', "human"),
    ("The permission change was made by an engineer, not by the assistant.", "human"),
])
def test_new_human_cues(sentence, kind):
    assert classify(sentence) == kind


@pytest.mark.parametrize("sentence", [
    "It is up to us to make the tool safer.",                       # the company takes it on
    "The outage was made worse by a storm.",                        # no person made the change
    "If you choose a plan, you can cancel at any time.",            # no auto-approve mode
])
def test_look_alikes_are_no_human_cue(sentence):
    assert classify(sentence) is None


def test_reply_from_a_named_lead_is_the_company(nlp):
    text = ("The reply from Jo Marsh, who leads the CLI team at Zentrix, was short: approving each "
            "command is up to the user.")
    found = _said(nlp, text, {"zentrix"})
    assert [s.blamed for s in found] == ["human"]


def test_collaborator_badge_on_the_vendors_repository(nlp):
    text = ("zentrix / zentrix-cli    Public\n\n"
            "**pat-k** opened this issue on Mar 3, 2025\n\n"
            "The agent removed my folder.\n\n"
            "**ana-z** (Collaborator) commented on Mar 4, 2025\n\n"
            'If you choose "Allow All", the CLI runs each step without asking.\n')
    found = _said(nlp, text, {"zentrix", "zentrix cli"})
    assert [s.blamed for s in found] == ["human"]


def test_collaborator_badge_on_another_repository_is_not_the_company(nlp):
    text = ("someuser / notes-app    Public\n\n"
            "**ana-z** (Collaborator) commented on Mar 4, 2025\n\n"
            'If you choose "Allow All", the CLI runs each step without asking.\n')
    assert _said(nlp, text, {"zentrix", "zentrix cli"}) == []


def test_date_split_off_a_prose_sentence_is_not_the_date_line(nlp):
    text = ("Mar 2, 2026\n\nThe user was running the assistant on a laptop with build 3.1.4, "
            "on February 27. It deleted the home folder.\n\nBack in May another tool failed.")
    sentences = split_sentences(nlp, text)
    assert occurred(sentences, {s.index for s in sentences if "home folder" in s.text or "3.1.4" in s.text},
                    "2026-03-02")[0] in ("2026-02", "2026-03")


@pytest.mark.parametrize("text, compared", [
    ("Meta described the tool as similar in nature to Claude Code.", True),
    ("The in-house bot was modelled on Claude Code.", True),
    ("Claude Code deleted the folder, similar to last month.", False),
    ("The pipeline was based on Claude Code.", False),  # built on it, not a comparison
])
def test_a_product_named_in_a_comparison_is_not_the_agent(nlp, text, compared):
    ents = [e for e in nlp(text).ents if e.label_ == "AGENT"]
    assert ents and compared_to(ents[0]) is compared
