"""Deployer: the organisation that ran the agent and whose systems or customers were hit.

Rules, first match wins (``choose_deployer``):

1. *victim header* (``Victim:``, ``Affected:``, ``Client:``): an organisation in the value --
   ``Jo Doe (Acme founder)``, ``Acme's database`` -> Acme; a person alone
   (``Jo Doe (photographer)``) -> a private individual, so no deployer;
2. *operator/role header* (``Operator:``, ``Lawyers:``, ``User:``): ``Solo developer ...`` ->
   no deployer; ``Jo Doe & Al Roe (Acme LLP)`` -> the employer in brackets;
3. *organisation header* (``Company:``, ``Organization:``, ``Publication:``, ``Deployer:``):
   its value, canonicalised through the gazetteer (``Cursor (Anysphere Inc.)`` -> Anysphere,
   ``Acme Group (Australia)`` -> Acme); ``X and Y`` -> the one that is not the vendor, unless
   a ``harm_bearer: third_party`` line says the other party was only a victim;
4. *owner of the harmed object* in a sentence about the incident: ``Acme's production
   database``, ``Acme founder``, ``engineers at Acme``, ``the database of Acme``, ``founder of
   the learning community Acme`` (through an apposition); a bare name before the noun
   (``Acme production database``) only when the name occurs twice in the report and has no
   article before it (``the RDS database`` names a kind of system, not its owner);
   *person runs org*: ``Jo Doe, who runs Acme`` (``deployer.runs_org``);
   *subject's own*: an organisation as subject, then ``its`` on the harmed thing, the bot or
   something the bot acts on (``Acme said an agent knocked its checkout offline``,
   ``Acme, a retailer, switched off its AI assistant``: ``deployer.subject_its``);
5. *deployment verb*: an organisation as subject of deploy/use/roll out/run/test/pilot/adopt
   (``Acme deployed an AI chatbot``);
6. *support bot*: ``Acme's AI support agent`` -> Acme, even when Acme makes the agent (a
   company's own customer-support bot is deployed by it: ``deployer.support_bot``);
7. *self-hit*: the damage hit the vendor's own service (``an AWS outage``) -> the vendor;
8. *bot owner*: ``Acme's chatbot`` when the bot is not a listed vendor product -> Acme;
9. a *private individual* named as the one running it (``a solo developer``, ``a hobbyist``)
   -> no deployer;
10. *vendor-run service*: the agent is a service its vendor runs for the public (``"service"``
   in ``products.jsonl``: Grok on X, AI Overviews in search) -> the vendor.

Further patterns: the vendor ran its agent *in its own office* (before rule 4); the subject of a relative clause *licensing* the bot ("the agent Acme licenses
from Beta": ``deployer.relative_licensee``, after rule 4); the
*poster's employer* ("I run engineering at Acme", "our app, Acme": ``deployer.poster_employer``,
before rule 4); *own AI bot*
(``Acme's AI hiring bot``, ``Acme has apologised after its chatbot``) after rule 6; a title's
*publisher* replaces the title (``The Acme Group, which publishes Beta Weekly``), and the vendor
a site or service it owns (``MSN, Acme's news portal``: ``deployer.vendor_property``); a
*spokesperson* whose company paused or pulled the product names it; as a last resort the vendor
that *released or pulled its own public demo, app or chatbot*.

People stand for their organisation: an anaphor's ("the firm's team asked Claude":
``deployer.anaphor_staff``), a bare staff noun instructing the agent ("an engineer asked Foo":
``deployer.staff_asks``, the organisation the story is about), a firm's lawyer or the firm
filing a court paper ("an associate at Acme LLP", "Acme LLP filed a declaration":
``deployer.law_firm_filing``). "The firm's in-house AI" belongs to the firm the report
introduces with that noun (``deployer.in_house_owner``). Subjects the NER misses that launched
the agent, built a product on it or call it by an internal name are read in
``kb.nlp.deployer_subjects`` (after rule 5). An incident named in passing that hit the vendor's
own service gets the vendor (``deployer.self_hit_sentence``). Unions and committees never
deploy; a news organisation introduced with a news noun is excluded; a messaging app is where
a bot ran, not its owner, unless written in the possessive.

Recall patterns of the fourth round: a product the organisation *had been trialling* or piloting
(``deployer.trialled_product``, in ``RELATIVE_TAKER``), also through the organisation's contractor
("that the University of Acme's contractor had been using"); a subject *in apposition* after a
dateline ("WARSAW - retailer Acme said ... its pricing engine": ``deployer.apposed_subject``); a
capitalised subject the NER misses that ``its`` refers back to (``deployer.its_subject_name``); a
subject, or "it" after it, *handing work or access to the agent* ("Acme moved IT support to Foo",
"Acme handed Foo the keys": ``deployer.hands_to_agent``); machines *belonging to* the
organisation (``deployer.belonging_to``); an app *that has* the bot ("the Acme app, which has an AI agent":
``deployer.app_with_bot``); the owner written before the agent's name and a bot noun ("Springfield's
Asky chatbot": ``deployer.owner_of_named_bot``); the agent the organisation *had allowed to* act
(``deployer.relative_permitter``); a bot the organisation *launched* ("Foo, the assistant Acme launched
in May": ``deployer.relative_launcher``); on a company's own page, a masthead with a slash ("Acme
Co. / Engineering"), a dotted byline ("Posted 2 May · Dr. Jo Doe, Acme Dental":
``deployer.dotted_byline``) and "one of our engineers was using Foo" (``deployer.our_staff_uses``).

Patterns of the blind27 round: a blog masthead naming the page's kind before the organisation
("Engineering blog · Acme Analytics · posted ...": ``deployer.blog_then_org``); a code host's
repository header ("acme-dev / acme   Public": ``deployer.repo_header``); a submitted site's
domain stem split before a business word ("kelphealth.com" -> Kelp Health:
``deployer.domain_words``), also when the aggregator's menu line comes before the title; on such
pages the writer handing the agent a credential ("we handed an agent a deploy token") or owning
what it harmed ("exfiltrated our .env": ``deployer.our_harmed_thing``); and, when no other rule
fires, an organisation confirming the incident (``deployer.confirmed_incident``).

Organisations are ORG/VENDOR entities plus *described names*: a capitalised name the report
introduces with a business noun (``Acme, a small company``, ``ticketing platform Acme``),
which the statistical NER often misses or calls a person. The vendor counts as a candidate
when it is not a known AI maker (an airline's or retailer's own bot: it made and ran it).

News publishers are never the deployer, except under a ``Publication:`` header when the
publisher is also named in the report's first line (a report about the publisher itself).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span

from .entities import (CORPORATE_SUFFIX, NOT_ORGS, PRONOUN_CONTRACTION, SKIP_HEADING, _initial_common_noun, is_regulator, org_name,
                       publishers)
from .gazetteer import load_gazetteer, vendor_of, vendor_runs_it
from .deployer_subjects import (ASK_VERBS, COURT_PAPERS, DEPLOY_VERBS, FILE_VERBS, LAW_STAFF, agent_subject,
                                files_court_paper, hands_to_agent, staff_asks)
from .segment import Sentence

VICTIM_KEYS = ("victim", "victims", "affected", "affected party", "client", "customer", "harmed")
ROLE_KEYS = ("operator", "operators", "lawyer", "lawyers", "attorney", "attorneys", "user", "users",
             "developer", "reporter", "employee", "staff", "engineer", "author")
ORG_KEYS = ("company", "organization", "organisation", "deployer", "firm", "institution",
            "publication", "business", "agency", "newsroom")
#: Words saying the one who ran the agent was a private person, not an organisation.
INDIVIDUAL = re.compile(r"\b(?:solo|individual|indie|hobbyist|independent|personal|freelancer?|"
                        r"single)\b|^\s*(?:a|an|one)\s+(?:developer|user|engineer|founder|programmer)\b",
                        re.I)
#: Nouns a harmed organisation owns or employs: "Acme's database", "Acme founder".
OWNED = {"database", "databases", "production", "systems", "system", "servers", "server", "data",
         "customers", "users", "website", "site", "infrastructure", "codebase", "repository", "repo",
         "app", "platform", "founder", "ceo", "cto", "engineers", "engineer", "team", "staff",
         "employees", "lawyers", "attorneys", "reporter", "newsroom", "chatbot", "drive-thru",
         "restaurants", "stores", "environment", "accounts", "inbox", "backups", "records",
         "bucket", "buckets", "storage", "cluster", "files", "drive", "network", "service",
         # an organisation's own automation: "Acme Freight's overnight automation wiped ..."
         "automation"}
#: People of an organisation among ``OWNED``: "Acme founder" names its owner even without "'s".
PEOPLE = {"founder", "ceo", "cto", "engineers", "engineer", "team", "staff", "employees", "lawyers",
          "attorneys", "reporter", "newsroom"}
#: Things a company's AI acts on that the company owns, besides ``OWNED``: "its checkout".
OWNED_MORE = {"checkout", "payments", "store", "shop", "portal", "app", "grants", "funds", "treasury",
              "wallet", "accounts", "orders", "vouchers", "fleet", "operations", "helpdesk",
              # a trial or pilot is run by the one deploying: "Acme is ending its AI drive-thru trial"
              "trial", "pilot", "test", "rollout", "experiment", "deployment"}
#: Verbs of harm: "its X" as (part of) their object is the harmed organisation's.
HARM_LEMMAS = {"delete", "wipe", "erase", "destroy", "drop", "knock", "take", "crash", "break", "leak",
               "expose", "remove", "overwrite", "shut", "disrupt", "corrupt", "empty", "drain",
               "transfer", "send", "tear", "bring", "hit", "down", "truncate", "purge", "disable"}
#: Bot nouns: "its AI assistant", "the agent that manages its grants".
BOT_WORDS = {"chatbot", "chatbots", "bot", "bots", "assistant", "assistants", "agent", "agents",
             "model", "tool", "copilot"}
#: Verbs whose object is an organisation a person runs: "Jo Doe, who runs Acme".
RUNS_VERBS = {"run", "found", "co-found", "cofound", "lead", "head", "own", "start", "manage"}
#: Nouns naming a kind of organisation, used to find names the NER misses.
BUSINESS = (r"(?:company|companies|firm|start-?up|platform|retailer|provider|business|organi[sz]ation|"
            r"maker|operator|agency|bank|dealership|site|marketplace|chain|insurer|airline|carrier|"
            r"network|community|collective|forwarder|supplier|manufacturer|brand|store|shop|"
            r"consultancy|studio|charity|non-?profit|cooperative|co-op|exchange|broker|lender|"
            r"school|university|hospital|council|publisher|outlet|restaurant|hotel|clinic|DAO|host|"
            # an open-source project or app is run by its maintainers: "Acme, a note-taking app"
            r"project|app)")
_NAME = r"((?!(?:The|A|An|This|That|Its|It|Their|Our|In|On|At|For|But|And|Yesterday|Today|Meanwhile|However)\b)" \
        r"[A-Z][\w.&!'’-]*(?:[ \t]+(?:&[ \t]+|of[ \t]+)?[A-Z][\w.&!'’-]*){0,3})"  # one line
#: "Acme, a small company that ...", "Acme, a Dublin-based provider of ..."
DESCRIBED_AFTER = re.compile(_NAME + r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}?" + BUSINESS + r"\b")
#: "ticketing platform Acme", "furniture retailer Acme & Sons", "the learning community Acme"
DESCRIBED_BEFORE = re.compile(r"\b[A-Za-z][\w-]*[ \t]+" + BUSINESS + r"[ \t]+" + _NAME)
#: News nouns: a name a report introduces with one is a news organisation reporting on the
#: incident ("the investigative newsroom Acme", "Acme, a local newspaper"), never its deployer.
NEWS = r"(?:newsroom|news outlet|news site|news organi[sz]ation|newspaper|broadcaster|news agency|magazine)"
DESCRIBED_NEWS = re.compile(r"\b" + NEWS + r"[ \t]+" + _NAME + r"|" + _NAME +
                            r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?" + NEWS + r"\b")
#: Pattern deployer.masthead_publication: a report's masthead line giving the site's name and
#: what it is ("Acme Weekly — a blog about courts", "ACME | the newsletter for ops people"): the
#: publication writing the report, never its deployer.
MASTHEAD_NEWS = re.compile(r"^[ \t]*" + _NAME + r"[ \t]+[—–|:-][ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,3}?"
                           r"(?:blog|newsletter|podcast|" + NEWS[3:-1] + r")\b", re.M)
#: "for his Acme business", "their Acme startup": a person's own organisation
DESCRIBED_OWN = re.compile(r"\b(?:his|her|their)[ \t]+" + _NAME + r"[ \t]+(?:business|company|startup|start-up|"
                           r"firm|venture|shop|store|agency|studio|brand)\b")
#: "CTO at Acme", "engineers at Acme Freight", "founder of Acme"
DESCRIBED_ROLE = re.compile(r"\b(?i:ceo|cto|cfo|coo|co-?founder|founder|engineers?|developers?|"
                            r"head of [a-z]+|director|managers?|staff|employees?)[ \t]+(?:at|of)[ \t]+" + _NAME)
#: "Acme's AI support agent", "Acme’s customer-service chatbot"
SUPPORT_BOT = re.compile(r"([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})(?:'s|’s|'|’)\s+(?:[\w-]+\s+){0,2}?"
                         r"(?:support|customer[- ]service|customer[- ]support|help[- ]?desk|service)\s+"
                         r"(?:agent|bot|chatbot|assistant|rep(?:resentative)?)s?\b")
#: A capitalised word followed by a group of further capitalised words; the patterns below
#: add how many ("Acme", "Acme Cloud Labs") to the group.
_CAPITALISED = r"[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*)"
#: A company's own page in its first lines: "Acme Status", "**Acme status**", "Acme — Engineering
#: notes", "Acme Engineering Blog".
HOUSE_PAGE = re.compile(r"^[\s*#_]*(?P<org>" + _CAPITALISED + r"{0,3}?)[ \t]*"
                        r"(?:[-–—|·:/][ \t]*)?(?i:status|engineering|blog|newsroom|incident reports?|"
                        r"post-?mortems?|trust center|changelog|security advisor(?:y|ies)|security bulletins?|"
                        r"threat intelligence|threat research)\b")
#: Pattern deployer.blog_then_org: a blog masthead that names the kind of page first and the
#: organisation after a separator: "Engineering blog · Acme Analytics · posted 2 May", "Tech blog |
#: Acme".
BLOG_THEN_ORG = re.compile(r"^[\s*#_]*(?i:(?:engineering|tech|technology|company|product|dev|developer|"
                           r"infrastructure|security)[ \t]+)?(?i:blog|newsroom|notes)[ \t]*[·|•—–:/][ \t]*"
                           r"(?P<org>" + _CAPITALISED + r"{0,3}?)[\s*_]*(?:[·|•—–/]|$)")
#: A security bulletin's or advisory's identifier carrying the issuer's name: "Bulletin ID:
#: AWS-2025-015", "**Advisory:** ACME-SA-2024-7".
BULLETIN_ID = re.compile(r"^[\s*_#]*(?i:(?:security )?(?:bulletin|advisory))(?:[ \t]+(?i:id|number|no\.?))?"
                         r"[\s*_]*:[\s*_]*(?P<org>[A-Z][A-Za-z]{1,15})-(?:[A-Z]{1,4}-)?\d")
#: A byline naming the writer's organisation: "Jo Doe, co-founder, Acme", "By Jo Doe, CTO at Acme".
BYLINE_ORG = re.compile(r"^[\s*_]*(?:(?i:posted |written )?(?i:by)[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][\w'’-]+){1,2},[ \t]+"
                        r"(?i:co-?founder|founder|ceo|cto|coo|cfo|owner|president|chief [a-z]+ officer|"
                        r"head of [a-z]+(?: [a-z]+)?|(?:engineering |product |it )?(?:manager|director|lead))"
                        r"(?:,[ \t]+|[ \t]+(?:at|of)[ \t]+)(?P<org>" + _CAPITALISED + r"{0,3})")
#: A blog post's dated byline naming the writer's organisation: "Posted 8 May 2025 by Jo Doe, Acme Ltd".
#: Also "Posted 14 March 2025 · Dr. Jo Doe, Acme Dental" (``deployer.dotted_byline``): a middle dot
#: for "by", a title before the name.
POSTED_BYLINE_ORG = re.compile(r"^[\s*_]*(?i:posted|published|written)[ \t]+(?:on[ \t]+)?[\w ,]{4,24}?[ \t]+(?:(?i:by)|[·|•])[ \t]+"
                               r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][\w'’.-]+){1,2},[ \t]+"
                               r"(?P<org>" + _CAPITALISED + r"{0,3})[\s*_]*$")
#: A report's author line naming a team of the writer's organisation: "Authors: Acme platform
#: team", "Written by: Acme SRE team", "By the Acme infrastructure team".
TEAM_BYLINE = re.compile(r"^[\s*_]*(?i:authors?|written by|prepared by|by|owners?)[\s*_]*:?[\s*_]*(?i:the[ \t]+)?"
                         r"(?P<org>" + _CAPITALISED + r"{0,2}?)[ \t]+"
                         r"(?:[\w-]+[ \t]+){0,2}?(?i:team|engineers|engineering team)[\s*_.]*$")
#: A link-aggregator title naming the submitted site: "... our agent deleted ... (acme.io)".
TITLE_DOMAIN = re.compile(r"\((?P<stem>[a-z0-9-]+)\.(?:com|io|co|dev|net|org|ai|app|so|sh|tech|co\.uk|[a-z]{2})\)\s*$")
#: Pattern deployer.repo_header: a code host's repository header in a page's first lines
#: ("acme-dev / acme   Public"): an issue filed there in the first person is the project's own.
REPO_HEADER = re.compile(r"^[\s*_#]*(?P<owner>[A-Za-z0-9][\w.-]*)[ \t]+/[ \t]+(?P<repo>[A-Za-z0-9][\w.-]*)[ \t]+"
                         r"(?:Public|Private)\b")


def _squashed(name: str) -> str:
    return re.sub(r"[\s._-]+", "", name.lower())


@lru_cache(maxsize=None)
def _known_squashed() -> frozenset[str]:
    """Known agent and vendor names and aliases, lower-cased without spaces, dots or hyphens
    ("vscode", "claudecode"): a repository so named is the product's own, not a deployer."""
    names = set()
    for entry in load_gazetteer():
        for alias in [entry["id"], *entry["aliases"]]:
            if isinstance(alias, str):
                names.add(_squashed(alias))
    return frozenset(names)
#: First-person words in a title: the submitter writes for the site's owner.
FIRST_PERSON_TITLE = re.compile(r"\b(?:our|we|my|i)\b|\bauthor here\b", re.I)
#: A bot the organisation built for itself: "an internal AI operations agent", "the firm's in-house AI".
IN_HOUSE = re.compile(r"\b(?:in-house|internal|home-?grown|proprietary)[ \t]+(?:[\w-]+[ \t]+){0,3}?"
                      r"(?:ai|agent|assistant|tool|platform|bot|chatbot|model|system)\b|"
                      r"\bbuilt[ \t]+(?:it[ \t]+)?(?:in-house|for (?:its|their|our) own)\b", re.I)
#: A maker named as such: "a product of Acme", "sold by Acme", "an agent from Acme".
MAKER_CUE = (r"\b(?:product of|sold by|made by|supplied by|built by|developed by|provided by|licen[cs]e[sd]? from|"
             r"company called|(?:agent|assistant|bot|chatbot|tool|platform|model|software|product) from)"
             r"[ \t]+(?:[\w-]+[ \t]+){0,3}?")
#: Anaphoric owners: "the company's chat assistant", "the college had enabled ..." -> the last
#: organisation named before; its people too: "the firm's team asked the model to format the
#: citation" (``deployer.anaphor_staff``: a law firm whose lawyers filed what the model wrote).
ANAPHOR_NOUNS = ("company", "firm", "bank", "college", "school", "university", "retailer", "airline",
                 "chain", "studio", "insurer", "lender", "council", "city", "clinic", "hospital", "board",
                 "dealership", "dealer", "startup", "start-up", "business", "utility", "charity", "club", "county")
ANAPHOR = re.compile(r"\bthe[ \t]+(?P<noun>" + "|".join(ANAPHOR_NOUNS) + r")(?:(?:'s|’s)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
                     r"(?P<owned>chatbot|bot|assistant|agent|ai|tool|system|website|app|systems|database|servers?|"
                     r"customers|staff|engineers|drive-thru|team|lawyers|attorneys|associates|employees)\b|"
                     r"[ \t]+(?:had[ \t]+|has[ \t]+)?(?:deployed|enabled|used|"
                     r"installed|switched on|turned on|rolled out|introduced|configured|set up|launched|adopted|"
                     # "the county had spent the autumn installing Foo" (deployer.anaphor_spent_installing)
                     r"spent[ \t]+(?:[\w-]+[ \t]+){1,3}?(?:installing|deploying|rolling out|testing|piloting|trialling))\b)", re.I)
#: Anaphor nouns any organisation may be called; a specific one ("the college") needs a name
#: ending in it ("Acme College").
GENERIC_ANAPHORS = {"company", "firm", "business", "startup", "start-up"}
#: Nouns after "his/her/their NAME": the person's own organisation ("for his Acme business").
OWN_BUSINESS = {"business", "company", "startup", "start-up", "firm", "venture", "community", "shop",
                "store", "agency", "studio", "brand"}
#: Words naming a body that speaks about an incident but never runs the agent: a union, a
#: guild, a parliamentary committee, a regulator's commission ("the Acme Union said ...").
NEVER_DEPLOYS = re.compile(r"\b(?:union|guild|committee|commission|ombudsman|regulator)$", re.I)
#: Messaging apps a bot is offered on: "a chatbot on WhatsApp", "WhatsApp chat logs" -- the
#: place the bot ran, not its owner, unless the report writes the app in the possessive.
MESSAGING_APPS = {"kakaotalk", "whatsapp", "telegram", "messenger", "facebook messenger", "wechat", "line",
                  "signal", "viber", "imessage", "slack", "microsoft teams", "teams", "discord", "kik"}
NOT_DISCLOSED = re.compile(r"^(?:not disclosed|undisclosed|unknown|none|n/?a|unnamed|various)\b", re.I)
_ROLE_IN_BRACKETS = re.compile(r"\(([^()]*?)\s+(?:founder|co-?founder|ceo|cto|owner|employee|staff|"
                               r"engineer|team)\b[^()]*\)", re.I)
_BRACKETED = re.compile(r"\(([^()]+)\)")


def _aliases() -> dict[str, str]:
    """Lower-cased alias -> canonical vendor (an agent alias maps to its vendor)."""
    table = {}
    for entry in load_gazetteer():
        vendor = entry["vendor"] if entry["kind"] == "agent" else entry["id"]
        for alias in entry["aliases"]:
            if vendor:
                table.setdefault(alias.lower(), vendor)
    return table


def canonical_org(name: str) -> str:
    """An organisation name as the knowledge base writes it: a gazetteer alias becomes its
    canonical vendor ("AWS" -> "Amazon", "Yum Brands" -> "Yum! Brands"), a corporate suffix
    goes ("Acme Group" -> "Acme")."""
    name = re.sub(r"^the\s+", "", name.strip(" *\"'“”.,;:"), flags=re.I)
    name += "." if re.search(r"\sCo$", name) else ""  # "Acme Supply Co.": the abbreviation keeps its dot
    known = _aliases()
    if name.lower() in known:
        return known[name.lower()]
    stripped = CORPORATE_SUFFIX.sub("", name).strip() or name
    return known.get(stripped.lower(), stripped)


def _value(sentence: Sentence) -> str:
    """The value of a key-value header line (the text after the first colon)."""
    line = sentence.span.doc.text
    return line.split(":", 1)[1].strip() if ":" in line else ""


def _org_in(value: str) -> Optional[str]:
    """The leading name of a header value: up to a bracket, comma, semicolon or dash."""
    head = re.split(r"\s*(?:[(;,]|\s[-–—]\s|<)", value)[0].strip(" *")
    if not head or NOT_DISCLOSED.match(head) or head.lower() in NOT_ORGS:
        return None
    return canonical_org(head)


def _is_person(sentence: Sentence, value: str) -> bool:
    """True when a header value starts with a person's name (a PERSON entity or two
    capitalised words followed by a bracket)."""
    line = sentence.span.doc
    colon = line.text.find(":")
    first = next((e for e in line.ents if e.start_char > colon), None)
    if first is not None and first.label_ == "PERSON" and not line.text[colon + 1:first.start_char].strip(" *"):
        return True
    return bool(re.match(r"[A-Z][a-z]+(?:\s+[A-Z][\w.]*){1,2}\s*(?:\(|&|,|and\b)", value))


def _split_parties(sentence: Sentence, value: str) -> list[str]:
    """A header value naming two parties ("Acme and Beta Corp") as two names; not split
    when one entity spans the "and" ("Department of Health and Human Services")."""
    line = sentence.span.doc
    offset = len(line.text) - len(line.text.split(":", 1)[1].lstrip()) if ":" in line.text else 0
    for match in re.finditer(r"\s+(?:and|&)\s+", value):
        at = offset + match.start()
        if any(e.start_char < at < e.end_char for e in line.ents):
            continue
        return [value[:match.start()], value[match.end():]]
    return [value]


def _header(sentences: list[Sentence], vendor: Optional[str],
            title: str) -> Optional[tuple[Optional[str], Sentence, str]]:
    """Rules 1-3 (see module doc) over key-value header lines."""
    third_party = any(s.key == "harm bearer" and "third" in s.lower for s in sentences)
    pubs = publishers()
    found: dict[str, tuple[Optional[str], Sentence, str]] = {}
    for sentence in sentences:
        key = sentence.key or ""
        if key in found or sentence.span.start_char > sentence.span.doc.text.find(":") >= 0:
            continue
        value = _value(sentence)
        if not value:
            continue
        if key in VICTIM_KEYS:
            owner = _ROLE_IN_BRACKETS.search(value) or re.search(r"([A-Z][\w.&-]+)(?:'s|’s)\s", value)
            if owner:
                found["victim"] = (canonical_org(owner.group(1)), sentence, "deployer.victim_header")
            elif _is_person(sentence, value) or INDIVIDUAL.search(value):
                found["victim"] = (None, sentence, "deployer.individual")
            else:
                name = _org_in(value)
                if name:
                    found["victim"] = (name, sentence, "deployer.victim_header")
        elif key in ROLE_KEYS and "role" not in found:
            if INDIVIDUAL.search(value):
                found["role"] = (None, sentence, "deployer.individual")
            else:
                bracket = _BRACKETED.search(value)
                if bracket and _is_person(sentence, value):
                    name = canonical_org(bracket.group(1))
                    if name:
                        found["role"] = (name, sentence, "deployer.role_header")
        elif key in ORG_KEYS and "org" not in found:
            parts = [p for p in (_org_in(v) for v in _split_parties(sentence, value)) if p]
            if not parts:
                continue
            name = parts[0]
            if len(parts) > 1 and parts[0] == vendor and not third_party:
                name = parts[1]
            if name.lower() in pubs and not (key == "publication" and name.lower() in title):
                continue
            found["org"] = (name, sentence, "deployer.org_header")
    for kind in ("victim", "role", "org"):
        if kind in found:
            return found[kind]
    return None


def _clean_name(name: str) -> str:
    """A matched name without a possessive or trailing full stop ("Acme.io's" -> "Acme.io")."""
    name = re.split(r"[ \t]{3,}", name.strip())[0]  # who.field_separator: a blanked "|" ends the name
    name = re.sub(r"(?:'s|’s|'|’)$", "", name.strip())
    return name if re.search(r"\sCo\.$", name) else name.rstrip(".")


def described_orgs(text: str) -> set[str]:
    """Names a report introduces with a business noun or as someone's workplace (``Acme, a
    small company``, ``ticketing platform Acme``, ``CTO at Acme``); lower-case words and
    non-names (``AI``) are left out."""
    found = set()
    for pattern in (DESCRIBED_AFTER, DESCRIBED_BEFORE, DESCRIBED_ROLE, DESCRIBED_OWN):
        for match in pattern.finditer(text):
            name = _clean_name(match.group(1))
            if len(name) > 2 and name.lower() not in NOT_ORGS and not PRONOUN_CONTRACTION.fullmatch(name):
                found.add(name)  # not "a marketplace I'd never heard of" (who.pronoun_contraction)
    return found


def known_makers() -> set[str]:
    """Lower-cased gazetteer vendors (AI makers): never the deployer by the subject rule."""
    return {(e["vendor"] if e["kind"] == "agent" else e["id"]).lower()
            for e in load_gazetteer() if (e["vendor"] if e["kind"] == "agent" else e["id"])}


#: A journalist's title after an entity: the entity is a newsroom desk ("Business Reporter").
DESK = re.compile(r"[ \t]+(?:reporter|correspondent|editor|writer|columnist|desk)\b", re.I)


#: Pattern deployer.local_government: a place the NER names whose last word makes it a
#: government body ("Delmore County", "Port Alden City Council") owns computers and systems.
LOCAL_GOVERNMENT = re.compile(r"\s(?:County|City|Council|Borough|Township|Municipality)$")


def _candidates(span: Span, described: set[str]) -> list[tuple[str, Span]]:
    """Organisations in a sentence as ``(name, span)``: described names, then ORG/VENDOR
    entities not inside one ("Acme of Springfield" beats the entity "Acme"; a dotted name cut
    by the sentence splitter is made whole: "Acme" + ".Club"), and places that are a local
    government ("Delmore County": ``LOCAL_GOVERNMENT``)."""
    doc = span.doc
    found: list[tuple[str, Span]] = []
    taken: set[int] = set()
    for name in sorted(described, key=lambda n: (-len(n), n)):
        stem = name.split(".")[0] if "." in name else None
        for match in re.finditer(r"(?<![\w.])" + re.escape(stem or name) + r"(?![\w&])", span.text):
            if stem and not span.text[match.end():].startswith(name[len(stem):]) and \
                    span.text[match.end():].strip():
                continue  # a stem alone stands only at a sentence end (the splitter cut it)
            piece = doc.char_span(span.start_char + match.start(), span.start_char + match.end(),
                                  alignment_mode="expand")
            if piece is not None and not taken & set(range(piece.start, piece.end)):
                found.append((name, piece))
                taken.update(range(piece.start, piece.end))
    for ent in span.ents:
        if ent.label_ not in ("ORG", "VENDOR") and not (ent.label_ == "GPE" and LOCAL_GOVERNMENT.search(ent.text)):
            continue
        if DESK.match(doc.text[ent.end_char:]):
            continue  # "Jo Doe, Scotland Business Reporter": a newsroom desk in a byline
        name = ent.ent_id_ if ent.label_ == "VENDOR" else org_name(ent)
        dotted = re.match(r"\.[A-Z][a-z]+\b", doc.text[ent.end_char:])
        if dotted and ent.label_ == "ORG":
            name += dotted.group(0)
        if name and not taken & set(range(ent.start, ent.end)):
            found.append((name, ent))
            taken.update(range(ent.start, ent.end))
    return found


def _possessive(piece: Span) -> bool:
    """True when the name is possessive ("Acme's", "Acme’", "Acme 's")."""
    doc = piece.doc
    return piece.root.dep_ == "poss" or piece.text.endswith(("'s", "’s", "'", "’")) or (
        piece.end < len(doc) and doc[piece.end].text in ("'s", "’s", "'", "’"))


def _owns(piece: Span) -> Optional[str]:
    """``"possessive"`` for "Acme's database" or "Acme founder", ``"compound"`` for "Acme
    production database" (no article before the name), else None."""
    doc = piece.doc
    after = [t for t in doc[piece.end:min(piece.end + 4, len(doc))] if t.text not in ("'s", "’s", "'", "’")]
    # pattern deployer.bot_kind_not_owned: a word naming the bot's kind ("Acme's infrastructure
    # agent", "Acme's data assistant") says what the bot works on, not what Acme owns; nor does
    # a word naming a person's job ("an Acme infrastructure lead": a modifier of a noun not owned)
    nouns = [t.lower_ for t in after if t.pos_ in ("NOUN", "PROPN", "ADJ") and
             not (t.dep_ in ("compound", "amod") and t.head.lower_ in BOT_WORDS) and
             not (t.dep_ == "compound" and t.head.i > t.i and t.head.pos_ == "NOUN" and
                  t.head.lower_ not in OWNED | OWNED_MORE)][:3]
    if not any(n in OWNED for n in nouns):
        return None
    if _possessive(piece):
        return "possessive"
    if after and after[0].lower_ in PEOPLE:
        return "possessive"  # "Acme founder Jo Doe": a person of the organisation
    article = piece.start > 0 and doc[piece.start - 1].lower_ in ("the", "a", "an", "its", "their")
    if after and after[0].lower_ in OWNED and not article:
        return "compound"
    return None


def _of_owner(piece: Span) -> bool:
    """"the database of Acme", "engineers at Acme", "an associate at Acme" (a law firm's lawyer),
    "founder of the community Acme", "at Acme we run an agent", "attorneys from the firm Acme",
    passive use: "the assistant used by the Acme chain", "computers belonging to Acme"
    (``deployer.belonging_to``)."""
    token = piece.root
    while token.dep_ in ("appos", "compound") and token.head is not token:
        token = token.head
    prep = token.head if token.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in ("from", "at") and getattr(piece, "label_", "") == "GPE":
        return False  # "an engineer from Foster City": where a person lives (deployer.local_government)
    return prep is not None and (
        (prep.lower_ == "of" and prep.head.lower_ in OWNED) or
        (prep.lower_ == "from" and prep.head.lower_ in PEOPLE | {"attorneys", "lawyers"}) or
        (prep.lower_ == "by" and prep.head.lemma_ in DEPLOY_VERBS and prep.head.tag_ == "VBN") or
        (prep.lower_ == "at" and (prep.head.lower_ in OWNED | LAW_STAFF | {"working", "work", "worked"}
                                  or prep.head.lemma_ in DEPLOY_VERBS)) or
        (prep.lower_ in ("at", "of") and _outage_clause(prep)) or
        # pattern deployer.belonging_to: "computers belonging to Acme", "a key owned by Acme"
        (prep.lower_ == "to" and prep.head.lower_ == "belonging" and prep.head.head.lower_ in OWNED | OWNED_MORE | {
            "computers", "machines", "key", "keys", "laptops", "devices", "credentials", "token", "tokens"}))


#: Words saying a service was out: "booking at Acme was unavailable", "the app of Acme went down".
OUTAGE_STATES = {"unavailable", "down", "offline", "inaccessible", "unusable", "unreachable"}


def _outage_clause(prep) -> bool:
    """"Online booking at Acme was unavailable for nine hours": the "at"/"of" phrase hangs on the
    subject of a clause saying the service was out, so the name owns the stopped service."""
    node = prep.head
    while node.dep_ in ("conj", "compound", "amod") and node.head is not node:
        node = node.head
    if node.dep_ not in ("nsubj", "nsubjpass", "csubj"):
        return False
    return any(t.lower_ in OUTAGE_STATES for t in node.head.children if t.dep_ in ("acomp", "advmod", "prt", "attr"))


def _own_business(piece: Span) -> bool:
    """"for his Acme business", "their Acme startup": a person's own organisation."""
    doc = piece.doc
    return piece.start > 0 and doc[piece.start - 1].lower_ in ("his", "her", "their", "my", "our") and \
        piece.end < len(doc) and doc[piece.end].lower_ in OWN_BUSINESS


def _runs_org(piece: Span) -> bool:
    """"Jo Doe, who runs Acme": the name is the object of run/found/lead whose subject is a
    relative pronoun or a person; not a former role ("who led Acme until 2023": someone
    quoted for what they once did)."""
    root = piece.root
    if root.dep_ != "dobj" or root.head.lemma_ not in RUNS_VERBS or \
            any(t.lower_ in ("until", "till") for t in root.head.children):
        return False
    subjects = [t for t in root.head.children if t.dep_ == "nsubj"]
    return any(t.lower_ in ("who", "that") or t.ent_type_ == "PERSON" for t in subjects)


#: Verbs of taking a machine into use in a relative clause on its user: "Acme, which had hired
#: the robot", "Acme, which leases the system".
HIRER_VERBS = DEPLOY_VERBS | {"hire", "lease", "rent", "buy", "purchase", "operate", "license", "licence",
                              "contract", "commission", "bring"}
#: Machines an organisation hires, besides ``BOT_WORDS``.
MACHINE_WORDS = BOT_WORDS | {"robot", "robots", "machine", "machines", "system", "systems", "software",
                             "robotaxi", "robotaxis", "drone", "drones", "vehicle", "vehicles", "camera",
                             "cameras", "scanner", "scanners", "algorithm"}


def _relative_hirer(piece: Span, agent: Optional[str]) -> bool:
    """Pattern deployer.relative_hirer: "the Acme Federation, which had hired the robot for the
    event", "Acme, which leases the system from Beta": a relative clause on the name whose
    subject is ``which``/``that``, whose verb takes a machine into use (``HIRER_VERBS``) and whose
    object is a machine noun (``MACHINE_WORDS``) or the agent ``agent`` by name."""
    for clause in piece.root.children:
        if clause.dep_ != "relcl" or clause.lemma_ not in HIRER_VERBS or not any(
                c.dep_ == "nsubj" and c.lower_ in ("which", "that", "who") for c in clause.children):
            continue
        for obj in clause.children:
            if obj.dep_ != "dobj":
                continue
            words = piece.doc[obj.left_edge.i:obj.right_edge.i + 1].text.lower()
            if obj.lower_ in MACHINE_WORDS or (agent and agent.lower() in words):
                return True
    return False


def _subject_its(piece: Span, span: Span, strict: bool = False) -> bool:
    """The name is a subject (or in apposition to one, the parser's reading of a dateline:
    "WARSAW - furniture retailer Acme said ...": ``deployer.apposed_subject``) and a later ``its`` in its clause (within 40 tokens) marks the
    harmed thing, the bot or something the bot acts on (no other organisation between them): "its" on an owned noun or a bot noun, or inside the object of a harm verb
    or of a clause about a bot ("the agent that manages its grants"); with ``strict`` only "its"
    directly on an owned noun or a bot noun counts."""
    subject = piece.root
    while subject.dep_ == "appos" and subject.head is not subject:
        subject = subject.head  # pattern deployer.apposed_subject: "electronics retailer Acme said ..."
    if subject.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = subject.head
    for token in span:
        if token.i < piece.end or token.i > piece.end + 40 or token.lower_ != "its" or \
                token.dep_ != "poss" or verb not in token.ancestors:
            continue  # an "its" outside the clause the name is the subject of
        if any(piece.end <= e.start < token.i and e.label_ in ("ORG", "VENDOR") and org_name(e)
               for e in span.ents):
            continue  # another organisation stands nearer: "its" is more likely that one's
        head = token.head
        if head.lower_ in OWNED | OWNED_MORE | BOT_WORDS:
            return True
        if strict:
            continue
        node = head
        for _ in range(6):
            if node.head is node:
                break
            node = node.head
            if node.lemma_ in HARM_LEMMAS and node.pos_ == "VERB" or node.lower_ in BOT_WORDS:
                return True
    return False


def its_subjects(sentences: list[Sentence], incident: set[int]) -> set[str]:
    """Pattern deployer.its_subject_name: a capitalised subject the NER does not call an
    organisation (or calls a person) that a later ``its`` in its clause refers back to, on its
    bot or on something it owns ("Acme Mobile points the finger at its digital assistant",
    "Acme Kitchens handed Foo the keys to its supplier accounts"): "its", not "his" or "her",
    says the name is an organisation. A sentence ``SUBJECT_ITS_BOT`` reads is left to that
    pattern (deployer.speaks_of_its_bot). The name (its compound words, at least one proper noun,
    no place or nationality) must occur twice in the report, its first word at least; returns
    the names as written."""
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
    found = set()
    for sentence in sentences:
        if sentence.index not in incident or sentence.key or " its " not in sentence.text:
            continue
        span = sentence.span
        for token in span:
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "PROPN" or \
                    token.ent_type_ in ("GPE", "NORP", "ORG", "VENDOR", "AGENT", "LOC", "FAC"):
                continue
            words = [t for t in token.subtree if t.i <= token.i and (t.dep_ == "compound" or t is token)]
            if any(t.ent_type_ in ("GPE", "NORP", "AGENT", "VENDOR", "DATE") or not t.text[:1].isupper() for t in words):
                continue
            piece = token.doc[words[0].i:token.i + 1]
            name = _clean_name(piece.text)
            if piece.start_char > 0 and not token.doc.text[piece.start_char - 1].isspace() and \
                    token.doc.text[piece.start_char - 1] not in "\"'“‘(*_#":
                continue  # the end of a dotted name the splitter cut ("Acme.Club")
            if re.search(r"\s[A-Z]{2,}$", name):
                continue  # "Acme FCU": an abbreviation of the full name the report also writes
            if len(name) < 3 or name.lower() in NOT_ORGS or \
                    len(re.findall(r"(?<!\w)" + re.escape(name.split()[0]) + r"(?!\w)", text)) < 2:
                continue
            if _subject_its(piece, span, strict=True) and not SUBJECT_ITS_BOT.match(sentence.text):
                found.add(name)  # "Acme has apologised after its chatbot": deployer.speaks_of_its_bot
    return found


def _owner_of_harm(sentences: list[Sentence], excluded: set[str], incident: set[int],
                   agent: Optional[str] = None) -> Optional[tuple[str, Sentence, str]]:
    """Rules 4-5: organisations owning the harmed object or deploying the agent, counted.

    A name supported only by a bare compound ("Acme production database") needs a second
    mention in the report, so a system named once ("delete IAM users") is not taken.
    """
    counts: Counter = Counter()
    where: dict[str, tuple[Sentence, str]] = {}
    strong: set[str] = set()  # names with a relation other than a bare compound
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))  # the report's lines
    described = {n for n in described_orgs(text) | its_subjects(sentences, incident) if n.lower() not in excluded}
    for sentence in sentences:
        if sentence.index not in incident or sentence.key:
            continue
        span = sentence.span
        for name, piece in _candidates(span, described):
            if not name or name.lower() in excluded or (NEVER_DEPLOYS.search(name) or is_regulator(name)):
                continue  # "the Acme Union said ...": a union or committee only speaks about it
            owns = _owns(piece)
            # a deployment verb with something deployed: "Acme launched a bot", not "Webb launched"
            deploys = piece.root.dep_ == "nsubj" and piece.root.head.lemma_ in DEPLOY_VERBS and any(
                c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "prt", "dative") for c in piece.root.head.children)
            if deploys and piece.root.head.lemma_ == "run":
                # "Acme runs an AI agent", "Acme was running an automated account", not "Acme is
                # running a re-cut version of the ad": "run" deploys only a machine, an automated
                # thing or the agent (deployer.runs_machine)
                deploys = any(c.dep_ == "dobj" and (c.lower_ in MACHINE_WORDS or any(
                    t.lower_ in MACHINE_WORDS | {"ai", "automated", "autonomous", "ai-powered"} or
                    (agent and agent.lower() in t.lower_)
                    for t in c.subtree)) for c in piece.root.head.children)
            if owns or _of_owner(piece):
                rule = "deployer.owner_of_harm"
            elif piece.root.dep_ == "nsubj" and hands_to_agent(piece.root.head, agent):
                rule = "deployer.hands_to_agent"
            elif _runs_org(piece) or _own_business(piece):
                rule = "deployer.runs_org"
            elif _subject_its(piece, span):
                rule = "deployer.subject_its"
            elif deploys:
                rule = "deployer.deploys"
            elif files_court_paper(piece):
                rule = "deployer.law_firm_filing"
            elif _relative_hirer(piece, agent):
                rule = "deployer.relative_hirer"
            else:
                continue
            if owns != "compound":
                strong.add(name)
            counts[name] += 1
            where.setdefault(name, (sentence, rule))
    for name, sentence, rule in _referred(sentences, described, excluded, incident, agent):
        strong.add(name)
        counts[name] += 1
        where.setdefault(name, (sentence, rule))
    for name in list(counts):
        if name not in strong and len(re.findall(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)) < 2:
            del counts[name]
    merged: Counter = Counter()
    names = _all_names(sentences, described)
    for name, count in counts.items():
        full = _full_name(name, names)
        merged[full] += count
        where.setdefault(full, where[name])
    if not merged:
        return None
    name, _ = merged.most_common(1)[0]
    return canonical_org(_partners_name(_apostrophe_name(name, text), text)), where[name][0], where[name][1]


def _partners_name(name: str, text: str) -> str:
    """A firm named after its partners, which the report writes in full with commas and an
    ampersand ("Doe" -> "Doe, Doe & Roe", "Doe, Roe & Poe"): that full name; else ``name``."""
    full = re.search(r"(?<![\w&])" + re.escape(name) + r"(?:,[ \t]+[A-Z][\w'’-]+)*,?[ \t]+&[ \t]+[A-Z][\w'’-]+",
                     text)
    return full.group(0) if full else name


def _apostrophe_name(name: str, text: str) -> str:
    """A brand whose name ends in "'s" ("Acme's is ending its trial": the "'s" is not a
    possessive when a verb follows it) keeps it."""
    brand = re.search(r"(?<!\w)" + re.escape(name) + r"(['’]s)[ \t]+(?:is|was|has|had|said|says|did|does|"
                      r"didn't|will|would|pulls|pulled|ended|announced|confirmed)\b", text)
    return name + brand.group(1) if brand else name


def _all_names(sentences: list[Sentence], described: set[str]) -> list[str]:
    """Every organisation name of the report (described names and ORG entities), in order."""
    names = list(described)
    for sentence in sentences:
        names += [org_name(e) for e in sentence.span.ents if e.label_ == "ORG" and org_name(e)]
    return names


def _full_name(name: str, names: list[str]) -> str:
    """The report's fuller form of a short name ("Acme" -> "Acme Physiotherapy" when the report
    also writes the long one: news shortens a name after its first mention)."""
    longer = [n for n in names if n.startswith(name + " ") and len(n.split()) <= len(name.split()) + 2
              and not NEVER_DEPLOYS.search(n) and not is_regulator(n)]  # "Acme Union" is a body of Acme's staff, not Acme
    return Counter(longer).most_common(1)[0][0] if longer else name


def _referred(sentences: list[Sentence], described: set[str], excluded: set[str],
              incident: set[int], agent: Optional[str] = None) -> list[tuple[str, Sentence, str]]:
    """Organisations referred to, not named, in the deployer's role:

    - *anaphor*: "the company's chat assistant", "the college had enabled ..." -> the last
      organisation named before it whose name ends in that noun, else the last one named
      (``deployer.anaphor``); its people: "the firm's team asked the model"
      (``deployer.anaphor_staff``);
    - *pronoun*: "They use an agent from X" -> the organisation that is the subject (or in
      apposition to it: "games studio Acme") of the sentence before, in the same paragraph
      (``deployer.pronoun_deploys``);
    - *staff asks*: "an engineer asked Foo to publish the SDK", with the agent ``agent`` as the
      object of ask/tell/instruct/prompt/use and a bare staff noun as the subject -> the last
      organisation that was the subject of an earlier sentence or opened it: the one the story
      is about (``deployer.staff_asks``).
    """
    found = []
    seen: list[str] = []
    subjects: list[str] = []  # organisations that were a sentence's subject, in order
    previous: Optional[Sentence] = None
    for sentence in sentences:
        span = sentence.span
        here = [(n, p) for n, p in _candidates(span, described) if n and n.lower() not in excluded]
        if sentence.index in incident and not sentence.key:
            anaphor = ANAPHOR.search(span.text)
            if anaphor:
                before = seen + [n for n, p in here if p.start_char - span.start_char < anaphor.start()]
                noun = anaphor.group("noun").lower()
                fitting = [n for n in before if n.lower().split()[-1] == noun]
                if not fitting and noun in GENERIC_ANAPHORS:
                    fitting = before  # "the company's assistant": the last organisation named
                if fitting:
                    staff = (anaphor.group("owned") or "").lower() in PEOPLE | {"associates"}
                    found.append((fitting[-1], sentence, "deployer.anaphor_staff" if staff else "deployer.anaphor"))
            if previous is not None and previous.line == sentence.line and any(
                    t.lower_ in ("they", "it") and t.dep_ == "nsubj" and (
                        t.head.lemma_ in DEPLOY_VERBS and t.i == span.start or
                        t.head.dep_ == "ROOT" and hands_to_agent(t.head, agent))  # deployer.pronoun_hands_to_agent
                    for t in span):
                subjects = [n for n, p in sorted(_candidates(previous.span, described),
                                                 key=lambda c: c[1].root.dep_ != "nsubj")
                            if n and n.lower() not in excluded and (p.root.dep_ == "nsubj" or (
                                p.root.dep_ == "appos" and p.root.head.dep_ == "nsubj"))]
                # a name in brackets after the subject describes it ("Acme Games (Foo Tactics,
                # 1M players) had ...": Foo is Acme's game): the subject, even when the NER
                # calls it a person
                subjects = [_bracketed_head(p) or n for n, p in _candidates(previous.span, described)
                            if n in subjects] or subjects
                if subjects:
                    found.append((subjects[0], sentence, "deployer.pronoun_deploys"))
            relative = _relative_user(span, here)
            if relative:
                found.append((relative, sentence, "deployer.relative_user"))
            if subjects and staff_asks(span, agent):
                found.append((subjects[-1], sentence, "deployer.staff_asks"))
        seen += [n for n, _ in here]
        subjects += [n for n, p in here if p.root.dep_ in ("nsubj", "nsubjpass") or p.start == span.start or (
            p.root.dep_ == "appos" and p.root.head.dep_ == "nsubj")]  # or opening it: the parser may miss
        previous = sentence
    return found


_FUNCTION_WORDS = {"The", "A", "An", "In", "At", "On", "For", "But", "And", "When", "After", "Before",
                   "This", "That", "Its", "Their", "Our", "If", "As", "By", "From", "With", "To", "Of"}


def _long_form(name: str, text: str) -> str:
    """Pattern deployer.full_name_of_short: a one-word name the report uses with the article
    ("the Journal's newsroom") stands for the longer capitalised name ending in it that the
    report also writes ("The Wall Street Journal"); returns that longer name (with a leading
    "The"), else ``name`` unchanged."""
    if " " in name or not re.search(rf"\bthe {re.escape(name)}\b", text):
        return name
    longer = re.findall(rf"\b((?:The )?(?:[A-Z][\w&.'-]* ){{1,3}}){re.escape(name)}\b", text)
    forms = []
    for prefix in longer:
        words = prefix.split()
        if words[0] == "The":
            words = words[1:]
        if words and not any(w in _FUNCTION_WORDS for w in words):
            forms.append(("The " if prefix.startswith("The ") else "") + " ".join(words) + " " + name)
    return max(forms, key=len) if forms else name


def _bracketed_head(piece: Span) -> Optional[str]:
    """The subject a bracketed apposition describes ("Acme Games (Foo, ...)" -> "Acme Games"):
    the entity holding the apposition's head, when a bracket stands between them; else None."""
    root = piece.root
    doc = piece.doc
    if root.dep_ != "appos" or root.head.dep_ != "nsubj" or piece.start == 0 or doc[piece.start - 1].text != "(":
        return None
    head = next((e for e in doc.ents if e.start <= root.head.i < e.end), None)
    return head.text if head is not None and head.end == piece.start - 1 else None


#: Verbs of taking a bot into use, in a relative clause on the bot: "an agent that it licenses from".
RELATIVE_USE_VERBS = DEPLOY_VERBS | {"license", "licence", "buy", "lease", "rent", "configure"}


def _named_machine(token) -> bool:
    """Pattern deployer.relative_user_named: True when ``token`` is the name given to a bot or
    machine noun ("a monitoring system called Mender, which it licenses from Beta": the name is
    the complement of called/named/branded/dubbed on a noun of ``MACHINE_WORDS``)."""
    verb = token.head
    return token.dep_ in ("oprd", "dobj", "attr") and verb.lemma_ in ("call", "name", "brand", "dub") and \
        verb.head.lower_ in MACHINE_WORDS | {"tool", "tools"}


def _relative_user(span: Span, here: list[tuple[str, Span]]) -> Optional[str]:
    """"Acme said the tool, an agent that it licenses from Beta, ...": ``it``/``they`` as the
    subject of a use verb in a relative clause on a bot noun refers back to the sentence's main
    subject, the organisation using the bot; None when that subject is no candidate."""
    for token in span:
        verb = token.head
        if token.lower_ not in ("it", "they") or token.dep_ != "nsubj" or \
                verb.lemma_ not in RELATIVE_USE_VERBS or verb.dep_ != "relcl" or \
                not (verb.head.lower_ in BOT_WORDS | MACHINE_WORDS or _named_machine(verb.head)):
            continue
        for name, piece in here:
            if piece.root.dep_ == "nsubj" and piece.root.head.dep_ == "ROOT" and piece.end <= token.i:
                return name
    return None


#: A relative clause with its own subject on a bot noun, the subject taking the bot into use:
#: "the AI recruiting agent Acme licenses from Beta", "the assistant Acme bought last year".
RELATIVE_LICENSEE = re.compile(
    r"\b(?:agent|assistant|chatbot|bot|tool|system|platform|software)\s+"
    r"((?!(?:The|It|They|We|He|She|I)\b)[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,2})\s+"
    r"(?:licen[sc]es|licen[sc]ed|uses|used|bought|buys|leases|leased|rents|rented|deploys|deployed|"
    # a platform's own bot: "Foo, the AI listing assistant Acme launched in the autumn"
    # (deployer.relative_launcher)
    r"launched|introduced|rolled\s+out|added|"
    # an agent the organisation let act: "the AI agent Acme had allowed to pay invoices"
    # (deployer.relative_permitter)
    r"(?:(?:has|had)\s+)?(?:allowed|authori[sz]ed|permitted)\s+to\b|"
    r"(?:has|had)\s+(?:licen[sc]ed|deployed|bought|leased|rented|launched|introduced|rolled\s+out|added))\b")


def _one_longer(name: str, text: str) -> str:
    """The one longer name the report writes starting with ``name`` ("Acme" -> "Acme Health"),
    else ``name``: news shortens a name after its first mention."""
    longer = set(re.findall(rf"\b{re.escape(name)}(?:[ \t]+[A-Z][\w&-]*){{1,2}}(?=[’'.,;:\s])", text))
    longer = {n for n in longer if not any(w in _FUNCTION_WORDS for w in n.split())}
    return longer.pop() if len(longer) == 1 else name


def _licensee(sentences: list[Sentence], excluded: set[str],
              incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.relative_licensee: the subject of a relative clause on the bot noun
    that licenses, buys or uses the bot ("Riley, the AI recruiting agent Acme licenses from
    Beta") ran it; a one-word name becomes the one longer name the report writes starting with
    it ("Acme" -> "Acme Health") -- ``(name, sentence, rule)``, else None."""
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
    for sentence in sentences:
        if sentence.index not in incident:
            continue
        for match in RELATIVE_LICENSEE.finditer(sentence.text):
            name = _clean_name(match.group(1))
            if name.lower() in excluded | NOT_ORGS:
                continue
            return _one_longer(name, text), sentence, "deployer.relative_licensee"
    return None


#: Pattern deployer.relative_taker: a relative clause on the bot (or on its maker, in an
#: appositive after the bot's name) whose own subject -- a name, a name's team, or "the" and a
#: noun pointing back -- took the bot into use: "Foo, sold by Beta, which Acme's platform team
#: had been using since May", "an agent from Beta that the DAO had approved in October"; a trial
#: is a use too ("Foo, sold by Beta, which Acme had been trialling since August":
#: ``deployer.trialled_product``).
_TAKE = (r"(?:(?:had|has)\s+been\s+(?:using|trialling|trialing|piloting|testing|running)|(?:had|has)\s+(?:licen[sc]ed|deployed|approved|adopted|hired|bought|"
         r"used|installed|rolled\s+out|trialled|trialed|piloted)|licen[sc]es|licen[sc]ed|uses|used|deployed|approved|"
         r"adopted|hired|bought|installed|(?:was|were|is|are)\s+(?:trialling|trialing|piloting|testing))")
RELATIVE_TAKER = re.compile(
    r"(?:,\s+|\b(?:agent|assistant|chatbot|bot|tool|system|platform|software|Labs|AI)\s+)(?:which|that)\s+"
    r"(?:the\s+(?P<of>[A-Z][\w&'’-]*[ \t]+of[ \t]+[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*)?)(?=(?:'s|’s)?\s)|"
    r"the\s+(?P<noun>[A-Za-z]{2,})|(?P<name>(?!(?:The|It|They|We|He|She|I|You)\b)[A-Z][\w&'’-]*"
    r"(?:[ \t]+[A-Z][\w&'’-]*){0,2}))"
    # its people or the contractor working for it: "which Acme's platform team had been using",
    # "that the University of Acme's managed-services contractor had been using"
    r"(?:(?:'s|’s)\s+(?:[\w-]+\s+)?(?:team|staff|engineers|developers|department|operators|admins|"
    r"contractors?|IT\s+provider))?\s+"
    + _TAKE + r"\b")


#: Pattern deployer.app_with_bot: a named app, site or platform that has or offers the bot, in a
#: relative clause ("the Acme app, which has this AI agent called Foo", "Acme's website, which
#: offers a chatbot"): the one whose app it is runs the bot.
APP_WITH_BOT = re.compile(
    r"\b(?:the|my|our|their)[ \t]+(?P<org>[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,2})[ \t]+"
    r"(?:app|website|site|platform|portal|store)[ \t]*,?[ \t]+(?:which|that)[ \t]+(?:now[ \t]+)?"
    r"(?:has|had|offers|offered|includes|included|runs|ran|uses|used|comes[ \t]+with|came[ \t]+with)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,4}?(?:agent|assistant|chatbot|bot|copilot)s?\b")


def _app_with_bot(sentences: list[Sentence], excluded: set[str],
                  incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.app_with_bot (``APP_WITH_BOT``) in a sentence about the incident: the
    app's owner as ``(name, sentence, rule)``, else None."""
    for sentence in sentences:
        if sentence.index not in incident or sentence.key:
            continue
        for match in APP_WITH_BOT.finditer(sentence.text):
            name = _clean_name(match.group("org"))
            if name.lower() not in excluded | NOT_ORGS and canonical_org(name).lower() not in excluded:
                return canonical_org(name), sentence, "deployer.app_with_bot"
    return None


def _relative_taker(sentences: list[Sentence], excluded: set[str], incident: set[int],
                    agent: Optional[str]) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.relative_taker (``RELATIVE_TAKER``) in a sentence about the incident
    that names the agent: the clause's subject ran the bot. "the DAO" stands for the report's
    capitalised name ending in that noun ("Acme DAO"); a noun no name ends in is skipped.
    Returns ``(name, sentence, rule)`` or None."""
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
    for sentence in sentences:
        if sentence.index not in incident or sentence.key or not agent or agent not in sentence.text:
            continue
        for match in RELATIVE_TAKER.finditer(sentence.text):
            if match.group("name") or match.group("of"):
                name = _clean_name(match.group("name") or match.group("of"))
            else:
                noun = match.group("noun")
                longer = re.findall(rf"\b((?:[A-Z][\w&'’-]* ){{1,3}})((?i:{re.escape(noun)}))\b", text)
                longer = [(n + word).strip() for n, word in longer
                          if not any(w in _FUNCTION_WORDS for w in n.split())]
                if not longer:
                    continue
                name = Counter(longer).most_common(1)[0][0]
            if name.lower() in excluded | NOT_ORGS or NEVER_DEPLOYS.search(name) or is_regulator(name):
                continue
            return canonical_org(_one_longer(name, text)), sentence, "deployer.relative_taker"
    return None


def house_org(sentences: list[Sentence]) -> Optional[tuple[str, str]]:
    """The organisation whose own page a report is, as ``(name, kind)``, from its first lines:
    ``"page"`` for a status page or engineering blog title ("Acme Status"), ``"byline"`` for a
    post its employee signs ("Jo Doe, co-founder, Acme"), ``"domain"`` for a link-aggregator
    title in the first person naming the submitted site ("Our agent wiped a disk (acme.io)":
    the name as the report writes it, else the capitalised stem); None otherwise."""
    lines = list(dict.fromkeys(s.span.doc.text for s in sentences if s.line <= 4))
    pubs = publishers()
    for line in lines:
        for pattern, kind in ((HOUSE_PAGE, "page"), (BLOG_THEN_ORG, "page"), (BYLINE_ORG, "byline"),
                              (POSTED_BYLINE_ORG, "byline"),
                               (TEAM_BYLINE, "byline"), (BULLETIN_ID, "page")):
            match = pattern.match(line)
            if match and match.group("org").lower() not in pubs | NOT_ORGS and not DESK.search(match.group(0)):
                return canonical_org(_clean_name(match.group("org"))), kind
    for line in lines[:3]:
        repo = REPO_HEADER.match(line)
        if repo and repo.group("repo").lower() not in pubs | NOT_ORGS and not (
                {_squashed(repo.group("repo")), _squashed(repo.group("owner"))} & _known_squashed()):
            # an issue in a known product's own repository ("acme / acme-cli") is a user's report
            stem = repo.group("repo")
            text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
            for match in re.finditer(r"\b[A-Z][\w&-]*", text):
                if match.group(0).lower() == stem.lower():
                    return match.group(0), "domain"
            return stem.replace("-", " ").replace("_", " ").title(), "domain"
    # the submitted title is the first line, or follows the aggregator's own menu line
    for title in (line.strip() for line in lines[:3]):
        domain = TITLE_DOMAIN.search(title)
        if domain and FIRST_PERSON_TITLE.search(title[:domain.start()]) and domain.group("stem") not in pubs:
            stem = domain.group("stem").replace("-", "")
            text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
            for match in re.finditer(r"\b[A-Z][\w&]*(?:[ \t]+[A-Z][\w&]*){0,2}", text):
                if match.group(0).replace(" ", "").lower() == stem:
                    return match.group(0), "domain"
            return _stem_name(stem), "domain"
    return None


#: Pattern deployer.domain_words: a domain stem that ends in a business word is two words
#: ("acmehealth" -> "Acme Health", "acmelabs" -> "Acme Labs").
STEM_WORDS = re.compile(r"^(?P<head>[a-z0-9]{3,}?)(?P<tail>health|labs?|tech|systems|software|data|cloud|"
                        r"analytics|bank|pay|finance|logistics|studios?|media|games|foods?|energy|"
                        r"security|networks?|robotics|medical|care|insurance|capital|group|works)$")


def _stem_name(stem: str) -> str:
    """A company name from a lower-case domain stem (``deployer.domain_words``): the stem
    capitalised, split before a trailing business word."""
    split = STEM_WORDS.match(stem)
    if split:
        return f"{split.group('head').capitalize()} {split.group('tail').capitalize()}"
    return stem.capitalize()


def _first_person_deploys(sentence: Sentence) -> bool:
    """"We use an AI agent", "the agent we built in-house", "our AI on-call agent": the writer's
    own organisation runs the agent."""
    for token in sentence.span:
        if token.lower_ in ("we", "i") and token.dep_ in ("nsubj", "nsubjpass") and (
                token.head.lemma_ in DEPLOY_VERBS | {"build", "trial", "buy", "start", "connect", "release", "ship",
                                                     "withdraw", "hand", "give", "grant"}):
            # "hand"/"give"/"grant": the writer's organisation handing the agent a credential or
            # access ("we handed an agent a deploy token": deployer.hands_to_agent, first person)
            return True
        if token.lower_ in ("our", "my") and token.dep_ == "poss" and token.head.lower_ in BOT_WORDS | {"ai"}:
            return True
        if token.lower_ in ("our", "my") and token.dep_ == "poss" and token.head.dep_ in ("dobj", "nsubjpass") \
                and token.head.head.lemma_ in HARM_LEMMAS | {"exfiltrate", "publish", "post", "leak", "overwrite"}:
            # pattern deployer.our_harmed_thing: "the agent exfiltrated our .env", "wiped our
            # database": the writer's organisation owns what the agent harmed
            return True
        if token.lower_ == "our" and token.dep_ == "poss" and token.head.lower_ in PEOPLE | {"developers", "staff"}:
            # pattern deployer.our_staff_uses: "one of our engineers was using Foo", "our team asked Foo"
            node = token.head
            for _ in range(3):
                if node.head is node:
                    break
                node = node.head
                if node.pos_ in ("VERB", "AUX") and node.lemma_ in DEPLOY_VERBS | ASK_VERBS | {"let", "give"}:
                    return True
                if node.pos_ in ("VERB", "AUX"):
                    break
    return False


#: The writer's workplace in the first person: "I run engineering at Acme", "I'm the ops guy at
#: Acme", "I work for Acme", "I'm a developer at Acme" (not a customer, user or student there).
POSTER_EMPLOYER = re.compile(
    r"\bI(?:\s+(?:work|worked)\s+(?:at|for)"
    r"|\s+(?:run|ran|lead|led|head|manage|managed)\s+[\w -]{1,30}?\s+at"
    r"|(?:'m|’m|\s+am|\s+was)\s+(?:a|an|the|one of the)\s+"
    r"(?![\w-]*\s*(?:customer|user|member|student|patient|guest|subscriber|client)s?\b)[\w\"“”'’ -]{1,30}?\s+(?:at|for))"
    r"\s+" + _NAME)
#: The writer's own business named in apposition: "our app, Acme", "Our storefront, Acme, ...".
POSTER_OWN = re.compile(
    r"\b[Oo]ur\s+(?:[\w-]+\s+)?(?:app|storefront|store|shop|online\s+shop|company|start-?up|business|"
    r"product|site|website|firm|agency|platform|SaaS|studio|restaurant|clinic|practice),\s+" + _NAME)


def _poster_employer(sentences: list[Sentence], excluded: set[str]) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.poster_employer: the organisation a first-person writer works at or
    owns ("I run engineering at Acme", "I'm the ops guy at Acme, a small wholesaler", "our app,
    Acme") ran the agent the writer tells about; the first such name that is not a publisher,
    the vendor or the agent -- ``(name, sentence, rule)`` -- else None."""
    for sentence in sentences:
        if sentence.key or "I" not in sentence.text and "our" not in sentence.lower:
            continue
        for pattern in (POSTER_EMPLOYER, POSTER_OWN):
            for match in pattern.finditer(sentence.text):
                name = _clean_name(match.group(1))
                if len(name) > 2 and name.lower() not in excluded | NOT_ORGS:
                    return canonical_org(name), sentence, "deployer.poster_employer"
    return None


#: Pattern deployer.own_statement: a company's own statement or press release, known by its
#: sign-off ("Jo Doe" over "Chief Executive, Acme Home") or its boilerplate ("About Acme Home:
#: founded in 1998, ..."); the organisation named there speaks in the first person.
STATEMENT_SIGNOFF = re.compile(
    r"^[ \t*_]*(?:(?:Group |Deputy )?Chief Executive(?: Officer)?|CEO|President|Managing Director|Chair(?:man|woman)?|"
    r"(?:Co-?)?[Ff]ounder(?: and (?:CEO|Chief Executive))?|Chief [A-Z][a-z]+ Officer|C[TOF]O|General Manager)"
    r"[ \t]*,[ \t]+(?P<org>[A-Z][\w&'’.-]*(?:[ \t]+(?:of[ \t]+|&[ \t]+)?[A-Z][\w&'’.-]*){0,3})[ \t*_]*$|"
    r"^[ \t*_#]*About[ \t]+(?P<about>[A-Z][\w&'’.-]*(?:[ \t]+(?:of[ \t]+|&[ \t]+)?[A-Z][\w&'’.-]*){0,3})"
    r"[ \t*_]*(?::|[ \t]*$)", re.M)


#: Pattern deployer.own_notice: a company's own help-centre or support page, known by its
#: masthead ("Acme Home · Help Centre", "Acme Support Center | Notices"), and an app-store page
#: where the developer answers reviews ("Developer Response"), whose developer is the line
#: with a company suffix under the app's title ("Acme Labs Ltd."): the company speaks as "we".
HELP_MASTHEAD = re.compile(
    r"^[ \t]*(?P<help>[A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,3})[ \t]*(?:[·|•–—-][ \t]*)?"
    r"(?:Help[ \t]+(?:Centre|Center)|Support[ \t]+(?:Centre|Center)|Customer[ \t]+Support)\b", re.M)
APP_DEVELOPER = re.compile(
    r"^[ \t]*(?P<dev>[A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,3}?)[ \t]+(?:Ltd|Limited|Inc|LLC|GmbH|Pty Ltd|plc|"
    r"S\.?A|B\.?V)\.?[ \t]*$", re.M)


def statement_org(text: str) -> Optional[str]:
    """Pattern deployer.own_statement (``STATEMENT_SIGNOFF``): the organisation whose own
    statement ``text`` (the report's lines) is, as written; None when no sign-off or "About"
    boilerplate names one, or when it names a publisher. Also pattern deployer.own_notice:
    the company of a help-centre masthead (``HELP_MASTHEAD``, in the first five lines) or the
    developer of an app-store page with a "Developer Response" (``APP_DEVELOPER``, in the
    first ten lines)."""
    pubs = publishers()
    head = "\n".join(text.splitlines()[:5])
    found = [match.group("help") for match in HELP_MASTHEAD.finditer(head)]
    if re.search(r"^[ \t]*Developer Response\b", text, re.M):
        found += [match.group("dev") for match in APP_DEVELOPER.finditer("\n".join(text.splitlines()[:10]))]
    for raw in found:
        name = _clean_name(raw)
        if name.lower() not in pubs | NOT_ORGS and not (NEVER_DEPLOYS.search(name) or is_regulator(name)):
            return name
    for match in STATEMENT_SIGNOFF.finditer(text):
        name = _clean_name(match.group("org") or match.group("about"))
        if name.lower() not in pubs | NOT_ORGS and not (NEVER_DEPLOYS.search(name) or is_regulator(name)):
            return name
    return None


def _house_deploys(sentences: list[Sentence], incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """The organisation whose page this is (``house_org``) when the page says in the first
    person that it runs the agent ("We use an internal agent, ...": ``deployer.house``); also
    a company's own statement (``statement_org``) saying so ("our online assistant, Ivy":
    ``deployer.own_statement``)."""
    house = house_org(sentences)
    rule = "deployer.house"
    if house is None:
        own = statement_org("\n".join(dict.fromkeys(s.span.doc.text for s in sentences)))
        if own is None:
            return None
        house, rule = (canonical_org(own), "statement"), "deployer.own_statement"
    for sentence in sentences:
        if (sentence.index in incident or house[1] in ("domain", "page")) and \
                (not sentence.key or house[1] in ("page", "domain")) \
                and _first_person_deploys(sentence):
            return house[0], sentence, rule
    return None


#: An anaphor owning an in-house bot: "the firm's in-house AI", "the company's own AI platform".
IN_HOUSE_ANAPHOR = re.compile(r"\b(?:the[ \t]+)?(?P<noun>" + "|".join(ANAPHOR_NOUNS) + r")(?:'s|’s)[ \t]+(?:own[ \t]+)?$",
                              re.I)


def _introduced_as(noun: str, text: str) -> Optional[str]:
    """The first organisation the report introduces with ``noun`` ("the personal-injury firm Acme
    & Co", "Acme, one of the largest firms"), else None."""
    noun = re.escape(noun.lower())
    pattern = re.compile(r"\b[A-Za-z][\w-]*[ \t]+(?i:" + noun + r")[ \t]+" + _NAME + r"|" + _NAME +
                         r",[ \t]+(?:a|an|the|one of the)[ \t]+(?:[\w'’-]+[ \t]+){0,4}?(?i:" + noun + r")s?\b")
    for match in pattern.finditer(text):
        name = _clean_name(match.group(1) or match.group(2))
        if name.lower() not in NOT_ORGS:
            return name
    return None


def _in_house(sentences: list[Sentence], vendor: Optional[str], agent: Optional[str], makers: set[str],
              incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """The organisation that built the bot for itself ("the firm's in-house AI", "an internal AI
    operations agent"): it made and ran it. An anaphor owning the bot ("the firm's in-house AI")
    names the organisation the report introduces with that noun ("the personal-injury firm
    Acme & Co": ``deployer.in_house_owner``); else the vendor (``deployer.in_house``). Known AI
    makers are left out as the vendor: their internal tools are named by other rules."""
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
    vendor_ok = bool(vendor) and vendor != agent and vendor.lower() not in makers and \
        vendor.lower() not in publishers()  # a vendor that is only the product's own name is no organisation
    for sentence in sentences:
        match = IN_HOUSE.search(sentence.text) if sentence.index in incident else None
        if not match:
            continue
        anaphor = IN_HOUSE_ANAPHOR.search(sentence.text[:match.start()])
        owner = _introduced_as(anaphor.group("noun"), text) if anaphor else None
        if owner and owner.lower() not in publishers():
            return canonical_org(owner), sentence, "deployer.in_house_owner"
        if vendor_ok:
            return vendor, sentence, "deployer.in_house"
    return None


def _launcher(sentences: list[Sentence], agent: Optional[str], excluded: set[str],
              incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """``deployer_subjects.agent_subject`` with the name canonicalised."""
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
    found = agent_subject(sentences, agent, excluded, incident, frozenset(described_orgs(text)))
    return (canonical_org(found[0]), found[1], found[2]) if found else None


def _named_maker(vendor: Optional[str], text: str) -> bool:
    """True when the report names the vendor as the bot's maker ("a product of Acme", "sold by
    Acme"): then it is not also the one running it."""
    return bool(vendor) and re.search(MAKER_CUE + re.escape(vendor) + r"\b", text) is not None


#: A work product its writer made with AI: "Acme's arm will refund ... after a report it wrote
#: for the ministry ..." with "AI-assisted"/"used a generative AI" elsewhere in the report.
AUTHORED_WORK = re.compile(r"\b(?:a|the) (?:\w+ )?(?:report|review|brief|study|filing|submission|"
                           r"article|paper|assessment) (?:it|they) (?:had )?(?:wrote|written|prepared|"
                           r"produced|compiled|drafted|delivered|authored)\b")
AI_MADE = re.compile(r"\bAI-(?:assisted|generated|written|drafted)\b|\bused (?:a |an )?(?:generative )?AI\b",
                     re.I)
#: The writing organisation: a capitalised name with a possessive ("Acme's Australian arm").
POSSESSIVE_ORG = re.compile(r"\b(?P<org>[A-Z][\w&.-]*[a-z][\w&.-]*(?: [A-Z][\w&.-]+){0,2}?)(?:'s|’s|(?<=s)'|(?<=s)’)\s")


def _authored_work(sentences: list[Sentence], incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """The organisation that wrote the AI-made work product ("Acme's unit ... a report it
    wrote ...", the report saying elsewhere that it was AI-assisted): it used the AI
    (``deployer.authored_work``); None without such a sentence."""
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
    if not AI_MADE.search(text):
        return None
    pubs = publishers()
    for sentence in sentences:
        if sentence.index not in incident or sentence.key:
            continue
        work = AUTHORED_WORK.search(sentence.text)
        if not work:
            continue
        for match in POSSESSIVE_ORG.finditer(sentence.text[:work.start()]):
            name = match.group("org")
            if name.lower() not in pubs and name.lower() not in NOT_ORGS:
                return canonical_org(name), sentence, "deployer.authored_work"
    return None


#: "Acme's AI hiring bot", "Acme’s AI-powered ordering assistant": the word "AI" after the
#: possessive marks the bot as the organisation's own, whatever job words follow.
OWN_AI_BOT = re.compile(r"([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})(?:'s|’s)\s+(?:new\s+)?"
                        r"(?:AI|(?i:artificial[- ]intelligence))(?:[- ]powered)?\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:bot|chatbot|assistant|agent|platform)s?\b")


#: A sentence opening with an organisation that speaks about its own bot, for names the
#: NER misses: "Acme Money has apologised after its online chatbot ...".
SUBJECT_ITS_BOT = re.compile(r"^(?P<org>[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,3})[ \t]+(?:has[ \t]+|have[ \t]+|had[ \t]+)?"
                             r"(?:apologi[sz]ed|said|says|admitted|confirmed|acknowledged|conceded)\b[^.]{0,40}?"
                             r"\bits[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:chatbot|bot|assistant|agent)s?\b")


def _own_ai_bot(sentences: list[Sentence], excluded: set[str],
                incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """"Acme's AI hiring bot", "Acme has apologised after its chatbot ..." -> Acme, when Acme is
    no AI maker, publisher or news organisation (``deployer.own_ai_bot``,
    ``deployer.speaks_of_its_bot``); a brand ending in "'s" keeps it (``_apostrophe_name``)."""
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
    for sentence in sentences:
        if sentence.index not in incident or sentence.key:
            continue
        matches = list(OWN_AI_BOT.finditer(sentence.text))
        opening = SUBJECT_ITS_BOT.match(sentence.text)
        for name, rule in [(m.group(1), "deployer.own_ai_bot") for m in matches] + (
                [(opening.group("org"), "deployer.speaks_of_its_bot")] if opening else []):
            if name.lower() not in excluded and name.lower() not in NOT_ORGS and \
                    canonical_org(name).lower() not in excluded:
                return canonical_org(_apostrophe_name(name, text)), sentence, rule
    return None


def _named_bot_owner(sentences: list[Sentence], vendor: Optional[str], agent: Optional[str], excluded: set[str],
                     incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.owner_of_named_bot: a name in the possessive before the agent's own name
    and a bot noun ("Springfield's Asky chatbot", "Acme Bank's Penny assistant"): the owner
    runs the bot -- a city as well as a company (the NER's place is the city's government). Not
    the vendor (its product, sold to others), an excluded name or a news organisation. Returns
    ``(name, sentence, rule)`` or None."""
    if not agent:
        return None
    pattern = re.compile(r"(?<![\w'’])(?P<org>[A-Z][\w&.-]*(?:[ \t]+[A-Z][\w&.-]*){0,3})(?:'s|’s)[ \t]+" +
                         re.escape(agent) + r"[ \t]+(?:[\w-]+[ \t]+)?(?:chatbot|bot|assistant|agent|copilot)s?\b")
    for sentence in sentences:
        if sentence.index not in incident or sentence.key or agent not in sentence.text:
            continue
        match = pattern.search(sentence.text)
        if not match:
            continue
        name = re.sub(r"^(?:The|A|An|In|At|On|For|When|After|But|And)[ \t]+", "", match.group("org"))
        if name.lower() in excluded | NOT_ORGS or canonical_org(name).lower() in excluded or \
                (vendor and canonical_org(name) == vendor):
            continue
        return canonical_org(name), sentence, "deployer.owner_of_named_bot"
    return None


def _support_bot(sentences: list[Sentence], incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """Rule 6: "Acme's AI support agent" -> Acme (an agent alias -> its maker)."""
    pubs = publishers()
    for sentence in sentences:
        if sentence.index not in incident or sentence.key:
            continue
        match = SUPPORT_BOT.search(sentence.text)
        if match and match.group(1).lower() not in pubs and match.group(1).lower() not in NOT_ORGS:
            return canonical_org(match.group(1)), sentence, "deployer.support_bot"
    return None


#: "A Gannett spokesperson said the company had paused ...": the spokesperson's organisation
#: stopped its own use of the product.
SPOKESPERSON_STOPPED = re.compile(
    r"\b(?:An?[ \t]+)?(?P<org>[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){0,2})[ \t]+"
    r"(?i:spokes(?:person|woman|man)|representative|spokesperson)[ \t]+(?i:said|says|told|confirmed)[ \t]+"
    r"(?:(?:that|[\w ]{0,30}?that)[ \t]+)?(?i:the[ \t]+(?:company|firm|chain|group|business|bank|retailer|airline)|it)[ \t]+"
    r"(?i:had[ \t]+|has[ \t]+|would[ \t]+|was[ \t]+|is[ \t]+)?[\"“]?(?i:paused|pulled|suspended|stopped|halted|ended|"
    r"removed|discontinued|disabled|dropped|withdrawn|withdrew|shut|taken|pause|pull|suspend|stop|halt|end|"
    r"drop|remove|pausing|pulling|suspending|stopping|halting|ending|dropping)\b")


def _parent(name: str, text: str) -> str:
    """The company that publishes a title, when the report names it ("The Acme Group, which
    publishes Beta Weekly under licence"): a title does not run anything, its publisher does
    (``deployer.parent``); the publisher's name as the report writes it, else ``name``. A
    company that merely owns another ("Beta's parent company, Acme") is not taken: the owned
    company runs its own tools."""
    match = re.search(r"(?P<org>(?:The[ \t]+)?[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){0,3}),[ \t]+which[ \t]+"
                      r"(?:now[ \t]+)?publishes[ \t]+(?:the[ \t]+)?" + re.escape(name) + r"\b", text)
    if match and match.group("org").lower() not in NOT_ORGS:
        return _clean_name(match.group("org"))
    return name


def _vendor_property(name: str, vendor: str, text: str) -> bool:
    """True when the report writes ``name`` as the vendor's own site or service ("MSN,
    Acme's news portal", "Acme's MSN", "MSN, owned by Acme"), or as a unit of the vendor named
    after it ("Acme Offers, its home-buying business"): the vendor ran it
    (``deployer.vendor_property``)."""
    if name.startswith(vendor + " ") and re.search(
            rf"(?<!\w){re.escape(name)},[ \t]+its[ \t]+(?:[\w\"“”'‘’-]+[ \t]+){{0,3}}?(?:business|unit|division|arm|"
            rf"subsidiary|operation|venture)\b", text):
        return True  # pattern deployer.vendor_unit: "Acme Offers, its home-buying business"
    name, vendor = re.escape(name), re.escape(vendor)
    return re.search(rf"(?<!\w){name},[ \t]+(?:{vendor}(?:'s|’s)[ \t]|(?:which is[ \t]+)?(?:owned|run|operated)"
                     rf"[ \t]+by[ \t]+{vendor}\b)|(?<!\w){vendor}(?:'s|’s)[ \t]+{name}(?!\w)", text) is not None


#: Pattern deployer.confirmed_incident: an organisation, with an optional description between
#: commas, confirming the incident ("Acme Supplies, which employs 300 people, confirmed the
#: incident on Monday"): the harmed party speaks of its own incident.
CONFIRMED_INCIDENT = re.compile(_NAME + r"(?:,[ \t]+(?:which|a|an|the)\b[^,;.]{1,80},)?[ \t]+(?:has[ \t]+|have[ \t]+)?"
                                r"confirmed[ \t]+(?:the|an?)[ \t]+(?:[\w-]+[ \t]+)?(?:incident|breach|outage|"
                                r"error|errors|loss|losses|deletion|leak|payments?|mistake)\b")


def _confirmed_incident(sentences: list[Sentence], excluded: set[str], incident: set[int]
                        ) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.confirmed_incident: the first organisation of an incident sentence that
    confirms the incident (``CONFIRMED_INCIDENT``), not excluded (the maker, publishers), no
    person, regulator or union -- ``(name, sentence, rule)`` -- else None."""
    for sentence in sentences:
        if sentence.index not in incident:
            continue
        for match in CONFIRMED_INCIDENT.finditer(sentence.text):
            name = _clean_name(match.group(1))
            if name.lower() in excluded | NOT_ORGS or NEVER_DEPLOYS.search(name) or is_regulator(name):
                continue
            start = sentence.span.start_char + match.start(1)
            if any(e.label_ == "PERSON" and e.start_char <= start < e.end_char for e in sentence.span.ents):
                continue
            return canonical_org(name), sentence, "deployer.confirmed_incident"
    return None


def _spokesperson_stopped(sentences: list[Sentence], incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """"A Gannett spokesperson said the company had paused the experiment" -> Gannett: the
    organisation that stops using a product was running it (``deployer.spokesperson_stopped``)."""
    for sentence in sentences:
        if sentence.index not in incident or sentence.key:
            continue
        match = SPOKESPERSON_STOPPED.search(sentence.text)
        if match:
            name = _clean_name(match.group("org"))
            if name.lower() not in NOT_ORGS and not (NEVER_DEPLOYS.search(name) or is_regulator(name)):
                return canonical_org(name), sentence, "deployer.spokesperson_stopped"
    return None


#: Verbs of a vendor putting out or taking back its own public bot, demo or app.
OWN_SERVICE_VERBS = {"release", "launch", "pull", "suspend", "withdraw", "shut", "take", "unveil", "debut"}
#: Objects of those verbs that are a public service: "a public demo", "its chatbot", "the service".
OWN_SERVICE_NOUNS = {"demo", "demos", "app", "service", "chatbot", "bot", "assistant", "website", "site",
                     "version", "extension", "plugin", "plug-in", "release", "update"}
#: Pattern deployer.vendor_own_release: a version number as the object ("Acme pulled 1.84.0"):
#: a release of the vendor's own product, which it shipped to its users.
VERSION_NUMBER = re.compile(r"^v?\d+(?:\.\d+){1,3}$")
#: Rooms an organisation has: "let the agent run a shop in its office".
PREMISES = {"office", "offices", "headquarters", "premises", "campus", "building", "kitchen", "canteen"}


def _vendor_own_service(sentences: list[Sentence], vendor: Optional[str], agent: Optional[str],
                        incident: set[int], premises: bool = False) -> Optional[tuple[str, Sentence, str]]:
    """The vendor, when the report says it put out or took back its own public demo, app or
    chatbot ("Acme released a public demo of Foo", "Foo was launched ... by Acme", "Acme has
    pulled its chatbot", "Acme said it would suspend the service"): it ran the service itself
    (``deployer.vendor_own_service``); with ``premises``, only "in its office" clauses count."""
    if not vendor:
        return None
    names = {vendor.lower()} | ({agent.lower()} if agent else set())
    for sentence in sentences:
        if sentence.index not in incident or sentence.key or vendor not in sentence.text and \
                not any(e.ent_id_ == vendor for e in sentence.span.ents):
            continue
        for token in sentence.span:
            if token.pos_ != "VERB":
                continue
            subjects = [t for t in token.children if t.dep_ == "nsubj"]
            subjects += [g for t in token.children if t.dep_ == "agent" for g in t.children if g.dep_ == "pobj"]
            objects = [t for t in token.children if t.dep_ in ("dobj", "nsubjpass")]
            by_vendor = any(_is_vendor(t, vendor) or (t.lower_ == "it" and token.head.dep_ in ("ccomp", "ROOT")
                            and any(_is_vendor(s, vendor) for s in token.head.children if s.dep_ == "nsubj"))
                            for t in subjects)
            if not by_vendor:
                continue
            if not premises and token.lemma_ in OWN_SERVICE_VERBS and any(
                    o.lower_ in OWN_SERVICE_NOUNS or o.text.lower() in names or VERSION_NUMBER.match(o.text)
                    for o in objects):
                return vendor, sentence, "deployer.vendor_own_service"
            if premises and any(t.lower_ in PREMISES and any(c.lower_ == "its" for c in t.children)
                                for t in token.subtree):
                return vendor, sentence, "deployer.vendor_premises"
    return None


def _premises(sentences: list[Sentence], vendor: Optional[str],
              incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """The vendor, when it ran its agent in its own office ("Acme let Foo run a shop in its
    office"): its own premises and staff were what the agent served (``deployer.vendor_premises``)."""
    return _vendor_own_service(sentences, vendor, None, incident, premises=True)


def _is_vendor(token, vendor: str) -> bool:
    """True when the token is part of the vendor's name (an entity whose id or text is it)."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.ent_id_ == vendor or canonical_org(ent.text) == vendor
    return token.text == vendor


#: A police force's own system or its use of one, the force called "the department": "the
#: department's facial recognition system", "the software the department uses", "the department
#: has used the tool".
_SYSTEM_NOUNS = r"(?:system|software|tool|technology|program(?:me)?|database|algorithm|cameras?|app)"
_USES = r"(?:uses|used|has[ \t]+used|had[ \t]+used|runs|ran|deployed|has[ \t]+deployed|bought|licenses|leases)"
POLICE_ANAPHOR = re.compile(
    r"\bthe[ \t]+(?:police[ \t]+)?department(?:'s|’s)[ \t]+(?:[\w-]+[ \t]+){0,3}?" + _SYSTEM_NOUNS + r"\b|"
    r"\b" + _SYSTEM_NOUNS + r"[ \t]+(?:that[ \t]+|which[ \t]+)?the[ \t]+(?:police[ \t]+)?department[ \t]+" + _USES + r"\b|"
    r"\bthe[ \t]+(?:police[ \t]+)?department[ \t]+" + _USES + r"\b", re.I)
#: The words after a place naming its police force: "Detroit police", "Springfield Police Service".
POLICE_AFTER = re.compile(r"[ \t]+(?P<kind>Police[ \t]+Department|Police[ \t]+Service|Police[ \t]+Force|"
                          r"police[ \t]+department|[Pp]olice)\b")


def _police_force(sentences: list[Sentence], incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.police_department: a sentence about the incident speaks of the system a
    police force uses as "the department's" ("investigators ran the image through the
    department's facial recognition system", "the software the department uses"), and the report
    names the force by its place (a GPE entity before "police": "Detroit police officers arrested
    him") -> "Detroit Police Department" (as written when the report writes "Police Service" or
    "Police Force"). None otherwise."""
    where = next((s for s in sentences if s.index in incident and not s.key and POLICE_ANAPHOR.search(s.text)),
                 None)
    if where is None:
        return None
    for sentence in sentences:
        doc = sentence.span.doc
        for ent in sentence.span.ents:
            whole = re.search(r"\bPolice[ \t]+(?:Department|Service|Force)$", ent.text)
            if ent.label_ == "ORG" and whole:  # written in full: "the Springfield Police Service"
                return re.sub(r"^the\s+", "", ent.text, flags=re.I), where, "deployer.police_department"
            match = POLICE_AFTER.match(doc.text, ent.end_char) if ent.label_ == "GPE" else None
            if match:
                kind = match.group("kind")
                kind = "Police Department" if kind.lower() in ("police", "police department") else " ".join(kind.split())
                place = re.sub(r"^the\s+", "", ent.text, flags=re.I)
                return f"{place} {kind}", where, "deployer.police_department"
    return None


#: Court papers a lawyer files, the person standing for no named firm.
def _lawyer_filing(sentences: list[Sentence], incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.lawyer_filing: a person called a lawyer ("plaintiff's counsel Jo Doe",
    "attorney Jo Doe", "Jo Doe, a Texas lawyer,") who filed or submitted a court paper ("filed a
    response opposing the motion") in a report about an AI-made filing: an individual
    professional who used the chatbot for work is its deployer, when no firm is named (the firm
    rules run first). A judge or a regulator who sanctions the filing files nothing. Returns the
    person's name as written, or None."""
    for sentence in sentences:
        if sentence.index not in incident or sentence.key:
            continue
        for root in sentence.span:
            if root.dep_ != "nsubj" or root.pos_ != "PROPN" or root.head.lemma_ not in FILE_VERBS or \
                    root.ent_type_ in ("ORG", "NORP") or root.lemma_ in LAW_STAFF:
                continue
            if not any(c.dep_ == "dobj" and c.lower_ in COURT_PAPERS for c in root.head.children):
                continue
            if not any(c.dep_ in ("compound", "appos") and c.lemma_ in LAW_STAFF for c in root.children):
                continue
            # the name: the proper nouns directly before the subject ("counsel Jo Doe" -> "Jo Doe")
            words = [root]
            while words[0].i > sentence.span.start and root.doc[words[0].i - 1].pos_ == "PROPN" and \
                    root.doc[words[0].i - 1].dep_ == "compound" and root.doc[words[0].i - 1].lemma_ not in LAW_STAFF:
                words.insert(0, root.doc[words[0].i - 1])
            if len(words) >= 2:
                return " ".join(t.text for t in words), sentence, "deployer.lawyer_filing"
    return None


#: Pattern deployer.host_product: the agent is part of another company's product ("the Grok
#: chatbot built into her family's Tesla", "the update that added the assistant to Teslas").
HOST_PRODUCT = re.compile(
    r"\b(?:built|integrated|embedded|installed|baked)\s+(?:in|into)\s+"
    r"(?:(?:her|his|their|its|our|my|your|the|a|an|every)\s+)?(?:[\w-]+(?:'s|’s)\s+)?(?P<into>[A-Z][\w&-]+)"
    r"|\badded\s+(?:[\w'’-]+\s+){0,4}?to\s+(?:its\s+|the\s+|their\s+)?(?P<to>[A-Z][\w&-]+)")


def _host_product(sentences: list[Sentence], vendor: Optional[str], agent: Optional[str],
                  incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.host_product (``HOST_PRODUCT``): in a sentence about the incident that
    names the agent, the company whose product the agent was built into or added to runs it
    ("Tesla" from "built into her family's Tesla" or "added Grok to Teslas"). The host must be
    an organisation the report's entity recogniser names in another sentence, and neither the agent, its vendor
    nor a product of that vendor (in the gazetteer, or written after the vendor's name). Returns ``(organisation, sentence, rule)`` or None."""
    if not agent:
        return None
    for sentence in sentences:
        if sentence.index not in incident or agent not in sentence.text:
            continue
        for match in HOST_PRODUCT.finditer(sentence.text):
            host = match.group("into") or match.group("to")
            if match.group("to") and host.endswith("s") and not host.endswith("ss"):
                host = host[:-1]  # "to Teslas": the cars of Tesla
            if host in (agent, vendor) or (vendor and (vendor_of(host) == vendor or re.search(
                    re.escape(vendor) + r"(?:'s|’s)?\s+" + re.escape(host), sentence.span.doc.text))):
                continue  # the vendor's own product ("Microsoft's Edge", "Microsoft Edge")
            orgs = [ent.text for s in sentences if s is not sentence for ent in s.span.ents
                    if ent.label_ == "ORG"]
            if host in orgs:  # named as an organisation again elsewhere ("Tesla did not respond")
                return host, sentence, "deployer.host_product"
    return None


def _initial_common_nouns(sentences: list[Sentence]) -> set[str]:
    """Pattern who.initial_common_noun for the deployer: one-word names opening a sentence or a
    line ("Telco's AI cancelled plans") that the report writes in lower case elsewhere ("the
    telco says") are common nouns, never the deployer; lower-cased."""
    report = " ".join(s.text for s in sentences)
    words = {m.group(1) for s in sentences
             for m in [re.match(r"[\s#*_>\"'“‘(\[-]*([A-Z][a-z]+)(?:'s|’s)?\b", s.text)] if m}
    return {w.lower() for w in words if _initial_common_noun(w, sentences, report)}


def choose_deployer(sentences: list[Sentence], vendor: Optional[str], agent: Optional[str],
                    incident: set[int], self_hit: bool, owner: Optional[str] = None,
                    title: str = "") -> Optional[tuple[Optional[str], Sentence, str]]:
    """The deployer as ``(name or None, evidence sentence, rule)``, or None when no rule fires.

    ``name`` None means a rule found that a private individual ran the agent. ``incident``
    holds indexes of sentences about the primary incident; ``self_hit`` is True when an
    outage names the vendor's own service; ``owner`` is the organisation written before a
    bot noun ("Acme's chatbot"); ``title`` (lower case) is the report's first line.
    """
    sentences = [s for s in sentences if not SKIP_HEADING.search(s.heading)]
    if not sentences:
        return None
    found = _header(sentences, vendor, title)
    if found:
        return found
    makers = known_makers()
    # the vendor may be the deployer when it is not an AI maker (an airline's own chatbot)
    excluded = set(publishers()) | {x.lower() for x in (agent, vendor) if x and (
        x == agent or x.lower() in makers)} | {"ai"}
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
    excluded |= {_clean_name(m.group(1) or m.group(2)).lower() for m in DESCRIBED_NEWS.finditer(text)}
    excluded |= {_clean_name(m.group(1)).lower() for m in MASTHEAD_NEWS.finditer(text)}
    if vendor and _named_maker(vendor, text):
        excluded.add(vendor.lower())  # "a product of Acme": Acme made it, another ran it
    excluded |= _initial_common_nouns(sentences)
    found = _house_deploys(sentences, incident) or _poster_employer(sentences, excluded) or \
        _host_product(sentences, vendor, agent, incident) or \
        _in_house(sentences, vendor, agent, makers, incident) or \
        _premises(sentences, vendor, incident) or _owner_of_harm(sentences, excluded, incident, agent) or \
        _licensee(sentences, excluded, incident) or _relative_taker(sentences, excluded, incident, agent) or \
        _app_with_bot(sentences, excluded, incident) or \
        _launcher(sentences, agent, excluded, incident) or _support_bot(sentences, incident) or _authored_work(sentences, incident) or \
        _own_ai_bot(sentences, excluded, incident) or _named_bot_owner(sentences, vendor, agent, excluded, incident) or \
        _police_force(sentences, incident) or \
        _lawyer_filing(sentences, incident)
    if found:
        found = (_long_form(found[0], text), found[1], found[2]) if found[0] else found
        parent = _parent(found[0], text)
        if parent != found[0]:
            return parent, found[1], "deployer.parent"
        if vendor and _vendor_property(found[0], vendor, text):
            return vendor, found[1], "deployer.vendor_property"
        return found
    found = _spokesperson_stopped(sentences, incident) or _confirmed_incident(sentences, excluded, incident)
    if found:
        return found
    about = [s for s in sentences if s.index in incident] or sentences
    if self_hit and vendor:
        return vendor, about[0], "deployer.self_hit"
    if owner and vendor and vendor.startswith(owner + " "):
        owner = vendor  # "Beta's agent" for the vendor Beta Labs: the maker, shortened
    if owner and owner == vendor and vendor.lower() in excluded:
        owner = None  # "sold by Beta" ... "Beta's agent": the named maker did not run it
    if owner and owner.lower() in MESSAGING_APPS and not re.search(
            r"(?<!\w)" + re.escape(owner) + r"(?:'s|’s)\s", text):
        owner = None  # "a chatbot on Acme Chat", "Acme Chat logs": where the bot ran, not its owner
    if owner and (owner != vendor or vendor_of(agent) is None) and owner.lower() not in publishers() \
            and (owner == vendor or owner.lower() not in makers):  # "OtherMaker's agent": another incident
        where = next((s for s in about if owner in s.text), about[0])
        return canonical_org(owner), where, "deployer.bot_owner"
    for sentence in about[:12]:
        if INDIVIDUAL.search(sentence.text) and re.search(r"\b(?:developer|user|founder|programmer)\b",
                                                              sentence.lower):
            return None, sentence, "deployer.individual"
    if vendor and vendor_runs_it(agent) and vendor_of(agent) == vendor:
        where = next((s for s in about if agent in s.text), about[0])
        return vendor, where, "deployer.vendor_service"
    return _vendor_own_service(sentences, vendor, agent, incident)


#: A vendor's own systems an incident named in passing hit: "the Acme Cloud billing service",
#: "one of Acme's regions" (not "Acme servers": a customer may rent those).
SELF_HIT_NOUNS = {"service", "services", "region", "regions", "console", "status"}


def sentence_deployer(sentence: Sentence, agent: Optional[str],
                      vendor: Optional[str]) -> Optional[tuple[str, Sentence, str]]:
    """The deployer an incident named in passing gets from its own sentence ("X's agent deleted
    the production database of Acme founder Jo Doe" -> Acme): rules 4-5 on that sentence only;
    else the vendor when the sentence names a system of the vendor's own as harmed ("Acme's Foo
    agent ... disrupting the Acme Cloud billing service": ``deployer.self_hit_sentence``); None
    when they find no organisation."""
    makers = known_makers()
    excluded = publishers() | {x.lower() for x in (agent, vendor) if x and (
        x == agent or x.lower() in makers)} | {"ai"}
    found = _owner_of_harm([sentence], excluded, {sentence.index})
    if found or not vendor:
        return found
    doc = sentence.span.doc
    for ent in sentence.span.ents:
        if ent.label_ != "VENDOR" or ent.ent_id_ != vendor:
            continue
        after = [t for t in doc[ent.end:min(ent.end + 4, len(doc))] if t.text not in ("'s", "’s", "'", "’")]
        if agent and any(e.label_ == "AGENT" and e.start in {t.i for t in after[:1]} for e in doc.ents):
            continue  # "Acme's Foo assistant": the agent itself, not a system it hit
        if any(t.lower_ in SELF_HIT_NOUNS and t.pos_ == "NOUN" for t in after):
            return vendor, sentence, "deployer.self_hit_sentence"
    return None
