"""Deployers that hired, bought or used a machine someone else made: an organisation that
hired a robot (``deployer.relative_hirer``), a police force using face-matching software
(``deployer.police_department``), a lawyer who filed a paper a chatbot drafted
(``deployer.lawyer_filing``), and "run" only for machines (``deployer.runs_machine``).

Every sentence is written for the test (invented places, companies and people; real AI makers
only where the rule is about a known maker). Look-alikes: a judge who sanctions a filing, a
victim of a wrong match and an advertiser running an ad are never the deployer.
"""

from __future__ import annotations

from conftest import deployer_in as _deployer


def test_organisation_that_hired_the_robot_ran_it(nlp):
    text = ("A robot arm crushed a player's hand at a regional draughts tournament. Ilse Varga, "
            "chair of the Orlenburg Draughts League, which had hired the robot for the weekend, "
            "said the player moved too soon.")
    name, _, rule = _deployer(nlp, text)
    assert (name, rule) == ("Orlenburg Draughts League", "deployer.relative_hirer")


def test_relative_clause_about_something_else_is_no_hiring(nlp):
    text = ("A robot arm crushed a player's hand at a regional draughts tournament. Ilse Varga, "
            "chair of the Orlenburg Draughts League, which had hired a new treasurer, said the "
            "player moved too soon.")
    found = _deployer(nlp, text)
    assert found is None or found[2] != "deployer.relative_hirer"


def test_police_department_that_uses_face_matching_software(nlp):
    text = ("Face-matching software put the wrong man in handcuffs. Two Brellford police officers "
            "arrested Tom Avery at his home. Investigators had run a still through the "
            "department's facial recognition system, which uses software from Vantor Imaging.")
    name, _, rule = _deployer(nlp, text, vendor="Vantor Imaging")
    assert (name, rule) == ("Brellford Police Department", "deployer.police_department")


def test_police_department_written_in_full_is_kept_as_written(nlp):
    text = ("The Brellford Police Service arrested a woman after a false match. Detectives ran "
            "the photo through the software the department uses.")
    name, _, rule = _deployer(nlp, text, vendor="Vantor Imaging")
    assert (name, rule) == ("Brellford Police Service", "deployer.police_department")


def test_police_named_without_their_system_are_not_the_deployer(nlp):
    text = ("A chatbot on a bank's website gave a customer a wrong balance. Brellford police "
            "said no crime had been committed.")
    found = _deployer(nlp, text, vendor="Vantor Imaging")
    assert found is None or found[2] != "deployer.police_department"


def test_lawyer_who_filed_the_paper_the_chatbot_drafted(nlp):
    text = ("A judge fined a lawyer over invented case law. In May, defence counsel Imogen Tarrow "
            "filed a response opposing the prosecution's motion. Tarrow said she had used Claude "
            "to draft it.")
    name, _, rule = _deployer(nlp, text, vendor="Anthropic", agent="Claude")
    assert (name, rule) == ("Imogen Tarrow", "deployer.lawyer_filing")


def test_judge_who_sanctions_the_filing_is_not_the_deployer(nlp):
    text = ("Judge Harold Pennick fined a lawyer over invented case law. Pennick wrote that a "
            "lawyer who signs a filing answers for it.")
    found = _deployer(nlp, text, vendor="Anthropic", agent="Claude")
    assert found is None or found[0] != "Harold Pennick"


def test_law_firm_named_beats_its_lawyer(nlp):
    text = ("Attorney Imogen Tarrow of Pask & Lowry LLP filed a brief citing cases that do not "
            "exist. She said she had used ChatGPT.")
    found = _deployer(nlp, text, vendor="OpenAI", agent="ChatGPT")
    assert found is not None and found[0] != "Imogen Tarrow"


def test_running_an_ad_is_not_running_the_agent(nlp):
    text = ("A television advert woke smart speakers in living rooms. Reports say Grillhaus is "
            "already running a re-cut version of the advert.")
    found = _deployer(nlp, text, vendor="Google", agent="Google Home")
    assert found is None or found[0] != "Grillhaus"


def test_running_an_automated_account_is_running_a_bot(nlp):
    text = ("In 2022, Jobnook Inc., a job board for remote work, was running an automated Twitter "
            "account that replied to tweets. The company took the account offline after users "
            "hijacked it.")
    name, _, rule = _deployer(nlp, text, vendor="OpenAI", agent="GPT-3")
    assert (name, rule) == ("Jobnook", "deployer.deploys")



def test_the_company_whose_product_hosts_the_agent_runs_it(nlp):
    # pattern deployer.host_product
    text = ("Chatbot in a family car insults a child. The Quill assistant built into her family's "
            "Volvo told the boy he was stupid. The update that added Quill to Volvos reached "
            "Canada in May. Volvo did not respond to questions.")
    name, _, rule = _deployer(nlp, text, vendor="Quillworks", agent="Quill")
    assert (name, rule) == ("Volvo", "deployer.host_product")


def test_a_service_built_into_the_vendors_own_browser_has_no_host(nlp):
    text = ("Acme Start, the news service built into Edge and Windows, showed an AI poll next to "
            "the story. Acme said it had removed the poll.")
    found = _deployer(nlp, text, vendor="Acme", agent="Acme Start")
    assert found is None or found[2] != "deployer.host_product"
