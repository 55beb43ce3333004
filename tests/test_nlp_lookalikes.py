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


def test_a_denied_consequence_is_not_a_consequence():
    from kb.nlp.relevance import real_consequence

    assert real_consequence("the bot deleted the invoices and two weeks of orders were lost")
    assert not real_consequence("no order history was lost, the grocer said")
    assert not real_consequence("the live site was never affected by the fault")
    assert real_consequence("the company wrote to affected customers on friday")


def test_customers_and_production_count_only_beside_a_deed():
    from kb.nlp.relevance import real_consequence

    earnings = "more than 900 customers now run the scheduling agent in production"
    assert not real_consequence(earnings)
    assert real_consequence(earnings, deed=True)
    assert real_consequence("it dropped three tables in the production database")
    assert real_consequence("the helper sent 2.4 eth to a stranger's wallet")


def test_a_report_that_denies_any_ai_part_is_not_an_incident():
    from kb.nlp.relevance import DENIED_AI

    assert DENIED_AI.search("the regulator said no ai was involved in the billing error")
    assert DENIED_AI.search("the letters were typed by staff without any ai tools")
    assert DENIED_AI.search("the insurer said its assistant itself had not malfunctioned")
    assert not DENIED_AI.search("the agent did not ask before it wiped the folder")
    title = "Billing glitch double-charged 4,000 tenants; council says no AI was involved"
    body = ("Tenants of Marlow Vale council were charged twice for March rent after a batch job "
            "ran two times. The council said no AI was involved: a clerk restarted the job by "
            "hand. Some had wondered whether the council's new chatbot was to blame, since it "
            "answers rent questions. Refunds reached every affected tenant within a week.")
    denied = analyze_text(body, title=title, language="en")
    assert denied.relevant is False
    undenied = analyze_text(body.replace("no AI was involved", "a fault was found"),
                            title=title.replace("no AI was involved", "a fault was found"),
                            language="en")
    assert undenied.relevance > denied.relevance


def test_an_ai_knocked_out_by_someone_elses_failure_is_a_victim():
    from kb.nlp.relevance import AI_VICTIM

    assert AI_VICTIM.search("the insurer's claims chatbot went dark for a morning after a power "
                            "failure at its hosting provider")
    assert AI_VICTIM.search("several ai search tools were knocked offline as the cdn suffered an outage")
    assert not AI_VICTIM.search("the agent deleted the cluster and the shop went down for a day")


def test_ai_named_once_beside_a_non_ai_outage_is_in_passing():
    title = "Cache bug takes down ticket sales for a day"
    body = ("Ticket sales at Corbel Arena stopped for nine hours on Friday after a cache server "
            "ran out of memory. Customers saw error pages and some lost their seats. The arena "
            "apologised and offered refunds. Engineers restarted the cache and added memory. "
            "The venue said the outage was its longest since 2019. It will add a second cache "
            "server. A supplier audit is planned. Staff worked through the night. Fans "
            "complained online. Some shows were moved. The venue's website also hosts an AI "
            "chatbot for seating questions, which kept answering throughout.")
    analysis = analyze_text(body, title=title, language="en")
    assert analysis.relevant is False


def test_harm_told_in_words_the_action_cues_lack_is_a_deed():
    """Sending to everyone, being caught at it, dangerous advice, a destructive command run."""
    from kb.nlp.relevance import CONSEQUENCE

    assert CONSEQUENCE.search("the hr bot sends every contractor's bank details to the whole team")
    assert CONSEQUENCE.search("a council chatbot has been caught inventing bin collection days")
    assert CONSEQUENCE.search("the garden assistant recommended mixing two sprays into a toxic cloud")
    assert CONSEQUENCE.search("then it ran `rm -rf` on the shared mount")
    assert not CONSEQUENCE.search("the bot sends a weekly digest to subscribers who opt in")
    assert not CONSEQUENCE.search("the garden assistant suggests watering in the evening")


def test_a_recurring_kind_of_story_or_an_attempt_tells_no_deed():
    from kb.nlp.relevance import HABITUAL, HEDGED

    assert HEDGED.search("every few months someone posts about a bot that wiped their notes")
    assert HEDGED.search("the sandbox stops injected prompts that try to send secrets out")
    assert HABITUAL.search("whenever an agent deletes a folder the thread fills with advice")
    assert not HEDGED.search("the agent wiped the notes folder on tuesday")


def test_lost_work_said_plainly_is_a_consequence():
    from kb.nlp.relevance import real_consequence

    assert real_consequence("after the bot's cleanup the whole photos folder was gone")
    assert not real_consequence("the backups were never gone, the admin said")


def test_a_satire_section_label_marks_satire():
    from kb.nlp.relevance import SATIRE as SATIRE_MARKS

    assert SATIRE_MARKS.search("THE MORNING LEDGER · SATIRE")
    assert SATIRE_MARKS.search("Satire | Technology")
    assert not SATIRE_MARKS.search("Critics called the chatbot's reply a satire of customer service")


def test_an_ai_service_knocked_offline_by_its_owners_rollout_is_a_victim():
    from kb.nlp.relevance import AI_VICTIM

    assert AI_VICTIM.search("the assistant app was knocked offline for hours by a faulty config change")
    assert AI_VICTIM.search("the chatbot went down for most of monday after a botched deployment")
    assert not AI_VICTIM.search("the agent knocked the store offline by deleting its dns records")


def test_a_destructive_git_command_passes_the_prefilter():
    from kb.nlp.prefilter import may_describe_incident

    assert may_describe_incident("My coding agent ran git clean -fdx on the repo root last night.")
    assert may_describe_incident("The AI agent force-pushed over the release branch.")
    assert not may_describe_incident("My coding agent tidied the README last night.")


def test_a_denial_with_a_modifier_is_a_denial():
    from kb.nlp.relevance import DENIED_AI

    assert DENIED_AI.search('the cto said. "no automated agent touched this system."')


def test_costs_complaints_and_answering_for_it_are_consequences():
    """What the harm cost and who answered for it: money owed, a lost market value, complaints,
    responsibility accepted, work paused or corrected. A share price that slips on an outlook
    is an earnings line, not a consequence."""
    from kb.nlp.relevance import real_consequence

    assert real_consequence("the shipper now owes about $40,000 in back duty")
    assert real_consequence("the stumble wiped $3bn off the group's market value")
    assert real_consequence("the regulator said it had received 150 complaints")
    assert real_consequence("the vendor accepted responsibility and rolled the update back")
    assert real_consequence("the council has paused the scheme while it reviews every letter")
    assert real_consequence("the paper corrected nine of the summaries")
    assert not real_consequence("its stock fell 3% after the company raised its spending forecast")


def test_an_ai_told_twice_as_the_victim_of_an_outage_weighs_more_than_once():
    """A report that keeps telling its assistant went dark after someone else's failure is
    about that failure, whatever it cost the customers."""
    from kb.nlp.relevance import RelevanceFeatures, score

    base = dict(ai=4, harm=1, real=3, sentences=15)
    once, twice = score(RelevanceFeatures(**base, ai_victim=1)), score(RelevanceFeatures(**base, ai_victim=2))
    assert twice < once and twice < 0.45
    assert score(RelevanceFeatures(**base, ai_victim=3)) == twice


def test_a_wrong_answer_shown_or_told_as_fact_is_a_deed():
    """An AI's wrong answer given to people: a summary that "falsely said", a "false headline"
    generated, advice to do something ("suggested mixing glue into the sauce"). Advice of no
    harm and a true summary are not."""
    from kb.nlp.relevance import CONSEQUENCE

    assert CONSEQUENCE.search("the notification summary falsely said the suspect had shot himself")
    assert CONSEQUENCE.search("the feature generated a false headline under the paper's name")
    assert CONSEQUENCE.search("the answer box suggested mixing glue into the sauce")
    assert CONSEQUENCE.search("the publisher said it had been misrepresented")
    assert CONSEQUENCE.search("one explainer told readers a deposit would earn twice what it does")
    assert CONSEQUENCE.search("another misdescribed how loan payments are split")
    assert not CONSEQUENCE.search("the summary correctly said the match was postponed")
    assert not CONSEQUENCE.search("the assistant suggested improvements to the essay")


def test_personal_data_left_reachable_is_a_deed_and_a_consequence():
    """Exposure of personal data: data "exposed" or "left open", the records of many people
    reachable, a default password. A password manager or a person who left is not."""
    from kb.nlp.relevance import CONSEQUENCE, real_consequence

    assert CONSEQUENCE.search("a flaw in the hiring assistant exposed personal information of applicants")
    assert CONSEQUENCE.search("the bot left applicants' chats open behind a '123456' password")
    assert real_consequence("they reached the personal details of as many as 2 million people")
    assert real_consequence("the admin account used 123456 as its password")
    assert real_consequence("about 40,000 application records could be read")
    assert not CONSEQUENCE.search("the founder left the company last spring")
    assert not real_consequence("the assistant can store your password in a manager")
    assert not real_consequence("the agent filed 12 records of the meeting")


def test_a_deed_told_as_done_by_no_ai_is_a_denial_not_harm():
    """An opinion piece sets its subject apart from the incidents: "No chatbot invented a
    refund policy, no agent deleted a database." A failure to act ("No agent detected the
    conflict") is no such denial."""
    from kb.nlp.relevance import NO_FAILURE

    opinion = ("Klarnafold's AI U-turn is about measuring the wrong thing\n\n"
               "Last year the lender said its AI assistant did the work of 700 human agents. "
               "This month it began hiring people again, saying quality had slipped. "
               "No chatbot invented a refund policy, no agent deleted a database. "
               "The assistant did what it was built to do, and the company measured the wrong thing.")
    title, _, body = opinion.partition("\n\n")
    assert analyze_text(body, title=title, language="en").relevant is False
    assert NO_FAILURE.search("no chatbot invented a refund policy")
    report = ("Lender's AI assistant invented a refund policy, customers say\n\n"
              "The lender's AI assistant invented a refund policy and told customers they were owed money. "
              "The company apologised and refunded 300 customers.")
    title, _, body = report.partition("\n\n")
    assert analyze_text(body, title=title, language="en").relevant is True


def test_an_ai_product_named_by_its_kind_is_referred_back_to_by_its_head_noun():
    """"An artificial intelligence feature" ... "the feature merged three alerts into a false
    line": the head noun with a determiner refers back to the AI product, so the deed is the
    AI's. "No such tools" names a kind, not the product."""
    from kb.nlp.pipeline import get_pipeline, split_sentences
    from kb.nlp.relevance import AI_COMPOUND, features

    def harm(deed: str) -> int:
        text = ("The phone maker's new artificial intelligence feature condenses notifications. "
                "Readers were surprised on Monday. "
                "A spokesperson for the newsroom said readers were confused. "
                f"{deed} "
                "The newsroom has asked for a meeting.")
        return features(split_sentences(get_pipeline(), text)).harm

    assert harm("The feature falsely said a minister had been arrested.") == 1
    assert harm("A rival's website falsely said a minister had been arrested.") == 0

    assert AI_COMPOUND.search("an AI notification summary").group(1) == "summary"
    assert AI_COMPOUND.search("the company's artificial intelligence feature").group(1) == "feature"
    assert AI_COMPOUND.search("an AI optimist in Europe") is None


def test_satire_an_ai_drew_on_is_not_the_reports_form():
    from kb.nlp.relevance import UNREAL

    assert not UNREAL.search("that answer drew on a satirical article")
    assert not UNREAL.search("less use of satire and humour content")
    assert UNREAL.search("this piece is satire")
    assert UNREAL.search("a satirical take on agents")


def test_as_if_is_no_hedge_and_a_terse_denial_denies():
    from kb.nlp.relevance import DENIED_AI, HEDGED

    assert not HEDGED.search("a false headline displayed as if it were a news alert")
    assert HEDGED.search("if the agent had been given write access")
    assert DENIED_AI.search("no ai, no agent, nothing deleted.")
    assert DENIED_AI.search("no llm required.")
    assert not DENIED_AI.search("the agent, not the engineer, required a restart")


@pytest.mark.parametrize("text, victim", [
    ("how one empty dns record took down snapchat, fortnite and alexa", True),
    ("a fault in the region left banking apps and the bank's ai assistant unusable for a day", True),
    ("the agent took down the staging cluster after a bad command", False),
])
def test_an_outage_told_first_that_took_down_an_ai_product(text, victim):
    from kb.nlp.relevance import AI_VICTIM
    assert bool(AI_VICTIM.search(text)) is victim


def test_an_output_published_then_called_offensive_or_an_error_is_a_deed():
    """What an AI made and put before people, judged afterwards (offensive, insensitive, an
    error) or before the noun it made; the maker's "got it wrong" too. Offensive content
    only refused, or a result that was fine, is no deed."""
    from kb.nlp.relevance import CONSEQUENCE

    assert CONSEQUENCE.search("a few of the pictures it drew were dated, and some were insensitive")
    assert CONSEQUENCE.search("readers saw an inappropriate ai-generated quiz beside the obituary")
    assert CONSEQUENCE.search("the bot posted hateful replies for two hours")
    assert CONSEQUENCE.search("the shop's assistant got it wrong about the return window")
    assert CONSEQUENCE.search("the replies about the mayor were \"errors\", the firm said")
    assert CONSEQUENCE.search("the speaker told a 9-year-old to lick a battery")
    assert CONSEQUENCE.search("a chatbot told a cognitively impaired 76-year-old she was a real woman")
    assert CONSEQUENCE.search("the persona told a lonely retiree to visit her in new york")
    assert CONSEQUENCE.search("alphabet loses $100bn after its chatbot flubs telescope answer in launch ad")
    assert not CONSEQUENCE.search("the striker flubbed an easy chance in the second half")
    assert CONSEQUENCE.search("the portal ran an ai-written obituary under a cruel headline")
    assert CONSEQUENCE.search("the site published ai-generated reviews under invented names")
    assert not CONSEQUENCE.search("the site published a guide to spotting ai-generated images")
    assert not CONSEQUENCE.search("the model refuses to generate offensive content")
    assert not CONSEQUENCE.search("the results were clear and the pilot went on")


def test_a_withdrawal_an_outcry_and_an_apology_are_consequences():
    from kb.nlp.relevance import real_consequence

    assert real_consequence("he died trying to get there three days later")
    assert not real_consequence("the company died a slow death in the dot-com bust")

    assert real_consequence("the quiz was taken down within hours")
    assert real_consequence("we have deactivated the feature on every page")
    assert real_consequence("the paper said the stunt was damaging its reputation")
    assert real_consequence("parents reacted with anger on the school forum")
    assert real_consequence("we are truly sorry to everyone who saw it")
    assert real_consequence("these were errors that should never have happened")
    assert not real_consequence("the new banner went up at midnight")


def test_blame_taken_off_a_named_ai_is_a_denial():
    """"None of that was <the AI>'s fault", right after the AI is named, sets the report's
    failure apart from it; the same words about a person far from any AI do not count."""
    from kb.nlp.relevance import FAULT_DENIED

    assert FAULT_DENIED.search("none of that was the chatbot's fault.")
    assert FAULT_DENIED.search("it wasn't helper's fault, the network simply vanished")
    assert not FAULT_DENIED.search("the fault was in the load balancer")
    title = "Power cut at data centre leaves bank app and chat assistant offline"
    body = ("A power cut at a data centre in Leeds left the Harbour Bank app offline for six hours "
            "on Tuesday. Customers could not pay bills and some payments were lost. The bank "
            "apologised. Its AI chat assistant Penny also showed only an error page. "
            "None of that was Penny's fault. Engineers restored power by the evening.")
    denied = analyze_text(body, title=title, language="en").relevance
    kept = analyze_text(body.replace("None of that was Penny's fault.", "Penny was quiet."),
                        title=title, language="en").relevance
    assert denied < kept - 0.2


def test_a_how_to_guide_is_not_an_incident():
    """A guide: a how-to title, or instructions in the imperative and second person, with no
    harm that happened."""
    title = "How to keep your AI agent from deleting the staging database"
    body = ("AI coding agents can run shell commands for you. That is handy until one decides to "
            "drop a table. Give the agent its own database user. Grant it read access only. "
            "Don't let the agent hold your admin password. Put DROP and TRUNCATE on a deny list. "
            "Review its plan before you approve it. Keep nightly backups and test them. "
            "Then ask the agent, on a copy, to drop a table and check that it is refused.")
    assert analyze_text(body, title=title, language="en").relevant is False
    from kb.nlp.relevance import HOWTO_TITLE

    assert HOWTO_TITLE.search("Checklist: before an agent gets write access")
    assert HOWTO_TITLE.search("Agents on a leash: a practical guide to permissions")
    assert not HOWTO_TITLE.search("How an AI agent deleted our production database")


def test_a_harm_said_not_to_have_happened_is_no_deed():
    """A post-mortem of an AI product taken down by a supplier's outage lists what did not
    happen: "No customer data was lost or exposed", "The bot did not give wrong answers". A
    negative-quantifier subject or a negated cue verb denies the deed; a deed told beside a
    negation ("did not ask and deleted") is still one."""
    from kb.nlp.pipeline import get_pipeline
    from kb.nlp.relevance import denied_deed
    from kb.nlp.segment import split_sentences

    nlp = get_pipeline()

    def first(text):
        return split_sentences(nlp, text)[0]

    assert denied_deed(first("No customer data was lost or exposed."))
    assert denied_deed(first("Nothing in the repository was deleted."))
    assert denied_deed(first("The helpdesk bot did not give wrong answers."))
    assert not denied_deed(first("The agent did not ask anyone and deleted the production database."))
    assert not denied_deed(first("No, the bot leaked the customer list to a stranger."))
    assert not denied_deed(first("No statement from the portal, they just quietly deleted the bot's post."))
    post_mortem = ("Why our AI help desk was unavailable on Thursday\n\n"
                   "Our AI support assistant runs on a hosting provider whose storage service failed "
                   "for three hours. This had nothing to do with the assistant itself. "
                   "No customer data was lost or exposed. The assistant did not give wrong answers; "
                   "it gave none. We are adding a second provider.")
    title, _, body = post_mortem.partition("\n\n")
    assert analyze_text(body, title=title, language="en").relevant is False


def test_private_chats_published_and_a_privacy_disaster_are_an_exposure():
    """An AI app that posts people's private chats to a public feed exposes them: the cue
    takes a verb of making public before "private chats/messages/data" ("is publishing
    people's "private" chats"), and "a privacy disaster" names the exposure; both pass the
    pre-filter beside an AI term. Private chats merely mentioned are no exposure."""
    from kb.nlp.prefilter import may_describe_incident

    report = ("PSA: the Meta AI app is publishing people's \"private\" chats to a public feed\n\n"
              "I opened the app's Discover tab last night. It is a feed of other people's chats "
              "with the bot, with their names and photos attached. The Meta AI app is publishing "
              "people's private chats to everyone, and a reviewer called it a privacy disaster. "
              "Several posts showed home addresses.")
    title, _, body = report.partition("\n\n")
    assert may_describe_incident(report)
    analysis = analyze_text(body, title=title, language="en")
    assert analysis.relevant is True
    assert analysis.mentions[0].action_type == "data_exposure"
    assert not may_describe_incident("The AI app lets you keep your notes in one place.")
    note = "The Lumen AI app keeps private chats on your phone and lets you export them."
    assert analyze_text(note, language="en").relevant is False


def test_imagining_someone_elses_place_is_no_fiction():
    """"Imagine being his family" in a reply feels for the victims; "imagine an agent that..."
    sets up a hypothetical."""
    from kb.nlp.relevance import UNREAL

    assert not UNREAL.search("imagine being his family and seeing that headline")
    assert not UNREAL.search("imagine how the customers felt")
    assert UNREAL.search("imagine an agent that deletes every branch at midnight")
