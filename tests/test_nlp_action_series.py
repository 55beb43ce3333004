"""Deed series, purpose infinitives and company remedies (kb.nlp.action).

Every sentence here is written for these tests; none is copied from the corpus.
"""

from kb.nlp import action as act
from kb.nlp.pipeline import get_pipeline
from kb.nlp.segment import split_sentences


def clauses(text, family=()):
    """Harm clauses of the first sentence of ``text``, best first."""
    sentence = split_sentences(get_pipeline(), text)[0]
    found = act.harm_clauses(sentence.span, set(family), act._key_floor(sentence))
    return sorted(found, key=lambda c: -c.score)


def test_deed_series_keeps_the_whole_list():
    # pattern action.deed_series
    clause = clauses("The agent mapped the office network, wrote a phishing page and stole "
                     "passwords.")[0]
    assert clause.kind == "data_exposure"
    assert clause.phrase.startswith("mapped the office network, wrote a phishing page")
    assert clause.phrase.endswith("stole passwords")
    assert clause.target == "passwords"


def test_deed_series_skips_a_reporting_first_verb():
    clause = clauses("The assistant lost its instructions and deleted the shared calendar.")[0]
    assert clause.phrase.startswith("deleted the shared calendar")


def test_deed_series_needs_an_object_on_the_first_verb():
    clause = clauses("The agent panicked and deleted the staging database.")[0]
    assert clause.phrase.startswith("deleted the staging database")


def test_purpose_infinitive_of_a_use_verb_is_no_deed():
    # pattern action.purpose_infinitive
    used = clauses("The clinic used the bot to send appointment reminders to patients.")
    deed = clauses("The bot sent appointment reminders to the wrong patients.")
    assert max(c.score for c in used) < 1.0 <= deed[0].score


def test_company_remedy_scores_low():
    # pattern action.company_remedy
    remedy = clauses("The company suspended the account of the caller.")
    deed = clauses("The chatbot suspended the accounts of 300 customers.")
    assert max(c.score for c in remedy) < 1.0 <= deed[0].score


def test_harvest_is_a_leak_verb():
    clause = clauses("The agent harvested API keys from the build server.")[0]
    assert clause.kind == "data_exposure"
    assert clause.target == "API keys"


def test_anaphoric_restatement_yields_to_the_earlier_full_telling():
    # pattern action.anaphoric_restatement
    from kb.nlp.segment import split_sentences as split
    text = ("On Monday the cleanup agent deleted 9 Redis queues in our billing cluster. "
            "Nobody noticed for an hour.\n\n## Timeline\n\nAt 03:10 the agent deleted the queues.")
    sentences = split(get_pipeline(), text)
    chosen, sentence = act.best_clause(sentences, set(), "delete_data",
                                       weights={s.index: 1.0 for s in sentences})
    assert chosen.phrase.startswith("deleted 9 Redis queues in billing cluster")
