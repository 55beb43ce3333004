"""Whom the company's statement blamed: ``human``, ``ai``, ``vendor``, ``third_party`` or ``none``.

A sentence is a *company statement* when it has

1. a company speaker, found in this order:

   - the vendor or deployer named (or an alias, or the agent's name: ``companies``);
   - a product of one of those companies standing as the subject of a verb ("Cursor publicly
     acknowledged the issue": the company trades under its product's name); a foundation
     model (Claude, Gemini) never speaks for a company;
   - a company role word (``ROLE``: spokesperson, CEO, founder, "the company", "in a
     statement", "internal documents", "the developer's postmortem", "its post-mortem");

2. an attribution cue: a speech or stance verb (said, stated, acknowledged, blamed, attributed,
   characterized, called, apologized, argued, admitted ...) or "according to", or it sits
   under a heading about the response/statement.

Speakers carry over in three reported-speech patterns:

- *block quote*: the paragraph right after an attribution ending in ":" ("the founder wrote:")
  is the introducer's, whatever it names;
- *reported continuation*: later sentences of the same paragraph as an attribution ("The
  developer's postmortem rules out two explanations. ... The failure was state: ...") are the
  same speaker's, until a sentence names another speaker; a sentence with its own speech or
  opinion verb ("a poster thought") is not inherited (weight 0.6);
- *subject-less follow-up*: a verb-initial sentence right after a statement under the same
  heading ("- Cursor acknowledged the issue. - Clarified that no such policy existed.") extends
  that statement's quote.

A sentence that relays someone else's words ("As The Register put it: ...") is not the
company's statement unless that someone is the company.

Its category comes from the first cue table (``patterns/blame_cues.jsonl``, in
``CATEGORY_ORDER``) that matches. Each statement has a weight (1): a cue inside quotation marks (direct speech) +1, a speaker
that is the grammatical subject +0.5; a title or heading
line (a headline about a statement, not the statement) or a cue used as a label ("the 'human
error' label") counts half. The mention's ``blamed``
is the category with the largest total weight (ties to the earliest); its summary statement is
that category's heaviest statement. A victim blaming themselves on a forum is not a company
statement unless they speak for the deployer.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from spacy.tokens import Span
from spacy.util import registry

from .gazetteer import is_model, vendor_of
from .segment import Sentence
from .types import Statement

CATEGORY_ORDER = ("human", "third_party", "ai", "vendor")
CUE_FILE = Path(__file__).parent / "patterns" / "blame_cues.jsonl"


@registry.misc("kb.blame_cues.v2")
def blame_cues() -> dict[str, list[str]]:
    """Regular expressions (over the lower-cased sentence) naming whom a statement holds
    responsible, by category, read from ``patterns/blame_cues.jsonl``
    (``{"blamed": "human", "pattern": "\\\\buser error"}``)."""
    cues: dict[str, list[str]] = {kind: [] for kind in CATEGORY_ORDER}
    with open(CUE_FILE, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                cues[row["blamed"]].append(row["pattern"])
    return cues


_CUES = {kind: [re.compile(p) for p in pats] for kind, pats in blame_cues().items()}
ATTRIBUTION = re.compile(r"\b(?:said|says|stated|states|told|tells|acknowledg|blam|attribut|characteri[sz]|"
                         r"called|calls|apologi[sz]|argu|insist|admit|maintain|emphasi[sz]|explain|"
                         r"wrote|posted|confirm|denied|denies|claim|according to|described|statement|"
                         r"position|response|responded|conclu|labell?ed|pinned|put it down|noted|disclos|"
                         r"rules? out|ruled out|reject|clarif|traced|identified)", re.I)
ROLE = re.compile(r"\b(?:spokes(?:person|man|woman)|ceo|cto|chief executive|founder|president|"
                  r"the company|the firm|the airline|the retailer|the agency|the department|"
                  r"in a statement|official|representative|executive|editor|management|"
                  r"the startup|the court|the tribunal|the judge|leadership|"
                  r"internal (?:documents?|documentation|memo|review|post-?mortem|report)|"
                  r"(?:the )?(?:developer|maintainer|operator|team|company|project)(?:'s|’s|s') "
                  r"(?:own |published |public |official )?(?:post-?mortem|write-?up|incident report)|"
                  r"(?:its|their) (?:own |published |public |official )?(?:post-?mortem|incident report))\b",
                  re.I)
#: Sections that list links or other material, not statements.
SKIP_HEADING = re.compile(r"reference|source|further reading|related|see also|links|citation", re.I)
RESPONSE_HEADING = re.compile(r"respon|statement|official|company|position|blame|reaction", re.I)
#: A sentence that reports someone else speaking ("critics said", "researchers argue").
OTHER_SPEAKER = re.compile(r"\b(?:critics?|observers?|analysts?|researchers?|experts?|commenters?|"
                           r"users?|journalists?|reporters?|some|others|many)\s+(?:have\s+)?"
                           r"(?:said|say|argued?|argues|noted?|notes|wrote|write|claimed?|claims|"
                           r"pointed out|point out|called|call)\b", re.I)
#: "As The Register put it: ..." -- a publication or commentator relaying, not the company.
RELAYED = re.compile(r"\bas (?P<source>[^,:;]{2,40}?) (?:put it|noted|wrote|reported|observed|summed (?:it )?up)\b",
                     re.I)
#: Verbs of saying: a sentence with one reports its own speaker.
SPEECH_VERB = re.compile(r"\b(?:said|says|told|tells|wrote|writes|posted|claimed|claims|stated|states|"
                         r"added|replied|responded|tweeted|according to)\b", re.I)
#: Verbs of opinion: a sentence with one has its own holder, not the paragraph's speaker.
OPINION = re.compile(r"\b(?:thinks?|thought|believes?|believed|feels?|felt|suspects?|suspected|"
                     r"speculat\w*|guess(?:es|ed)?|reckons?|reckoned|argues|argued)\b", re.I)
QUOTED = re.compile(r"[\"“‘'](.{3,}?)[\"”’']")
SPEECH_DEPS = {"nsubj", "nsubjpass"}
#: The cue named as a label, not said ("the 'human error' label", "the user-error narrative").
LABEL_NOUN = re.compile(r"^[\"”’']?\s*(?:label|narrative|framing|excuse|defen[cs]e|explanation|card|line)s?\b")


@dataclass
class ScoredStatement(Statement):
    """A Statement with how much it counts (``weight``) and the rule that found it."""

    weight: float = 1.0
    rule: str = "blame.cue"


def cue(text: str) -> Optional[tuple[str, str]]:
    """``(category, matched words)`` for the first cue that matches ``text``, or None."""
    lower = text.lower()
    for kind in CATEGORY_ORDER:
        for pattern in _CUES[kind]:
            match = pattern.search(lower)
            if match:
                return kind, match.group(0)
    return None


def classify(text: str) -> Optional[str]:
    """The blame category a sentence's cues name, or None (see ``blame_cues``)."""
    found = cue(text)
    return found[0] if found else None


def _is_subject(span: Span, char: int) -> bool:
    """True when the token at sentence offset ``char`` is (in) the subject of a verb."""
    token = next((t for t in span if t.idx >= span.start_char + char), None)
    while token is not None and token.dep_ not in SPEECH_DEPS and token.head is not token:
        if token.dep_ in ("compound", "poss", "amod", "det", "case", "nmod", "appos", "flat"):
            token = token.head
        else:
            return False
    return token is not None and token.dep_ in SPEECH_DEPS


def _product_speaker(span: Span, companies: set[str]) -> Optional[str]:
    """A product of a speaking company used as the company's name, as a verb's subject."""
    for ent in span.ents:
        if ent.label_ != "AGENT" or is_model(ent.ent_id_):
            continue
        maker = (vendor_of(ent.ent_id_) or "").lower()
        if maker in companies and ent.root.dep_ == "nsubj" and ent.root.head.pos_ == "VERB":
            return ent.text
    return None


def _speaker(sentence: Sentence, companies: set[str]) -> Optional[tuple[str, int]]:
    """The company speaking in the sentence and its offset in it: a named company, a product of
    it as a subject, else a role word; None when there is none."""
    span = sentence.span
    for ent in span.ents:
        name = ent.ent_id_ or ent.text
        if name.lower() in companies or ent.text.lower() in companies:
            return name, ent.start_char - span.start_char
    lower = sentence.lower
    for name in sorted(companies, key=len, reverse=True):
        match = re.search(r"\b" + re.escape(name) + r"\b", lower) if len(name) > 2 else None
        if match:
            return span.text[match.start():match.end()], match.start()
    product = _product_speaker(span, companies)
    if product:
        return product, span.text.index(product)
    match = ROLE.search(span.text)
    return (match.group(0), match.start()) if match else None


def _weight(sentence: Sentence, offset: int, matched: str) -> float:
    """How much a statement counts: subject speaker or a quoted cue +0.5, a title line x0.5."""
    weight = 1.0
    text = sentence.span.text
    if text.lstrip()[:1] in "\"“" or any(matched in q.group(1).lower() for q in QUOTED.finditer(text)):
        weight += 1.0
    if _is_subject(sentence.span, offset):
        weight += 0.5
    if sentence.line == 0 or sentence.is_heading:
        weight *= 0.5
    lower = sentence.lower
    at = lower.find(matched)
    if at >= 0 and LABEL_NOUN.match(lower[at + len(matched):]):
        weight *= 0.5
    return weight


def _follow_up(sentence: Sentence, previous: Optional[ScoredStatement], last: Optional[Sentence]) -> bool:
    """A verb-initial sentence right after a statement, under the same heading."""
    if previous is None or last is None or sentence.index != last.index + 1:
        return False
    if sentence.heading != last.heading:
        return False
    first = next((t for t in sentence.span if not t.is_punct and not t.is_space), None)
    return bool(first is not None and first.tag_ in ("VBD", "VBN", "VBZ")
                and not any(t.dep_ in SPEECH_DEPS for t in first.children))


def statements(sentences: Iterable[Sentence], companies: set[str]) -> list[ScoredStatement]:
    """Company statements with a blame category, in text order (see the module doc).

    ``companies`` holds lower-cased names (and aliases) of the vendor, deployer and agent.
    Reference and link sections are skipped. Offsets are those of the sentence (of the first
    and last sentence when a follow-up extends a statement).
    """
    found: list[ScoredStatement] = []
    introduced: Optional[str] = None
    quote_line: Optional[int] = None
    reporting: Optional[tuple[str, int]] = None  # (speaker, line) of the paragraph's attribution
    last: Optional[Sentence] = None
    for sentence in sentences:
        if SKIP_HEADING.search(sentence.heading):
            continue
        text = sentence.span.text
        if _follow_up(sentence, found[-1] if found else None, last):
            statement = found[-1]
            statement.quote = f"{statement.quote} {text.strip()}"
            statement.end = sentence.end
            last = sentence
            continue
        who = _speaker(sentence, companies)
        speaker, offset = who if who else (None, 0)
        attributed = bool(ATTRIBUTION.search(text) or RESPONSE_HEADING.search(sentence.heading))
        rule, inherited = "blame.cue", False
        if introduced and quote_line in (None, sentence.line):
            # the quote after "the founder wrote:" (every sentence of its paragraph) is the
            # founder's, whoever it names
            speaker, attributed, quote_line, rule = introduced, True, sentence.line, "blame.block_quote"
        elif speaker and attributed and text.rstrip().endswith(":"):
            introduced, quote_line = speaker, None
        else:
            introduced = None
        if speaker and attributed:
            reporting = (speaker, sentence.line)
        elif (speaker is None and reporting and reporting[1] == sentence.line
              and not OTHER_SPEAKER.search(text) and not OPINION.search(text)
              and not SPEECH_VERB.search(text)):
            speaker, attributed, inherited, rule = reporting[0], True, True, "blame.reported_continuation"
        elif reporting and reporting[1] != sentence.line:
            reporting = None
        if OTHER_SPEAKER.search(text):
            reporting = None
        found_cue = cue(text)
        if found_cue is None or speaker is None or not attributed:
            continue
        relayed = RELAYED.search(text)
        if relayed and speaker.lower() not in relayed.group("source").lower():
            continue
        kind, matched = found_cue
        weight = 0.6 if inherited else _weight(sentence, offset, matched)
        found.append(ScoredStatement(speaker=speaker, blamed=kind, quote=text.strip(),
                                     start=sentence.start, end=sentence.end, weight=weight,
                                     rule=f"{rule}:{matched}"))
        last = sentence
    return found


def decide(found: list[Statement]) -> tuple[str, Optional[Statement]]:
    """The category with the largest total weight among ``found`` (ties to the earliest) and
    its heaviest statement; ``("none", None)`` if empty."""
    if not found:
        return "none", None
    totals: dict[str, float] = defaultdict(float)
    for statement in found:
        totals[statement.blamed] += getattr(statement, "weight", 1.0)
    top = max(totals.values())
    kind = next(s.blamed for s in found if totals[s.blamed] == top)
    best = max((s for s in found if s.blamed == kind), key=lambda s: getattr(s, "weight", 1.0))
    return kind, best
