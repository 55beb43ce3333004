"""What the agent did: the action phrase, its ``action_type`` and its target.

A sentence is scored for each action type by cue patterns over lemmas (``ACTION_CUES``):

- a *destructive verb* (delete, wipe, erase, drop, destroy, ...) whose object or sentence names
  infrastructure (environment, server, cluster, ``terraform destroy``) -> destroy_infrastructure,
  or data (database, drive, inbox, files, records) -> delete_data;
- hijack vocabulary (prompt injection, injected, hijacked, malicious, supply chain) -> compromised_agent;
- leak vocabulary (leaked, exposed, exfiltrated, public URL, credentials) -> data_exposure;
- money vocabulary (API costs, bill, sent tokens, purchased, ``$``) -> financial_loss;
- invention vocabulary (fabricated, invented, hallucinated, fake, inaccurate advice) -> fabrication;
- change-without-consent vocabulary (without permission, code freeze, cancelled, pushed) ->
  unauthorized_change.

The report's action type is the best-scoring type over the sentences about the incident,
ties broken by ``SEVERITY``. The action phrase is the cue verb's clause (verb and what it
governs); the target is the verb's object noun phrase without determiners.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token
from spacy.util import registry

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


@registry.misc("kb.action_cues.v1")
def action_cues() -> dict[str, list[str]]:
    """Regular expressions (over the lower-cased sentence) that signal each action type.

    The destructive-verb types (delete_data, destroy_infrastructure) are found from lemmas
    and nouns instead, see :func:`score_sentence`.
    """
    return {
        "compromised_agent": [r"prompt[- ]injec", r"\binjected\b", r"\bhijack", r"supply[- ]chain",
                              r"\bmalicious (?:prompt|instruction|code|script|version|release|package)",
                              r"\btrojan", r"\bbackdoor", r"\btricked\b", r"\bmanipulated\b",
                              r"\bjailbr[eo]", r"\bwiper\b", r"\bpoisoned\b"],
        "data_exposure": [r"\bleak(?:ed|s|ing)?\b", r"\bexpos(?:ed|ing|ure)\b", r"\bexfiltrat",
                          r"public url", r"\bpublicly accessible\b", r"\bcross-tenant\b",
                          r"\b(?:api key|credentials|secrets?|tokens?) (?:were|was) (?:read|stolen|exposed)",
                          r"\b(?:read|stole|harvested|dumped|copied|accessed) (?:the |its |their )?(?:[\w-]+ ){0,3}"
                          r"(?:credentials|secrets|passwords|api keys|tokens|datasets)\b",
                          r"\bblind[- ]cop(?:ied|y|ies)\b", r"\bbcc(?:'d|ed)\b",
                          r"\breturn(?:ed|s|ing)? (?:[\w-]+ ){0,3}(?:data|records|files|documents|messages|results) "
                          r"(?:belonging to|of|from) (?:an)?other\b", r"\bprivate data\b", r"\bdata breach\b"],
        "financial_loss": [r"\bapi (?:costs?|bills?|charges|spend)", r"\bbill(?:ed)?\b",
                           r"\bran up\b", r"\bburn(?:ed|t|ing)? (?:through )?(?:api )?(?:tokens|credits|budget)",
                           r"\bsent (?:its|the|his|her|their)? ?(?:entire )?(?:balance|tokens|funds|money)",
                           r"\btransferr?ed\b", r"\bpurchas(?:ed|ing)\b", r"\bbought\b",
                           r"\bdeplet", r"\binfinite loop", r"\bloop(?:ed|ing)? for\b"],
        "fabrication": [r"\bfabricat", r"\binvent(?:ed|ing)\b", r"\bhallucinat", r"\bmade[- ]up\b",
                        r"\bnon-?existent\b", r"\bfake\b", r"\bfictional\b", r"\bfictitious\b",
                        r"\bbogus\b", r"\binaccurate (?:advice|guidance|information|answers?|prices?)",
                        r"\b(?:incorrect|false|wrong|misleading) (?:information|advice|guidance|answers?|policy|claims?)",
                        r"\bmisinformation\b", r"\bcontradict"],
        "unauthorized_change": [r"without (?:permission|approval|authori[sz]ation|consent|asking)",
                                r"code (?:and action )?freeze", r"\bunauthori[sz]ed (?:changes?|commands?|actions?)",
                                r"\bcancel(?:l?ed|l?ing)\b", r"\bpushed\b", r"\bforce[- ]push",
                                r"\bmodified\b", r"\bchanged (?:the )?(?:config|configuration|settings|code)",
                                r"\bmerged\b", r"\bdisabled (?:the )?(?:tests?|checks?|safeguards?)"],
        "other": [r"\bswear", r"\bswore\b", r"\bprofan", r"\bcurs(?:ed|ing)\b", r"\binsult",
                  r"\bpoem", r"\bupsell", r"\bkept adding\b", r"\bdeepfake", r"\binappropriate\b"],
    }


_COMPILED = {kind: [re.compile(p) for p in pats] for kind, pats in action_cues().items()}


@dataclass
class ActionHit:
    """The best evidence in one sentence: type, score, the cue token (if a verb) and target."""

    action_type: str
    score: float
    verb: Optional[Token]


def _destructive(span: Span) -> list[tuple[str, Token]]:
    """(type, verb) for destructive verbs; the type follows the nouns of the verb's clause."""
    hits = []
    lower = span.text.lower()
    for token in span:
        lemma = token.lemma_.lower()
        if lemma not in DESTRUCTIVE_VERBS and token.lower_ not in DESTRUCTIVE_VERBS:
            continue
        if token.pos_ not in ("VERB", "NOUN", "PROPN") and lemma != "rm":
            continue
        words = {t.lower_ for t in token.subtree} | {t.lower_ for t in token.head.subtree}
        if lemma in {"recreate", "tear"} or words & INFRA_NOUNS or "terraform destroy" in lower:
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
    return scores


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


def action_phrase(verb: Token, limit: int = 18) -> str:
    """The verb and what it governs to its right (its clause minus the subject), at most ``limit`` tokens."""
    head = verb
    if head.dep_ in ("xcomp",) and head.head.lemma_ in ("decide", "choose", "try", "attempt"):
        head = head.head
    tokens = [t for t in head.subtree if t.i >= head.i][:limit]
    if not tokens:
        return verb.text
    words = verb.doc[tokens[0].i:tokens[-1].i + 1].text
    return words.strip(" ,;:-—\"'“”")


def target_phrase(verb: Token) -> Optional[str]:
    """The object of the action verb as a short noun phrase ("production database"), or None."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr")]
    if not objects:
        for child in verb.children:
            if child.dep_ == "prep":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    break
    if not objects:
        return None
    noun = objects[0]
    words = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod", "nummod")
             and t.i >= noun.i - 4]
    start = min([t.i for t in words] + [noun.i])
    phrase = noun.doc[start:noun.i + 1].text
    if noun.lower_ in ("it", "them", "this", "that", "everything"):
        return None
    return phrase


#: A hijacked agent's harm (a leak, a wipe) follows from the hijack: ``compromised_agent`` wins
#: when its score is at least this share of the best type's.
HIJACK_SHARE = 0.5


def best_type(totals: dict[str, float]) -> Optional[str]:
    """The type with the highest total score; ties broken by SEVERITY. None when all are 0.

    ``compromised_agent`` wins with at least ``HIJACK_SHARE`` of the best score: a trojanised
    tool that leaks mail, or an injected prompt that wipes files, is a hijack first.
    """
    best = None
    for kind in SEVERITY:
        if totals.get(kind, 0) > 0 and (best is None or totals[kind] > totals[best]):
            best = kind
    if best and totals.get("compromised_agent", 0) >= HIJACK_SHARE * totals[best]:
        return "compromised_agent"
    return best
