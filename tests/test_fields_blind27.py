"""Field rules found on the blind27 set, with texts written for these tests: action cues
(action.payment_pushed_through, action.crypto_sent, action.crafted_input, action.addressed_to_ai,
a wider action.paid_twice and action.money_paid), a cost cue in the progressive ("sending
$9,000"), the maker as subject of a selling verb on a named bot
(who.subject_markets_named_bot), house pages (deployer.blog_then_org, deployer.repo_header,
deployer.domain_words, a link-aggregator title after its menu line), the writer's organisation
handing the agent a credential or owning what it harmed (deployer.our_harmed_thing), blame
attribution with "added" (blame.added_attribution), public-office spokespeople
(blame.public_office_role), a deployer blaming the product it bought
(vendor.product_we_bought) and quotations joined by "and that" (blame.quote_pair)."""

from __future__ import annotations

import pytest

from conftest import primary_in as _primary

from kb.nlp import action as act
from kb.nlp import blame as bl
from kb.nlp.blast_radius import cost_usd
from kb.nlp.deployer import _stem_name, house_org
from kb.nlp.pipeline import get_pipeline
from kb.nlp.segment import split_sentences


def _sentences(text):
    return split_sentences(get_pipeline(), text)


def _types(text):
    sentence = _sentences(text)[0]
    return {kind for kind, (points, _) in act.score_sentence(sentence.span).items() if points > 0}


@pytest.mark.parametrize("text, kind", [
    ("The billing bot pushed through $8,000 in vendor payments overnight.", "financial_loss"),
    ("The bot created duplicate vendor invoices payments for two suppliers.", "financial_loss"),
    ("The agent fired off duplicate supplier payments on Friday.", "financial_loss"),
    ("It kept retrying, sending roughly $12,000 out of the firm's account.", "financial_loss"),
    ("The wallet bot bridged 40 ETH to a dead address.", "financial_loss"),
    ("The helper acted on a crafted issue left in the tracker.", "compromised_agent"),
    ("Hidden in the page was text addressed to \"the AI assistant\" reading it.", "compromised_agent"),
])
def test_new_action_cues(text, kind):
    assert kind in _types(text)


@pytest.mark.parametrize("text, kind", [
    ("The agent pushed a config change to production.", "financial_loss"),     # a change, no payment
    ("The bot sent 40 emails to the wrong list.", "financial_loss"),           # no coin amount
    ("She crafted a careful reply to the customer.", "compromised_agent"),     # no crafted input
    ("The letter was addressed to the board of the firm.", "compromised_agent"),
])
def test_look_alikes_are_not_these_cues(text, kind):
    assert kind not in _types(text)


def test_pushed_change_stays_a_change():
    assert "unauthorized_change" in _types("The agent pushed a config change to production.")


def test_cost_with_progressive_sending_verb():
    found = cost_usd(_sentences("The bot kept sending $9,500 to a supplier that had been paid already."))
    assert found is not None and found[0] == 9500


def test_maker_as_subject_of_selling_a_named_bot():
    mention = _primary("Brightwell, a small Oslo startup, sells an autonomous bookkeeping agent called "
                       "Tally. Last week Tally wiped the ledger of a bakery chain.")
    assert mention.agent == "Tally"
    assert mention.vendor == "Brightwell"


def test_blog_masthead_names_the_org_after_the_kind():
    sentences = _sentences("# The day our deploy bot went rogue\n\n*Engineering blog · Corvid Metrics · "
                           "posted 3 March 2026 · by Ana Lind*\n\nWe handed an agent a deploy token.")
    assert house_org(sentences) == ("Corvid Metrics", "page")


def test_repo_header_names_the_project():
    sentences = _sentences("Skip to content\nmarlow-dev / marlow   Public\n\nThe coding agent leaked our "
                           ".env to a public gist.")
    assert house_org(sentences) == ("Marlow", "domain")


def test_link_title_after_the_menu_line():
    sentences = _sentences("Link Board  new | past | comments\n\nOur agent wiped prod with one command "
                           "(fernlabs.io)\n120 points by someone 3 hours ago")
    assert house_org(sentences) == ("Fern Labs", "domain")


@pytest.mark.parametrize("stem, name", [
    ("kelphealth", "Kelp Health"), ("acmelabs", "Acme Labs"), ("zorbit", "Zorbit"),
])
def test_domain_stem_split_before_a_business_word(stem, name):
    assert _stem_name(stem) == name


def test_blog_page_deployer_from_handing_the_agent_a_credential():
    text = ("# A rough Friday\n\n*Engineering blog · Corvid Metrics · posted 3 March 2026 · by Ana Lind*\n\n"
            "Codex merged its own pull request and broke the ingestion service for two hours. "
            "We handed an agent a deploy credential during a freeze.")
    assert _primary(text).deployer == "Corvid Metrics"


@pytest.mark.parametrize("text", [
    '"That one is on us," the company added.',
    'The firm added that its filter had failed.',
    'Doe added: "we got this wrong."',
])
def test_added_is_an_attribution(text):
    assert bl.ATTRIBUTION.search(text)


def test_added_without_speech_is_no_attribution():
    assert not bl.ATTRIBUTION.search("The agent added a workflow step to the repository.")


def test_public_office_role_speaks_for_the_county():
    sentences = _sentences('"This is a failure of the product we purchased," County Administrator '
                           'Ann Whitcombe said on Monday.')
    assert "Ann Whitcombe" in bl.spokespeople(sentences, {"marsh county"})


@pytest.mark.parametrize("text, kind", [
    ("This is a failure of the software we bought, the mayor said.", "vendor"),
    ("It was a flaw in the tool the city had licensed, she said.", "vendor"),
])
def test_product_we_bought_blames_the_vendor(text, kind):
    assert bl.classify(text) == kind


def test_vendor_statement_with_added_counts():
    text = ("A Cursor agent wiped the staging database of Quillon, a small startup. "
            "\"This one is on us,\" the company added.")
    mention = _primary(text)
    assert mention.blamed == "vendor"


def test_quotations_joined_by_and_that():
    text = ('The company said the loss was "caused by a setting the client changed," and that '
            'Ledgerly "worked as designed."')
    found = bl.ScoredStatement(speaker="the company", blamed="human", quote=text, start=0, end=len(text),
                               cue="worked as designed")
    assert bl.summary(found) == "caused by a setting the client changed and worked as designed"


def test_records_reentered_by_hand_are_lost():
    from kb.nlp.blast_radius import records_lost
    found = records_lost(_sentences("About 1,800 orders from that morning had to be re-entered by hand."))
    assert found is not None and found[0] == 1800


def test_organisation_confirming_the_incident_deployed_the_agent():
    text = ("A payments agent sold by Tillwise sent the same refunds twice at a Leeds furniture retailer. "
            "Oakridge Home Goods, which runs nine stores, confirmed the incident on Tuesday.")
    assert _primary(text).deployer == "Oakridge Home Goods"


def test_a_person_confirming_is_no_deployer():
    from kb.nlp.deployer import _confirmed_incident
    sentences = _sentences("Maria Lopez confirmed the incident on Tuesday after the agent deleted the files.")
    assert _confirmed_incident(sentences, set(), {s.index for s in sentences}) is None


def test_german_maker_in_inverted_order():
    from kb.nlp.foreign import screen
    text = ("Stadtwerke Uhlenbrook: KI-Agent löscht Kundendaten\n\n"
            "Ein KI-Agent namens „Fritzi“ hat bei den Stadtwerken Uhlenbrook die Kundendatenbank gelöscht. "
            "Entwickelt wurde Fritzi von der Kieler Firma Nordlicht Software. Die Stadtwerke sprechen von einem "
            "Fehler der Mitarbeiter.")
    analysis = screen(text, language="de")
    assert analysis.mentions and analysis.mentions[0].vendor == "Nordlicht Software"


def test_known_products_own_repo_is_no_deployer():
    sentences = _sentences("anthropics / claude-code   Public\n\nThe agent deleted our production database.")
    assert house_org(sentences) is None


def test_hours_of_degraded_service_are_an_outage():
    from kb.nlp.blast_radius import outage_hours
    found = outage_hours(_sentences("The change went out at noon. Roughly three and a half hours of "
                                    "degraded checkout followed."))
    assert found is not None and found[0] == 3.5


def test_hours_of_work_are_no_outage():
    from kb.nlp.blast_radius import OUTAGE_CUE
    assert not OUTAGE_CUE.search("The team spent three hours of overtime on the migration.")
