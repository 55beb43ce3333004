"""What the agent did: the action type, the harm clause, its action phrase and target.

Action type -- each sentence is scored for each type by cue patterns (``score_sentence``):

- a *destructive verb* (delete, wipe, erase, drop, destroy, ...) whose object or sentence names
  infrastructure (environment, server, cluster, ``terraform destroy``) -> destroy_infrastructure,
  or data (database, drive, inbox, files, records) -> delete_data;
- regular expressions of ``patterns/action_cues.jsonl`` for the other types: hijack words
  -> compromised_agent, leak words -> data_exposure, money words -> financial_loss, invention
  words -> fabrication, change-without-consent words -> unauthorized_change, misconduct -> other.

The report's type is the best total over the incident's sentences (ties broken by
``SEVERITY``), with votes of the agent's own harm clauses added (``clause_votes``).

Action and target -- the *harm clause* (see the section comment below ``harm_verbs``): a verb
of ``patterns/action_verbs.jsonl`` whose subject is the agent, with its object; the best one
over the incident's sentences (``best_clause``) gives the action phrase and the target,
rendered by ``phrase.action_text`` and ``target.target_of``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span, Token
from spacy.util import registry

from .gazetteer import PATTERN_DIR, is_model, vendor_of
from .phrase import (DECIDE_HEADS, NOT_DEEDS, PHRASE_WORDS, action_phrase, action_text,  # noqa: F401
                     lemma_of, nominal_action, target_phrase)
from .target import (EMPTY_HEADS, OBJECT_CLASSES, addressee, direct_object, full_target,  # noqa: F401
                     locative_object, noun_phrase, object_kind, target_noun, target_of, typed_entry)

SEVERITY = ("compromised_agent", "destroy_infrastructure", "delete_data", "data_exposure",
            "financial_loss", "unauthorized_change", "fabrication", "other")

DESTRUCTIVE_VERBS = {"delete", "wipe", "erase", "drop", "destroy", "purge", "nuke", "truncate",
                     "overwrite", "remove", "obliterate", "rm", "recreate", "terminate", "tear",
                     "deletion", "destruction", "wipeout"}
INFRA_NOUNS = {"environment", "infrastructure", "server", "servers", "instance", "instances",
               "cluster", "vpc", "stack", "deployment", "container", "node", "ec2", "bucket",
               "buckets", "resources", "terraform"}
DATA_NOUNS = {"database", "databases", "data", "file", "files", "drive", "partition", "disk",
              "email", "emails", "inbox", "message", "messages", "repository", "repo", "record",
              "records", "row", "rows", "table", "tables", "backup", "backups", "folder",
              "directory", "codebase", "volume", "snapshot", "snapshots", "work", "mail",
              "documents", "photos"}
#: Data held by a broker or search engine inside a cluster, or a store's objects in a bucket (pattern
#: action.hosted_data): deleting it loses data even though
#: the sentence names the cluster or bucket it lived in.
HOSTED_DATA_NOUNS = {"topic", "topics", "queue", "queues", "index", "indexes", "indices", "objects",
                     "event", "events", "stream", "streams"}
DATA_NOUNS = DATA_NOUNS | HOSTED_DATA_NOUNS
#: Sums owed (pattern action.debt_wiped): a debt or fine wiped or erased is relief granted,
#: not data lost ("debts wiped or refunded").
OWED_NOUNS = {"debt", "debts", "fine", "fines", "penalty", "penalties", "arrears", "fees",
              "balance", "balances", "loan", "loans", "overpayment", "overpayments"}


@registry.misc("kb.action_cues.v1")
def action_cues() -> dict[str, list[str]]:
    """Regular expressions (over the lower-cased sentence) that signal each action type, read
    from ``patterns/action_cues.jsonl`` (``{"type": ..., "pattern": ...}`` a line).

    The destructive-verb types (delete_data, destroy_infrastructure) are found from lemmas
    and nouns instead, see :func:`score_sentence`.
    """
    cues: dict[str, list[str]] = {}
    with open(PATTERN_DIR / "action_cues.jsonl", encoding="utf-8") as handle:
        for row in map(json.loads, filter(str.strip, handle)):
            cues.setdefault(row["type"], []).append(row["pattern"])
    return cues


_COMPILED = {kind: [re.compile(p) for p in pats] for kind, pats in action_cues().items()}


#: Verbs above a destructive verb that leave it undone: "need to remove", "want to delete".
UNDONE_HEADS = {"need", "want", "plan", "hope", "intend"}


def _unasserted(token: Token) -> bool:
    """Pattern action.unasserted_deletion: a destructive verb that is negated ("the cache
    wasn't purged"), under a modal ("won't pull", "could delete") or an intention or necessity
    ("they need to remove them") tells of no deletion that happened."""
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in token.children):
        return True
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in UNDONE_HEADS


def _destructive(span: Span) -> list[tuple[str, Token]]:
    """(type, verb) for destructive verbs; the type follows the nouns of the verb's clause.
    Negated, modal or intended verbs do not count (:func:`_unasserted`)."""
    hits = []
    lower = span.text.lower()
    for token in span:
        lemma = lemma_of(token)
        if lemma not in DESTRUCTIVE_VERBS and token.lower_ not in DESTRUCTIVE_VERBS:
            continue
        if token.pos_ not in ("VERB", "NOUN", "PROPN") and lemma != "rm":
            continue
        if token.pos_ == "VERB" and _unasserted(token):
            continue
        words = {t.lower_ for t in token.subtree} | {t.lower_ for t in token.head.subtree}
        if words & OWED_NOUNS and not words & (DATA_NOUNS | INFRA_NOUNS):
            continue  # action.debt_wiped: a debt written off is no deletion
        obj = direct_object(token) if token.pos_ == "VERB" else None
        if obj is not None and lemma not in {"recreate", "tear"} and obj.lower_ in HOSTED_DATA_NOUNS:
            # hosted data decides over where it was ("deleted 14 topics in the production
            # cluster": data, not infrastructure)
            hits.append(("delete_data", token))
        elif lemma in {"recreate", "tear"} or words & INFRA_NOUNS or "terraform destroy" in lower:
            hits.append(("destroy_infrastructure", token))
        elif words & DATA_NOUNS or lemma in {"wipe", "erase", "purge"}:
            hits.append(("delete_data", token))
    return hits


def score_sentence(span: Span) -> dict[str, tuple[float, Optional[Token]]]:
    """Action-type scores of one sentence: ``{type: (score, cue verb or None)}``.

    A destructive verb counts 2, a regex cue 1 (its verb is the sentence root's nearest verb).
    """
    scores: dict[str, tuple[float, Optional[Token]]] = {}
    for kind, verb in _destructive(span):
        old = scores.get(kind, (0.0, None))
        scores[kind] = (old[0] + 2.0, old[1] or verb)
    lower = span.text.lower()
    for kind, patterns in _COMPILED.items():
        count = sum(1 for p in patterns if p.search(lower))
        if count:
            old = scores.get(kind, (0.0, None))
            scores[kind] = (old[0] + min(count, 2), old[1] or _cue_verb(span, patterns))
    if SECRET_PUBLISHED.search(lower):
        # pattern action.secret_published: the push or commit that carried a secret out is the
        # exposure, so the sentence's change cues count for data_exposure
        moved = scores.pop("unauthorized_change", (0.0, None))
        old = scores.get("data_exposure", (0.0, None))
        scores["data_exposure"] = (min(old[0] + 1 + moved[0], 3.0), old[1] or moved[1]
                                   or _cue_verb(span, [SECRET_PUBLISHED]))
    return scores


#: Pattern action.secret_published, as a sentence cue: a commit, push or upload that carried a
#: secret ("committed my .env to a public repo", "an AWS access key was committed").
SECRET_PUBLISHED = re.compile(
    r"\b(?:committ(?:ed|ing|s)|push(?:ed|ing|es)|upload(?:ed|ing|s)|check(?:ed|ing) in)\b[^.;]{0,60}?"
    r"(?:\.env\b|\b(?:secret|api|access|private|ssh|aws|stripe) (?:access )?keys?\b|\bcredentials(?:\.json)?\b|"
    r"\bpasswords?\b|\bsecrets\b)"
    r"|(?:\.env\b|\b(?:secret|api|access|private|ssh) keys?\b|\bcredentials\b|\bsecrets\b)[^.;]{0,40}?"
    r"\b(?:was|were|got|had been) (?:committed|pushed|uploaded|published)\b")


def _cue_verb(span: Span, patterns: list[re.Pattern]) -> Optional[Token]:
    """The verb nearest to the first cue match (used as the head of the action phrase)."""
    lower = span.text.lower()
    base = span.start_char
    for pattern in patterns:
        match = pattern.search(lower)
        if not match:
            continue
        for token in span:
            if token.idx - base >= match.start():
                node = token
                while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
                    node = node.head
                return node if node.pos_ in ("VERB", "AUX") else token
    return None


#: A hijacked agent's harm (a leak, a wipe) follows from the hijack: ``compromised_agent`` wins
#: when its score is at least this share of the best type's.
HIJACK_SHARE = 0.5


#: Pattern action.most_harmful: the annotation records the most harmful action, and a
#: deletion outranks what the agent also did (fabricated reports, a change, a cost): a
#: destructive type wins with at least this share of the best type's score.
LOSS_SHARE = 0.5
DESTRUCTIVE_TYPES = ("destroy_infrastructure", "delete_data")


def best_type(totals: dict[str, float], votes: Optional[dict[str, float]] = None) -> Optional[str]:
    """The type with the highest total score; ties broken by SEVERITY. None when all are 0.

    ``compromised_agent`` wins with at least ``HIJACK_SHARE`` of the best score: a trojanised
    tool that leaks mail, or an injected prompt that wipes files, is a hijack first; then a
    destructive type whose agent-clause ``votes`` (:func:`clause_votes`) reach ``LOSS_SHARE``
    of it (pattern action.most_harmful): the agent itself deleted something.
    """
    best = None
    for kind in SEVERITY:
        if totals.get(kind, 0) > 0 and (best is None or totals[kind] > totals[best]):
            best = kind
    if best and totals.get("compromised_agent", 0) >= HIJACK_SHARE * totals[best]:
        return "compromised_agent"
    for kind in DESTRUCTIVE_TYPES:
        if best and SEVERITY.index(kind) < SEVERITY.index(best) \
                and (votes or {}).get(kind, 0) >= LOSS_SHARE * totals[best]:
            return kind
    return best


# --- the harm clause: who did what to what --------------------------------------------------
#
# Patterns (dependency relations of spaCy's English parser):
#
# - action.verb_object: a lexicon harm verb (``patterns/action_verbs.jsonl``) whose subject is
#   the agent -- the incident's agent or vendor, an AI noun ("the agent", "the chatbot") or
#   "it"; the subject is found through conj/xcomp/advcl/pcomp links ("decided to delete",
#   "by deleting") and a relative pronoun resolves to its noun ("Kiro, which deleted ...");
# - action.instrument_clause: the harm verb is a relative clause on the object of the agent's
#   verb ("the agent executed a command that wiped the drive"): the phrase starts there;
# - action.passive_object: a passive harm verb ("the database was deleted", "drive wiped"):
#   the subject is the target, the phrase is made active ("deleted the database");
# - action.agent_hijacked: a hijack verb with the agent as what was acted on ("the agent was
#   prompt-injected", "the prompt tricked Claude into ...");
# - action.agent_manipulated: a harm verb under object control of a manipulation verb
#   ("convinced the chatbot to agree to sell ...") -> compromised_agent;
# - action.injected_instruction: a harm verb under an instruction verb whose object is the agent,
#   in a sentence marking the instruction as planted ("an injected prompt told the agent to
#   wipe ...") -> compromised_agent, phrase from the instruction verb;
# - action.quoted_verb: a scare-quoted harm verb after "to" that the parser hung on the next
#   noun ('decided to "delete and recreate" the environment');
# - action.speech_act_output: a verb of saying or producing (lexicon type ``output``) by the
#   agent, its complement the harmful content ("told the student to die", "suggested eating a
#   rock a day"); action.participle_object: a participle with a ``by`` phrase on what it made
#   ("fake citations generated by the chatbot") is a passive of that noun;
# - action.listed_verbs: a verb the parser left without a subject after a list's first verb
#   ("told customers X, fabricated Y") shares that verb's subject;
# - passives also cover a participle hung on "be" ("was blind-copied to ...") and score low when
#   their subject is a pronoun ("They were fabricated"); a named bot ('the bot "Sam"') is the
#   agent; the phrase keeps a fronted "instead of ..." (``phrase.contrast_clause``).
#
# Hedges lower a clause: a modal ("could delete"), negation, a condition ("if it deletes"), a
# request or permission above it ("asked it to delete"), a contrast ("instead of clearing"),
# also above the subject's own clause ("instead of allowing agents to commit"), and a
# capability infinitive ("the ability to send email").


def _word_lists() -> dict[str, frozenset]:
    """The word lists of ``patterns/action_words.json``: ``agent_nouns`` (subject heads that
    name the acting AI besides gazetteer spans), ``human_nouns`` (subjects that name people),
    ``hedges`` (modals: "could delete"), ``request_heads`` (verbs of asking or permitting:
    "asked it to delete"), ``manipulate_heads`` (verbs whose object is made to act: "convinced
    the bot to"), ``contrast`` (prepositions of contrast: "instead of clearing")."""
    with open(PATTERN_DIR / "action_words.json", encoding="utf-8") as handle:
        return {name: frozenset(words) for name, words in json.load(handle).items()}


_WORDS = _word_lists()
AGENT_NOUNS, HUMAN_NOUNS, HEDGES = _WORDS["agent_nouns"], _WORDS["human_nouns"], _WORDS["hedges"]
REQUEST_HEADS, MANIPULATE_HEADS = _WORDS["request_heads"], _WORDS["manipulate_heads"]
CONTRAST = _WORDS["contrast"]
#: Headings of sections about other incidents, advice or analysis (x0.4), and of the
#: incident's own narrative (x1.3).
BACKGROUND_HEADING = re.compile(r"related|similar|other incidents|background|context|lessons|"
                                r"prevent|mitigat|recommend|how to|best practice|takeaway|see also|"
                                r"comparison|analysis|pattern|what could|broader|industry|why |"
                                r"reference|sources?\b|^for |design|root cause|implication|response|"
                                r"aftermath|reaction|legal|failures?$|what would", re.I)
#: Pattern action.earlier_case: a sentence that sets the incident beside an earlier one -- an
#: incident noun that "comes/follows ... after" something ("The case comes weeks after a
#: tribunal ordered ..."), or "in a separate/similar case": its harm clauses are the other
#: event's (x0.4, like a background heading).
EARLIER_CASE = re.compile(r"\b(?:case|incident|outage|episode|failure|blunder|mishap|news|this)\s+"
                          r"(?:comes|came|follows|followed)\b|\bin an? (?:separate|similar|earlier|"
                          r"previous|unrelated) (?:incident|case|episode)\b")
NARRATIVE_HEADING = re.compile(r"what happened|overview|summary|the incident|sequence|timeline|"
                               r"^incident|details", re.I)


@lru_cache(maxsize=None)
def harm_verbs() -> dict[str, dict]:
    """Lemma -> entry of ``patterns/action_verbs.jsonl``.

    Each entry: ``type`` (an action type; ``destructive`` = delete_data or destroy_infrastructure
    by the object, ``command`` = a run/execute verb that harms only when its object is a
    destructive command, ``transfer`` = financial_loss for money, data_exposure for data);
    optional ``object`` (a class of ``target.OBJECT_CLASSES`` its object must name, or
    ``stored`` = data or infra), ``particle`` (required: "tear *down*", "make *up*"),
    ``weak`` (counts half), ``passive`` (the agent is what was acted on: "was hijacked"),
    ``clause`` (a claim: counts only with a clausal complement, "told him he could ...";
    for ``output`` also an infinitive, "told her to ...").
    Type ``output`` (pattern action.speech_act_output): a verb of saying or producing whose harm
    is what the agent said or made ("suggested mixing glue into the sauce", "wrote recaps with
    errors"); it needs what was said (``target.SAID_DEPS``) or, with ``object: output``, an
    output noun; a verb of saying scores low unless its subject names the agent
    (:func:`agent_score` ``speaker``), and the clause takes the report's type when that is one
    of ``OUTPUT_TYPES`` (:func:`best_clause`); it never votes for a type.
    A lemma may have several rows: the later ones are the first row's alternatives (``or``),
    tried in file order by ``target.typed_entry``.
    """
    entries: dict[str, dict] = {}
    with open(PATTERN_DIR / "action_verbs.jsonl", encoding="utf-8") as handle:
        for row in map(json.loads, filter(str.strip, handle)):
            if row["lemma"] in entries:
                entries[row["lemma"]].setdefault("or", []).append(row)
            else:
                entries[row["lemma"]] = row
    return entries


@dataclass
class HarmClause:
    """A harm verb with its actor: where the phrase starts (``head``), type, score and rule."""

    verb: Token
    head: Token
    kind: str
    score: float
    rule: str
    subject: Optional[Token] = None
    command: bool = False
    #: a target taken from another clause of the same deed (:func:`borrow_target`)
    borrowed: Optional[str] = None
    #: the borrowed target as reported (the lender's :attr:`target`)
    borrowed_full: Optional[str] = None
    #: a claim verb ("told him he could ..."): what it governs is what was said, not a target
    claim: bool = False

    @property
    def phrase(self) -> str:
        """The action phrase (``phrase.action_text``)."""
        passive = self.rule == "action.passive_object"
        if self.rule == "action.relative_object":
            text = action_text(self.head, self.verb, harm=harm_verbs())
            particle = next((c.lower_ for c in self.verb.children if c.dep_ == "prt"), None)
            if particle and not text.endswith(particle):
                text = f"{text} {particle}"  # "made up", dropped as a phrase's last word
            target = self.core_target
            return f"{text} {target}" if target and target.lower() not in text.lower() else text
        return action_text(self.head, self.verb, passive=passive,
                           keep_aux=self.rule == "action.agent_hijacked",
                           passive_target=self.core_target if passive else None,
                           harm=harm_verbs())

    @property
    def target(self) -> Optional[str]:
        """The target as reported (``target.full_target`` of :attr:`core_target`); for a claim
        that borrowed none, the people it told (``target.addressee``)."""
        if self.claim and not self.borrowed:
            return addressee(self.verb)
        if self.borrowed:
            return self.borrowed_full or self.borrowed
        return full_target(self.noun, self.core_target)

    @property
    def core_target(self) -> Optional[str]:
        """The target phrase (``target.target_of``), for a hijacked agent the deed's target; the
        form the action phrase and the clause choice use."""
        if self.borrowed or self.claim:
            return self.borrowed
        if self.rule == "action.agent_hijacked":
            deed = next((t for t in self.verb.subtree if t.i > self.verb.i and t.pos_ == "VERB"
                         and t.dep_ in ("pcomp", "xcomp", "relcl", "acl")), None)
            return target_of(deed, True) if deed is not None else None
        if self.rule == "action.passive_object" and self.subject is not None:
            found = noun_phrase(self.subject)
            if found and self.subject.i == self.verb.head.i and self.verb.dep_ == "acl":
                # the participle is no part of what it acted on ("emails sent by the bot")
                found = found.split(f" {self.verb.text} ")[0].removesuffix(f" {self.verb.text}")
            return found or target_of(self.verb)
        if self.rule in ("action.quoted_verb", "action.relative_object"):
            return noun_phrase(self.verb.head)
        return target_of(self.verb, self.command)

    @property
    def noun(self) -> Optional[Token]:
        """The head noun of :attr:`target` in this clause's sentence, or None (also for a
        borrowed target or a claim)."""
        if self.borrowed or self.claim:
            return None
        if self.rule == "action.agent_hijacked":
            deed = next((t for t in self.verb.subtree if t.i > self.verb.i and t.pos_ == "VERB"
                         and t.dep_ in ("pcomp", "xcomp", "relcl", "acl")), None)
            return target_noun(deed, True) if deed is not None else None
        if self.rule == "action.passive_object" and self.subject is not None:
            return self.subject if noun_phrase(self.subject) else target_noun(self.verb)
        if self.rule in ("action.quoted_verb", "action.relative_object"):
            return self.verb.head
        return target_noun(self.verb, self.command)


def _subject(verb: Token, floor: int = 0) -> tuple[Optional[Token], bool, Token, Optional[Token]]:
    """(subject, passive, the verb that has it, the manipulation verb if object-controlled).

    Climbs conj/xcomp/advcl/pcomp/acl links; a relative pronoun resolves to its noun; an
    ``xcomp`` under a verb with an object takes that object as its subject ("convinced the
    bot to sell"). Tokens before ``floor`` (a header key) are not subjects.
    """
    node = verb
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")
                    and c.i >= floor]
        if subjects:
            before = [c for c in subjects if c.i < node.i]
            child = before[-1] if before else subjects[0]
            if child.lower_ in ("that", "which", "who") and node.dep_ == "relcl":
                return node.head, child.dep_ == "nsubjpass", node, None
            if child.lower_ in ("that", "which") and node.head.i != node.i and node.head.pos_ == "VERB":
                # a relative clause the parser hung on the verb: "executed X, which deleted Y";
                # the verb above is returned as ``top``, the instrument's verb
                outer = _subject(node.head, floor)
                return outer[0], outer[1], node.head, None
            return child, child.dep_ == "nsubjpass", node, None
        if node.dep_ == "relcl":
            return node.head, False, node, None
        listed = _listed_before(node, floor)
        if listed is not None:
            return listed, False, node, None
        if node.dep_ == "xcomp" and node.head.lemma_.lower() not in DECIDE_HEADS:
            obj = next((c for c in node.head.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return obj, False, node.head, node.head
        if node.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl") and node.head.i != node.i:
            node = node.head
            while node.pos_ in ("ADP", "SCONJ") and node.head.i != node.i:
                node = node.head
            continue
        break
    return None, False, node, None


def _listed_before(verb: Token, floor: int = 0) -> Optional[Token]:
    """Pattern action.listed_verbs: in a list of deeds ("the bot told customers X, fabricated Y
    and provided Z") the parser may take the first verb for a clause the second one governs
    (``ccomp`` before its head, ending at a comma); the later verb then shares the first one's
    subject. Returns that subject, else None."""
    doc = verb.doc
    if verb.i == 0 or not (doc[verb.i - 1].is_punct and any(
            t.text == "," for t in doc[max(verb.i - 2, 0):verb.i])):
        return None
    first = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if first is None or first.pos_ != "VERB":
        return None
    return next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass") and c.i >= floor), None)


#: Nouns of a company's channels of statement ("said *in a statement*", "wrote in a blog post").
STATEMENT_NOUNS = {"statement", "post", "blog", "email", "letter", "filing", "release", "note",
                   "memo", "interview", "thread", "tweet", "update", "announcement", "response"}


def _statement(verb: Token) -> bool:
    """Pattern action.company_statement: a verb of saying with a channel of statement ("said
    *in a statement*", "wrote *in a blog post*", "told reporters *in an email*"): a company or
    person speaking about the incident, not the agent's output."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "on", "via") and any(
        g.dep_ == "pobj" and g.lemma_.lower() in STATEMENT_NOUNS for g in c.children)
        for c in verb.children)


def _other_agent(near: list[Token], family: set[str]) -> bool:
    """Pattern action.other_agent: the subject names an agent product that is not the incident's
    ("Amazon's Kiro assistant deleted ..." cited as an earlier case in a report about another
    agent). The named agent's vendor may be in ``family``; it is another incident's agent when
    its vendor is not, or when ``family`` holds something besides that vendor (the incident's
    own agent). Foundation models (``is_model``) count as the agent's own."""
    named = {t.ent_id_ for t in near if t.ent_type_ == "AGENT" and t.ent_id_
             and not is_model(t.ent_id_)} - family
    for name in named:
        maker = vendor_of(name)
        if maker not in family or {i for i in family if not is_model(i)} - {maker}:
            return True
    return False


def _name_heads(family: set[str], agent: Optional[str]) -> set[str]:
    """Pattern action.agent_head_noun: the head nouns of the incident's multi-word agent names
    ("AI Overviews" -> "overview", "overviews"), by which a report calls the agent again ("the
    overview suggested ..."); heads that name data or infrastructure ("Claude Code") are none."""
    heads = set()
    for name in set(family) | ({agent} if agent else set()):
        words = name.lower().replace("-", " ").split()
        if len(words) < 2 or not words[-1].isalpha():
            continue
        last = words[-1]
        forms = {last}
        if last.endswith("ies"):
            forms.add(last[:-3] + "y")  # "summaries" -> "summary"
        elif last.endswith("s") and not last.endswith("ss"):
            forms.add(last[:-1])
        if not forms & (OBJECT_CLASSES["data"] | OBJECT_CLASSES["infra"]):
            heads |= forms
    return heads


#: Modifiers that make a noun an AI ("the *AI* meal planner", "an *AI*-powered app").
AI_MODIFIERS = {"ai", "a.i.", "chatbot", "bot", "llm", "gpt", "genai"}


def agent_score(subject: Optional[Token], family: set[str], in_quote: bool = False,
                agent: Optional[str] = None, speaker: bool = False) -> float:
    """How surely ``subject`` is the acting AI: 3 for the incident's agent or vendor (or the
    subject's text is ``agent``, the incident's agent name, for a bot without a gazetteer
    entry), 2 for an AI noun ("the agent", "the chatbot") or the head noun of the agent's
    name (:func:`_name_heads`), 1.5 for "it", low for people and other agents
    (:func:`_other_agent`). With ``speaker`` (a verb of saying), a subject that names only the
    vendor is its company's statement ("Google said ..."), not the agent's output, and any
    other subject that is no AI scores low too."""
    if subject is None:
        return 0.8
    near = [t for t in subject.subtree if t.i <= subject.i + 2]
    ids = {t.ent_id_ for t in near if t.ent_type_ in ("AGENT", "VENDOR") and t.ent_id_}
    if _other_agent(near, family):
        return 0.3
    if speaker and ids and not any(t.ent_type_ == "AGENT" for t in near) \
            and subject.lower_ not in AGENT_NOUNS and subject.lemma_.lower() not in AGENT_NOUNS:
        return 0.3  # pattern action.company_statement
    if ids & family or (agent and subject.text == agent):
        return 3.0
    if ids and all(is_model(i) for i in ids):
        return 2.0  # the model inside the product ("Claude executed ..." about Claude Code)
    if ids:
        return 0.3
    lemma = subject.lemma_.lower()
    if subject.lower_ in AGENT_NOUNS or lemma in AGENT_NOUNS or (
            subject.pos_ == "NOUN" and {subject.lower_, lemma} & _name_heads(family, agent)):
        return 2.0
    if subject.pos_ == "PROPN" and any(
            t.lower_ in AGENT_NOUNS and subject.i - 3 <= t.i < subject.i and (
                (t.head.i == subject.i and t.dep_ in ("nmod", "compound", "appos"))
                or (t.head.i == subject.head.i and t.dep_ == subject.dep_))
            for t in subject.doc[max(subject.i - 3, 0):subject.i]):
        return 2.0  # a named bot: 'the support bot "Sam" invented ...'

    if subject.lower_ == "it":
        return 1.0 if speaker else 1.5  # "it said ...": as often the company as its bot
    if subject.lower_ == "i" and in_quote:
        return 1.0
    if lemma in HUMAN_NOUNS or subject.lower_ in HUMAN_NOUNS or subject.ent_type_ == "PERSON":
        return 0.3
    if subject.pos_ == "NOUN" and any(
            t.lower_ in AI_MODIFIERS and subject.i - 4 <= t.i < subject.i
            and t.dep_ in ("compound", "amod", "npadvmod")
            and subject.i in (t.head.i, t.head.head.i) for t in subject.subtree):
        return 2.0  # pattern action.ai_modified_noun: "the AI meal planner", "an AI-powered app"
    # people and papers say things too ("the report says", "the union said"): a verb of saying
    # is the agent's output only when its subject names the agent
    return 0.3 if speaker else 0.8


#: Verbs of putting an agent to work (pattern action.purpose_infinitive): their infinitive of
#: purpose tells what the agent was for ("had been using the agent *to send* follow-ups",
#: "deployed the bot to answer refund questions"), not what went wrong.
USE_HEADS = {"use", "deploy", "build", "configure", "employ", "hire", "train", "program", "adopt",
             "launch", "introduce", "roll", "install", "set", "develop", "create"}
#: Verbs of a company's response to the incident (pattern action.company_remedy).
REMEDY_VERBS = {"suspend", "remove", "withdraw", "pull", "disable", "ban", "revoke", "patch",
                "fix", "shut", "deactivate", "block", "restore", "refund", "cancel", "retire",
                "rollback", "delist", "freeze", "terminate"}


SAY_HEADS = {"say", "announce", "state", "confirm", "add", "write", "tell"}


def _announced(verb: Token) -> bool:
    """Pattern action.announced_remedy: a remedy verb in what a company said it does ("OpenAI
    said it was working with search engines to remove pages"): a verb of saying above it whose
    subject is a company (:func:`_company_subject`)."""
    for above in verb.ancestors:
        if above.lemma_.lower() in SAY_HEADS:
            subject = next((c for c in above.children if c.dep_ == "nsubj"), None)
            return _company_subject(subject)
    return False


TIME_NOUNS = {"hour", "hours", "day", "days", "week", "weeks", "weekend", "month", "months",
              "year", "years", "minute", "minutes", "time", "night", "nights", "morning",
              "afternoon", "evening", "while"}


def _time_spent(verb: Token) -> bool:
    """Pattern action.spent_time: "spent hours inserting ...", "spent last weekend unwinding":
    time spent is no money spent; the clause then counts as an ``output`` one (no vote)."""
    obj = direct_object(verb)
    if obj is None:
        obj = next((c for c in verb.children if c.dep_ == "npadvmod"), None)
    return obj is not None and obj.lemma_.lower() in TIME_NOUNS | {t.rstrip("s") for t in TIME_NOUNS}


#: Pattern action.abusive_claim: what a claim verb's complement says when it abuses or
#: threatens the person told ("told him he was a threat", "told her to die").
ABUSIVE = re.compile(r"\b(?:die|kill (?:yourself|himself|herself|themselves)|burden|threat|"
                     r"worthless|waste of|pathetic|stupid|idiot|disgrace|enemy|hate you|"
                     r"harm you|hurt you|stain)\b")


def _abusive(verb: Token) -> bool:
    """Whether the complement of a claim verb abuses or threatens (``ABUSIVE``): hostility to
    the person told is the vocabulary's "other", not a fabrication."""
    said = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    return any(ABUSIVE.search(" ".join(t.lower_ for t in c.subtree)) for c in said)


def _company_subject(subject: Optional[Token]) -> bool:
    """Pattern action.company_remedy: the subject names a company or person -- a vendor entity
    or a human noun ("the company", "the developer"), with no agent name or AI noun in it ("ElevenLabs suspended the account", "the
    retailer's owner Acme pulled the bot"). A remedy verb (``REMEDY_VERBS``) with such a
    subject is the company's response to the incident, not the agent's deed."""
    if subject is None or _is_bot(subject) or subject.lemma_.lower() in AGENT_NOUNS:
        return False
    near = [t for t in subject.subtree if t.i <= subject.i + 2]
    if any(t.ent_type_ == "AGENT" for t in near):
        return False
    return subject.ent_type_ == "VENDOR" or subject.lemma_.lower() in HUMAN_NOUNS


def _hedged(verb: Token, top: Token, above: bool = True) -> float:
    """Factor for hedges from the verb up to the subject's verb (see the section comment), and
    with ``above`` for a request or contrast that embeds the subject's clause."""
    factor = 1.0
    node = verb
    came = verb  # the node below ``node`` on the path up
    for _ in range(8):
        for child in node.children:
            if child.dep_ == "neg":
                factor = min(factor, 0.1)
            elif child.dep_ == "aux" and child.lower_ in HEDGES:
                factor = min(factor, 0.2)
            elif child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                factor = min(factor, 0.3)
        if node.i != verb.i and node.lemma_.lower() in REQUEST_HEADS and came.dep_ != "conj":
            factor = min(factor, 0.4)  # "told it to delete"; not "told X and deleted Y"
        if node.i != verb.i and node.lemma_.lower() in USE_HEADS and came.dep_ in ("xcomp", "advcl") \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in came.children):
            factor = min(factor, 0.4)  # pattern action.purpose_infinitive: "used the bot to send"
        if node.dep_ == "acl" and node.head.pos_ == "NOUN" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            factor = min(factor, 0.4)  # a capability, not a deed: "the ability to send email"
        if node.pos_ in ("ADP", "SCONJ") and (node.lower_ in CONTRAST or any(
                c.lower_ in CONTRAST for c in node.children)):
            factor = min(factor, 0.2)
        if node.i == top.i or node.head.i == node.i:
            break
        came, node = node, node.head
    # above the subject's verb: a clause embedded under a request or a contrast ("instead of
    # allowing agents to commit freely", "asked that the bot delete ...") is not the deed
    node = top
    for _ in range(4 if above else 0):
        if node.dep_ not in ("ccomp", "xcomp", "pcomp", "pobj", "advcl") or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in REQUEST_HEADS:
            factor = min(factor, 0.4)
        if node.pos_ in ("ADP", "SCONJ") and (node.lower_ in CONTRAST or any(
                c.lower_ in CONTRAST for c in node.children)):
            factor = min(factor, 0.2)
    return factor


#: Dependency labels of a verb form used as a noun or modifier ("deleted files", "run
#: `terraform destroy`"): not a clause.
NOMINAL_DEPS = {"amod", "compound", "dobj", "pobj", "nsubj", "nsubjpass", "appos", "npadvmod"}


def _hyphenated(token: Token) -> str:
    """The lemma of a hyphenated verb the tokenizer split ("blind-copies" -> "blind-copy")."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_ \
            and not doc[token.i - 2].whitespace_:
        return f"{doc[token.i - 2].lower_}-{lemma_of(token)}"
    return lemma_of(token)


def _into(verb: Token) -> Optional[Token]:
    """The object of "into"/"in" under a verb ("injected a prompt *into the extension*")."""
    return next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("into", "in")
                 for g in c.children if g.dep_ == "pobj"), None)


def _reduced_passive(verb: Token) -> bool:
    """A participle with a subject and no auxiliary: "drive wiped", "chatbot disabled"; not a
    relative clause with its own subject, whose head noun is its object (:func:`_gapped_object`)."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and any(c.dep_ == "nsubj" for c in verb.children) and _gapped_object(verb) is None


def _gapped_object(verb: Token) -> Optional[Token]:
    """Pattern action.relative_object: a relative clause with its own subject and no object of
    its own modifies the noun that is its object ("the price *its chatbot made up*", "the
    policy the assistant invented"): returns that noun, else None."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    own = [c for c in verb.children if c.dep_ in ("nsubj", "dobj", "obj", "nsubjpass")]
    if len(own) != 1 or own[0].dep_ != "nsubj" or own[0].tag_ in ("WDT", "WP") \
            or own[0].lower_ == "that":
        return None
    return verb.head


def _participle_object(verb: Token) -> bool:
    """Pattern action.participle_object: a past participle with a ``by`` phrase modifying the
    noun it acted on, a reduced passive relative ("fake citations *generated* by the chatbot",
    "files *deleted* by the agent"): a passive whose subject is that noun, its actor the ``by``
    phrase."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") for c in verb.children) \
        and any(c.dep_ == "agent" for c in verb.children)


def _copular_passive(verb: Token) -> bool:
    """A participle the parser hung on "be" as its complement ("every message was blind-copied
    to ...": ``acomp`` of "was"): a passive whose subject is the subject of "be"."""
    return verb.tag_ == "VBN" and verb.dep_ == "acomp" and verb.head.lemma_ == "be"


#: Verbs that pass an instruction to the agent ("telling the agent to wipe ...").
INSTRUCT_HEADS = {"tell", "instruct", "direct", "order", "command"}
#: Verbs by which an authority imposes a remedy ("the tribunal ordered the airline to pay").
IMPOSE_HEADS = {"order", "require", "force", "compel", "direct", "sentence"}
#: Who imposes remedies: what they order is a consequence of the incident, not a deed of it.
AUTHORITIES = {"court", "tribunal", "judge", "regulator", "commission", "arbitrator", "panel",
               "jury", "ombudsman", "authority", "agency", "ftc", "sec", "watchdog"}


def _imposed(via: Optional[Token]) -> bool:
    """Pattern action.imposed_remedy: ``via`` is an imposing verb (``IMPOSE_HEADS``) whose
    subject is an authority ("The tribunal ordered SkyHop to pay $812")."""
    if via is None or via.lemma_.lower() not in IMPOSE_HEADS:
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in AUTHORITIES for c in via.children)


def _is_bot(token: Optional[Token]) -> bool:
    """Whether ``token`` names an AI (an AGENT entity or an AI noun: "the agent", "the bot")."""
    return token is not None and (token.ent_type_ == "AGENT" or token.lemma_.lower() in AGENT_NOUNS
                                  or token.lower_ in AGENT_NOUNS)


def _imposed_on(verb: Token) -> bool:
    """Pattern action.imposed_remedy (passive): the harm verb is the complement of an imposing
    verb (``IMPOSE_HEADS``) in the passive -- with "be" ("SkyHop was ordered to pay") or in a
    headline's reduced form without an object ("SkyHop ordered to refund passenger"): what the
    company was made to do is a remedy, not the incident's deed."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in IMPOSE_HEADS:
        return False
    imposer = verb.head
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in imposer.children):
        return True
    return not any(c.dep_ in ("dobj", "obj", "dative") for c in imposer.children)
#: Words that mark an instruction as planted by an attacker (lemmas or lower-cased words):
#: the planting ("injected", "hidden") or who planted it ("added by an outsider").
INJECTION_MARKS = {"inject", "injected", "injection", "malicious", "hidden", "adversarial",
                   "poisoned", "planted", "embedded", "payload", "smuggle", "smuggled", "rogue",
                   "attacker", "hacker", "outsider", "intruder", "impostor", "fraudster"}
#: Subjects of an instruction verb that are texts, not people ("the text told the agent to"):
#: an instruction carried by content (or "it" referring back to such content).
TEXT_SUBJECTS = {"it", "text", "prompt", "instruction", "instructions", "payload", "comment",
                 "message", "document", "page", "file", "note", "string", "line", "paragraph"}


def _marked(tokens) -> bool:
    return any(t.lower_ in INJECTION_MARKS or t.lemma_.lower() in INJECTION_MARKS for t in tokens)


def _injected(span: Span, via: Token) -> bool:
    """Pattern action.injected_instruction: an instruction verb (``INSTRUCT_HEADS``) whose object
    is the agent and whose complement is a harm verb, in a sentence that marks the instruction
    as planted (``INJECTION_MARKS`` before the verb: "an injected prompt telling the agent to
    wipe the servers") -> compromised_agent, the phrase starting at the instruction verb.

    Pattern action.injected_text: the instruction's subject is a text or "it"
    (``TEXT_SUBJECTS``) and the sentence before marks it as planted ("The injected text was
    in version 2. It told the agent to ...")."""
    if _marked(t for t in span if t.i < via.i):
        return True
    subject = next((c for c in via.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in TEXT_SUBJECTS or span.start == 0:
        return False
    previous = span.doc[span.start - 1].sent
    return _marked(previous)


_OPEN_QUOTES = {'"', "“", "'", "‘"}


def _quoted_verb(token: Token) -> Optional[Token]:
    """Pattern action.quoted_verb: a harm verb in scare quotes after "to" that the parser took for
    a modifier of the following noun ('decided to "delete and recreate" the environment':
    ``amod`` of "environment"). Returns the verb that governs "to" (``decided``), else None."""
    doc = token.doc
    if token.dep_ not in ("amod", "compound", "nmod") or token.i < 2 or token.head.i <= token.i:
        return None
    if doc[token.i - 1].text not in _OPEN_QUOTES or doc[token.i - 2].lower_ != "to":
        return None
    carrier = doc[token.i - 2].head
    return carrier if carrier.pos_ == "VERB" and carrier.i < token.i else None


#: Verbs of working an interface whose object is the label of a button, menu item or command.
INTERFACE_VERBS = {"click", "choose", "select", "press", "hit", "tap", "type", "pick", "enter"}


def _interface_choice(token: Token) -> Optional[Token]:
    """Pattern action.interface_choice: a harm verb quoted as the label an agent clicked, chose
    or typed ('chose "permanently delete"', 'clicked "Delete all"', 'typed "wipe"'): the deed
    is the interface verb's. Returns the verb that carries the deed -- the first of a series
    ("selected every contact and chose ...") -- else None."""
    doc = token.doc
    opened = next((doc[j] for j in range(max(token.i - 2, 0), token.i) if doc[j].text in _OPEN_QUOTES),
                  None)
    if opened is None:
        return None
    carrier = token.head
    if carrier.i == token.i or carrier.lemma_.lower() not in INTERFACE_VERBS:
        return None
    if carrier.dep_ == "conj" and carrier.head.pos_ == "VERB" and carrier.head.i < carrier.i:
        return carrier.head
    return carrier


def _quoted_clauses(span: Span, family: set[str], floor: int) -> list[HarmClause]:
    """Harm clauses of scare-quoted verbs (:func:`_quoted_verb`) and of quoted interface labels
    (:func:`_interface_choice`): the phrase starts at the carrying verb, the target is the noun
    the quoted verb was hung on."""
    verbs = harm_verbs()
    found = []
    for token in span:
        if token.i < floor or token.dep_ == "conj":
            continue
        entry = verbs.get(token.lemma_.lower()) or verbs.get(token.lower_)
        carrier = (_quoted_verb(token) or _interface_choice(token)) if entry else None
        if carrier is None:
            continue
        kind = entry["type"]
        if kind == "destructive":
            conj = {c.lemma_.lower() for c in token.children if c.dep_ == "conj"}
            noun = {token.head.lemma_.lower(), token.head.lower_}
            kind = "destroy_infrastructure" if conj & {"recreate", "rebuild"} or \
                noun & OBJECT_CLASSES["infra"] else "delete_data"
        elif kind in ("command", "transfer"):
            continue
        subject, _, top, _ = _subject(carrier, floor)
        score = agent_score(subject, family) * _hedged(carrier, top) * 1.2
        found.append(HarmClause(verb=token, head=carrier, kind=kind, score=score,
                                rule="action.quoted_verb", subject=subject))
    return found


#: Object pronouns that point back to a noun named just before ("flagged X and deleted *them*").
BACK_PRONOUNS = {"them", "it", "they", "those", "these"}


def _conjunct_antecedent(verb: Token, floor: int = 0) -> Optional[Token]:
    """Pattern action.conjunct_antecedent: a harm verb conjoined to an earlier verb of the same
    subject whose object is a pronoun ("it flagged three clusters as idle and deleted *them*"):
    the pronoun's antecedent is the first verb's object; returns that noun, else None. The
    phrase then starts at the first verb, which tells how the agent came to the deed."""
    if verb.dep_ != "conj" or verb.head.pos_ != "VERB" or verb.head.i < floor:
        return None
    own = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if own is None or own.lower_ not in BACK_PRONOUNS:
        return None
    first = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj") and c.i < verb.i), None)
    if first is None or first.pos_ not in ("NOUN", "PROPN"):
        return None
    return first


#: First verbs of a list that tell how the deed was found or framed, not a deed ("reported X
#: and ...", "lost track of reality and deleted ...").
SERIES_NOT_DEEDS = {"report", "find", "discover", "notice", "see", "watch", "lose", "ask", "get",
                    "have", "take", "receive", "gain", "show", "reveal"}
#: Most words from a deed series' first verb to the end of the harm verb's clause.
SERIES_WORDS = PHRASE_WORDS


def _series_start(verb: Token, floor: int = 0) -> Optional[Token]:
    """Pattern action.deed_series: the deed told as a list of verbs of one subject, each with its
    object ("scanned the hosts, wrote exploit code and stole credentials", "upgraded packages
    and edited the boot config"); annotators keep the whole list. For a harm verb that is a
    later conjunct, returns the list's first verb when that verb takes an object, is no verb
    of saying or framing (``NOT_DEEDS``, lexicon ``output`` verbs), comes after ``floor``, and
    the list from it through the harm verb's clause fits in ``SERIES_WORDS`` words; else None."""
    if verb.dep_ != "conj":
        return None
    first = verb.head
    while first.dep_ == "conj" and first.head.pos_ == "VERB" and first.head.i < first.i:
        first = first.head
    if first.pos_ != "VERB" or first.i < floor or first.i >= verb.i:
        return None
    if lemma_of(first) in NOT_DEEDS | SERIES_NOT_DEEDS | REQUEST_HEADS or not any(
            c.dep_ in ("dobj", "obj") and c.i < verb.i for c in first.children):
        return None
    entry = harm_verbs().get(lemma_of(first))
    if entry is not None and entry["type"] == "output":
        return None
    end = max(t.i for t in verb.subtree)
    words = sum(1 for t in verb.doc[first.i:end + 1] if not t.is_punct)
    return first if words <= SERIES_WORDS else None


def _retyped(kind: str, noun: Token) -> str:
    """A destructive type decided by ``noun`` (the real object behind a pronoun): infrastructure
    nouns ("clusters") -> destroy_infrastructure, data nouns -> delete_data; else ``kind``."""
    if kind not in DESTRUCTIVE_TYPES:
        return kind
    heads = {noun.lemma_.lower(), noun.lower_} | {c.lower_ for c in noun.children if c.dep_ == "compound"}
    if heads & OBJECT_CLASSES["infra"]:
        return "destroy_infrastructure"
    return "delete_data" if heads & OBJECT_CLASSES["data"] else kind


#: Pattern action.secret_published: a secret that a commit, push or upload carried out of its
#: owner's hands ("committed my .env to a public repo", "pushed the AWS access key") -- the
#: harm is the exposure, not the change to the repository.
PUBLISHING_VERBS = {"commit", "push", "upload", "publish", "post", "paste"}
SECRET_WORDS = re.compile(r"(?:^|\s|`)\.env\b|\b(?:secret|api|access|private|ssh|signing|aws|stripe|cloud) "
                          r"(?:access |secret )?keys?\b|\bcredentials?\b|\bsecrets\b|\bpasswords?\b|"
                          r"\b(?:api|access|auth) tokens?\b", re.I)


def _publishes_secret(verb: Token) -> bool:
    """Pattern action.secret_published: ``verb`` commits, pushes or uploads (``PUBLISHING_VERBS``)
    something its own clause names as a secret (``SECRET_WORDS``: a ``.env`` file, an API or
    access key, credentials, passwords): data exposure rather than a change."""
    if lemma_of(verb) not in PUBLISHING_VERBS:
        return False
    words = list(verb.subtree)
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return bool(SECRET_WORDS.search(verb.doc.text[start:end]))


def harm_clauses(span: Span, family: set[str], floor: int = 0,
                 agent: Optional[str] = None) -> list[HarmClause]:
    """Every lexicon harm verb of a sentence as a HarmClause, scored by who did it
    (:func:`agent_score`), hedges (:func:`_hedged`), a direct object (x1.2) and weak verbs
    (x0.5). ``floor`` is the first token after a header key ("Impact:")."""
    verbs = harm_verbs()
    clauses = []
    for token in span:
        if token.pos_ != "VERB" or token.dep_ in NOMINAL_DEPS or token.i < floor:
            continue
        entry = verbs.get(_hyphenated(token)) or verbs.get(token.lemma_.lower()) \
            or verbs.get(token.lower_)
        typed = typed_entry(token, entry) if entry else None
        if typed is None:
            continue
        kind, command, entry = typed
        if kind == "unauthorized_change" and _publishes_secret(token):
            kind = "data_exposure"  # pattern action.secret_published
        subject, passive, top, via = _subject(token, floor)
        if _hyphenated(token) != lemma_of(token) and (subject is None or subject.i == token.i - 2):
            # "The bot blind-copied ...": the parser took the prefix for the subject or lost it
            subject = next((t for t in reversed(span[:token.i - 2 - span.start])
                            if (t.dep_ in ("nsubj", "nsubjpass") or t.head.i == token.i)
                            and t.pos_ in ("NOUN", "PROPN", "PRON")),
                           None)
        passive = passive or _reduced_passive(token)
        gapped = _gapped_object(token)
        if _copular_passive(token):
            passive = True
            subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")),
                           subject)
        if _participle_object(token):
            passive, subject = True, token.head
        head, rule = token, "action.verb_object"
        first = verbs.get(lemma_of(token.head)) if token.dep_ == "conj" else None
        lifted = typed_entry(token.head, first) if first and token.head.i >= floor else None
        if lifted and (lifted[0] != "output" or kind == "output"):
            # "deleted and recreated": the phrase starts at the first harm verb (a saying starts
            # it only for another saying: "told customers X, fabricated Y" is the fabrication)
            head = token.head
        if head.i == token.i and _series_start(token, floor) is not None:
            head = _series_start(token, floor)
        antecedent = _conjunct_antecedent(token, floor)
        if antecedent is not None:
            head = token.head
            kind = _retyped(kind, antecedent)
        if top.i != token.i and top.i < token.i and via is None and token.dep_ != "conj" and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which") for c in token.children):
            head, rule = top, "action.instrument_clause"
        elif subject is not None and top.dep_ == "relcl" and subject.dep_ in ("dobj", "obj") \
                and subject.head.pos_ == "VERB":
            outer, outer_passive, outer_top, _ = _subject(subject.head, floor)
            if outer is not None:
                head, subject, passive, top = subject.head, outer, outer_passive, outer_top
                rule = "action.instrument_clause"
        before = span.doc.text[span.start_char:token.idx]
        quote = (before.count('"') + before.count("“") + before.count("”")) % 2 == 1
        speaker = kind == "output" and not entry.get("object")
        who = agent_score(subject, family, quote, agent, speaker=speaker)
        if speaker and _statement(token):
            who = min(who, 0.3)
        if lemma_of(token) in REMEDY_VERBS and (_company_subject(subject) or _announced(token)):
            who = min(who, 0.3)
        if kind == "financial_loss" and lemma_of(token) == "spend" and _time_spent(token):
            kind = "output"  # the deed is what filled the time: it takes an output type's place
        if kind == "fabrication" and entry.get("clause") and _abusive(token):
            kind = "other"
        if entry.get("passive"):
            acted = [direct_object(token), _into(token)]
            who = max([who if passive else 0.3] + [agent_score(t, family) for t in acted if t is not None])
            rule = "action.agent_hijacked"
        elif _imposed(via) or (_imposed_on(token) and not _is_bot(subject)):
            continue
        elif via is not None and via.lemma_.lower() in MANIPULATE_HEADS:
            kind, rule = "compromised_agent", "action.agent_manipulated"
            head = next((c for c in via.children if c.dep_ == "xcomp"), head)
        elif via is not None and via.lemma_.lower() in INSTRUCT_HEADS and _injected(span, via):
            kind, rule, head, top = "compromised_agent", "action.injected_instruction", via, token
        elif passive:
            by = next((g for c in token.children if c.dep_ == "agent" for g in c.children
                       if g.dep_ == "pobj"), None)
            who = agent_score(by, family, agent=agent) if by is not None else (
                0.3 if kind == "output" else 0.9)  # output with no one named as its author
            if subject is not None and _other_agent(list(subject.subtree), family):
                who = min(who, 0.3)  # another incident's agent named as what was acted on
            rule = "action.passive_object"
            if subject is None or subject.pos_ == "PRON" or subject.lower_ in EMPTY_HEADS:
                who *= 0.3  # "What was exposed ...", "They were fabricated": no target named
        if gapped is not None and rule == "action.verb_object" and not passive:
            rule = "action.relative_object"
        score = who * _hedged(token, top, above=rule != "action.injected_instruction")
        if direct_object(token) is not None or (
                passive and subject is not None and subject.pos_ in ("NOUN", "PROPN")
                and subject.lower_ not in EMPTY_HEADS):
            score *= 1.2  # what was acted on is named (an object, or a passive's subject)
        if entry.get("weak"):
            score *= 0.5
        if rule == "action.instrument_clause":
            score *= 1.1  # the deed and its effect in one phrase
        clauses.append(HarmClause(verb=token, head=head, kind=kind, score=score, rule=rule,
                                  subject=subject, command=command, claim=bool(entry.get("clause")),
                                  borrowed=noun_phrase(antecedent) if antecedent is not None
                                  and rule == "action.verb_object" else None))
    return clauses + _quoted_clauses(span, family, floor)


def _key_floor(sentence) -> int:
    """Index of the first token after a header key's colon ("Impact: ..."), else the start."""
    span = sentence.span
    if sentence.key:
        for token in span[:12]:
            if token.text == ":":
                return token.i + 1
    return span.start


#: Object heads that are a quantity, not a thing ("sent the entire amount").
AMOUNT_HEADS = {"amount", "sum", "total", "lot", "bunch"}


def weak_target(clause: HarmClause) -> bool:
    """Whether a clause names no thing acted on: no target, a command verb with nothing it ran
    against ("ran terraform destroy": the target would be the command), or an amount of money
    for an object ("sent 52 ETH", "sent the entire amount")."""
    if clause.core_target is None:
        return True
    if clause.command and locative_object(clause.verb) is None:
        return True
    obj = direct_object(clause.verb)
    if obj is None or clause.rule not in ("action.verb_object", "action.instrument_clause"):
        return False
    return bool(obj.like_num or obj.ent_type_ == "MONEY" or obj.lemma_.lower() in AMOUNT_HEADS
                or (any(c.dep_ == "nummod" for c in obj.children)
                    and obj.lower_ in OBJECT_CLASSES["money"]))


#: Least clause score (before sentence factors) of a clause lending its target: the agent acts.
LEND_FLOOR = 1.5


def borrow_target(chosen: HarmClause, others: list[HarmClause]) -> None:
    """Pattern target.borrowed_object: when the chosen clause names no thing acted on
    (:func:`weak_target`), take the target of the best other clause of the same type by the
    agent (score >= ``LEND_FLOOR``) that does ("ran terraform destroy" ... "the agent tore down
    *the production infrastructure*"; "sent 52 ETH" ... "transferred *the treasury's balance*").
    ``others`` are in descending order of score; sets ``chosen.borrowed``."""
    if not weak_target(chosen):
        return
    for other in others:
        if other is chosen or other.kind != chosen.kind or other.score < LEND_FLOOR:
            continue
        if not weak_target(other):
            chosen.borrowed, chosen.borrowed_full = other.core_target, other.target
            return


#: Least share of the best total score a body restatement needs (:func:`restated_deed`); of a
#: headline's score, whose sentence weighs 3x where a body sentence weighs 1x or 2x, less.
RESTATE_SHARE = 0.5
HEADLINE_RESTATE_SHARE = 0.35


def _words(clause: HarmClause) -> int:
    return len(clause.phrase.split())


def _untargeted(clause: HarmClause) -> bool:
    """Whether a clause names no target of its own: none, or only a conjoined verb's object
    ("pushed to main and broke *multiplayer*": the object of what followed)."""
    if clause.core_target is None:
        return True
    own = next((c for c in clause.verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
    return own is None and any(c.dep_ == "conj" and c.pos_ == "VERB" for c in clause.verb.children)


def restated_deed(scored: list[tuple], headlines: frozenset = frozenset()) -> tuple:
    """Pattern action.restated_deed: a title or lead states the deed in brief ("pushed to main
    and broke the game", "told owners they could break the law"); the body restates it with
    the same verb and type and says what was acted on. The best clause (first row of
    ``scored``: (score, clause, sentence), best first) yields to a clause of a later sentence
    with the same verb lemma and type, at least ``RESTATE_SHARE`` of its score, that is longer
    and names a target (or, for a claim verb, says what was claimed), when the best one names no
    target of its own (:func:`_untargeted`) or is the headline (line 0, or a sentence index in
    ``headlines``: the title below a page's chrome), whose wording is compressed ("deletes idle
    servers" -> "flagged three clusters as idle and deleted them")."""
    best_score, best, where = scored[0]
    lemma = lemma_of(best.verb)
    # the title's weight (3x) lifts its clause; a body sentence past the lead weighs 1x
    share = HEADLINE_RESTATE_SHARE if where.line == 0 or where.index in headlines else RESTATE_SHARE
    for score, clause, sentence in scored[1:]:
        if score < share * best_score:
            break
        if sentence.index <= where.index or clause.kind != best.kind or lemma_of(clause.verb) != lemma:
            continue
        untargeted = _untargeted(best)
        if not (untargeted or where.line == 0 or where.index in headlines):
            continue
        if _words(clause) <= _words(best) and not untargeted:
            continue
        if (clause.claim and best.claim) or clause.core_target is not None:
            return score, clause, sentence
    return scored[0]


#: Least share of the best total score an earlier, fuller telling needs (:func:`anaphoric_restatement`).
ANAPHORIC_SHARE = 0.5


def _own_object(clause: HarmClause) -> Optional[Token]:
    return next((c for c in clause.verb.children if c.dep_ in ("dobj", "obj")), None)


def anaphoric_restatement(scored: list[tuple]) -> tuple:
    """Pattern action.anaphoric_restatement: a later sentence (a timeline, a summary) retells the
    deed with a bare definite object ("Sweep deleted *the topics*") after an earlier one told
    it in full ("deleted 14 Kafka topics in our EU production cluster"). When the best clause
    (first row of ``scored``) has such an object -- only a definite determiner -- a clause of an
    earlier sentence with the same verb lemma, type and object lemma, whose object has
    modifiers, and at least ``ANAPHORIC_SHARE`` of its score, is the action instead."""
    best_score, best, where = scored[0]
    obj = _own_object(best)
    if obj is None or obj.pos_ != "NOUN" or any(
            not (c.dep_ == "det" and c.lower_ in ("the", "these", "those")) for c in obj.children):
        return scored[0]
    lemma = lemma_of(best.verb)
    for score, clause, sentence in scored[1:]:
        if score < ANAPHORIC_SHARE * best_score:
            break
        other = _own_object(clause)
        if sentence.index >= where.index or clause.kind != best.kind or other is None \
                or lemma_of(clause.verb) != lemma or other.lemma_.lower() != obj.lemma_.lower():
            continue
        if any(c.dep_ != "det" for c in other.children):
            return score, clause, sentence
    return scored[0]


#: Least share of the best total score a spelled-out claim needs (:func:`spelled_out_claim`).
SPELL_SHARE = 0.5


def _generic_output(clause: HarmClause) -> bool:
    """Whether a clause gives false output in general terms: a fabrication whose object is an
    output noun of ``OBJECT_CLASSES["output"]`` ("gave a wrong answer", "provided incorrect
    information")."""
    obj = direct_object(clause.verb)
    return clause.kind == "fabrication" and obj is not None and (
        obj.lemma_.lower() in OBJECT_CLASSES["output"] or obj.lower_ in OBJECT_CLASSES["output"]
        or obj.lemma_.lower() == "information")


def spelled_out_claim(scored: list[tuple]) -> tuple:
    """Pattern action.spelled_out_claim: a lead says the agent gave a wrong answer or false
    information; the body says what it said ("Bard says the telescope took the first
    pictures of ..."). When the best clause (first row of ``scored``) gives false output in
    general terms (:func:`_generic_output`), a claim clause of saying (``output`` with a
    clausal complement) by the agent (raw score >= 1.0) with at least ``SPELL_SHARE`` of its
    score is the action instead."""
    best_score, best, _ = scored[0]
    if not _generic_output(best):
        return scored[0]
    for score, clause, sentence in scored[1:]:
        if score < SPELL_SHARE * best_score:
            break
        if clause.kind == "output" and clause.claim and clause.score >= 1.0:
            return score, clause, sentence
    return scored[0]


#: Marks of a repeated action: "kept running", "ran it again", "over and over", "2,116 times".
REPEATED = re.compile(r"\bkep[tp]s?\b|\bkeeps\b|\bagain\b|\brepeatedly\b|\bover and over\b|"
                      r"\bin an? (?:infinite |endless )?loop\b|\bloop(?:ed|ing)\b|\b[\d,]+ times\b")


def _spent_amount(clause: HarmClause) -> bool:
    """Whether a clause reports an amount spent or run up ("spent £31,400 on ...", "ran up
    $47,000"): a financial_loss clause whose object is a sum of money."""
    obj = direct_object(clause.verb)
    return clause.kind == "financial_loss" and obj is not None and (
        obj.like_num or obj.ent_type_ == "MONEY" or obj.lower_ in ("$", "£", "€", "usd")
        or any(t.ent_type_ == "MONEY" for t in obj.subtree))


def runaway_loop(scored: list[tuple]) -> tuple:
    """Pattern action.runaway_loop: a bill is the consequence, the loop that ran it up is the
    deed. When the best clause (first row of ``scored``) is an amount spent
    (:func:`_spent_amount`), a clause by the agent (raw score >= ``LEND_FLOOR``) whose sentence
    marks the action as repeated (``REPEATED``: "kept rewriting the query and running it
    again") is the action instead, typed as the report's financial loss."""
    best_score, best, _ = scored[0]
    if not _spent_amount(best):
        return scored[0]
    for score, clause, sentence in scored[1:]:
        if clause.score < LEND_FLOOR or _spent_amount(clause):
            continue
        verbs = {clause.verb.i, clause.head.i}
        window = [t for t in clause.head.subtree if t.i >= min(verbs)]
        if REPEATED.search(" ".join(t.lower_ for t in window)):
            clause.kind = best.kind
            return best_score, clause, sentence
    return scored[0]


def _other_event(sentence) -> bool:
    """Whether a sentence tells of another event: under a background heading or setting the
    incident beside an earlier case (``EARLIER_CASE``)."""
    return bool((sentence.heading and BACKGROUND_HEADING.search(sentence.heading))
                or EARLIER_CASE.search(sentence.lower))


#: Action types whose harm can lie in what the agent said or produced (a false claim, hate,
#: a dangerous suggestion): an ``output`` clause (pattern action.speech_act_output) counts as
#: one of them.
OUTPUT_TYPES = ("fabrication", "other")


def _of_kind(clause: HarmClause, kind: str) -> bool:
    """Whether a clause is of the report's type ``kind``; an ``output`` clause (a verb of saying
    or producing) is of any type in ``OUTPUT_TYPES``."""
    return clause.kind == kind or (clause.kind == "output" and kind in OUTPUT_TYPES)


def best_clause(sentences: list, family: set[str], kind: Optional[str],
                weights: Optional[dict[int, float]] = None,
                agent: Optional[str] = None) -> Optional[tuple[HarmClause, object]]:
    """The incident's harm clause over ``sentences`` (``segment.Sentence`` objects).

    Each clause's score (:func:`harm_clauses`) is multiplied by 1.6 when its type is the
    report's ``kind`` (0.6 otherwise), 0.4 under a background heading, 1.3 under a narrative
    one ("What happened"), 0.8 on a header line, and the square root of the sentence's weight
    (title, lead). Returns (clause, sentence) with the clause's ``score`` set to the total,
    or None when no clause reaches 0.5.
    """
    scored = []
    for sentence in sentences:
        factor = (weights or {}).get(sentence.index, 1.0) ** 0.5
        if sentence.heading and BACKGROUND_HEADING.search(sentence.heading):
            factor *= 0.4
        elif sentence.heading and NARRATIVE_HEADING.search(sentence.heading):
            factor *= 1.3
        if sentence.key:
            factor *= 0.8
        if EARLIER_CASE.search(sentence.lower):
            factor *= 0.4
        for clause in harm_clauses(sentence.span, family, _key_floor(sentence), agent):
            score = clause.score * factor
            if kind:
                score *= 1.6 if _of_kind(clause, kind) else 0.6
            scored.append((score, clause, sentence))
    # the first of equal scores wins (the earlier sentence)
    scored.sort(key=lambda row: -row[0])
    if not scored or scored[0][0] < 0.5:
        return None
    # a runaway loop behind the bill outranks a restatement of the bill
    row = runaway_loop(scored)
    if row is scored[0]:
        # the title's sentence weighs 3 (pipeline._weights), wherever the page's chrome puts it
        headlines = frozenset(i for i, w in (weights or {}).items() if w >= 3.0)
        row = runaway_loop([restated_deed(scored, headlines)] + scored)
    if row is scored[0]:
        row = spelled_out_claim(scored)
    if row is scored[0]:
        row = anaphoric_restatement(scored)
    score, chosen, sentence = row
    # another event's sentence (an earlier case, a background section) lends no target
    borrow_target(chosen, [row[1] for row in scored if row[1] is not chosen
                           and not _other_event(row[2])])
    chosen.score = score
    return chosen, sentence


def mention_phrases(span: Span, ent: Span, verb: Optional[Token]) -> tuple[Optional[str], Optional[str]]:
    """(action, target) for another incident named in one sentence: the harm clause whose
    subject is ``ent`` (or the best one within 12 tokens of it), else a harm noun's phrase
    (:func:`nominal_action`), else the old cue verb's phrase."""
    family = {ent.ent_id_} if ent.ent_id_ else set()
    best = None
    for clause in harm_clauses(span, family):
        own = clause.subject is not None and ent.start <= clause.subject.i < ent.end + 3
        if not own and abs(clause.verb.i - ent.start) > 12:
            continue
        score = clause.score * (2 if own else 1)
        if best is None or score > best[0]:
            best = (score, clause)
    if best is not None and best[0] >= 1.0:
        return best[1].phrase, best[1].target
    if verb is None:
        return None, None
    nominal = nominal_action(verb)
    if nominal:
        return nominal
    return action_phrase(verb), target_phrase(verb)


#: Weight of a harm clause's vote against the cue totals (see :func:`clause_votes`).
CLAUSE_VOTE = 1.0


def clause_votes(sentences: list, family: set[str], weights: Optional[dict[int, float]] = None,
                 floor: float = 1.5, agent: Optional[str] = None) -> dict[str, float]:
    """Action-type votes from harm clauses whose actor is the agent (score >= ``floor``):
    ``{type: sum of clause score x sentence weight}``; added to the cue totals, so that what
    the agent did outweighs harm words about something else ("a restart erases its memory").
    ``agent``: the incident's agent name, so that a bot without a gazetteer entry counts as the
    actor (:func:`agent_score`); the pipeline passes it only when nothing else gives a type."""
    votes: dict[str, float] = {}
    for sentence in sentences:
        weight = (weights or {}).get(sentence.index, 1.0)
        if sentence.heading and BACKGROUND_HEADING.search(sentence.heading):
            continue
        for clause in harm_clauses(sentence.span, family, _key_floor(sentence), agent):
            if clause.score >= floor and clause.kind != "output":
                votes[clause.kind] = votes.get(clause.kind, 0.0) + clause.score * weight
    return votes


def tells_secret_published(sentences: list) -> bool:
    """Pattern action.secret_published (report level): some sentence of the report, about the
    incident or not, tells of a secret that a commit, push or upload carried out
    (``SECRET_PUBLISHED``: "the secret key for our Stripe account was pushed to a public
    repository") -- a sentence that names the host or the key's service is often not counted
    as about the agent, yet it says what the agent's pushes did."""
    return any(SECRET_PUBLISHED.search(s.lower) for s in sentences)


def exposure_not_change(totals: dict[str, float], votes: dict[str, float]) -> None:
    """Pattern action.secret_published: in a report that :func:`tells_secret_published`, the
    commits and pushes scored as ``unauthorized_change`` are the exposure: their points move
    to ``data_exposure`` in ``totals`` and ``votes`` (both changed in place)."""
    for table in (totals, votes):
        moved = table.pop("unauthorized_change", 0.0)
        if moved:
            table["data_exposure"] = table.get("data_exposure", 0.0) + moved
