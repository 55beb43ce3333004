"""The speed-ups of `kb analyze` give the same results as the plain way."""

import gzip
import subprocess
import sys

import spacy
from thinc.api import use_ops

from kb.analyze import analyze_documents, analyze_path
from kb.nlp.gazetteer import add_gazetteer
from kb.nlp.model import CachedAttributes, CachedLemmas, load_model, model_name
from kb.nlp.pipeline import get_pipeline
from kb.nlp.prefilter import PREFILTER_NOTE

TEXT = ("The agents were deleting databases while he wiped the files. Running faster, she ran "
        "and I'm sure they'd been told. Replit's AI agent dropped 1,206 records; the bots lied.")


def test_the_cached_lemmatizer_gives_spacy_s_own_lemmas():
    nlp = load_model()
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmas)
    stock = spacy.load(model_name())
    for _ in range(2):  # the second pass reads the cache
        ours = [(t.text, t.lemma_) for t in nlp(TEXT)]
        assert ours == [(t.text, t.lemma_) for t in stock(TEXT)]
    assert ("deleting", "delete") in ours and ("lied", "lie") in ours
    assert [t.lemma_ for t in nlp("")] == []


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_type_, t.is_sent_start)
            for t in doc]


def test_numpy_blas_gives_the_same_annotations_as_thinc_s_default_blis():
    nlp = get_pipeline()
    assert not nlp.get_pipe("tok2vec").model.ops.use_blis
    with use_ops("numpy", use_blis=True):
        stock = add_gazetteer(spacy.load(model_name()))
    assert stock.get_pipe("tok2vec").model.ops.use_blis
    assert _annotations(nlp(TEXT)) == _annotations(stock(TEXT))


def test_the_cached_attribute_ruler_gives_spacy_s_own_annotations():
    nlp = load_model()
    assert isinstance(nlp.get_pipe("attribute_ruler"), CachedAttributes)
    stock = spacy.load(model_name())
    # two-token rules ("ain't", "gonna") and one-token rules (tag map, "'s", "y'all")
    texts = [TEXT, "I ain't gonna say it's y'all's fault.", "AIN'T GONNA", "", "  "]
    for _ in range(2):  # the second pass reads the cache
        for text in texts:
            assert [(t.pos_, str(t.morph), t.lemma_) for t in nlp(text)] == \
                [(t.pos_, str(t.morph), t.lemma_) for t in stock(text)]


def _page(tmp_path, name, body):
    path = tmp_path / name
    path.write_bytes(gzip.compress(f"<html><head><title>{name}</title></head><body><nav>"
                                   "<a href='/ai'>AI chatbot outage: live updates</a></nav>"
                                   f"<article>{body}</article></body></html>".encode()))
    return path


def test_a_page_whose_article_fails_the_pre_filter_is_ruled_out(tmp_path):
    # the visible text passes (the navigation link), the article text does not
    article = "<p>" + "The village fair opened on Saturday with cakes and a brass band. " * 6 + "</p>"
    path = _page(tmp_path, "fair.html.gz", article)
    document, analysis = analyze_path(path)
    assert (analysis.relevant, analysis.note) == (False, PREFILTER_NOTE)
    assert "village fair" in document.text and "live updates" not in document.text


def test_a_page_whose_article_passes_is_analysed_in_full(tmp_path):
    article = ("<p>On Friday the Replit AI agent deleted the production database of a startup "
               "during a code freeze, wiping records of 1,206 executives.</p><p>The company "
               "apologised and said the agent had ignored its instructions.</p>")
    path = _page(tmp_path, "wipe.html.gz", article)
    document, analysis = analyze_path(path)
    assert analysis.relevant and analysis.mentions[0].agent == "Replit Agent"
    records = analyze_documents([("wipe", path), ("wipe again", path)], jobs=2)
    assert [r["doc"] for r in records] == ["wipe", "wipe again"]
    assert records[0]["relevant"] is True
    assert records[0]["incidents"] == records[1]["incidents"]


def test_a_run_with_nothing_to_parse_does_not_import_spacy(tmp_path):
    path = tmp_path / "park.txt"
    path.write_text("Park budget\nThe council approved the park budget for the spring.\n")
    code = ("import sys; from pathlib import Path; from kb.analyze import analyze_documents; "
            "records = analyze_documents([('park', Path(sys.argv[1]))]); "
            "print(records[0]['relevant'], 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "False"]


def test_two_processes_give_the_records_of_one(tmp_path):
    article = ("<p>On Friday the Replit AI agent deleted the production database of a startup "
               "during a code freeze.</p><p>The company apologised.</p>")
    fair = "<p>" + "The village fair opened on Saturday with cakes and a brass band. " * 6 + "</p>"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    docs = [("wipe", _page(tmp_path, "wipe.html.gz", article)),
            ("fair", _page(tmp_path, "fair.html.gz", fair)), ("empty", empty)]
    errors = []
    parallel = analyze_documents(docs, errors.append, jobs=2)
    assert parallel == analyze_documents(docs, jobs=1)
    assert [r["doc"] for r in parallel] == ["wipe", "fair"] and len(errors) == 1
    assert [r["relevant"] for r in parallel] == [True, False]
