"""Who: the agent, its vendor and the deployer, from gazetteer spans and the statistical NER.

Patterns:

- gazetteer spans (AGENT/VENDOR, ``ent_id_`` = canonical id) from ``kb_gazetteer``;
- a *named bot*: a capitalised name in quotes next to a bot noun -- ``"Olive" AI chatbot``,
  ``support bot "Sam"``, ``an assistant called "Byte"``;
- a *bot owner*: an organisation directly before a bot noun, possessive or compound --
  ``Air Canada's chatbot``, ``the DPD chatbot``, ``Woolworths' AI assistant``;
- a *bot owner* may stand up to eight tokens before the bot noun when the words between are
  modifiers (``DPD's AI-powered customer service chatbot``, ``Acme's own issue triage bot``).

- *page chrome* is no organisation: a breadcrumb trail (``who.breadcrumb``), a paper's masthead
  (``who.masthead_line``, ``who.publication_name``), a dateline (``who.dateline``) or a column's
  label (``who.section_label``); a company's own forum names it (``who.community_host``), an
  issue page's "owner/repo" line names a known agent (``who.repo_slug``), and a short company
  name written once in full is that full name (``who.full_company_name``).

The deployer has its own module (``deployer``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span

from .actors import bot_homes, header_agent, is_fallback, makers, unlisted_agents
from .gazetteer import PATTERN_DIR, is_model, products, vendor_of
from .segment import Sentence

#: Sections that list links or sources: their names are not actors of the incident.
#: Headings of a report's reference section, whose names are not its subject ("References",
#: "Sources", "See also", "Related incidents"): the whole heading, so that a story's own
#: heading that holds such a word ("Lawyers blame Claude for a bad citation") is not one.
SKIP_HEADING = re.compile(r"^\W*(?:\d+\.?\s*)?(?:references?|sources?|further reading|related\b.*|see also|"
                          r"(?:external |useful )?links|citations?|bibliography|notes and references)\W*$",
                          re.I)

BOT_NOUNS = {"chatbot", "chatbots", "bot", "bots", "assistant", "agent", "agents", "chat",
             "avatar", "order-taker", "taker"}
BOT_MODIFIERS = {"ai", "ai-powered", "customer", "service", "support", "virtual", "voice",
                 "online", "website", "web", "chat", "digital", "'s", "’s", "’", "'", "the", "gen",
                 "genai", "new", "drive-thru", "coding", "-", "powered", "generative", "automated",
                 "ordering", "own", "official", "in-house", "internal", "experimental"}
QUOTES = {'"', "“", "”", "'", "‘", "’"}
GENERIC_AGENT = re.compile(r"\b(?:ai|a\.i\.)[- ](?:agents?|assistants?|coding|chatbots?|tools?|models?|systems?|bots?|powered)\b|"
                           r"\bchatbots?\b|\bcoding (?:agents?|assistants?|tools?)\b|\bllms?\b|"
                           r"\blarge language models?\b|\bagentic\b|\bgenerative ai\b|\bgenai\b|"
                           r"\bautonomous agents?\b|\bvoice ai\b|\bai\b|\bartificial intelligence\b|"
                           # "its agent", "my agent"; not "his/her agent": a person's (sports,
                           # talent) agent
                           r"\b(?:the|an|its|their|our|my|this|that) (?:\w+ )?agent\b|\bagent's\b|"
                           r"\bmcp server\b|\bthe bot\b|"
                           # ai.service_bot: a bot or assistant named by where it serves or whose it
                           # is ("its website bot", "the virtual assistant", "DPD's support bot")
                           r"\b(?:its|their|our) (?:[\w-]+ )?bots?\b|"
                           r"\b(?:virtual|website|online|web|support|help|chat|customer[- ]service) "
                           r"(?:assistants?|bots?)\b|"
                           # a software agent described by its kind ("a computerised assistant",
                           # "an automated claims assistant")
                           r"\b(?:automated|computeri[sz]ed|autonomous|digital) (?:\w+ )?"
                           r"(?:agents?|assistants?|bots?)\b", re.I)


@lru_cache(maxsize=None)
def publishers() -> frozenset[str]:
    """Lower-cased names of news publishers and platforms (``patterns/publishers.jsonl``)."""
    with open(PATTERN_DIR / "publishers.jsonl", encoding="utf-8") as handle:
        return frozenset(json.loads(line)["name"].lower() for line in handle if line.strip())


#: Words the statistical NER often mislabels as organisations; never a company on their own.
NOT_ORGS = {"ai", "api", "llm", "llms", "cli", "ide", "ceo", "cto", "sdk", "mcp", "ci", "cd", "npm",
            "genai", "agi", "sql", "url", "http", "json", "pr", "rce", "cve", "poc", "github actions",
            "business disruption", "root cause", "impact", "company", "date", "technology",
            # technical terms, units and currencies the statistical NER takes for organisations
            "dns", "utc", "gmt", "tb", "gb", "mb", "eur", "usd", "gbp", "aud", "cad", "rds", "iam",
            "ec2", "s3", "vpc", "devops", "sre", "it", "hr", "ui", "ux", "vpn", "ssh", "pdf", "csv",
            "saas", "qa", "gpu", "cpu", "k8s", "kubernetes", "terraform", "db", "ops", "bank",
            "treasury", "finance", "legal", "support", "engineering", "security", "admin"}


#: A legal-form or group suffix: "Acme Group", "Acme Ltd" and "Acme" are one organisation.
CORPORATE_SUFFIX = re.compile(r"(?:,?\s+(?:Group|Inc\.?|Ltd\.?|Limited|plc|PLC|Corp\.?|Corporation|"
                              r"LLC|L\.L\.C\.|GmbH|S\.A\.|AG|Holdings|Pty\.? Ltd\.?))+$")


#: Pattern who.pronoun_contraction: a capitalised pronoun with a clitic ("I'd", "We've") that a
#: name pattern or the NER took for a name.
PRONOUN_CONTRACTION = re.compile(r"(?:I|We|You|He|She|They)(?:'|’)(?:d|ll|ve|m|re)")


def org_name(ent: Span) -> str:
    """An ORG entity's name without a possessive, a leading "the", a name before a spaced dash
    or a corporate suffix ("Acme Group" -> "Acme"); "" for non-names ("AI")."""
    name = re.sub(r"(?:'s|’s|'|’)$", "", ent.text.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I).strip()
    # pattern who.dash_joined: a spaced dash joins two names the NER ran together ("at MAN -
    # Acme's assistant", a title's "Place – Acme"): the last one is the one the words after name
    name = re.split(r"\s[-–—]\s", name)[-1].strip()
    # pattern who.field_separator: a run of spaces where the cleaner blanked a separator ("at
    # Acme Analytics | Revenue teams") ends the name: the first field is the one named
    name = re.split(r"[ \t]{3,}|\s[|·•]\s", name)[0].strip()
    name = CORPORATE_SUFFIX.sub("", name).strip() or name
    if name.lower() in NOT_ORGS or not re.search(r"[A-Za-z]{2}", name):
        return ""
    if re.search(r"\s[/|·•]\s|\s[/|·•]$", name):
        return ""  # pattern who.page_chrome: a navigation strip ("Tech / Reviews / Science /")
    if BREADCRUMB.search(name):
        return ""  # pattern who.breadcrumb: a breadcrumb trail, not an organisation
    if PRONOUN_CONTRACTION.fullmatch(name):
        return ""  # pattern who.pronoun_contraction: "I'd been using it" is no organisation
    if teaser_line(line_of(ent.doc, ent.start_char)):
        return ""  # pattern who.teaser_link: another story's headline in the page's chrome
    if all(t.is_stop or t.is_punct for t in ent):
        return ""  # a shouted word ("NEVER") is not a name
    return name


#: Pattern who.regulator: a body that investigates, regulates, sues or judges -- a regulator,
#: a safety board, a court, an equal-opportunity commission -- speaks about someone else's system
#: and is never its vendor or deployer on a mention alone ("the NTSB said", "the EEOC's
#: complaint"). By its name's last words, or by a known regulator acronym.
REGULATOR = re.compile(r"(?:\b(?:commission|safety board|administration|"
                       r"(?:protection|conduct|competition|markets|regulatory|supervisory|safety|standards) "
                       r"authority|tribunal|court|"
                       r"regulator|ombudsman|inspectorate|department of (?:motor vehicles|justice|"
                       r"transportation|labou?r))|^(?:NTSB|NHTSA|EEOC|FTC|SEC|FCC|FAA|FDA|DMV|CFPB|DOJ|"
                       r"ICO|CNIL|CPUC|OCC|CMA|ACCC|NLRB|OSHA))$", re.I)


def is_regulator(name: str) -> bool:
    """Pattern who.regulator: True when an organisation name (str) is that of a regulator,
    investigator, court or agency (``REGULATOR``), which reports on a system but does not run it."""
    return bool(REGULATOR.search(re.sub(r"^the\s+", "", name.strip(), flags=re.I)))


#: Separators of the fields of a page's navigation, section or byline line.
#: Pattern who.breadcrumb: a page's breadcrumb trail ("Forums › Seller Discussion › Listings",
#: "Home > News > Local") separates its fields with an arrow.
_CHROME_SEP = re.compile(r"\s+[|·•/›»>]\s+|\s+[|·•/›»]\s*$|^\s*[|·•/›»]\s+|[ \t]{2,}")
#: Pattern who.breadcrumb: an arrow between two fields of a breadcrumb trail, inside a name the
#: statistical NER ran across it ("Forums › Seller Discussion", "› Fin AI").
BREADCRUMB = re.compile(r"(?:^|\s)[›»>](?:\s|$)")


def line_of(doc, char: int) -> str:
    """The text of the line of ``doc`` (a spaCy Doc) holding character offset ``char``."""
    text = doc.text
    return text[text.rfind("\n", 0, char) + 1:(text.find("\n", char) + 1 or len(text) + 1) - 1]


#: Pattern who.teaser_link: a line that links to other stories -- a "Most read" or "Related"
#: item behind a teaser arrow ("› Acme sets date for store closures"), or a line opening with
#: a link-list label ("Related: ...", "Read more: ...", "Most read: ...").
TEASER = re.compile(r"^\s*(?:[›»]|(?:related(?: stories| articles| coverage)?|read more|read next|"
                    r"also read|more from [\w ]{1,20}|most read|most popular|trending|recommended|"
                    r"see also|more on this story)\s*:)\s", re.I)


def teaser_line(text: str) -> bool:
    """Pattern who.teaser_link: True when a line (str) is a link to another story in a page's
    chrome (``TEASER``): the organisations in it belong to that story, never to the incident."""
    return bool(TEASER.match(text))


def chrome_line(text: str) -> bool:
    """Pattern who.page_chrome: True when a line (str) is a page's navigation, section or byline
    strip -- three or more short fields (at most five words) between separators ("Tech / Reviews
    / Science", "By Jo Doe · May 2, 2023 · Transportation"; a run of spaces where a cleaned page
    lost its separators): the section names in it are not organisations."""
    fields = [f for f in _CHROME_SEP.split(text.strip()) if f.strip()]
    return len(fields) >= 3 and all(len(f.split()) <= 5 for f in fields)


#: Pattern who.system_owner: nouns naming an automated system by what it does, the head of a
#: phrase an owner's name modifies ("Uber's software", "Acme's pricing algorithm", "a Beta
#: robotaxi", "Acme's AI gun detection", "Acme's recommendations").
SYSTEM_NOUNS = {"software", "algorithm", "algorithms", "system", "systems", "robotaxi", "robotaxis",
                "robot", "robots", "detection", "recognition", "recommendation", "recommendations",
                "classifier", "technology", "autopilot"}
#: Vehicle nouns: a system only in a report about vehicles that drive themselves ("a Beta car").
VEHICLE_NOUNS = {"car", "cars", "vehicle", "vehicles", "suv", "suvs", "av", "avs", "fleet", "shuttle"}
AUTONOMY = re.compile(r"\b(?:self-driving|driverless|autonomous|robotaxis?|robo-taxis?)\b", re.I)


def system_owners(span: Span, vehicles: bool = False) -> list[str]:
    """Pattern who.system_owner: names written as the owner of a system named by its function --
    possessive or compound on a ``SYSTEM_NOUNS`` head ("Uber's software", "the Acme test
    vehicle", "a Beta robotaxi"), ``VEHICLE_NOUNS`` only when ``vehicles`` (the report is about
    self-driving vehicles). The owner is a proper noun (with its compound proper nouns, and an
    "of" name: "the Department of Transport's system"), not a place, date or regulator
    (``is_regulator``); a gazetteer vendor gives its id."""
    return [owner for owner, _ in owned_systems(span, vehicles)]


def owned_systems(span: Span, vehicles: bool = False) -> list[tuple[str, Optional[str]]]:
    """``(owner, system name or None)`` for each system of :func:`system_owners`. Pattern
    who.owner_named_system: capitalised words between the owner's possessive and the system
    noun are the system's own name ("the Department of Welfare's Income Match Review system"
    -> ("Department of Welfare", "Income Match Review")); None when there are none."""
    owners = []
    heads = SYSTEM_NOUNS | (VEHICLE_NOUNS if vehicles else set())
    for token in span:
        if token.dep_ not in ("poss", "compound", "nmod") or token.pos_ != "PROPN":
            continue
        head = token.head
        while head.dep_ == "compound" and head.head.i > head.i and head.lower_ not in heads:
            head = head.head  # "the Acme test vehicle": through the compound to its head noun
        if head.lower_ not in heads or head.pos_ not in ("NOUN", "PROPN") or head.i <= token.i \
                or head.is_title:  # "Department of Motor Vehicles": a name's own word, not a system

            continue
        last = token.i  # the owner's last word: "Ministry of Rural Affairs'" when "of" hangs on it
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > token.i), None)
        if token.dep_ == "poss" and of is not None and of.right_edge.i < head.i and \
                all(t.is_title for t in token.doc[of.i + 1:of.right_edge.i + 1]):
            last = of.right_edge.i
        if any(t.pos_ in ("VERB", "ADP", "PUNCT") and t.text not in ("-",) for t in token.doc[last + 1:head.i]
               if t.text not in ("'s", "’s", "'", "’")):
            continue
        ent = next((e for e in span.ents if e.start <= token.i < e.end), None)
        if ent is not None and ent.label_ in ("GPE", "LOC", "NORP", "DATE", "TIME", "AGENT"):
            continue
        between = [t for t in token.doc[last + 1:head.i] if t.text not in ("'s", "’s", "'", "’")]
        named = None
        if token.dep_ == "poss" and between and len(between) <= 4 and \
                all(t.is_title and t.pos_ == "PROPN" and t.ent_type_ != "AGENT" for t in between):
            named = " ".join(t.text for t in between)
        if ent is not None and ent.label_ == "VENDOR":
            owners.append((ent.ent_id_, named))
            continue
        start = token.i
        while True:
            while start > span.start and token.doc[start - 1].pos_ == "PROPN" and \
                    token.doc[start - 1].dep_ == "compound" and token.doc[start - 1].head.i in range(start, token.i + 1):
                start -= 1
            # an "of" name: "the Department of Human Services' system"
            if start - 2 >= span.start and token.doc[start - 1].lower_ == "of" and \
                    token.doc[start - 2].pos_ == "PROPN" and token.doc[start - 2].is_title and \
                    token.doc[start - 1].head.i == start - 2:
                start -= 2
                continue
            break
        name = re.sub(r"(?:'s|’s|'|’)$", "", token.doc[start:last + 1].text)
        if name.lower() in NOT_ORGS or is_regulator(name) or not re.search(r"[A-Za-z]{2}", name) \
                or chrome_line(line_of(token.doc, token.idx)):
            continue
        owners.append((name, named))
    return owners


@dataclass
class Who:
    """Counts of who is named where: agents, vendors and other organisations (weighted)."""

    agents: Counter
    vendors: Counter
    orgs: Counter
    bot_owners: Counter
    named_bots: Counter
    #: agents found by a pattern, not the gazetteer (``actors``) -> their vendor or None
    unlisted: dict = field(default_factory=dict)
    #: organisations a maker phrase names as the bot's builder ("the company behind the bot")
    makers: Counter = field(default_factory=Counter)
    #: agents written as the one that was hijacked into acting (``acting_agent``)
    hijacked: Counter = field(default_factory=Counter)
    #: agents named as the owner of a support bot ("Cursor's AI support agent": ``support_bot_owner``)
    support_owners: Counter = field(default_factory=Counter)
    #: names written as the owner of a system named by its function (``system_owners``)
    system_owners: Counter = field(default_factory=Counter)
    #: weight of the regulators, courts and agencies named (``is_regulator``), not counted as orgs
    regulated: float = 0.0


#: Verbs whose object is an agent turned against its users ("the payload tricked Max into ...").
HIJACK_VERBS = {"trick", "manipulate", "hijack", "jailbreak", "coerce", "fool", "target", "dupe",
                "persuade", "instruct", "steer", "commandeer"}


#: People nouns a product name can qualify: "ChatGPT users" are a class of people, not the bot acting.
USER_NOUNS = {"user", "users", "customer", "customers", "subscriber", "subscribers", "fan", "fans"}


def users_of(ent: Span) -> bool:
    """Pattern who.users_class: True when an AGENT span only qualifies a people noun that is a
    preposition's object ("the problem is not limited to ChatGPT users"): it names a class of
    people in a comparison, not the product that acted, and counts as little as a fallback
    mention. As a subject ("Gemini users had complained") the people speak of the bot that acted."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in USER_NOUNS and doc[ent.end].pos_ == "NOUN" \
        and doc[ent.end].dep_ == "pobj"  # "Gemini users had complained": they name the bot that acted


#: Pattern who.compared_to: words before a product named only as what the agent resembles ("a
#: tool similar in nature to Acme Agent", "akin to", "modelled on").
COMPARED_TO = re.compile(r"\b(?:similar|comparable|akin|analogous)(?:\s+(?:in\s+)?(?:nature|design|function|spirit|kind|scope))?"
                         r"\s+to\s+(?:the\s+)?$|\b(?:modell?ed|patterned)\s+(?:loosely\s+)?on\s+(?:the\s+)?$"
                         r"|\bresembl(?:es|ing|ed)\s+(?:the\s+)?$", re.I)


def compared_to(ent: Span) -> bool:
    """Pattern who.compared_to: True when an AGENT span is named only as what another tool
    resembles ("Acme described the tool as similar in nature to Foo Agent"): it is not the agent
    that acted and is not counted."""
    doc = ent.doc
    before = doc[max(ent.start - 6, ent.sent.start if ent.sent is not None else 0):ent.start].text
    return bool(COMPARED_TO.search(before + " "))


def hijacked_agent(ent: Span) -> bool:
    """True when an AGENT span is the agent that was hijacked and then acted.

    Patterns: the object of a hijack verb (``the injected prompt tricked Max into running``,
    ``a payload targeting Max``), or in apposition with a bot noun acting in a relative clause
    or participle (``Max, the AI agent that triaged issues``, ``Max, operating as the triage
    bot``).
    """
    root = ent.root
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in HIJACK_VERBS:
        return True
    for child in root.children:
        if child.dep_ == "appos" and child.lower_ in BOT_NOUNS and any(
                c.dep_ == "relcl" for c in child.children):
            return True
        if child.dep_ == "acl" and child.lemma_ in ("operate", "act", "run", "serve") and any(
                t.lower_ in BOT_NOUNS for t in child.subtree):
            return True
    return False


#: A product name: one to three capitalised words, or one CamelCase word ("Ask Bri",
#: "InvoicePilot", "Rowan").
_NAME = r"(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)*(?: [A-Z][a-z]+){0,2})"
#: What a bot is called in prose.
_BOT = r"(?:chatbot|bot|assistant|agent|copilot)"
#: Up to three words between an article and the bot noun ("an autonomous coding agent").
_MODS = r"(?:[\w-]+ ){0,3}"
#: Job titles a bot noun starts ("assistant professor", "agent manager"): a person, not a bot.
_HUMAN_ROLE = (r"(?:professor|manager|director|editor|secretary|attorney|principal|coach|"
               r"producer|curator|librarian|teacher|lecturer|general|chief|commissioner)\b")
#: ``defining_appositive``: a name opening the sentence or after "from", defined by a bot noun
#: with a clause of its own (made by, that, or a relative clause with its own subject):
#: "Stockpilot, the purchasing agent sold by Marketbite, ...", "came from Dora, an assistant
#: supplied by ...", "Riley, the AI recruiting agent Acme licenses from ..."; the name must be
#: name-like (``_name_like``: not "Instead, the agent that ...").
DEFINING_APPOSITIVE = re.compile(
rf"(?:^|(?<=\bfrom\s)){_NAME},\s+(?:an?|the)\s+{_MODS}{_BOT}\s+"
               rf"(?:(?:sold|made|built|supplied|developed|provided|licensed|maintained|run|operated|"
               rf"created|marketed)\b|that\b|which\b|[A-Z][a-z])")
#: ``owner_named_bot``: the bot's own name between its owner's possessive and the bot noun
#: ("Hearthbook's Waypoint agent": who.owner_named_bot); the name must be name-like.
OWNER_NAMED_BOT = re.compile(rf"(?:'s|’s)\s+{_NAME}\s+{_BOT}s?\b")
#: ``parenthesised_name``: the bot's name opening a parenthesis after an AI term or a bot noun
#: ("an ambient AI scribe this spring (Noteline, made by Acme)", "the chatbot (Sam) said":
#: who.parenthesised_bot_name); the name must be name-like.
PARENTHESISED_NAME = re.compile(rf"\b(?:AI\s+[\w-]+|{_BOT})\b[^().;]{{0,40}}?\(\s*{_NAME}\s*[,)]")
#: ``breadcrumb_bot``: a breadcrumb field naming a bot by its name and a bot noun ("Community >
#: Trips > Waypoint agent", "Home › Fin AI Agent › Troubleshooting": who.breadcrumb_bot); the
#: name must be name-like, not a kind of bot ("› Voice Assistant").
BREADCRUMB_BOT = re.compile(rf"[›»>]\s+(?!(?:Virtual|Personal|Voice|Digital|Smart|Shopping|Home|Support|Customer|"
                            rf"Chat|Coding|Research|Sales|Marketing|Writing|General|Other|My|Your|Our)\b){_NAME}\s+"
                            rf"(?:AI\s+)?(?i:{_BOT})s?\s*(?:$|[›»>])")
#: A bot's own name without quotes, by pattern:
#: - ``proprietary``: "its proprietary Byte platform";
#: - ``called``: "an assistant called Max", "the assistant, named Rowan,", "an agent we call
#:   Dispatch", "the assistant, known to staff as Penny", "the bot, branded Ivy";
#: - ``system_called``: "an AI monitoring system called Mender", "the tool, branded Hazel,";
#: - ``bot_appositive``: "an internal operations agent, Marlin, ...";
#: - ``appositive``: "Ferrous, an autonomous coding agent made by ...", "uses InvoicePilot, an
#:   accounts-payable agent", "ClearDesk, an AI classification and filing assistant" (up to
#:   four words before the bot noun);
#: - ``maker_appositive``: "Pilotfish, Remora Labs' autonomous coding agent" (the maker's
#:   possessive for the article);
#: - ``parenthetical``: "Patchwright (the open-source CLI coding agent)";
#: - ``defined``: a parenthesis defining the name with an AI term in it;
#: - ``bot_then_name``: "the open-source CLI agent Patchwright".
UNQUOTED_BOT = [
    re.compile(rf"\bproprietary\s+{_NAME}\s+(?:platform|system|assistant|chatbot|bot|agent)\b"),
    # ``ai_role_called``: an AI in a job's role given a name ("an AI SDR called Rae", "an AI
    # receptionist named Nora")
    re.compile(rf"\b(?:an?|the|our|their|its)\s+AI\s+(?:[\w-]+\s+){{0,2}}?[\w-]+,?\s+(?:called|named|dubbed)\s+{_NAME}\b"),
    re.compile(rf"\b{_BOT},?\s+(?:called|named|dubbed|nicknamed|branded|christened|known (?:(?:to|in|on|among) [\w ]{{1,20}} )?as|"
               rf"(?:we|they|it) calls?)\s+{_NAME}\b"),
    # ``system_called``: a tool or system given a name ("an AI-driven remediation system called
    # Mender", "The tool, branded Hazel, is ...")
    # (an AI modifier, or the appositive commas; not "a lead-enrichment tool called Foo", a
    # product someone built)
    re.compile(rf"\b(?:AI|automated|autonomous|AI-[\w]+|[\w]+-AI)\s+(?:[\w-]+\s+){{0,4}}?(?:tool|system)\s+"
               rf"(?:called|named|dubbed|branded|christened)\s+{_NAME}\b"),
    re.compile(rf"\b(?:tool|system),\s+(?:called|named|dubbed|branded|christened)\s+{_NAME},"),
    # ``calls_itself``: the bot's own name for itself, initials allowed ("an AI agent that calls
    # itself MJ Rathbun", "a chatbot calling itself Dana")
    re.compile(rf"\b{_BOT},?\s+(?:that|which|who)?\s*(?:calls|called|calling)\s+(?:itself|himself|herself)\s+"
               rf"(?P<name>(?:[A-Z]{{2,3}}\s)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b"),
    # ``bot_appositive`` also after a capitalised article or an owner's possessive ("The agent,
    # Runwell, is sold by ...", "the chain's website assistant, Maisie, was ...", "The tool,
    # Shellmate, is ...")
    re.compile(rf"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur|[\w-]+(?:'s|’s))\s+{_MODS}(?:{_BOT}|tool),\s+{_NAME},"),
    # ``system_appositive``: an engine, filter or system named between commas and said to be
    # supplied or built ("The engine, Tallyrate, is supplied by ...", "the moderation filter,
    # Sieve, was built ...": who.system_appositive)
    re.compile(rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur|[\w-]+(?:'s|’s))\s+{_MODS}(?:engine|filter|system|scheduler),\s+{_NAME},\s+"
               rf"(?:is|was|are|were|has been|had been)\s+(?:supplied|sold|made|built|developed|provided|licensed|run|operated)\b"),
    # ``ai_role_defining``: a name defined by an AI in a job's role and its seller ("Rafe, the AI
    # sales development rep sold by Acme", "Nia, an AI scheduling clerk supplied by ...":
    # who.ai_role_defining)
    re.compile(rf"\b{_NAME},\s+(?:an?|the)\s+AI\s+(?:[\w-]+\s+){{0,3}}?[\w-]+\s+"
               rf"(?:sold|made|built|supplied|developed|provided|licensed|marketed)\s+by\b"),
    # ``called_aside``: a name given in an aside after the bot noun ("the chat assistant (it's
    # called Pip, ...)", "a filter, which it calls Sieve,": who.called_aside)
    re.compile(rf"\b(?:{_BOT}|filter|engine|system)\s*[(,–—-]\s*(?:it's|it’s|it is|it was|which (?:it|they|we) calls?)\s+"
               rf"(?:called\s+|named\s+)?{_NAME}\b"),
    # ``maker_named_assistant``: a product named by its maker's name and "Assist", "Assistant"
    # or "Copilot" ("Brackwater Assistant switched the heating off", "Tolva Assist sent it"); not
    # a person's job ("Executive Assistant", "Assistant Manager": who.maker_named_assistant)
    re.compile(r"\b(?P<name>(?!(?:Virtual|Personal|Executive|Research|Teaching|Legal|Medical|Dental|Administrative|"
               r"Digital|Smart|Voice|Shopping|Home|Office|Care|Nursing|Physician|Store|Sales|Marketing|Editorial|"
               r"Production|Program|Programme|Project|Special|Senior|Junior|Chief|Staff|Graduate|Google|The|An?|"
               r"Our|My|Your|Their|Its|This|That)\b)[A-Z][a-z]+(?:[A-Z][a-z]+)? (?:Assist|Assistant|Copilot))\b"
               r"(?!\s+(?:Professor|Manager|Director|Editor|Secretary|Attorney|Principal|Coach|Producer)\b)"),
    # ``quoted_multiword``: an owner's quoted product name of several words before the bot noun
    # ('Acme Mobile's "Ask Acme" assistant', 'its "Help Hub" chatbot': who.quoted_multiword)
    re.compile(rf"[\"“](?P<name>[A-Z][\w'’]*(?: [A-Z][\w'’]*){{1,2}})[\"”]\s+{_MODS}{_BOT}\b"),
    # "the assistant, which the staff call Ripple", "the system, known internally as Adjust"
    re.compile(rf"\b{_BOT},?\s+(?:which|that|whom)\s+[\w'’ ]{{0,40}}?\bcalls?\s+{_NAME}\b"),
    re.compile(rf"\b(?:{_BOT}|system|tool|platform|software),?\s+known\s+(?:internally\s+|inside\s+[\w ]{{1,20}}\s+)?as\s+{_NAME}\b"),
    # ``appositive``: "Olive, the retailer's virtual assistant"; not a place after a preposition
    # ("in Ohio, the same assistant"), "the same X" (a word pointing back) or a person's job
    # ("Jo Doe, an assistant professor")
    re.compile(rf"(?<![.!?]\s)(?<!^)(?<!\bin\s)(?<!\bat\s)(?<!\bfrom\s)\b{_NAME},\s+(?:an?|the|its|their)\s+"
               rf"(?!same\b){_MODS}(?:[\w-]+ )?[\"“]?(?:[\w-]+ )?{_BOT}\b(?!\s+{_HUMAN_ROLE})"),
    # ``maker_appositive``: "asked Pilotfish, Remora Labs' autonomous coding agent, to ..."
    re.compile(rf"(?<![.!?]\s)(?<!^)\b{_NAME},\s+(?:[A-Z][\w&.-]*\s+){{0,2}}[A-Z][\w&.-]*(?:'s?|’s?)\s+"
               rf"{_MODS}{_BOT}\b"),
    DEFINING_APPOSITIVE,
    OWNER_NAMED_BOT,
    PARENTHESISED_NAME,
    BREADCRUMB_BOT,
    # ``bot_name_from``: the bot's name and its maker after a bot noun ("one of those AI agents,
    # Tinker from Acme": who.bot_name_from)
    re.compile(rf"\b{_BOT}s?,\s+{_NAME}\s+(?:from|by|made by|built by)\s+[A-Z]"),
    # ``introduces_itself``: the name a bot gives itself ("the assistant, which callers hear
    # introduce itself as Callie", "a bot that introduces itself as Dot")
    re.compile(rf"\b{_BOT},?\s+(?:that|which|who)\s+(?:[\w'’]+\s+){{0,4}}?(?:introduces?|introduced|"
               rf"introducing)\s+(?:itself|himself|herself)\s+as\s+{_NAME}\b"),
    # ``maker_of_name``: the product a maker is said to make ("Brightfern, the company that
    # makes Tally", "the Bristol firm behind Skyhook")
    re.compile(rf"\b(?:company|firm|start-?up|developer|maker|vendor)\s+(?:behind|that\s+(?:makes|made|"
               rf"builds|built|develops|developed|sells|sold))\s+{_NAME}\b"),
    re.compile(rf"\b{_NAME}\s+\((?:an?|the)\s+{_MODS}{_BOT}\)"),
    # ``defined``: "Hearthwise (the home integration that lets an LLM plan actions)"
    re.compile(rf"\b{_NAME}\s+\((?:an?|the)\s+[^()]{{0,80}}?\b(?:LLM|AI|agent|chatbot|bot|assistant|"
               rf"language model)s?\b[^()]*\)"),
    # (not the subject of a relative clause on the bot noun, who.relative_subject: in "the AI
    # hiring agent Acme licenses from Beta" Acme uses the bot)
    re.compile(rf"\b(?:an?|the|its|their)\s+(?:[\w-]+ ){{0,3}}{_BOT}\s+{_NAME}\b(?![\w-]*\s+(?:said|says|told))"
               rf"(?!(?:\s+[A-Z][a-z]+)*\s+(?:licen[sc]es|licen[sc]ed|uses|used|bought|buys|deploys|deployed|runs|ran|rents|"
               rf"leases|leased|pays|paid|had|has|chose|picked|"
               rf"launched|released|rolled|introduced|unveiled|debuted|promoted|markets|marketed|sells|sold|makes|"
               rf"built|developed|created|designed|shipped)\b)"),
    # ``nicknamed_instance``: a copy of a known model given its own name, "an instance of Claude
    # Sonnet 3.7, nicknamed Claudius" (markdown bold around the name allowed)
    re.compile(rf"\b(?:instance|version|copy|deployment|variant)\s+of\s+[^,;]{{1,40}}?,\s+"
               rf"(?:nicknamed|dubbed|called|named)\s+\**{_NAME}\b"),
    # ``quoted_persona``: a quoted name, lower-case words inside allowed, in apposition with a
    # bot, persona or character ('"Big sis Billie", one of Acme's AI personas', '"Dr Ada", a
    # chatbot character')
    re.compile(r"[\"“](?P<name>[A-Z][\w'’]*(?: [\w'’]+){0,3})[\"”],\s+(?:an?|the|one of)\s+(?:[\w'’-]+\s+){0,4}?"
               r"(?:personas?|characters?|chatbots?|bots?|companions?|avatars?|assistants?|agents?)\b"),
    # ``bot_compound``: a name made with the bot noun itself, "the Pantry Helper-bot"
    re.compile(r"\b(?:the|its|their|a|an)\s+(?P<name>(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+-[Bb]ot)\b"),
    # ``declared``: "Sam is not a person", "Olive is an AI chatbot", "Rosie isn't a person"
    re.compile(rf"(?:^|[\s\"“])(?P<name>[A-Z][a-z]+)[\"”]? (?:(?:is|was) (?:not a (?:real )?(?:person|human)|"
               rf"an? (?:AI|bot|chatbot|virtual assistant|AI (?:model|assistant|agent|chatbot))\b)|"
               rf"(?:isn't|isn’t|wasn't|wasn’t) a (?:real )?(?:person|human)\b)"),
]
#: A lower-case product name (CLI tools, crypto bots: "aixbt", "remindr", "git-helper"): a
#: single identifier-like word of three or more characters.
_LOWER = r"(?P<name>[a-z][a-z0-9]{2,}(?:[-_.][a-z0-9]+)*)"
#: Lower-case bot names, by pattern:
#: - ``lower_appositive``: "aixbt, the AI agent that posts market takes" (a definition opening
#:   a clause, after the sentence start, a colon or a dash);
#: - ``lower_quoted``: 'I rewrote the sender as an agent, "remindr":'.
LOWER_BOT = [
    re.compile(rf"(?:^|[:;—–]\s*|\(\s*)(?:[\"“]?){_LOWER}[\"”]?,\s+(?:an?|the)\s+{_MODS}{_BOT}\s+"
               rf"(?:that|which|who|built|made|run)\b"),
    re.compile(rf"\b(?:an?|the)\s+{_MODS}{_BOT},?\s+[\"“]{_LOWER}[\"”]"),
]
#: Capitalised words that are never a bot's name (sentence words, calendar names).
NOT_NAMES = {"The", "This", "That", "It", "Its", "In", "On", "At", "When", "After", "But", "And",
             "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
             "January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December", "AI"}


#: Parts of speech a sentence-opening word has when it is no name ("Instead", "Later", "Once").
NOT_NAME_POS = {"ADV", "ADP", "SCONJ", "CCONJ", "DET", "PRON", "VERB", "AUX", "ADJ", "PART", "NUM"}


def _name_like(chars: Optional[Span]) -> bool:
    """True when ``chars`` can be a name opening a sentence: a proper noun or an entity, or a
    noun the report never writes in lower case ("Stockpilot" tagged NOUN, not "Police")."""
    if chars is None:
        return False
    text = chars.doc.text
    for token in chars:
        if token.pos_ == "PROPN" or token.ent_type_:
            continue
        if token.pos_ in NOT_NAME_POS or token.is_stop or \
                re.search(rf"(?<![\w-]){re.escape(token.lower_)}(?![\w-])", text):
            return False
    return True


def _unquoted_names(span: Span) -> list[str]:
    """Names matched by ``UNQUOTED_BOT`` in ``span``, minus sentence words and any part of a
    known agent, vendor or date (the statistical NER often takes a new product name for a
    person or a place, so PERSON and GPE names are kept)."""
    known = [(ent.start_char - span.start_char, ent.end_char - span.start_char)
             for ent in span.ents if ent.label_ in ("AGENT", "VENDOR", "DATE")]
    names = []
    seen: set[int] = set()
    text = span.text  # built from the tokens on every access: once
    for pattern in UNQUOTED_BOT:
        for match in pattern.finditer(text):
            start, end = match.span("name")
            name = match.group("name")
            if name.split()[0] in NOT_NAMES or any(a < end and start < b for a, b in known) \
                    or (PUBLICATION_WORD.fullmatch(name) and text[:start].lower().endswith("the ")) \
                    or start in seen:  # one name, however many patterns
                continue
            chars = span.char_span(start, end, alignment_mode="expand")
            if pattern in (DEFINING_APPOSITIVE, OWNER_NAMED_BOT, PARENTHESISED_NAME, BREADCRUMB_BOT) \
                    and not _name_like(chars):
                continue
            seen.add(start)
            names.append(name)
    return names


def _lower_names(span: Span) -> list[str]:
    """Lower-case names matched by ``LOWER_BOT`` in ``span``, minus stop words and the
    generic words of the bot patterns ("the", "agent")."""
    vocab, text = span.doc.vocab, span.text
    return [match.group("name") for pattern in LOWER_BOT for match in pattern.finditer(text)
            if not vocab[match.group("name")].is_stop and match.group("name") not in NOT_LOWER_NAMES]


#: Lower-case words a pattern may take for a name that never are one.
NOT_LOWER_NAMES = {"agent", "bot", "chatbot", "assistant", "copilot", "model", "tool", "this", "that",
                   "it", "one", "ours", "theirs", "yours", "mine"}


def named_bots(span: Span) -> list[str]:
    """Names of bots written as a quoted capitalised word next to a bot noun, or unquoted in
    one of the ``UNQUOTED_BOT`` patterns, or a lower-case name in a ``LOWER_BOT`` pattern."""
    names = _unquoted_names(span) + _lower_names(span)
    tokens = list(span)
    for i, token in enumerate(tokens):
        if not (token.is_title and 0 < i < len(tokens) - 1):
            continue
        if tokens[i - 1].text not in QUOTES or tokens[i + 1].text not in QUOTES:
            continue
        after = [t.lower_ for t in tokens[i + 2:i + 6]]
        before = [t.lower_ for t in tokens[max(0, i - 5):i - 1]]
        near_after = next((w for w in after if w not in BOT_MODIFIERS), "")
        if near_after in BOT_NOUNS or any(w in BOT_NOUNS for w in before[-3:]):
            names.append(token.text)
    return names


def sentence_bots(sentence) -> list[str]:
    """:func:`named_bots` of a ``segment.Sentence``'s span, computed once per sentence (the
    relevance features and the actor count both ask)."""
    found = sentence.memo.get("named_bots")
    if found is None:
        found = sentence.memo["named_bots"] = named_bots(sentence.span)
    return found


def bot_owners(span: Span) -> list[str]:
    """Organisations written directly before a bot noun (possessive or compound)."""
    owners = []
    for ent in span.ents:
        if ent.label_ not in ("ORG", "VENDOR", "GPE", "PERSON"):
            continue
        qualified = ent.label_ == "GPE" and ent.start > span.start and span.doc[ent.start - 1].pos_ == "PROPN"
        following = [t.lower_ for t in span.doc[ent.end:min(ent.end + 8, span.end)]]
        if "proprietary" in following[:2]:  # "Acme's proprietary Pico platform": Acme owns it
            name = ent.ent_id_ or org_name(ent)
            if name:
                owners.append(name)
            continue
        # pattern who.quoted_multiword: a quoted product name between the owner and the bot
        # noun ('Acme Mobile's "Ask Acme" assistant') is skipped
        quoted = [t.text in QUOTES for t in span.doc[ent.end:min(ent.end + 8, span.end)]]
        possessive = ent[-1].lower_ in ("'s", "’s")
        first = 0 if possessive else 1  # where the opening quote stands
        if (possessive or following[:1] in (["'s"], ["’s"])) and quoted.count(True) >= 2 \
                and len(quoted) > first and quoted[first] and True in quoted[first + 1:]:
            close = quoted.index(True, first + 1)
            following = following[:first] + following[close + 1:]
        for word in following:
            if word in BOT_NOUNS:
                # "Acme Australia's chatbot": the country qualifies the organisation before it
                name = (span.doc[ent.start - 1].text if qualified else ent.ent_id_ or org_name(ent))
                if name:
                    owners.append(name)
                break
            if word not in BOT_MODIFIERS:
                break
    return owners


#: Words that make a bot noun the company's customer-support bot ("Acme's AI support agent").
SUPPORT_WORDS = {"support", "service", "helpdesk", "help-desk", "customer-support", "customer-service"}


def support_bot_owner(ent: Span) -> bool:
    """Pattern who.support_bot_owner: a product name in the possessive before a support-bot
    noun ("Cursor's AI support agent", "Acme’s customer service bot") names the company that
    runs the bot, not the product that acted: the mention counts as little as a fallback."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].lower_ not in ("'s", "’s"):
        return False
    following = [t.lower_ for t in doc[ent.end + 1:ent.end + 5]]
    support = False
    for word in following:
        if word in SUPPORT_WORDS:
            support = True
        elif word in BOT_NOUNS:
            return support
        elif word not in BOT_MODIFIERS:
            return False
    return False


#: Verbs whose subject is an organisation, not a product ("Meta AI released Galactica").
ORG_VERBS = {"release", "build", "launch", "develop", "publish", "train", "unveil", "announce",
             "create", "open-source", "introduce", "pull"}
#: Nouns after a name that make it an organisation's unit ("Meta AI researchers").
ORG_NOUNS = {"researchers", "researcher", "lab", "labs", "team", "scientists", "research",
             "staff", "employees", "engineers"}


def lab_use(ent: Span) -> Optional[str]:
    """Pattern who.lab_name: a product named like its maker's research lab ("Meta AI", flagged
    ``"lab"`` in ``products.jsonl``) names the lab -- the returned vendor id -- when it is the
    subject of a release or build verb ("Meta AI released a demo of Galactica") or comes before
    a staff noun ("Meta AI researchers"); None when it names the product."""
    lab = products().get(ent.ent_id_, {}).get("lab")
    if not lab:
        return None
    root = ent.root
    if root.dep_ in ("nsubj", "conj") and root.head.lemma_.lower() in ORG_VERBS:
        return lab
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB" and any(
            c.dep_ == "conj" and c.lemma_.lower() in ORG_VERBS for c in root.head.children):
        return lab
    if root.dep_ == "conj" and root.head.dep_ == "nsubj" and root.head.head.lemma_.lower() in ORG_VERBS:
        return lab
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return lab if after is not None and after.lower_ in ORG_NOUNS else None


def _out_of_context(ent: Span, report: str) -> bool:
    """Pattern who.context_bound: a bare product name that is also an everyday phrase ("My AI",
    with ``"context"`` words in ``products.jsonl``) names the product only in a report that
    names its platform or maker ("Snapchat", "Snap")."""
    words = products().get(ent.ent_id_, {}).get("context")
    if not words or ent.text != ent.ent_id_:
        return False
    return not any(re.search(rf"\b{re.escape(w)}\b", report) for w in words)


def _merge_short_forms(who: "Who", short: Counter) -> None:
    """Pattern who.short_form: a bare short name ("Copilot", flagged ``"short_form"``) counts for
    the longer product holding that word that the same report names ("GitHub Copilot ...
    Copilot opened a pull request"); with none, for the product the short name stands for."""
    for name, weight in short.items():
        longer = [a for a in who.agents if a != name and re.search(rf"\b{re.escape(name)}\b", a)]
        target = max(longer, key=lambda a: who.agents[a]) if longer else name
        who.agents[target] += weight


def _initial_common_noun(name: str, sentences: list[Sentence], report: str) -> bool:
    """Pattern who.initial_common_noun: a one-word "organisation" that is capitalised only where
    a sentence or line starts and written in lower case elsewhere is a common noun the
    statistical NER took for a name ("Supermarket's AI meal planner ..." above "the
    supermarket said"); a company keeps its capital mid-sentence ("shoppers at Target")."""
    if " " in name or not name[:1].isupper() or name.isupper():
        return False
    if not re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", report):
        return False
    capital = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for sentence in sentences:
        for match in capital.finditer(sentence.text):
            if not re.fullmatch(r"[\s#*_>\"'“‘(\[-]*", sentence.text[:match.start()]):
                return False
    return True


#: Pattern who.publication_name: the last word of a newspaper's or magazine's name ("The
#: Mountain Courier", "FRONT RANGE TRIBUNE", "The Stanford Daily"): the publication reporting
#: the story, never the bot's maker. Counted so only on a masthead line or after "The" (a firm
#: may be called "Swiss Post").
PUBLICATION_WORD = re.compile(r"(?:^|\s)(?:Tribune|Courier|Gazette|Herald|Chronicle|Vindicator|Sentinel|Inquirer|"
                              r"Examiner|Dispatch|Bulletin|Weekly|Daily|Times|Journal|News|Observer|Telegraph|"
                              r"Reporter|Magazine|Post|Star|Mirror|Record|Review|Register|Ledger|Press)$", re.I)
#: Pattern who.dateline: a capitalised place opening a news story's first paragraph ("JERUSALEM
#: —", "KETTERING, Ohio (MV7) —"): where the story was filed, not an organisation.
DATELINE_PLACE = re.compile(r"^[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3}\s*(?:,[^—–\n]{0,40}?)?\s*(?:—|–|--)(?:\s|$)")
#: Pattern who.community_host: the first field of a forum's masthead or breadcrumb naming a
#: company's own community ("Hearthbook Community > Trips", "Shelfwise Merchant Community",
#: "Craftory Community Forums"): the company that runs the forum and, usually, the product.
COMMUNITY_HOST = re.compile(r"^\W*(?P<name>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,2}?)\s+(?:(?:Merchant|Seller|Developer|"
                            r"Developers|User|Users|Customer|Partner|Creator|Creators|Support|Help)\s+)?Community\b")
#: How many lines from the top a masthead, breadcrumb or community name may stand.
MASTHEAD_LINES = 3


def _line_texts(sentences: list[Sentence]) -> dict[int, str]:
    """Line number -> the text of its sentences (a report's lines, as parsed)."""
    lines: dict[int, str] = {}
    for sentence in sentences:
        lines[sentence.line] = (lines.get(sentence.line, "") + " " + sentence.text).strip()
    return lines


def masthead_line(sentences: list[Sentence]) -> Optional[int]:
    """Pattern who.masthead_line: the number of a page's first line when it is the site's
    masthead -- at most six words, no sentence punctuation at its end, written as a paper's name
    (in capitals, after "The" or ending in a newspaper word: ``PUBLICATION_WORD``), with a
    navigation strip or breadcrumb (:func:`chrome_line`) among the next three lines ("The
    Mountain Courier" over "Business · Personal Finance", "MIAMI VALLEY 7 NEWS" over "Home > News
    > Local"); else None. The organisations in it name the publication, not the bot's maker."""
    lines = _line_texts(sentences)
    order = sorted(lines)
    if not order:
        return None
    first = lines[order[0]]
    if len(first.split()) > 6 or first.rstrip()[-1:] in ".!?:;\"”)":
        return None
    if not (first.isupper() or first.startswith("The ") or PUBLICATION_WORD.search(first)):
        return None  # a company's own site ("Acme Engineering" over "Blog · Docs") names the vendor
    return order[0] if any(chrome_line(lines[n]) for n in order[1:4]) else None


def community_hosts(sentences: list[Sentence], weights: dict[int, float]) -> Counter:
    """Pattern who.community_host: company name -> weight for a company's own forum named in the
    first lines (``COMMUNITY_HOST``) and named again below them ("my Hearthbook profile")."""
    found: Counter = Counter()
    lines = _line_texts(sentences)
    order = sorted(lines)
    body = " ".join(lines[n] for n in order[MASTHEAD_LINES:])
    for number in order[:MASTHEAD_LINES]:
        match = COMMUNITY_HOST.match(lines[number])
        if match and re.search(rf"(?<![\w-]){re.escape(match.group('name'))}(?![\w-])", body):
            weight = max(weights.get(s.index, 1.0) for s in sentences if s.line == number)
            found[match.group("name")] += weight
    return found


#: Pattern who.repo_slug: a code-hosting page's repository line ("google-gemini/gemini-cli").
REPO_SLUG = re.compile(r"^\s*[\w.-]+/(?P<repo>[\w.-]+)\s*$")


@lru_cache(maxsize=None)
def _agent_aliases() -> dict[str, str]:
    """Lower-cased agent alias (``agents.jsonl`` patterns written as text) -> agent id."""
    from .gazetteer import patterns
    return {row["pattern"].lower(): row["id"] for row in patterns()
            if row["label"] == "AGENT" and isinstance(row["pattern"], str)}


def repo_agents(sentences: list[Sentence], weights: dict[int, float]) -> Counter:
    """Pattern who.repo_slug: agent id -> weight for a repository line among the first lines
    of a code-hosting page (an issue's "owner/repo" header) whose repository name, its hyphens
    and underscores read as spaces, is a known agent's name ("google-gemini/gemini-cli" ->
    Gemini CLI): the issue is about that product."""
    found: Counter = Counter()
    lines = _line_texts(sentences)
    for number in sorted(lines)[:MASTHEAD_LINES]:
        match = REPO_SLUG.match(lines[number])
        name = match and re.sub(r"[-_]+", " ", match.group("repo")).lower()
        if name and name in _agent_aliases():
            found[_agent_aliases()[name]] += max(weights.get(s.index, 1.0) for s in sentences
                                                 if s.line == number)
    return found


#: Head words of companies' full names ("Acme Labs", "Acme Home", "Acme Health"): the words a
#: full name may add to a company's short one (not a product's: "Acme Assistant", "Acme Pilot").
COMPANY_HEADS = {"labs", "lab", "home", "homes", "cloud", "health", "healthcare", "plus", "medicine", "medical",
                 "technologies", "technology", "tech", "systems", "software", "solutions", "bank", "mutual",
                 "financial", "finance", "insurance", "energy", "capital", "studios", "studio", "media", "networks",
                 "robotics", "motors", "airlines", "airways", "telecom", "mobile", "analytics", "interactive",
                 "digital", "ventures", "partners", "industries", "logistics", "foods", "retail", "stores",
                 "hosting", "security", "dynamics", "works", "brands", "services"}


def full_company_name(name: str, report: str, agent: Optional[str] = None) -> str:
    """Pattern who.full_company_name: a one-word company name (str) the report also writes once
    or more with a company's head word after it (``COMPANY_HEADS``), always the same one
    ("Kindred ... Kindred Labs, based in San Francisco, said"; "Corvane Assistant ... Corvane
    Home"), is that full name; a product's word is no part of it ("Acme Assistant", or a word
    of the ``agent``'s name), nor is a word before another capitalised one ("Acme Merchant
    Community"). Returns ``name`` when there is no single full name."""
    if " " in name or not name[:1].isupper():
        return name
    tails = {m.group(1) for m in re.finditer(rf"(?<![\w-]){re.escape(name)}\s([A-Z][a-z]+)\b(?!\s+[A-Z])", report)
             if m.group(1).lower() in COMPANY_HEADS and m.group(1) not in (agent or "").split()}
    return f"{name} {tails.pop()}" if len(tails) == 1 else name


def _publication(name: str, ent: Span, masthead: bool) -> bool:
    """Pattern who.publication_name / who.masthead_line: True when an ORG span names the
    publication -- any ORG on the masthead line, or a name ending in a newspaper word after
    "The" ("The Liberty County Vindicator")."""
    if masthead:
        return True
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return bool(PUBLICATION_WORD.search(name)) and (before == "the" or ent.text.lower().startswith("the "))


def _shouted_label(ent: Span, sentence: Sentence) -> bool:
    """Pattern who.section_label: True when an all-caps ORG span opens its sentence and is a
    column's or section's label -- alone on its line ("FRAUD") or before a colon ("THE FIXER:
    Four tickets ...") -- not an organisation."""
    if not ent.text.isupper():
        return False
    offset = ent.start_char - sentence.span.start_char
    before, after = sentence.text[:offset].strip(), sentence.text[offset + len(ent.text):].strip()
    return before in ("", "THE") and (after == "" or after.startswith(":"))


def _dateline(ent: Span, sentence: Sentence) -> bool:
    """Pattern who.dateline: True when an ORG span is the place of a dateline opening the
    sentence ("KETTERING, Ohio (MV7) — ...")."""
    return ent.start_char == sentence.span.start_char and bool(DATELINE_PLACE.match(sentence.text))


def count_who(sentences: list[Sentence], weights: dict[int, float]) -> Who:
    """Weighted counts of agents, vendors, organisations, bot owners and named bots.

    ``weights`` maps sentence index -> weight (title and lead sentences count more).
    """
    who = Who(Counter(), Counter(), Counter(), Counter(), Counter())
    pubs = publishers()
    report = " ".join(s.text for s in sentences)
    short: Counter = Counter()
    vehicles = bool(AUTONOMY.search(report))
    masthead = masthead_line(sentences)
    who.orgs.update(community_hosts(sentences, weights))
    who.agents.update(repo_agents(sentences, weights))
    for sentence in sentences:
        if SKIP_HEADING.search(sentence.heading) or \
                teaser_line(line_of(sentence.span.doc, sentence.span.start_char)):
            continue  # a teaser names another story's actors (pattern who.teaser_link)
        weight = weights.get(sentence.index, 1.0)
        for ent in sentence.span.ents:
            if ent.label_ == "AGENT" and hijacked_agent(ent):
                who.hijacked[ent.ent_id_] += weight
            if ent.label_ == "AGENT" and (_out_of_context(ent, report) or compared_to(ent)):
                continue
            lab = lab_use(ent) if ent.label_ == "AGENT" else None
            if lab:
                who.vendors[lab] += weight
                continue
            if ent.label_ == "AGENT" and ent.text == ent.ent_id_ and \
                    products().get(ent.ent_id_, {}).get("short_form"):
                short[ent.ent_id_] += weight
                continue
            if ent.label_ == "AGENT":
                owns_bot = support_bot_owner(ent)
                if owns_bot:
                    who.support_owners[ent.ent_id_] += weight
                factor = (0.4 if is_model(ent.ent_id_) else 1.0) * \
                    (0.3 if is_fallback(ent) or owns_bot or users_of(ent) else 1.0)
                who.agents[ent.ent_id_] += weight * factor
            elif ent.label_ == "VENDOR":
                who.vendors[ent.ent_id_] += weight
            elif ent.label_ == "ORG" and not chrome_line(line_of(ent.doc, ent.start_char)):
                name = org_name(ent)
                if name and is_regulator(name):
                    who.regulated += weight
                elif name and (_publication(name, ent, sentence.line == masthead) or _dateline(ent, sentence)
                                or _shouted_label(ent, sentence)):
                    continue  # who.masthead_line, who.publication_name, who.dateline, who.section_label
                elif name and name.lower() not in pubs and not _initial_common_noun(name, sentences, report):
                    who.orgs[name] += weight
        for owner in bot_owners(sentence.span) + bot_homes(sentence.span):
            if owner.lower() not in pubs:
                who.bot_owners[owner] += weight
        for owner, system in owned_systems(sentence.span, vehicles):
            if owner.lower() not in pubs and not _initial_common_noun(owner, sentences, report):
                who.system_owners[owner] += weight
                if system:  # pattern who.owner_named_system: its owner runs the named system
                    who.named_bots[system] += 0.0
                    who.bot_owners[owner] += weight
        for name in sentence_bots(sentence) if sentence.line != masthead else ():
            who.named_bots[name] += 0.0  # counted below, with every sentence that names it
        for name, vendor in unlisted_agents(sentence.span):
            who.agents[name] += weight
            who.unlisted.setdefault(name, vendor)
        header = header_agent(sentence)
        if header:
            name, vendor, factor = header
            who.agents[name] += weight * factor
            who.unlisted.setdefault(name, vendor)
        for name in makers(sentence.span):
            if name.lower() not in pubs:
                who.makers[name] += weight
    _merge_short_forms(who, short)
    _count_bot_mentions(who, sentences, weights)
    return who


def _count_bot_mentions(who: Who, sentences: list[Sentence], weights: dict[int, float]) -> None:
    """Weigh each named bot by every sentence that names it (outside skipped sections), as
    agents are weighed by their mentions: the report names its bot once with a bot noun
    ("an assistant called Max") and then by name alone ("Max told a customer ...").

    Pattern who.short_named_bot: a named bot whose name ends a longer named bot ("Autopilot"
    beside "Acme Autopilot") is that bot written short; its weight goes to the long name."""
    for name in list(who.named_bots):
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        who.named_bots[name] = sum(weights.get(s.index, 1.0) for s in sentences
                                   if not SKIP_HEADING.search(s.heading)
                                   and pattern.search(s.text))
    for name in list(who.named_bots):
        longer = [n for n in who.named_bots if n != name and n.endswith(" " + name)]
        if longer:
            target = longer[0]
            who.named_bots[target] = max(who.named_bots[target], who.named_bots.pop(name))


def agent_vendor(agent: Optional[str]) -> Optional[str]:
    """The vendor of a gazetteer agent (re-exported for the pipeline)."""
    return vendor_of(agent)
