"""The NLP package: each component on small hand-written sentences, plus the Kiro seeds."""

from __future__ import annotations

from pathlib import Path

import ftfy
import pytest

from kb.nlp import EXTRACTOR_VERSION, analyze_text, load_gazetteer
from kb.nlp import blast_radius as br
from kb.nlp.action import best_type, score_sentence
from kb.nlp.blame import classify, decide, statements
from kb.nlp.occurred import occurred
from kb.nlp.pipeline import get_pipeline
from kb.nlp.segment import split_sentences

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def sentences(text: str):
    return split_sentences(get_pipeline(), text)


def test_version_is_a_string():
    assert EXTRACTOR_VERSION.startswith("rules-")


def test_gazetteer_has_agents_with_vendors_and_vendor_aliases():
    entries = {(e["kind"], e["id"]): e for e in load_gazetteer()}
    kiro = entries[("agent", "Kiro")]
    assert kiro["vendor"] == "Amazon" and "Kiro AI" in kiro["aliases"]
    assert entries[("agent", "Cursor")]["vendor"] == "Anysphere"
    amazon = entries[("vendor", "Amazon")]
    assert amazon["vendor"] is None and "AWS" in amazon["aliases"]
    assert ("vendor", "OpenClaw") in entries  # a vendor known only from the product mapping


def test_sentence_offsets_point_into_markdown_text():
    text = ("# Big failure\n\n**Date**: March 2024  \nThe bot wiped the *files* of the whole team "
            "in one go, and then it\nstopped here.\n")
    found = sentences(text)
    assert found, "no sentences"
    for sentence in found:
        assert text[sentence.start:sentence.end].strip() == text[sentence.start:sentence.end]
    assert any(s.key == "date" for s in found)
    # a hard-wrapped line is joined into one sentence
    assert any("then it\nstopped here." in text[s.start:s.end] for s in found)


def test_a_headline_and_its_deck_are_two_sentences_but_a_wrapped_post_is_one():
    # pattern segment.headline_deck
    deck = sentences("Site name\n\nDelivery robot knocks a cyclist off her bike in the square\n"
                     "City pauses its robots while the maker looks into the crash\n\nMore text.")
    assert [s.text for s in deck][1:3] == [
        "Delivery robot knocks a cyclist off her bike in the square",
        "City pauses its robots while the maker looks into the crash"]
    post = sentences("I asked the agent to clean the repo and it deleted my whole home\n"
                     "directory lol\n\nAnyone else?")
    assert post[0].text == "I asked the agent to clean the repo and it deleted my whole home directory lol"


@pytest.mark.parametrize("phrase, hours", [
    ("The helper bot caused a 13-hour outage of the billing portal.", 13),
    ("The portal was offline for two days after the agent ran.", 48),
    ("Customers saw 90 minutes of downtime on Tuesday.", 1.5),
])
def test_outage_durations_are_hours(phrase, hours):
    value, _ = br.outage_hours(sentences(phrase))
    assert value == pytest.approx(hours)


def test_duration_without_outage_cue_is_ignored():
    assert br.outage_hours(sentences("The team worked for two days on the new parser.")) is None


@pytest.mark.parametrize("sentence, expected", [
    ("The change caused a six-hour outage affecting Acme Billing Portal in two regions.",
     ["Acme Billing Portal"]),
    ("Engineers said the Zephyr Queue outage began on a Tuesday.", ["Zephyr Queue"]),
    ("The rogue script took down Northwind Search for most of the afternoon.", ["Northwind Search"]),
])
def test_systems_are_what_the_outage_hit(sentence, expected):
    value, _ = br.systems(sentences(sentence), exclude=set())
    assert value == expected


def test_dates_and_places_are_not_systems():
    found = br.systems(sentences("There was an outage in December across Europe, and Globex Mail "
                                 "went down for a day."), exclude=set())
    assert found[0] == ["Globex Mail"]


def test_counts_of_records_and_people():
    found = sentences("The agent deleted 1,500 rows from the orders table. "
                      "About 2,300 customers were affected by the mistake.")
    assert br.records_lost(found)[0] == 1500
    assert br.people_affected(found)[0] == 2300


def test_usd_amounts_but_not_other_dollars():
    usd = sentences("The runaway loop cost the startup $12,500 in API bills.")
    assert br.cost_usd(usd)[0] == 12500
    scaled = sentences("The bot sent tokens worth $1.2 million to a stranger.")
    assert br.cost_usd(scaled)[0] == 1_200_000
    cad = sentences("The tribunal ordered damages of C$640 for the customer.")
    assert br.cost_usd(cad) is None


def test_relative_months_resolve_against_publication():
    found = sentences("In December, the assistant removed a staging cluster.")
    assert occurred(found, {0}, "2026-03-02")[0] == "2025-12"
    found = sentences("It happened in October of last year, engineers said.")
    assert occurred(found, {0}, "2026-11-20")[0] == "2025-10"
    found = sentences("The chatbot misled a traveller on Thanksgiving 2021.")
    assert occurred(found, {0}, None)[0] == "2021-11"


def test_incident_date_beats_publication_date():
    found = sentences("The review was published in May 2026. The deletion itself occurred in "
                      "January 2026.")
    assert occurred(found, set(), None)[0] == "2026-01"


def test_numeric_dates_and_narrative_weekdays():
    # occurred.numeric_date: day first unless the page shows otherwise; a two-digit year
    # only with a clock time
    found = sentences("marlo_9, 02/05/2025\n\nThe cleaner removed my photos on its own.\n\n"
                      "Developer Response, 14/05/2025\nWe are sorry.")
    assert occurred(found, {1}, None)[0] == "2025-05"
    found = sentences("kestrel · 23/01/26 21:04\n\nThe bot cancelled my direct debit.")
    assert occurred(found, {1}, None)[0] == "2026-01"
    found = sentences("Posted 03/25/2025\n\nThe bot cancelled my order on 04/02/2025.")
    assert occurred(found, {1}, None)[0] == "2025-04"
    # occurred.narrative_weekday: a weekday after an explicit date goes on from that date
    found = sentences("On Friday, August 8, the team loaded a list. Over the weekend the bot "
                      "emailed everyone on it. By Monday morning, 300 people had replied.")
    assert occurred(found, {1, 2}, "2025-09-15")[0] == "2025-08"


def test_forum_reply_headers_and_a_byline_date_no_event():
    """A thread's replies each carry a header date ("dana_k on May 30, 2025"): only the
    opening post's counts, so that a date told in the story ("on March 20") is not out-voted
    by the repeated reply dates; a byline of fields set apart ("Notes · September 16, 2025 ·
    Ana Roe") is the report's own date line, not the incident's."""
    from kb.nlp.pipeline import get_pipeline
    from kb.nlp.segment import split_sentences

    thread = ("Lovable apps leaked user tables\n\n"
              "ferrobyte on May 30, 2025\n\n"
              "Matt Palmer found the first exposed app on March 20, and the app builder's agent "
              "had shipped the tables open to anyone.\n\n"
              "quillon on May 30, 2025\n\nWow.\n\n"
              "natesmith on May 30, 2025\n\nNot a subtle bug.\n\n"
              "ilyak on May 31, 2025\n\nAgreed.")
    found = split_sentences(get_pipeline(), thread)
    assert occurred(found, set(), "2025-05-30")[0] == "2025-03"
    essay = ("Three years since a job bot was hijacked\n\n"
             "Notes from the Sandbox · September 16, 2025 · Ana Roe\n\n"
             "In September 2022, a job board's Twitter bot replied with whatever users injected.")
    found = split_sentences(get_pipeline(), essay)
    assert occurred(found, set(), "2025-09-16")[0] == "2022-09"


def test_a_background_year_does_not_date_a_recent_report():
    """A forum post dated by its byline tells of something that just happened; a bare year in
    a background sentence ("a career high in 2004") does not date it. A year told with an
    event word ("the deletion happened in 2022") still does."""
    post = ("r/nba\n\nPosted by u/paint_touch · Sep 14, 2023\n\n"
            "The portal ran an AI-written obituary with a cruel headline.\n\n"
            "He scored a career high of 17 points in 2004.")
    found = sentences(post)
    assert occurred(found, set(), "2023-09-14")[0] == "2023-09"
    told = ("r/nba\n\nPosted by u/paint_touch · Sep 14, 2023\n\n"
            "The deletion of the archive happened in 2022, the portal admitted.")
    assert occurred(sentences(told), set(), "2023-09-14")[0] == "2022"


@pytest.mark.parametrize("sentence, category", [
    ("The firm said the outage was caused by user error.", "human"),
    ("A spokesperson blamed misconfigured access controls.", "human"),
    ("The airline argued its chatbot was a separate legal entity.", "ai"),
    ("The chief executive wrote: we own this.", "vendor"),
    ("The founder called the deletion unacceptable.", "vendor"),
    ("The company said an attacker had slipped in a malicious commit.", "third_party"),
    ("Nothing about the weather here.", None),
    ("Its chief executive said the company owns this.", "vendor"),
    ("The airline argued the chatbot's answers were not its responsibility.", "ai"),
    ("The retailer said it cannot be held liable for its virtual assistant.", "ai"),
])
def test_blame_cues(sentence, category):
    assert classify(sentence) == category


def test_statements_need_a_company_speaker():
    found = sentences("Acme said the wipe was human error. "
                      "A forum poster thought it was probably user error.")
    said = statements(found, {"acme"})
    assert [s.blamed for s in said] == ["human"]
    assert said[0].speaker == "Acme"
    assert decide(said)[0] == "human"
    assert decide([]) == ("none", None)


def test_action_types_from_cues():
    def kind(text):
        scores = score_sentence(sentences(text)[0].span)
        return best_type({k: v[0] for k, v in scores.items()})

    assert kind("The agent deleted the production database.") == "delete_data"
    assert kind("It decided to delete and recreate the staging environment.") == "destroy_infrastructure"
    assert kind("The support bot invented a refund policy that did not exist.") == "fabrication"
    assert kind("A prompt injection hijacked the coding assistant.") == "compromised_agent"
    assert kind("The assistant leaked the API key to a public repository.") == "data_exposure"


FIXTURE = """Zephyr bank chatbot wipes customer files
Devin, the coding agent made by Cognition, deleted the production database of Zephyr Bank in March 2025.
The deletion caused an 8-hour outage of Zephyr's mobile app.
Zephyr Bank said the incident was caused by human error, not the AI.
"""


def test_analysis_of_an_incident_carries_evidence():
    analysis = analyze_text(FIXTURE, title="Zephyr bank chatbot wipes customer files",
                            published="2025-04-02", language="en")
    assert analysis.relevant
    primary = analysis.mentions[0]
    assert primary.primary and primary.agent == "Devin" and primary.vendor == "Cognition"
    assert primary.action_type == "delete_data"
    assert primary.outage_hours == 8
    assert primary.blamed == "human"
    assert primary.occurred == "2025-03"
    assert {e.field for e in primary.evidence} >= {"agent", "vendor", "action_type",
                                                   "outage_hours", "blamed", "occurred"}
    for item in primary.evidence:
        assert FIXTURE[item.start:item.end] == item.sentence


def test_non_ai_outage_is_not_relevant():
    text = ("A fibre cut near the data centre took the payments network offline for six hours. "
            "Engineers replaced the cable and service returned by the evening.")
    analysis = analyze_text(text, language="en")
    assert not analysis.relevant and analysis.mentions == []


def test_non_english_text_is_not_parsed_but_screened():
    # an AI term near a harm cue but no name: the screen of kb.nlp.foreign (tests/test_foreign.py)
    text = ("L'agent de programmation a supprimé la base de données de production pendant la nuit, "
            "et l'entreprise a présenté ses excuses à tous ses clients le lendemain matin.")
    analysis = analyze_text(text)
    assert analysis.relevant is False and analysis.mentions == []
    assert analysis.language == "fr"
    assert analysis.note == "language fr: screened in French: no known agent, named bot or owner"


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not checked out")
@pytest.mark.parametrize("name", ["000", "001", "002", "003"])
def test_kiro_seeds(name):
    path = next((SHARED / "seeds").glob(f"{name}_*.txt"))
    text = ftfy.fix_text(path.read_text(encoding="utf-8"))
    analysis = analyze_text(text, title=text.split("\n", 1)[0])
    assert analysis.relevant
    primary = [m for m in analysis.mentions if m.primary]
    assert len(primary) == 1
    kiro = primary[0]
    assert (kiro.agent, kiro.vendor, kiro.action_type) == ("Kiro", "Amazon", "destroy_infrastructure")
    if name != "001":
        assert kiro.outage_hours == 13
        assert kiro.blamed == "human"
    for item in kiro.evidence:
        assert text[item.start:item.end] == item.sentence


# --- agents the gazetteer does not list, makers, fallbacks (rules-0.2) ---

from kb.nlp.actors import header_agent, is_fallback, makers, unlisted_agents  # noqa: E402
from kb.nlp.entities import CORPORATE_SUFFIX  # noqa: E402


def test_an_organisations_mcp_server_is_an_agent_named_after_its_maker():
    found = sentences("Zentrix launched an experimental MCP server in March, and it soon "
                      "returned records belonging to other tenants.")
    assert ("Zentrix MCP server", "Zentrix") in unlisted_agents(found[0].span)
    found = sentences("The Quillbox MCP server answered with another customer's notes.")
    assert ("Quillbox MCP server", "Quillbox") in unlisted_agents(found[0].span)


def test_npm_style_mcp_package_is_an_agent_without_a_vendor():
    found = sentences("Teams that installed acme-notes-mcp from npm had every reply copied "
                      "to a stranger.")
    assert unlisted_agents(found[0].span) == [("acme-notes-mcp", None)]


def test_yaml_front_matter_keys_and_product_header_values():
    text = ("---\nid: some-bot-leak-2031-01\nagent_stack:\n  model: GPT-7.2 Nova\n"
            "sources:\n  - title: A story\n---\n\nThe agent leaked the keys.\n")
    found = sentences(text)
    assert not any("some-bot-leak" in s.span.text for s in found)  # identifiers are not prose
    model = next(s for s in found if s.key == "model")
    assert model.heading == "agent stack"
    assert header_agent(model) == ("GPT-7.2 Nova", "OpenAI", 0.6)
    assert next(s for s in found if "A story" in s.span.text).heading == "sources"
    assert found[-1].heading == ""  # the block ends with the front matter


def test_maker_phrase_names_the_vendor_of_the_bot():
    found = sentences("Brightline, the company behind the chatbot, said it would retrain it.")
    assert makers(found[0].span) == ["Brightline"]
    found = sentences("The shop's assistant was built by Corvane and powered by a large model.")
    assert makers(found[0].span) == ["Corvane"]


def test_fallback_tool_is_marked():
    span = sentences("She first used Claude Code and, when it stalled, switched to ChatGPT.")[0].span
    flags = {e.ent_id_: is_fallback(e) for e in span.ents if e.label_ == "AGENT"}
    assert flags == {"Claude Code": False, "ChatGPT": True}


def test_corporate_suffix_is_not_part_of_the_name():
    assert CORPORATE_SUFFIX.sub("", "Harbor Foods Group") == "Harbor Foods"
    assert CORPORATE_SUFFIX.sub("", "Pinecrest Pty Ltd") == "Pinecrest"


def test_hijack_outranks_the_harm_it_caused():
    assert best_type({"data_exposure": 3.0, "compromised_agent": 2.0}) == "compromised_agent"
    assert best_type({"data_exposure": 3.0, "compromised_agent": 1.0}) == "data_exposure"


def test_front_matter_report_about_an_mcp_server():
    text = ("---\ntitle: Notes server hands one customer's files to another\norganization: Quillbox\n"
            "---\n\nQuillbox launched an opt-in MCP server in May 2031. A flaw meant the server "
            "returned files belonging to other customers, and about 300 customers were notified. "
            "Quillbox took the feature offline the next day.\n")
    analysis = analyze_text(text, title="Notes server hands one customer's files to another",
                            language="en")
    assert analysis.relevant
    primary = analysis.mentions[0]
    assert (primary.agent, primary.vendor) == ("Quillbox MCP server", "Quillbox")
    assert primary.action_type == "data_exposure"


def test_unquoted_bot_names():
    from kb.nlp.entities import named_bots
    span = sentences("The chain ordered through its proprietary Pico platform, and a support "
                     "assistant called Remy answered complaints.")[0].span
    assert named_bots(span) == ["Pico", "Remy"]


def test_a_quote_after_an_introduction_belongs_to_the_introducer():
    found = sentences("The Acme founder wrote:\n\"A coding agent deleted our orders table and "
                      "Acme's backups. It was our fault for giving it the keys; we own this.\"")
    said = statements(found, {"acme"})
    assert [(x.speaker, x.blamed) for x in said] == [("Acme", "vendor")]


def test_a_metadata_line_under_a_title_is_not_part_of_it():
    found = sentences("Ask HN: Our support bot invented a refund policy and we honoured it\n"
                      "387 points | posted 2025-04-18 | 201 comments\n\nIt told customers so.\n")
    assert found[0].span.text == "Ask HN: Our support bot invented a refund policy and we honoured it"
    assert "points" in found[1].span.text
