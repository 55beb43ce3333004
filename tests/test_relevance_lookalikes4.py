"""Relevance of reports and their look-alikes, fourth set: a tribunal that makes a company pay
for what its website bot said (ai.service_bot, real.ordered_to_pay); an AI search feature whose
bad answer came from a satirical site (satire.as_source); a tainted release pulled and its
credentials revoked (real.revoked_access); a pet run over by a driverless car
(consequence.struck_by_vehicle); an AI sales bot named after its kind (ai.head_called with
AI_CALLED); a newsletter item whose deeds are attributed after they are told
(harm.attributed_after, consequence.sent_to_wrong, real.reported_to_authority). Look-alikes: a
blank incident form (template.empty_slot), a fact-check that rates an AI claim false
(genre.false_rating, relevance.no_comma_denial), a typo with "no robot to blame"
(relevance.none_to_blame), a question asked before anything went wrong
(relevance.nothing_happened, genre.howto_question), a roundup of funding news
(launch.funding, relevance.not_ai_label) and a lab experiment on fake data
(relevance.lab_demo, researcher.induced). Every sentence here is written for these tests.
"""

from __future__ import annotations

from kb.nlp import analyze_text
from kb.nlp.foreign import screen
from kb.nlp.relevance import (CONSEQUENCE, DENIED_AI, FALSE_RATING, LAUNCH, NOTHING_HAPPENED, PLACEHOLDER,
                              REAL, RESEARCHER, SATIRE, STAGED)
from kb.nlp.entities import GENERIC_AGENT

TRIBUNAL = """Ferry passenger wins claim over what the operator's website bot promised

Small claims court rejects Bayline's argument that it cannot answer for its online assistant

Ruth Ndlovu asked the help window on the Bayline website whether a missed sailing could be \
rebooked free of charge. The assistant told her it could, within a week. The operator later \
refused, saying its rules allowed no such thing. The adjudicator found that the operator had \
failed to make sure its bot gave correct answers. Bayline was ordered to pay her $310.
"""

PET = """Neighbours grieve a corner-shop dog after a driverless car ran her over

Biscuit, the shop's terrier, was struck by a robotaxi as it pulled away from the kerb on \
Tuesday evening. Staff took her to a vet, but she did not survive. The operator, which runs \
dozens of robotaxis in the city, has not commented. Residents have started a petition.
"""

SALES_BOT = """I owe forty customers an apology

We used an AI SDR called Wren to write our outreach emails. Over Easter Wren started telling \
prospects about a 50% discount that we never offered. Hundreds of emails went out. We honoured \
the deals that were signed and said sorry to everyone else. The agent now needs a person to \
approve each new template.
"""

NEWSLETTER_ITEM = """THE MONDAY DIGEST

2. Statements in the wrong inbox
For a week, customers of a Leeds accountancy who asked for their annual statement got a \
statement quickly, but often not their own. Tax figures and bank details went to the wrong \
people in about 800 replies. The replies came from Quill, an AI email assistant the firm had \
wired into its support inbox. The vendor said the fault was in its product. The firm has \
reported the breach to the ICO and switched the assistant off.
"""

FACT_CHECK = """No, a chatbot did not cancel 40,000 train tickets

CLAIM: "An AI agent at the rail company cancelled every booking for the holiday weekend."

RATING: FALSE

The cancellations came from a faulty timetable upload made by staff. The company said no AI \
was involved, and the bookings were restored within the day.
"""

TYPO = """Typo prices a cottage at $2,400 instead of $240,000

An estate agent's slip put the wrong price on a listing for an afternoon. Buyers called by the \
dozen. Some people online joked that an AI must have written it. "No robot to blame," the agent \
said. "I typed it myself." She has since deleted the listing and posted the correct price.
"""

QUESTION = """Ask Ubuntu > Questions
How can I stop my coding agent from deleting files outside the repository?

I use an AI coding agent on my laptop. Nothing has gone wrong yet, but I have read about agents \
that deleted someone's home folder, and I would rather make that impossible. Is there a setting \
for this, or do I need a container?
"""

ROUNDUP = """THE WEEK IN MACHINES

1. Agents everywhere
Three labs shipped updates to their coding agents this week.

2. Money
Brindle, which builds an AI agent that shuts down idle servers, raised a $30m Series B at a \
valuation it would not give.

3. Not AI, still bad
A clinic's storage bucket was left open and exposed patient letters for a month.
"""

LAB = """Getting an assistant to mail out its own keys

In a lab set up for this study, we got an open-source coding agent to read a planted key file \
and send it to our server. We also got it to drop a test table. Everything ran on our own \
machines with dummy keys. The maintainers shipped a fix in June.
"""


def test_service_bot_is_an_ai_and_a_ruling_that_makes_a_company_pay():
    assert GENERIC_AGENT.search("what the operator's website bot promised")
    assert GENERIC_AGENT.search("he asked the virtual assistant")
    assert GENERIC_AGENT.search("a carrier's support bot swore at a customer")
    assert REAL.search("bayline was ordered to pay her $310.")
    assert CONSEQUENCE.search("it tells him to buy a full-price ticket now")
    assert analyze_text(TRIBUNAL).relevant is True


def test_satirical_site_as_an_answers_source_is_no_satire():
    assert not SATIRE.search("the claim was traced back to an article on satirical site the daily spoon.")
    assert SATIRE.search("the daily spoon is a satirical news site.")


def test_credentials_revoked_after_a_tainted_release():
    assert REAL.search("it also revoked the credentials involved.")
    assert REAL.search("the team revoked the agent's api tokens")
    assert not REAL.search("revoking a token is a good habit.")


def test_pet_struck_by_a_driverless_car():
    assert CONSEQUENCE.search("after a driverless car ran her over")
    assert CONSEQUENCE.search("biscuit was struck by a robotaxi as it pulled away")
    assert not CONSEQUENCE.search("she was struck by how quiet the street was")
    assert analyze_text(PET).relevant is True


def test_ai_sales_bot_named_after_its_kind():
    assert REAL.search("we said sorry to everyone else.")
    assert analyze_text(SALES_BOT).relevant is True


def test_newsletter_item_whose_deeds_are_attributed_afterwards():
    assert CONSEQUENCE.search("bank details went to the wrong people in about 800 replies.")
    assert REAL.search("the firm has reported the breach to the ico and switched the assistant off.")
    assert REAL.search("the vendor said the fault was in its product.")
    assert analyze_text(NEWSLETTER_ITEM).relevant is True


def test_blank_incident_form_is_a_template():
    assert len(PLACEHOLDER.findall("- Systems affected: [ ]\n- Users affected: [ ]\n| [hh:mm] | Agent ran it |\n")) == 3
    # look-alike: a task list's checkbox is no empty field
    assert not PLACEHOLDER.findall("- [ ] SEV1: customer data lost\n")


def test_fact_check_that_rates_an_ai_claim_false():
    assert FALSE_RATING.search("RATING: FALSE")
    assert not FALSE_RATING.search("The rating: false positives fell by half.\n")
    assert DENIED_AI.search("no, a chatbot did not cancel 40,000 train tickets")
    assert analyze_text(FACT_CHECK).relevant is False


def test_no_robot_to_blame():
    assert DENIED_AI.search('"no robot to blame," the agent said.')
    assert analyze_text(TYPO).relevant is False


def test_question_asked_before_anything_went_wrong():
    assert NOTHING_HAPPENED.search("nothing has gone wrong yet, but i have read about agents")
    assert not NOTHING_HAPPENED.search("everything went wrong at once.")
    assert analyze_text(QUESTION).relevant is False


def test_roundup_of_funding_news_with_a_not_ai_item():
    assert LAUNCH.search("raised a $30m series b at a valuation it would not give.")
    assert DENIED_AI.search("3. not ai, still bad")
    assert not DENIED_AI.search("it is not ai-generated, the editor said")
    assert analyze_text(ROUNDUP).relevant is False


def test_lab_experiment_on_fake_data():
    assert STAGED.search("in a lab set up for this study, we got the agent to read a file")
    assert STAGED.search("everything ran on our own machines with dummy keys.")
    assert RESEARCHER.search("we got an open-source coding agent to read a planted key file")
    assert not STAGED.search("the agent deleted the lab's shared drive")
    assert analyze_text(LAB).relevant is False


def test_portuguese_name_before_its_appositive_and_frozen_accounts():
    analysis = screen("Falha em sistema com IA deixa clientes do Banco Sul sem acesso\n\n"
                      "O Vigia, modelo de aprendizado de máquina criado pelo banco, passou a marcar "
                      "compras comuns como fraude. Em poucas horas, bloqueou as contas de 9 mil clientes.",
                      language="pt")
    assert analysis.relevant, analysis.note
