"""Blame forms found missing on new writers' reports: the error put down to the model, the
user's own choice, a shortfall admitted, a fault fixed on notice, a code issue, a failure on
the company's part; an issue tracker's comment header, a product named in a self-introduction,
a signature byline and a company post-mortem's "we".

Every sentence here is written for the test (invented companies, people and products, except
where the gazetteer's product-to-maker link is what is tested).
"""

from __future__ import annotations

import pytest

from kb.nlp.blame import ScoredStatement, classify, decide, statement_summary
from conftest import statements_in as _said


# --- cues ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind", [
    # ai.error_put_on_model, ai.inserted_by_model
    ("The partner put the mistake down to the model that drafted the footnote.", "ai"),
    ("The clinic attributed the errors to the chatbot rather than to its nurses.", "ai"),
    ("The wrong dates were inserted by the AI tool when it tidied the table.", "ai"),
    # human.user_choice
    ("A note is only shared with the group if the user chooses to publish it.", "human"),
    ("Nothing leaves the device unless customers opt to upload it.", "human"),
    # vendor.fell_short
    ("We aim high, and this time we fell short.", "vendor"),
    ("We're not yet where we want to be on reliability.", "vendor"),
    # vendor.should_not_have
    ("Those replies should never have occurred.", "vendor"),
    ("The banner should not have appeared next to that story.", "vendor"),
    # vendor.fixed_on_notice
    ("As soon as we became aware of the issue, we rolled back the release.", "vendor"),
    ("We took swift action to correct the listing.", "vendor"),
    # vendor.code_issue
    ("The firm traced the outage to a code issue in its scheduler.", "vendor"),
    # vendor.failure_on_our_part
    ("The chief executive called it a failure on our part.", "vendor"),
    ("That was a gap in our review process.", "vendor"),
    # vendor.own_change_root_cause
    ("It said the root cause was an update to a code path in the scheduler.", "vendor"),
    # human.did_what_allowed; the staff verb list now has "connected"
    ("So the robot did what the configuration allowed.", "human"),
    ("A member of our finance team connected the bot to the payroll share.", "human"),
    # vendor.must_fix
    ("It gets some answers wrong, and we've got to fix it.", "vendor"),
    # vendor.we_erred, vendor.fault_in_own_system, vendor.we_failed
    ("We made an error in how the filter was rolled out.", "vendor"),
    ("There was a problem with our release pipeline that week.", "vendor"),
    ("We got it badly wrong, and we let our members down.", "vendor"),
    # human.ignored_warning, human.policy_breach, human.rogue_employee
    ("The operator clicked through two confirmation prompts before the purge.", "human"),
    ("The staff member breached our internal policies by sharing the key.", "human"),
    ("A disgruntled employee rewrote the bot's instructions.", "human"),
    # third_party.provider_outage
    ("The replies stopped because of an outage at our hosting provider.", "third_party"),
    # ai.model_made_mistake
    ("The chatbot made a mistake when it quoted the fee.", "ai"),
    # vendor.regret
    ("The publisher said it regretted the errors in the recaps.", "vendor"),
    # vendor.mistakes_happen, vendor.moved_to_fix
    ("The firm said that, as with any young product, mistakes can happen.", "vendor"),
    ("A spokesperson said the team acted swiftly to correct the listing.", "vendor"),
    # human.suspended_user, human.misuse_of_tools
    ("The startup banned the accounts of the users who made the clips.", "human"),
    ("It said it was committed to preventing the misuse of its platform.", "human"),
    # vendor.error_now_fixed
    ("A spokesman said the firm had investigated the issue and that it had since been resolved.",
     "vendor"),
    # ai.called_hallucinations, ai.problem_of_all_models
    ("Such answers are what researchers call hallucinations.", "ai"),
    ("The company called it a known problem across all large language models.", "ai"),
    # human.own_recklessness
    ("The founder put the outage down to his own carelessness with the agent's access.", "human"),
    # ai.decided_on_its_own
    ("\"The agent decided to post that on its own,\" the owner wrote.", "ai"),
    # human.staff_member_acted: "member of staff", "an officer", "pointed"
    ("A member of staff had linked the helper to the payroll folder.", "human"),
    ("An officer approved the purge with far too wide a filter.", "human"),
    ("A client administrator pointed the cleanup rule at the wrong date field.", "human"),
    # human.worked_as_designed, hyphenated
    ("Closing this as working-as-intended.", "human"),
    # human.did_what_allowed: "our setup", "the rule", "what it was instructed to do"
    ("The helper did what our setup allowed it to do.", "human"),
    ("The bot did exactly what the rule allowed.", "human"),
    ("The assistant did what it was instructed to do.", "human"),
    # ai.model_made_mistake: "the wrong call"
    ("The bot made the wrong call on those refund requests.", "ai"),
    # ai.machine_not_people
    ("The system misread the codes, not our staff.", "ai"),
    # ai.no_authority
    ("Pip offered a discount it had no authority to give.", "ai"),
    ("That rule came from the chatbot.", "ai"),
    # human.user_setting_on
    ("Your workspace had auto-approve enabled for shell commands.", "human"),
    ("Skipping the prompt in that mode is by design; this is by design.", "human"),
    # human.tools_it_was_given
    ("The helper only had the tools it was given.", "human"),
    ("The mail node was configured to send rather than draft.", "human"),
    # human.cause_is_setup
    ("The root cause here is the permission setup on that account.", "human"),
    ("The vendor put the blame on the customer's filter settings.", "human"),
    # human.we_gave_agent_access
    ("We gave the agent an admin key and we switched off the approval prompt.", "human"),
    # vendor.fault_in_ours
    ("The fault was in our scheduling software.", "vendor"),
])
def test_new_forms(sentence, kind):
    assert classify(sentence) == kind


@pytest.mark.parametrize("sentence", [
    "It ignored the rules that administrators had set up to block it.",  # a relative clause
    "This was not a software error, the report said.",
    "The user chose to leave early that day.",  # no "only"/"unless": no condition on the user
    "The reply should not have been so short.",
    "There was an issue with our supplier over the invoice.",  # the supplier's, not the company's
    "Our model made a mistake in the summary.",  # the company's own model: not the AI apart
    "A former employee told reporters about the rollout.",
    "Mistakes were made by the clerk.",  # no claim that mistakes happen
    "The company suspended the account after a review.",  # no user named as the cause
    "A reckless driver hit the robotaxi.",  # recklessness that no one owns
    "It clicked through the warning it should have shown the user.",  # the agent, not a person
    "Nobody asked whether the answer came from the AI tool.",  # a question, no claim
])
def test_forms_that_are_not_blame(sentence):
    assert classify(sentence) is None


# --- speakers -----------------------------------------------------------------------------

def test_comment_header_gives_the_reply_to_the_company(nlp):
    text = ("The updater broke my machine.\n\n"
            "  jkell   commented on Apr 2, 2025\n\n"
            "Same here, it broke mine too.\n\n"
            "  tb-dev   (Brindlewood) commented on Apr 3, 2025\n\n"
            "Sorry, everyone. This was a bug in our updater: when Quillpad ran as root it "
            "changed owners on system folders.\n\n"
            "  mora   commented on Apr 3, 2025\n\n"
            "Honestly a bug in their updater is no excuse.\n")
    said = _said(nlp, text, {"brindlewood", "quillpad"})
    assert said and all(s.rule.startswith("blame.staff_badge") for s in said)
    assert {s.speaker for s in said} == {"Brindlewood"}
    assert all("no excuse" not in s.quote for s in said)
    assert decide(said)[0] == "vendor"


def test_comment_header_without_the_company_is_not_its_voice(nlp):
    text = ("  jkell   commented on Apr 2, 2025\n\n"
            "This was a bug in our updater, I think.\n")
    assert _said(nlp, text, {"brindlewood"}) == []


def test_forum_handle_naming_the_product_speaks_for_it(nlp):
    text = ("  wren_k    Jun '25\n\n"
            "My lamp went off at night and the fish tank heater with it.\n\n"
            "  lumora_dev    Jun '25\n\n"
            "Sorry about the fish. The heater was exposed without confirmation, so the agent did "
            "what the configuration allowed.\n\n"
            "  wren_k    Jun '25\n\n"
            "The agent did what the configuration allowed, sure, but that is no comfort.\n")
    said = _said(nlp, text, {"lumora"})
    assert [(s.speaker, s.blamed) for s in said] == [("lumora", "human")]


def test_dotted_reply_header_with_a_staff_badge_speaks_for_the_company(nlp):
    # blame.dotted_reply_header: "name (Org Staff) · date" on a line of its own; the reply
    # below it is the company's, and the next poster's header ends it
    text = ("halvard_k · Mar 3\n"
            "The helper wiped my notes folder and never asked.\n\n"
            "Ines (Quillbox Staff) · Mar 4\n"
            "Sorry about this. Your settings had auto-apply enabled for file tools, so no prompt "
            "was shown.\n\n"
            "halvard_k · Mar 4\n"
            "Your settings had auto-apply enabled, fine, but that is no excuse.\n")
    said = _said(nlp, text, {"quillbox"})
    assert [(s.speaker, s.blamed) for s in said] == [("Quillbox", "human")]


def test_org_employee_here_speaks_for_the_company(nlp):
    # blame.org_role_here: a reply opening "Acme employee here." is the company's
    text = ("    pellam 3 hours ago\n"
            "    The sandbox ran my build script forty times and the bill is huge.\n\n"
            "    tovek 2 hours ago\n"
            "    Quillbox employee here. This one is on us: the retry cap was ignored for nested jobs.\n\n"
            "    marrow 1 hour ago\n"
            "    Former Quillbox employee here, and honestly this one is on us too.\n")
    said = _said(nlp, text, {"quillbox"})
    assert [(s.speaker, s.blamed) for s in said] == [("Quillbox", "vendor")]


def test_developer_behind_the_bot_is_a_company_role(nlp):
    text = ("The developer behind the bot said an attacker got in through the admin panel.")
    assert [s.blamed for s in _said(nlp, text, {"coinlet"})] == ["third_party"]


def test_it_said_after_the_company_is_the_company(nlp):
    text = ("Ferrowave said it was sorry for the outage. It said the root cause was an update to a "
            "code path in the router.\n")
    said = _said(nlp, text, {"ferrowave"})
    assert [(s.blamed, s.rule.split(":")[0]) for s in said] == \
        [("vendor", "blame.cue"), ("vendor", "blame.company_pronoun")]


def test_company_named_inside_a_quotation_does_not_break_the_statement(nlp):
    text = ('"We switched the feature on too early," said Ada Brun, Corvell\'s chief operating '
            'officer. "That is our responsibility, not Tindra\'s."\n')
    said = _said(nlp, text, {"corvell", "tindra"})
    assert [(s.blamed, s.rule.split(":")[0]) for s in said] == [("vendor", "blame.reported_continuation")]


def test_self_introduction_naming_the_product_speaks_for_its_maker(nlp):
    text = ("The support bot made up a rule.\n\n"
            "Hi, cofounder of Cursor here. The reply was wrong and I apologise for the trouble.\n")
    said = _said(nlp, text, {"anysphere"})
    assert [s.blamed for s in said] == ["vendor"]
    assert said[0].rule.startswith("blame.staff_badge")


def test_signature_byline_makes_the_writer_the_author(nlp):
    text = ("# What happened with the planner\n\n"
            "Mira Okonjo, Senior Vice President, Tallowind · May 3, 2025\n\n"
            "Last week the planner booked rooms nobody asked for. That is on us.\n")
    said = _said(nlp, text, {"tallowind"})
    assert [(s.blamed, s.rule.split(":")[0]) for s in said] == [("vendor", "blame.author")]


def test_company_postmortem_speaks_as_we(nlp):
    text = ("# Postmortem: orders stuck on 4 June\n\n"
            "Between 09:00 and 11:00 our queue at Ostlake stopped. We had let the agent change "
            "the queue settings. We own this. Our review missed it and we will fix our checks. "
            "Ostlake customers were refunded.\n")
    said = _said(nlp, text, {"ostlake"})
    assert [s.blamed for s in said] == ["vendor"]
    assert said[0].rule.startswith("blame.author") and said[0].speaker == "ostlake"


def test_personal_postmortem_is_not_the_company(nlp):
    text = ("# Postmortem: how my agent wiped my disk\n\n"
            "I let the Ostlake agent run overnight and I lost my files. We were tired, we were "
            "careless and our backups were old. We own this, my cat and I.\n")
    assert _said(nlp, text, {"ostlake"}) == []


# --- the statement's words ----------------------------------------------------------------

def test_short_verdict_joins_its_paragraph_explanation(nlp):
    text = ('The outage lasted two hours.\n\n'
            '"We own this," the Harlowe CTO wrote. "That was a gap in our review process, and '
            'the responsibility is ours."\n\n'
            'Later the Harlowe team apologised again in a forum post about the outage.\n')
    said = _said(nlp, text, {"harlowe"})
    kind, best = decide(said)
    assert kind == "vendor"
    joined = statement_summary(best, said)
    assert joined.startswith("We own this; ") and "gap in our review process" in joined
    assert "forum post" not in joined  # another paragraph's statement stays out


def test_long_statement_stands_alone(nlp):
    text = ("The Harlowe CTO said the outage came from a gap in our review process that let an "
            "unreviewed change through to every region at once. Harlowe also apologised.\n")
    said = _said(nlp, text, {"harlowe"})
    assert len(said) == 2 and {s.blamed for s in said} == {"vendor"}
    kind, best = decide(said)
    assert ";" not in statement_summary(best, said)  # a summary of twelve words or more is enough


def test_joined_statement_keeps_within_its_word_budget():
    def said(quote, start, weight, cue, line=2):
        return ScoredStatement(speaker="Corvell", blamed="vendor", quote=quote, start=start,
                               end=start + len(quote), weight=weight, cue=cue, line=line)
    verdict = said("That is on us.", 300, 2.5, "that is on us")
    fault = said("Maria Lopez said the fault lay entirely in Corvell's own code.", 100, 1.5, "fault lay")
    long_one = said("A bug in how the scheduler counted retries let the queue grow without any limit "
                    "for most of the night and nobody on call was paged about it at all.", 200, 1.6, "a bug")
    elsewhere = said("Corvell apologised again.", 500, 1.0, "apologis", line=6)
    joined = statement_summary(verdict, [fault, long_one, verdict, elsewhere])
    assert joined == "Maria Lopez said the fault lay entirely in Corvell's own code; That is on us"


def test_an_apology_weighs_less_than_a_named_fault(nlp):
    text = ("## Tallis lawyers blame the model\n\n"
            "The associate apologised to the judge for the confusion. She put the error down to the "
            "model, which had changed the title of the article.\n")
    said = _said(nlp, text, {"tallis"})
    assert sorted(s.blamed for s in said) == ["ai", "vendor"]
    assert decide(said)[0] == "ai"


# --- blame forms of widely retold incidents and heavy pages (blind20, blind21) -------------

@pytest.mark.parametrize("sentence, kind", [
    # ai.own_legal_person
    ("The insurer's defence was that its bot was its own legal person, answerable for itself.", "ai"),
    # human.person_at_fault, "alone"
    ("The records always showed the rider alone was at fault, the maker said.", "human"),
    # third_party.other_vehicle_struck, split by an attribution; "started with the other driver"
    ("A speeding van, the operator said, struck the scooter before the robot shuttle did.", "third_party"),
    ("The firm maintained that the trouble started with the other driver.", "third_party"),
    # human.people_not_software, human.staff_member_acted ("handed")
    ("'This was a process failure, not a technology one,' the founder said.", "human"),
    ("One of our admins handed the bot a master key during the migration.", "human"),
    # human.fault_is_mine
    ("Let me say whose fault this is: mine.", "human"),
    # vendor.conceded_bad_output
    ("The product chief admitted that some wrong or misleading summaries did appear.", "vendor"),
])
def test_blame_forms_of_retold_incidents(sentence, kind):
    assert classify(sentence) == kind


def test_own_legal_entity_needs_legal():
    # a company spinning a unit off "into its own entity" blames nobody
    assert classify("Last year the studio spun its games unit off into its own entity.") is None


def test_carrier_role_and_possessive_defence_speak(nlp):
    # ROLE "the carrier"; ATTRIBUTION "'s defence", "their line was"
    text = ("In its written response, the carrier had taken a bold stance. It argued that the "
            "assistant was a separate legal entity.\n\n"
            "Pellmark's defence was that the bot was its own legal person.\n\n"
            "Pellmark's help desk replied quickly. Their line was that a malicious third-party "
            "page had steered the bot.\n")
    said = _said(nlp, text, {"pellmark"})
    assert [s.blamed for s in said] == ["ai", "ai", "third_party"]


def test_newsroom_masthead_speaks_for_the_company(nlp):
    # blame.newsroom_masthead: the company's own newsroom page, first-person plural sentences
    text = ("Quillon Foods\nProducts | About | Newsroom\n\nStatement on our ordering assistant\n\n"
            "Last week our assistant cancelled some orders. The fault is ours.\n")
    said = _said(nlp, text, {"quillon foods"})
    assert [s.blamed for s in said] == ["vendor"]
    # a news site's masthead is no company's voice
    text = ("Daily Ledger\nNews | Newsroom\n\nQuillon Foods assistant cancels orders\n\n"
            "Our reporter asked about it. The fault is ours, one customer joked.\n")
    assert _said(nlp, text, {"quillon foods"}) == []


def test_social_post_header_of_the_company_speaks_for_it(nlp):
    # blame.social_post_header: the company's post in a thread, up to the next post header
    text = ("Ada Quill @adaquill · 3h\n"
            "The Quillon bot told me the fee was waived. It was not.\n\n"
            "Quillon Help @QuillonHelp · 1h\n"
            "Hi Ada, we've checked the chat and that one's on us. The fee is refunded.\n\n"
            "Ada Quill @adaquill · 40m\n"
            "Thanks. Still, that one's on us should not need a viral post.\n")
    said = _said(nlp, text, {"quillon"})
    assert [(s.speaker, s.blamed) for s in said] == [("Quillon", "vendor")]


def test_developer_response_under_a_review_is_the_makers(nlp):
    # blame.developer_response: the store's reply under a review, until the next review
    text = ("Tidyshot: Photo Cleaner\nBrannock Apps Ltd.\n\n"
            "★☆☆☆☆  It wiped my album\nmarlo_9, 02/05/2025\n\n"
            "The cleaner removed my holiday photos without asking.\n\n"
            "Developer Response, 03/05/2025\n"
            "We are sorry. A fault in version 2.1 skipped the review step. This was our error.\n\n"
            "★★☆☆☆  Meh\njonas_k, 04/05/2025\n\n"
            "This was our error, says the developer, but my files are gone.\n")
    said = _said(nlp, text, {"brannock apps"})
    assert said and {(s.speaker, s.blamed) for s in said} == {("brannock apps", "vendor")}
    assert not any("files are gone" in s.quote for s in said)


def test_help_centre_notice_speaks_for_the_company(nlp):
    # blame.help_centre_notice: a notice in the company's help centre, its "we" the company's
    text = ("Quillon Home · Help Centre\nHelp Centre / Service notices\n\n"
            "An update on the thermostat schedule\n\n"
            "Last week the assistant ignored some schedules. This was our mistake.\n")
    said = _said(nlp, text, {"quillon"})
    assert [s.blamed for s in said] == ["vendor"]


def test_in_their_view_is_the_company_last_named(nlp):
    # blame.in_their_view: the view reported for the company the writer dealt with
    text = ("I rang Quillon about the payment. The agent said I had typed yes, so in their view "
            "it was customer error.\n")
    said = _said(nlp, text, {"quillon"})
    assert [(s.speaker, s.blamed) for s in said] == [("quillon", "human")]


def test_quote_pair_and_quote_then_cause_summaries():
    # blame.quote_pair, blame.quote_then_cause
    from kb.nlp.blame import summary

    def said(quote, cue):
        return ScoredStatement(speaker="Ferrow", blamed="ai", quote=quote, start=0,
                               end=len(quote), weight=1.0, cue=cue)
    text = 'The firm\'s line was that the robot "misread its orders" and "acted on its own".'
    assert summary(said(text, "acted on its own")) == "misread its orders and acted on its own"
    text = ('Its founder said "we got this wrong" and pinned the outage on a faulty rule '
            'added in a May update.')
    assert summary(said(text, "we got this wrong")) == "we got this wrong; a faulty rule added in a May update"


def test_author_sentence_naming_its_product_is_the_company(nlp):
    # blame.author also where the first-person sentence names the company's own product
    text = ("Quillon Foods\nProducts | About | Newsroom\n\nStatement on Basko, our ordering assistant\n\n"
            "Last week Basko cancelled some orders. The fault is ours. A change we made to Basko "
            "contained an error in its order rules.\n")
    said = _said(nlp, text, {"quillon foods", "basko"})
    assert [s.blamed for s in said] == ["vendor", "vendor"]


def test_relative_tail_after_the_cause_is_cut():
    # blame.relative_tail: the cause, not what it went on to do
    from kb.nlp.blame import summary
    text = ("A release we shipped to the kiosk software on the second of March contained an error in "
            "its pricing rules which removed the cap on what it could discount without a manager present.")
    said = ScoredStatement(speaker="Ferrow", blamed="vendor", quote=text, start=0, end=len(text),
                           weight=1.0, cue="an error in its")
    assert summary(said).endswith("an error in its pricing rules")
