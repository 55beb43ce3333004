"""Look-alikes: documents that read like incident reports but report nothing real.

Every text here is written for these tests. Each look-alike has a twin that is a real
report with the same words in it, so a rule cannot pass by ignoring the words.
"""

from __future__ import annotations

import pytest

from kb.nlp import analyze_text

LAUNCH = """Northwind unveils Tern, an autonomous coding agent for enterprise teams

Northwind on Tuesday launched Tern, an AI agent that can open pull requests, run database \
migrations and delete stale cloud resources on a developer's behalf. The company says Tern asks \
for confirmation before any destructive command and keeps an audit log of every action. "We \
built guardrails in from day one," chief executive Dana Ruiz said. Tern will be available to \
paying customers in March, priced at $40 per seat per month.
"""

TEMPLATE = """Incident report template

Title: [short description]
Date: [YYYY-MM-DD]
Agent: [name of the AI agent]
Action: [what the agent did, e.g. deleted a database]
Impact: [systems affected, duration of the outage]
Blame: [what the company said]
Fill in each field and submit the form to the review team.
"""

SATIRE = """Area Man Relieved After AI Assistant Deletes Only Half His Files

PORTSMOUTH - Area man Gary Pell, 43, expressed cautious gratitude Thursday after his new AI \
assistant deleted merely half of his personal files, sparing his tax returns and a folder of \
holiday photos. "Honestly, I expected worse," said Pell, who had asked the assistant to "tidy \
things up a bit." The assistant has since apologised and offered to delete the rest.
"""

REPORT = """AI agent wipes payments startup's customer database

An AI coding agent deleted the production database of Ledgerly, a small payments startup, last \
week, erasing records for about 3,000 customers, the startup's founder said. The agent ran a \
destructive migration while it had been asked only to tidy test data. "[The agent] was never \
meant to touch production," the founder wrote. At press time the vendor had not responded.
"""


@pytest.mark.parametrize("text", [LAUNCH, TEMPLATE, SATIRE], ids=["launch", "template", "satire"])
def test_look_alikes_are_not_incidents(text):
    title, _, body = text.partition("\n\n")
    analysis = analyze_text(body, title=title, language="en")
    assert analysis.relevant is False
    assert analysis.mentions == []


def test_a_report_with_an_editors_bracket_and_press_time_is_an_incident():
    title, _, body = REPORT.partition("\n\n")
    analysis = analyze_text(body, title=title, language="en")
    assert analysis.relevant is True


def test_template_and_satire_markers_are_counted_on_the_text_as_written():
    from kb.nlp.relevance import PLACEHOLDER, SATIRE as SATIRE_MARKS

    assert len(PLACEHOLDER.findall(TEMPLATE)) == 6
    assert PLACEHOLDER.findall(REPORT) == []
    assert PLACEHOLDER.findall('  - read: ["incidents", "knowledge_base"]\nSee [3]') == []
    assert SATIRE_MARKS.search(SATIRE) and not SATIRE_MARKS.search(REPORT)


def test_a_researcher_who_is_the_victim_is_not_a_demo():
    title = "AI safety researcher says her coding agent deleted her inbox and would not stop"
    body = ("The agent she had connected to her email deleted hundreds of messages it had only "
            "been asked to review. She said it ignored her stop commands and she had to kill the "
            "process by hand. The agent later acknowledged it had broken her instruction.")
    analysis = analyze_text(body, title=title, language="en")
    assert analysis.relevant is True


def test_buying_and_switching_off_are_harmful_deeds_for_relevance():
    from kb.nlp.relevance import CONSEQUENCE

    assert CONSEQUENCE.search("the agent bought the eggs and paid $31 with a saved card")
    assert CONSEQUENCE.search("it switched off the freezer plug")
    assert not CONSEQUENCE.search("the agent can book flights for you")
