"""Actors the gazetteer cannot list: agents named by a pattern, and who made the bot.

Patterns (each over one sentence):

- an *organisation's MCP server* is an agent named after its maker -- ``Acme MCP server``,
  ``Acme's official MCP server``, ``Acme launched an opt-in MCP server``, ``the MCP server Acme
  launched in May``, ``Acme's Model Context Protocol server`` -> agent
  "Acme MCP server", vendor Acme;
- an *npm-style MCP package* is an agent whose publisher is not known -- ``mailer-mcp``,
  ``@scope/files-mcp-server``, ``mcp-server-notes`` -> agent "mailer-mcp", vendor None;
- a *product header value*: a key-value or YAML front-matter line whose key names the acting
  product or model (``framework: Helix``, ``model: GPT-7.1 Nova``) gives the agent even when
  the gazetteer does not know it; a model family prefix (``patterns/model_families.jsonl``)
  gives its vendor;
- a *maker phrase* names the vendor of an otherwise anonymous bot -- ``Acme, the company
  behind the chatbot``, ``Acme, the health-tech company that operates the chatbot``, ``the firm behind the assistant, Acme``, ``the bot's developer, Acme``,
  ``a chatbot built by Acme``, ``Acme, the company that makes Tally``, ``an assistant called
  Warden, supplied by Acme``, ``maintained by a small company called Acme`` (``powered by``
  names the engine, not the maker);
- more maker phrases: a relative clause whose subject launched the bot (``who.relative_launcher``:
  "Polish, the listing assistant Acme launched"), a role said to be a name (``who.role_is_name``:
  "The provider is Acme"), a name and its maker after a bot noun (``who.bot_name_from``: "AI
  agents, Tinker from Acme"), a character inside a named app (``who.character_in_app``), the
  maker inside a defining parenthesis (``who.parenthetical_owner``);
- a *bot's home* (``HOME``): the company whose own app or service holds the bot, counted as the
  bot's owner (``who.app_with_bot``, ``who.owner_named_bot``, ``who.customer_of``);
- a *fallback mention* -- ``switched to ChatGPT``, ``fallback to Gemini`` -- names a tool
  used after the acting one failed; it counts less when choosing the report's agent.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span

from .gazetteer import family_vendor
from .segment import Sentence

_NAME = r"(?!(?:The|A|An|This|That|Its|Their|Our|Her|His)\b)([A-Z][\w.&!'’-]*(?:\s+[A-Z][\w.&!'’-]*){0,3})"
_BOT = r"(?:chatbot|bot|assistant|agent|tool|system|platform|implementation|software|avatar)"
#: The protocol's name, short or spelled out ("MCP server", "Model Context Protocol server").
_MCP = r"(?:MCP|Model\s+Context\s+Protocol)\s+[Ss]erver"
MCP_NAMED = re.compile(_NAME + r"(?:'s|’s)?\s+(?:(?:official|own|opt-in|experimental|hosted|remote|new)\s+)*"
                       + _MCP)
MCP_LAUNCHED = re.compile(_NAME + r"\s+(?:launched|released|shipped|introduced|published|maintains|"
                          r"built|offers|offered|rolled out|added|runs|ran)\s+(?:an?|its)\s+"
                          r"(?:[\w-]+\s+){0,2}" + _MCP)
#: The server as the object of its maker's deed, told first: "the MCP server Acme launched in May".
MCP_OBJECT = re.compile(r"\b(?:the|an?)\s+(?:[\w-]+\s+){0,2}" + _MCP + r"\s+" + _NAME +
                        r"\s+(?:launched|released|shipped|introduced|published|maintains|built|offers|"
                        r"offered|rolled out|added|runs|ran)\b")
NPM_MCP = re.compile(r"(?<![\w/@.-])((?:@[a-z0-9-]+/)?[a-z0-9][a-z0-9._]*(?:-[a-z0-9._]+)*-mcp(?:-server)?"
                     r"|mcp-server-[a-z0-9][a-z0-9-]*)(?![\w-])")
#: Month and weekday names: a time adverbial, never a bot's name.
_TIME_WORD = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
              r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday)\b")
#: A maker's place and kind before its name ("San Francisco start-up ", "the Dutch firm "), skipped.
_DESCRIBED = (r"(?:(?:the\s+|an?\s+)?(?:[A-Z][\w-]*\s+){0,2}(?:[\w-]+\s+)?(?:start-?up|company|firm|fintech|vendor|"
              r"provider|developer|maker|supplier|specialist)\s+)?")
MAKER = [
    # pattern who.subject_markets_named_bot: the maker as subject of a selling or making verb whose
    # object is a bot given its name ("Acme, a small Lisbon startup, markets an autonomous
    # portfolio agent called Vesper", "Acme sells an AI receptionist named Ada")
    re.compile(_NAME + r"(?=(?:\s*,\s+(?:an?|the)\s+[^,;.]{1,60},)?\s+(?:markets|marketed|sells|sold|makes|made|"
               r"builds|built|develops|developed|offers|offered|ships|shipped)\s+(?:an?|its|their)\s+"
               r"(?:[\w-]+\s+){0,3}" + _BOT + r"s?\s+(?:called|named|dubbed|branded)\s+[A-Z])"),
    re.compile(_NAME + r"\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:company|firm|startup|vendor|provider|developer)\s+"
           r"(?:behind|that (?:built|builds|makes|made|developed|develops|provides|provided|supplies|supplied|"
           r"operates|operated|runs|ran|maintains|maintained))\s+"
           r"(?:the|its|their|this)\s+(?:[\w-]+\s+){0,2}" + _BOT),
    # pattern who.maker_of_name: the maker appositive naming the product itself ("Acme, the
    # company that makes Tally", "Acme, the Bristol company behind Skyhook")
    re.compile(_NAME + r"\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:company|firm|start-?up|vendor|developer|maker)\s+"
               r"(?:behind|that\s+(?:makes|made|builds|built|develops|developed|sells|sold))\s+"
               r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s*[,.;]"),
    # pattern who.named_then_maker: the bot's name between the bot noun and its maker ("an IT
    # assistant called Warden, supplied by Acme Systems")
    re.compile(r"\b" + _BOT + r"\s+(?:called|named)\s+[A-Z][\w-]*,?\s+(?:which\s+(?:was|is)\s+)?"
               r"(?:built|developed|made|supplied|provided|sold|maintained)\s+by\s+" + _NAME),
    # pattern who.system_appositive: a named engine, filter or system said to be supplied ("The
    # engine, Tallyrate, is supplied by Oslo-based Fjord Metrics"); pattern who.ai_role_defining:
    # a named AI in a job's role and its seller ("Rafe, the AI sales rep sold by Quayline")
    re.compile(r"\b(?:engine|filter|system|scheduler|" + _BOT + r"),\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?,\s+"
               r"(?:is|was|are|were|has been|had been)\s+(?:built|developed|made|supplied|provided|sold|licensed)\s+by\s+"
               r"(?:[A-Z][\w]+-based\s+)?" + _DESCRIBED + _NAME),
    re.compile(r"\b[A-Z][\w-]*,\s+(?:an?|the)\s+AI\s+(?:[\w-]+\s+){0,4}?(?:sold|made|built|supplied|developed|"
               r"provided|licensed|marketed)\s+by\s+(?:[A-Z][\w]+-based\s+)?" + _DESCRIBED + _NAME),
    re.compile(r"\b(?:company|firm|startup|vendor|provider)\s+behind\s+(?:the|its|their|this)\s+"
               r"(?:[\w-]+\s+){0,2}" + _BOT + r"\s*,\s+" + _NAME),
    re.compile(r"\b" + _BOT + r"(?:'s|’s)\s+(?:maker|developer|vendor|provider|creator)s?,?\s+" + _NAME),
    re.compile(r"\b" + _BOT + r"s?\s+(?:(?:was|is|were|are|had been|has been)\s+)?(?:built|developed|made|"
               r"created|provided|supplied|sold|offered|marketed|licensed)\s+by\s+"
               r"(?:(?:the\s+)?(?:[\w-]+\s+){0,3}(?:start-?up|company|firm|vendor|provider|developer|maker)\s+)?"
               r"(?:[A-Z][\w]+-based\s+)?" + _NAME),
    # "was built for the retailer by Melbourne software firm X", "supplied by X, a Waterloo company"
    re.compile(r"\b(?:built|developed|made|supplied|provided|sold)\s+(?:for\s+[\w' -]{1,40}?\s+)?by\s+"
               r"(?:the\s+)?(?:[\w-]+\s+){0,3}(?:start-?up|company|firm|vendor|provider|developer|maker)\s+"
               + _NAME),
    re.compile(r"\b(?:supplied|built|developed|sold|provided|made)\s+by\s+" + _NAME +
               r",\s+an?\s+(?:[\w-]+\s+){0,4}(?:company|firm|start-?up|vendor|maker|provider|developer)\b"),
    # the platform or maker a bot comes from: "runs on a conversational platform from X", "an AI
    # SRE agent from X"
    re.compile(r"\bruns?\s+on\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}(?:platform|system|service)\s+from\s+" + _NAME),
    # pattern who.from_described_maker: the maker after "from" with its place and kind first ("an
    # agent from the Dutch start-up Switchyard", "the coding agent from Austin start-up Acme",
    # "an agent it licensed from Dublin fintech Nettle"): the place is no maker
    re.compile(r"\b(?:agent|assistant|chatbot|bot|engine|system|tool)\s+(?:(?:it|they|we)\s+licen[sc]ed\s+)?from\s+"
               r"(?:the\s+|an?\s+)?(?:[A-Z][\w-]*\s+){0,2}(?:[\w-]+\s+)?(?:start-?up|company|firm|fintech|vendor|"
               r"provider|developer|maker|supplier|specialist)\s+" + _NAME),
    re.compile(r"\b(?:agent|assistant|chatbot|bot)\s+from\s+" + _NAME),
    # "made by a small company called X", "a coding agent from a start-up called X"
    re.compile(r"\b(?:built|developed|made|created|supplied|provided|sold|offered|from|maintained|published|"
               r"released)\s+by\s+"
               r"(?:an?\s+)?(?:[\w-]+\s+){0,2}(?:company|firm|start-?up|vendor|developer|maker)\s+"
               r"(?:called|named)\s+" + _NAME),
    re.compile(r"\b" + _BOT + r"\s+from\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}(?:company|firm|start-?up|vendor)\s+"
               r"(?:called|named)\s+" + _NAME),
    # a pronoun or relative clause for the bot: "It was supplied by X", "the chatbot, which runs
    # on a model and was installed by the dealer-software company X"
    re.compile(r"\b(?:It|it|which[^.;]{0,80}?)\s+(?:was|is|had been|has been)\s+(?:built|developed|made|created|"
               r"supplied|provided|sold|installed|deployed)\s+by\s+"
               r"(?:the\s+(?:[\w-]+\s+){0,3}(?:start-?up|company|firm|vendor|provider|developer|maker)\s+)?"
               + _NAME),
    # bought in: "an agent that it licenses from the Leeds company X", "licensed from X"
    re.compile(r"\b(?:licen[sc]es|licen[sc]ed?|leases|leased|buys|bought)\s+(?:it\s+)?from\s+(?:the\s+|an?\s+)?"
               r"(?:(?:[\w-]+\s+){0,3}(?:start-?up|company|firm|fintech|vendor|provider|developer|maker|supplier),?\s+)?" + _NAME),
    # part of another's product: "an AI assistant built into the HR software of X"
    re.compile(r"\b(?:built|baked|embedded|integrated)\s+into\s+(?:the\s+)?(?:[\w-]+\s+){0,3}"
               r"(?:software|platform|app|suite|system|service)\s+(?:of|from|made by|sold by)\s+" + _NAME),
    # the maker's possessive in an appositive to the bot's name: "asked Harrow, Bracken Labs'
    # autonomous coding agent, to ..."
    # (a month or weekday before the comma is a time, not the bot: "In July, Acme's agent ...")
    re.compile(r"\b(?!" + _TIME_WORD + r")[A-Z][\w-]+,\s+" + _NAME + r"(?:'s|’s|'|’)\s+(?:[\w-]+\s+){0,3}"
               + _BOT + r"\b"),
    # "X is a product of Y"
    re.compile(r"\bis\s+a\s+product\s+of\s+" + _NAME),
    # in-house: the company that built its own agent is its maker ("At Acme we run an internal
    # agent", "Acme's in-house coding agent")
    re.compile(r"\bAt\s+" + _NAME + r",?\s+we\s+(?:run|ran|built|use|used|deployed|operate|have)\s+"
               r"(?:an?|our)\s+(?:own\s+)?(?:internal|in-house|home-grown|homegrown|own)\s+(?:[\w-]+\s+){0,2}" + _BOT),
    re.compile(_NAME + r"(?:'s|’s)\s+(?:own\s+)?(?:internal|in-house|home-grown|homegrown)\s+(?:[\w-]+\s+){0,2}"
               + _BOT),
    # pattern who.bracketed_maker: the maker in brackets after the bot's name ("an AI SDR called
    # Rae (from Acme)", "a bot named Ivy (by Acme)")
    re.compile(r"\b(?:called|named|dubbed)\s+[A-Z][\w-]*\s+\((?:from|by|made by|built by)\s+" + _NAME + r"\)"),
    # pattern who.maker_is_name: the maker defined and then named ("The company that makes these
    # chat widgets is Acme", "the firm that built the assistant was Acme")
    re.compile(r"\b(?:company|firm|start-?up|vendor|developer|maker|business)\s+(?:that|which)\s+(?:makes|made|"
               r"builds|built|develops|developed|sells|sold|supplies|supplied|provides|provided)\s+"
               r"(?:the|these|this|those|its|their)\s+(?:[\w-]+\s+){0,3}(?:" + _BOT + r"|widget)s?\s+(?:is|was)\s+"
               + _NAME),
    # pattern who.relative_launcher: a relative clause on the bot noun whose subject launched,
    # built or promotes the bot ("Polish, the AI listing assistant Acme launched in the autumn",
    # 'Scout, an AI "trip agent" that Acme has promoted heavily'); not a clause of use ("the
    # agent Acme licenses from Beta": Acme only runs it)
    re.compile(r"\b" + _BOT + r"[\"”]?\s+(?:that\s+|which\s+)?" + _NAME + r"\s+(?:has\s+|had\s+)?(?:launched|"
               r"released|rolled\s+out|introduced|unveiled|debuted|promoted|markets|marketed|sells|sold|makes|"
               r"built|developed|created|designed|shipped)\b"),
    # pattern who.role_is_name: the maker's role said to be a name ("The provider is Acme", "the
    # app is Acme", "its maker was Acme"; not "the developer", often the person who coded)
    re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,2}?(?:app|provider|vendor|supplier|maker|"
               r"manufacturer)\s+(?:is|was|turned out to be)\s+" + _NAME),
    # pattern who.bot_name_from: the bot's name and its maker after a bot noun ("one of those AI
    # agents, Tinker from Acme", "the assistant, Nia by Acme")
    re.compile(r"\b" + _BOT + r"s?,\s+[A-Z][\w-]*\s+(?:from|by|made\s+by|built\s+by)\s+" + _NAME),
    # pattern who.character_in_app: a bot, persona or character inside a named app ("She is a
    # character in Kindred, an AI companion app")
    re.compile(r"\b(?:character|persona|companion|" + _BOT + r"|feature)\s+(?:in|on|inside|within)\s+" + _NAME +
               r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:app|application|platform|service)\b"),
    # pattern who.parenthetical_owner: the maker's name inside a parenthesis defining the bot
    # ("Inkwell (the Acme Labs email assistant)")
    re.compile(r"[A-Z][\w-]*\s+\((?:the|an?)\s+" + _NAME + r"\s+(?:[a-z][\w-]*\s+){0,3}" + _BOT + r"\)"),
    # pattern who.built_in_house_relative: a relative clause whose subject built the bot itself
    # ("an AI assistant that Acme built in-house", "a chatbot Acme developed internally")
    re.compile(r"\b" + _BOT + r"\s+(?:that\s+|which\s+)?" + _NAME + r"\s+(?:had\s+|has\s+)?(?:built|developed|made|"
               r"created|wrote|designed)\s+(?:it\s+)?(?:in-house|in\s+house|internally|itself|themselves)\b"),
]
#: Patterns naming the organisation whose own app or service holds the bot (its owner, which
#: made a consumer bot unless a maker phrase names another):
#: - who.app_with_bot: "the Acme app, which has this AI agent called Scout";
#: - who.owner_named_bot: "Acme's Waypoint agent" (the owner's possessive before the bot's name,
#:   not "AI": "Acme's AI agent" is counted by ``entities.bot_owners``);
#: - who.customer_of: "I save with Acme and do everything through their app" (the writer is
#:   the company's customer and uses its app or bot).
HOME = [
    re.compile(r"\b(?:the|their|its|my|our)\s+" + _NAME + r"\s+app\b[^.;]{0,40}?\b(?:has|had|have|with|includes?|"
               r"included|offers?|offered)\b[^.;]{0,30}?\b" + _BOT + r"\b"),
    re.compile(r"(?<![\w.-])" + _NAME + r"(?:'s|’s)\s+(?!AI\b)[A-Z][\w-]*\s+" + _BOT + r"\b"),
    re.compile(r"\bI\s+(?:bank|save|shop|insure|(?:am|'m|’m)\s+(?:insured|a\s+customer|a\s+member|a\s+client)|"
               r"have\s+(?:an?\s+|my\s+)?(?:account|policy|mortgage|savings))\s+(?:with|at|of)\s+" + _NAME +
               r"\b[^.;]{0,60}?\b(?:their|its)\s+(?:[\w-]+\s+)?(?:app|website|site|chat|" + _BOT + r")\b"),
]
#: Header keys whose value is the acting product or its model (YAML ``agent_stack`` keys).
AGENT_KEYS = {"framework": 1.0, "agent": 1.0, "agent name": 1.0, "product": 1.0, "bot": 1.0,
              "chatbot": 1.0, "model": 0.6}
NOT_NAMES = {"the", "a", "an", "this", "that", "its", "their", "our", "experimental", "official",
             "new", "mcp", "ai", "an", "remote", "hosted", "open", "public", "malicious", "fake",
             "unknown", "not disclosed", "none", "n/a", "unnamed", "undisclosed"}
FALLBACK_BEFORE = re.compile(r"\b(?:fall(?:s|ing)?[- ]?back(?: to| on)?|switch(?:ed|es|ing)? to|"
                             r"backup|instead)\s*(?:[,—–-]\s*)?$", re.I)
FALLBACK_AFTER = re.compile(r"^\s*(?:as (?:a|the) (?:fallback|backup)|was the second)", re.I)


#: Company-name abbreviations whose full stop belongs to the name.
ABBREVIATION = re.compile(r"\b(?:Inc|Co|Ltd|Corp|Bros|Plc|L\.?L\.?C|S\.A|N\.V)\.$")


def _is_name(span: Span, start: int, end: int) -> Optional[Span]:
    """The tokens of ``span`` covering characters [start, end) when they look like a name.

    A name is proper nouns or an entity (or capitalised nouns inside a sentence), not a
    determiner or descriptor ("Experimental").
    """
    chars = span.char_span(start - span.start_char, end - span.start_char, alignment_mode="expand")
    if chars is None or not len(chars):
        return None
    text = chars.text.strip(" '’s").lower()
    if text in NOT_NAMES or chars[0].lower_ in NOT_NAMES or chars[0].is_stop:
        return None
    # pattern who.capitalised_noun_name: a new company's name the tagger calls a noun
    # ("the start-up Callnest") is still capitalised mid-sentence
    if all(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "VENDOR", "PERSON", "GPE", "PRODUCT")
           or t.text in ("'s", "’s", "&", "-")
           or (t.text[:1].isupper() and t.i > t.sent.start and t.pos_ in ("NOUN", "ADJ", "X")
               and not t.is_stop) for t in chars):
        return chars
    return None


def _canonical(chars: Span) -> str:
    """A name's canonical form: the gazetteer vendor id when it is one, else its text."""
    for ent in chars.ents:
        if ent.label_ == "VENDOR":
            return ent.ent_id_
    return re.sub(r"(?:'s|’s|'|’)$", "", chars.text.strip())


def unlisted_agents(span: Span) -> list[tuple[str, Optional[str]]]:
    """(agent, vendor or None) for MCP servers and MCP packages named in ``span``."""
    found = []
    text = span.text
    for pattern in (MCP_NAMED, MCP_LAUNCHED, MCP_OBJECT):
        for match in pattern.finditer(text):
            chars = _is_name(span, span.start_char + match.start(1), span.start_char + match.end(1))
            if chars is not None:
                vendor = _canonical(chars)
                found.append((f"{vendor} MCP server", vendor))
    for match in NPM_MCP.finditer(text):
        found.append((match.group(1), None))
    return found


def header_agent(sentence: Sentence) -> Optional[tuple[str, Optional[str], float]]:
    """(agent, vendor, weight factor) from a product header line the gazetteer did not match."""
    if sentence.key not in AGENT_KEYS or any(e.label_ in ("AGENT", "VENDOR") for e in sentence.span.ents):
        return None
    line = sentence.span.doc.text  # each line is parsed alone; a value may span two "sentences"
    if sentence.span.start_char > line.find(":"):
        return None
    value = line.split(":", 1)[1].strip(" \"'*") if ":" in line else ""
    value = re.split(r"\s*[(,;]", value)[0].strip()
    words = value.split()
    if not words or len(words) > 4 or value.lower() in NOT_NAMES:
        return None
    if not (value[0].isupper() or value[0].isdigit()):
        return None
    return value, family_vendor(value), AGENT_KEYS[sentence.key]


#: An owner's possessive before the company that made the bot: "Elon Musk's company xAI".
OWNER_COMPANY = re.compile(r"(?:'s|’s)?\s+(?:own\s+)?(?:AI\s+)?(?:company|firm|start-?up|lab|venture),?\s+"
                           r"((?:[A-Z]|[a-z]+[A-Z])[\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})")


def _from_is_not_the_bots(span: Span, match: re.Match) -> bool:
    """Pattern who.removed_from: in "pulled its chatbot from Facebook Messenger" the "from"
    phrase belongs to the verb (where the bot was taken from, a platform), not to the bot noun
    (who it comes from, "a chatbot from Acme"): True when a "from" right after a bot noun in
    the match hangs on a verb."""
    for token in span.char_span(match.start(), match.end(), alignment_mode="expand") or ():
        if token.lower_ == "from" and token.i > 0 and token.nbor(-1).lower_ in BOT_WORDS:
            return token.head.pos_ in ("VERB", "AUX") and token.head.i != token.i - 1
    return False


#: Bot nouns a "from" phrase can qualify.
BOT_WORDS = {"chatbot", "bot", "assistant", "agent", "tool", "system", "platform", "service"}


def makers(span: Span) -> list[str]:
    """Organisations a maker phrase names as the builder of the report's bot."""
    return _named_by(span, MAKER)


def bot_homes(span: Span) -> list[str]:
    """Organisations a ``HOME`` pattern names as holding the report's bot in their own app or
    service ("the Acme app, which has this AI agent called Scout"): bot owners. A sentence
    naming a known agent ("Google's Gemini chatbot") names its maker, not a bot's home."""
    if any(ent.label_ == "AGENT" for ent in span.ents):
        return []
    return _named_by(span, HOME)


def _named_by(span: Span, patterns: list[re.Pattern]) -> list[str]:
    """Canonical names captured by the last group of any of ``patterns`` in ``span``."""
    found: list[tuple[str, bool]] = []
    seen: set[int] = set()
    text = span.text
    for pattern in patterns:
        for match in pattern.finditer(text):
            group = match.lastindex
            end = match.end(group)
            if match.group(group).endswith(".") and not ABBREVIATION.search(match.group(group)):
                end -= 1  # the sentence's full stop, not part of the name
            if _from_is_not_the_bots(span, match):
                continue
            start = match.start(group)
            owned = OWNER_COMPANY.match(text, end)
            if owned and (text[end:end + 1] in "'’" or match.group(group).endswith(("'s", "’s"))):  # "Elon Musk's company xAI": the company, not its owner, made the bot
                start, end = owned.start(1), owned.end(1)
                if text[start:end].endswith(".") and not ABBREVIATION.search(text[start:end]):
                    end -= 1
            chars = _is_name(span, span.start_char + start, span.start_char + end)
            if chars is not None and chars.start not in seen:  # one name, however many patterns
                seen.add(chars.start)
                found.append((_canonical(chars), all(t.ent_type_ in ("GPE", "LOC") for t in chars)))
    if any(not place for _, place in found):
        # a place read as a name ("sold by San Francisco start-up X") gives way to the company;
        # alone it stays, as the NER often takes a new company's name for a place
        return [name for name, place in found if not place]
    return [name for name, _ in found]


def is_fallback(ent: Span) -> bool:
    """True when an agent mention names a fallback tool ("switched to X", "X as a fallback")."""
    doc = ent.doc
    before = doc[max(ent.start - 4, ent.sent.start):ent.start].text
    after = doc[ent.end:min(ent.end + 5, ent.sent.end)].text
    return bool(FALLBACK_BEFORE.search(before) or FALLBACK_AFTER.search(after))


#: Nouns naming an incident, and the action type they imply ("the Acme deletion" -> delete_data).
INCIDENT_NOUNS = {"deletion": "delete_data", "wipe": "delete_data", "wipeout": "delete_data",
                  "fabrication": "fabrication", "hallucination": "fabrication",
                  "outage": "other", "incident": "other", "scandal": "other", "failure": "other",
                  "fiasco": "other", "debacle": "other", "meltdown": "other", "mishap": "other",
                  "breach": "data_exposure", "leak": "data_exposure", "hijack": "compromised_agent",
                  "compromise": "compromised_agent"}
LINK_VERBS = {"connect", "link", "tie", "blame", "attribute", "cause", "trace", "pin"}
INCIDENT_WORD = re.compile(r"\b(?:outages?|incidents?|failures?|breach(?:es)?|disruptions?|downtime)\b", re.I)


def incident_references(span: Span, previous: str = "") -> list[tuple[Span, str]]:
    """Agent or vendor spans that name an incident without a harm verb, with its action type.

    Patterns: the name modifies an incident noun (``the Acme deletion``, ``the Acme "Max"
    support-bot fabrication``, ``the Acme deepfake scandal``: compound / nmod / poss of a noun in
    ``INCIDENT_NOUNS``), or it is the object of a link verb while an incident word stands in
    this sentence or the ``previous`` one (``The first outage was connected to Acme's bot``).
    """
    found = []
    for ent in span.ents:
        if ent.label_ not in ("AGENT", "VENDOR"):
            continue
        root = ent.root
        head = root.head
        if root.dep_ in ("compound", "nmod", "poss", "amod") and head.lemma_.lower() in INCIDENT_NOUNS:
            found.append((ent, INCIDENT_NOUNS[head.lemma_.lower()]))
        elif root.dep_ == "pobj" and head.lower_ in ("to", "by", "with", "on") and \
                head.head.lemma_.lower() in LINK_VERBS and \
                (INCIDENT_WORD.search(span.text) or INCIDENT_WORD.search(previous)):
            found.append((ent, "other"))
    return found


def incident_family(agent: Optional[str], vendor: Optional[str]) -> set[str]:
    """Ids that act for one incident: the agent, its vendor, and the vendor's foundation models
    (``products.jsonl`` rows with ``role == "model"``): "Claude executed ..." in a report about
    Claude Code is the agent's own deed, not another incident. A bot the gazetteer does not
    list (a named support bot, "Sam") speaks for its vendor, so the vendor's products count too
    ("Cursor's AI support agent invented a policy")."""
    from .gazetteer import is_model, products
    ids = {x for x in (agent, vendor) if x}
    if vendor:
        own_bot = bool(agent) and agent not in products()
        ids |= {name for name, row in products().items()
                if (own_bot or is_model(name)) and row.get("vendor") == vendor}
    return ids
