"""A cheap relevance pre-filter that runs before the spaCy pipeline.

A report can only describe an AI agent incident if, somewhere, a term for an
AI system (a known agent's name or alias from the gazetteer, or a generic
term: "AI", "chatbot", "LLM", "coding assistant"...) stands near a term for
harm (deleting, wiping, an outage, a leak, an invented answer, money sent or
lost, a hijack...). :func:`may_describe_incident` checks that with regular
expressions only; text that fails it cannot pass the full relevance model,
so the pipeline skips it. It is a recall-first gate: tuned to never drop a
relevant report, not to decide relevance.

:func:`rule_out` puts it together with the language check: the analysis of
a report that needs no parsing, computed without importing spaCy. A non-English
report is never parsed: :func:`kb.nlp.foreign.screen` decides its relevance and
names with the cues of its language (or rules it out when there are none).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .types import DocumentAnalysis

#: The note a report gets when the pre-filter rules it out.
PREFILTER_NOTE = "pre-filter: no AI term near a harm term"
#: How close (in characters) an AI term and a harm term must stand.
WINDOW = 600

GENERIC_AI_TERMS = (
    r"AI", r"A\.I\.", r"artificial intelligence", r"chat ?bots?", r"LLMs?", r"language models?",
    r"agentic", r"(?:coding|AI|autonomous|software) (?:agents?|assistants?|tools?)", r"copilot",
    r"GPT[-\w.]*", r"bots?", r"virtual assistants?", r"voice assistants?", r"MCP", r"machine learning",
    r"generative", r"genAI", r"vibe[- ]coding", r"prompt injection",
    r"(?:internal|in-house|runaway|rogue|our) agents?",
    # a software agent described by its kind or job ("a computerised assistant", "an automated
    # claims assistant", "the internal maintenance agent")
    r"(?:automated|computeri[sz]ed|autonomous|digital|internal|in-house|maintenance|operations|"
    r"ops|claims|scheduling|booking|trading|sales|support) (?:\w+ )?(?:agents?|assistants?|bots?)",
    # an automated system named by its function (relevance's ai.by_function): "robotaxi",
    # "driverless car", "its pricing algorithm", "automated hiring software"
    r"robo-?taxis?", r"driverless", r"self-driving", r"autonomous (?:vehicles?|cars?|driving)",
    r"algorithms?", r"autopilot", r"driver[- ]assist\w*", r"automated (?:[\w-]+ ){0,2}(?:software|systems?|gates?|scanners?|cameras?|"
    r"decisions?|tools?|programs?|algorithms?)",
    # more systems named by their function (relevance's ai.by_function): a recogniser, machine
    # translation, a robot named by its job, a speaker that answers to a wake word
    r"(?:facial|face)[- ]recognition", r"face[- ]matching", r"fsd",
    r"(?:machine|automatic|automated) translat\w*",
    r"(?:security|chess(?:-playing)?|delivery|patrol(?:ling)?|surgical|humanoid|warehouse|industrial|"
    r"police|cleaning|sidewalk) robots?", r"robotic arms?",
    r"smart speakers?", r"(?:google|amazon) (?:home|nest|echo)",
    # prefilter.role_named_system: an AI system named by the job it does in a business ("the
    # HR assistant", "an accounts-payable agent", "the moderation filter", "its pricing
    # engine", "the scheduling system", "a travel agent app"), or a recogniser of speech
    r"(?:hr|accounts[- ]payable|payables|payroll|finance|billing|invoic\w*|it|help ?desk|service ?desk|"
    r"shopping|concierge|procurement|expenses?|recruiting|hiring|"
    r"triage|inbox|email|meeting|note[- ]taking|home) (?:agents?|assistants?|bots?)",
    r"(?:pricing|moderation|scheduling|dispatch|recommendation|routing|matching|fraud|scoring|screening|"
    r"hiring|ranking|trading|rostering|planning|content) (?:engines?|filters?|systems?|software|classifiers?)",
    r"(?:agent|assistant|chatbot|bot) apps?", r"automated (?:[\w-]+ ){0,2}(?:filters?|engines?|classifiers?|"
    r"moderation|agents?|assistants?)",
    r"(?:voice|speech)[- ]recogni\w*", r"note[- ]takers?",
)
#: Pattern prefilter.product_title: an invented product name set before the kind of AI it is,
#: capitalised ("Corvane Assistant", "Orvo Assist", "Nettle Agent", "Ledger Copilot"), matched
#: case-sensitively; a job title ("Executive Assistant", "Special Agent") is left out.
_NOT_PRODUCT = (r"(?!(?:Personal|Executive|Administrative|Legal|Special|Travel|Estate|Free|Secret|Border|"
                r"Federal|Field|Press|Sports|Talent|Medical|Dental|Teaching|Research|Senior|Junior|Assistant|"
                r"Deputy|Chief|Head|Shop|Sales|Customer|Insurance|Literary|Double|Undercover|Patrol|"
                r"Booking|Service|Support|Store|Office|Team|Program|Project|Care|Nursing|Nurse|Staff|Real|"
                r"District|Attorney|General|Police|Secret|Foreign|Royal|Principal|The|An?|Our|Your|Its|Their)\b)")
PRODUCT_TITLE = r"\b" + _NOT_PRODUCT + r"[A-Z][a-z][\w-]* (?:Assistant|Assist|Agent|Copilot|Autopilot)s?\b"
#: Pattern ai.name_kind: a product name, capitalised inside a sentence, before its kind in lower
#: case ("Trips > Waypoint agent", "the Inkwell assistant"); not at a sentence's start, where
#: every word is capitalised ("Each agent", "Support agent"), nor after "a"/"an" ("a Delta
#: agent" is a person at the airline's desk), nor a person's trade ("Border Force agent",
#: "Cardiff-based agent Rhodri Pennant": a place adjective, or a person's name after it).
#: Group 1 is the name.
NAME_KIND = (r"(?:(?<=[^\s.!?] )|(?<=[^\s.!?]  ))(?<!\b[Aa] )(?<!\b[Aa]n )\b" + _NOT_PRODUCT +
             r"(?!(?:Human|Live|Gate|Ticket|Desk|Leasing|Rental|Shipping|Claims|Call|Letting|Transfer|"
             r"Enforcement|Immigration|Customs|Lead|Intelligence|Covert|Corporate|Registered|Local|Former|"
             r"Force|Security|Farm|Bank|Airline|Every|Each|Any|One|No|Some|Another|This|That|My|His|Her)\b)"
             r"([A-Z][a-z][\w-]*)(?<!-based)(?<!-born) (?:agent|assistant|copilot)s?\b(?! [A-Z])")
#: Pattern ai.quoted_assistant: a product name in quotes before an assistant's head noun: 'the
#: "Penny" assistant', '“Ask Lyra” chatbot'; group 1 is the name.
QUOTED_PRODUCT = (r"[\"“]([A-Z][\w-]*(?: [A-Z][\w-]*){0,2})[\"”] (?:chat |virtual |voice |digital |AI )?"
                  r"(?:assistant|chatbot|bot|agent)s?\b")
#: Lower-case words asked to do things that are no tool: pronouns, people and groups.
NOT_TOOLS = {"him", "her", "them", "you", "everyone", "everybody", "someone", "somebody", "anyone", "anybody",
             "people", "staff", "permission", "management", "support", "police", "security", "legal", "finance",
             "family", "nobody", "each", "all", "one", "both", "twice", "again", "repeatedly", "only", "politely",
             "explicitly", "specifically", "directly", "then", "once", "still", "also", "just", "never",
             "mum", "mom", "dad", "hr", "it", "me", "what", "how", "where", "when", "why", "who", "which", "this",
             "that", "these", "those", "not"}
#: Pattern ai.lowercase_tool_asked: a name written in lower case, with no article, asked or
#: told to do a task ("I asked drover to rebase my branch", "I told sextant to fix the
#: changelog"): a person's name is capitalised and a group has an article or a plural, so the
#: name is a command-line tool that takes instructions, an agent. Group 1 is the name.
ASKED_TOOL = (r"\b(?:asked|told|instructed|prompted) (?!(?:" + "|".join(sorted(NOT_TOOLS)) + r")\b)(?![a-z]+ly\b)"
              r"([a-z][a-z0-9_.-]{2,}[a-z0-9])(?<!s) to\b")
HARM_TERMS = (
    r"delet\w*", r"wip\w*", r"eras\w*", r"drop\w*", r"destroy\w*", r"recreat\w*", r"overwr\w*",
    r"nuk\w*", r"rm -rf", r"terraform destroy", r"outages?", r"downtime", r"went down",
    r"took down", r"offline", r"disrupt\w*", r"broke\w*", r"crash\w*", r"leak\w*", r"expos\w*",
    r"exfiltrat\w*", r"steal\w*|stole\w*", r"breach\w*", r"fabricat\w*", r"invent\w*",
    r"hallucinat\w*", r"made up", r"false", r"fake", r"wrong\w*", r"incorrect\w*", r"inaccurate",
    r"lie[sd]?|lying", r"misle\w*", r"refund\w*", r"sanction\w*", r"lawsuits?", r"sued",
    r"liab\w*", r"tribunal", r"fined?", r"cost\w*", r"bills?", r"losses|lost|lose",
    r"transferr\w*", r"sent", r"drain\w*", r"hijack\w*", r"compromis\w*", r"malicious",
    r"inject\w*", r"backdoor\w*", r"attack\w*", r"cancel\w*", r"rogue", r"went wrong",
    r"mistake\w*", r"errors?", r"fail\w*", r"incident\w*", r"damag\w*", r"harm\w*",
    r"swear\w*", r"offensive", r"inappropriate", r"unauthori[sz]ed", r"without (?:permission|approval)",
    r"ignor\w*", r"bypass\w*", r"escap\w*",
    # machines taken off the network and the services they ran: "isolated 3,400 computers",
    # "cut off the county's PCs", "knocking out dispatch consoles" (consequence.isolated_machines)
    r"isolated", r"quarantined", r"cut off", r"knock\w* out",
    # destructive version-control commands an agent runs: "ran git clean -fdx", "force-pushed"
    r"git clean", r"reset --hard", r"push --force", r"force[- ]?push\w*", r"vanish\w*",
    # commands that put committed files back over work not yet committed: "ran git restore",
    # "git checkout -- .", "git stash drop", and the work they take: "uncommitted edits"
    r"git restore", r"git checkout (?:--|\.)", r"git stash (?:drop|clear)", r"uncommitted",
    # people's data left reachable: "a vulnerability", "the password 123456", "personal details"
    r"vulnerab\w*", r"passwords?", r"credentials?", r"personal (?:data|details|information)",
    # purchases an assistant made on its own: "Alexa went ahead and ordered one"
    r"ordered", r"bought", r"purchas\w*",
    # private things made public: "publishing people's private chats", "a privacy disaster"
    r"privacy", r"private (?:chats?|conversations?|messages?|data|details|information|photos?)",
    # a chatbot abusing the people it talks to: "hostile", "threatened", "insulted", "racist"
    r"hostile", r"threat\w*", r"insult\w*", r"racis\w*", r"sexis\w*", r"abus\w*",
    # a person hurt, turned away, billed or shown altered (relevance's consequence cues)
    r"injur\w*", r"ran over", r"dragg\w*", r"reject\w*", r"screened out", r"turned away",
    r"write-?downs?", r"altered", r"apolog\w*",
    # a person held, hurt or knocked down, a car braking on its own (relevance's detention,
    # machine-injury and vehicle-manoeuvre cues)
    r"arrest\w*", r"detain\w*", r"(?:police|in) custody", r"handcuff\w*", r"knock\w* (?:over|down)",
    r"phantom brak\w*", r"brak(?:ed|ing) hard",
    # a death, a recall, a car breaking the rules of the road, a fraud (relevance's real.death,
    # real.recall, consequence.traffic_violation, consequence.led_to_fraud)
    r"fatal\w*", r"deadly", r"wrongful[- ]death", r"(?:voluntary|software|safety) recalls?",
    r"recall(?:ed|s)? (?:about |nearly |more than |over )?\d", r"(?:stopped )?school bus\w*", r"ran (?:a |the )?red light",
    r"scam\w*", r"fraudster\w*",
    # a person or animal struck by a car that drives itself (relevance's consequence.struck_by_vehicle)
    r"ran (?:\w+ )?over", r"(?:hit|struck|killed) by", r"killed",
    # documents sent to the wrong people (relevance's consequence.sent_to_wrong); accounts frozen
    r"wrong (?:people|person|recipients?)", r"blocked", r"frozen", r"locked out",
    # prefilter.money_twice_or_lost: money paid twice, a booking that cannot be refunded, a
    # price charged that should not be ("duplicate payments", "nonrefundable", "overcharged")
    r"duplicat\w*", r"non-?refundable", r"overcharg\w*", r"overpa(?:id|y\w*)", r"paid twice",
    # prefilter.content_removed: people's posts or accounts taken away by a filter ("38,000
    # posts were removed", "accounts suspended"); staff pay shown to all ("colleagues' salaries")
    r"(?:posts?|accounts?|listings?|videos?|photos?|messages?|reviews?) (?:were |was )?"
    r"(?:removed|suspended|taken down|banned|hidden)",
    r"(?:their|colleagues'?|employees'?|staff|everyone's|other people's) (?:base )?(?:salaries|pay|bonuses)",
    r"(?:listed|showed|revealed|shared|disclosed|displayed) (?:\w+ )?(?:colleagues|co-?workers|employees|staff)",
    r"confidential", r"sensitive (?:data|information|files|details|records)",
)


def _alternation(terms) -> str:
    return "|".join(terms)


def trie_alternation(words) -> str:
    """A regular expression matching exactly the literal ``words``, written as a trie
    (``chat(?:bot|gpt)``) so that the regex engine tries one branch per character instead
    of every word at every position. Matches the same strings as ``a|b|c``, longest first."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer continuations are optional
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return build(trie)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, tuple[tuple[re.Pattern, tuple[str, ...]], ...]]:
    """(AI term, harm term) patterns, lower case, for text that was lower-cased first, and
    the case-sensitive product-name pattern (:data:`PRODUCT_TITLE`, :data:`NAME_KIND`,
    :data:`QUOTED_PRODUCT`, :data:`ASKED_TOOL`) for the text as written, each with the words one
    of which any match of it contains: a page without them is not scanned with it.

    Matching lower-cased text without ``re.IGNORECASE``, and the agent names as a trie,
    makes the scan of a whole web page several times faster than one flat ignore-case
    alternation; the terms matched are the same.
    """
    from .gazetteer import load_gazetteer

    names = {alias.lower() for entry in load_gazetteer() if entry["kind"] == "agent"
             for alias in entry.get("aliases") or [] if len(alias) > 2}
    ai = rf"\b(?:{_alternation(GENERIC_AI_TERMS).lower()}|{trie_alternation(names)})\b"
    harm = rf"\b(?:{_alternation(HARM_TERMS).lower()})"
    products = tuple((re.compile(pattern), needles) for pattern, needles in (
        (PRODUCT_TITLE, ("Assist", "Agent", "Copilot", "Autopilot")),
        (NAME_KIND, (" agent", " assistant", " copilot")),
        (QUOTED_PRODUCT, ('"', "“")),
        (ASKED_TOOL, ("asked ", "told ", "instructed ", "prompted "))))
    return re.compile(ai), re.compile(harm), products


def may_describe_incident(text: str) -> bool:
    """True when an AI term and a harm term stand within :data:`WINDOW`
    characters of each other somewhere in ``text`` (case-insensitive)."""
    ai, harm, products = _patterns()
    # each product pattern is scanned only where its words occur: scanning a whole web page with
    # the patterns that open on look-behinds costs more than the rest of this check
    titled = [match.start() for product, needles in products if any(n in text for n in needles)
              for match in product.finditer(text)]
    text = text.lower()
    ai_positions = sorted([match.start() for match in ai.finditer(text)] + titled)
    if not ai_positions:
        return False
    harm_positions = [match.start() for match in harm.finditer(text)]
    if not harm_positions:
        return False
    j = 0
    for position in ai_positions:
        while j < len(harm_positions) and harm_positions[j] < position - WINDOW:
            j += 1
        if j < len(harm_positions) and harm_positions[j] <= position + WINDOW:
            return True
    return False


def language_of(text: str, language: Optional[str] = None) -> str:
    """``language`` when given, else the detected language of ``text``
    (:func:`kb.text.detect_language`), else ``"en"``."""
    if language:
        return language
    from kb.text import detect_language  # reading's detector; imported only when needed

    return detect_language(text) or "en"


def rule_out(text: str, *, title: Optional[str] = None, language: str,
             published: Optional[str] = None) -> Optional[DocumentAnalysis]:
    """The analysis of a report that the English pipeline need not parse, or None.

    Non-English text (``language``, ISO 639-1) gets the screen of :func:`kb.nlp.foreign.screen`
    (``published``, 'yyyy-mm-dd', dates it): relevant with one primary mention holding names
    and an action type, or not relevant, with a ``note`` either way. English text where no AI
    term stands near a harm term (title included) is not relevant, with a ``note``; for any
    other text this returns None: it must be parsed.
    """
    if language != "en":
        from .foreign import screen

        return screen(text, language=language, title=title, published=published)
    if not may_describe_incident(f"{title or ''}\n{text}"):
        return DocumentAnalysis(relevant=False, relevance=0.0, language=language, note=PREFILTER_NOTE)
    return None
