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
   database``, ``Acme founder``, ``engineers at Acme``, ``the database of Acme``;
5. *deployment verb*: an organisation as subject of deploy/use/roll out/run/test/pilot/adopt
   (``Acme deployed an AI chatbot``);
6. *self-hit*: the damage hit the vendor's own service (``an AWS outage``) -> the vendor;
7. *bot owner*: ``Acme's chatbot`` when the bot is not a listed vendor product -> Acme;
8. a *private individual* named as the one running it (``a solo developer``, ``a hobbyist``)
   -> no deployer.

News publishers are never the deployer, except under a ``Publication:`` header when the
publisher is also named in the report's first line (a report about the publisher itself).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from spacy.tokens import Span

from .entities import CORPORATE_SUFFIX, NOT_ORGS, SKIP_HEADING, org_name, publishers
from .gazetteer import load_gazetteer, vendor_of
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
         "bucket", "buckets", "storage", "cluster", "files", "drive", "network", "service"}
DEPLOY_VERBS = {"deploy", "use", "roll", "run", "test", "pilot", "adopt", "launch", "install",
                "introduce", "implement", "integrate", "employ"}
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


def _owner_of_harm(sentences: list[Sentence], excluded: set[str],
                   incident: set[int]) -> Optional[tuple[str, Sentence, str]]:
    """Rules 4-5: organisations owning the harmed object or deploying the agent, counted."""
    counts: Counter = Counter()
    where: dict[str, tuple[Sentence, str]] = {}
    for sentence in sentences:
        if sentence.index not in incident or sentence.key:
            continue
        doc = sentence.span.doc
        for ent in sentence.span.ents:
            if ent.label_ not in ("ORG", "VENDOR"):
                continue
            name = ent.ent_id_ if ent.label_ == "VENDOR" else org_name(ent)
            if not name or name.lower() in excluded:
                continue
            after = [t for t in doc[ent.end:min(ent.end + 4, len(doc))] if t.text not in ("'s", "’s", "'", "’")]
            possessive = ent.root.dep_ == "poss" or ent.text.endswith(("'s", "’s", "'", "’")) or (
                ent.end < len(doc) and doc[ent.end].text in ("'s", "’s", "'", "’"))
            nouns = [t.lower_ for t in after if t.pos_ in ("NOUN", "PROPN", "ADJ")][:3]
            owns = any(n in OWNED for n in nouns) and (possessive or (after and after[0].lower_ in OWNED))
            prep = ent.root.head if ent.root.dep_ == "pobj" else None
            of_owner = prep is not None and (
                (prep.lower_ == "of" and prep.head.lower_ in OWNED) or
                (prep.lower_ == "at" and prep.head.lower_ in OWNED | {"working", "work", "worked"}))
            deploys = ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in DEPLOY_VERBS
            if owns or of_owner or deploys:
                rule = "deployer.deploys" if deploys and not (owns or of_owner) else "deployer.owner_of_harm"
                counts[name] += 1
                where.setdefault(name, (sentence, rule))
    if not counts:
        return None
    name, _ = counts.most_common(1)[0]
    return canonical_org(name), where[name][0], where[name][1]


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
    excluded = publishers() | {x.lower() for x in (agent, vendor) if x} | {"ai"}
    found = _owner_of_harm(sentences, excluded, incident)
    if found:
        return found
    about = [s for s in sentences if s.index in incident] or sentences
    if self_hit and vendor:
        return vendor, about[0], "deployer.self_hit"
    if owner and (owner != vendor or vendor_of(agent) is None) and owner.lower() not in publishers():
        where = next((s for s in about if owner in s.span.text), about[0])
        return canonical_org(owner), where, "deployer.bot_owner"
    for sentence in about[:12]:
        if INDIVIDUAL.search(sentence.span.text) and re.search(r"\b(?:developer|user|founder|programmer)\b",
                                                              sentence.lower):
            return None, sentence, "deployer.individual"
    return None
