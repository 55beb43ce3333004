"""The cheap pre-filter before spaCy: never drops a relevant report, skips most pages."""

import json
import re
from pathlib import Path

from click.testing import CliRunner

from kb.cli import cli
from kb.nlp.prefilter import may_describe_incident, trie_alternation
from kb.text import read_document
from conftest import SHARED


def test_an_ai_term_near_a_harm_term_passes():
    assert may_describe_incident("The coding agent deleted the staging database on Friday.")
    assert may_describe_incident("Users said Kiro wiped their work.")


def test_far_apart_or_missing_terms_do_not_pass():
    assert not may_describe_incident("The council approved a new park budget for the spring.")
    far = "Our AI newsletter is out. " + "Weather is mild. " * 80 + "The bridge was closed after a crash."
    assert not may_describe_incident(far)


def test_no_relevant_dev_document_is_dropped():
    gold = [json.loads(line) for line in (SHARED / "gold" / "dev.jsonl").read_text().splitlines()]
    dropped = [g["doc"] for g in gold if g["relevant"]
               and not may_describe_incident(read_document(SHARED / g["doc"]).text)]
    assert dropped == []


def test_analyze_skips_an_unrelated_html_page_cheaply(tmp_path):
    page = tmp_path / "recipe.html"
    page.write_text("<html><head><script>var error = false; var ai = 1;</script></head><body>"
                    "<article><p>Mix the flour and the butter, then bake for forty minutes.</p>"
                    "</article></body></html>")
    result = CliRunner().invoke(cli, ["analyze", str(page)])
    assert result.exit_code == 0
    assert json.loads(result.output) == {"doc": str(page), "relevant": False, "incidents": []}


def test_trie_alternation_matches_the_same_words_as_a_flat_alternation():
    words = ["chatgpt", "chat", "chatbot", "claude code", "claude", "kiro", "c++"]
    trie = re.compile(rf"\b(?:{trie_alternation(words)})\b")
    flat = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})\b")
    text = "claude code and claude, chatgpt or a chat with chatbots; kiros, kiro. c++ chatbot"
    assert [m.group() for m in trie.finditer(text)] == [m.group() for m in flat.finditer(text)]
    assert [m.group() for m in trie.finditer(text)] == [
        "claude code", "claude", "chatgpt", "chat", "kiro", "chatbot"]


def test_the_pre_filter_ignores_case():
    assert may_describe_incident("CLAUDE CODE DELETED THE PRODUCTION DATABASE")
    assert may_describe_incident("the chatgpt answer was FABRICATED")


def test_exposed_personal_data_and_an_abusive_chatbot_are_harm_terms():
    """People's data left reachable ("a vulnerability", "the password 123456", "personal
    details") and a chatbot abusing its users ("hostile", "threatened", "insulted", "racist")
    stand for harm; the same AI terms beside everyday words do not pass."""
    assert may_describe_incident("Researchers got into the AI hiring bot's admin panel: the password was 123456.")
    assert may_describe_incident("The chatbot held the personal details of every applicant.")
    assert may_describe_incident("Users said the chatbot became hostile and threatened them.")
    assert may_describe_incident("The bot insulted a customer and posted racist jokes.")
    assert not may_describe_incident("The chatbot greets shoppers and answers questions about opening hours.")


def test_a_purchase_an_assistant_made_passes_the_prefilter():
    """A voice assistant that ordered or bought something on its own is a harm term's
    neighbour; the same purchase with no AI term nearby is not."""
    assert may_describe_incident("The voice assistant went ahead and ordered a $160 dollhouse.")
    assert may_describe_incident("Our AI shopping agent bought two dozen eggs at full price.")
    assert not may_describe_incident("The family ordered a dollhouse for the holidays.")
