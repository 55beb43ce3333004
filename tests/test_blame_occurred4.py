"""Blame, date and action-type forms of discussion threads and short reports: a verdict
introduced by a stance ("was blunt about where the fault lay"), an official line from the
company, a quotation that goes on after "told it to do", staff replies under forum and issue
tracker headers, a secret pushed to a repository, an ISO date in prose and a date line
that anchors a background year when no publication date is known.

Every sentence here is written for the test (invented companies, people and products, except
where the gazetteer's product-to-maker link is what is tested).
"""

from __future__ import annotations

import pytest

from conftest import primary_in as _primary
from conftest import statements_in as _said
from kb.nlp import action as act
from kb.nlp.blame import classify
from kb.nlp.occurred import occurred
from kb.nlp.segment import split_sentences


# --- cues ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind", [
    # human.choice_not_the_model
    ("That decision, not the model, is the root cause.", "human"),
    ("It was a permissions mistake, not the agent's.", "human"),
    # human.did_what_allowed with credentials, pipelines and access
    ("The assistant did what the credentials allowed.", "human"),
    ("The bot did exactly what our pipeline told it to do.", "human"),
    # human.within_given_limits
    ("The feature worked within the limits the shop set.", "human"),
    # human.configuration_fault (a "failure on our side" that is a configuration one)
    ("This was a configuration failure on our side.", "human"),
    # human.reviewer_remains_responsible
    ("Drafts must be checked by the signing clinician, who remains responsible for them.", "human"),
    # human.fault_was_human
    ("The mistake was human: our engineer approved the change unread.", "human"),
    # vendor.failure_on_our_part: a defect on our side, a gap in how we do something
    ("We've confirmed this was a defect on our side.", "vendor"),
    ("That is a gap in how we classify risky commands.", "vendor"),
    # vendor.reported_own_bug
    ("Brightfold says it was their bug and refunded everyone.", "vendor"),
])
def test_new_blame_cues(sentence, kind):
    assert classify(sentence) == kind


@pytest.mark.parametrize("sentence, kind", [
    # third_party.blames_supplier: a denial does not blame the supplier
    ("We are not blaming the vendor for this.", "third_party"),
    ("The model was not the only thing we tested.", "human"),
    ("The new feature worked well for most shops.", "human"),
    ("The report was human-readable and short.", "human"),
])
def test_blame_look_alikes(sentence, kind):
    assert classify(sentence) != kind


# --- speakers -----------------------------------------------------------------------------

def test_stance_on_fault_introduces_the_verdict(nlp):
    text = ("Quillory co-founder Maren Opdahl spoke to us on Monday.\n\n"
            "Opdahl was blunt about where the fault lay: the key should never have had write "
            "access, and that was \"our mistake, not the tool's\".")
    said = _said(nlp, text, {"quillory"})
    assert [s.blamed for s in said] == ["human"]


def test_official_line_from_the_company_is_its_statement(nlp):
    text = ("The official line from Harrowby Clinic, in an email to staff: \"Drafts must be "
            "checked by the signing clinician, who remains responsible for them.\"")
    said = _said(nlp, text, {"harrowby clinic"})
    assert said and said[0].blamed == "human"


def test_quote_goes_on_after_an_instruction_verb(nlp):
    text = ("\"We built a loop without a ceiling,\" studio director Ilse Varga wrote on her blog. "
            "\"The agent did exactly what our pipeline told it to do.\"")
    said = _said(nlp, text, {"plinth games"})
    assert [s.blamed for s in said] == ["human"]
    assert said[0].speaker.endswith("Varga")


def test_told_with_a_clause_still_reports_speech(nlp):
    # "told reporters that" names its own speaker: the next sentence is not the CEO's
    from kb.nlp.blame import SPEECH_VERB
    assert SPEECH_VERB.search("A user told reporters that the bot was at fault.")
    assert not SPEECH_VERB.search("The bot did what our pipeline told it to do.")


def test_staff_reply_with_role_only_badge_speaks_for_company_in_handle(nlp):
    text = ("Brightfold Community > Bookings\n\n"
            "kim.ostrander  ·  Oct 12\n"
            "The agent bought the same ticket twice.\n\n"
            "Brightfold_Staff_Ana  [STAFF]  ·  Oct 13\n"
            "We've confirmed this was a defect on our side.\n")
    said = _said(nlp, text, {"brightfold"})
    assert [s.blamed for s in said] == ["vendor"]
    assert said[0].rule.startswith("blame.staff_badge")


def test_reply_from_header_with_staff_badge(nlp):
    text = ("Plumtree Merchant Forum > Assistant\n\n"
            "Posted by CandleShop · 3 replies\n"
            "The assistant gave away codes all weekend.\n\n"
            "Reply from PlumtreeTeam_Jo (Plumtree Staff)\n"
            "The feature worked within the limits the store set.\n\n"
            "Reply from another_shop\n"
            "The feature worked within the limits, sure.\n")
    said = _said(nlp, text, {"plumtree"})
    assert [(s.blamed, s.speaker) for s in said] == [("human", "Plumtree")]


def test_bare_repository_header_and_member_badge(nlp):
    text = ("corvina/corvina-cli\n\n"
            "Agent ran reset --hard and lost my work #212\n\n"
            "jdoe-c (Member) commented 2 days ago\n\n"
            "Thanks for the report; that's a gap in how we classify risky commands.\n")
    said = _said(nlp, text, {"corvina"})
    assert [s.blamed for s in said] == ["vendor"]


# --- action type --------------------------------------------------------------------------

def test_secret_pushed_is_data_exposure():
    mention = _primary("Claude Code committed my .env file to a public repo. It then pushed "
                       "the branch to main.")
    assert mention.action_type == "data_exposure"


def test_passive_secret_push_retypes_the_agents_pushes():
    text = ("The secret key for our payments account was pushed to a public repository.\n\n"
            "Claude Code committed the fix and pushed it to main.")
    assert act.tells_secret_published(split_sentences(_nlp(), text))
    assert _primary(text).action_type == "data_exposure"


def test_push_without_a_secret_stays_a_change():
    mention = _primary("Claude Code committed the refactor and pushed it to main without "
                       "asking, overwriting the release branch policy.")
    assert mention.action_type != "data_exposure"


def _nlp():
    from kb.nlp.pipeline import get_pipeline
    return get_pipeline()


# --- occurred -----------------------------------------------------------------------------

def test_iso_date_in_prose(nlp):
    text = "On 2026-08-11 I asked the agent to commit everything. It pushed my keys."
    sentences = split_sentences(nlp, text)
    assert occurred(sentences, {s.index for s in sentences}, None)[0] == "2026-08"


@pytest.mark.parametrize("text", ["The 2019-20 season was long.", "Version 2.2026-01 shipped."])
def test_iso_date_look_alikes(nlp, text):
    sentences = split_sentences(nlp, text)
    found = occurred(sentences, {s.index for s in sentences}, None)
    assert found is None or not found[0].endswith(("-20", "-01"))


def test_own_date_line_anchors_a_background_year(nlp):
    text = ("I asked the agent to find cheap soap. It bought it.\n\nMarch 2025\n\n"
            "The agent completed the order without asking me.\n\n"
            "In 2021, another airline's chatbot invented a refund rule.")
    sentences = split_sentences(nlp, text)
    incident = {s.index for s in sentences if "agent" in s.text}
    assert occurred(sentences, incident, None)[0] == "2025-03"


def test_dashed_numeric_date_in_a_forum_header(nlp):
    # occurred.numeric_date: "20-10-2025, 08:15" as forums print it
    text = ("   kestrel_k  |  Member  |  14-09-2025, 08:15\n"
            "   Every zone on the host vanished after the agent tidied the records.")
    sentences = split_sentences(nlp, text)
    assert occurred(sentences, {s.index for s in sentences}, None)[0] == "2025-09"


def test_name_and_date_byline_under_heavy_chrome_is_the_date_line(nlp):
    # occurred.name_date_byline: "Jo Doe  |  Dec 9, 2025" below the menus dates the article
    chrome = "\n".join(["WIREDESK", "News  Reviews  Deals", "", "SECURITY", "", "Keys leaked",
                        "", "A subtitle about the keys", ""])
    text = chrome + ("\nTomas Reyes  |  Dec 9, 2025\n\nAdvertisement\n\n"
                     "The agent committed a cloud key to a public repository on 21 November.")
    sentences = split_sentences(nlp, text)
    incident = {s.index for s in sentences if "agent" in s.text}
    assert occurred(sentences, incident, "2025-12-09")[0] == "2025-11"


def test_vendors_account_manager_speaks_for_it(nlp):
    # blame.company_contact_role
    text = ("When we raised it with Corvane, their account manager told us the reply \"was a "
            "defect on our side,\" and they credited a month of fees.")
    said = _said(nlp, text, {"corvane health"})
    assert [s.blamed for s in said] == ["vendor"]


def test_account_manager_of_a_shop_is_not_addressed_as_speaker(nlp):
    text = "We wrote to their account manager about the defect on our side."
    assert not _said(nlp, text, {"corvane health"})


def test_verdict_after_colon_is_the_summary():
    # blame.verdict_after_colon
    from kb.nlp.blame import ScoredStatement, summary
    text = ("Opdahl was blunt about where the fault lay: the key should never have had write "
            "access, and that was \"our mistake, not the tool's\".")
    said = ScoredStatement(speaker="Opdahl", blamed="human", quote=text, start=0, end=len(text),
                           cue="not the tool")
    assert summary(said).startswith("the key should never have had write access")
    quoted = 'Opdahl wrote: "It was our mistake, not the tool\'s."'
    said = ScoredStatement(speaker="Opdahl", blamed="human", quote=quoted, start=0, end=len(quoted),
                           cue="not the tool")
    assert summary(said) == "It was our mistake, not the tool's"
