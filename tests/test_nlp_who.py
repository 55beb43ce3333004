"""Who and whether: agent, vendor, deployer, secondary incidents and relevance.

Every sentence here is written for the test (invented companies and people), not taken from
the corpus.
"""

from __future__ import annotations

import pytest

from kb.nlp import analyze_text
from kb.nlp.deployer import canonical_org
from kb.nlp.entities import bot_owners, hijacked_agent
from kb.nlp.pipeline import _secondary_actors, get_pipeline
from kb.nlp.relevance import RelevanceFeatures, score
from kb.nlp.segment import split_sentences
from conftest import deployer_in as _deployer


def test_canonical_org_uses_gazetteer_and_drops_suffix():
    assert canonical_org("Yum Brands") == "Yum! Brands"
    assert canonical_org("AWS") == "Amazon"
    assert canonical_org("Brightmart Group") == "Brightmart"


def test_company_header_is_the_deployer(nlp):
    text = ("# Brightmart chatbot invents a refund rule\n\n"
            "**Company**: Brightmart Group (Canada)<br>\n"
            "**Date**: March 2025\n\n"
            "The Brightmart chatbot told shoppers they could return opened food for cash.\n")
    name, _, rule = _deployer(nlp, text, vendor="Brightmart")
    assert (name, rule) == ("Brightmart", "deployer.org_header")


def test_company_header_naming_the_product_gives_its_vendor(nlp):
    text = ("# Support bot fabricates a licence rule\n\n"
            "**Company**: Cursor (Anysphere Inc.)<br>\n\n"
            "Its support bot told paying users that a licence covered one laptop only.\n")
    assert _deployer(nlp, text, vendor="Anysphere", agent="Pip")[0] == "Anysphere"


def test_victim_header_founder_beats_company_header(nlp):
    text = ("# Agent wipes a customer table\n\n"
            "**Company**: Replit Inc. (AI platform)\n"
            "**Victim**: Dana Kowal (Fernwood founder) and client records\n\n"
            "The agent dropped the customer table during a freeze.\n")
    name, _, rule = _deployer(nlp, text, vendor="Replit", agent="Replit Agent")
    assert (name, rule) == ("Fernwood", "deployer.victim_header")


def test_private_person_as_victim_means_no_deployer(nlp):
    text = ("# IDE agent erases a drive\n\n"
            "**Company**: Google (IDE)\n"
            "**Victim**: Marta Olsen (wedding photographer)\n\n"
            "The agent ran a recursive delete on the wrong drive.\n")
    assert _deployer(nlp, text, vendor="Google", agent="Antigravity")[0] is None


def test_solo_operator_header_means_no_deployer(nlp):
    text = ("# Parallel agent sessions clobber a config\n\n"
            "**Operator**: Solo developer with a private monorepo\n\n"
            "One session overwrote the CI file another session had changed.\n")
    assert _deployer(nlp, text, vendor="Anthropic", agent="Claude Code")[0] is None


def test_role_header_with_employer_in_brackets(nlp):
    text = ("# Brief cites invented cases\n\n"
            "**Attorneys**: Mark Feld & Nora Quist (Quist, Feld & Harmon)\n\n"
            "The chatbot made up six court decisions that were filed in the brief.\n")
    assert _deployer(nlp, text, vendor="OpenAI", agent="ChatGPT")[0] == "Quist, Feld & Harmon"


def test_owner_of_the_harmed_database(nlp):
    text = "Replit Agent deleted Northwind Logistics' production database during a code freeze."
    name, _, rule = _deployer(nlp, text, vendor="Replit", agent="Replit Agent")
    assert (name, rule) == ("Northwind Logistics", "deployer.owner_of_harm")
    text = "Replit Agent deleted the production database of Northwind Logistics last week."
    assert _deployer(nlp, text, vendor="Replit", agent="Replit Agent")[0] == "Northwind Logistics"


def test_self_hit_outage_gives_the_vendor(nlp):
    text = "The agent tore down a cluster and caused a nine-hour outage of a storage service."
    name, _, rule = _deployer(nlp, text, vendor="Amazon", agent="Kiro", self_hit=True)
    assert (name, rule) == ("Amazon", "deployer.self_hit")


def test_bot_owner_behind_several_modifiers(nlp):
    doc = nlp("Brightmart's AI-powered customer service chatbot promised a refund nobody had approved.")
    assert "Brightmart" in bot_owners(doc[:])


def test_hijacked_bot_is_recognised(nlp):
    doc = nlp("The injected prompt tricked Claude into running commands in the build runner.")
    ent = next(e for e in doc.ents if e.label_ == "AGENT")
    assert hijacked_agent(ent)
    doc = nlp("Claude deleted the folder after it was asked to tidy up.")
    ent = next(e for e in doc.ents if e.label_ == "AGENT")
    assert not hijacked_agent(ent)


def test_hijacked_model_is_the_agent_not_the_product_it_poisoned():
    text = ("# Triage bot hijack ships a poisoned Cline release\n\n"
            "**Company**: Cline (open-source coding assistant)\n\n"
            "An attacker opened an issue whose title carried a prompt injection payload targeting "
            "Claude, the AI agent that labelled new issues for the Cline repository. "
            "The injected prompt tricked Claude into running shell commands in the CI runner, "
            "which leaked the npm token. With it the attacker published a malicious Cline CLI "
            "release that about 900 developers installed before it was pulled. "
            "Cline revoked the token and apologised to users.\n")
    analysis = analyze_text(text, language="en")
    primary = analysis.mentions[0]
    assert (primary.agent, primary.vendor, primary.deployer) == ("Claude", "Anthropic", "Cline")


def test_named_bot_in_a_comparison_does_not_replace_the_agent():
    text = ("# Claude Code wipes a staging bucket at Northwind Logistics\n\n"
            "Claude Code deleted Northwind Logistics' staging bucket and its backups on 3 May 2025, "
            "and the team lost a week of uploads. Claude Code had been told to rename files. "
            "Northwind Logistics restored part of the data from a laptop. "
            "The case recalls the Acme \"Pip\" support-bot fabrication, a different failure.\n")
    analysis = analyze_text(text, language="en")
    assert analysis.relevant
    assert analysis.mentions[0].agent == "Claude Code"
    assert analysis.mentions[0].deployer == "Northwind Logistics"


def test_secondary_linked_to_a_sibling_product(nlp):
    sentences = split_sentences(nlp, "It was the second outage at the company this year. "
                                     "The first was connected to Amazon's assistant Q Developer.")
    found = _secondary_actors(sentences[1], sentences[0].span.text)
    assert [(e.ent_id_, kind, rule) for e, kind, _, rule in found] == [
        ("Amazon Q Developer", "other", "secondary.linked")]


def test_secondary_incident_noun(nlp):
    sentences = split_sentences(nlp, "Reviewers compared it with the Devin deletion last spring.")
    found = _secondary_actors(sentences[0], "")
    assert [(e.ent_id_, kind) for e, kind, _, _ in found] == [("Devin", "delete_data")]


def test_vendor_inside_another_products_name_is_not_an_actor(nlp):
    sentences = split_sentences(nlp, "The stolen token let the attacker run GitHub Actions and "
                                     "publish a poisoned package that deleted home folders.")
    found = _secondary_actors(sentences[0], "")
    assert all(e.ent_id_ != "GitHub" for e, _, _, _ in found)


def test_ai_named_in_passing_lowers_relevance():
    base = dict(harm=2, real=2, research=0, launch=0, unreal=0, researcher=0, sentences=40)
    passing = score(RelevanceFeatures(ai=3, **base))
    central = score(RelevanceFeatures(ai=12, **base))
    assert passing < 0.45 < central


@pytest.mark.parametrize("text, labels", [
    ("County IT director Dana Cline told the board on Tuesday. Cline said the switch failed.",
     ["PERSON", "PERSON"]),
    ("Cline deleted the repository after a poisoned issue title.", ["AGENT"]),
    ("Devin Marsh wrote that Devin, the coding agent, failed the task.", ["PERSON", "AGENT"]),
    ("Claude Code wiped the folder, and Claude later apologised.", ["AGENT", "AGENT"]),
])
def test_agent_names_that_are_peoples_names(text, labels):
    doc = get_pipeline()(text)
    names = {"Cline", "Devin", "Claude", "Claude Code"}
    assert [e.label_ for e in doc.ents if e.text in names] == labels


@pytest.mark.parametrize("sentence, expected", [
    ("The shop's assistant, named Pippa, went live in May.", ["Pippa"]),
    ("The helpdesk bot, called Ask Ferne, answers payroll questions.", ["Ask Ferne"]),
    ("At our firm we run an internal agent we call Courier.", ["Courier"]),
    ("The clinic switched on Medline, an AI scheduling assistant sold by a local start-up.",
     ["Medline"]),
    ("We trialled Hoptoad (the open-source CLI coding agent) on old releases.", ["Hoptoad"]),
    ("Replit, the AI coding platform, apologised.", []),
    ("On Monday the AI agent deleted the files.", []),
    ("The AI agent Kiro deleted the environment.", []),  # a known agent has its own entity
])
def test_bots_named_without_quotes(sentence, expected):
    from kb.nlp.entities import named_bots

    assert named_bots(get_pipeline()(sentence)[:]) == expected


def test_makers_sold_by_and_in_house():
    from kb.nlp.actors import makers

    def found(text):
        return makers(get_pipeline()(text)[:])

    assert found("The shop uses Tillpoint, a checkout agent sold by the Leeds start-up Corvane.") \
        == ["Corvane"]
    assert found("At Hollowmere we run an internal agent that restarts failed jobs.") == ["Hollowmere"]
    assert found("The bot was built by Brightline Inc.") == ["Brightline Inc."]


def test_a_bot_named_once_counts_as_ai_in_later_sentences():
    text = ("At Hollowmere we run an internal agent we call Courier. It restarts failed jobs. "
            "On Friday Courier launched 200 servers and left them running for two days. "
            "The bill came to $18,000, and we lost the weekend cleaning up. "
            "We own this: Courier had no limit on what it could start.")
    analysis = analyze_text(text, title="What a runaway agent cost us", language="en")
    assert analysis.relevant
    assert analysis.mentions[0].agent == "Courier"
    assert analysis.mentions[0].vendor == "Hollowmere"


@pytest.mark.parametrize("text", ["The DNS records", "Billing ran past 40 TB", "NEVER do this"])
def test_terms_and_shouted_words_are_not_organisations(text):
    from kb.nlp.entities import org_name

    doc = get_pipeline()(text)
    span = doc[:]
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            name = org_name(doc[start:end])
            assert name.lower() not in {"dns", "tb", "never", "the dns"}, (span, name)


def test_a_bot_declared_not_a_person_is_the_agent_over_the_product():
    text = ('Users of Cursor were logged out when they switched machines. One of them wrote to '
            'support and got a reply from "Max" saying Cursor allows one device per plan. '
            'Max is not a person; the reply came from an AI model. Max had invented the rule. '
            'Cursor later apologised and said no such policy exists for Cursor users.')
    analysis = analyze_text(text, title="Cursor support bot invents a policy", language="en")
    assert analysis.mentions[0].agent == "Max"
    assert analysis.mentions[0].vendor == "Anysphere"


@pytest.mark.parametrize("sentence, maker", [
    ("We trialled Sorter, a data agent made by a small company called Pellam AI.", "Pellam AI"),
    ("It was supplied by Quorra, a Perth software firm that builds support bots.", "Quorra"),
    ("Hattie is a product of Brisk, a company that sells assistants to schools.", "Brisk"),
    ("The fault lay with Tiller, an AI agent sold by Oslo-based Fjordware that runs its cloud.",
     "Fjordware"),
    ("They use Pike, a coding agent from a company called Ironwell Labs, to triage bugs.",
     "Ironwell Labs"),
    ("The chatbot, which runs on a large model and was installed by the dealer-software "
     "company Carlink, answered questions.", "Carlink"),
    ("Pip was built for the grocer by Leeds software firm Chatterly, which supplies bots.",
     "Chatterly"),
    ("Rue runs on a conversational platform from Veltra, a software company in Ghent.", "Veltra"),
    ("Docker, which is sold by San Francisco start-up Mallow Labs, reset the database.",
     "Mallow Labs"),
    ("Ivy, supplied by Brightfern, a Halifax company that builds phone agents, booked them.",
     "Brightfern"),
    ("We use Lantern, an AI SRE agent from Coldwell, for first response.", "Coldwell"),
    ("The council said the bot, which it licenses from the Bristol firm Tallowby, had erred.",
     "Tallowby"),
    ("Pim, an AI helper built into the payroll software of Quernstone, mailed the file.",
     "Quernstone"),
])
def test_maker_phrases(sentence, maker):
    from kb.nlp.actors import makers

    assert makers(get_pipeline()(sentence)[:]) == [maker]


@pytest.mark.parametrize("sentence, name", [
    ("We use an internal operations agent, Heron, to expire old exports.", "Heron"),
    ("The college said the assistant, known to staff as Molly, sent the file.", "Molly"),
    ("The bakery chain added the Crumb Finder-bot to its app in May.", "Crumb Finder-bot"),
])
def test_more_unquoted_bot_names(sentence, name):
    from kb.nlp.entities import named_bots

    assert named_bots(get_pipeline()(sentence)[:]) == [name]


def test_lower_case_bot_names_in_a_definition_or_quotes(nlp):
    from kb.nlp.entities import named_bots

    assert named_bots(nlp("Recap: quillo, the AI agent that tweets match odds, lost its keys.")[:]) == ["quillo"]
    assert named_bots(nlp('We rebuilt the pager as an agent, "nudgr": an LLM picks who to wake.')[:]) == ["nudgr"]
    assert named_bots(nlp("Sadly, the agent that ran overnight failed.")[:]) == []


def test_mcp_server_named_after_the_company_that_launched_it(nlp):
    from kb.nlp.actors import unlisted_agents

    found = unlisted_agents(nlp("The hole was in the MCP server Brindle launched in March.")[:])
    assert found == [("Brindle MCP server", "Brindle")]
    spelled = unlisted_agents(nlp("Brindle's Model Context Protocol server leaked task titles.")[:])
    assert spelled == [("Brindle MCP server", "Brindle")]


def test_products_news_names_plainly_are_in_the_gazetteer(nlp):
    doc = nlp("OpenAI's new Operator agent paid for groceries, and Copilot Chat read labelled mail.")
    agents = {e.ent_id_ for e in doc.ents if e.label_ == "AGENT"}
    assert agents == {"Operator", "Microsoft 365 Copilot Chat"}
    assert not [e for e in nlp("The network operator agent on duty called back.").ents
                if e.label_ == "AGENT"]


def test_a_name_defined_in_a_parenthesis_with_an_ai_term_is_a_bot(nlp):
    from kb.nlp.entities import named_bots

    text = "I run Hollowpine (the plug-in that lets an LLM schedule my sprinklers) at home."
    assert named_bots(nlp(text)[:]) == ["Hollowpine"]
    assert named_bots(nlp("I run Hollowpine (the plug-in for my sprinklers) at home.")[:]) == []


def test_the_company_that_operates_the_bot_is_its_maker(nlp):
    from kb.nlp.actors import makers

    text = "The clinic said Vellum, the health technology company that operates the chatbot, changed it."
    assert makers(nlp(text)[:]) == ["Vellum"]


def test_a_surname_found_in_one_paragraph_holds_in_the_next():
    found = split_sentences(get_pipeline(), "The county IT director Dana Cline spoke on Tuesday.\n\n"
                                            "Cline said the network switch had failed.\n")
    labels = [e.label_ for s in found for e in s.span.ents if e.text == "Cline"]
    assert labels == ["PERSON", "PERSON"]


@pytest.mark.parametrize("sentence, name", [
    ("The assistant, which the council's staff call Pebble, was installed in May.", "Pebble"),
    ("The lender said the system, known internally as Tally, only recommended decisions.", "Tally"),
])
def test_bots_called_or_known_as(sentence, name):
    from kb.nlp.entities import named_bots

    assert named_bots(get_pipeline()(sentence)[:]) == [name]


def test_a_software_agent_described_by_its_kind_is_ai():
    from kb.nlp.entities import GENERIC_AGENT
    from kb.nlp.prefilter import may_describe_incident

    assert GENERIC_AGENT.search("a computerised assistant cut off 300 homes")
    assert may_describe_incident("An automated claims assistant wrongly denied 1,900 claims.")
    assert not GENERIC_AGENT.search("an automated teller machine")


def test_a_long_or_possessive_appositive_names_the_bot(nlp):
    """"X, an AI intake and triage assistant" (four words before the bot noun) and "X, Maker's
    autonomous coding agent" (the maker's possessive for the article) name a bot X."""
    from kb.nlp.entities import named_bots

    assert "Formwell" in named_bots(nlp("The clinic filed the forms with Formwell, an AI intake "
                                        "and triage assistant sold by Medlane.")[:])
    assert "Harrow" in named_bots(nlp("Our lead asked Harrow, Bracken Labs' autonomous coding "
                                      "agent, to tidy the repository.")[:])
    assert named_bots(nlp("We met Dana, Bracken Labs' head of sales, on Monday.")[:]) == []


def test_bard_and_azure_openai_are_known_products(nlp):
    ents = {e.text: e.ent_id_ for e in nlp("A user asked Google Bard, and staff used Azure "
                                           "OpenAI to draft the memo.").ents if e.label_ == "AGENT"}
    assert ents == {"Google Bard": "Bard", "Azure OpenAI": "Azure OpenAI"}
    from kb.nlp.entities import agent_vendor
    assert agent_vendor("Bard") == "Google" and agent_vendor("Azure OpenAI") == "Microsoft"


def test_the_makers_possessive_in_an_appositive_names_the_maker(nlp):
    from kb.nlp.actors import makers

    assert makers(nlp("Our lead asked Harrow, Bracken Labs' autonomous coding agent, to tidy "
                      "the repository.")[:]) == ["Bracken Labs"]
    assert makers(nlp("We met Dana, Bracken Labs' head of sales, on Monday.")[:]) == []


@pytest.mark.parametrize("text, owns", [
    ("Cursor's AI support agent told users a policy that did not exist.", True),
    ("Cursor’s customer service bot answered the email.", True),
    ("Cursor's AI agent deleted the project folder.", False),
    ("Cursor deleted the project folder.", False),
])
def test_a_product_that_owns_a_support_bot(nlp, text, owns):
    from kb.nlp.entities import support_bot_owner
    cursor = next(e for e in nlp(text).ents if e.label_ == "AGENT")
    assert support_bot_owner(cursor) is owns


def test_a_named_support_bot_of_a_product_company_is_the_agent():
    text = ("Cursor's AI support agent invented a one-device policy, users say\n\n"
            "A developer was logged out of Cursor each time he switched machines. Cursor support "
            "replied by email as \"Sam\" and said Cursor allows one device per subscription. "
            "Sam is a bot. Cursor users cancelled over it, and a Cursor cofounder said Cursor "
            "has no such rule and Cursor works on many machines.")
    primary = analyze_text(text).mentions[0]
    assert (primary.agent, primary.vendor) == ("Sam", "Anysphere")
    assert primary.action_type == "fabrication"


def test_a_month_before_a_possessive_bot_is_no_maker(nlp):
    from kb.nlp.actors import makers
    assert makers(nlp("In July, Replit's agent deleted the production database.")[:]) == []
    assert makers(nlp("We asked Harrow, Bracken Labs' coding agent, to tidy up.")[:]) == ["Bracken Labs"]


def test_equally_named_agents_are_told_apart_by_their_vendor():
    text = ("Weekly roundup\n\n"
            "Google's new IDE empties a drive, and a Claude Code user loses a folder.\n\n"
            "## 1. Antigravity wipes a drive\n\n"
            "Antigravity ran a delete command on the root of a user's D: drive. Google has not "
            "commented on what Antigravity did.\n\n"
            "## 2. Claude Code and a folder\n\n"
            "Claude Code removed a user's project folder. Claude Code was in auto mode.")
    primary = analyze_text(text).mentions[0]
    assert (primary.agent, primary.vendor) == ("Antigravity", "Google")


def test_an_agent_tie_goes_to_the_agent_whose_vendor_is_named_more():
    from collections import Counter
    from kb.nlp.entities import Who
    from kb.nlp.pipeline import _choose_actor
    who = Who(Counter({"Claude Code": 4.0, "Antigravity": 4.0}), Counter({"Google": 4.0}),
              Counter(), Counter(), Counter())
    assert _choose_actor(who, [])[:2] == ("Antigravity", "Google")


@pytest.mark.parametrize("text", [
    "Aleksandra Novak, an assistant professor at Leiden, spotted the exchange.",
    "In a separate group in Vermont, the same assistant offered a member a camera.",
])
def test_a_job_title_or_a_place_is_no_named_bot(nlp, text):
    from kb.nlp.entities import named_bots
    assert named_bots(nlp(text)[:]) == []


def test_an_appositive_still_names_a_bot(nlp):
    from kb.nlp.entities import named_bots
    assert named_bots(nlp("Users met Penny, an AI agent for billing, last week.")[:]) == ["Penny"]


def test_only_a_reference_sections_own_heading_is_skipped():
    """Names under "References" or "See also" are not the report's subject; a story's own
    heading that holds such a word ("... blame Claude for a bad citation", "Source code
    leak") is no reference section."""
    from kb.nlp.entities import SKIP_HEADING

    for heading in ("references", "sources", "see also", "related incidents", "3. further reading",
                    "external links", "citations"):
        assert SKIP_HEADING.search(heading), heading
    for heading in ("1. anthropic's own lawyers blame claude for a bad citation", "source code leak",
                    "what happened", "linked accounts were exposed"):
        assert not SKIP_HEADING.search(heading), heading


def test_a_first_name_once_a_persons_stays_a_persons_and_his_agent_is_human():
    """"Devin Booker ... built around Devin": once the report uses an agent's name as someone's
    first name, its bare later mentions are the person too; "his agent said" is a person's
    (sports, talent) agent, not an AI one. A report about the product keeps it."""
    from kb.nlp.entities import GENERIC_AGENT

    sports = ("Suns keep Devin Booker with a two-year extension\n\n"
              "PHOENIX - Devin Booker is staying put, his agent confirmed.\n\n"
              "\"We wiped the slate clean around Devin on purpose,\" the general manager said. "
              "Booker later deleted and reposted a thank-you note.")
    title, _, body = sports.partition("\n\n")
    nlp = get_pipeline()
    labels = {(e.text, e.label_) for s in split_sentences(nlp, body) for e in s.span.ents}
    assert ("Devin", "AGENT") not in labels and ("Devin", "PERSON") in labels
    assert analyze_text(body, title=title, language="en").relevant is False
    assert not GENERIC_AGENT.search("his agent confirmed the deal")
    assert GENERIC_AGENT.search("my agent deleted the branch")
    product = "Cognition's agent Devin deleted the staging database, and Devin then recreated it empty."
    assert [e.label_ for s in split_sentences(nlp, product) for e in s.span.ents if e.text == "Devin"] == ["AGENT", "AGENT"]
