"""Whom the company's statement blamed: ``human``, ``ai``, ``vendor``, ``third_party`` or ``none``.

A sentence is a *company statement* when it has

1. a company speaker: the vendor or deployer named (or its alias), or a company role word
   (spokesperson, CEO, "the company", "in a statement", "the airline"); a first-person plural
   ("we", "our") inside quotes counts when the sentence also names the company; and
2. an attribution cue: a speech or stance verb (said, stated, told, acknowledged, blamed,
   attributed, characterized, called, apologized, argued, insisted, admitted) or
   "according to", or it sits under a heading about the response/statement.

Its category comes from the first cue table (``BLAME_CUES``, in ``CATEGORY_ORDER``) that matches.
The mention's ``blamed`` is the most frequent category among its statements, ties to the
earliest; ``none`` without statements. A victim blaming themselves on a forum is not a company
statement unless they speak for the deployer.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from spacy.util import registry

from .segment import Sentence
from .types import Statement

CATEGORY_ORDER = ("human", "third_party", "ai", "vendor")


@registry.misc("kb.blame_cues.v1")
def blame_cues() -> dict[str, list[str]]:
    """Regular expressions (lower-cased sentence) naming whom a statement holds responsible."""
    return {
        "human": [r"\bhuman error", r"\buser error", r"\b(?:employee|operator|engineer|staff|customer) error",
                  r"\bmisconfigur", r"\b(?:incorrectly|improperly|wrongly) configured", r"\bnot (?:the )?ai\b",
                  r"\bnot an? ai (?:error|problem|issue)", r"\bfollow(?:ed|ing) inaccurate",
                  r"\bpoor (?:professional )?judg(?:e)?ment", r"\bfailure of our standards",
                  r"\b(?:the )?(?:engineer|employee|operator|user|lawyer|reporter)s? (?:was|were) (?:at fault|responsible|to blame)",
                  r"\bblamed (?:the )?(?:employees?|engineers?|staff|users?|humans?|people|operators?)",
                  r"\bbroader permissions than expected", r"\bwithout (?:proper )?verif(?:y|ication)",
                  r"\bbad faith\b"],
        "third_party": [r"\battacker", r"\bthreat actor", r"\bmalicious (?:actor|party|script|code|contributor|commit|pull request)",
                        r"\bhacker", r"\bbad actor", r"\bthird[- ]party", r"\bcompromised (?:token|credential|account)",
                        r"\bsupply[- ]chain attack", r"\binjected by"],
        "ai": [r"\bseparate legal entity", r"\bresponsible for its own actions",
               r"\bblamed (?:the )?(?:ai|chatbot|bot|agent|model|algorithm)\b",
               r"\ban ai (?:coding )?agent\b.{0,120}\b(?:deleted|wiped|destroyed) our\b", r"\bthe ai (?:went rogue|decided on its own)"],
        "vendor": [r"\bwe own (?:this|it)", r"\bunacceptable\b", r"\bshould never (?:be possible|have happened)",
                   r"\bapologi[sz]", r"\bour (?:mistake|fault|error)", r"\bwe made a mistake",
                   r"\btake[s]? (?:full )?responsibility", r"\backnowledged (?:the |a )?(?:issue|bug|vulnerability|problem|error|flaw|mistake|malfunction|system malfunction)",
                   r"\ban error occurred", r"\bsystem update", r"\ba bug\b", r"\bpre-written scripts",
                   r"\bthe failure was\b", r"\bconnected the activity to its own", r"\bwe are sorry\b",
                   r"\bwe're sorry\b", r"\bincorrect (?:response|answer) from (?:a|our|the) (?:front-line )?(?:ai|bot)"],
    }


_CUES = {kind: [re.compile(p) for p in pats] for kind, pats in blame_cues().items()}
ATTRIBUTION = re.compile(r"\b(?:said|says|stated|states|told|tells|acknowledg|blam|attribut|characteri[sz]|"
                         r"called|calls|apologi[sz]|argu|insist|admit|maintain|emphasi[sz]|explain|"
                         r"wrote|posted|confirm|denied|denies|claim|according to|described|statement|"
                         r"position|response|responded|conclu|labell?ed|pinned|put it down|noted|disclos)", re.I)
ROLE = re.compile(r"\b(?:spokes(?:person|man|woman)|ceo|cto|chief executive|founder|president|"
                  r"the company|the firm|the airline|the retailer|the agency|the department|"
                  r"in a statement|official|representative|executive|editor|management|"
                  r"the startup|the court|the tribunal|the judge|leadership|"
                  r"internal (?:documents?|documentation|memo|review|post-?mortem|report))\b", re.I)
#: Sections that list links or other material, not statements.
SKIP_HEADING = re.compile(r"reference|source|further reading|related|see also|links|citation", re.I)
RESPONSE_HEADING = re.compile(r"respon|statement|official|company|position|blame|reaction", re.I)


def classify(text: str) -> Optional[str]:
    """The blame category a sentence's cues name, or None (see ``blame_cues``)."""
    lower = text.lower()
    for kind in CATEGORY_ORDER:
        if any(p.search(lower) for p in _CUES[kind]):
            return kind
    return None


def _speaker(sentence: Sentence, companies: set[str]) -> Optional[str]:
    """The company speaking in the sentence: a named company, else a role word, else None."""
    for ent in sentence.span.ents:
        name = ent.ent_id_ or ent.text
        if name.lower() in companies or ent.text.lower() in companies:
            return name
    lower = sentence.lower
    for name in sorted(companies, key=len, reverse=True):
        match = re.search(r"\b" + re.escape(name) + r"\b", lower) if len(name) > 2 else None
        if match:
            return sentence.span.text[match.start():match.end()]
    match = ROLE.search(sentence.span.text)
    return match.group(0) if match else None


def statements(sentences: Iterable[Sentence], companies: set[str]) -> list[Statement]:
    """Company statements with a blame category, in text order.

    ``companies`` holds lower-cased names (and aliases) of the vendor, deployer and agent.
    The sentences of the paragraph right after an attribution ending in ":" ("the founder
    wrote:") inherit its speaker (a block quote). Reference and link sections are skipped. Offsets are those of
    the sentence.
    """
    found = []
    introduced: Optional[str] = None
    quote_line: Optional[int] = None
    for sentence in sentences:
        if SKIP_HEADING.search(sentence.heading):
            continue
        text = sentence.span.text
        speaker = _speaker(sentence, companies)
        attributed = ATTRIBUTION.search(text) or RESPONSE_HEADING.search(sentence.heading)
        if introduced and quote_line in (None, sentence.line):
            # the quote after "the founder wrote:" (every sentence of its paragraph) is the
            # founder's, whoever it names
            speaker, attributed, quote_line = introduced, True, sentence.line
        elif speaker and attributed and text.rstrip().endswith(":"):
            introduced, quote_line = speaker, None
        else:
            introduced = None
        kind = classify(text)
        if kind is None or speaker is None or not attributed:
            continue
        found.append(Statement(speaker=speaker, blamed=kind, quote=text.strip(),
                               start=sentence.start, end=sentence.end))
    return found


def decide(found: list[Statement]) -> tuple[str, Optional[Statement]]:
    """The majority category among ``found`` and its first statement; ``("none", None)`` if empty."""
    if not found:
        return "none", None
    counts = Counter(s.blamed for s in found)
    top = max(counts.values())
    for statement in found:
        if counts[statement.blamed] == top:
            return statement.blamed, statement
    return "none", None
