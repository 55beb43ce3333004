"""Deployer patterns read from who does what in a clause, for organisations the NER misses or
that the report reaches through their people (used by ``kb.nlp.deployer.choose_deployer``):

- *launches agent*: a subject that deploys, launches or rolls out the agent by name ("Acme
  launched the Foo bot": ``deployer.launches_agent``);
- *builds on agent*: a subject that built a product on the agent, a model ("Acme has built a
  Whisper-based tool": ``deployer.builds_on_agent``);
- *law firm filing*: an organisation that files or submits a court paper ("Acme LLP filed a
  declaration", "the motion was filed by Acme LLP": ``deployer.law_firm_filing``): in a report
  about an AI-made filing, the firm whose lawyers drafted it;
- *hands to agent*: a subject that handed work or access to the agent ("Acme moved its IT
  support to Foo", "Acme handed Foo the keys": ``deployer.hands_to_agent``);
- *internal name*: a subject that speaks of the agent by an internal name ("Acme Mutual, which
  insures homes, said the system, known internally as Foo, ...": ``deployer.internal_name``);
- *staff asks*: a bare staff noun instructing the agent ("an engineer asked Foo to publish the
  SDK": ``deployer.staff_asks``; ``kb.nlp.deployer`` then names the organisation the story is
  about).
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span

from .entities import NOT_ORGS
from .segment import Sentence

#: Verbs of taking an agent into use: "Acme deployed an AI chatbot".
DEPLOY_VERBS = {"deploy", "use", "roll", "run", "test", "pilot", "adopt", "launch", "install",
                "introduce", "implement", "integrate", "employ"}


#: People of an organisation who may instruct its agent: "an engineer asked Foo to ...".
STAFF = {"engineer", "developer", "employee", "staffer", "lawyer", "attorney", "associate", "programmer",
         "analyst", "administrator", "admin", "operator", "team", "paralegal", "clerk"}
#: Verbs of instructing an agent.
ASK_VERBS = {"ask", "tell", "instruct", "prompt", "use", "direct", "task", "command"}


def staff_asks(span: Span, agent: Optional[str]) -> bool:
    """"An engineer asked Foo to publish the SDK", "a lawyer used Foo": a staff noun with an
    article (not a possessive: "Acme's engineer" is read as an owner) as the subject of an
    instructing verb whose object is the agent ``agent``."""
    if not agent:
        return False
    for token in span:
        if token.dep_ != "nsubj" or token.lemma_ not in STAFF or \
                not any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "the") for c in token.children):
            continue
        verb = token.head
        if verb.lemma_ in ASK_VERBS and any(
                c.dep_ in ("dobj", "dative") and agent.lower() in span.doc[c.left_edge.i:c.right_edge.i + 1].text.lower()
                for c in verb.children):
            return True
    return False


#: Verbs of handing work or access to an agent: "Acme moved its IT support to Foo", "Acme handed
#: Foo the keys", "Acme switched to Foo", "Acme entrusted Foo with refunds".
HAND_VERBS = {"hand", "move", "switch", "outsource", "entrust", "give", "assign", "delegate", "migrate",
              "turn", "connect", "grant"}


def hands_to_agent(verb, agent: Optional[str]) -> bool:
    """Pattern deployer.hands_to_agent: ``verb`` (a token) is one of ``HAND_VERBS`` and the agent
    ``agent`` is its object, its indirect object or the object of its "to"/"over to" ("moved
    first-line support to Foo", "handed Foo the keys", "gave Foo access"): the verb's subject put
    the agent to work. False without an agent."""
    if not agent or verb.lemma_ not in HAND_VERBS:
        return False
    name = agent.lower()
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and name in verb.doc[child.left_edge.i:child.i + 1].text.lower():
            return True  # "handed Beta's Foo the keys": the object with its modifiers
        if child.dep_ == "prep" and child.lower_ in ("to", "with") and any(
                name in t.text.lower() for t in child.children if t.dep_ == "pobj"):
            return True
    return False


#: Verbs of making a product: "Acme has built a Foo-based tool".
BUILD_VERBS = {"build", "develop", "make", "create", "design", "release", "launch", "offer", "sell"}
#: A law firm's people: "an associate at Acme LLP" names the firm that employs them.
LAW_STAFF = {"associate", "lawyer", "attorney", "counsel", "paralegal", "solicitor", "barrister", "partner"}
#: Verbs of putting a paper before a court.
FILE_VERBS = {"file", "submit", "lodge"}
#: Court papers a party's lawyers write (not "lawsuit" or "complaint": a suit against an AI
#: maker is no use of its AI).
COURT_PAPERS = {"brief", "briefs", "motion", "motions", "declaration", "declarations", "filing", "filings",
                "petition", "pleading", "pleadings", "submission", "affidavit", "memorandum",
                # a party's answer to the other side's motion: "filed a response opposing the motion"
                "response", "responses", "reply", "opposition"}


def files_court_paper(piece: Span) -> bool:
    """"Acme LLP filed a declaration", "Jo Doe of Acme LLP submitted the brief", "the motion was
    filed by Acme LLP": the name (or the person it is attached to by of/at/from) is the subject
    of file/submit/lodge with a court paper as its object, or the name is the by-agent of its
    passive (``deployer.law_firm_filing``)."""
    root = piece.root
    if root.dep_ == "pobj" and root.head.lower_ in ("of", "at", "from") and root.head.head.dep_ == "nsubj":
        root = root.head.head  # "Jo Doe of Acme LLP submitted the brief": the filer's firm
    if root.dep_ == "nsubj" and root.head.lemma_ in FILE_VERBS:
        return any(c.dep_ == "dobj" and c.lower_ in COURT_PAPERS for c in root.head.children)
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
        verb = root.head.head
        return verb.lemma_ in FILE_VERBS and any(c.dep_ == "nsubjpass" and c.lower_ in COURT_PAPERS
                                                 for c in verb.children)
    return False


#: Verbs an internal name hangs on: "the system, known internally as Foo", "internally called Foo".
INTERNAL_NAMING = {"know", "call", "name", "dub", "refer", "nickname"}


def org_like(token) -> bool:
    """Whether a subject token may name an organisation the NER missed: a proper noun or a word
    with a capital inside ("Fresh'nFair"), not a place or nationality, and not a person unless
    ``which`` refers back to it ("Acme Mutual, which insures homes": the NER's "person" is a
    thing)."""
    if not (token.pos_ == "PROPN" or re.search(r"\w[A-Z]", token.text)) or token.ent_type_ in ("GPE", "NORP"):
        return False
    return token.ent_type_ != "PERSON" or any(
        c.dep_ == "relcl" and any(g.lower_ == "which" for g in c.children) for c in token.children)


def agent_subject(sentences: list[Sentence], agent: Optional[str], excluded: set[str],
                  incident: set[int], described: frozenset = frozenset()) -> Optional[tuple[str, Sentence, str]]:
    """A proper-noun subject the NER may not call an organisation, when its clause shows it
    runs the agent: it deploys, launches or rolls out the agent by name ("Acme launched the Foo
    bot": ``deployer.launches_agent``), builds a product on it ("Acme has built a Foo-based tool",
    "a tool built on Foo": ``deployer.builds_on_agent``: the model's maker did not run the
    product, its maker did), or it speaks of the agent by an internal name ("Acme,
    which insures homes, said the system, known internally as Foo, ...":
    ``deployer.internal_name``). The subject (its compound words: "Acme Mutual") must look like
    an organisation (``org_like``, or be in ``described``: names the report introduces with a
    business noun, whatever the NER calls them) and not be the agent or an excluded name; one that launches or builds must occur twice in the
    report (a name the parser took for a subject by mistake seldom recurs). The name is returned
    as written (the caller canonicalises it); None otherwise."""
    text = "\n".join(dict.fromkeys(s.span.doc.text for s in sentences))
    for sentence in sentences:
        if sentence.index not in incident or sentence.key:
            continue
        for token in sentence.span:
            if token.dep_ != "nsubj":
                continue
            words = [t for t in token.subtree if t.i <= token.i and (t.dep_ == "compound" or t is token)]
            name = re.sub(r"(?:'s|’s|'|’)$", "", token.doc[words[0].i:token.i + 1].text).rstrip(".")
            if not (org_like(token) or name in described):
                continue
            if name.lower() in excluded or name.lower() in NOT_ORGS or (agent and agent.lower() in name.lower()):
                continue
            verb = token.head
            rule = None
            twice = len(re.findall(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)) >= 2
            objects = [token.doc[c.left_edge.i:c.right_edge.i + 1].text.lower() for c in verb.children
                       if c.dep_ == "dobj"]
            if twice and agent and verb.lemma_ in DEPLOY_VERBS and any(agent.lower() in o for o in objects):
                rule = "deployer.launches_agent"
            elif twice and agent and verb.lemma_ in BUILD_VERBS and any(
                    re.search(re.escape(agent.lower()) + r"[ \t]*-[ \t]*(?:based|powered)\b|\b(?:based|built|running)[ \t]+on[ \t]+"
                              r"(?:[\w'’-]+[ \t]+){0,2}?" + re.escape(agent.lower()), o) for o in objects):
                rule = "deployer.builds_on_agent"
            elif twice and hands_to_agent(verb, agent):
                rule = "deployer.hands_to_agent"
            elif any(t.lower_ == "internally" and t.head.lemma_ in INTERNAL_NAMING for t in verb.subtree):
                rule = "deployer.internal_name"
            if rule:
                return name, sentence, rule
    return None
