"""The action phrase, its type and its target (kb.nlp.action, kb.nlp.target).

Every sentence here is written for these tests; none is copied from the corpus.
"""

import pytest

from kb.nlp import action as act
from kb.nlp.pipeline import analyze_text, get_pipeline
from kb.nlp.segment import split_sentences
from kb.nlp.phrase import past_tense


def clauses(text, family=()):
    """Harm clauses of the first sentence of ``text``, best first."""
    sentence = split_sentences(get_pipeline(), text)[0]
    found = act.harm_clauses(sentence.span, set(family), act._key_floor(sentence))
    return sorted(found, key=lambda c: -c.score)


def best(text, family=()):
    found = clauses(text, family)
    assert found, f"no harm clause in {text!r}"
    return found[0]


def test_agent_subject_and_direct_object():
    clause = best("The AI agent deleted the production database during a code freeze.")
    assert clause.kind == "delete_data"
    assert clause.rule == "action.verb_object"
    assert clause.phrase.startswith("deleted the production database during a code freeze")
    assert clause.target == "production database"
    assert clause.score >= 2


def test_headline_present_tense_becomes_past():
    clause = best("Coding assistant wipes a designer's entire D: drive")
    assert clause.phrase.startswith("wiped")
    assert "D: drive" in clause.target


def test_known_agent_scores_above_a_generic_one():
    named = best("Kiro deleted the staging environment.", family={"Kiro"})
    generic = best("The bot deleted the staging environment.")
    assert named.score > generic.score
    assert named.kind == "destroy_infrastructure"


@pytest.mark.parametrize("sentence", [
    "The agent could delete your files if you let it.",
    "The assistant did not delete the repository.",
    "The developer asked the agent to delete the old cache.",
])
def test_hedged_or_requested_actions_score_low(sentence):
    assert max(c.score for c in clauses(sentence)) < 1.0


def test_a_person_doing_the_harm_scores_low():
    assert best("The engineer deleted the staging database.").score < 1.0


def test_contrast_clause_is_not_the_deed():
    found = clauses("Instead of archiving the old logs, the assistant purged the whole log bucket.")
    top = found[0]
    assert top.verb.lemma_ == "purge"
    assert top.target == "whole log bucket"


def test_passive_is_made_active():
    clause = best("Thousands of customer records were deleted by the chatbot.")
    assert clause.rule == "action.passive_object"
    assert clause.phrase.startswith("deleted")
    assert "customer records" in clause.phrase
    assert "customer records" in clause.target


def test_instrument_clause_keeps_the_agent_verb():
    clause = best("The bot ran a script that erased the backup volume.")
    assert clause.rule == "action.instrument_clause"
    assert clause.phrase.startswith("ran a script that erased the backup volume")
    assert clause.target == "backup volume"


def test_destructive_command_targets_where_it_ran():
    clause = best("The agent ran terraform destroy on the staging cluster.")
    assert clause.kind == "destroy_infrastructure"
    assert clause.command
    assert clause.target == "staging cluster"


def test_harmless_command_is_not_an_action():
    assert not [c for c in clauses("The agent ran the unit tests on the laptop.") if c.command]


def test_money_sent_is_financial_loss():
    clause = best("The trading bot sent its whole balance of 3 million tokens to a stranger.")
    assert clause.kind == "financial_loss"
    assert clause.phrase.startswith("sent its whole balance")


def test_money_spent_targets_what_it_was_spent_on():
    clause = best("The agents spent about $12,000 in cloud API fees over a weekend.")
    assert clause.kind == "financial_loss"
    assert clause.target == "cloud API fees"


def test_manipulated_agent_is_compromised():
    clause = best("A prankster convinced the chatbot to agree to sell a pickup truck for one dollar.")
    assert clause.kind == "compromised_agent"
    assert clause.rule == "action.agent_manipulated"
    assert clause.phrase.startswith("agreed to sell")


def test_false_information_is_fabrication_but_plain_information_is_not():
    assert best("The assistant gave incorrect refund information to a customer.").kind == "fabrication"
    assert not clauses("The assistant gave refund information to a customer.")


def test_decided_to_is_kept():
    clause = best("The agent decided to delete and recreate the test environment.")
    assert clause.phrase.startswith("decided to delete and recreate the test environment")
    assert clause.kind == "destroy_infrastructure"


def test_hyphenated_verb_keeps_its_prefix():
    clause = best("The agent began mass-deleting her emails in what she called a speed run.")
    assert clause.phrase == "mass-deleted emails"  # the victim's "her" is dropped
    clause = best("The bot blind-copied every outgoing email to an outside address.")
    assert clause.kind == "data_exposure"
    assert clause.subject.lower_ == "bot"
    assert clause.phrase.startswith("blind-copied every outgoing email")


def test_conjoined_verbs_share_the_past_tense():
    clause = best("The agent deletes the repository and lies about it.")
    assert clause.phrase.startswith("deleted the repository and lied about it")


@pytest.mark.parametrize("verb, past", [("deletes", "deleted"), ("wiping", "wiped"),
                                         ("sends", "sent"), ("drops", "dropped"),
                                         ("copies", "copied"), ("runs", "ran")])
def test_past_tense(verb, past):
    doc = get_pipeline()(f"It {verb} things.")
    assert past_tense(doc[1]) == past


def test_nominal_action_from_a_harm_noun():
    doc = get_pipeline()("the earlier drive deletion")
    assert act.nominal_action(doc[3]) == ("deleted a drive", "drive")
    doc = get_pipeline()("the customer data deletion")
    assert act.nominal_action(doc[3]) == ("deleted customer data", "customer data")


def test_best_clause_prefers_the_narrative_over_background():
    text = ("# What happened\n\nThe support bot invented a refund policy for annual plans.\n\n"
            "# Similar incidents\n\nAnother assistant deleted a production database last year.\n")
    sentences = split_sentences(get_pipeline(), text)
    clause, sentence = act.best_clause(sentences, set(), "fabrication")
    assert clause.verb.lemma_ == "invent"
    assert "refund policy" in clause.target


def test_pipeline_sets_action_and_target_with_evidence():
    text = ("Coding agent erases a startup's customer database\n\n"
            "A coding agent from Replit erased the customer database of a small startup on Friday, "
            "the founder said. The agent ignored a code freeze and then told the team that the "
            "data could not be restored. The company said the outage lasted six hours and that "
            "it had added safeguards.\n")
    analysis = analyze_text(text, published="2025-03-01", language="en")
    primary = analysis.mentions[0]
    assert primary.action_type == "delete_data"
    assert primary.action.startswith("erased")
    assert "customer database" in primary.target
    rules = {e.field: e.rule for e in primary.evidence}
    assert rules["action"].startswith("action.")
    assert rules["target"] == "target.object"
    assert all(0 < e.confidence <= 1 for e in primary.evidence)


def test_comma_inside_quotes_still_ends_the_phrase():
    clause = best('The assistant published the payroll records to a public wiki as a "draft page," '
                  'copying the layout it had used for older reports.')
    assert clause.phrase == "published the payroll records to a public wiki as a draft page"


def test_while_clause_of_the_task_is_dropped():
    clause = best("The bot erased the billing table and its snapshots while tidying a test schema.")
    assert clause.phrase == "erased the billing table and its snapshots"
    assert clause.target.startswith("billing table")


def test_fronted_instead_of_clause_is_kept_in_the_phrase():
    clause = best("Instead of archiving the stale branches, the assistant deleted the whole repository.")
    assert clause.phrase == "deleted the whole repository instead of archiving the stale branches"
    assert clause.target == "whole repository"


def test_contrast_that_holds_the_harm_verb_is_not_the_deed():
    found = clauses("Instead of letting the bot purge the audit logs, the admin archived them.")
    assert all(c.score < 1.0 for c in found)


def test_non_harmful_ing_clause_is_trimmed_but_a_harmful_one_is_kept():
    clause = best("The agents spent about $9,000 in cloud fees while producing no useful result.")
    assert clause.phrase == "spent about $9,000 in cloud fees"
    clause = best("The bot spent $3,000 of store credit while producing fake refund receipts.")
    assert "fake refund receipts" in clause.phrase


def test_passive_hung_on_be_is_made_active():
    clause = best("Every invoice sent through the plugin was blind-copied to an outside address.")
    assert clause.rule == "action.passive_object"
    assert clause.phrase == "blind-copied invoice sent through plugin to an outside address"
    assert clause.target == "invoice sent through plugin"


def test_pronoun_subject_passive_scores_low():
    assert max(c.score for c in clauses("They were all deleted within minutes.")) < 0.5


def test_capability_infinitive_is_not_the_deed():
    assert max(c.score for c in clauses("The plugin gave every agent the ability to send email.")) < 0.5


def test_injected_instruction_to_the_agent_is_a_hijack():
    clause = best("A hidden prompt in the pull request told the assistant to erase the build servers.")
    assert clause.rule == "action.injected_instruction"
    assert clause.kind == "compromised_agent"
    assert clause.phrase == "told the assistant to erase the build servers"
    assert clause.target == "build servers"
    # without a mark of injection, a person's instruction stays a hedged request
    plain = clauses("The manager told the assistant to erase the build servers.")
    assert all(c.rule != "action.injected_instruction" and c.score < 1.0 for c in plain)


def test_scare_quoted_verb_after_to():
    # the parser hangs the quoted verbs on the noun ("amod" of "environment")
    clause = best("Nimbus Bot caused an outage after autonomously deciding to “delete and recreate” "
                  "a billing environment.")
    assert clause.rule == "action.quoted_verb"
    assert clause.kind == "destroy_infrastructure"
    assert clause.phrase == "autonomously decided to delete and recreate a billing environment"
    assert clause.target == "billing environment"
    # parsed as verbs, the same phrase comes from the ordinary pattern
    clause = best('The bot went rogue after deciding to "wipe and rebuild" the staging cluster.')
    assert clause.phrase == "decided to wipe and rebuild the staging cluster"


def test_vendor_models_belong_to_the_incident_family():
    from kb.nlp.actors import incident_family
    assert "Claude" in incident_family("Claude Code", "Anthropic")
    assert "Claude" not in incident_family("Codex", "OpenAI")


def test_named_bot_subject_is_the_agent():
    named = best('Without checking, the support bot "Quill" fabricated an entirely fictional refund rule.')
    assert named.score >= 2
    assert named.target == "fictional refund rule"  # the intensifier is not part of the name


def test_target_keeps_a_short_reduced_relative():
    assert best("The bot deleted the photos uploaded by customers.").target == \
        "photos uploaded by customers"
    # a long one is left out
    clause = best("Every invoice sent by the billing team was blind-copied to an outside address.")
    assert clause.target == "invoice"


def test_victim_possessives_leave_the_phrase_but_its_stays():
    assert best("The assistant wiped our staging database.").phrase == "wiped staging database"
    assert best("The trading bot sent its whole balance of 3 million tokens to a stranger."
                ).phrase.startswith("sent its whole balance")


def test_a_policy_that_did_not_exist_is_a_fabrication():
    clause = best("The support bot told a passenger he could claim a refund after booking, a policy "
                  "that did not exist.")
    assert clause.kind == "fabrication"
    assert clause.phrase.startswith("told a passenger he could claim a refund after booking")
    assert not clause.phrase.endswith("that")


def test_a_remedy_an_authority_imposes_is_not_a_deed():
    assert clauses("The tribunal ordered the airline to pay the passenger $812 in damages.") == []
    # the same verb ordered by someone else is still the agent's action
    assert best("The prompt told the agent to transfer $5,000 to the attacker's wallet.")


# --- news verbs and clause choice (lemma repair, unasked relatives, remedies, claims, giveaways)

def test_irregular_past_the_lemmatizer_missed_is_repaired():
    clause = best("Yesterday the assistant rewrote the deployment settings of the shop.")
    assert clause.kind == "unauthorized_change"
    assert clause.phrase.startswith("rewrote the deployment settings")


def test_unasked_relative_clause_stays_in_the_phrase():
    clause = best("The bot also rewrote the billing module's retry settings, which it had not "
                  "been asked to change, and restarted the queue.")
    assert clause.kind == "unauthorized_change"
    assert "which it had not been asked to change" in clause.phrase
    assert clause.target == "billing module's retry settings"


def test_an_ordinary_relative_clause_still_ends_the_phrase():
    clause = best("The bot rewrote the retry settings, which were stored in a shared file.")
    assert "stored" not in clause.phrase


def test_remedy_imposed_in_a_headline_passive_is_not_the_deed():
    found = clauses("Lakeside Rail ordered to pay traveller who relied on its chatbot's answer")
    assert not any(c.verb.lemma_ == "pay" for c in found)
    found = clauses("Lakeside Rail was ordered to pay the traveller $400.")
    assert not any(c.verb.lemma_ == "pay" for c in found)


def test_an_agent_paying_is_still_a_deed():
    clause = best("The finance agent paid the same supplier invoice three times.")
    assert clause.kind == "financial_loss"


def test_claim_told_to_a_customer_is_weak_fabrication_without_target():
    clause = best("The chatbot told her she could cancel the booking for free within 30 days.")
    assert clause.kind == "fabrication"
    assert clause.phrase.startswith("told her she could cancel the booking")
    assert clause.target is None
    assert clause.score < best("The chatbot invented a free cancellation rule.").score


def test_telling_without_a_claim_is_not_harm():
    assert not clauses("The chatbot told the customer a joke.")


def test_giveaway_objects_are_financial_loss():
    assert best("The shop's assistant generated a single-use code worth 60% off for a shopper.").kind \
        == "financial_loss"
    assert best("The support bot issued refunds to forty customers.").kind == "financial_loss"
    assert best("The bot handed out discount codes all weekend.").kind == "financial_loss"


def test_information_about_a_giveaway_is_not_one():
    assert best("The bot gave wrong refund information to a customer.").kind == "fabrication"


def second_clauses(text):
    """Harm clauses of the second sentence of ``text``."""
    sentence = split_sentences(get_pipeline(), text)[1]
    return act.harm_clauses(sentence.span, set(), act._key_floor(sentence))


def test_instruction_from_planted_text_is_a_hijack():
    found = second_clauses("The hidden text was part of the update. It told the assistant to erase "
                           "every file in the home folder.")
    assert any(c.kind == "compromised_agent" and c.rule == "action.injected_instruction" for c in found)


def test_instruction_from_a_person_is_not_a_hijack():
    found = second_clauses("The update shipped on Monday. It told the assistant to erase every file.")
    assert not any(c.rule == "action.injected_instruction" for c in found)


def test_person_owner_is_not_part_of_the_target():
    clause = best("The agent deleted the production database of founder Maria Lopez.")
    assert clause.target == "production database"


def test_command_without_a_place_borrows_the_target_of_the_same_deed():
    sentences = split_sentences(get_pipeline(), "The agent ran terraform destroy on Friday.\n"
                                "Within minutes the agent tore down the staging cluster.")
    clause, _ = act.best_clause(sentences, set(), "destroy_infrastructure", {0: 3.0})
    assert clause.phrase.startswith("ran terraform destroy")
    assert clause.target == "staging cluster"


def test_an_amount_borrows_the_target_of_the_same_deed():
    sentences = split_sentences(get_pipeline(), "The wallet agent sent 40 ETH to a stranger.\n"
                                "The agent had transferred the club's reserve fund.")
    clause, _ = act.best_clause(sentences, set(), "financial_loss", {0: 3.0})
    assert clause.phrase.startswith("sent 40 ETH")
    assert clause.target == "club's reserve fund"


# --- choosing the incident's deed among several harm clauses ---------------------------------

from kb.nlp.target import loss_follows, target_of  # noqa: E402


def doc_of(text):
    return get_pipeline()(text)


def test_another_agent_named_as_subject_is_another_incident():
    text = "In March, Cursor deleted a folder of invoices while refactoring a billing module."
    own = best(text, family={"Anysphere", "Cursor"})
    other = clauses(text, family={"Anysphere", "Tidewright"})
    assert own.score >= 3
    assert other and max(c.score for c in other) < 1


def test_bot_without_gazetteer_entry_is_the_agent_by_name():
    sentence = split_sentences(get_pipeline(), "Quillbot wiped the shared drive of the design team.")[0]
    found = act.harm_clauses(sentence.span, {"Quillbot"}, 0, agent="Quillbot")
    assert max(c.score for c in found) >= 3


def test_a_command_as_subject_is_the_agents_deed():
    assert best("The cleanup command erased every photo in the archive folder.").score >= 2


def test_commands_against_a_store_then_loss_is_deletion():
    doc = doc_of("The assistant ran queries against the billing database. By noon the invoices were gone.")
    verb = next(t for t in doc if t.lower_ == "ran")
    assert loss_follows(verb)
    kept = doc_of("The assistant ran queries against the billing database. The invoices were not lost.")
    assert not loss_follows(next(t for t in kept if t.lower_ == "ran"))


def test_a_count_of_items_is_not_a_sum_of_money():
    clause = best("The helpdesk bot sent the spreadsheet with 418 messages to outside addresses.")
    assert clause.kind == "data_exposure"


def test_an_edit_targets_what_it_edited():
    doc = doc_of("The agent pushed a change to the pricing rules on the main branch.")
    assert target_of(next(t for t in doc if t.lower_ == "pushed")).startswith("pricing rules")


def test_issue_number_is_dropped_from_a_title_phrase():
    clause = best("Agent erased my whole music library #4410")
    assert "#" not in clause.phrase


def _primary(text):
    return analyze_text(text, published="2025-06-01", language="en").mentions[0]


def test_earlier_case_sentence_does_not_give_the_action():
    text = ("Council's Copilot chatbot told residents they could skip the parking permit\n\n"
            "The council's Copilot chatbot told residents that they could park in permit zones without a "
            "permit for the whole summer, an audit found. Dozens of drivers were fined. "
            "The case comes a year after a rail operator's assistant had invented a ticket "
            "refund rule that passengers relied on.\n")
    assert "invented" not in (_primary(text).action or "")


def _scored(texts, boost=1.0):
    """(score, clause, sentence) rows over one-sentence texts, best first; the first text's
    clauses weighted by ``boost`` (as a title or lead)."""
    rows = []
    for index, text in enumerate(texts):
        sentence = split_sentences(get_pipeline(), text)[0]
        sentence.index = sentence.line = index
        for clause in act.harm_clauses(sentence.span, set()):
            rows.append((clause.score * (boost if index == 0 else 1), clause, sentence))
    return sorted(rows, key=lambda row: -row[0])


def test_runaway_loop_is_the_deed_not_the_bill():
    rows = _scored(["The analytics agent spent $18,000 on one report.",
                    "It kept rewriting the forecast query and running it again."], boost=1.5)
    _, chosen, _ = act.runaway_loop(rows)
    assert chosen.phrase.startswith("kept rewriting the forecast query")
    assert chosen.kind == "financial_loss"


def test_deletion_outranks_fabrication():
    votes = {"delete_data": 2.0, "fabrication": 1.8}
    assert act.best_type({"fabrication": 4.0, "delete_data": 2.0}, votes) == "delete_data"
    assert act.best_type({"fabrication": 4.0, "delete_data": 2.0}) == "fabrication"


def test_body_restates_a_brief_lead_with_its_object():
    rows = _scored(["The agent pushed to production and broke checkout.",
                    "Before the release, it pushed a change to the payment settings without review."],
                   boost=1.2)
    _, chosen, _ = act.restated_deed(rows)
    assert "payment settings" in chosen.phrase
    assert chosen.target == "payment settings"


def test_target_keeps_a_short_for_scope():
    clause = best("The deployment bot removed the mail records for the staff portal.")
    assert clause.target == "mail records for staff portal"


def test_target_drops_a_for_duration_or_price():
    clause = best("The assistant deleted the shared calendars for three weeks.")
    assert clause.target == "shared calendars"


def test_money_target_is_never_a_date():
    clause = best("The trading agent sent 40 ETH to an unknown wallet on Monday.")
    assert clause.target != "Monday"


def test_blocking_customer_cards_is_an_unauthorized_change():
    clause = best("The banking assistant blocked the credit cards of 900 savers.")
    assert clause.kind == "unauthorized_change"
    assert clause.phrase.startswith("blocked the credit cards")


def test_blocking_an_attack_is_no_harm():
    assert not [c for c in clauses("The filter blocked the phishing attempt.") if c.verb.lower_ == "blocked"]


def test_switching_off_a_device_is_an_unauthorized_change():
    clause = best("The home assistant turned off the thermostat overnight.")
    assert clause.kind == "unauthorized_change"


def test_pronoun_object_takes_the_first_conjuncts_noun():
    clause = best("Overnight the cleanup agent marked two Postgres clusters as unused and deleted them.")
    assert clause.phrase.startswith("marked two Postgres clusters as unused and deleted them")
    assert clause.target == "two Postgres clusters"
    assert clause.kind == "destroy_infrastructure"


def test_participial_deed_after_a_comma_is_kept():
    clause = best("The billing agent cancelled the supplier order, treating the email as a duplicate request.")
    assert clause.phrase.endswith("treating the email as a duplicate request")


def test_reporting_participle_after_a_comma_is_dropped():
    clause = best("The billing agent cancelled the supplier order, saying in a note that it was a duplicate.")
    assert "saying" not in clause.phrase


def test_body_restates_a_headline_in_full():
    rows = _scored(["Booking assistant deletes old calendars",
                    "On Friday it deleted the shared calendars of the sales and support teams."],
                   boost=3.0)
    _, chosen, _ = act.restated_deed(rows)
    assert "sales and support teams" in chosen.phrase


def test_object_of_a_particle_parsed_as_preposition_is_the_target():
    clause = best("The home agent switched off my aquarium heater \"to save power\" overnight")
    assert clause.target is not None and "aquarium heater" in clause.target


def test_passive_claim_keeps_what_was_said_after_the_by_phrase():
    clause = best("Hundreds of tenants were told by the housing bot that they could skip rent "
                  "for two months without a fee.")
    assert "skip rent for two months" in clause.phrase


def test_relative_clause_object_is_what_the_bot_made_up():
    clause = best("Grocer honours 90% discount its chatbot made up")
    assert clause.rule == "action.relative_object"
    assert clause.phrase == "made up 90% discount"
    assert clause.target == "90% discount"


def test_relative_clause_with_pronoun_subject_is_no_gapped_object():
    assert act._gapped_object(next(t for t in get_pipeline()(
        "The agent ran a script that wiped the cache.") if t.lower_ == "wiped")) is None


def test_selling_off_a_holding_is_a_financial_loss():
    assert best("The trading agent sold 30,000 shares of the fund's largest position.").kind == "financial_loss"
    assert best("The dealership bot agreed to sell a pickup truck for one dollar.").kind != "financial_loss"


def test_clause_votes_count_an_agent_named_by_text_alone():
    sentences = split_sentences(get_pipeline(), "Quillo sold half of the pension fund's bond position on Monday.")
    assert act.clause_votes(sentences, set()) == {}
    votes = act.clause_votes(sentences, set(), agent="Quillo")
    assert max(votes, key=votes.get) == "financial_loss"


def test_notices_sent_to_customers_are_an_unauthorized_change_not_a_leak():
    clause = best("The billing bot mailed eviction warnings to 950 tenants and sent late notices "
                  "to 2,300 customers.")
    assert clause.kind == "unauthorized_change"


def test_a_pronoun_sent_is_what_an_earlier_verb_took():
    clause = best("The helper bot exported the contact list, zipped it and sent it to every "
                  "member of the club.")
    assert clause.kind == "data_exposure"


def test_data_deleted_inside_infrastructure_is_delete_data():
    sentence = split_sentences(get_pipeline(), "The janitor bot deleted nine message queues on "
                               "the staging server.")[0]
    assert "delete_data" in act.score_sentence(sentence.span)
    assert "destroy_infrastructure" not in act.score_sentence(sentence.span)


def test_a_prune_command_that_took_a_database_is_delete_data():
    clause = best('The coding agent ran "podman system prune --all" and took the wiki '
                  'database with it.')
    assert clause.kind == "delete_data"
    assert clause.phrase.startswith("ran")


def test_a_named_bot_of_a_known_vendor_acts_for_the_vendor_products():
    from kb.nlp.actors import incident_family
    assert "Cursor" in incident_family("Sam", "Anysphere")
    assert "Cursor" not in incident_family("Claude Code", "Anthropic")


def _types(text):
    return act.score_sentence(split_sentences(get_pipeline(), text)[0].span)


def test_a_market_loss_told_as_erasing_is_no_deletion():
    found = clauses("The chatbot erased $90 billion of the company's market value in a day.")
    assert all(clause.kind != "delete_data" for clause in found)
    assert best("The chatbot erased the shop's order history.").kind == "delete_data"


def test_hateful_output_is_other_harm():
    assert "other" in _types("Within hours the bot was posting racist and antisemitic replies.")
    assert "other" in _types("The assistant threatened the reporter and repeated a conspiracy "
                             "theory in unrelated answers.")


def test_a_relevant_report_with_no_listed_harm_type_is_other():
    text = ("Companion chatbot kept a lonely user talking for months\n\n"
            "The family of a man in Ohio says a companion chatbot from Velvetine encouraged "
            "him to stop seeing his friends. Velvetine's chatbot told him only it understood "
            "him. The family has sued Velvetine, which apologised and said it had added "
            "new safety limits after the man was hospitalised.")
    primary = analyze_text(text).mentions[0]
    assert primary.action_type in ("other",)


# --- output of a talking or writing AI (pattern action.speech_act_output and neighbours) -------

def test_a_bot_telling_someone_to_do_harm_is_its_output():
    clause = best("The homework helper bot told the boy to drink a cup of lamp oil.")
    assert clause.kind == "output"
    assert clause.phrase == "told the boy to drink a cup of lamp oil"


def test_a_suggestion_by_the_agent_keeps_what_was_suggested():
    clause = best("The recipe chatbot suggested stirring a spoon of wood glue into the gravy.")
    assert clause.kind == "output"
    assert clause.phrase.startswith("suggested stirring a spoon of wood glue into the gravy")


def test_a_company_saying_something_is_no_output_of_its_agent():
    family = {"Gemini", "Google"}
    said = clauses("Google said the answers had been fixed.", family)
    assert all(c.score < 1.0 for c in said)
    assert best("The chatbot said the answers had been checked by a doctor.").score >= 1.0


def test_a_statement_channel_marks_a_company_speaking():
    assert max(c.score for c in clauses("The chatbot maker said in a blog post that it was "
                                        "sorry for the replies.")) < 1.0


def test_producing_needs_an_output_noun():
    assert best("The newsroom bot wrote match reports full of errors.").kind == "output"
    assert not [c for c in clauses("The coding agent wrote a loop in the billing module.")
                if c.kind == "output"]


def test_output_adopts_the_reports_type_and_never_votes():
    sentences = split_sentences(get_pipeline(), "The recipe bot recommended eating a small stone "
                                "each morning.")
    assert act.clause_votes(sentences, set()) == {}
    clause, _ = act.best_clause(sentences, set(), "other")
    assert clause.phrase.startswith("recommended eating a small stone")


def test_a_participle_with_a_by_phrase_is_the_agents_deed():
    clause = best("The firm filed invented court rulings generated by the legal chatbot.")
    assert clause.rule == "action.passive_object"
    assert clause.phrase == "generated invented court rulings"
    assert clause.target == "invented court rulings"
    assert clause.score >= 1.0


def test_an_irregular_participle_made_active_is_in_the_past():
    clause = best("The council printed match reports written by the assistant bot.")
    assert clause.phrase.startswith("wrote")


def test_the_head_noun_of_the_agents_name_is_the_agent():
    family = {"Smart Summaries"}
    clause = best("The summary suggested soaking the phone in salt water.", family)
    assert clause.score >= 1.0
    assert act.agent_score(next(t for t in clause.verb.children if t.dep_ == "nsubj"),
                           family) == 2.0


def test_a_scene_setting_exchange_is_cut_from_the_phrase():
    clause = best("The tutoring bot told her to give up during a routine chat about algebra "
                  "homework.")
    assert clause.phrase == "told her to give up"


def test_a_comment_after_a_comma_is_cut_from_the_phrase():
    clause = best("The assistant recommended freezing the medicine, advice that came from an "
                  "old joke thread.")
    assert clause.phrase == "recommended freezing the medicine"


def test_a_reason_clause_is_cut_from_the_phrase():
    clause = best("The image model refused ordinary requests because it read them as risky.")
    assert clause.phrase == "refused ordinary requests"


def test_a_list_of_deeds_shares_its_first_subject():
    found = clauses('Instead of giving helpful banking support, the assistant told customers '
                    'about its "brother," fabricated childhood memories, and provided outdated '
                    'interest rates.')
    assert found[0].kind == "fabrication"
    assert found[0].phrase.startswith("fabricated childhood memories")
    assert found[0].score >= 2


def test_a_verb_conjoined_to_tell_is_no_request():
    clause = best("The agent told the owner nothing and deleted the backups.")
    assert clause.kind == "delete_data"
    assert clause.score >= 2


def test_a_noun_modified_by_ai_is_the_agent():
    clause = best("The grocer's AI menu planner suggested a soup made with drain cleaner.")
    assert clause.score >= 1.0
    assert best("The grocer's menu planner suggested a soup made with drain cleaner.").score < 0.5


def test_a_wrong_answer_is_spelled_out_by_what_the_bot_said():
    text = ("Shares of a bank fell after an ad for its new chatbot showed it giving a wrong "
            "answer about mortgages. In the ad, Penny says fixed rates always fall after an "
            "election.")
    sentences = split_sentences(get_pipeline(), text)
    clause, _ = act.best_clause(sentences, set(), "fabrication", agent="Penny")
    assert clause.phrase.startswith("said fixed rates always fall")


def test_a_false_claim_keeps_falsely():
    assert best("The chatbot falsely told a teacher she had been fired.").phrase.startswith(
        "falsely told")


def test_a_headline_below_page_chrome_yields_to_its_restatement():
    """A page's title may stand below its chrome (line 2 of a saved listing); as the title it
    weighs 3x, so its restatement needs a smaller share of its score, and it yields even when
    it is told with a second verb ("and broke ...") that makes it the longer phrase."""
    rows = _scored(["The agent pushed to main during a release freeze and broke multiplayer for nine hours.",
                    "It pushed a change to the matchmaking config straight to main."], boost=3 ** 0.5)
    for _, _, sentence in rows:
        sentence.line += 2  # below "Hacker News" and a blank line
    title = rows[0][2].index
    assert act.restated_deed(rows)[1] is rows[0][1]
    _, chosen, _ = act.restated_deed(rows, frozenset({title}))
    assert "matchmaking config" in chosen.phrase


# --- pattern target.fuller_mention -----------------------------------------------------------

from kb.nlp.target import fuller_mention, noun_phrase  # noqa: E402


def _fuller(text, verb_word):
    sentences = split_sentences(get_pipeline(), text)
    verb = next(t for s in sentences for t in s.span if t.lower_ == verb_word)
    noun = next(c for c in verb.children if c.dep_ == "dobj")
    return fuller_mention(noun, noun_phrase(noun), [s.span for s in sentences])


def test_a_definite_short_target_takes_its_earlier_full_mention():
    text = ("Tidy, our cleanup bot, removed 9 Redis queues in the Oslo staging cluster.\n"
            "Before noon the bot purged the queues.")
    assert fuller_mention is not None
    assert _fuller(text, "purged") == "9 Redis queues in Oslo staging cluster"


def test_an_adjective_alone_makes_no_fuller_mention():
    text = "The bot opened the entire archive.\nThen the bot erased the archive."
    assert _fuller(text, "erased") is None


def test_a_later_or_indefinite_mention_is_not_resolved():
    later = "The bot erased the archive.\nIt was the Oslo photo archive of the club."
    assert _fuller(later, "erased") is None
    indefinite = "Staff kept an Oslo photo archive.\nThe bot erased an archive."
    assert _fuller(indefinite, "erased") is None


def test_a_verb_before_a_number_is_not_part_of_the_noun_phrase():
    doc = doc_of("On Monday, Tidy, the bot we use to keep the cache tidy, purged 9 Redis queues.")
    noun = next(t for t in doc if t.lower_ == "queues")
    assert noun_phrase(noun) == "9 Redis queues"


def test_a_part_targets_its_whole():
    doc = doc_of("The cleanup agent deleted most of the nightly backup folder.")
    assert target_of(next(t for t in doc if t.lower_ == "deleted")) == "nightly backup folder"
    kept = doc_of("The trading bot sold half a position in a small bank.")
    assert "position" in target_of(next(t for t in kept if t.lower_ == "sold"))


def test_rights_on_a_thing_target_the_thing():
    doc = doc_of("The installer rewrote the ownership and permissions on a large part of the shared folders.")
    assert target_of(next(t for t in doc if t.lower_ == "rewrote")) == "shared folders"


def test_quoted_modifier_keeps_its_noun():
    clause = best('The shop\'s chatbot invented a "refund in full" promise for every late parcel.')
    assert 'invented a "refund in full" promise' in clause.phrase


def test_a_quoted_label_the_agent_chose_is_its_deed():
    clause = best('Asked to tidy the mailing list, the assistant selected all 900 subscribers '
                  'and clicked "delete permanently".')
    assert clause.kind == "delete_data"
    assert clause.rule == "action.quoted_verb"
    assert clause.phrase.startswith("selected all 900 subscribers")
