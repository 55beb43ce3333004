"""The target as reported: post-modifiers that place the thing, and a claim's addressee
(kb.nlp.target.full_target, kb.nlp.target.addressee).

Every sentence here is written for these tests; none is copied from the corpus.
"""

from kb.nlp import action as act
from kb.nlp.pipeline import get_pipeline
from kb.nlp.segment import split_sentences


def best(text):
    sentence = split_sentences(get_pipeline(), text)[0]
    found = act.harm_clauses(sentence.span, set(), act._key_floor(sentence))
    assert found, f"no harm clause in {text!r}"
    return max(found, key=lambda c: c.score)


def test_relative_clause_scope_names_whom_the_thing_was_for():
    # pattern target.relative_scope
    clause = best("The assistant fabricated a memo it drafted for the Ministry of Coastal Fisheries.")
    assert clause.target == "memo for the Ministry of Coastal Fisheries"


def test_relative_clause_without_a_for_scope_adds_nothing():
    clause = best("The assistant fabricated a memo it drafted last spring.")
    assert clause.target == "memo"


def test_place_hung_on_the_verb_stays_with_the_object():
    # pattern target.adjacent_place: the parser may hang "in ..." on the verb
    clause = best("The cleanup agent deleted the invoices in the shared archive folder.")
    assert clause.target is not None and clause.target.startswith("invoices")
    assert "archive folder" in clause.target


def test_a_time_after_the_object_is_no_place():
    clause = best("The cleanup agent deleted the invoices in seconds.")
    assert clause.target == "invoices"


def test_full_target_leaves_the_action_phrase_alone():
    clause = best("The assistant fabricated a memo it drafted for the Ministry of Coastal Fisheries.")
    assert clause.core_target == "memo"
    assert "Ministry" not in clause.phrase.split(" it drafted")[0]


def test_claim_targets_the_people_it_told():
    # pattern target.addressee
    clause = best("The support bot told three pensioners they could withdraw their savings tax-free.")
    assert clause.claim
    assert clause.target == "three pensioners"


def test_claim_to_a_pronoun_names_no_target():
    clause = best("The chatbot told her she could cancel the booking for free within 30 days.")
    assert clause.target is None
