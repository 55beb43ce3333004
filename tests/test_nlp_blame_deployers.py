"""Blame forms of deployers and makers of physical and public-sector AI systems: a person
judged at fault, a victim who moved into the machine, broken rules, poor investigative work,
blame on the deployer's own staff, another vehicle or another tool; a maker reducing the chance
of a repeat, an unintended exposure, a rolled-back release, an admitted inability; and the
speakers such reports use (a police chief, "who runs Acme", "His account: ...").

Every sentence here is written for the test (invented companies, people and products).
"""

from __future__ import annotations

import pytest

from kb.nlp.blame import classify, decide
from conftest import statements_in as _said


@pytest.mark.parametrize("sentence, kind", [
    # human.person_at_fault
    ("The firm said the driver of the van \"was largely at fault\" for the crash.", "human"),
    ("A spokesman said the cyclist was to blame.", "human"),
    # human.victim_moved_into
    ("It said the girl stepped backwards into the path of the cart.", "human"),
    ("The operator said a shopper darted directly in front of the unit.", "human"),
    # human.broke_rules
    ("The organiser said the player had ignored the tournament rules by reaching across.", "human"),
    ("She said one of the contractors violated our data handling policies.", "human"),
    # human.poor_work, human.blame_on_own_staff, human.not_the_technology
    ("The sheriff called it shoddy, shoddy police work.", "human"),
    ("The mayor put the blame on her own officers.", "human"),
    ("The failure was in how it was used, not the software itself.", "human"),
    # human.user_warned, human.user_duty
    ("Customers are shown a warning before the archive is purged.", "human"),
    ("People who rely on the app for work should keep their own backups.", "human"),
    # third_party.other_vehicle_struck, third_party.other_tool_blamed
    ("A hit-and-run driver heading north struck the cyclist first.", "third_party"),
    ("The attorney blamed another tool, a citation checker that had not flagged anything.",
     "third_party"),
    # ai.automation_produced
    ("He said the automation in the editor produced a picture that was not true to the original.",
     "ai"),
    # vendor.reduce_recurrence, vendor.never_meant, vendor.rolled_back_release, vendor.we_were_unable
    ("The firm said it was exploring ways to make this kind of misfire less likely.", "vendor"),
    ("We never intended those draft pages to be indexed.", "vendor"),
    ("The maker is rolling back to the previous build for now.", "vendor"),
    ("We have been unable to forecast demand well enough to run the service.", "vendor"),
])
def test_deployer_forms(sentence, kind):
    assert classify(sentence) == kind


@pytest.mark.parametrize("sentence", [
    "The robot ignored the rules the staff had set for it.",  # the machine broke them, not a person
    "The robot rolled into the fountain on its second day.",  # a machine moving, not a victim
    "The driver was responsible for charging the fleet.",  # a duty, not fault for the crash
    "The team never meant to ship the beta this early.",  # a plan, not an exposure
    "Critics say the technology is not ready.",
    "Another tool flagged the citations a day later.",  # no one blamed it
])
def test_deployer_look_alikes_are_not_blame(sentence):
    assert classify(sentence) is None


def test_police_chief_named_before_the_name_speaks(nlp):
    text = ("Officers arrested the wrong man after a face match.\n\n"
            "At a briefing, Police Chief Dana Roe said the arrest came from \"very poor "
            "investigative work\" and not from the technology itself.\n")
    said = _said(nlp, text, {"velmont police department"})
    assert [(s.speaker, s.blamed) for s in said] == [("Dana Roe", "human")]


def test_person_who_runs_the_company_speaks_for_it(nlp):
    text = ("Daniel Moore, who runs Pinecrest Analytics, let his agent loose on a server he "
            "keeps at Pinecrest.\n\n"
            "He says the outage came from \"being careless with the agent's access\".\n")
    said = _said(nlp, text, {"pinecrest analytics"})
    assert [(s.speaker, s.blamed, s.rule.split(":")[0]) for s in said] == \
        [("Daniel Moore", "human", "blame.pronoun")]


def test_his_account_is_the_last_spokespersons(nlp):
    text = ("A bulletin showed an altered photo of the minister.\n\n"
            "Lee Pask, news director at Tarn Media, has apologised. His account: the desk cropped "
            "the photo and the automation in the photo tool produced an image that was not faithful "
            "to the original.\n")
    said = _said(nlp, text, {"tarn media"})
    assert decide(said)[0] == "ai"


def test_victims_self_blame_on_a_forum_is_not_the_company(nlp):
    text = ("I let the Quillby agent clean my disk. Honestly I ignored the rules I set myself and "
            "it was sloppy, sloppy work on my part.\n")
    assert _said(nlp, text, {"quillby labs"}) == []


def test_commenter_on_the_company_is_not_its_statement(nlp):
    text = ("Quillby Labs shipped a new agent last week.\n\n"
            "Critics said the driver was most at fault, not Quillby.\n")
    assert _said(nlp, text, {"quillby labs"}) == []


def test_company_blog_stacked_byline_speaks_as_we(nlp):
    text = ("Pinecrest   The Journal\n\n"
            "How we handle voice samples\n\n"
            "Daniel Moore\n"
            "Product Manager, Speech\n\n"
            "We recently learned that one of our contractors violated our data handling policies "
            "by sharing recordings.\n")
    said = _said(nlp, text, {"pinecrest"})
    assert [(s.blamed, s.rule.split(":")[0]) for s in said] == [("human", "blame.author")]


def test_reporters_stacked_byline_is_not_the_company(nlp):
    text = ("Pinecrest   The Journal\n\n"
            "Daniel Moore\n"
            "Senior Reporter\n\n"
            "We recently learned that one of our contractors violated our data handling policies.\n")
    assert _said(nlp, text, {"pinecrest"}) == []


@pytest.mark.parametrize("sentence, kind", [
    ("It was a bug in the scheduler.", "vendor"),  # vendor.a_bug
    ("That's not a bug, that's how it was built.", None),  # a bug denied admits nothing
])
def test_negated_bug(sentence, kind):
    assert classify(sentence) == kind
