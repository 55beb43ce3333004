"""Blast radius, blame and date extraction on sentences written for these tests."""

from __future__ import annotations

import pytest

from kb.nlp import blast_radius as br
from kb.nlp.blame import classify, decide, statements
from kb.nlp.numbers import to_number
from kb.nlp.occurred import occurred
from kb.nlp.pipeline import get_pipeline
from kb.nlp.segment import split_sentences


def sentences(text: str):
    return split_sentences(get_pipeline(), text)


# --- blast radius -----------------------------------------------------------------------

def test_records_for_a_list_of_counts_are_summed():
    found = sentences("The agent wiped a table holding records for 2,310 lawyers and 1,040 firms.")
    assert br.records_lost(found)[0] == 3350


def test_records_need_a_destructive_verb():
    assert br.records_lost(sentences("The CRM keeps records for 900 clients.")) is None


def test_people_count_on_an_impact_line():
    found = sentences("Scale: one subscriber's parking permit revoked without consent")
    assert br.people_affected(found)[0] == 1
    found = sentences("## Impact\n\n- Coursework lost for 25,000+ pupils")
    assert br.people_affected(found)[0] == 25000


def test_cost_leaves_out_another_partys_amount_cited_for_comparison():
    found = sentences("Critics recalled Trellis Capital's $310 million loss from a runaway "
                      "script. The agent's refunds cost the shop $12,500.")
    assert br.cost_usd(found)[0] == 12500
    own = sentences("Quokka's $2 million loss followed the agent's mass refund.")
    assert br.cost_usd(own, frozenset({"quokka"}))[0] == 2_000_000
    assert br.cost_usd(own) is None


def test_systems_named_as_what_a_harm_verb_hit():
    found = sentences("The assistant then wiped ZenLedger's billing database and the Redis "
                      "cache behind it.")
    names = br.systems(found, {"the assistant"})[0]
    assert "ZenLedger" in names


def test_systems_from_a_compromised_release_without_the_version():
    found = sentences("A poisoned version of the Quokka CLI (v4.1.2) reached 300 laptops.")
    assert br.systems(found, set())[0][0] == "Quokka CLI"


def test_systems_from_locked_out_of_list():
    found = sentences("A bad deploy locked shoppers out of checkout, gift cards, and wish lists "
                      "for three hours.")
    names = br.systems(found, set())[0]
    assert "checkout" in names and "gift cards" in names


def test_systems_leave_out_the_agent_models_and_labels():
    found = sentences("Impact: Bramble Agent deleted the Orchard DB cluster while Claude watched.")
    names = (br.systems(found, {"bramble agent"}) or [[]])[0]
    assert "Impact" not in names and "Claude" not in names and "Bramble Agent" not in names


def test_systems_leave_out_industry_collective_names():
    found = sentences("The outage of Big Tech's cloud hit the Harbor Console for six hours.")
    names = (br.systems(found, set()) or [[]])[0]
    assert "Big Tech" not in names


def test_systems_drop_a_shortened_mention_of_a_longer_name():
    found = sentences("The outage hit Quill Cost Ledger for thirteen hours. The outage of Ledger "
                      "left customers without invoices.")
    names = br.systems(found, set())[0]
    assert "Quill Cost Ledger" in names and "Ledger" not in names


def test_region_skips_acronyms_tagged_as_places():
    found = sentences("The AI outage hit payments in northern Italy for six hours.")
    assert br.region(found)[0] == "northern Italy"


def test_region_from_a_company_header_line():
    found = sentences("Company: Ford of Tacoma, Washington\nThe bot promised a free truck.")
    assert br.region(found)[0].startswith("Tacoma")


def test_numbers():
    assert to_number("2,402") == 2402
    assert to_number("4.5", "k") == 4500


# --- blame ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, category", [
    ("The vendor said there was a bug in its sandbox code.", "vendor"),
    ("The bank said the engineer had granted excessive permissions to the tool.", "human"),
    ("The studio said a compromised dependency carried the payload.", "third_party"),
    ("Our founder said an AI agent had deleted all of our invoices.", "ai"),
])
def test_new_blame_cues(sentence, category):
    assert classify(sentence) == category


def test_a_product_named_for_its_company_speaks_for_it():
    found = sentences("## Company Response\n\n- Cursor publicly acknowledged the issue.\n"
                      "- Clarified that refunds would be issued.")
    said = statements(found, {"anysphere"})
    assert [(s.speaker, s.blamed) for s in said] == [("Cursor", "vendor")]
    assert "refunds" in said[0].quote


def test_reported_continuation_in_a_postmortem_paragraph():
    found = sentences("The operator's published postmortem rejects the rumours. It was not an "
                      "exploit. The failure was state: nothing checked the balance.")
    said = statements(found, {"acme"})
    assert [s.blamed for s in said] == ["vendor"]
    assert said[0].quote.startswith("The failure was state")


def test_commentary_by_others_does_not_inherit_the_speaker():
    found = sentences("Acme said it was investigating. Critics said it was user error.")
    assert statements(found, {"acme"}) == []


def test_direct_quote_beats_a_headline_about_the_label():
    found = sentences("Why the 'human error' label at Acme misses the point\n"
                      "An Acme spokesperson said: \"This was user error, not the tool.\"")
    kind, chosen = decide(statements(found, {"acme"}))
    assert kind == "human" and "spokesperson" in chosen.quote


def test_forum_victim_is_not_a_company():
    found = sentences("I said it was my own user error for trusting the agent.")
    assert statements(found, {"acme"}) == []


# --- occurred ---------------------------------------------------------------------------

def test_relative_month_resolves_before_publication():
    found = sentences("In November, the bot deleted the archive, the firm said.")
    assert occurred(found, {0}, "2026-02-10")[0] == "2025-11"


def test_a_relayed_commentary_is_not_the_company():
    found = sentences('As Widget Weekly put it: "Acme blamed user error, as always."')
    assert statements(found, {"acme"}) == []


def test_companies_and_datasets_are_not_people():
    found = sentences("The breach affected 40 companies and five customer datasets.")
    assert br.people_affected(found) is None


def test_region_keeps_the_state_after_a_city():
    found = sentences("Company: Bistro Chain of Springfield, Illinois")
    assert br.region(found)[0] == "Springfield, Illinois"


@pytest.mark.parametrize("text, name", [
    ("Larchmont Rentals operated for three days on a week-old backup.", "Larchmont Rentals"),
    ("TinyLedgr ran for two days in read-only mode after the wipe.", "TinyLedgr"),
])
def test_systems_from_a_degraded_operation(text, name):
    assert name in br.systems(sentences(text), set())[0]


def test_degraded_operation_needs_a_degraded_state():
    assert not br.degraded_subjects(sentences("Larchmont Rentals operated for three days in May.")[0])


def test_weekday_and_weekend_resolve_to_the_day_before_publication():
    # 2026-06-02 is a Tuesday: last Friday was 29 May, the weekend 30-31 May
    found = sentences("The helper bot purged the shared drive last Friday.")
    assert occurred(found, {0}, "2026-06-02")[0] == "2026-05"
    found = sentences("Over the weekend the agent rewrote the firewall rules.")
    assert occurred(found, {0}, "2026-06-02")[0] == "2026-05"
    found = sentences("Engineers said on Monday that the bot had emptied a queue.")
    assert occurred(found, {0}, "2026-06-09")[0] == "2026-06"


def test_weekday_date_without_a_year_or_publication_date():
    # occurred.weekday_date: 12 March fell on a Thursday in 2026 (and in 2020, further back)
    from datetime import date
    from kb.nlp.occurred import _weekday_year
    assert _weekday_year("thursday", 3, 12, today=date(2026, 11, 1)) == 2026
    assert _weekday_year("thursday", 3, 12, today=date(2026, 3, 1)) == 2020  # not after today
    found = sentences("The invoice from the mapping API (Friday 14 Mar) showed the agent's loop.")
    assert occurred(found, {0}, None)[0].endswith("-03")
    found = sentences("On Monday (Feb 9) the helper mailed my notes to the whole office.")
    value = occurred(found, {0}, None)
    assert value and value[0].endswith("-02") and date(int(value[0][:4]), 2, 9).weekday() == 0


def test_named_day_without_a_year_is_its_latest_occurrence():
    found = sentences("Shoppers gamed the store's assistant over Christmas.")
    assert occurred(found, {0}, "2027-01-05")[0] == "2026-12"


def test_month_with_a_day_but_no_year():
    found = sentences("The tampered build went out on March 3 to every subscriber.")
    assert occurred(found, {0}, "2026-03-20")[0] == "2026-03"


def test_the_reports_own_date_line_is_not_the_incident_date():
    found = sentences("Bot fined over fake fares\n\nOSLO, 4 May 2027\n\n"
                      "The ferry line's bot invented a discount in August 2026.")
    assert occurred(found, {2}, "2027-05-04")[0] == "2026-08"


def test_a_launch_date_counts_less_than_the_incident():
    found = sentences("The helper went live in September. Over Halloween it leaked "
                      "tenant files.")
    assert occurred(found, {0, 1}, "2026-11-12")[0] == "2026-10"


def test_an_undated_report_falls_back_to_its_publication_month():
    found = sentences("The agent dropped the orders table without asking anyone.")
    assert occurred(found, {0}, "2026-08-14")[0] == "2026-08"
    assert occurred(found, {0}, None) is None


def test_outage_from_a_stopping_verb_with_for_a_duration():
    found = sentences("The council lost its permit portal for 16 hours after the bot's change.")
    assert br.outage_hours(found)[0] == 16
    found = sentences("The bank switched off its helper bot for three and a half hours.")
    assert br.outage_hours(found)[0] == 3.5
    found = sentences("For about two days the booking site was simply gone.")
    assert br.outage_hours(found)[0] == 48


def test_a_duration_of_work_is_not_an_outage():
    found = sentences("The agent ran for 11 hours and then paused to ask for approval.")
    assert br.outage_hours(found) is None


def test_outage_until_service_was_restored():
    found = sentences("Staff restored the ledger from tape some 90 minutes after the wipe.")
    assert br.outage_hours(found)[0] == 1.5


def test_and_a_half_numbers():
    assert to_number("two and a half") == 2.5
    assert to_number("1 and a half", "million") == 1_500_000


def test_records_a_data_store_held():
    found = sentences("The ledger database held some 2.3 million rows of invoices.")
    assert br.records_lost(found)[0] == 2_300_000


def test_records_gone_after_a_label():
    found = sentences("Gone: records for 310 tenants and 95 landlords.")
    assert br.records_lost(found)[0] == 405


def test_people_whose_data_was_shown():
    found = sentences("Details about roughly 2,700 staff at nine firms may have been shown "
                      "to strangers.")
    assert br.people_affected(found)[0] == 2700


def test_people_who_could_not_do_something():
    found = sentences("Nearly 12,000 riders could not buy passes while the app was down.")
    assert br.people_affected(found)[0] == 12000


def test_people_as_the_user_base_when_nothing_else_is_counted():
    found = sentences("The bot erased the forum, which over 8,000 learners have used.")
    assert br.people_affected(found)[0] == 8000


def test_counts_start_a_word():
    found = sentences("The script deleted the EC2 servers and the IAM users in the account.")
    assert br.people_affected(found) is None


def test_systems_named_by_a_copula_after_a_service_noun():
    found = sentences("The bot rebuilt the stack. The service in question was Orbit Ledger, "
                      "which clinics use for billing.")
    assert "Orbit Ledger" in br.systems(found, set())[0]


def test_generic_systems_that_failed_in_an_outage():
    found = sentences("During the outage the website and the mobile app showed blank pages.")
    names = br.systems(found, set())[0]
    assert "website" in names and "mobile app" in names


def test_a_generic_noun_that_did_not_fail_is_not_a_system():
    found = sentences("The shop shut down its bot after users flooded the site with prompts.")
    assert "site" not in (br.systems(found, set()) or [[]])[0]


def test_systems_a_command_removed():
    found = sentences("The command removed the VPC and the ECS cluster.")
    assert "VPC" in br.systems(found, set())[0]


def test_region_from_a_based_modifier_in_the_lead():
    found = sentences("Bot wipes payroll\n\nFernvale, a Dublin-based maker of payroll tools, "
                      "said its agent wiped a ledger.")
    assert br.region(found)[0] == "Dublin"


# --- blast radius: clock ranges, recipients, repeated counts, regions, opener names -------

def test_outage_from_a_clock_range():
    found = sentences("Bookings were down from 22:50 to 01:20 GMT while the agent rebuilt the index.")
    assert br.outage_hours(found)[0] == 2.5
    found = sentences("Between 8.30am and 2pm, members could not reach the portal.")
    assert br.outage_hours(found)[0] == 5.5


def test_clock_range_needs_minutes_or_am_pm():
    assert br.clock_ranges("prices rose from 3 to 5 while the portal was offline") == []
    assert br.clock_ranges("from 11:15 until 11:45") == [0.5]


def test_sales_down_is_not_an_outage():
    found = sentences("Sales were down 4 percent for 12 hours after the chatbot changed prices.")
    assert br.outage_hours(found) is None


def test_records_with_two_modifiers_and_orders():
    found = sentences("The script erased 7,450 archived customer orders from the shop's table.")
    assert br.records_lost(found)[0] == 7450
    found = sentences("We lost 3 days of orders when the bot dropped the schema.")
    assert br.records_lost(found) is None


def test_people_who_were_sent_the_harm():
    found = sentences("The bot mailed a bogus overdue notice to all 12,905 library members.")
    assert br.people_affected(found)[0] == 12905


def test_people_whose_data_a_file_covered():
    found = sentences("The leaked sheet covered 1,212 current and former tenants.")
    assert br.people_affected(found)[0] == 1212


def test_people_count_the_report_repeats():
    found = sentences("The grocer will honour the price for 87 shoppers. Its assistant quoted the "
                      "deal on Friday. By Monday 87 shoppers had paid.")
    assert br.people_affected(found)[0] == 87


def test_region_where_the_people_hit_are():
    found = sentences("A chain of gyms apologised. About 540 members, most of them in Western "
                      "Australia, were charged twice.")
    assert br.region(found)[0] == "Western Australia"


def test_region_from_a_dateline():
    found = sentences("Title line\n\nLISBON — A courier firm said its routing agent sent vans to "
                      "the wrong depot.")
    assert br.region(found)[0] == "Lisbon"


def test_region_joined_places_and_place_shaped_names():
    found = sentences("Short headline\n\nThe utility serves 90,000 customers in Ontario and "
                      "northern Quebec, and 3,000 customers lost power.")
    assert br.region(found)[0] == "Ontario and northern Quebec"
    found = sentences("Short headline\n\nDozens of drivers in the Inland Empire Area were fined "
                      "after the bot misread signs.")
    assert br.region(found)[0] == "Inland Empire Area"


def test_system_name_at_the_start_of_a_sentence():
    found = sentences("The agent trimmed the logs on our Postgres nodes. Postgres crashed "
                      "and the shop was offline for an hour.")
    assert "Postgres" in br.systems(found, {"the agent"})[0]


def test_service_tail_and_time_zones_are_not_systems():
    found = sentences("The change disrupted the Northwind Maps service for 5 hours. It was down "
                      "from 04:00 to 09:00 UTC.")
    names = br.systems(found, set())[0]
    assert "Northwind Maps" in names and "UTC" not in names


def test_day_month_without_year():
    found = sentences("The assistant misquoted fares on 14 and 15 November, the airline said.")
    assert occurred(found, {0}, "2026-01-20")[0] == "2025-11"
    found = sentences("On Tuesday 3 June the agent deleted the bucket.")
    assert occurred(found, {0}, "2025-06-10")[0] == "2025-06"


def test_another_incidents_date_does_not_win():
    found = sentences("The shop lost its orders last Thursday after the agent ran a reset. "
                      "The incident recalls the case last March in which Brightco's bot wiped "
                      "a drive.")
    assert occurred(found, {0}, "2026-01-27")[0] == "2026-01"


def test_region_where_people_could_not_use_the_service():
    found = sentences("Status page\n\nAll good\n\nUsers in our Dublin (eu-west-1) region could not "
                      "log in while the agent rotated keys.")
    assert br.region(found)[0] == "Dublin (eu-west-1)"


def test_region_after_in_with_a_compass_word_past_a_byline():
    found = sentences("Council chatbot gives out wrong bin days\n\nBy Sam Oakes, Local Reporter\n\n"
                      "Monday 3 March 2025\n\nA council in east London has apologised after its "
                      "chatbot told residents the wrong collection days.")
    assert br.region(found)[0] == "east London"


def test_outage_told_in_hours_and_minutes():
    found = sentences("Impact: 2 hours 15 minutes of degraded service for the search page.")
    assert br.outage_hours(found)[0] == 2.25


def test_outage_from_a_device_that_stayed_off():
    found = sentences("The agent cut power to the pump. It stayed off for about 30 hours.")
    assert br.outage_hours(found)[0] == 30


def test_people_listed_in_a_leaked_file():
    found = sentences("The bot emailed a sheet listing the home address of all 640 people on the payroll.")
    assert br.people_affected(found)[0] == 640


def test_people_behind_appointments_when_no_people_are_counted():
    found = sentences("The scheduling bot cancelled 1,120 dental appointments overnight.")
    assert br.people_affected(found)[0] == 1120
    found = sentences("The bot cancelled 300 appointments, which affected 280 patients.")
    assert br.people_affected(found)[0] == 280


def test_a_bare_year_takes_the_month_of_the_reports_date_line():
    found = sentences("Bot tells diners to mix bleach\n\n4 May 2024\n\n"
                      "A recipe bot launched in 2024 suggested a toxic drink to shoppers.")
    assert occurred(found, {2}, "2024-05-04")[0] == "2024-05"


def test_a_date_that_opens_the_aftermath_is_not_the_incident():
    found = sentences("On March 9, 2026, the arbitration panel ordered Velloway Air to refund the "
                      "fare. In October 2025, its booking assistant had promised a discount it "
                      "did not offer.")
    assert occurred(found, {0, 1}, None)[0] == "2025-10"


def test_a_line_that_is_only_a_date_is_the_report_date():
    found = sentences("Why the bot's promise binds the shop\n\nApril 2026\n\nIn January 2026 the "
                      "shop's assistant quoted a price that did not exist.")
    assert occurred(found, {s.index for s in found}, None)[0] == "2026-01"


def test_the_month_of_a_fix_is_the_aftermath():
    # pattern occurred.remedy
    found = sentences("The vendor traced the leak to 21 January. A patch began reaching customers "
                      "in early February.")
    assert occurred(found, {0, 1}, "2026-02-19")[0] == "2026-01"


def test_papers_filed_with_invented_citations_date_the_incident():
    # pattern occurred.filed_document; "in May" is the month, capitalised
    found = sentences("On Wednesday a judge reprimanded the lawyers. The invented citations were "
                      "in two motions filed in May.")
    assert occurred(found, {0, 1}, "2025-07-24")[0] == "2025-05"
    found = sentences("We may see more of this. The bot erred on Friday.")
    assert occurred(found, {0, 1}, "2025-07-24")[0] == "2025-07"


def test_a_posted_by_line_is_the_reports_own_date_line():
    # pattern occurred.posted_by
    found = sentences("*Posted 8 December 2025 by Jo Smith, Smith Pottery*\n\nIn November, the "
                      "supplier sent its invoice. Then the bookkeeping agent paid it twice.")
    assert occurred(found, {2}, "2025-12-08")[0] == "2025-11"


def test_a_date_repeated_in_launch_sentences_does_not_outweigh_the_incident():
    # the two launch dates are penalised, so their repeat adds nothing to May's total
    found = sentences("The connector launched in May. Acme announced in May that it had launched it. "
                      "The connector leaked files during May and early June. Acme took it offline "
                      "on 5 June.")
    assert occurred(found, {2, 3}, "2025-06-18")[0] == "2025-06"


def test_a_thread_whose_opening_header_is_its_date_line_counts_replies_as_replies():
    # pattern occurred.post_header: the listing line dates the thread, so a reply's header is
    # no second opening post
    found = sentences("312 points by dana on Oct 2, 2024 | hide | 98 comments\n\n"
                      "kim on Oct 2, 2024 [-]\n\nHis post on Sept 30 says the agent broke the boot loader.")
    assert occurred(found, {2}, "2024-10-02")[0] == "2024-09"


def test_an_issue_opened_line_leaves_the_opening_comment_its_header():
    found = sentences("Agent wiped my home directory\n\n"
                      "Open · kim opened this issue on Dec 9, 2025 · 11 comments\n\nLabels: bug\n\n"
                      "---\n\nkim commented on Dec 9, 2025\n\nThe agent wiped my home directory.\n\n"
                      "lee commented on Dec 10, 2025\n\nSame problem here last month, smaller.")
    assert occurred(found, {5}, "2025-12-09")[0] == "2025-12"


@pytest.mark.parametrize("text, hours", [
    ("For 31 hours afterwards, the dashboards showed stale data or failed to load.", 31),
    ("Power came back that night, but some streets were without water for up to seven hours.", 7),
])
def test_a_service_that_failed_people_for_a_while_is_an_outage(text, hours):
    # pattern outage.stopped_for: "failed to load", "without water"
    assert br.outage_hours(sentences(text))[0] == hours


def test_working_for_hours_without_a_break_is_no_outage():
    assert br.outage_hours(sentences("The on-call team worked for 31 hours without a break.")) is None


def test_the_day_a_company_spoke_is_not_the_incidents_month():
    # pattern occurred.said_on
    found = sentences("Acme said on Thursday that a criminal group had used its agent. "
                      "The company said it detected the activity in mid-September.")
    assert occurred(found, {0, 1}, "2025-11-14")[0] == "2025-09"


def test_timestamp_line_under_a_heavy_page_is_the_date_line():
    # occurred.timestamp_line, occurred.wire_dateline, LATER_EVENT "jurors ... decided"
    text = ("Home  World  Business\n\nTech\n\nHeadline about a verdict\n\nBy Jo Doe\n\n"
            "March 4, 2026 10:02 AM GMT · Updated 2 hours ago\n\n"
            "DENVER, Mar 4 (Wire Service) - Jurors decided on Tuesday that the maker shared "
            "blame.\n\nThe delivery robot had struck the boy in June 2021.\n")
    found = sentences(text)
    assert occurred(found, {s.index for s in found}, "2026-03-04")[0] == "2021-06"


def test_byline_date_anchors_a_month_without_a_year():
    # occurred.byline_date, occurred.own_date_anchor: no publication date known
    text = ("Menu\nNews | Retail\nSign up\nMost read\n› One\n› Two\n› Three\nRETAIL\n"
            "Headline about refunds\nBy Sam Okafor | 9 February 2026 | 3 min read\n"
            "Between 28 and 31 December the bot approved refunds on 400 orders.\n")
    found = sentences(text)
    assert occurred(found, {s.index for s in found}, None)[0] == "2025-12"
