"""Shared fixtures: the ../shared folder beside the checkout, temporary databases."""

import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now, for the servers tests start."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def shared() -> Path:
    """../shared beside the checkout (real third-party documents; never copied here)."""
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the tests read real documents from ../shared")
    return SHARED


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "kb.db"


@pytest.fixture(scope="session")
def seeds_kb(tmp_path_factory) -> Path:
    """A knowledge base built from ../shared/seeds plus a hostile incident
    (tests/serve_support.py). Shared by the session: do not change it."""
    from serve_support import build_seeds_db

    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the tests read real documents from ../shared")
    return build_seeds_db(tmp_path_factory.mktemp("seeds") / "kb.db", SHARED / "seeds")


@pytest.fixture(scope="session")
def nlp():
    """The extractor's spaCy pipeline (``kb.nlp.pipeline.get_pipeline``), loaded once."""
    from kb.nlp.pipeline import get_pipeline

    return get_pipeline()


def statements_in(nlp, text: str, companies):
    """``kb.nlp.blame.statements`` over every sentence of ``text`` for the lower-cased names
    in ``companies``: the list of Statement. Shared by the blame tests."""
    from kb.nlp.blame import statements
    from kb.nlp.segment import split_sentences

    return statements(split_sentences(nlp, text), companies)


def deployer_in(nlp, text: str, vendor=None, agent=None, self_hit: bool = False, owner=None):
    """``kb.nlp.deployer.choose_deployer`` over every sentence of ``text``, all taken as about
    the incident, with the first sentence as the report's title: ``(name, sentence, rule)`` or
    None. Shared by the deployer tests."""
    from kb.nlp.deployer import choose_deployer
    from kb.nlp.segment import split_sentences

    sentences = split_sentences(nlp, text)
    return choose_deployer(sentences, vendor, agent, {s.index for s in sentences}, self_hit,
                           owner, sentences[0].lower)


def primary_in(text: str, title=None):
    """The primary mention ``kb.nlp.pipeline`` extracts from ``text`` taken as relevant
    (relevance is tested on its own): a Mention, asserted to exist. Shared by the who tests."""
    from kb.nlp.pipeline import _primary, _weights, get_pipeline
    from kb.nlp.segment import split_sentences

    sentences = split_sentences(get_pipeline(), text)
    mention, _ = _primary(text, sentences, _weights(sentences, title), None)
    assert mention is not None and mention.primary
    return mention


def rule_of(mention, field: str) -> str:
    """The rule of the first evidence row of ``field`` in ``mention``."""
    return next(e.rule for e in mention.evidence if e.field == field)
