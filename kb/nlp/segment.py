"""Split a report into sentences that keep their character offsets in the original text.

Markdown syntax (``**``, heading ``#``, ``<br>``, link targets, back-ticks) is blanked out with
spaces of the same length before parsing, so the parser sees prose while every offset still
points into the caller's text. Fenced code blocks are skipped. Each line is parsed as its own
document (reports put one paragraph per line), with ``nlp.pipe`` so the model runs in batches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from spacy.language import Language
from spacy.tokens import Span

from .types import Evidence

_MARKUP = [
    re.compile(r"<br\s*/?>|</?(?:b|i|em|strong|p|sup|sub)>", re.I),
    re.compile(r"\]\([^)\s]*\)"),          # the "](url)" of a markdown link
    re.compile(r"\*\*|__|`|\[|^\s*[#>]+\s|^\s*[-*+]\s|^\s*\d+\.\s|\|", re.M),
    re.compile(r"https?://\S+"),
]
#: "**Date**: July 2025", "Company: Replit" or a YAML front-matter line ("  framework: OpenClaw",
#: "harm_bearer: third_party") -- a key-value header line (the key is 1-4 words).
_KEY_VALUE = re.compile(r"^\s*([A-Za-z][A-Za-z_ ]{1,40}?)\s*:\s+\S")
#: Header keys whose value is an identifier, not prose ("id: acme-bot-data-leak-2025-03").
IDENTIFIER_KEYS = {"id", "slug", "url", "permalink", "uuid"}
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
#: A YAML block key without a value ("sources:", "control: >"): its indented lines sit under it.
_YAML_BLOCK = re.compile(r"^([a-z][a-z_]*):\s*[>|]?[-+]?\s*$")


def mask_markup(text: str) -> str:
    """``text`` with markdown/HTML markup replaced by spaces; same length, same offsets."""
    masked = text
    for pattern in _MARKUP:
        masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    return masked


@dataclass
class Sentence:
    """One sentence: the parsed span plus its offsets into the original text.

    ``line`` is the index of its line in the text, ``key`` the lower-cased key of a key-value
    header line ("date", "company") or None, ``heading`` the text of the markdown heading the
    sentence sits under (lower case, "" before any heading). ``memo`` keeps values computed
    from the span that several steps ask for (name -> value, e.g. the action scores).
    """

    span: Span
    start: int
    end: int
    index: int
    line: int
    key: Optional[str]
    heading: str
    is_heading: bool
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def text(self) -> str:
        """The sentence's parsed (markup-free) text (computed once: a span builds it from its
        tokens on every access)."""
        return self.span.text

    @cached_property
    def lower(self) -> str:
        """The sentence's parsed (markup-free) text in lower case (computed once)."""
        return self.text.lower()


def evidence(text: str, sentence: Sentence, field: str, value: object,
             rule: str = "", confidence: float = 1.0) -> Evidence:
    """An Evidence for ``value`` of ``field`` pointing at ``sentence`` in ``text``;
    ``rule`` names the component or pattern that produced it (default: the field's
    component), ``confidence`` is 0..1."""
    return Evidence(field=field, value=value, sentence=text[sentence.start:sentence.end],
                    start=sentence.start, end=sentence.end, rule=rule or field,
                    confidence=confidence)


_SENTENCE_END = ".!?:;\"”)|"


#: Most characters of a headline's deck: a longer line is a paragraph (a comment's body under its
#: author line) cut short by the page.
DECK_CHARS = 160


def _headline_and_deck(previous: tuple, raw: str, raws: list[str]) -> bool:
    """Pattern segment.headline_deck: a block of exactly two lines, neither ending in sentence
    punctuation and the second capitalised ("Security robot knocks down toddler at the mall" over "Mall parks its robots
    while the maker looks into it"), is a headline and its deck, not one wrapped sentence: a
    wrapped paragraph ends with its sentence's full stop."""
    number = previous[0]
    if len(previous[2]) != len(raws[number]) or (number and raws[number - 1].strip()):
        return False  # the previous line is not a block's single first line
    following = raws[number + 2] if number + 2 < len(raws) else ""
    return (not following.strip() and raw.lstrip()[:1].isupper() and len(raw.strip()) <= DECK_CHARS
            and raw.rstrip()[-1:] not in _SENTENCE_END)


def _continues(previous: tuple, raw: str, start: int, raws: list[str]) -> bool:
    """True when ``raw`` continues a hard-wrapped paragraph: the previous line is directly
    above, long, ends without sentence punctuation, and this line is plain prose (not the deck
    under a headline: :func:`_headline_and_deck`); ``raws`` are the text's lines."""
    _, prev_start, prev_body, _, _, prev_heading = previous
    if prev_heading or prev_start + len(prev_body) + 1 != start:
        return False
    last = prev_body.rstrip()
    if len(prev_body) < 50 or not last or last[-1] in _SENTENCE_END:
        return False
    if _headline_and_deck(previous, raw, raws):
        return False
    if BREADCRUMB_LINE.search(prev_body):
        return False  # pattern segment.breadcrumb_line: a page's trail, never a wrapped sentence
    return bool(re.match(r"\s*[a-z0-9(\"“'`$]|\s*[A-Z][a-z]+\s+[a-z]", raw)) and not re.match(
        r"\s*(?:[-*+>#|]|\d+\.\s)|[a-z][a-z_]*:(?:\s|$)", raw) and not METADATA_LINE.search(raw)


#: Pattern segment.breadcrumb_line: a page's breadcrumb trail ("Community › Incidents &
#: Postmortems", "Forums > Shared Hosting"): an arrow between spaced fields.
BREADCRUMB_LINE = re.compile(r"\S\s+[›»>]\s+\S")
#: A page's metadata line under a title, not prose: separators ("512 points | posted ... |
#: 341 comments", "By Ana · 3 min read") or vote and comment counts.
METADATA_LINE = re.compile(r"\s[|·•]\s|^\s*\d[\d,.]*k?\s+(?:points?|votes?|comments?|replies|upvotes?)\b",
                           re.IGNORECASE)


def split_sentences(nlp: Language, text: str) -> list[Sentence]:
    """Parse ``text`` line by line and return its sentences in order.

    Offsets satisfy ``text[s.start:s.end]`` == the sentence (whitespace trimmed).
    """
    masked = mask_markup(text)
    lines: list[tuple[int, int, str, Optional[str], str, bool]] = []
    offset = 0
    in_code = False
    heading = ""
    yaml_block = False  # the heading is a YAML block key, valid while lines are indented
    raws = text.split("\n")
    for number, raw in enumerate(raws):
        start = offset
        offset += len(raw) + 1
        if raw.lstrip().startswith("```"):
            in_code = not in_code
            continue
        body = masked[start:start + len(raw)]
        if in_code or not body.strip():
            continue
        match = _HEADING.match(raw)
        block = _YAML_BLOCK.match(raw)
        if block:
            heading, yaml_block = block.group(1).replace("_", " "), True
            continue
        if yaml_block and not raw[:1].isspace() and not raw.startswith("-"):
            heading, yaml_block = "", False
        if lines and _continues(lines[-1], raw, start, raws):
            number0, start0, body0, key0, heading0, _ = lines[-1]
            lines[-1] = (number0, start0, body0 + " " + body, key0, heading0, False)
            continue
        if match:
            heading, yaml_block = match.group(1).strip().lower(), False
        key_match = _KEY_VALUE.match(body)
        key = key_match.group(1).strip().lower().replace("_", " ") if key_match else None
        if key in IDENTIFIER_KEYS:
            continue
        lines.append((number, start, body, key, heading, bool(match)))
    sentences: list[Sentence] = []
    docs = nlp.pipe((body for _, _, body, _, _, _ in lines), batch_size=256)
    for (number, start, body, key, heading, is_heading), doc in zip(lines, docs):
        for sent in doc.sents:
            begin, end = sent.start_char, sent.end_char
            while begin < end and body[begin].isspace():
                begin += 1
            while end > begin and body[end - 1].isspace():
                end -= 1
            if begin == end:
                continue
            sentences.append(Sentence(span=sent, start=start + begin, end=start + end,
                                      index=len(sentences), line=number, key=key,
                                      heading=heading, is_heading=is_heading))
    if "kb_person_names" in nlp.pipe_names:
        from .person_names import carry_surnames

        carry_surnames(list({id(s.span.doc): s.span.doc for s in sentences}.values()))
    return sentences
