"""Screening of non-English reports: relevance and names only, without a parser.

The extraction pipeline is English (spaCy's English model). A report in one of the languages
of ``patterns/foreign_cues.json`` (German, French, Spanish, Italian, Portuguese, Dutch,
Swedish, Danish, Norwegian, Polish) is screened here with regular expressions instead:

- sentences are split by a regular expression (line breaks, then ``. ! ?`` before a capital);
- a **cue pair** is a harm cue (a finished harmful act in that language: "gelöscht",
  "a inventé", "raderade"; see the data file) in the same sentence as, or a sentence next to,
  an AI term ("KI", "IA", "chatbot", "assistente virtuale"), a known agent's name or the
  bot's own name; a cue with a negation shortly before it ("n'a pas supprimé", and after it
  in V2 languages: "raderade inte") or a modal of possibility ("pourraient être supprimées")
  does not count;
- a **name** is a known agent or vendor of the gazetteer (``gazetteer.patterns()``, matched
  case-sensitively: names are the same in every language); a bot's own name, quoted or
  capitalised right after an AI term ("le chatbot « Léa »", "de digitale assistent Fien") or
  between commas after it ("una aplicación de IA, Ola, que..."; foreign.appositive_name;
  German capitalises every noun, so there only quoted), quoted just before an AI term in
  apposition to it ("« Eliza », un personnage de chatbot"), unquoted before an indefinite article
  that opens its description ("probaba Ordena, un sistema ... basado en inteligencia artificial";
  foreign.name_then_kind), or after a naming word ("som heter
  Loda", "mit dem Namen KIRA") in or next to a sentence with an AI term; or the bot's
  owner, a capitalised name after an AI term and a possessive ("il chatbot di Air Canada").

A report is relevant when it has a cue pair whose cue is a strong one (``harm``; a
``weak_harm`` act such as "modifié" counts only with an "on its own" phrase in its sentence:
"eigenständig geändert") and it gives a name. The one (primary) mention it gets holds only
what does not need English: ``agent`` and ``vendor`` (the bot's name before a known agent;
the vendor from ``products.jsonl``, else a known vendor, else the owner of an unnamed bot, as
the English pipeline does), ``action_type`` (the type whose cues weigh most; headline lines
count double), ``occurred`` (``foreign_dates``) and ``deployer`` (``foreign_deployer``: the
owner of the harmed thing, of the bot, or the vendor of a public service); every other field
is left empty, and the analysis' note says so. Each value has an
:class:`~kb.nlp.types.Evidence` row (rules ``foreign.gazetteer``, ``foreign.bot_name``,
``foreign.owner``, ``foreign.cue``, ``foreign.date``, ``foreign.harm_owner``,
``foreign.bot_owner``, ``foreign.vendor_service``).

:func:`screen` returns the :class:`~kb.nlp.types.DocumentAnalysis` of a non-English text;
it never imports spaCy.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .foreign_dates import month_patterns, occurred
from .foreign_deployer import choose as choose_deployer
from .gazetteer import PATTERN_DIR, family_vendor, is_model, patterns, sole_agent_of, vendor_of
from .types import ACTION_TYPES, DocumentAnalysis, Evidence, Mention

DATA = PATTERN_DIR / "foreign_cues.json"
#: Language codes that share another language's cues (py3langid often confuses da and no).
SAME_CUES = {"nb": "no", "nn": "no"}
MERGED = {"da": ("da", "no"), "no": ("no", "da")}
#: Words before a cue in which a negation or a modal cancels it.
BEFORE = 5
#: Cue weights: a strong cue, a weak one; a cue in a headline line counts double.
STRONG, WEAK, HEADLINE = 2.0, 1.0, 2.0
#: Relevance given to a screened report that passes, and to one with a cue pair but no name.
PASSED, NAMELESS = 0.6, 0.3
#: Confidence of the values the screen sets.
CONFIDENCE = 0.5

#: Capital letters of the Latin alphabets of the supported languages.
_CAPITAL = "A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻŒŠŽ"
#: One capitalised word, or up to three (a two-word bot name: "Ask Bri").
_NAME = rf"[{_CAPITAL}][\w’'.-]*\w(?:\s[{_CAPITAL}][\w’'.-]*\w){{0,2}}|[{_CAPITAL}]{{2,}}"
#: A name in quotes of any European style ("Léa", « Léa », „Léa“); group ``quoted``.
_QUOTED = (rf"[«„“\"‚‘']\s?(?P<quoted>[{_CAPITAL}][^«»„“”\"‚‘’'\n]{{0,38}}?)"
           rf"\s?[»“”\"‘’']")
_WORD = re.compile(r"[\w'’-]+")
#: A name in apposition between commas, the sentence going on in lower case after it
#: (pattern foreign.appositive_name; a list of names goes on with a capital or "y/et/und").
_BETWEEN_COMMAS = re.compile(rf",\s?({_NAME}),\s(?=[^\W\d_A-Z]+\s)(?!(?:y|e|et|und|and|o|ou|og|och|en|i)\s)")
#: A quoted name set before the AI term it is in apposition to, up to three words between
#: («Eliza», un personnage de chatbot; „Kira“, ein KI-Assistent).
_APPOSITIVE = re.compile(rf"{_QUOTED}\s*,\s*(?:[\w'’-]+\s+){{0,3}}$")
#: Pattern foreign.name_first_appositive: an unquoted name opening the sentence, after an
#: article, with the AI term in apposition to it (O Sentinela, modelo de aprendizado de
#: máquina desenvolvido pelo banco; El Vigía, sistema de IA del banco); group ``name``.
_OPENING_APPOSITIVE = re.compile(rf"^\W*(?:(?:o|a|os|as|el|la|los|las|le|les|il|lo|de|het|den|det)\s+)?"
                                 rf"(?P<name>{_NAME})\s*,\s*(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE)
#: Pattern foreign.name_then_kind: an unquoted name set between a verb and an indefinite article
#: that opens the description of what it is, the AI term a few words on ("probaba Ordena, un
#: sistema de planificación basado en inteligencia artificial"; "teste Lumo, un outil d'IA");
#: group ``name``.
_NAME_THEN_KIND = re.compile(rf"(?<![.!?]\s)(?<=\s)(?P<name>{_NAME}),\s*(?:un|una|une|uno|um|uma|een|ett|en|ein|eine)\s+"
                             rf"(?:[\w'’-]+\s+){{0,7}}$")
#: A sentence end: ``. ! ?`` (not after a digit: "27. Januar"), then a capital letter.
_SENTENCE_END = re.compile(rf"(?<=[^\d\s][.!?…])[\"'”»]?\s+"
                           rf"(?=[\"'«„“(–-]?\s?[{_CAPITAL}])")


@dataclass(frozen=True)
class Language:
    """The compiled cues of one language (see ``foreign_cues.json``)."""

    code: str
    name: str
    ai: re.Pattern
    naming: re.Pattern
    negation: re.Pattern
    hypothetical: re.Pattern
    unbidden: re.Pattern
    after: int
    harm: tuple  # (action type, weight, pattern, headline only)
    months: tuple  # (month number, full-name pattern, pattern incl. abbreviations)
    capitalises_nouns: bool
    owner: re.Pattern  # an AI term's owner: possessive preposition + name
    owned: re.Pattern  # a thing an organisation owns + the word linking it to its owner
    maker: re.Pattern  # a made-by or supplier phrase + the maker's name (group ``owner``)


@dataclass
class Sentence:
    """One sentence of the screened text, with its offsets into it."""

    start: int
    end: int
    text: str
    headline: bool
    line: int  # 1-based number of the non-empty line it is on


@dataclass
class Cue:
    """One harm cue: its action type, weight, strength and sentence index."""

    kind: str
    weight: float
    strong: bool
    sentence: int


def _term(term: str) -> str:
    """A data-file term as a regular expression (``*`` = word characters, space = whitespace),
    case-sensitive when it begins with a capital letter."""
    body = term.replace("*", r"\w*").replace(" ", r"\s+")
    return body if term[:1].isupper() else f"(?i:{body})"


def _compile(terms) -> re.Pattern:
    """One pattern matching any of ``terms`` as whole words; never matches when empty."""
    if not terms:
        return re.compile(r"(?!x)x")
    ordered = sorted(set(terms), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(_term(t) for t in ordered)})(?!\w)")


@lru_cache(maxsize=1)
def _data() -> dict:
    with open(DATA, encoding="utf-8") as handle:
        return json.load(handle)


def _merged(code: str, key: str):
    """The ``key`` entries of ``code`` and of the languages sharing its cues."""
    data = _data()
    blocks = [data[c] for c in MERGED.get(code, (code,))]
    if isinstance(blocks[0][key], dict):
        merged: dict = {}
        for block in blocks:
            for kind, terms in block[key].items():
                merged.setdefault(kind, []).extend(terms)
        return merged
    return [t for block in blocks for t in block[key]]


def _owner_pattern(prepositions: list[str]) -> re.Pattern:
    """Possessive preposition + capitalised name (group ``owner``), right after an AI term."""
    if not prepositions:
        return re.compile(r"(?!x)x")
    ordered = sorted(prepositions, key=len, reverse=True)
    return re.compile(rf"\s+(?:{'|'.join(_term(t) for t in ordered)})(?:\s+|(?<=['’]))"
                      rf"(?P<owner>{_NAME})(?![\w'’-])")


def _owned_pattern(terms: list[str]) -> re.Pattern:
    """An owned thing and its linking word ("Kunden der", "base de données de production d'"),
    then up to two lower-case words describing the owner ("hos sportkedjan") and the owner's
    capitalised name (group ``owner``)."""
    if not terms:
        return re.compile(r"(?!x)x")
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(_term(t) for t in ordered)})(?:\s+|(?<=['’]))"
                      rf"(?:[a-zà-ÿ][\w-]*\s+){{0,2}}?(?P<owner>{_NAME})(?![\w'’-])")


@lru_cache(maxsize=None)
def cues(language: str) -> Optional[Language]:
    """The compiled cues for an ISO 639-1 code, or None when the language has none."""
    code = SAME_CUES.get(language, language)
    data = _data()
    if code.startswith("_") or code == "shared" or code not in data:
        return None
    block = data[code]
    harm = []
    for key, weight, headline in (("harm", STRONG, False), ("weak_harm", WEAK, False),
                                  ("headline", STRONG, True)):
        for kind, terms in _merged(code, key).items():
            assert kind in ACTION_TYPES, f"{DATA}: unknown action type {kind}"
            harm.append((kind, weight, _compile(terms), headline))
    return Language(
        code=code, name=block["name"],
        ai=_compile(data["shared"]["ai"] + _merged(code, "ai")),
        naming=_compile(_merged(code, "naming")), negation=_compile(_merged(code, "negation")),
        hypothetical=_compile(_merged(code, "hypothetical")),
        unbidden=_compile(_merged(code, "unbidden")), after=int(block.get("after", 0)),
        harm=tuple(harm), months=month_patterns(block["months"]),
        capitalises_nouns=code == "de",
        owner=_owner_pattern(_merged(code, "owner")),
        owned=_owned_pattern(_merged(code, "owned")),
        maker=_owned_pattern(_merged(code, "maker")))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their offsets: each line is split before a capital letter
    that follows ``. ! ?`` (not after a digit: "27. Januar"). The first four non-empty lines
    under 200 characters that do not end with a full stop are headline lines."""
    sentences = []
    offset = 0
    seen_lines = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            seen_lines += 1
            headline = seen_lines <= 4 and len(stripped) < 200 and not stripped.endswith(".")
            start = offset + (len(line) - len(line.lstrip()))
            pieces = _SENTENCE_END.split(stripped)
            position = start
            for piece in pieces:
                at = text.index(piece, position)
                sentences.append(Sentence(at, at + len(piece), piece, headline, seen_lines))
                position = at + len(piece)
        offset += len(line) + 1
    return sentences


@lru_cache(maxsize=1)
def _known() -> tuple[re.Pattern, dict]:
    """(pattern of every gazetteer alias, case-sensitive; alias -> (label, id))."""
    names = {row["pattern"]: (row["label"], row["id"]) for row in patterns()
             if isinstance(row["pattern"], str)}
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, ordered))})(?!\w)"), names


@lru_cache(maxsize=1)
def _person_names() -> tuple[frozenset, frozenset]:
    """(agent names that are also first names, words after them that make them products), from
    ``patterns/person_names.json`` (read here: ``kb.nlp.person_names`` needs spaCy)."""
    with open(PATTERN_DIR / "person_names.json", encoding="utf-8") as handle:
        data = json.load(handle)
    return (frozenset(n.lower() for n in data["names"]),
            frozenset(w.lower() for w in data["not_surnames"]))


def known_names(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, label, id, alias) of each gazetteer name in ``text``. An agent name that
    is also a first name, followed by a capitalised word that is not a product word
    ("Claude Martin", not "Claude Opus"), is a person's name, not counted."""
    pattern, names = _known()
    first_names, product_words = _person_names()
    found = []
    for match in pattern.finditer(text):
        label, ident = names[match.group()]
        following = re.match(rf"\s+([{_CAPITAL}][\w-]*)", text[match.end():])
        if (match.group().lower() in first_names and following
                and following.group(1).lower() not in product_words):
            continue
        found.append((match.start(), match.end(), label, ident, match.group()))
    return found


@dataclass
class Names:
    """The names a report gives (offsets into the screened text)."""

    known: list  # (start, end, label, id, alias) of gazetteer names (:func:`known_names`)
    bots: dict  # bot name -> index of the sentence that introduces it
    owners: dict  # organisation -> index of the sentence naming it as a bot's owner


def _acceptable(name: str, lang: Language, known: set[str]) -> bool:
    """Whether a captured name can be a bot's or an owner's: not a known name, an AI term,
    a month or more than three words."""
    return (len(name) >= 2 and name not in known and not lang.ai.fullmatch(name)
            and len(name.split()) <= 3 and not any(p[1].fullmatch(name) for p in lang.months))


def find_names(sentences: list[Sentence], lang: Language, ai_sentences: set[int],
               known: list) -> Names:
    """Bot names and owners (see the module docstring) besides the gazetteer names ``known``.

    An owner is a capitalised name after an AI term and a possessive preposition ("le
    chatbot d'Air Canada", "l'assistente virtuale di Poste Italiane"). Names without quotes
    are not read in German, where every noun is capitalised, nor in a title-cased line.
    """
    spelled = {k[4] for k in known}
    names = Names(known=known, bots={}, owners={})

    def add(found: dict, name: Optional[str], index: int) -> None:
        name = (name or "").strip(" .,;:")
        if _acceptable(name, lang, spelled):
            found.setdefault(name, index)

    for index, sentence in enumerate(sentences):
        text = sentence.text
        if any(i in ai_sentences for i in (index - 1, index, index + 1)):
            for match in lang.naming.finditer(text):
                named = re.match(rf"\s*[,:]?\s*(?:{_QUOTED}|(?P<name>{_NAME}))",
                                 text[match.end():])
                if named:
                    add(names.bots, named.group("quoted") or named.group("name"), index)
        for match in lang.ai.finditer(text):
            appositive = _APPOSITIVE.search(text[:match.start()])
            if appositive:  # « Eliza », un personnage de chatbot
                add(names.bots, appositive.group("quoted"), index)
            opening = None if lang.capitalises_nouns or _title_cased(text) else \
                _OPENING_APPOSITIVE.match(text[:match.start()])
            if opening and all(word[0].isupper() for word in opening.group("name").split()):
                add(names.bots, opening.group("name"), index)
            kind = None if lang.capitalises_nouns or _title_cased(text) else \
                _NAME_THEN_KIND.search(text[:match.start()])
            if kind:
                add(names.bots, kind.group("name"), index)
            compound = re.match(r"[\w-]*", text[match.end():]).end()  # "KI-Assistent"
            term, rest = text[match.start():match.end() + compound], text[match.end() + compound:]
            quoted = re.match(rf"\s*,?\s*(?:{lang.naming.pattern}\s*)?{_QUOTED}", rest)
            if quoted:
                add(names.bots, quoted.group("quoted"), index)
                continue
            if lang.capitalises_nouns or _title_cased(text):
                continue
            if not term.isupper():
                direct = re.match(rf" ({_NAME})(?![\w'’-])", rest)
                if direct:
                    add(names.bots, direct.group(1), index)
                    continue
            # foreign.appositive_name: the name set between commas right after the AI term,
            # the clause going on in lower case ("una aplicación de inteligencia artificial,
            # ClothOff, que toma una foto")
            between = _BETWEEN_COMMAS.match(rest)
            if between:
                add(names.bots, between.group(1), index)
                continue
            owned = lang.owner.match(rest)
            if owned:
                add(names.owners, owned.group("owner"), index)
    return names


def _title_cased(line: str) -> bool:
    """Whether most words of four letters or more in ``line`` are capitalised."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", line)]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


#: Where a clause ends inside a sentence (:func:`_cancelled`).
CLAUSE_END = re.compile(r"[,;:—–]")


def _cancelled(sentence: str, start: int, end: int, lang: Language) -> bool:
    """Whether a negation or a modal stands just before the cue at ``start:end`` (or within
    ``lang.after`` words after it: "raderade inte", "gelöscht werden könnten"). Pattern
    foreign.after_clause: the words after the cue are read up to the end of its clause (a
    comma, semicolon, colon or dash), so that a negation opening the next clause ("boekt hotel
    in het verkeerde Valkenburg, geen restitutie") does not cancel it."""
    before = " ".join(_WORD.findall(sentence[:start])[-BEFORE:])
    clause = CLAUSE_END.split(sentence[end:], maxsplit=1)[0]
    after = " ".join(_WORD.findall(clause)[:lang.after]) if lang.after else ""
    return any(p.search(words) for p in (lang.negation, lang.hypothetical)
               for words in (before, after) if words)


def may_describe_incident(text: str, language: str) -> bool:
    """The cheap check before a non-English page is read in full: True when ``text`` (in the
    language ``language``, ISO 639-1) holds an AI term or a known agent name and a strong harm
    cue anywhere; False for a language without cues."""
    lang = cues(language)
    if lang is None or not (lang.ai.search(text) or known_names(text)):
        return False
    return any(weight == STRONG and pattern.search(text) for _, weight, pattern, _ in lang.harm)


def find_cues(sentences: list[Sentence], lang: Language) -> list[Cue]:
    """Every harm cue not cancelled (:func:`_cancelled`), with its weight."""
    found = []
    for index, sentence in enumerate(sentences):
        unbidden = bool(lang.unbidden.search(sentence.text))
        for kind, weight, pattern, headline_only in lang.harm:
            if headline_only and not sentence.headline:
                continue
            for match in pattern.finditer(sentence.text):
                if _cancelled(sentence.text, match.start(), match.end(), lang):
                    continue
                strong = weight == STRONG or unbidden
                found.append(Cue(kind, (STRONG if strong else weight) *
                                 (HEADLINE if sentence.headline else 1.0), strong, index))
    return found


def _positions(text: str, name: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?!\w)", text)]


def _index_at(sentences: list[Sentence], position: int) -> int:
    return next((i for i, s in enumerate(sentences) if s.start <= position <= s.end), 0)


def screen(text: str, *, language: str, title: Optional[str] = None,
           published: Optional[str] = None) -> DocumentAnalysis:
    """The analysis of a non-English report (``language``: ISO 639-1), see the module
    docstring; ``title`` is screened as a headline line when ``text`` does not start with
    it; ``published`` ('yyyy-mm-dd') dates a bare month. A language without cues gets
    ``relevant=False`` and the note of the English pipeline."""
    lang = cues(language)
    if lang is None:
        return DocumentAnalysis(relevant=False, relevance=0.0, language=language, mentions=[],
                                note=f"language {language} not supported by the English pipeline")
    prefix = f"{title.strip()}\n" if title and not text.lstrip().startswith(title.strip()) else ""
    page = prefix + text
    sentences = split_sentences(page)
    known = known_names(page)
    ai_sentences = {i for i, s in enumerate(sentences) if lang.ai.search(s.text)}
    ai_sentences |= {_index_at(sentences, k[0]) for k in known if k[2] == "AGENT"}
    names = find_names(sentences, lang, ai_sentences, known)
    for bot in names.bots:
        ai_sentences |= {_index_at(sentences, p) for p in _positions(page, bot)}
    paired = [c for c in find_cues(sentences, lang)
              if any(i in ai_sentences for i in (c.sentence - 1, c.sentence, c.sentence + 1))]
    screened = f"language {language}: screened in {lang.name}"
    if not any(c.strong for c in paired):
        return DocumentAnalysis(relevant=False, relevance=0.0, language=language,
                                note=f"{screened}: no AI term near a harm cue")
    if not (known or names.bots or names.owners):
        return DocumentAnalysis(relevant=False, relevance=NAMELESS, language=language,
                                note=f"{screened}: no known agent, named bot or owner")
    mention = _mention(page, len(prefix), sentences, names, paired, ai_sentences, lang, published)
    return DocumentAnalysis(
        relevant=True, relevance=PASSED, language=language, mentions=[mention],
        note=f"{screened} for relevance and names only; other fields need English")


#: A legal-form suffix after a company's name ("Acme GmbH", "Acme SAS"): not part of the name.
LEGAL_FORM = re.compile(r"\s+(?:GmbH|AG|SE|SAS|SARL|SA|S\.A\.?|S\.p\.A\.?|S\.r\.l\.?|B\.V\.?|N\.V\.?|AB|ASA|AS|"
                        r"A/S|ApS|Ltda\.?|Oy|Ltd\.?|Inc\.?)$")


def makers(page: str, lang: Language, excluded: set[str]) -> list[str]:
    """Pattern foreign.maker: the companies a report names as the bot's maker or supplier,
    in order, from the language's ``maker`` terms ("conçu par la société Acme", "stammt von
    der Karlsruher Firma Acme", "säljs av Göteborgsbolaget Acme"); names in ``excluded``
    (lower-cased: the bot's own names) are left out."""
    found = []
    for match in lang.maker.finditer(page):
        name = LEGAL_FORM.sub("", match.group("owner").strip(" .,;:")).strip()
        if name and name.lower() not in excluded and name not in found:
            found.append(name)
    return found


def _choose(page: str, sentences: list[Sentence], names: Names, ai_sentences: set[int],
            made_by: Optional[list[str]] = None) -> tuple[Optional[str], Optional[str], str, str]:
    """(agent, vendor, agent rule, vendor rule): a bot's own name before a known agent
    (whose vendor it keeps unless the known agent is only a model), a known agent before
    a known vendor's sole product; the vendor of the known agent, else the first company
    ``made_by`` names as the bot's maker (``foreign.maker``), else a known vendor named in a
    sentence with an AI term, else the owner of a bot that has no name when the gazetteer
    knows no name in the text."""
    weight = lambda position: 2.0 if sentences[_index_at(sentences, position)].headline else 1.0
    agents, vendors, near = Counter(), Counter(), Counter()
    for start, _, label, ident, _ in names.known:
        (agents if label == "AGENT" else vendors)[ident] += weight(start)
        if label == "VENDOR" and _index_at(sentences, start) in ai_sentences:
            near[ident] += weight(start)
    agent = vendor = None
    agent_rule = vendor_rule = "foreign.gazetteer"
    if agents:
        top = agents.most_common(1)[0][1]
        products = [a for a, n in agents.most_common() if not is_model(a) and n >= top * 0.5]
        agent = products[0] if products else agents.most_common(1)[0][0]
        vendor = vendor_of(agent) or family_vendor(agent)
    if names.bots:
        if agent and is_model(agent):
            vendor = None  # a bot running on a model: the model's maker did not build the bot
            for model in (a for a in agents if is_model(a)):
                near.pop(vendor_of(model), None)
        agent = max(names.bots, key=lambda b: (len(_positions(page, b)), -names.bots[b]))
        agent_rule = "foreign.bot_name"
    if vendor is None and made_by:
        vendor, vendor_rule = made_by[0], "foreign.maker"
    if vendor is None and near:
        vendor = near.most_common(1)[0][0]
    if vendor is None and vendors and not names.bots:
        vendor = vendors.most_common(1)[0][0]
    if vendor is None and names.owners and not names.known and not names.bots:
        vendor = max(names.owners, key=lambda o: (len(_positions(page, o)), -names.owners[o]))
        vendor_rule = "foreign.owner"
    if agent is None and vendor and vendor_rule == "foreign.gazetteer":
        agent = sole_agent_of(vendor)
    return agent, vendor, agent_rule, vendor_rule


def _evidence(page: str, shift: int, sentences: list[Sentence], index: int, field: str,
              value, rule: str) -> Evidence:
    """Evidence for ``value`` from sentence ``index`` of the screened ``page``, with offsets
    into the report text (``page`` without its first ``shift`` characters, a title added in
    front); a title sentence gives way to the first report sentence naming the value."""
    sentence = sentences[index]
    if sentence.start < shift:
        body = [s for s in sentences if s.start >= shift] or [sentence]
        sentence = next((s for s in body if str(value) in s.text), body[0])
    start, end = max(sentence.start - shift, 0), max(sentence.end - shift, 0)
    return Evidence(field=field, value=value, sentence=page[shift + start:shift + end],
                    start=start, end=end, rule=rule, confidence=CONFIDENCE)


def _mention(page: str, shift: int, sentences: list[Sentence], names: Names, paired: list[Cue],
             ai_sentences: set[int], lang: Language, published: Optional[str]) -> Mention:
    """The primary mention: names (the deployer from ``kb.nlp.foreign_deployer``), the action
    type of the heaviest cues, the date."""
    made_by = makers(page, lang, {b.lower() for b in names.bots})
    agent, vendor, agent_rule, vendor_rule = _choose(page, sentences, names, ai_sentences, made_by)
    mention = Mention(primary=True, agent=agent, vendor=vendor)
    for field, value, rule in (("agent", agent, agent_rule), ("vendor", vendor, vendor_rule)):
        if not value:
            continue
        introduced = names.bots if rule == "foreign.bot_name" else names.owners \
            if rule == "foreign.owner" else {}
        if value in introduced:
            index = introduced[value]
        else:
            spelled = {value} | {k[4] for k in names.known if k[3] == value}
            hits = sorted(p for n in spelled for p in _positions(page, n))
            if not hits and agent:
                hits = _positions(page, agent)
            index = _index_at(sentences, hits[0]) if hits else 0
        mention.evidence.append(_evidence(page, shift, sentences, index, field, value, rule))
    deployer = choose_deployer(page, lang.owned, lang.capitalises_nouns, names.owners, names.known,
                               agent, vendor, names.bots)
    if deployer:
        mention.deployer = deployer[0]
        mention.evidence.append(_evidence(page, shift, sentences, _index_at(sentences, deployer[1]),
                                          "deployer", deployer[0], deployer[2]))
    totals: Counter = Counter()
    for cue in paired:
        totals[cue.kind] += cue.weight
    order = {kind: i for i, kind in enumerate(ACTION_TYPES)}
    kind = max(totals, key=lambda k: (totals[k], -order[k]))
    mention.action_type = kind
    best = max((c for c in paired if c.kind == kind),
               key=lambda c: (sentences[c.sentence].start >= shift, c.weight, -c.sentence))
    mention.evidence.append(_evidence(page, shift, sentences, best.sentence, "action_type", kind,
                                      "foreign.cue"))
    when = occurred(sentences, lang.months, published, [c.sentence for c in paired], ai_sentences)
    if when:
        mention.occurred = when[0]
        mention.evidence.append(_evidence(page, shift, sentences, when[1], "occurred", when[0],
                                          "foreign.date"))
    return mention
