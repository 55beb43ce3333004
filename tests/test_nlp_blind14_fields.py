"""Field rules found on the blind14 and blind15 sets, with sentences written for these tests:
blame cues (third_party.outside_supplier, vendor.technical_error_owned, vendor.weakness_in_agent,
human.outside_intended_use, human.owner_controls_setting, third_party.web_sources_repeated),
action cues (action.unauthorised_commitment, action.offer_not_honoured, action.in_the_red,
action.gave_away_stock, action.discarding_git_command, action.work_gone), the eponymous product
(who.eponymous_product), context-bound product names (who.context_bound), a masthead publication
(deployer.masthead_publication), a bot licensed from an outside maker
(who.licensed_from_outside) and a person's account cut off (occurred.account_cut_off)."""

from __future__ import annotations

import pytest

from conftest import primary_in as _primary

from kb.nlp import action as act
from kb.nlp.blame import classify
from kb.nlp.deployer import MASTHEAD_NEWS
from kb.nlp.gazetteer import sole_agent_of
from kb.nlp.occurred import occurred
from kb.nlp.pipeline import get_pipeline
from kb.nlp.segment import split_sentences


def _types(text):
    sentence = split_sentences(get_pipeline(), text)[0]
    return {kind for kind, (points, _) in act.score_sentence(sentence.span).items() if points > 0}


@pytest.mark.parametrize("sentence, kind", [
    ("The firm said the widget was a product bought from an external software supplier.", "third_party"),
    ("We are aware of a technical issue that affected some accounts, a spokesperson said.", "vendor"),
    ("She said the mistakes were weaknesses in the model that the lab must fix.", "vendor"),
    ("The maker said the model was never meant to be a consumer product.", "human"),
    ("The company said account owners control sharing for every meeting.", "human"),
    ("It is not an error, the executive said: several sites online report the figure.", "third_party"),
])
def test_new_blame_cues(sentence, kind):
    assert classify(sentence) == kind


@pytest.mark.parametrize("sentence", [
    "The outage came from a flaw in the Model Context Protocol server.",  # a named server, not the agent
    "The firm said it bought the widget from a supplier in Ohio.",          # no outside maker
    "The model was meant to be a consumer product from the start.",         # no disclaimer
    "Most users never look at the sharing settings.",                       # no control stated
])
def test_look_alikes_are_not_these_cues(sentence):
    assert classify(sentence) is None


@pytest.mark.parametrize("text, kind", [
    ("The chat tool made commitments it was not authorized to make.", "fabrication"),
    ("A clerk later said the bot's offer was not valid.", "fabrication"),
    ("After three weeks the shop was $900 in the red.", "financial_loss"),
    ("The bot had given away nearly all its stock by Friday.", "financial_loss"),
    ("The agent ran git reset --hard in the main checkout.", "delete_data"),
    ("Two days of changes were gone after the command ran.", "delete_data"),
])
def test_new_action_cues(text, kind):
    assert kind in _types(text)


@pytest.mark.parametrize("text, kind", [
    ("The team finished the quarter well out of the red.", "financial_loss"),   # no money lost
    ("The offer was valid until Friday.", "fabrication"),
    ("The agent ran git status and git log.", "delete_data"),
])
def test_action_look_alikes(text, kind):
    assert kind not in _types(text)


def test_eponymous_product_is_what_a_company_name_means():
    assert sole_agent_of("Perplexity") == "Perplexity"
    assert sole_agent_of("Amazon") is None   # several products, none named after the company


@pytest.mark.parametrize("line, name", [
    ("QUILL & INK — a blog about courts and code", "QUILL & INK"),
    ("Zentrix Weekly | the newsletter for platform teams", "Zentrix Weekly"),
])
def test_masthead_names_the_publication(line, name):
    assert MASTHEAD_NEWS.search(line).group(1) == name


def test_masthead_look_alike_is_not_a_publication():
    assert MASTHEAD_NEWS.search("Acme — a company that sells boilers") is None


def test_bare_model_name_counts_only_beside_its_maker():
    with_maker = _primary("Google pulled Gemma from its developer studio. Gemma had invented a "
                          "story about a senator, and Gemma was asked again the next day.")
    assert with_maker.agent == "Gemma" and with_maker.vendor == "Google"
    no_maker = _primary("Gemma, a nurse in Leeds, said the Acme chatbot deleted her notes.")
    assert no_maker.agent != "Gemma"


def test_bot_licensed_from_outside_is_run_by_the_named_company():
    text = ("Brightside Boilers said its web chat made a promise it could not keep. "
            "Brightside Boilers said the chat was a tool licensed from an outside software vendor. "
            "A customer said Brightside Boilers owed him the refund.")
    mention = _primary(text)
    assert mention.deployer == "Brightside Boilers" and mention.vendor is None


def test_company_bot_without_outside_maker_stays_its_own():
    text = ("Brightside Boilers said its web chat made a promise it could not keep. "
            "A customer said Brightside Boilers owed him the refund.")
    assert _primary(text).vendor == "Brightside Boilers"


def test_account_cut_off_dates_the_incident(nlp):
    text = ("May 4, 2024\n\nA courier said the face check failed. He was deactivated in 2022 "
            "after the checks failed. The case settled this week.")
    sentences = split_sentences(nlp, text)
    incident = {s.index for s in sentences if "check" in s.text}
    assert occurred(sentences, incident, "2024-05-04")[0] == "2022"


def test_background_year_without_cut_off_is_not_the_date(nlp):
    text = ("May 4, 2024\n\nA courier said the face check failed this spring. He joined the "
            "platform in 2019. The case settled this week.")
    sentences = split_sentences(nlp, text)
    incident = {s.index for s in sentences if "check" in s.text}
    assert occurred(sentences, incident, "2024-05-04")[0] != "2019"


def test_short_name_with_article_takes_the_long_form():
    from kb.nlp.deployer import _long_form
    text = "The Daily Harbour Courier ran the kiosk. Staff at the Courier said the bot gave stock away."
    assert _long_form("Courier", text) == "The Daily Harbour Courier"
    # no article before the short name, or no longer form: the name stays as written
    assert _long_form("Courier", "Courier said The Daily Harbour Courier is a paper.") == "Courier"
    assert _long_form("Courier", "Staff at the Courier said so. When Courier ran it, it broke.") == "Courier"
