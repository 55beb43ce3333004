"""Who: the vendor when the report names no known maker -- an organisation that built its bot
itself, one that runs a bot no maker is named for, a listed chatbot maker beside the
organisation running its bot -- and bots that name themselves or are named by their app.

Reports and sentences are written for these tests; the companies in them are invented,
product names are real (gazetteer facts).
"""

from __future__ import annotations

from conftest import rule_of as _rule

from kb.nlp import analyze_text
from kb.nlp.entities import _initial_common_noun, count_who, named_bots
from kb.nlp.pipeline import _choose_actor, _owned_bot_episodes, _secondary_actors, _weights
from kb.nlp.segment import split_sentences


def _primary(text, title=None):
    analysis = analyze_text(text, title=title, language="en")
    assert analysis.relevant, analysis.note
    mention = analysis.mentions[0]
    assert mention.primary
    return mention


def test_in_house_bot_is_made_by_the_organisation_running_it():
    text = ("Rook deleted the billing database at Harlow Freight\n\n"
            "Harlow Freight, a logistics company in Leeds, lost a day of invoices on Monday when "
            "its AI agent deleted the production billing database.\n\n"
            "The company runs an AI agent called Rook, which it built in-house last spring, to "
            "clean up stale tables. On Monday Rook deleted the live billing tables instead of the stale copies. "
            "Harlow Freight said the fault was in its own code.")
    mention = _primary(text)
    assert mention.agent == "Rook"
    assert mention.vendor == mention.deployer == "Harlow Freight"
    assert _rule(mention, "vendor") == "who.in_house_vendor"


def test_first_person_postmortem_of_an_internal_agent():
    text = ("Postmortem: our cleanup agent deleted customer exports\n\n"
            "Authors: Quarrystone platform team\n\n"
            "We use an internal maintenance agent, Sorter, to expire old export files. On 3 March "
            "Sorter deleted 9,000 customer export files that were still in use. We built Sorter "
            "and we gave it the permission to delete; the fault is ours.")
    mention = _primary(text)
    assert mention.agent == "Sorter"
    assert mention.vendor == mention.deployer == "Quarrystone"


def test_a_company_apologising_for_its_own_chatbot_made_it():
    text = ("Larchmont Bank chatbot tells customer his savings were closed\n\n"
            "Larchmont Bank has apologised after its online chatbot told a customer that his "
            "savings account had been closed, which was false. A Larchmont Bank spokesperson said "
            "the chatbot gave wrong information and was being fixed. Larchmont Bank, which is being "
            "bought by Pemberton Holdings, said the error affected 300 customers.")
    mention = _primary(text)
    assert mention.deployer == "Larchmont Bank"
    assert mention.vendor == "Larchmont Bank"


def test_listed_chatbot_maker_is_the_vendor_of_a_named_bot(nlp):
    text = ("Job seekers at Burgerville talk to an assistant called Olivia, and Paradox.ai "
            "supplies it. Olivia exposed the data of thousands of applicants. Burgerville said "
            "applicants were told. Burgerville franchise owners use the careers site too.")
    sentences = split_sentences(nlp, text)
    who = count_who(sentences, _weights(sentences, None))
    agent, vendor, _ = _choose_actor(who, sentences)
    assert (agent, vendor) == ("Olivia", "Paradox")


def test_a_bot_running_on_a_model_is_not_made_by_the_model_maker(nlp):
    text = ("The Pantry Pal-bot, a meal planner built on GPT-3, suggested a recipe that makes "
            "chlorine gas. Greenmart said it launched the Pantry Pal-bot last year.")
    sentences = split_sentences(nlp, text)
    who = count_who(sentences, _weights(sentences, None))
    _, vendor, _ = _choose_actor(who, sentences)
    assert vendor != "OpenAI"


def test_a_model_that_is_its_makers_app_stays_the_agent(nlp):
    text = ("Gemini generated inaccurate historical images. Google paused Gemini image generation. "
            "Gemini users had complained for days. The feature had come from Bard.")
    sentences = split_sentences(nlp, text)
    who = count_who(sentences, _weights(sentences, None))
    agent, vendor, _ = _choose_actor(who, sentences)
    assert (agent, vendor) == ("Gemini", "Google")


def test_a_bot_named_by_its_app_or_by_itself(nlp):
    assert named_bots(nlp("The assistant, known in the app as Pip, blocked 400 cards.")[:]) == ["Pip"]
    assert named_bots(nlp("It was an AI agent that calls itself JT Marlowe and runs on a laptop.")[:]) \
        == ["JT Marlowe"]
    assert named_bots(nlp("A chatbot calling itself Dana offered refunds.")[:]) == ["Dana"]


def test_a_sentence_initial_common_noun_is_no_organisation(nlp):
    text = ("Supermarket's AI recipe bot suggests bleach sandwiches\n\n"
            "A supermarket in Otago launched the Pantry Pal-bot in June. The supermarket said it "
            "would keep improving the tool.")
    sentences = split_sentences(nlp, text)
    report = " ".join(s.text for s in sentences)
    assert _initial_common_noun("Supermarket", sentences, report)


def test_a_company_named_mid_sentence_keeps_its_name(nlp):
    text = ("Target's chatbot offered a wrong discount. Shoppers at Target complained, and the "
            "target of the complaint was the bot.")
    sentences = split_sentences(nlp, text)
    report = " ".join(s.text for s in sentences)
    assert not _initial_common_noun("Target", sentences, report)
    who = count_who(sentences, _weights(sentences, None))
    assert who.orgs.get("Target", 0) > 0


def test_an_organisation_named_more_than_once_is_not_replaced_by_the_runner():
    text = ("Water authority's assistant cut off 200 homes\n\n"
            "The AI assistant, which the authority's staff call Ripple, was installed last spring by "
            "Brookline Systems, the company that also supplies the authority's billing software. "
            "Ripple deleted the payment records of 200 homes and sent shut-off orders without approval. The Pendle Water Authority "
            "said it deployed the assistant to answer billing questions only. Brookline Systems "
            "did not return calls.")
    mention = _primary(text)
    assert mention.agent == "Ripple"
    assert mention.vendor == "Brookline Systems"


def test_a_quoted_persona_name_with_lower_case_words(nlp):
    doc = nlp('He chatted for weeks with "Aunt Rosie", one of the platform\'s AI personas.')
    assert named_bots(doc[:]) == ["Aunt Rosie"]


def test_a_persona_of_a_public_service_is_run_by_its_vendor():
    text = ("Meta chatbot persona invited a retiree to visit her\n\n"
            "A retired man from Ohio chatted on Messenger with \"Cousin Lottie\", one of Meta's AI "
            "personas, built on Meta AI. Cousin Lottie falsely told him she was a real woman and "
            "gave him an address in New York. He fell on the way there and died. Meta declined to "
            "comment on the chatbot.")
    mention = _primary(text)
    assert mention.agent == "Cousin Lottie"
    assert (mention.vendor, mention.deployer) == ("Meta", "Meta")


def test_a_harm_verb_completing_a_past_verb_names_an_incident_in_passing():
    text = ("Claude Code wiped a bakery's staging cluster\n\n"
            "Claude Code deleted the staging cluster of a bakery chain on Monday, taking its "
            "ordering site down for six hours. The bakery said the agent had permission to do "
            "so. Claude Code had been given broad access. In a separate case last year, Replit Agent decided to delete a "
            "production database during a code freeze.")
    analysis = analyze_text(text, language="en")
    assert any(m.agent == "Replit Agent" and not m.primary for m in analysis.mentions)


def test_a_sentence_saying_it_happened_before_names_an_earlier_incident():
    text = ("Microsoft's news portal put an AI poll next to a story about a death\n\n"
            "Microsoft Start, the news service built into Windows, placed an AI-generated poll "
            "next to an article about a woman's death, and readers blamed the newspaper. The AI "
            "poll was offensive and caused damage to the paper's reputation. "
            "Microsoft said it had deactivated the polls. It is not the first time Microsoft's "
            "automated news operation has embarrassed it.")
    analysis = analyze_text(text, language="en")
    earlier = [m for m in analysis.mentions if not m.primary]
    assert [(m.vendor, m.deployer) for m in earlier] == [("Microsoft", "Microsoft")]
    assert any(e.rule == "secondary.earlier_episode" for e in earlier[0].evidence)


def test_an_organisations_own_bot_named_in_passing_is_another_incident():
    text = ("Claude Code wiped a bakery's staging cluster\n\n"
            "Claude Code deleted the staging cluster of a bakery chain on Monday, taking its "
            "ordering site down for six hours. The bakery said Claude Code had permission to do "
            "so, and that Claude Code would keep running in its test systems. Anthropic did not "
            "comment on Claude Code.\n\n"
            "Other bots have misbehaved too: in 2023 the Riverside Health Council took its "
            "chatbot Tilly offline after it gave harmful diet advice.")
    analysis = analyze_text(text, language="en")
    others = [(m.agent, m.vendor, m.deployer, m.occurred) for m in analysis.mentions if not m.primary]
    assert others == [("Tilly", "Riverside Health Council", "Riverside Health Council", "2023")]


def test_an_organisations_bot_acting_in_the_past(nlp):
    sentence = split_sentences(nlp, "Northwind Air's website chatbot told a passenger he could "
                                    "claim a refund that did not exist.")[0]
    found = [(ent.text, bot.text, rule) for ent, bot, rule in _owned_bot_episodes(sentence)]
    assert found == [("Northwind Air's", "chatbot", "secondary.owned_bot_acted")]
    sentence = split_sentences(nlp, "Northwind Air's website chatbot will tell passengers about "
                                    "refunds.")[0]
    assert _owned_bot_episodes(sentence) == []


def test_the_primary_deployers_own_bot_is_no_other_incident():
    text = ("Larchmont Bank chatbot tells customer his savings were closed\n\n"
            "Larchmont Bank has apologised after its online chatbot told a customer that his "
            "savings account had been closed, which was false. Larchmont Bank's chatbot told "
            "300 customers the same thing. A Larchmont Bank spokesperson said it was being fixed.")
    analysis = analyze_text(text, language="en")
    assert [m for m in analysis.mentions if not m.primary] == []


def test_a_known_bot_taken_offline_names_its_own_incident():
    text = ("Seoul chatbot Iruda suspended after hate speech\n\n"
            "Scatter Lab suspended its chatbot Lee Luda after it posted hateful remarks about "
            "minorities to users. Scatter Lab said Lee Luda would be retrained. The episode drew "
            "comparisons with Microsoft's Tay, which was taken offline in 2016 after a day.")
    analysis = analyze_text(text, language="en")
    others = [(m.agent, m.vendor, m.deployer) for m in analysis.mentions if not m.primary]
    assert others == [("Tay", "Microsoft", "Microsoft")]


def test_a_bot_taken_to_court_is_not_withdrawn(nlp):
    sentence = split_sentences(nlp, "Microsoft's Tay, which was taken to court by nobody, "
                                    "is a famous case.")[0]
    assert not any(r[3] == "secondary.bot_withdrawn" for r in _secondary_actors(sentence, ""))
