"""Relevance of reports and their look-alikes, third set: an assistant offline with the bank
systems it draws on (ai.victim_shared_dependency); a coding assistant down with a cloud region
whose models are "mostly fine" (relevance.models_fine); a sacked engineer's deletions "not the
work of any automated tool" (relevance.not_the_work_of, relevance.denied_ai); a fraud where "no
computer system failed" (relevance.no_system_failed); a volunteer who shares an AI product's
name (ai.name_disowned); release notes (genre.changelog); a launch demo (relevance.staged_demo);
an opinion column that asks the reader to imagine (hedge.imagine); and the incidents the cues
missed: money paid to fraudsters, a note sent to a mailing list, a bill run up by an agent, a
browser called by its short name (ai.short_name), a product named after its head noun
(ai.head_called), advice told as a permission (hedge.reported_permission), a biased credit
algorithm (consequence.accused_bias, ai.algorithm_behind). Every sentence here is written for
these tests.
"""

from __future__ import annotations

from kb.nlp import analyze_text
from kb.nlp.foreign import screen
from kb.nlp.relevance import (AI_VICTIM, CHANGELOG_ENTRY, CONSEQUENCE, DENIED_AI, DISOWNED, FUNCTION_AI,
                              REAL, SHARED_DEPENDENCY, STAGED, hedged, real_consequence)

BANK_OUTAGE = """Harbour Savings customers locked out for a day after a failed storage upgrade

Card payments and online banking failed from early Monday after engineers at the bank's IT \
contractor began moving accounts to new storage. A fault left the main database unable to \
start, and the backup did not take over. Harbour's AI chatbot, Skip, was offline as well \
because it runs on the same systems, so callers waited for hours. "No money has been lost or \
wiped," the chief executive said. Service came back in the evening, and the bank said it will \
cover any late fees.
"""

EX_EMPLOYEE = """Dismissed technician jailed for wiping 90 servers at his old firm

A former contractor has been jailed for deleting 90 servers at a logistics company after his \
access was never revoked. He logged in from home and ran a script that deleted the machines. \
The losses came to about $600,000. The deletions were not the work of ransomware or of any \
automated tool, the prosecutor said; a person typed every command. "People fear rogue AI," \
one consultant said, "but the usual culprit is an old admin account."
"""

NAMESAKE = """Shared folder deleted by a volunteer - how do I get it back?

I run IT for a small choir. Yesterday one of our members, Devin, tidied the shared music \
folder and deleted the whole thing instead of his own copies. Before anyone asks: no, this is \
not the AI "Devin". Our Devin is a retired postman who has apologised to everyone. In Devin's \
trash the folder is there but restoring it fails with an error. Any ideas?
"""

CHANGELOG = """Changelog

## 2.4.0
- Added: a confirmation step before commands that delete files.
- Fixed: undo could miss files the agent had deleted with a shell command.
- Fixed: a crash when a workspace folder had been removed.
- Changed: auto-approve is now off for new installs.
- Improved: the cost panel shows a running total.
- Removed: the old browser tool.
"""

LAUNCH = """Pagerly launches an AI agent that takes the night shift

Pagerly on Tuesday introduced Nightjar, an AI agent that answers alerts while engineers sleep. \
In a live demo at the launch event, Nightjar was shown a staged outage caused by a bad release, \
pulled the logs, rolled the release back and deleted 30 GB of temporary files within minutes. \
The agent could also delete idle databases once it is sure they are unused, the company said. \
Nightjar is available now in preview.
"""

FRAUD_PAYMENT = """Hidden text steered a shipping firm's AI clerk into paying $92,000 to fraudsters

The instructions were hidden in white text under an email signature. The firm's AI agent, \
which pays approved invoices on its own, read them as a supplier's new bank details and sent \
the money. The theft has been reported to the police, and the bank has clawed back $12,000.
"""

MAILING_LIST = """Asked Copilot to send my notes to the attendees

It sent my private notes to a 300-person distribution list. IT says the agent acted on its \
own. HR is involved and I have apologised to the person whose leave was in the notes.
"""

SHORT_NAME = """a small blog

Comet bought me two tickets for the wrong Springfield

I have used Perplexity's Comet browser for a month. I asked it to get two tickets for a show \
in Springfield, and it picked the one in another state, filled in my card and bought them. \
All sales are final. Comet support offered me a $40 credit.
"""

HEAD_CALLED = """Concert presale collapses as ticket site goes down for a day

Thousands of fans saw only an error page when the presale opened. It later emerged that a \
piece of artificial intelligence software the ticket firm uses to trim its cloud bill had \
removed part of the system the site runs on, taking it for an unused copy. The software, \
called Tidyup, can make changes by itself once an engineer approves a plan. Fans who paid \
booking fees should be refunded, consumer groups said.
"""


def test_assistant_offline_with_the_systems_it_draws_on_is_a_victim():
    assert SHARED_DEPENDENCY.search("it runs on the same systems, so callers waited for hours")
    assert not real_consequence('"no money has been lost or wiped," the chief executive said.')
    assert analyze_text(BANK_OUTAGE).relevant is False


def test_shared_dependency_look_alike_an_agent_that_deleted_what_it_ran_on():
    # the agent's own deed against the system is no shared outage
    assert not SHARED_DEPENDENCY.search("the agent deleted the cluster it ran on")


def test_coding_assistant_down_with_a_cloud_region():
    assert DENIED_AI.search("worth saying the models themselves are mostly fine.")
    assert AI_VICTIM.search("so my ai pair programmer is down because a database in ohio is down.")
    assert not DENIED_AI.search("the models were fine-tuned on the customer's tickets.")
    assert not DENIED_AI.search("chatgpt is not an ai detector.")


def test_deletions_not_the_work_of_an_automated_tool():
    assert DENIED_AI.search("the deletions were not the work of ransomware or of any automated tool")
    assert DENIED_AI.search("no computer system failed, the prosecutor told the court.")
    assert analyze_text(EX_EMPLOYEE).relevant is False


def test_a_person_who_shares_an_ai_products_name():
    assert DISOWNED.search('no, this is not the AI "Devin".').group(1) == "Devin"
    assert analyze_text(NAMESAKE).relevant is False


def test_release_notes_are_not_a_report():
    assert len(CHANGELOG_ENTRY.findall(CHANGELOG)) == 6
    assert analyze_text(CHANGELOG).relevant is False
    # look-alike: one "Fixed:" line in a post-mortem is no list of entries
    assert len(CHANGELOG_ENTRY.findall("What happened\nFixed: the agent's token scope.\n")) == 1


def test_launch_demo_is_not_a_deed():
    assert STAGED.search("in a live demo at the launch event, it was shown a staged outage")
    assert analyze_text(LAUNCH).relevant is False
    # look-alike: a public demo put online is a deployment, and its removal a consequence
    assert not STAGED.search("meta released a public demo of the model; by thursday the demo was gone")
    # nor is git's staging area, a staged rollout or a scenario someone warned about
    assert not STAGED.search("the agent deleted the staged files during a staged rollout")
    assert not STAGED.search("this is exactly the scenario experts warned about")


def test_imagined_deed_is_hedged():
    assert hedged("imagine an agent that cancels a direct debit it thinks is a duplicate.")
    assert not hedged("imagine my surprise when the agent deleted the repository.")
    # look-alike: advice told as a permission is the deed itself, not the writer's doubt
    assert not hedged("the chatbot told bosses they could pocket workers' tips.")
    assert CONSEQUENCE.search("the chatbot told bosses they could pocket workers' tips.")


def test_money_paid_to_fraudsters():
    assert CONSEQUENCE.search("steered the ai clerk into paying $92,000 to fraudsters")
    assert REAL.search("the bank has clawed back $12,000")
    assert analyze_text(FRAUD_PAYMENT).relevant is True


def test_notes_sent_to_a_mailing_list():
    assert CONSEQUENCE.search("it sent my private notes to a 300-person distribution list.")
    assert not CONSEQUENCE.search("it sent my notes to the two attendees.")
    assert analyze_text(MAILING_LIST).relevant is True


def test_bill_run_up_and_owned():
    assert CONSEQUENCE.search("the agent spawned 90 sessions and burned ~$4k in credits")
    assert REAL.search("this one is on us.")
    assert REAL.search("we've credited the hours back to your account")
    assert not REAL.search("the agent is on us-east-1.")


def test_product_called_by_its_short_name():
    assert analyze_text(SHORT_NAME).relevant is True


def test_product_named_after_its_head_noun():
    assert analyze_text(HEAD_CALLED).relevant is True


def test_credit_algorithm_accused_of_bias():
    assert FUNCTION_AI.search("the algorithm behind the bank's credit card gave him a higher limit")
    assert FUNCTION_AI.search("the card's credit algorithm")
    assert CONSEQUENCE.search("credit algorithm accused of sexism after a couple's limits differ")
    assert not CONSEQUENCE.search("the player was accused of diving")


def test_traveller_denied_boarding():
    assert REAL.search("we were denied boarding at the gate")


def test_french_agent_paid_out_refunds():
    analysis = screen("Soldes : l'agent IA de Boutika a distribué 80 000 euros de remboursements\n\n"
                      "L'assistant du service client a validé des centaines de demandes.", language="fr")
    assert analysis.relevant, analysis.note


def test_dutch_agent_booked_the_wrong_town_and_a_negation_in_the_next_clause():
    analysis = screen("Agent van ChatGPT boekt hotel in het verkeerde Bergen, geen restitutie\n\n"
                      "Ik vroeg de agent een hotel te boeken bij Bergen in Noord-Holland.", language="nl")
    assert analysis.relevant, analysis.note
    # look-alike: a negation in the cue's own clause still cancels it
    analysis = screen("ChatGPT-agent verwijderde de map niet\n\n"
                      "Ik vroeg de agent de map op te ruimen.", language="nl")
    assert not analysis.relevant
