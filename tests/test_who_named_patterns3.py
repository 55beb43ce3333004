"""Who in wire briefs, features and consumer posts: systems that are not chatbots named between
commas or in an aside, an AI in a job's role and its seller, a quoted product name of several
words, and a character said not to be a person. Sentences and names are written for these tests.
"""

from __future__ import annotations

import pytest

from kb.nlp.actors import makers
from kb.nlp.entities import named_bots



@pytest.mark.parametrize("sentence, name", [
    # who.system_appositive
    ("The engine, Tallyrate, is supplied by Oslo-based Fjord Metrics and sets prices hourly.", "Tallyrate"),
    ("The rota scheduler, Shiftwise, was built by a contractor in 2023.", "Shiftwise"),
    # who.ai_role_defining
    ("He piloted Rafe, the AI sales development rep sold by Quayline, against two staff.", "Rafe"),
    # who.called_aside
    ("I asked the chat assistant (it's called Pip, it has a fox icon) to stop the payment.", "Pip"),
    ("Dunmore runs the filter, which it calls Sieve, on every post it hosts.", "Sieve"),
    # who.quoted_multiword
    ("Fennel Telecom's \"Ask Fennel\" assistant told me I could leave without a fee.", "Ask Fennel"),
    # appositive with a quoted role
    ("The feature she used is Compass, an AI \"route agent\" that Wayfare has promoted.", "Compass"),
    # declared, negated contraction
    ("Mabel isn't a person. She is a character in a companion app.", "Mabel"),
])
def test_named_systems_and_roles(nlp, sentence, name):
    """Patterns who.system_appositive, who.ai_role_defining, who.called_aside,
    who.quoted_multiword and who.declared."""
    assert name in named_bots(nlp(sentence)[:])


@pytest.mark.parametrize("sentence", [
    "The engine is supplied by Fjord Metrics.",
    "Mabel isn't an AI chatbot, the company says.",
    "The system, however, was built by hand.",
])
def test_no_name_without_the_pattern(nlp, sentence):
    """Nothing is a bot's name without a name in the pattern's slot."""
    names = named_bots(nlp(sentence)[:])
    assert "Mabel" not in names and "However" not in names and "Fjord Metrics" not in names


@pytest.mark.parametrize("sentence, maker", [
    ("The engine, Tallyrate, is supplied by Oslo-based Fjord Metrics and sets prices.", "Fjord Metrics"),
    ("He piloted Rafe, the AI sales development rep sold by Quayline, against two staff.", "Quayline"),
    ("The agent, Tidemark, is sold by Austin startup Pellbrook as a cost cutter.", "Pellbrook"),
    # who.from_described_maker
    ("It moved support to Relay, an agent from the Dutch start-up Quaymark that reads tickets.", "Quaymark"),
    ("Invoices were paid twice after an agent it licensed from Cork fintech Tillwise failed.", "Tillwise"),
])
def test_the_seller_of_a_named_system(nlp, sentence, maker):
    """Patterns who.system_appositive, who.ai_role_defining and who.from_described_maker (maker
    side): the place before the maker's kind is no maker."""
    found = makers(nlp(sentence)[:])
    assert found[0] == maker and not {"Austin", "Cork", "Dutch"} & set(found)


def test_owner_before_a_quoted_product_name(nlp):
    """Pattern who.quoted_multiword: the possessive owner before a quoted name and the bot noun
    owns the bot."""
    from kb.nlp.entities import bot_owners

    span = nlp("Fennel Telecom's \"Ask Fennel\" assistant told me I could leave without a fee.")[:]
    assert "Fennel Telecom" in bot_owners(span)


@pytest.mark.parametrize("text, org", [
    ("Brackwater Energy · Help Centre\nService notices\n\nAn update on Smart Heat\n", "Brackwater Energy"),
    ("App Store Preview\n\nTidyShots: Photo Cleaner\nMossline Labs Ltd.\n#9 in Photo & Video\n\n"
     "Ratings and Reviews\n\nDeveloper Response, 2 May\nWe are sorry.\n", "Mossline Labs"),
])
def test_a_company_notice_names_its_company(text, org):
    """Pattern deployer.own_notice: a help-centre masthead, an app-store page with a developer
    response."""
    from kb.nlp.deployer import statement_org

    assert statement_org(text) == org


def test_no_app_developer_without_a_developer_response():
    """Pattern deployer.own_notice: a company line alone is no notice of that company."""
    from kb.nlp.deployer import statement_org

    assert statement_org("Review roundup\n\nMossline Labs Ltd.\nA reader writes in.\n") is None


@pytest.mark.parametrize("sentence, name", [
    ("So I asked my phone and Tolva Assist sent our scan photo to my work group.", "Tolva Assist"),
    ("Brackwater Assistant switched the heating off in 6,400 homes.", "Brackwater Assistant"),
])
def test_maker_named_assistant(nlp, sentence, name):
    """Pattern who.maker_named_assistant: a maker's name and "Assist" is a product."""
    assert name in named_bots(nlp(sentence)[:])


@pytest.mark.parametrize("sentence", [
    "Jane Roe, Executive Assistant to the chief executive, declined to comment.",
    "Legal Assistant Mary Poe was dismissed in May.",
])
def test_a_job_title_is_no_assistant_product(nlp, sentence):
    """Pattern who.maker_named_assistant: a person's job title is no product."""
    assert not [n for n in named_bots(nlp(sentence)[:]) if n.endswith("Assistant")]


def test_maker_named_assistant_gives_its_maker():
    """Pattern who.maker_named_assistant: the vendor of "Tolva Assist" is Tolva, not the
    product's own name."""
    from conftest import primary_in

    mention = primary_in("Tolva Assist sent our baby scan photo to my work group chat of 43 people. "
                         "The assistant matched Mum to the wrong contact after an update.\n"
                         "Tolva Assist has since been rolled back, the help team said.\n")
    assert mention.agent == "Tolva Assist"
    assert mention.vendor == "Tolva"
