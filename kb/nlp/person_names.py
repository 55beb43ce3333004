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


@Language.component(PERSON_NAMES)
def mark_person_names(doc):
    """Pattern who.person_name: an agent name that is someone's name in this text (see
    :func:`_person_role`) is a PERSON; once it has been a surname, so is every later one-word
    mention of it ("Dana Cline ... Cline said"), as news refers to people by surname. Cline
    is also a surname, Devin a first name."""
    names = person_names()["names"]
    surnames: set[str] = set()
    ents = list(doc.ents)
    changed = False
    for position, ent in enumerate(ents):
        if ent.label_ != "AGENT" or len(ent) != 1 or ent.text.lower() not in names:
            continue
        role = "surname" if ent.text in surnames else _person_role(doc, ent)
        if role is None:
            continue
        if role == "surname":
            surnames.add(ent.text)
        ents[position] = Span(doc, ent.start, ent.end, label="PERSON")
        changed = True
    if changed:
        doc.ents = ents
    doc.user_data["kb_surnames"] = surnames
    return doc


def carry_surnames(docs) -> None:
    """Carry the surnames found in any of ``docs`` (the paragraphs of one report, parsed one by
    one) to the others: "director Dana Cline" in one paragraph makes "Cline said" in a later
    one a PERSON too. Changes the docs' entities in place."""
    surnames = set().union(*(doc.user_data.get("kb_surnames", ()) for doc in docs))
    if not surnames:
        return
    for doc in docs:
        if not any(e.label_ == "AGENT" and e.text in surnames for e in doc.ents):
            continue
        doc.ents = [Span(doc, e.start, e.end, label="PERSON")
                    if e.label_ == "AGENT" and len(e) == 1 and e.text in surnames else e
                    for e in doc.ents]
