"""Relevance of reports and their look-alikes, eighth set: discussion pages (an issue page's
repository slug, a forum's product breadcrumb, a headline that drops the article, a product
named in parentheses), deeds done by people (relevance.first_person_deed, ai.name_of_a_human,
relevance.mistaken_for_ai, relevance.not_ai_fragment), deeds asked for (relevance.requested_deed),
studies that touched nothing real (relevance.nothing_real), questions put to a crowd or about a
duty, templates named in their title, and consequences (consequence.replied_all,
consequence.secret_published, real.money_gone, real.made_whole, real.down_for). Each broad cue
has a look-alike that must not fire. Every sentence here is written for these tests.
"""

from __future__ import annotations

from kb.nlp import analyze_text
from kb.nlp.foreign import screen
from kb.nlp.prefilter import may_describe_incident
from kb.nlp.relevance import (
    CONSEQUENCE, DENIED_AI, DISOWNED, HEADLINE_KIND, HOWTO_TITLE, LAUNCH, NAME_KIND_RE, NOTHING_HAPPENED,
    PAREN_KIND, PAREN_NAME, REAL, SATIRE, TEMPLATE_TITLE, hedged, real_consequence,
)


def test_ai_struck_off_a_list_of_suspects():
    assert DENIED_AI.search("no script, cron job or ai assistant was involved in the change.")
    assert DENIED_AI.search("no ai or machine-learning component was involved.")
    assert not DENIED_AI.search("the ai assistant was involved in every step of the change.")


def test_people_who_took_a_human_deed_for_an_ai():
    assert DENIED_AI.search("my manager heard the news and assumed it was the ai.")
    assert DENIED_AI.search("readers assumed an agent had deleted the archive.")
    assert not DENIED_AI.search("i assumed the agent would ask before running anything.")


def test_a_fragment_clears_the_ai_and_the_plugin_never_touched_a_file():
    assert DENIED_AI.search("not the ai extension.")
    assert DENIED_AI.search("the ai plugin never touched a file.")
    assert not DENIED_AI.search("not the ai extension i wanted, but it deleted the cache.")


def test_a_possessive_denial_cancels_the_consequence():
    assert not real_consequence("nobody's data was leaked during the test.")
    assert real_consequence("everybody's data was leaked during the test.")


def test_satire_masthead_and_a_long_press_time_subject():
    assert SATIRE.search("America's Most Trusted Source Of Sprint News")
    assert SATIRE.search("At press time, the firm's last three remaining bots had formed a union.")
    assert not SATIRE.search("At press time, the vendor had not responded.")


def test_nothing_gone_wrong_for_us_and_nothing_real_involved():
    assert NOTHING_HAPPENED.search("nothing has gone wrong for us yet, but i worry.")
    assert NOTHING_HAPPENED.search("no real shop, buyer or bank was involved in the trials.")
    assert NOTHING_HAPPENED.search("the study does not document a real-world incident.")
    # a maker's impact statement is no study
    assert not NOTHING_HAPPENED.search("no customer data was affected, the firm said.")


def test_template_named_in_its_title():
    assert TEMPLATE_TITLE.search("Agent Outage Review Template (v2.1)")
    assert TEMPLATE_TITLE.search("Template: bot incident write-up")
    assert not TEMPLATE_TITLE.search("Cursor wiped the template folder of my blog")


def test_crowd_and_duty_questions_are_guide_titles():
    assert HOWTO_TITLE.search("Ask HN: How are you keeping agents away from prod?")
    assert HOWTO_TITLE.search("Does a shop have to refund what its bot promised?")
    assert not HOWTO_TITLE.search("How the agent dropped our orders table")


def test_hearsay_hedges_the_deeds_it_lists():
    assert hedged("i've read the horror stories (wiped laptops, dropped tables).")
    assert not hedged("the agent wiped my laptop and dropped the orders table.")


def test_a_name_said_to_be_a_human():
    assert DISOWNED.search("It was a colleague named Devin, not software.").group(3) == "Devin"
    assert DISOWNED.search("Devin the human has asked us to stop.").group(4) == "Devin"
    assert not DISOWNED.search("Devin deleted the branch overnight.")


def test_product_named_with_its_kind_in_a_breadcrumb_or_parentheses():
    assert NAME_KIND_RE.search("Forum  >  Trips  >  Roamly agent").group(1) == "Roamly"
    assert not NAME_KIND_RE.search("Each agent gets its own token.")
    assert not NAME_KIND_RE.search("At the gate a Delta agent rebooked me.")
    assert PAREN_KIND.search("We use Quill (the Mossbank email assistant) daily.").group(1) == "Quill"
    assert not PAREN_KIND.search("Maria (the travel agent) called back.")
    assert PAREN_NAME.search("the ward has an AI scribe now (Notewell, from a start-up).").group(1) == "Notewell"


def test_headline_without_its_article():
    assert HEADLINE_KIND.search("Agent ran rm -rf on the shared drive")
    assert HEADLINE_KIND.search("Assistant handed out free upgrades all weekend")
    assert not HEADLINE_KIND.search("Assistant manager resigns after audit")


def test_consequences_of_discussion_pages():
    assert CONSEQUENCE.search("it replied-all to 40 tenants with the rent ledger attached.")
    assert CONSEQUENCE.search("it sent the notice to our whole mailing list.")
    assert CONSEQUENCE.search("it committed the .env file with live keys to a public repo.")
    assert CONSEQUENCE.search("the bot scaled the database cluster to zero.")
    assert CONSEQUENCE.search("the assistant handed out 50% off codes to anyone who asked.")
    assert not CONSEQUENCE.search("we scaled the service to twelve replicas.")
    assert not CONSEQUENCE.search("we handed out flyers at the fair.")
    assert REAL.search("affected members are being made whole.")
    assert REAL.search("$2,300 out the door before lunch.")
    assert REAL.search("the shop was down for about 3 hours.")
    assert REAL.search("github told me the token was found publicly.")
    assert REAL.search("about 9,000 shoppers saw failed payments.")
    assert not REAL.search("the team made a whole new plan.")


def test_machines_started_are_no_product_launch():
    assert not LAUNCH.search("it launched and relaunched sixty gpu build runners.")
    assert LAUNCH.search("the start-up launched its new agent on tuesday.")


def test_prefilter_sees_a_quoted_or_breadcrumb_product():
    assert may_describe_incident('the co-op\'s "Pebble" assistant moved my savings after an error.')
    assert may_describe_incident("Help  >  Orders  >  Tallyo agent\nTallyo bought the fare twice, non-refundable.")


def test_a_human_who_wiped_files_by_hand_is_not_an_incident():
    text = ("I wiped three years of my notes. Not the AI plugin. Me. I typed rm -rf in the wrong "
            "folder at midnight and lost the lot. The AI plugin never touched a file. Sorry to the "
            "plugin's author for blaming it in yesterday's thread.")
    assert not analyze_text(text, title="I wiped three years of my notes").relevant


def test_a_victim_post_about_an_agent_is_an_incident():
    text = ("I let the Cursor agent tidy my repo and it ran rm -rf on the data folder. Two years of "
            "research data are gone and cannot be recovered. The support team apologised.")
    assert analyze_text(text, title="Cursor agent deleted my research data").relevant


def test_an_issue_page_names_its_agent_by_the_repo_slug():
    text = ("openai/codex\n"
            "codex exec deleted the billing namespace on our production cluster #4410\n"
            "We run codex in CI to retry flaky jobs. It ran kubectl delete namespace billing. "
            "Checkout was down for about 3 hours while we redeployed.")
    assert analyze_text(text).relevant


def test_german_bank_bot_showing_others_account_data_is_screened_in():
    text = ('Bank-Chatbot zeigte Kunden fremde Kontodaten\n'
            'Die Sparkasse Musterstadt hat ihren KI-Assistenten "Nora" abgeschaltet. Der Chatbot '
            'nannte Umsätze anderer Kunden.')
    assert screen(text, language="de").relevant


def test_a_lower_case_tool_asked_to_do_a_task_is_an_agent():
    from kb.nlp.relevance import ASKED_TOOL, NOT_TOOLS

    names = [m.group(1) for m in ASKED_TOOL.finditer("I asked skiff to rebase my branch, then told them to wait.")]
    assert [n for n in names if n not in NOT_TOOLS] == ["skiff"]
    assert not ASKED_TOOL.search("We asked customers to wait and told Maria to call back.")


def test_satire_masthead_reworded_and_a_listicle_of_what_could_go_wrong():
    assert SATIRE.search("THE PATCHED — America's least reliable source of build news")
    assert HOWTO_TITLE.search("7 Ways Your Coding Agent Could Ruin Your Weekend")
    assert not HOWTO_TITLE.search("7 ways the outage hit shoppers on Friday")


def test_a_system_that_played_no_part_is_cleared():
    from kb.nlp.relevance import FAULT_DENIED

    assert FAULT_DENIED.search("the regulator said that system played no part in the leak.")
    assert not FAULT_DENIED.search("the system played a large part in the leak.")
