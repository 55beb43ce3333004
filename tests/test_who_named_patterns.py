"""Who: invented product names the gazetteer cannot know, marked by the text as the agent; the
maker phrases and deployer phrases around them. Sentences and names are written for these tests.
"""

from __future__ import annotations

import pytest

from kb.nlp.actors import makers
from kb.nlp.deployer import POSTER_EMPLOYER, POSTER_OWN
from kb.nlp.entities import named_bots

from conftest import deployer_in, primary_in, rule_of


@pytest.mark.parametrize("text, name", [
    # bot_appositive after a capitalised article / an owner's possessive / "tool"
    ("The agent, Quillon, is sold by a Leeds startup as a cleaner.", "Quillon"),
    ("Yesterday the firm's intake assistant, Pemble, refused a caller.", "Pemble"),
    ("The tool, Gritmouse, is an open-source shell agent.", "Gritmouse"),
    # defining_appositive: after "from", or opening the sentence, with a clause on the bot noun
    ("The reply came from Tobin, an assistant supplied by the software firm Norvane.", "Tobin"),
    ("Larkspur, the billing agent sold by Ostrava-based Venn, had run for weeks.", "Larkspur"),
    # introduces_itself
    ("The line's assistant, which patients hear introduce itself as Perrin, was launched in May.", "Perrin"),
    # maker_of_name
    ("Halvard, the company that makes Bellweather, said it would refund fees.", "Bellweather"),
])
def test_a_name_the_text_marks_as_the_bot(nlp, text, name):
    assert named_bots(nlp(text)[:]) == [name]


def test_an_adverb_opening_the_sentence_is_no_name(nlp):
    assert named_bots(nlp("Instead, the agent that ran the job deleted it.")[:]) == []


def test_the_subject_of_a_relative_clause_on_the_bot_is_its_user_not_its_name(nlp):
    doc = nlp("The emails came from Wrenna, the AI hiring agent Dunmore licenses from Corvell.")
    assert named_bots(doc[:]) == ["Wrenna"]
    assert makers(doc[:]) == ["Corvell"]


@pytest.mark.parametrize("text, maker", [
    ("Halvard, the company that makes Bellweather, said it would refund fees.", "Halvard"),
    ("Corbel Ops, the Leeds company behind Nightjar, said in a statement that it was sorry.", "Corbel Ops"),
    ("The cause was an IT assistant called Sentry, supplied by Marlow Systems, which the council used.",
     "Marlow Systems"),
    ("The tool is an open-source shell agent maintained by a small company called Ferroway.", "Ferroway"),
])
def test_maker_phrases_around_a_named_product(nlp, text, maker):
    assert makers(nlp(text)[:]) == [maker]


def test_a_short_name_counts_for_the_long_one_and_its_prefix_is_the_maker():
    mention = primary_in("Orvane Pilot, the AI agent Kestrel Freight had allowed to pay invoices, wired "
                         "$80,000 to a fraudster. The payments firm Orvane said in a statement that the attack was targeted. Kestrel Freight "
                         "says Pilot never asked for approval before it paid.")
    assert (mention.agent, mention.vendor) == ("Orvane Pilot", "Orvane")


@pytest.mark.parametrize("text, org", [
    ("I run engineering at Brindlecombe Analytics (nine people).", "Brindlecombe Analytics"),
    ('I\'m the "ops guy" at Kettle & Crumb, a small coffee wholesaler.', "Kettle & Crumb"),
    ("I work for Orrin Labs.", "Orrin Labs"),
    ("The agent dropped tables in the database behind our app, Pantryfox (meal plans).", "Pantryfox"),
    ("Our storefront, Ferncliff Outdoor, served broken images for hours.", "Ferncliff Outdoor"),
])
def test_poster_employer_patterns(text, org):
    match = POSTER_EMPLOYER.search(text) or POSTER_OWN.search(text)
    assert match and match.group(1).rstrip(".") == org


@pytest.mark.parametrize("text", ["I'm a customer at Halden Bank and it lied.", "I ran it for Christmas."])
def test_a_customer_or_a_date_is_no_employer(text):
    assert not (POSTER_EMPLOYER.search(text) or POSTER_OWN.search(text))


def test_poster_employer_is_the_deployer(nlp):
    found = deployer_in(nlp, "Our coding agent force-pushed main. I run engineering at Brindlecombe "
                             "Analytics. I left Claude Code rebasing a branch and it rewrote main.",
                        vendor="Anthropic", agent="Claude Code")
    assert found[0] == "Brindlecombe Analytics" and found[2] == "deployer.poster_employer"


def test_relative_licensee_is_the_deployer_in_its_long_form(nlp):
    found = deployer_in(nlp, "Recruiting agent purged applications. Wrenna, the AI hiring agent "
                             "Dunmore licenses from Corvell, rejected 900 nurses. Dunmore Health's "
                             "recruiters found out from the candidates.",
                        vendor="Corvell", agent="Wrenna")
    assert found[0] == "Dunmore Health" and found[2] == "deployer.relative_licensee"


def test_a_spaced_dash_joins_two_names_and_the_owner_is_the_last(nlp):
    from spacy.tokens import Span

    from kb.nlp.entities import org_name

    doc = nlp("Denied boarding at LHR - Skyvela's chat assistant told us no visa was needed.")
    start = next(t.i for t in doc if t.text == "LHR")
    end = next(t.i for t in doc if t.text in ("'s", "’s")) + 1
    assert org_name(Span(doc, start, end, label="ORG")) == "Skyvela"


def test_a_common_noun_capitalised_only_where_a_sentence_opens_is_no_deployer(nlp):
    from kb.nlp.deployer import _initial_common_nouns
    from kb.nlp.segment import split_sentences

    sentences = split_sentences(nlp, "Carrier's AI cancelled 300 plans.\n\nThe carrier says its "
                                     "assistant misread pause requests. Vodafone said nothing.")
    assert _initial_common_nouns(sentences) == {"carrier"}
