"""Agent names that are also people's names (Cline, Devin, Claude ...): a spaCy component that
relabels such an AGENT span as PERSON when the text uses it as someone's name.

Registered as ``kb_person_names`` on import; ``gazetteer.add_gazetteer`` adds it after the NER.
"""

from __future__ import annotations

import json
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Span

from .gazetteer import PATTERN_DIR, PERSON_NAMES


@lru_cache(maxsize=None)
def person_names() -> dict[str, frozenset]:
    """Agent names that are also people's names (``patterns/person_names.json``): ``names``
    (Cline, Devin, Claude ...), the title-case words after such a first name that make it a
    product, not a person (``not_surnames``: "Claude Code", "Devin AI"), and ``roles`` that
    introduce a person ("director Dana Cline")."""
    with open(PATTERN_DIR / "person_names.json", encoding="utf-8") as handle:
        data = json.load(handle)
    return {key: frozenset(w.lower() for w in data[key]) for key in ("names", "not_surnames", "roles")}


def _person_role(doc, ent) -> str | None:
    """``"surname"`` when a one-word AGENT span ``ent`` whose text is a person's name follows a
    capitalised first name or a role word ("Dana Cline", "director Cline"); ``"first name"``
    when it comes before a capitalised surname ("Devin Park"); None when it is the product."""
    words = person_names()
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if before is not None and before.ent_type_ not in ("AGENT", "VENDOR") and (
            before.lower_.rstrip(".") in words["roles"]
            or (before.is_title and before.pos_ == "PROPN"
                and before.lower_ not in words["not_surnames"])):
        return "surname"
    if (after is not None and after.is_title and after.pos_ == "PROPN"
            and after.ent_type_ not in ("AGENT", "VENDOR") and after.lower_ not in words["not_surnames"]):
        return "first name"
    return None


#: Nouns that, just after a bare name, say it is the product ("Devin, the coding agent").
PRODUCT_NOUNS = {"agent", "assistant", "bot", "chatbot", "tool", "model", "ai", "copilot", "ide"}


def _product_context(doc, ent) -> bool:
    """Whether a bare name is told as the product: a product noun within the next five words
    ("Devin, the coding agent") or a maker's possessive before it ("Cognition's Devin")."""
    after = {t.lower_ for t in doc[ent.end:min(ent.end + 5, len(doc))]}
    before = doc[ent.start - 1] if ent.start > 0 else None
    return bool(after & PRODUCT_NOUNS) or (before is not None and before.lower_ in ("'s", "’s"))


@Language.component(PERSON_NAMES)
def mark_person_names(doc):
    """Pattern who.person_name: an agent name that is someone's name in this text (see
    :func:`_person_role`) is a PERSON; once it has been a surname or a first name, so is every
    later one-word mention of it ("Dana Cline ... Cline said", "Devin Booker ... built around
    Devin"), as news refers to people by surname and quotes use first names. Cline is also a
    surname, Devin a first name."""
    names = person_names()["names"]
    surnames: set[str] = set()
    first_names: set[str] = set()
    ents = list(doc.ents)
    changed = False
    for position, ent in enumerate(ents):
        if ent.label_ != "AGENT" or len(ent) != 1 or ent.text.lower() not in names:
            continue
        if ent.text in surnames:
            role = "surname"
        elif ent.text in first_names and not _product_context(doc, ent):
            role = "first name"
        else:
            role = _person_role(doc, ent)
        if role is None:
            continue
        # a person's name now: "Dana Cline ... Cline said", "Devin Booker ... around Devin"
        (surnames if role == "surname" else first_names).add(ent.text)
        ents[position] = Span(doc, ent.start, ent.end, label="PERSON")
        changed = True
    if changed:
        doc.ents = ents
    doc.user_data["kb_surnames"] = surnames
    doc.user_data["kb_first_names"] = first_names
    return doc


def carry_surnames(docs) -> None:
    """Carry the people's names found in any of ``docs`` (the paragraphs of one report, parsed
    one by one) to the others: "director Dana Cline" in one paragraph makes "Cline said" in a
    later one a PERSON too, and "Devin Booker" makes a later bare "Devin" one unless it is told
    as the product there (:func:`_product_context`). Changes the docs' entities in place."""
    surnames = set().union(*(doc.user_data.get("kb_surnames", ()) for doc in docs))
    first_names = set().union(*(doc.user_data.get("kb_first_names", ()) for doc in docs))
    if not surnames and not first_names:
        return

    def person(doc, ent) -> bool:
        return ent.label_ == "AGENT" and len(ent) == 1 and (
            ent.text in surnames or (ent.text in first_names and not _product_context(doc, ent)))

    for doc in docs:
        if any(person(doc, e) for e in doc.ents):
            doc.ents = [Span(doc, e.start, e.end, label="PERSON") if person(doc, e) else e
                        for e in doc.ents]
