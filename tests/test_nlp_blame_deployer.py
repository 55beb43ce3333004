"""Deployer and blame rules: described names, the subject's own "its", support bots, named
spokespeople, pronoun follow-ups, split quotes and statement summaries.

Every sentence here is written for the test (invented companies and people), not taken from
the corpus or the extra evaluation set.
"""

from __future__ import annotations

import pytest

from kb.nlp.blame import classify, decide, spokespeople, statements, summary
from kb.nlp.deployer import _apostrophe_name, described_orgs, sentence_deployer
from kb.nlp.segment import split_sentences
from kb.nlp import blame, deployer
from conftest import statements_in as _said
from conftest import deployer_in as _deployer


# --- deployer ---------------------------------------------------------------------------

def test_described_names_come_from_business_nouns():
    text = ("Pelmora, a mid-sized logistics company based in Ghent, said on Friday that it had "
            "paused the rollout. Grocery chain Vantreux Foods was not affected.")
    assert described_orgs(text) == {"Pelmora", "Vantreux Foods"}


def test_subject_its_names_the_deployer(nlp):
    text = ("Booking platform Quellory said an autonomous coding agent knocked its payments "
            "service offline for six hours on Sunday.")
    name, _, rule = _deployer(nlp, text, vendor="Anthropic", agent="Claude Code")
    assert (name, rule) == ("Quellory", "deployer.subject_its")


def test_vendor_that_is_not_an_ai_maker_can_run_its_own_bot(nlp):
    text = ("Harlow Rail, a regional train operator, switched off its virtual assistant after it "
            "promised passengers refunds that did not exist.")
    assert _deployer(nlp, text, vendor="Harlow Rail")[0] == "Harlow Rail"


def test_its_of_another_organisation_in_between_is_not_the_subjects(nlp):
    text = ("Trenholt said that Google had updated its Gemini model before the agent wiped "
            "the files.")
    found = _deployer(nlp, text, vendor="Google", agent="Gemini")
    assert found is None or found[0] != "Trenholt"


def test_person_who_runs_an_organisation(nlp):
    text = ("Mara Olsen, who runs Kettleby Studio, said the agent deleted the project database "
            "overnight.")
    name, _, rule = _deployer(nlp, text, vendor="Replit", agent="Replit Agent")
    assert (name, rule) == ("Kettleby Studio", "deployer.runs_org")


def test_a_system_named_once_before_a_noun_is_not_the_owner(nlp):
    text = "The agent removed the VPC, the RDS database and several IAM users in one command."
    assert _deployer(nlp, text, vendor="Anthropic", agent="Claude Code") is None


def test_support_bot_is_deployed_by_its_company(nlp):
    text = "Cursor's AI support agent told a customer that refunds were impossible."
    name, _, rule = _deployer(nlp, text, vendor="Anysphere", agent="Cursor")
    assert (name, rule) == ("Anysphere", "deployer.support_bot")


def test_another_makers_bot_is_not_the_deployer(nlp):
    text = "Unlike Replit's agent last year, the new tool wiped a single folder on a laptop."
    found = _deployer(nlp, text, vendor="Google", agent="Antigravity", owner="Replit")
    assert found is None or found[0] != "Replit"


def test_sentence_deployer_for_an_incident_named_in_passing(nlp):
    sentence = split_sentences(nlp, "Last spring an agent from Replit erased the customer "
                                    "records of Dunmore Analytics founder Pia Roth.")[0]
    found = sentence_deployer(sentence, "Replit Agent", "Replit")
    assert found is not None and found[0] == "Dunmore Analytics"


# --- blame ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, category", [
    ("The chief financial officer said the firm had been targeted by organised criminals.",
     "third_party"),
    ("A spokesperson said it had stopped an attempt to exploit a flaw in the plug-in.",
     "third_party"),
    ("She said the outside contractor that configured the bot ignored the brief.", "third_party"),
    ("The founder blamed himself for letting the agent run unattended.", "human"),
    ("The manager approved the change without reviewing it, the CTO said.", "human"),
    ("'That one is on the developer who clicked merge, not on the tool,' he said.", "human"),
    ("'This is our failure and nobody else's,' the maintainer wrote.", "vendor"),
    ("The director said the fault lay entirely in the company's own code.", "vendor"),
    ("The episode ended with a public apology from the chief executive.", "vendor"),
])
def test_new_blame_cues(sentence, category):
    assert classify(sentence) == category


def test_supplier_cue_needs_a_verb_not_a_noun_compound():
    assert classify("The agent paid its supplier invoices on time.") is None
    assert classify("We learned that our supplier had changed the model.") == "third_party"


def test_named_spokesperson_and_pronoun_follow_up(nlp):
    text = ("Tovik Labs said its agent was back online.\n"
            "Ilse Brandt (Tovik CEO) responded on Monday.\n"
            "She called the outage unacceptable.")
    sentences = split_sentences(nlp, text)
    assert "Brandt" in spokespeople(sentences, {"tovik labs", "tovik"})
    said = statements(sentences, {"tovik labs", "tovik"})
    assert [(s.speaker, s.blamed, s.rule.split(":")[0]) for s in said] == [
        ("Ilse Brandt", "vendor", "blame.pronoun")]


def test_role_of_another_company_does_not_speak(nlp):
    text = "Kestrel Data's chief executive called the deletion unacceptable."
    assert _said(nlp, text, {"anthropic"}) == []


def test_a_role_that_owns_something_does_not_speak(nlp):
    text = "The agent apologised after wiping a startup founder's project."
    assert _said(nlp, text, {"google"}) == []


def test_split_quote_belongs_to_the_closing_attribution(nlp):
    text = ("Managing director Ruth Calder spoke to staff on Monday.\n"
            "\"Someone on our team skipped review and merged it without reviewing the diff. "
            "We have changed the process,\" Calder said.")
    said = _said(nlp, text, {"calder & co"})
    assert said and said[0].rule.startswith("blame.split_quote")
    assert decide(said)[0] == "human"


def test_summary_takes_the_quote_or_the_clause_with_the_cue(nlp):
    said = _said(nlp, "The firm called it \"a plain human error by one operator\" in its note.",
                 {"the firm"})
    assert summary(said[0]) == "a plain human error by one operator"
    long = ("Earlier this year, an agent built by another vendor removed a shop's entire product "
            "catalogue during a routine migration that had been approved, an episode that ended "
            "with a public apology from the company's chief executive.")
    said = _said(nlp, long, {"the company"})
    assert summary(said[0]).startswith("an episode that ended with a public apology")


def test_third_party_as_an_adjective_of_models_is_no_blame():
    assert classify("It supports both first- and third-party models, the CEO said.") is None
    assert classify("The company blamed a third-party plug-in maker.") == "third_party"


def test_workplace_of_a_role_is_an_organisation(nlp):
    assert described_orgs("Written by Tam Ruiz, head of platform at Corvane Freight.") == {
        "Corvane Freight"}
    text = ("By Tam Ruiz, CTO at Corvane\n"
            "At Corvane we run an agent that restarts failed jobs, and last week it deleted "
            "the job history.")
    name, _, _ = _deployer(nlp, text, vendor="Corvane", agent="Jobbot")
    assert name == "Corvane"


def test_company_post_by_a_named_role_speaks_in_the_first_person(nlp):
    text = ("Posted 4 May by Tam Ruiz, CTO at Corvane\n"
            "Our agent deleted the job history on Saturday.\n"
            "We own this. We gave it the permissions.")
    said = _said(nlp, text, {"corvane"})
    assert [(s.speaker, s.blamed, s.rule.split(":")[0]) for s in said] == [
        ("Tam Ruiz", "vendor", "blame.author")]


def test_forum_poster_without_a_role_is_not_an_author(nlp):
    text = ("Posted by u/nightshift_ops\n"
            "We own this. We gave the agent the permissions.")
    assert _said(nlp, text, {"corvane"}) == []


def test_named_spokesperson_as_subject_beats_a_company_named_later(nlp):
    text = ("Rosa Lind (Corvane cofounder) posted on a forum: the refusal was an incorrect "
            "response from a front-line AI support bot and Corvane has no such rule.")
    said = _said(nlp, text, {"corvane"})
    assert said[0].speaker == "Rosa Lind"


def test_closing_part_of_a_split_quotation_is_direct_speech(nlp):
    text = ("Lead maintainer Oskar Welle wrote on Sunday.\n"
            "\"The check in our release script was broken. That is our failure, not the "
            "users',\" he wrote.")
    said = _said(nlp, text, {"welle tools"})
    best = decide(said)[1]
    assert best.blamed == "vendor" and best.weight >= 2.0
    assert summary(best) == "That is our failure, not the users'"


def test_pronoun_after_another_person_is_not_the_spokesperson(nlp):
    text = ("Chief executive Ilse Brandt said the firm was reviewing the logs.\n"
            "A customer, Tom Whitlow, said he thought it was the company's own mistake, "
            "and he called it unacceptable.")
    said = _said(nlp, text, {"tovik labs"})
    assert all(s.speaker != "Ilse Brandt" for s in said)


# --- news and company-page patterns (general forms, invented names) ----------------------

@pytest.mark.parametrize("sentence, kind", [
    ("It was a human mistake on our side, the owner said.", "human"),
    ("The vendor said the tool had worked as configured.", "human"),
    ("Setting a budget cap was the customer's job, the firm said.", "human"),
    ("Their administrator granted the bot write access during onboarding.", "human"),
    ("A spokesperson called it an upload by one of our staff, not a fault in the software.", "human"),
    ("The maker said the replies came from people who had gone out of their way to trick it.", "human"),
    ("That one is on us, the chief executive said.", "vendor"),
    ("We chose the settings, and the responsibility is ours.", "vendor"),
    ("A spokesperson said the lender was sorry for the error.", "vendor"),
    ("The studio said the bot made this decision on its own.", "ai"),
    ("The council blames its supplier for the outage.", "third_party"),
])
def test_general_blame_cues(sentence, kind):
    assert classify(sentence) == kind


def test_blame_on_the_customer_needs_an_auxiliary_for_users():
    assert classify("Users left angry reviews about the assistant.") is None


def test_house_page_first_person_is_the_company_statement(nlp):
    text = ("Brellow Status\n\nPostmortem: exports deleted\n\nWe use an internal AI agent, Tidy, "
            "for storage clean-up. It removed live files.\n\n## Responsibility\n\n"
            "We take full responsibility for this incident.")
    found = _deployer(nlp, text, vendor=None, agent="Tidy")
    assert found[0] == "Brellow" and found[2] == "deployer.house"
    said = _said(nlp, text, {"brellow"})
    assert decide(said)[0] == "vendor"


def test_forum_staff_badge_speaks_for_the_company(nlp):
    text = ("My agent deleted a folder.\n\n    pavlo (Quintor staff)      1d     Sorry about this. "
            "Auto-approve was switched on in your settings, so the agent could run the command.")
    said = _said(nlp, text, {"quintor"})
    assert decide(said)[0] == "human"
    assert said[0].rule.startswith("blame.staff_badge")


def test_heading_naming_the_company_gives_the_section_its_voice(nlp):
    text = ("# Our bill\n\n## What Corvane said\n\nTheir position was that the agent behaved as "
            "designed and that limits were the customer's job.")
    assert decide(_said(nlp, text, {"corvane"}))[0] == "human"


def test_principal_with_a_title_is_a_spokesperson(nlp):
    text = ("In a letter to parents, principal Dr Lena Morrow wrote that the system should never "
            "have sent the file.")
    assert "Lena Morrow" in spokespeople(split_sentences(nlp, text), {"weldon academy"})


def test_summary_takes_an_opened_quotation(nlp):
    text = 'In a letter to customers, the company wrote: "That is on us and nobody else.'
    found = _said(nlp, text, {"tarrow"})
    assert summary(decide(found)[1]) == "That is on us and nobody else"


def test_byline_company_running_the_agent(nlp):
    text = ("# How our agent ran up a bill\n\n*Mara Lind, co-founder, Oskel Analytics*\n\n"
            "We started trialling an AI data agent in May. It ran the same query 900 times.")
    found = _deployer(nlp, text, vendor="Drennic", agent="Qwill")
    assert found[0] == "Oskel Analytics" and found[2] == "deployer.house"


def test_named_maker_is_not_the_deployer_and_anaphor_finds_the_college(nlp):
    text = ("Fernhill College said an assistant sent pupils' records to parents. The assistant is a "
            "product of Quorra, a company that sells office bots. The college had enabled "
            "automatic sending in May.")
    found = _deployer(nlp, text, vendor="Quorra", agent="Dot")
    assert found[0] == "Fernhill College"


def test_the_company_anaphor_takes_the_last_organisation(nlp):
    text = ("Brightwell Water, which serves 200,000 homes, will refund fees. The company's chat "
            "assistant told customers they could skip payments.")
    found = _deployer(nlp, text, vendor="Talvo", agent="Drip")
    assert found[0] == "Brightwell Water"


def test_pronoun_subject_of_use_is_the_previous_subject(nlp):
    text = ("Games studio Corbel had a freeze before the launch. They use Nibbler, an agent from a "
            "company called Hexa Labs, to fix crashes.")
    found = _deployer(nlp, text, vendor="Hexa Labs", agent="Nibbler")
    assert found[0] == "Corbel"


def test_passive_use_and_short_name_merge(nlp):
    text = ("Patients were turned away after the phone agent used by the Lakemoor Dental chain "
            "booked visits on a holiday. Lakemoor said its voice agent confirmed 300 visits.")
    found = _deployer(nlp, text, vendor="Vocable", agent="Ivy")
    assert found[0] == "Lakemoor Dental"


def test_in_house_bot_is_run_by_its_maker(nlp):
    text = ("A judge fined lawyers at Pellam & Crane after the firm's in-house AI platform "
            "invented case law.")
    found = _deployer(nlp, text, vendor="Pellam & Crane", agent="LexDraft")
    assert found[0] == "Pellam & Crane"


def test_brand_name_ending_in_apostrophe_s():
    text = "Binder's is ending its AI drive-thru trial. Binder's menu is unchanged."
    assert _apostrophe_name("Binder", text) == "Binder's"
    assert _apostrophe_name("Tarrow", "Tarrow's database was wiped.") == "Tarrow"


def test_own_business_of_a_person(nlp):
    text = ("Ola Brandt was building an app for his Mintwave business with an AI agent when it "
            "deleted the production database. Mintwave lost every record.")
    found = _deployer(nlp, text, vendor="Replit", agent="Replit Agent")
    assert found is not None and found[0] == "Mintwave"


@pytest.mark.parametrize("sentence, category", [
    ("The pilot system went beyond the limits it was given, the hospital said.", "ai"),
    ("Support replied that bulk refunds were switched on for your account in March.", "human"),
    ("We need our vendor to account for the lost orders, the chain's director said.", "third_party"),
])
def test_cues_for_scope_settings_and_suppliers(sentence, category):
    assert classify(sentence) == category


@pytest.mark.parametrize("text, name", [
    ("The rota tool was paused on Friday, said Dr Petra Valko, the trust's clinical director.", "Petra Valko"),
    ("The bot is offline, said Omar Haddou, one of Quillmere's lead maintainers.", "Omar Haddou"),
    ("The refunds were wrong, said Quillmere's chief financial officer, Omar Haddou.", "Omar Haddou"),
])
def test_spokesperson_role_after_a_possessive_or_before_a_comma(nlp, text, name):
    people = spokespeople(split_sentences(nlp, text), {"quillmere", "the trust"})
    assert name in people


def test_a_newsroom_desk_in_a_byline_is_not_an_organisation(nlp):
    from kb.nlp.deployer import _candidates
    span = split_sentences(nlp, "By Ana Lorne, Wales Business Reporter")[0].span
    assert all("Business" not in name for name, _ in _candidates(span, set()))


def test_pronoun_user_in_a_relative_clause_on_the_bot(nlp):
    text = ("Ostmere County Council said the helper, a chatbot called Quill that it licenses from "
            "the Bristol firm Norrow Systems, answered residents wrongly for a week.")
    found = _deployer(nlp, text, vendor="Norrow Systems", agent="Quill")
    assert found is not None and found[0] == "Ostmere County Council"


def test_organisation_whose_service_was_unavailable(nlp):
    text = ("Online booking at Halvery Airways was unavailable for six hours after a cleanup agent "
            "deleted the servers behind its website.")
    found = _deployer(nlp, text, vendor="Tidewright", agent="Sweep")
    assert found is not None and found[0] == "Halvery Airways"


def test_dated_blog_byline_names_the_writer_organisation(nlp):
    text = ("# Our invoicing AI refunded every order\n\n*Posted 3 March 2025 by Ellis Varga, "
            "Quarrystone Bakery*\n\nI run a bakery with six staff. I use Ledgerly for the books, "
            "and its agent refunded every order last week.")
    found = _deployer(nlp, text, vendor="Ledgerly", agent="Ledgerly")
    assert found is not None and found[0] == "Quarrystone Bakery"


def test_vendor_shortened_before_a_bot_noun_is_still_the_maker(nlp):
    text = ("The agent, sold by the start-up Corvane Labs, deleted three clusters. "
            "Corvane's agent should have known better, the operator said.")
    found = _deployer(nlp, text, vendor="Corvane Labs", agent="Brine", owner="Corvane")
    assert found is None or found[0] != "Corvane Labs"


def test_blame_laid_on_supplier_is_third_party():
    """"laid the blame on the supplier": the statement holds an outside party responsible."""
    assert blame.classify("At the hearing the mayor laid the blame on the contractor.") == "third_party"


def test_change_nobody_told_us_about_is_third_party():
    """"... and nobody told us": the speaker says another party changed things unannounced."""
    assert blame.classify("The vendor switched the feature on in May, and nobody told us.") == "third_party"


def test_did_the_instruction_as_written_blames_the_human():
    """"carried out the instruction as written": the tool did what its user asked."""
    assert blame.classify("The bot followed the prompt exactly as written.") == "human"


def test_reported_fragment_gives_the_reported_clauses():
    """A short quotation finishing a "that"-clause, with another "that"-clause after it, is not
    cut out alone: the summary keeps the reported clauses."""
    text = ('Their help desk answered that the bot "did what it was told" and that bulk deletes '
            'are allowed once a user grants admin rights to the workspace, which we had done.')
    assert blame._reported_fragment(text, "did what it was told")
    assert not blame._reported_fragment('The boss said it was "a bad call".', "a bad call")


def test_team_author_line_names_the_house():
    """"Authors: Acme platform team" near the top: the page is Acme's own."""
    assert deployer.TEAM_BYLINE.match("**Authors:** Quillon data team").group("org") == "Quillon"
    assert deployer.TEAM_BYLINE.match("By the Quillon infrastructure team").group("org") == "Quillon"
    assert deployer.TEAM_BYLINE.match("By Jo Doe") is None


def test_team_authored_report_speaks_in_the_first_person_despite_possessives(nlp):
    """A team author line makes the page the company's; "the vendor's and not our users'" holds
    apostrophes, not a quotation, so the first-person sentence stays the company's."""
    text = ("Incident write-up: nightly cleanup removed live queues\n"
            "Authors: Corvane platform team\n"
            "Our cleanup agent removed three live queues on Monday.\n"
            "The blame is ours, not the vendor's and not our users'.")
    said = _said(nlp, text, {"corvane"})
    assert [(s.speaker, s.blamed) for s in said] == [("Corvane", "vendor")]


def test_writer_of_an_ai_assisted_report_is_the_deployer(nlp):
    """"Acme's unit ... a study it prepared" in a report saying the study was AI-assisted:
    the writing organisation used the AI."""
    text = ("Consultancy refunds council over AI-assisted traffic study\n"
            "Halvern Partners' northern unit will return part of its fee after a study it prepared "
            "for the city council cited surveys that were never carried out.\n"
            "Zelmont's regional office said nothing.")
    sentences = split_sentences(nlp, text)
    found = deployer._authored_work(sentences, {s.index for s in sentences})
    assert found is not None and found[0] == "Halvern Partners" and found[2] == "deployer.authored_work"
    assert deployer._authored_work(split_sentences(nlp, text.replace("AI-assisted ", "")),
                                   {s.index for s in sentences}) is None


@pytest.mark.parametrize("sentence, kind", [
    ("It was a configuration mistake on our side.", "human"),
    ("The bot was set up by our own staff to approve refunds.", "human"),
    ("The slip was made by people in our finance office.", "human"),
    ("She admitted the review step let errors slip through.", "vendor"),
    ("The maintainer replied that the software was wrong.", "vendor"),
    ("The firm accepted full responsibility on Tuesday.", "vendor"),
    ("It shows the importance of rigorous testing before launch.", "vendor"),
    ("\"We own these mistakes,\" the chief executive said.", "vendor"),
    ("Its own software let the problems through, she said.", "vendor"),
    ("The reviews were licensed from an outside company, the publisher said.", "third_party"),
])
def test_further_blame_cues(sentence, kind):
    """Own-staff configuration blames people; admitting the product or process failed, or
    accepting responsibility, blames the company itself."""
    assert classify(sentence) == kind


# --- blame: insiders, organised abuse, state actors, house voices (invented sentences) -----

@pytest.mark.parametrize("sentence, kind", [
    ("Halvin said a staff member had altered the assistant's instructions overnight.", "human"),
    ("Halvin said an unauthorized modification was made to the bot's prompt.", "human"),
    ("Halvin said attackers pushed an unauthorized change to the plugin.", "third_party"),
    ("Halvin will add reviews so that employees can no longer edit the prompt alone.", "human"),
    ("Halvin has again pointed to one of its own engineers.", "human"),
    ("Halvin said it saw \"a concerted campaign by some accounts\" to corrupt the bot.", "third_party"),
    ("Halvin put the fault on accounts that set out to poison its training data.", "third_party"),
    ("Halvin said a government-backed group ran the intrusions.", "third_party"),
    ("Halvin argued it cannot be held responsible for advice given by its virtual assistant.", "ai"),
    ("Halvin said a small minority of shoppers had been misusing the planner.", "human"),
    ("Halvin said its supplier switched on the new mode without Halvin's approval.", "third_party"),
    # human.as_approved_by_customer, third_party.partner_model
    ("Halvin said the transfer was made exactly as approved by the customer.", "human"),
    ("Halvin said an update to the translation engine supplied by its language partner caused it.",
     "third_party"),
    # vendor.learned_of_error, ai.generated_unreviewed
    ("Halvin said that once it learned of the bug it pulled the feature.", "vendor"),
    ("Halvin said the replies are generated by the AI model in real time.", "ai"),
    ("Halvin said no staff member wrote the bot's messages, which the model makes up as it goes.", "ai"),
])
def test_new_blame_cues(sentence, kind):
    assert classify(sentence) == kind


def test_employees_who_may_edit_are_no_blame():
    assert classify("Halvin said employees can edit the prompt in the console.") is None


def test_forum_self_introduction_speaks_for_the_company(nlp):
    text = ("Our bot made up a refund rule.\n\n  tamsin_q on May 2\n  Hello, co-founder of Quintor "
            "here. That reply came from our support bot and it was wrong; I apologise.")
    said = _said(nlp, text, {"quintor"})
    assert decide(said)[0] == "vendor"
    assert said[0].rule.startswith("blame.staff_badge")


def test_security_bulletin_speaks_in_the_third_person(nlp):
    text = ("# Security Bulletin: Pellor plugin 2.1\n\n**Bulletin ID:** PELLOR-2025-004\n\n"
            "## Description\n\nPellor is aware of an issue in version 2.1.\n\n"
            "A threat actor obtained a publishing key and uploaded a modified build.")
    said = _said(nlp, text, {"pellor"})
    assert decide(said)[0] == "third_party"
    assert said[0].rule.startswith("blame.house_page")


def test_threat_report_header_makes_the_page_the_company_voice(nlp):
    text = ("# What we found\n\n**Pellor Threat Intelligence · May 2, 2025**\n\n"
            "We attributed the activity to a state-sponsored group.")
    assert decide(_said(nlp, text, {"pellor"}))[0] == "third_party"


def test_news_report_sentences_are_not_a_house_voice(nlp):
    text = ("Pellor plugin wiped files\n\nBy Jo Reyes\n\n"
            "A threat actor obtained a publishing key and uploaded a modified build.")
    assert _said(nlp, text, {"pellor"}) == []


def test_quoted_object_inside_a_reported_clause_summarises_as_the_clause(nlp):
    text = ("The company said that during the first day it had learned of \"a concerted campaign by "
            "some accounts\" to teach the bot abusive replies, so that it would repeat them to "
            "strangers, and that it had paused the service while engineers worked.")
    said = _said(nlp, text, {"the company"})
    assert summary(said[0]).startswith("The company said that during the first day")
