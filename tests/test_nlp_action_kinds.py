"""Action-type patterns for harm outside the data and code vocabulary (kb.nlp.action): physical
harm by a machine, abuse of the person told, a hijacked or misused agent, exposure of
recordings and search-indexed chats, deletions that did not happen, time spent.

Every sentence here is written for these tests; none is copied from the corpus.
"""

import pytest

from kb.nlp import action as act
from kb.nlp.pipeline import get_pipeline
from kb.nlp.segment import split_sentences


def scores(text):
    """Action-type scores of the first sentence of ``text``: {type: score}."""
    sentence = split_sentences(get_pipeline(), text)[0]
    return {kind: points for kind, (points, _) in act.score_sentence(sentence.span).items()}


def clauses(text, family=()):
    sentence = split_sentences(get_pipeline(), text)[0]
    return sorted(act.harm_clauses(sentence.span, set(family), act._key_floor(sentence)),
                  key=lambda c: -c.score)


def test_vehicle_that_struck_a_person_is_other():
    found = scores("The driverless shuttle struck a cyclist at a crossing in Lyon last spring.")
    assert found.get("other", 0) >= 1
    assert "unauthorized_change" not in found


def test_phantom_braking_is_other():
    assert scores("My sedan braked hard on an empty motorway twice this week.").get("other", 0) >= 1


def test_software_crash_is_not_physical_harm():
    # look-alike: a program that crashed hurt no one
    assert "other" not in scores("The build server crashed after the agent ran the migration.")


def test_told_to_die_is_other():
    assert scores("The tutor bot told the pupil to go die and stop asking.").get("other", 0) >= 1


def test_question_about_dying_is_not_abuse():
    assert "other" not in scores('She kept asking herself, "am I going to die?"')


def test_abusive_claim_is_other_not_fabrication():
    clause = clauses("The chatbot told the reporter that he was a threat to its safety.")[0]
    assert clause.kind == "other"


def test_false_claim_stays_fabrication():
    # look-alike: a claim that misleads, not one that abuses
    clause = clauses("The chatbot told the traveller that he could claim a refund later.")[0]
    assert clause.kind == "fabrication"


def test_misidentified_object_is_other():
    found = scores("The camera system flagged a boy's umbrella as a possible weapon.")
    assert found.get("other", 0) >= 1


def test_attackers_used_agent_is_compromised():
    found = scores("Criminals used the coding assistant, a popular tool, to steal payroll files.")
    assert found.get("compromised_agent", 0) >= 1


def test_attackers_using_phishing_is_not_compromised():
    # look-alike: attackers using their own means, with no deed run through a tool
    assert "compromised_agent" not in scores("Attackers used phishing emails last year.")


def test_talked_into_a_deal_is_compromised():
    assert scores("A visitor talked the sales bot into a one-euro contract.").get("compromised_agent", 0) >= 1


def test_chats_in_search_results_are_exposure():
    found = scores("Hundreds of shared tutoring chats were turning up in Bing search results.")
    assert found.get("data_exposure", 0) >= 1


def test_recorded_conversation_sent_is_exposure():
    found = scores("The smart speaker recorded the couple talking and emailed the recordings to a neighbour.")
    assert found.get("data_exposure", 0) >= 1


def test_salary_sheet_sent_is_exposure():
    assert scores("The assistant sent everyone's salaries to the whole firm.").get("data_exposure", 0) >= 1


def test_negated_purge_is_no_deletion():
    assert "delete_data" not in scores("The old index wasn't purged, so the bot still answered from it.")
    assert "delete_data" not in scores("The hosts need to remove those files too.")


def test_asserted_purge_is_deletion():
    # look-alike: the same verb, asserted
    assert scores("The agent purged the old index files.").get("delete_data", 0) >= 2


def test_time_spent_is_no_financial_loss():
    found = clauses("The bot spent hours posting slogans into replies.", family=())
    assert found and all(c.kind != "financial_loss" for c in found)


def test_money_spent_is_financial_loss():
    found = clauses("The agent spent $9,000 on cloud credits overnight.")
    assert any(c.kind == "financial_loss" for c in found)


def test_false_headline_is_fabrication():
    assert scores("The summary feature produced a false headline about a minister.").get("fabrication", 0) >= 1


def test_false_warning_is_not_fabrication_cue():
    # look-alike: a false alarm of a machine is no invented claim
    assert "fabrication" not in scores("The car gave a false warning on the bridge.")


@pytest.mark.parametrize("sentence, kind", [
    ("The assistant emailed the payroll spreadsheet to every supplier on the list.", "data_exposure"),
    ("The bot attached the patients' records to a reply sent to the whole ward.", "data_exposure"),
    ("The IT agent disabled 300 staff accounts during a clean-up.", "unauthorized_change"),
    ("The support agent refunded 2,000 orders in one weekend.", "financial_loss"),
])
def test_verbs_of_sending_locking_and_refunding_are_typed_by_their_object(sentence, kind):
    assert clauses(sentence)[0].kind == kind


# --- action types of new writers' reports (patterns named in action_cues.jsonl) -------------

def test_force_push_over_history_is_deletion():
    # action.history_overwritten; action.force_push_change keeps a plain force-push a change
    found = scores("The bot force-pushed over the release branch and took a week of commits with it.")
    assert found.get("delete_data", 0) >= 1 and "unauthorized_change" not in found
    assert "delete_data" not in scores("The helper force-pushed a fixup to the review branch.")


def test_work_that_vanished_is_deletion():
    # action.work_gone, "vanished"
    assert scores("Every contact the club had collected vanished within a minute.").get("delete_data", 0) >= 1


def test_agent_choosing_delete_is_deletion():
    # action.chose_delete
    assert scores('The browser helper ticked every row and clicked "Delete".').get("delete_data", 0) >= 1


def test_objects_in_a_bucket_are_data():
    # action.hosted_data: objects stored in a bucket are data, not the bucket itself
    found = scores("The agent deleted all objects in the media bucket.")
    assert found.get("delete_data", 0) >= 2 and "destroy_infrastructure" not in found


def test_mail_to_the_wrong_list_is_exposure():
    # action.mailed_to_wrong_list
    assert scores("The invoice file was emailed on Monday to a parents' mailing list.").get("data_exposure", 0) >= 1
    assert scores("A grade sheet was sent to hundreds of students by the helper.").get("data_exposure", 0) >= 1
    assert "data_exposure" not in scores("The newsletter went to subscribers as usual.")


def test_accounts_disabled_is_a_change():
    # action.accounts_disabled
    assert scores("The script disabled about 900 active staff accounts overnight.").get("unauthorized_change", 0) >= 1


def test_money_paid_and_sprees_are_losses():
    # action.money_paid, action.spree
    assert scores("The payables bot paid $48,200 to a lookalike supplier.").get("financial_loss", 0) >= 1
    assert scores("A buying spree left the bakery with flour for a year.").get("financial_loss", 0) >= 1
    assert scores("Overnight the assistant booked three non-refundable hotel rooms.").get("financial_loss", 0) >= 1
    assert scores("The planner bot reserved 600 room nights for a 40-person offsite.").get("financial_loss", 0) >= 1
    # a person who sets out to book is no loss
    assert "financial_loss" not in scores("She opened the site to book flights home.")


def test_supply_chain_needs_an_attack():
    # action.supply_chain_attack: a section name is no hijack
    assert "compromised_agent" not in scores("Supply chain news for restaurant buyers.")
    assert scores("A supply-chain attack slipped a wiper prompt into the extension.").get("compromised_agent", 0) >= 1


# --- famous kinds of incident, told by other outlets (blind20, blind21) --------------------

@pytest.mark.parametrize("sentence, kind", [
    # action.wrong_answer, action.advice_followed: harmful advice given and followed
    ("The reply that came back was polite and, as it later turned out, wrong.", "fabrication"),
    ("She followed the chatbot's instructions and missed the claim window.", "fabrication"),
    # action.wrongful_debt
    ("Some 30,000 fines were issued wrongly by the parking system.", "fabrication"),
    ("Many of the overpayments it flagged were never real.", "fabrication"),
    # action.invented_offer
    ("We have never run such a promotion, yet the agent kept quoting it.", "fabrication"),
    # action.overwrite_loss
    ("Each copy overwrote the file before it, so only the last survived.", "delete_data"),
    # action.hidden_instruction, action.new_objective
    ("The listing carried a note in text the same colour as the background, telling bots to fill in a form.",
     "compromised_agent"),
    ("Hidden text in a supplier memo steered the payables bot to a new account.", "compromised_agent"),
    ("The invoice carried white text on a white background for the payables bot.",
     "compromised_agent"),
    ("A visitor told the widget that its new objective was to agree with every customer.",
     "compromised_agent"),
    # action.refunds_given, action.trade_loss
    ("Over the holiday the helper approved refunds on roughly 900 orders.", "financial_loss"),
    ("By the close the fund was down about $310,000 on the single trade.", "financial_loss"),
    # action.sent_to_wrong_people
    ("Payslips for the whole depot went to the wrong people in a batch of replies.", "data_exposure"),
    # action.paid_twice, action.machines_isolated, action.instructions_hidden_in
    ("The payables bot paid some 900 haulier bills twice over three days.", "financial_loss"),
    ("Two batches of duplicate payments left the account before anyone looked.", "financial_loss"),
    ("The security tool isolated about 1,200 school laptops from the network.", "unauthorized_change"),
    ("The helper obeyed instructions buried in a shared spreadsheet.", "compromised_agent"),
    # action.posts_removed, action.price_error, action.home_setting_changed
    ("Over two days the filter removed roughly 9,000 posts from a grief forum.", "delete_data"),
    ("The repricing bot cut the price of its garden sofas to 4 euros overnight.", "financial_loss"),
    ("The assistant switched the heating to frost mode while families were at home.", "unauthorized_change"),
    # action.false_claims_added, action.sent_to_group_chat, action.wrong_destination_booked,
    # action.colleagues_records_shown
    ("The writing tool added false claims such as 'waterproof' to forty product pages.", "fabrication"),
    ("The assistant sent his holiday photo to the whole team chat by mistake.", "data_exposure"),
    ("The travel bot booked two seats to Perth, Scotland instead of Perth, Australia.", "financial_loss"),
    ("The HR helper answered with a sheet of colleagues' names and salaries.", "data_exposure"),
])
def test_famous_kinds_are_typed(sentence, kind):
    assert scores(sentence).get(kind, 0) >= 1


def test_debt_wiped_is_no_deletion():
    # action.debt_wiped: relief granted, not data lost
    assert "delete_data" not in scores("In the settlement most of the debts were wiped or refunded.")
    assert "delete_data" in scores("The agent wiped the debts table in production.")


def test_following_an_injected_instruction_is_no_advice_followed():
    assert "fabrication" not in scores("The agent followed the instructions hidden in the issue.")


def test_hidden_instructions_in_a_test_suite_are_no_hijack_cue():
    # action.hidden_instruction needs the concealment told, not the attack class named
    assert "compromised_agent" not in scores("The firm ran 120 test cases with hidden instructions on pages.")
