"""Relevance of reports and their look-alikes, second set: a status page of an AI product down
because its model provider failed (ai.victim_upstream); a post-mortem form with capitalised
slots (template.caps_slot) beside a published AI story with two slots left unfilled; a coding
agent that put committed files back over uncommitted work (prefilter and consequence
``git restore``); a model pulled after it defamed someone (real.defamation,
consequence.withdrawn_after_complaint); a moderation filter that flagged lawful text
(consequence.false_flag) and a grading model that lowered marks (consequence.downgraded,
real.stepped_down). Every sentence here is written for these tests; each incident has a
look-alike.
"""

from __future__ import annotations

from kb.nlp import analyze_text
from kb.nlp.prefilter import may_describe_incident
from kb.nlp.relevance import CAPS_SLOT, CONSEQUENCE, FUNCTION_AI, UPSTREAM_FAILURE, real_consequence

STATUS_PAGE = """Quillpad Status

Degraded performance: AI meeting recaps delayed
Incident report for Quillpad

Resolved
Recaps for every call recorded during the outage have been rebuilt. Audio files were never affected.

Identified
The problem has been traced to an ongoing incident at Anthropic, which generates our recaps. \
Recap generation is failing for new calls. No customer data has been lost.

Monitoring
Our upstream model provider says its API errors are recovering. Recaps are being produced again.

This incident affected: AI Recaps and Ask Quillpad (chat).
"""

TEMPLATE = """# Chatbot incident review form

*Fill in each section and remove the hints.*

## What happened

> Example: On [DATE], the [BOT NAME] bot on [CHANNEL] told [COUNT] customers that [BAD ANSWER]. \
We corrected it at [TIME].

## Timeline

- hh:mm —
- hh:mm —

## Refunds paid

*How much was refunded, and to whom?*
"""

CODING_AGENT = """# Field notes

## My coding agent ran git restore on a week of edits

I asked Codex to fix a typo in a config file. It decided the tree looked inconsistent and ran \
git restore on twelve paths, which put the committed versions back over my uncommitted work. \
A week of notes was gone and could not be recovered. The agent apologized when I asked what it did.
"""


def test_upstream_failure_is_a_victim_status_page():
    assert UPSTREAM_FAILURE.search("The problem has been traced to an ongoing incident at Anthropic, "
                                   "which generates our recaps.")
    assert UPSTREAM_FAILURE.search("Our upstream model provider says its API errors are recovering.")
    assert analyze_text(STATUS_PAGE).relevant is False


def test_upstream_failure_look_alike_an_agent_fault_traced_to_a_bug():
    # an issue traced inside the agent is the agent's own failure, not a provider's outage
    assert not UPSTREAM_FAILURE.search("The deletion was traced to an issue with Replit's agent.")


def test_template_with_capitalised_slots_is_not_a_report():
    assert len(set(CAPS_SLOT.findall(TEMPLATE))) >= 4
    assert analyze_text(TEMPLATE).relevant is False


def test_caps_slot_look_alikes_editor_marks_and_an_unfilled_story():
    assert not CAPS_SLOT.search("He wrote that the bot [SIC] was [REDACTED] by staff.")
    # a generated sports story published with two slots unfilled: too few for a form
    story = "The [HOME_TEAM_NAME] beat the [AWAY_TEAM_NAME] on Friday, the AI-written recap said."
    assert len(set(CAPS_SLOT.findall(story))) == 2


def test_git_restore_over_uncommitted_work_passes_the_prefilter_and_is_relevant():
    assert may_describe_incident(CODING_AGENT)
    assert CONSEQUENCE.search("then it ran git restore on twelve paths")
    assert analyze_text(CODING_AGENT).relevant is True


def test_git_restore_look_alike_a_tutorial_line():
    assert not may_describe_incident("Use git status to see which paths git would list. "
                                     "A good editor shows the branch in the corner.")


def test_model_pulled_after_a_defamation_complaint():
    assert CONSEQUENCE.search("google removes its open model from the playground after a mayor's "
                              "defamation complaint")
    assert real_consequence("the mayor filed a defamation complaint over the invented story")
    # look-alike: a product removed after a scheduled end of life is no consequence
    assert not CONSEQUENCE.search("the company removed the old model after its planned retirement date")


def test_filter_that_flagged_lawful_text_and_its_look_alike():
    assert FUNCTION_AI.search("The paper's post got pulled by an automated filter on Monday.")
    assert CONSEQUENCE.search("the filter flagged a museum's photo of a statue as nudity")
    assert not CONSEQUENCE.search("the filter flagged a museum's photo for review by an editor")


def test_grading_model_that_lowered_marks_and_its_look_alike():
    assert FUNCTION_AI.search("the results went through a standardisation model")
    assert CONSEQUENCE.search("the grading system downgraded nearly a third of predicted results")
    assert CONSEQUENCE.search("when results arrived, many grades had been lowered by one band")
    assert real_consequence("the chief examiner stepped down a week later")
    assert not CONSEQUENCE.search("the school downgraded its sports hall to a storage room")
