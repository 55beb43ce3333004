"""Whom the company's statement blamed: ``human``, ``ai``, ``vendor``, ``third_party`` or ``none``.

A sentence is a *company statement* when it has

1. a company speaker, found in this order:

   - the vendor or deployer named (or an alias, or the agent's name: ``companies``);
   - a product of one of those companies standing as the subject of a verb ("Cursor publicly
     acknowledged the issue": the company trades under its product's name); a foundation
     model (Claude, Gemini) never speaks for a company;
   - a *named spokesperson*: a person the report introduces with a role of a speaking company
     ("chief executive Jo Doe", "Jo Doe (Acme CEO)", "Jo Doe, founder of Acme"), by full name
     or surname (``spokespeople``); one in subject position speaks before a company named
     later in the sentence;
   - a company role word (``ROLE``: spokesperson, CEO, founder, "the company", "in a
     statement", "internal documents", "the developer's postmortem", "its post-mortem", "in a
     post-incident note", "in a post on its forum"); not a role of another named organisation
     ("OtherCo's CEO") nor a role that owns something ("a founder's project");

2. an attribution cue: a speech or stance verb (said, stated, acknowledged, blamed, attributed,
   characterized, called, apologized, argued, admitted ...) or "according to", or it sits
   under a heading about the response/statement.

Speakers carry over in seven reported-speech patterns:

- *block quote*: the paragraph right after an attribution ending in ":" ("the founder wrote:")
  is the introducer's, whatever it names;
- *reported continuation*: later sentences of the same paragraph as an attribution ("The
  developer's postmortem rules out two explanations. ... The failure was state: ...") are the
  same speaker's, until a sentence names another speaker; a sentence with its own speech or
  opinion verb ("a poster thought") is not inherited (weight 0.6);
- *subject-less follow-up*: a verb-initial sentence right after a statement under the same
  heading ("- Cursor acknowledged the issue. - Clarified that no such policy existed.") extends
  that statement's quote;
- *pronoun*: "He called it unacceptable" -- a he/she subject of an attribution verb is the last
  named spokesperson (within two paragraphs, no other person named since);
- *split quote*: a sentence opening a quotation that a later sentence of the paragraph closes
  with an attribution ("“... .", "... ,” Doe wrote.") is that speaker's (+0.5, as the
  closing sentence's subject speaker);
- *company pronoun*: "It said the root cause was ..." right after the company's statement in
  the same paragraph is the company's (``blame.company_pronoun``);
- *author*: in a post whose byline names a company role ("Posted by Jo Doe, CTO at Acme"), the
  first-person plural sentences ("We own this.") are the company's. This and the other voices
  of a whole page or reply (the company's own page, its post-mortem, its staff's forum or
  issue-tracker replies, a response heading naming it) are found in ``blame_voice``.

A sentence that relays someone else's words ("As The Register put it: ...") is not the
company's statement unless that someone is the company.

Its category comes from the first cue table (``patterns/blame_cues.jsonl``, in
``CATEGORY_ORDER``) that matches. Each statement has a weight (1): a cue inside quotation
marks (direct speech, also the closing half of a quotation split over two sentences) +1, a
speaker that is the grammatical subject +0.5; a title or heading line (a headline about a
statement, not the statement) or a cue used as a label ("the 'human error' label") counts
half. The mention's ``blamed`` is the category with the largest total weight (ties to the
earliest); its summary statement is that category's heaviest statement, cut to the quotation
or clause holding the cue (``summary``). A victim blaming themselves on a forum is not a
company statement unless they speak for the deployer.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from spacy.tokens import Span
from spacy.util import registry

from .entities import NOT_ORGS, SKIP_HEADING
from .gazetteer import is_model, patterns, products, vendor_of
from . import blame_voice as voice
from .blame_voice import FIRST_PERSON
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
ATTRIBUTION = re.compile(# pattern blame.added_attribution: "added" next to a quotation ('"This one
                         # is on us," the company added'; 'Doe added: "..."'; "it added that")
                         r"[\"”],?\s+(?:[\w.'’-]+\s+){1,4}?add(?:ed|s)\b|\badd(?:ed|s)(?:\s+that\b|\s*[:,]\s*[\"“])|"
                         r"\b(?:said|says|stated|states|told|tells|acknowledg|blam|attribut|characteri[sz]|"
                         r"called|calls|apolog|argu|insist|admit|maintain|emphasi[sz]|explain|"
                         r"wrote|posted|confirm|denied|denies|claim|according to|described|statement|"
                         r"position|response|responded|conclu|labell?ed|pinned|put it down|noted|disclos|"
                         r"rules? out|ruled out|reject|clarif|traced|identified|answered|replied|laid the blame|verdict|"
                         r"pointed (?:the finger )?(?:to|at)|repl(?:y|ies) (?:[\w-]+ ){0,4}?from|"
                         r"(?:'s|’s) (?:official |public |legal )?(?:answer|reply|explanation|account|line|defen[cs]e|argument)\b|"
                         r"\b(?:its|their) (?:official |public )?line (?:was|is|had been)\b|"
                         # pattern blame.stance_on_fault: "Doe was blunt about where the fault lay:",
                         # "she was clear about who was responsible" -- a verdict the speaker gives
                         r"\b(?:was|were|is|are|has been|had been) (?:very |quite )?(?:blunt|clear|candid|frank|direct|"
                         r"explicit|unequivocal|open|upfront|honest) (?:about|on) (?:where|who|whose|what|why)\b|"
                         r"\bwhere the (?:fault|blame|responsibility) (?:lay|lies|lied|rests|rested)\b|"
                         # pattern blame.official_line_from: "The official line from Acme, in an email: ..."
                         r"\b(?:official|public|company|formal) (?:line|position|word|verdict) (?:from|of)\b)", re.I)
ROLE = re.compile(r"\b(?:spokes(?:person|man|woman)|ceo|cto|cfo|coo|ciso|chief executive|"
                  r"chief (?:[a-z]+ ){1,2}(?:officer|scientist)|managing director|general counsel|head of [a-z]+|"
                  r"co-?founder|founder|president|police chief|chief of police|sheriff|"
                  r"the company|the firm|the airline|the retailer|the agency|the department|"
                  r"in a statement|official|representative|executive|editor|management|"
                  # pattern blame.company_contact_role: the company's people a customer deals with
                  r"(?:its|their|the company's|the company’s|the vendor's|the vendor’s) (?:[\w-]+ )?"
                  r"(?:account manager|account rep|customer success (?:manager|lead|team)|support (?:agent|rep|engineer|lead))|"
                  r"the startup|the court|the tribunal|the judge|leadership|"
                  r"the (?:[\w-]+ )?(?:developers?|team|creators?|makers?|builders?) (?:behind|of) "
                  r"(?:it|the (?:bot|agent|project|tool|app|token|assistant|integration|plugin|extension))|"
                  r"(?:its|their|the company's|the company’s) (?:customer )?(?:support|service|help ?desk) (?:team|staff|desk)|"
                  r"the (?:bank|college|school|university|council|studio|chain|insurer|lender|dealership|carrier|carmaker|automaker|"
                  r"utility|clinic|hospital|charity|business|club)|"
                  r"(?:the|its|their) (?:(?:company|firm|studio|bank|college|school|university|council|"
                  r"retailer|airline|startup|start-up|developer|maker|team|project|business)(?:'s|’s) )?"
                  r"(?:written |official |public |full )?(?:statement|press release|announcement)|"
                  r"in (?:a|an|its|their) (?:letter|email|e-mail|message|note|memo|notice) to "
                  r"(?:all )?(?:its |their )?(?:customers|clients|users|families|parents|patients|staff|"
                  r"employees|members|shareholders|investors|passengers|students|subscribers)|"
                  r"internal (?:documents?|documentation|memo|review|post-?mortem|report)|"
                  r"(?:the )?(?:developer|maintainer|operator|team|company|project)(?:'s|’s|s') "
                  r"(?:own |published |public |official )?(?:post-?mortem|write-?up|incident report)|"
                  r"(?:its|their) (?:own |published |public |official )?(?:post-?mortem|incident report)|"
                  r"(?:in|on) (?:a|an|its|their) (?:short |brief |written |public )?"
                  r"(?:post-incident|incident) (?:note|report|review|update)|"
                  r"in a (?:blog )?post on (?:its|their|the [\w-]+(?:'s|’s)) (?:own )?"
                  r"(?:blog|forum|website|site|account|status page))\b",
                  re.I)
#: Role words that introduce a person who speaks for an organisation ("chief executive Jo Doe",
#: "Jo Doe (Acme CEO)", "Jo Doe, founder of Acme"): besides ``ROLE``, a project's contributors.
PERSON_ROLE = re.compile(r"\b(?:spokes(?:person|man|woman)|ceo|cto|cfo|coo|ciso|chief executive|"
                         r"chief (?:[a-z]+ ){1,2}(?:officer|scientist)|managing director|general counsel|head of [a-z]+|"
                         r"police chief|chief of police|(?-i:Chief)|sheriff|"
                         r"mayor|principal|head ?teacher|chair(?:man|woman|person)?|general manager|"
                         # pattern blame.public_office_role: who speaks for a county, city or
                         # school district ("County Administrator Jo Doe", "superintendent Jo Doe")
                         r"(?:county|city|town|borough|district|school|hospital|village) (?:administrator|manager|"
                         r"executive|clerk)|superintendent|"
                         r"co-?founder|founder|president|(?:core |lead )?maintainer|core contributor|"
                         r"owner|director|vice[- ]president|vp)\b", re.I)
#: A role after a name, with one modifier and in the plural ("medical director", "one of the
#: core maintainers").
ROLE_PHRASE = re.compile(r"(?:[a-z][\w-]*\s+)?(?:" + PERSON_ROLE.pattern.removesuffix(r"\b") + r")s?\b", re.I)
#: A sentence that closes a quotation without opening one ('Nobody else did it," she said.').
CLOSES_QUOTE = re.compile(r"^([^\"“”]{3,}?[\w,.!?…])[\"”](?=\s*\S)")  # not a quotation opening at the end
#: Before a role word: the role is addressed, not speaking ("apologised to the court", "told
#: the judge", "a letter to the company"); "according to the company" still speaks.
ADDRESSEE = re.compile(r"(?:(?<!according )\bto|\bbefore|\bagainst|\btold|\bsued|\bwarned|\basked|\bpetitioned)\s+$",
                       re.I)
#: After a role word: a possessive on something other than words or a statement ("the
#: founder's project" -- not a speaker; "the CEO's statement" is one).
OWNER_NOT_SPEAKER = re.compile(r"(?:'s|’s|s'|s’)\s+(?!(?:(?:own|written|published|public|official|formal)\s+)?(?:statement|post|blog|email|e-mail|letter|"
                               r"apology|response|comments?|remarks|words|note|message|memo|tweet|line|defen[cs]e|argument|"
                               r"account|explanation|post-?mortem|write-?up)\b)", re.I)
#: Personal pronouns standing for the last named spokesperson ("He called it unacceptable").
PRONOUN_SUBJECT = {"he", "she"}
#: Headings of a section that gives the company's response.
RESPONSE_HEADING = re.compile(r"respon|statement|official|company|position|blame|reaction|\bsaid\b|\bsays\b|"
                              r"\brepl(?:y|ied)\b|\banswer", re.I)
QUOTED = re.compile(r"[\"“‘'](.{3,}?)[\"”’']")
#: A sentence that reports someone else speaking ("critics said", "researchers argue").
OTHER_SPEAKER = re.compile(r"\b(?:critics?|observers?|analysts?|researchers?|experts?|commenters?|"
                           r"users?|journalists?|reporters?|some|others|many)\s+(?:have\s+)?"
                           r"(?:said|say|argued?|argues|noted?|notes|wrote|write|claimed?|claims|"
                           r"pointed out|point out|called|call)\b", re.I)
#: "As The Register put it: ..." -- a publication or commentator relaying, not the company.
RELAYED = re.compile(r"\bas (?P<source>[^,:;]{2,40}?) (?:put it|noted|wrote|reported|observed|summed (?:it )?up)\b",
                     re.I)
#: Verbs of saying: a sentence with one reports its own speaker; "told it to do" gives an
#: instruction, it reports no one speaking (pattern blame.instruction_not_speech).
SPEECH_VERB = re.compile(r"\b(?:said|says|(?:told|tells)(?! (?:it|them|him|her|me|us|you) to\b)|wrote|writes|posted|claimed|claims|stated|states|"
                         r"added|replied|responded|tweeted|according to)\b", re.I)
#: Verbs of opinion: a sentence with one has its own holder, not the paragraph's speaker.
OPINION = re.compile(r"\b(?:thinks?|thought|believes?|believed|feels?|felt|suspects?|suspected|"
                     r"speculat\w*|guess(?:es|ed)?|reckons?|reckoned|argues|argued)\b", re.I)
SPEECH_DEPS = {"nsubj", "nsubjpass"}
#: The cue named as a label, not said ("the 'human error' label", "the user-error narrative").
LABEL_NOUN = re.compile(r"^[\"”’']?\s*(?:label|narrative|framing|excuse|defen[cs]e|explanation|card|line)s?\b")


@dataclass
class ScoredStatement(Statement):
    """A Statement with how much it counts (``weight``) and the rule that found it."""

    weight: float = 1.0
    rule: str = "blame.cue"
    cue: str = ""  # the matched cue words (lower case)
    line: int = -1  # the line (paragraph) of its first sentence


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


def _other_company(span: Span, start: int, end: int, companies: set[str]) -> bool:
    """True when an organisation other than the speaking ones is named in ``span`` between
    token offsets ``start`` and ``end`` ("Acme's chief executive" when Acme is not one of
    ``companies``); a name counts as one of them when one starts with the other."""
    for ent in span.ents:
        if ent.label_ not in ("ORG", "VENDOR") or not (start <= ent.start < end):
            continue
        names = {ent.text.lower().rstrip("'’s"), (ent.ent_id_ or "").lower()} - {""}
        if ent.text.lower().rstrip("'’s") in NOT_ORGS | {"x"}:
            continue  # "CTO", "AI": role words and acronyms the NER calls organisations
        if not any(n.startswith(c) or c.startswith(n) for n in names for c in companies):
            return True
    return False


#: A relative clause giving a person's place at the head of an organisation ("Jo Doe, who runs
#: Acme", "Jo Doe, who founded Acme"): rule ``blame.named_spokesperson`` (``runs_org``).
RUNS_ORG = re.compile(r"\s*,\s+who (?:runs|ran|heads|headed|leads|led|founded|co-?founded|owns|directs|manages|"
                      r"is (?:the )?(?:head|chief|boss|owner|founder) of)\s+[A-Z]")
#: A title between a role word and a name ("principal Dr Jo Doe").
HONORIFIC = re.compile(r"\s+(?:Dr|Mr|Mrs|Ms|Mx|Prof|Professor|Sir|Dame)\.?\s*$")
#: A person's name the NER may miss: two or three capitalised words ("Ilse Brandt").
PERSON_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2}\b")


def _person_names(span: Span) -> list[Span]:
    """PERSON entities of a sentence (up to four tokens), plus capitalised two- or three-word
    names outside any entity."""
    names = [e for e in span.ents if e.label_ == "PERSON" and len(e) <= 4]
    inside = {i for e in span.ents for i in range(e.start, e.end)}
    for match in PERSON_NAME.finditer(span.text):
        piece = span.doc.char_span(span.start_char + match.start(), span.start_char + match.end())
        if piece is not None and not inside & set(range(piece.start, piece.end)):
            names.append(piece)
    return names


def spokespeople(sentences: Iterable[Sentence], companies: set[str]) -> set[str]:
    """Names (full and surname) of people a report introduces with a role of a speaking
    company: ``chief executive Jo Doe``, ``Acme CEO Jo Doe``, ``Jo Doe (Acme CEO)``, ``Jo Doe,
    founder of Acme``. A role tied to another organisation ("director at OtherCo") does not
    count (rule ``blame.named_spokesperson``)."""
    found: set[str] = set()
    for sentence in sentences:
        span = sentence.span
        for ent in _person_names(span):
            local = ent.start - span.start
            before = span[max(0, local - 5):local]
            after = span.doc[ent.end:min(ent.end + 10, span.end)]
            before_text = HONORIFIC.sub("", before.text)  # "principal Dr Jo Doe"
            before_text = before_text.rstrip().rstrip(",")  # "Acme's chief operating officer, Jo Doe"
            role_before = PERSON_ROLE.search(before_text[-40:]) if before_text else None
            # "Jo Doe, the board's medical director", "Jo Doe, one of Acme's core maintainers"
            tail = re.match(r"\s*(?:\(|,\s+(?:one of )?(?:the |a |an |its |their )?(?:[\w.&-]+(?:'s|’s) )?)",
                            after.text)
            rest = after.text[tail.end():] if tail else ""
            role_after = (ROLE_PHRASE.match(rest) or ROLE_PHRASE.match(
                re.sub(r"^[A-Z][\w.&-]*(?:'s|’s)?\s+", "", rest))) if tail else None
            role_after = role_after or RUNS_ORG.match(after.text)  # "Jo Doe, who runs Acme"
            if role_before and before_text.rstrip().lower().endswith(role_before.group(0).lower()):
                scope = (max(span.start, ent.start - 5), ent.start)
            elif role_after:
                scope = (ent.end, min(ent.end + 10, span.end))
            else:
                continue
            if _other_company(span.doc[:], *scope, companies):
                continue
            found.add(ent.text)
            found.add(ent.text.split()[-1])
    return {n for n in found if len(n) > 2}


@lru_cache(maxsize=None)
def _bot_names() -> frozenset[str]:
    """Lower-cased ids and aliases of the products that talk to people themselves: consumer
    chat services and foundation models (``products.jsonl`` ``"service": true`` or role
    ``model``: ChatGPT, Meta AI, My AI, Gemini, Claude)."""
    bots = {agent for agent, row in products().items() if row.get("service") or row.get("role") == "model"}
    names = {b.lower() for b in bots}
    names.update(row["pattern"].lower() for row in patterns()
                 if row["label"] == "AGENT" and row["id"] in bots and isinstance(row["pattern"], str))
    return frozenset(names)


def _bot_voice(text: str, lower: str, companies: set[str]) -> str:
    """``lower`` with the speaking names that are a talking bot's blanked out (rule
    ``blame.bot_voice``): "Meta AI then answered that it was sorry", "ChatGPT replied that
    ..." report the bot's words in a conversation, not its company's statement -- and the
    company's name inside the bot's ("Meta" in "Meta AI") does not speak either."""
    for name in sorted(companies & _bot_names(), key=len, reverse=True):
        lower = re.sub(r"\b" + re.escape(name) + r"\b", lambda m: " " * len(m.group(0)), lower)
    return lower


def _speaker(sentence: Sentence, companies: set[str],
             people: frozenset[str] = frozenset()) -> Optional[tuple[str, int]]:
    """The company speaking in the sentence and its offset in it: a named spokesperson
    (``people``) as subject, a named company, a product of it as a subject, a named
    spokesperson anywhere, else a role word (the one in subject
    position first; a role of another named organisation, "OtherCo's CEO", is not one,
    nor one addressed, "apologised to the court"); a talking bot's name is never the
    speaker (``_bot_voice``). None when there is none."""
    span = sentence.span
    for name in sorted(people, key=len, reverse=True):
        match = re.search(r"\b" + re.escape(name) + r"\b", span.text)
        if match and _is_subject(span, match.start()):
            return name, match.start()  # "Jo Doe (cofounder) posted: ... Acme ...": Jo Doe speaks
    lower = _bot_voice(span.text, sentence.lower, companies)
    for ent in span.ents:
        name = ent.ent_id_ or ent.text
        if not lower[ent.start_char - span.start_char:ent.end_char - span.start_char].strip():
            continue  # a talking bot's name
        if name.lower() in companies or ent.text.lower() in companies:
            return name, ent.start_char - span.start_char
    for name in sorted(companies, key=len, reverse=True):
        match = re.search(r"\b" + re.escape(name) + r"\b", lower) if len(name) > 2 else None
        if match:
            return span.text[match.start():match.end()], match.start()
    product = _product_speaker(span, companies)
    if product and product.lower() not in _bot_names():
        return product, span.text.index(product)
    for name in sorted(people, key=len, reverse=True):
        match = re.search(r"\b" + re.escape(name) + r"\b", span.text)
        if match:
            return name, match.start()
    roles = []
    for match in ROLE.finditer(span.text):
        token = next((t for t in span if t.idx >= span.start_char + match.start()), None)
        if token is not None and _other_company(span.doc[:], max(span.start, token.i - 3), token.i,
                                                companies):
            continue  # "OtherCo's chief executive said": another company's statement
        if OWNER_NOT_SPEAKER.match(span.text[match.end():]):
            continue  # "a founder's project": the role owns something, it does not speak
        if ADDRESSEE.search(span.text[:match.start()]):
            continue  # "apologised to the court": the role is spoken to, it does not speak
        roles.append(match)
    if not roles:
        return None
    match = next((m for m in roles if _is_subject(span, m.start())), roles[0])
    return match.group(0), match.start()


def _company_word(name: str, companies: set[str]) -> bool:
    """True when ``name`` (a PERSON entity) is a speaking company's name or a word of one ("he
    built it at Redwood" for Redwood Research): the NER's person, not another person who might
    be "he" (rule ``blame.pronoun``)."""
    lower = name.lower().rstrip("'’s")
    return any(lower == c or lower in c.split() for c in companies)


def _platform(ent: Span) -> bool:
    """True for a name after "on"/"via" ("he wrote on Twitter"): where it was said, not a
    person (the NER often calls a social network a PERSON)."""
    return ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("on", "via")


def _pronoun_speaker(sentence: Sentence, last_person: Optional[tuple[str, int]]) -> Optional[str]:
    """"He called it unacceptable": a he/she subject of an attribution verb stands for the last
    named spokesperson when that one was named in this or one of the two previous paragraphs
    and no other person is named in the sentence ("on Twitter" is a platform, not a person)
    (rule ``blame.pronoun``); so does a sentence opening "His account: ..."
    (``PRONOUN_ACCOUNT``)."""
    if last_person is None or sentence.line - last_person[1] > 4:
        return None
    if not ATTRIBUTION.search(sentence.text) and not PRONOUN_ACCOUNT.match(sentence.text):
        return None
    if any(e.label_ == "PERSON" and last_person[0] not in e.text and not _platform(e) for e in sentence.span.ents):
        return None  # "A customer, Tom Roe, said he ...": the pronoun is that person's
    if any(t.lower_ in PRONOUN_SUBJECT and t.dep_ in SPEECH_DEPS for t in sentence.span):
        return last_person[0]
    if PRONOUN_ACCOUNT.match(sentence.text):
        return last_person[0]  # "His account: the team resized the photo ..." (blame.pronoun_account)
    return None


#: A sentence opening with the last named person's account ("His account: ...", "Her
#: explanation was that ..."): the words after it are that person's (rule ``blame.pronoun_account``).
PRONOUN_ACCOUNT = re.compile(r"\s*(?:his|her) (?:own )?(?:account|explanation|version|statement|answer|reply|"
                             r"response)(?:\s*:|\s+(?:was|is) that\b)", re.I)


#: Pronouns standing for an organisation as the subject of a saying verb ("It said ...").
COMPANY_PRONOUNS = {"it", "they"}


def _company_pronoun(sentence: Sentence) -> bool:
    """True when "it" or "they" is the subject of an attribution verb ("It said the root cause
    was ...", "They stressed that ..."): after a company's statement in the same paragraph,
    the pronoun is that company (rule ``blame.company_pronoun``)."""
    return any(t.lower_ in COMPANY_PRONOUNS and t.dep_ in SPEECH_DEPS and t.head.pos_ == "VERB"
               and ATTRIBUTION.match(t.head.text) for t in sentence.span)


def _opens_quote(text: str) -> bool:
    """True when a sentence opens a quotation it does not close ("“This was our error.")."""
    stripped = text.lstrip()
    return stripped[:1] in "\"“" and (stripped.count('"') % 2 == 1 or stripped.count("“") > stripped.count("”"))


def _quoted(sentence: Sentence, matched: str) -> bool:
    """True when the cue words are direct speech: in quotation marks, in a sentence opening with
    one, or in the closing part of a quotation the sentence before opened."""
    text = sentence.text
    closing = CLOSES_QUOTE.match(text)  # the end of a quotation opened in the sentence before
    return text.lstrip()[:1] in "\"“" or any(matched in q.group(1).lower() for q in QUOTED.finditer(text)) \
        or bool(closing and matched in closing.group(1).lower())


def _weight(sentence: Sentence, offset: int, matched: str) -> float:
    """How much a statement counts: a quoted cue (also in the closing part of a quotation the
    sentence before opened) +1, a subject speaker +0.5, a title line x0.5."""
    weight = 1.0
    if _quoted(sentence, matched):
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


def _inside_quote(text: str, offset: int) -> bool:
    """True when character ``offset`` of ``text`` lies inside a direct quotation: a company named
    there ('"That is our fault, not Acme's."') is spoken about, not speaking, and the sentence
    may continue the paragraph's statement (``blame.reported_continuation``)."""
    return any(m.start() < offset < m.end() for m in DIRECT_QUOTE.finditer(text)) \
        or bool(_opens_quote(text) and offset > 0 and not re.search(r"[\"”]", text[:offset].lstrip()[1:]))


def _follow_up(sentence: Sentence, previous: Optional[ScoredStatement], last: Optional[Sentence]) -> bool:
    """A verb-initial sentence right after a statement, under the same heading."""
    if previous is None or last is None or sentence.index != last.index + 1:
        return False
    if sentence.heading != last.heading:
        return False
    first = next((t for t in sentence.span if not t.is_punct and not t.is_space), None)
    return bool(first is not None and first.tag_ in ("VBD", "VBN", "VBZ")
                and not any(t.dep_ in SPEECH_DEPS for t in first.children))


#: Pattern blame.in_their_view: a view reported for the company the writer dealt with ("In the
#: company's view, the order was placed as approved", "so in their view it was customer error").
IN_VIEW = re.compile(r"\b(?:in|by) (?:the (?:company|bank|firm|airline|insurer|retailer|lender|provider|"
                     r"carrier|operator|developer|platform|app)(?:'s|’s)|their|its) (?:view|telling|account|"
                     r"version|words)\b", re.I)


def _last_company(sentences: list[Sentence], position: int, companies: set[str]) -> Optional[str]:
    """The speaking company named last in ``sentences`` up to and including ``position``
    (pattern blame.in_their_view); None when none of ``companies`` is named before it."""
    names = [c for c in sorted(companies, key=len, reverse=True) if len(c) > 2]
    for sentence in reversed(sentences[:position + 1]):
        lower = sentence.text.lower()
        for name in names:
            if re.search(r"\b" + re.escape(name) + r"\b", lower):
                return name
    return None


def statements(sentences: Iterable[Sentence], companies: set[str]) -> list[ScoredStatement]:
    """Company statements with a blame category, in text order (see the module doc).

    ``companies`` holds lower-cased names (and aliases) of the vendor, deployer and agent.
    Reference and link sections are skipped. Offsets are those of the sentence (of the first
    and last sentence when a follow-up extends a statement).
    """
    sentences = [s for s in sentences if not SKIP_HEADING.search(s.heading)]
    people = frozenset(spokespeople(sentences, companies))
    found: list[ScoredStatement] = []
    introduced: Optional[str] = None
    quote_line: Optional[int] = None
    reporting: Optional[tuple[str, int]] = None  # (speaker, line) of the paragraph's attribution
    last: Optional[Sentence] = None
    last_person: Optional[tuple[str, int]] = None  # (name, line) of the last named spokesperson
    last_company: Optional[str] = None  # the last speaking company named
    author = voice.author(sentences, people) or voice.house_voice(sentences, companies) \
        or voice.postmortem_voice(sentences, companies) or voice.stacked_byline(sentences, companies) \
        or voice.newsroom_page(sentences, companies)
    house_page = voice.house_page(sentences, companies)
    badges = voice.staff_badges(sentences, companies)
    for position, sentence in enumerate(sentences):
        text = sentence.text
        if _follow_up(sentence, found[-1] if found else None, last):
            statement = found[-1]
            statement.quote = f"{statement.quote} {text.strip()}"
            statement.end = sentence.end
            last = sentence
            continue
        who = _speaker(sentence, companies, people)
        speaker, offset = who if who else (None, 0)
        attributed = bool(ATTRIBUTION.search(text) or RESPONSE_HEADING.search(sentence.heading))
        rule, inherited = "blame.cue", False
        if speaker and speaker.lower() in companies:
            last_company = speaker
        elif speaker is None and last_company and sentence.key and HEADER_KEY_SPEECH.match(text):
            # "Poor judgment: Admitted that ...": a subject-less admission listed under the
            # company last named
            speaker, attributed, rule = last_company, True, "blame.header_key"
        if speaker is None:
            speaker = _pronoun_speaker(sentence, last_person)
            rule = "blame.pronoun" if speaker else rule
            attributed = attributed or bool(speaker and PRONOUN_ACCOUNT.match(text))
        # a quotation (not the apostrophe of "the model's") in the author's text is someone else's
        if ((speaker is None or (not attributed and speaker.lower() in companies)) and author
                and FIRST_PERSON.search(text) and not DIRECT_QUOTE.search(text)):
            # the author's own first-person sentence that names the company or its product
            speaker, attributed, rule = author, True, "blame.author"
        if sentence.line in badges and (speaker is None or speaker.lower() in companies):
            # the reply's poster speaks, also where the reply names the company or its product
            speaker, attributed, rule = badges[sentence.line], True, "blame.staff_badge"
        if speaker is None and RESPONSE_HEADING.search(sentence.heading):
            speaker = voice.heading_speaker(sentence.heading, companies)
            rule = "blame.heading_speaker" if speaker else rule
        if speaker is None and IN_VIEW.search(text):
            speaker = _last_company(sentences, position, companies)
            attributed, rule = bool(speaker), "blame.in_their_view" if speaker else rule
        if speaker is None and _opens_quote(text):
            speaker = _quote_owner(sentences, position, companies, people, last_person)
            attributed, rule = bool(speaker), "blame.split_quote" if speaker else rule
        if (house_page and not attributed and not sentence.is_heading and sentence.line > 0
                and (speaker is None or speaker.lower() in companies) and not DIRECT_QUOTE.search(text)
                and not OTHER_SPEAKER.search(text) and not SPEECH_VERB.search(text)):
            # the company's own page, in its third-person house voice (weighted as a continuation)
            speaker, attributed, inherited, rule = house_page, True, True, "blame.house_page"
        named = speaker if speaker in people else next(
            (n for n in sorted(people, key=len, reverse=True) if re.search(r"\b" + re.escape(n) + r"\b", text)),
            None)
        if named:
            last_person = (named, sentence.line)
        elif any(e.label_ == "PERSON" and not _company_word(e.text, companies) for e in sentence.span.ents):
            last_person = None  # another person named since: "he" may be that one
        if introduced and quote_line in (None, sentence.line):
            # the quote after "the founder wrote:" (every sentence of its paragraph) is the
            # founder's, whoever it names
            speaker, attributed, quote_line, rule = introduced, True, sentence.line, "blame.block_quote"
        elif speaker and attributed and text.rstrip().endswith(":"):
            introduced, quote_line = speaker, None
        else:
            introduced = None
        if speaker is None and reporting and reporting[1] == sentence.line and _company_pronoun(sentence):
            # "xAI said it was sorry. It said the root cause was an update ...": the company again
            speaker, attributed, rule = reporting[0], True, "blame.company_pronoun"
        if speaker and attributed:
            reporting = (speaker, sentence.line)
        elif ((speaker is None or (not attributed and _inside_quote(text, offset)))
              and reporting and reporting[1] == sentence.line
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
        # a continuation counts less than its attribution, but one that is all direct speech
        # ('"That is on us."' after '..., the CEO said.') still counts more
        weight = (0.6 + (1.0 if text.lstrip()[:1] in "\"“" else 0.0)) if inherited \
            else _weight(sentence, offset, matched)
        if rule == "blame.split_quote":
            weight += 0.5  # its speaker is the subject of the closing attribution
        found.append(ScoredStatement(speaker=speaker, blamed=kind, quote=text.strip(),
                                     start=sentence.start, end=sentence.end, weight=weight,
                                     rule=f"{rule}:{matched}", cue=matched, line=sentence.line))
        last = sentence
    return found


def _quote_owner(sentences: list[Sentence], position: int, companies: set[str],
                 people: frozenset[str], last_person: Optional[tuple[str, int]]) -> Optional[str]:
    """The speaker of a quotation a sentence opens and a later sentence of the same paragraph
    closes with an attribution ("“This was our error. It will not recur,” the CEO said."):
    rule ``blame.split_quote``."""
    opening = sentences[position]
    for later in sentences[position + 1:position + 4]:
        if later.line != opening.line:
            return None
        if re.search(r"[\"”]", later.span.text):
            if not ATTRIBUTION.search(later.span.text):
                return None
            who = _speaker(later, companies, people)
            return who[0] if who else _pronoun_speaker(later, last_person)
    return None


#: A key-value line whose value opens with a verb of admitting or saying and has no subject
#: ("Poor Judgment: Admitted that ..."): a list of what the company last named said.
HEADER_KEY_SPEECH = re.compile(r"^\s*[^:]{2,40}?\s*:\s*(?:admitted|acknowledged|accepted|conceded|recogni[sz]ed|"
                               r"confirmed|said|stated|apologi[sz]ed|blamed|attributed|denied|claimed|explained)\b",
                               re.I)
#: A direct quotation: double quotes, or single quotes not inside a word ("Acme's").
DIRECT_QUOTE = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]|(?<![\w])[‘']([^‘’']{3,}?)[’'](?![\w])")
#: A quotation the sentence opens and does not close ('Doe wrote: "This was our error.').
OPENS_QUOTE_AT_END = re.compile(r"[\"“]([^\"“”]{3,})$")
#: Clause boundaries inside a sentence: comma, semicolon, colon or dash before a space.
CLAUSE_BREAK = re.compile(r"(?:,|;|:|\s[-–—])\s+")
RELATIVE_TAIL = re.compile(r"\s(?=(?:which|that) (?:removed|meant|allowed|let|caused|led|made|left|gave|turned|stopped)\b)")
LONG_SENTENCE = 25  # words


#: Indirect speech running into a quotation: "replied that Acme "did as told"" -- the quoted
#: words finish a reported clause rather than stand alone.
REPORTED_LEAD = re.compile(r"\b(?:that|saying)\s+(?:[\w'’-]+\s+){0,4}[\"“]$", re.I)
#: A further reported clause after the quotation: '... "did as told" and that ...'.
REPORTED_MORE = re.compile(r"^[\"”]?[\s,]*(?:and|but)\s+(?:also\s+)?that\b", re.I)
#: A quoted noun phrase inside a reported clause that goes on after it: 'aware of "a concerted
#: effort by some users" to abuse ...' -- the quotation is the object, the clause the statement.
QUOTED_OBJECT = re.compile(r"\b(?:of|about|to|by|on)\s+[\"“]$", re.I)
CLAUSE_GOES_ON = re.compile(r"^[\"”]\s+(?:to|that|which|who|whose)\s+\w", re.I)


def _reported_fragment(text: str, inner: str) -> bool:
    """True when ``inner`` is a short quotation (under eight words) that completes an indirect
    "that"-clause and another reported "that"-clause follows ("replied that Acme "did as told"
    and that ..."), or a quoted object of a preposition whose clause goes on after it ("aware
    of "a concerted effort by some users" to abuse ..."): the reported clauses, not the
    fragment, hold the statement."""
    at = text.find(inner)
    if at <= 0 or len(inner.split()) >= 8:
        return False
    before, after = text[:at], text[at + len(inner):]
    return (REPORTED_LEAD.search(before) is not None and REPORTED_MORE.match(after) is not None) \
        or (QUOTED_OBJECT.search(before) is not None and CLAUSE_GOES_ON.match(after) is not None)


#: An attribution ending in a colon before the statement's words ("Acme's line has been
#: consistent: ...").
VERDICT_AFTER_COLON = re.compile(r"^([^:\"“]{8,120}?):\s+")


def summary(statement: Statement) -> str:
    """The words of a statement that carry its blame, for ``blame_statement``: the direct
    quotation holding the cue ("the 'human error' label" -> "human error"; the closing part of
    a quotation split over two sentences), unless an attribution ends in a colon before the cue
    (``blame.verdict_after_colon``: all that follows the colon); else, in a
    sentence over ``LONG_SENTENCE`` words, the clause holding the cue, with the next clause
    when the cue's clause has under six words or the next one is short (under eight words) and
    not an aside (a relative clause: "which the company declined to name"); else the whole
    statement."""
    text = statement.quote.strip()
    cue_words = getattr(statement, "cue", "")
    if not cue_words:
        return text
    lower = text.lower()
    verdict = VERDICT_AFTER_COLON.match(text)
    if (verdict and lower.find(cue_words, verdict.end()) >= 0 and ATTRIBUTION.search(verdict.group(1))
            and not re.match(r"[\"“]", text[verdict.end():]) and len(text[verdict.end():].split()) <= JOINED_WORDS):
        # pattern blame.verdict_after_colon: "Doe was blunt about where the fault lay: the key
        # should never have had write access, and that was 'our mistake'" -- the introducer
        # before the colon is not the statement, all that follows it is
        return text[verdict.end():].strip(" .")
    closing = CLOSES_QUOTE.match(text)
    quotes = [closing.group(1)] if closing else []
    quotes += [m.group(1) or m.group(2) for m in DIRECT_QUOTE.finditer(text)]
    opening = OPENS_QUOTE_AT_END.search(text)  # 'Doe wrote: "This should not have happened.'
    if opening:
        quotes.append(opening.group(1))
    for inner in quotes:
        if cue_words in inner.lower() and len(inner.split()) >= 2 and not _reported_fragment(text, inner):
            return _with_partner(text, inner) or inner.strip(" ,.")
    if len(text.split()) <= LONG_SENTENCE:
        return text
    at = lower.find(cue_words)
    if at < 0:
        return text
    cuts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(text)] + [len(text)]
    begin = max(c for c in cuts if c <= at)
    # blame.relative_tail: a relative clause after the cue ("an error in its rules which
    # removed the limit ...") tells what the cause did, not the cause: it may be cut off
    tails = [m.start() for m in RELATIVE_TAIL.finditer(text)]
    ends = sorted(c for c in set(cuts + tails) if c > at + len(cue_words))
    end = ends[0] if ends else len(text)
    if len(ends) > 1:
        following = text[end:ends[1]].split()
        aside = bool(following) and following[0].lower() in ("which", "who", "whom", "whose", "where", "when")
        if len(text[begin:end].split()) < 6 or (len(following) < 8 and not aside):
            end = ends[1]
    return text[begin:end].strip(" ,;:-–—")


#: Pattern blame.quote_pair: two quotations joined by "and" ('that it "went beyond its brief"
#: and "acted on its own"'), also by "and that" and the second one's subject ('the retries
#: were "caused by X," and that the tool "performed as configured"'), are one statement.
QUOTE_PAIR = re.compile(r"[\"“‘']([^\"“”‘’']{3,}?)[\"”’']\s*,?\s+and\s+(?:that\s+(?:(?:it|they|the\s+[\w-]+|"
                        r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+)?)?[\"“‘']([^\"“”‘’']{3,}?)[\"”’']")
#: Pattern blame.quote_then_cause: a short quoted verdict followed in the same sentence by the
#: cause the speaker named ('said "the fault is ours" and pinned the problem on an error in
#: its refund rules').
QUOTE_THEN_CAUSE = re.compile(r"^[\"”’']?[\s,]*and\s+(?:(?:also|then)\s+)?(?:pinned|blamed|put|laid|traced|attributed|"
                              r"linked|pointed)\b\s+(?:it|the \w+|the \w+ \w+)?\s*(?:on|to|down to|at)\s+"
                              r"(?P<cause>[^.;]{5,}?)\s*[.;]?$", re.I)
SHORT_QUOTE = 6  # words


def _with_partner(text: str, inner: str) -> Optional[str]:
    """The quotation ``inner`` with its partner in ``text`` (blame.quote_pair: 'X' and 'Y' ->
    "X and Y"; blame.quote_then_cause: a quotation of under ``SHORT_QUOTE`` words and the cause
    named after it -> "X; cause"), or None when it has none."""
    for match in QUOTE_PAIR.finditer(text):
        if inner in (match.group(1), match.group(2)):
            return f"{match.group(1).strip(' ,.')} and {match.group(2).strip(' ,.')}"
    at = text.find(inner)
    if len(inner.split()) < SHORT_QUOTE and at >= 0:
        cause = QUOTE_THEN_CAUSE.match(text[at + len(inner):])
        if cause:
            return f"{inner.strip(' ,.')}; {cause.group('cause').strip()}"
    return None


#: Most statements one ``blame_statement`` joins, and most words it grows to by joining
#: (``statement_summary``).
JOINED = 3
JOINED_WORDS = 30
SHORT_SUMMARY = 12  # words


def statement_summary(chosen: Statement, found: Iterable[Statement] = ()) -> str:
    """``blame_statement`` for the ``chosen`` statement: its ``summary``, and when that is short
    (under ``SHORT_SUMMARY`` words) joined with "; " to the summaries of other statements of
    ``found`` in the same category and paragraph -- the heaviest first, up to ``JOINED`` in
    all and ``JOINED_WORDS`` words -- in text order (rule ``blame.paragraph_statement``: '"We
    own this." ... That is a gap in our process.' -- a short verdict and the sentence that
    explains it are one statement)."""
    line = getattr(chosen, "line", -1)
    own = summary(chosen)
    if line < 0 or len(own.split()) >= SHORT_SUMMARY:
        return own
    mates = sorted((s for s in found if s is not chosen and s.blamed == chosen.blamed
                    and getattr(s, "line", -2) == line),
                   key=lambda s: (-getattr(s, "weight", 1.0), s.start))
    parts = [(chosen.start, own.rstrip("."))]
    words = len(own.split())
    for statement in mates:
        piece = summary(statement).rstrip(".")
        if len(parts) >= JOINED or any(piece == p for _, p in parts):
            continue
        if words + len(piece.split()) <= JOINED_WORDS:
            parts.append((statement.start, piece))
            words += len(piece.split())
    return own if len(parts) == 1 else "; ".join(p for _, p in sorted(parts))


def decide(found: list[Statement]) -> tuple[str, Optional[Statement]]:
    """The category with the largest total weight among ``found`` (an apology-only statement adds
    ``APOLOGY_SHARE`` of its weight: "She apologised to the court" names no one at fault; ties
    to the earliest) and
    its heaviest statement (of equal ones, one that does more than apologise); ``("none",
    None)`` if empty."""
    if not found:
        return "none", None
    totals: dict[str, float] = defaultdict(float)
    for statement in found:
        # an apology alone names no one at fault: it counts half (blame.apology_half)
        totals[statement.blamed] += getattr(statement, "weight", 1.0) * (
            APOLOGY_SHARE if APOLOGY.search(getattr(statement, "cue", "")) else 1.0)
    top = max(totals.values())
    kind = next(s.blamed for s in found if totals[s.blamed] == top)
    best = max((s for s in found if s.blamed == kind),
               key=lambda s: (getattr(s, "weight", 1.0), not APOLOGY.search(getattr(s, "cue", ""))))
    return kind, best


#: Cue words that only apologise: among equally weighted statements, one naming a fault says more.
APOLOGY = re.compile(r"sorry|apolog")
#: The share of its weight an apology-only statement adds to its category's total.
APOLOGY_SHARE = 0.5
