"""Relevance of reports and their look-alikes, ninth set: deeds a safeguard keeps from
happening (hedge.prevented_deed), hearsay headlines, a scene the reader is asked to picture
(genre.hypothetical_scene), a piece about no specific case (relevance.no_specific_case), a
contest with decoy secrets (relevance.contest_sandbox, relevance.nothing_real_list,
relevance.declared_demo), satire known by its section label (satire.section_label), an AI
struck off after the cause is named (relevance.cause_then_not_ai, relevance.ai_had_no_access)
or last in a list of suspects; and the reports these must not silence: a command the agent's
script did (consequence.command_done), an agent that merged its own change
(consequence.self_approved) or went ahead unasked (consequence.acted_unasked), the responders'
rollback and a span of degraded service (real.rolled_back, real.degraded_span), a charge nobody
chose (real.unasked_charge), and the pronoun that carries the agent past a short reply
(harm.pronoun_chain, harm.interjection_skipped). Every sentence here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from kb.nlp import analyze_text
from kb.nlp.relevance import (
    CAUSE_CLEARED, CONSEQUENCE, DENIED_AI, NOTHING_HAPPENED, REAL, RESEARCHER, SATIRE, STAGED, UNREAL, hedged,
)


def test_a_deed_a_safeguard_prevents_is_no_deed():
    assert hedged("how to keep your coding agent from wiping the staging bucket")
    assert hedged("the proxy stops agents from posting tokens to public pastebins.")
    assert hedged("it quarantines anything that would drop a table without review.")
    # the safeguard that failed tells the deed
    assert not hedged("the allowlist didn't stop it from deleting the bucket.")
    assert not hedged("the agent deleted the bucket.")


def test_a_headline_read_is_hearsay_and_a_generic_when_is_no_report():
    assert hedged("everyone has read a headline about a bot wiping a laptop.")
    assert hedged("when something gets deleted, you want an audit trail.")
    assert not hedged("when the agent deleted the bucket, we lost a week.")


def test_a_scene_to_picture_and_a_piece_about_no_case():
    assert UNREAL.search("picture the scenario: your assistant has root.")
    assert UNREAL.search("consider a scenario where the bot holds a card.")
    assert not UNREAL.search("the picture it generated was wrong.")
    assert NOTHING_HAPPENED.search("nothing in this essay is about a particular team.")
    assert NOTHING_HAPPENED.search("this guide is not about any specific incident.")
    assert not NOTHING_HAPPENED.search("this post is about a specific incident at our firm.")


def test_a_contest_with_decoy_secrets_is_staged():
    assert STAGED.search("in our capture-the-flag lab the bot printed the env.")
    assert STAGED.search("two agents leaked a canary within minutes.")
    assert STAGED.search("this was a controlled experiment on a spare laptop.")
    assert not STAGED.search("our canary deploy went out at noon and the agent broke it.")
    assert NOTHING_HAPPENED.search("no real customers, no real keys, nothing live.")
    assert NOTHING_HAPPENED.search("no one was hurt and nothing real was leaked.")
    assert NOTHING_HAPPENED.search("to be clear, it was a sandboxed test.")
    assert not NOTHING_HAPPENED.search("no customer data was lost, the firm said.")
    assert RESEARCHER.search("we got two popular assistants to reveal a planted key")


def test_satire_known_by_its_section_label():
    assert SATIRE.search("World · Money · Nonsense")
    assert SATIRE.search("Comedy | Gadgets")
    assert not SATIRE.search("the bot's answer was pure nonsense.")


def test_the_ai_struck_off_after_the_cause_is_named():
    assert DENIED_AI.search('the leak "was caused by a misconfigured bucket, not by our chatbot."')
    assert DENIED_AI.search("the assistant itself did not have access to the archive.")
    assert DENIED_AI.search("no cron job, backup script or coding agent was involved.")
    assert not DENIED_AI.search("the outage was caused by our coding agent, not by a person.")
    assert not DENIED_AI.search("the assistant had access to the archive.")


def test_consequences_an_incident_report_tells():
    assert CONSEQUENCE.search("the generated script did rm -rf on the wrong directory.")
    assert CONSEQUENCE.search("the bot then approved its own pull request.")
    assert CONSEQUENCE.search("it did not ask.")
    assert CONSEQUENCE.search("the agent never asked for confirmation before paying.")
    assert not CONSEQUENCE.search("it did not ask me to log in again.")
    assert REAL.search("we rolled the release back an hour later.")
    assert REAL.search("about ninety minutes of degraded search followed.")
    assert REAL.search("120 shops saw stale prices for an afternoon.")
    assert REAL.search("an express shipping fee she never chose was added.")
    assert not REAL.search("the express shipping fee is optional.")


def test_a_post_that_names_the_agent_once_then_says_it():
    text = ("Last week I was tidying an old side project. I asked Claude Code to clear out the build "
            "folders before a fresh start. I had auto-approve switched on. Yes. I know. It wrote a cleanup "
            "script. The script did rm -rf on a path whose variable was empty, so it wiped my home "
            "directory. Four years of photos and notes were gone.")
    assert analyze_text(text, title="It wiped my home folder").relevant


def test_a_product_that_blocks_destructive_commands_is_no_incident():
    text = ("Hollowbrook today announced the general availability of Latch, a gateway that sits between "
            "AI coding agents and production systems. Latch blocks anything that would delete a database "
            "or wipe a disk unless a person approves it. \"Every platform lead has read a headline about "
            "an agent dropping a database,\" the chief executive said. Latch stops agents from pushing "
            "secrets to public repositories. It is available today with a free tier.")
    assert not analyze_text(text, title="Hollowbrook launches Latch, a safety gateway for AI agents").relevant


def test_a_secret_sent_outside_and_the_cause_cleared():
    assert CONSEQUENCE.search("the new step sent our deploy key to an external host.")
    assert not CONSEQUENCE.search("the new step sent our deploy key to the vault.")
    assert CAUSE_CLEARED.search("the outage was triggered by a bad config push, not by any model.")
    assert not CAUSE_CLEARED.search("the outage was triggered by the model, not by a person.")


def test_replies_of_a_word_do_not_break_the_reference():
    # blind27's forum post: Claude Code is named, then "Yes. I know." stands between it and
    # "It generated a cleanup script"; counted as two steps, the "it" loses its antecedent
    # and the post scores ~0.26 instead of ~0.94
    post = Path(__file__).parent / "fixtures" / "blind27" / "002-reddit-claude-code-home-dir.txt"
    text = post.read_text(encoding="utf-8")
    assert analyze_text(text, title=text.split("\n\n")[2]).relevant
