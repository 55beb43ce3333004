"""The action phrase of a harm clause: the harm verb and what it governs to its right, in the
simple past, cut at framing adjuncts and new clauses (:func:`action_text`); and the fallback
phrases of a cue verb's clause or a harm noun (:func:`action_phrase`, :func:`nominal_action`).

What the clause acted on (its target) and the kind of harm its object makes of the verb come
from :mod:`kb.nlp.target`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.tokens import Token

from .target import target_of, typed_entry

#: Verbs that carry the deed into their complement ("decided to delete", "went on to wipe").
DECIDE_HEADS = {"decide", "choose", "try", "attempt", "proceed", "opt", "manage", "elect", "keep"}
#: Adverbs kept before the verb ("autonomously deleted"); other adverbs there are hedges or
#: sequence words ("allegedly", "then") and are dropped.
KEPT_ADVERBS = {"autonomously", "independently", "silently", "accidentally", "mistakenly",
                "repeatedly", "unilaterally", "wrongly", "incorrectly", "permanently", "mass",
                "confidently", "quietly", "secretly", "inadvertently", "erroneously", "endlessly",
                "continuously", "rapidly", "falsely"}
#: Possessive determiners of the people harmed, dropped from an action phrase (the agent's own
#: "its" and the ambiguous "their" are kept).
PERSONAL_POSSESSIVES = {"our", "my", "your", "his", "her"}
#: Most words in an action phrase.
PHRASE_WORDS = 16
_QUOTES = {'"', "“", "”", "`"}
_ASIDE = {"—": "—", "–": "–", "(": ")", "[": "]"}
_CLAUSE_MARKS = {"which", "who", "but", "although", "while", "so", "because", "as"}
_VOWELS = "aeiou"


def _read_jsonl(name: str) -> list[dict]:
    with open(Path(__file__).parent / "patterns" / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@lru_cache(maxsize=None)
def irregular_past() -> dict[str, str]:
    """Lemma -> simple past, for irregular verbs and doubled consonants
    (``patterns/action_past.jsonl``)."""
    return {row["lemma"]: row["past"] for row in _read_jsonl("action_past.jsonl")}


@lru_cache(maxsize=None)
def _past_lemmas() -> dict[str, str]:
    """Irregular simple past -> lemma (the inverse of :func:`irregular_past`)."""
    return {past.lower(): lemma for lemma, past in irregular_past().items() if past.lower() != lemma}


def lemma_of(token: Token) -> str:
    """The token's lower-cased lemma, repaired for an irregular past the lemmatizer left as is
    (the tagger took "rewrote" for a present form): the lemma of ``patterns/action_past.jsonl``."""
    lemma = token.lemma_.lower()
    if lemma == token.lower_ and token.lower_ in _past_lemmas():
        return _past_lemmas()[token.lower_]
    return lemma


def past_tense(verb: Token) -> str:
    """The simple past of a present-tense, bare or -ing verb ("deletes"/"deleting" -> "deleted")."""
    if verb.tag_ in ("VBD", "VBN") or not verb.text.isalpha() or verb.lower_ in _past_lemmas():
        return verb.text
    lemma = verb.lemma_.lower()
    if lemma in irregular_past():
        return irregular_past()[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied"
    if (3 <= len(lemma) <= 4 and lemma[-1] not in _VOWELS + "wxy" and lemma[-2] in _VOWELS
            and lemma[-3] not in _VOWELS):
        return lemma + lemma[-1] + "ed"  # "drop" -> "dropped"
    return lemma + "ed"


def _next_word(doc, i: int) -> Optional[Token]:
    """The first token after ``i`` that is not a quote mark or space, or None."""
    for t in doc[i + 1:min(i + 4, len(doc))]:
        if t.text not in _QUOTES and not t.is_space:
            return t
    return None


def _harmful(verb: Token, harm) -> bool:
    """Whether a verb is a harm verb *with a harmful object*: its lemma is in ``harm`` and, when
    ``harm`` maps lemmas to lexicon entries, :func:`object_kind` types it ("while producing no
    useful output" is not harmful although "produce" is a fabrication verb)."""
    lemma = verb.lemma_.lower()
    if lemma not in harm:
        return False
    entry = harm[lemma] if isinstance(harm, dict) else None
    if entry is None:
        return True
    typed = typed_entry(verb, entry)
    # a verb of saying after a comma reports ("..., saying it was sorry"): no added deed
    return typed is not None and typed[0] != "output"


#: Contrast markers whose clause tells what the agent should have done ("instead of
#: suggesting deletions"); annotators keep it in the action phrase.
CONTRAST_MARKS = {("instead", "of"), ("rather", "than")}


def contrast_clause(head: Token, start: int) -> Optional[str]:
    """Pattern action.contrast_clause: a fronted "instead of X" / "rather than X" phrase governed
    by the harm verb or a verb above it ("Instead of suggesting deletions, the agent deleted
    ...") -> "instead of suggesting deletions" (at most 8 words), else None."""
    doc = head.doc
    above = {head.i} | {a.i for a in head.ancestors}
    for t in doc[head.sent.start:start]:
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is None or (t.lower_, nxt.lower_) not in CONTRAST_MARKS:
            continue
        prep = nxt if nxt.head.i in above or nxt.head.i == t.i else t
        if prep.head.i not in above and t.head.i not in above:
            continue
        sub = sorted(set(prep.subtree) | set(t.subtree) | {t, nxt}, key=lambda x: x.i)
        if any(w.i == head.i for w in sub):
            continue  # the harm verb is itself the thing not done ("instead of letting it delete")
        words = [w for w in sub if w.i < start and not w.is_space and w.text not in _QUOTES]
        while words and words[-1].is_punct:
            words.pop()
        if len(words) <= 2 or len(words) > 8 or words[-1].i - words[0].i + 1 != len(words):
            continue
        return doc[words[0].i:words[-1].i + 1].text.lower()
    return None


#: Verbs of asking or permitting whose negation says the deed was not wanted ("which it had
#: not been asked to touch", "that nobody had approved").
PERMISSION_VERBS = {"ask", "tell", "instruct", "allow", "permit", "authorize", "authorise",
                    "approve", "request", "want", "mean", "supposed"}


def unasked_clause(mark: Token) -> bool:
    """Pattern action.unasked_relative: ``mark`` ("which", "that") opens a relative clause that
    says the agent was not asked or allowed to do it ("rewrote the config, which it had not been
    asked to touch"): a negated permission verb (``PERMISSION_VERBS``) heads the clause. Such a
    clause is the unauthorised part of the deed and stays in the action phrase."""
    if mark.lower_ not in ("which", "that"):
        return False
    clause = mark
    for _ in range(4):
        if clause.dep_ in ("relcl", "acl") or clause.head.i == clause.i:
            break
        clause = clause.head
    if clause.dep_ not in ("relcl", "acl"):
        return False
    negated = any(c.dep_ == "neg" or c.lower_ in ("never", "nobody", "no")
                  for c in clause.subtree if c.head.i == clause.i or c.head.head.i == clause.i)
    return negated and clause.lemma_.lower() in PERMISSION_VERBS


#: -ing verbs that report, cite or place the deed rather than add to it ("..., saying it was
#: sorry", "..., following the pattern", "..., citing a bug").
NOT_DEEDS = {"say", "cite", "follow", "accord", "claim", "note", "add", "explain", "tell", "write",
             "describe", "call", "suggest", "prompt", "leave", "begin", "start", "include",
             "use", "work", "try", "attempt", "run", "make", "do", "go", "come", "seem", "appear"}


def participial_deed(ing: Token, words: list[Token], limit: int = PHRASE_WORDS) -> bool:
    """Pattern action.participial_deed: an -ing clause after a comma that tells the agent's next
    or accompanying deed ("deleted the clusters, *wiping their load balancers*", "paid the
    invoice twice, *treating the reminder as new*"): the -ing verb modifies a verb already in
    the phrase (``advcl``/``conj``/``xcomp``), takes an object or a prepositional complement,
    is no reporting or framing verb (``NOT_DEEDS``), and fits whole within ``limit`` words with
    the phrase so far (a deed cut short says less than none)."""
    if ing.dep_ not in ("advcl", "conj", "xcomp") or ing.lemma_.lower() in NOT_DEEDS:
        return False
    so_far = sum(1 for w in words if not w.is_punct)
    if so_far + sum(1 for t in ing.subtree if not t.is_punct) > limit:
        return False
    if ing.head.i not in {w.i for w in words} or ing.head.pos_ != "VERB":
        return False
    return any(c.dep_ in ("dobj", "obj", "prep", "dative") for c in ing.children)


#: Nouns of the exchange in which an AI said something ("during a conversation about ...").
EXCHANGE_NOUNS = {"conversation", "chat", "exchange", "session", "interview", "discussion",
                  "dialogue", "thread", "demo", "demonstration", "livestream"}


def framing_adjunct(token: Token, verb: Token) -> bool:
    """Pattern action.framing_adjunct: a phrase that sets the scene or gives a reason rather
    than adds to the deed -- "during"/"in" + an exchange noun (``EXCHANGE_NOUNS``: "told him
    to die *during an ordinary conversation about* ...") or a "because" clause ("refused the
    requests *because it read them as* ..."), governed by the harm verb or a word after it."""
    if token.i <= verb.i:
        return False
    if token.dep_ == "prep" and token.lower_ in ("during", "in", "amid"):
        obj = next((c for c in token.children if c.dep_ == "pobj"), None)
        return obj is not None and obj.lemma_.lower() in EXCHANGE_NOUNS
    return token.dep_ == "mark" and token.lower_ in ("because", "since") and token.head.i > verb.i


def comment_phrase(after: Token) -> bool:
    """Pattern action.comment_phrase: after a comma, a new noun phrase that comments on what came
    before rather than lists another thing (", *an exchange* his sister described as ...",
    ", *advice* that came from a joke"): a determiner or noun opening a phrase whose head is no
    conjunct and has a clause or modifier of its own."""
    noun = after.head if after.dep_ == "det" else after
    if noun.pos_ != "NOUN" or noun.dep_ in ("conj", "pobj", "dobj", "compound") or noun.i < after.i:
        return False
    return any(c.dep_ in ("relcl", "acl") for c in noun.children) or noun.dep_ in ("appos", "npadvmod")


#: Most words between the quote marks of a quoted modifier.
QUOTED_MODIFIER_WORDS = 6


def quoted_modifier(mark: Token) -> Optional[int]:
    """Pattern action.quoted_modifier: an opening quote mark after a determiner or adjective
    opens a short quoted modifier of the noun right after the closing mark ("invented a *"beat
    by 10%" guarantee*", "sent a "final notice" letter"); the parser often takes the quoted
    words for a verb and hangs the noun elsewhere. Returns the index of that noun, so the phrase
    keeps the noun phrase whole, else None."""
    doc = mark.doc
    if mark.text not in _QUOTES and mark.tag_ != "``" or mark.i == 0 \
            or doc[mark.i - 1].pos_ not in ("DET", "ADJ", "NUM"):
        return None
    for j in range(mark.i + 2, min(mark.i + QUOTED_MODIFIER_WORDS + 2, len(doc) - 1)):
        if doc[j].text in _QUOTES or doc[j].tag_ == "''":
            noun = doc[j + 1]
            return noun.i if noun.pos_ in ("NOUN", "PROPN") else None
    return None


def _phrase_tokens(head: Token, verb: Token, start: int, skip: set[int], limit: int,
                   harm=frozenset()) -> list[Token]:
    """Tokens of ``head``'s subtree from ``start``, in order, minus ``skip``: stops at a gap, at
    ``;`` or a colon (not a drive letter's), at a new clause after a comma once the harm verb
    is in (", which", ", following ..." unless the -ing verb is in ``harm``; a quote mark
    between is skipped), at "while" + a non-harm -ing verb (the task it was on), at ``limit``
    words; quote marks are dropped and a closed dash or bracket aside is skipped."""
    doc = head.doc
    # sorted: a non-projective parse (a fronted relative pronoun) yields the subtree out of order
    tokens = sorted((t for t in head.subtree if t.i >= start and t.i not in skip), key=lambda t: t.i)
    words: list[Token] = []
    i = 0
    resumed = False
    while i < len(tokens):
        t = tokens[i]
        if words and not resumed and t.i != words[-1].i + 1 and \
                doc[words[-1].i + 1].text not in _QUOTES and not doc[words[-1].i + 1].is_space \
                and not all(j in skip for j in range(words[-1].i + 1, t.i)):
            break  # a gap; one left by skipped words ("was told [by the bot] that ...") is none
        resumed = False
        if t.text in _ASIDE and words:
            close = next((j for j in range(i + 1, min(i + 16, len(tokens)))
                          if tokens[j].text == _ASIDE[t.text]), None)
            if close is None or close + 1 >= len(tokens):
                break
            i, resumed = close + 1, True
            continue
        quoted = quoted_modifier(t)
        if quoted is not None and words:
            words.extend(w for w in doc[t.i:quoted + 1] if not w.is_space)  # quote marks kept
            break  # the parser split the noun phrase at the quote: nothing after it is governed
        if t.pos_ == "ADP" and words and t.i + 1 < len(doc) and doc[t.i + 1].tag_ in ("WP", "WDT"):
            break  # "... in what she described as ..."
        if t.text == ";" or (t.text == ":" and not (len(doc[t.i - 1].text) == 1 and t.i + 1 < len(doc)
                                                      and doc[t.i + 1].lower_ in ("drive", "partition"))):
            if words:
                break
        after = _next_word(doc, t.i)
        if t.text == "," and words and after is not None and words[-1].i >= verb.i and (
                (after.lower_ in _CLAUSE_MARKS and not unasked_clause(after))
                or comment_phrase(after)
                or (after.tag_ == "VBG" and not _harmful(after, harm)
                    and not participial_deed(after, words, limit))):
            break  # a new clause: ", which ...", ', following the pattern ...' (also ',"')
        if t.lower_ == "while" and t.dep_ == "mark" and words and words[-1].i >= verb.i \
                and t.head.tag_ == "VBG" and not _harmful(t.head, harm):
            break  # the task it was on: "deleted X while working a staging task"
        if words and words[-1].i >= verb.i and framing_adjunct(t, verb):
            break
        if t.text not in _QUOTES and not t.is_space:
            words.append(t)
        if sum(1 for w in words if not w.is_punct) >= max(limit, verb.i - start + 6):
            break
        i += 1
    while words and (words[-1].is_punct or words[-1].dep_ in ("cc", "prep", "det", "mark", "aux",
                                                               "poss", "amod", "compound", "nummod")
                     or (words[-1].pos_ in ("CCONJ", "ADP", "DET", "SCONJ", "PART")
                         and words[-1].dep_ != "prt")  # a particle ends a verb: "give up"
                     or words[-1].tag_ in ("WDT", "WP")):
        words.pop()
    return words


def action_text(head: Token, verb: Token, passive: bool = False, keep_aux: bool = False,
                passive_target: Optional[str] = None, limit: int = PHRASE_WORDS,
                harm=frozenset()) -> str:
    """The action as a short verb phrase in the simple past.

    Starts at ``head`` (the harm verb, or the agent's verb governing it), lifted to a carrying
    verb above it ("decided to delete"), with an adjacent kept adverb ("autonomously"); takes
    what the head governs to its right (:func:`_phrase_tokens`), without the subject. The head
    and verbs conjoined with it are put in the simple past ("deletes ... and lies" -> "deleted
    ... and lied"). A passive harm verb is made active with its subject as object ("the
    database was deleted by the agent" -> "deleted the database"); ``keep_aux`` keeps the
    auxiliary of a hijacked agent ("was tricked into ..."); ``passive_target`` is the passive
    subject's phrase; ``harm`` holds the harm-verb lemmas (kept after a comma).
    """
    doc = head.doc
    if head.dep_ == "xcomp" and head.head.lemma_.lower() in DECIDE_HEADS:
        head = head.head
    start = head.i
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_:
        start -= 2  # "mass-deleting"
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.i == start - 1 and (child.lower_ in KEPT_ADVERBS
                                     or (keep_aux and child.dep_ in ("auxpass", "aux"))):
            start = child.i
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj") or (child.dep_ in ("aux", "auxpass")
                                                             and child.i > start):
            skip.update(t.i for t in child.subtree)
        if passive and child.dep_ in ("agent", "conj", "cc"):
            skip.update(t.i for t in child.subtree)
    words = _phrase_tokens(head, verb, start, skip, limit, harm)
    if not words:
        return verb.text
    out = []
    kept = {t.i for t in words}
    tensed = {head.i}
    for t in words:
        if t.tag_ == "PRP$" and t.lower_ in PERSONAL_POSSESSIVES and t is not words[0]:
            continue  # the victim's voice ("wiped his drive", "deleted our database")
        if t.dep_ == "conj" and t.head.i in tensed and t.pos_ == "VERB":
            tensed.add(t.i)
        spaced = t.whitespace_ or (t.i + 1 < len(doc) and doc[t.i + 1].text in _QUOTES
                                   and doc[t.i + 1].whitespace_
                                   and t.i + 1 not in kept)  # a dropped closing quote
        word = past_tense(t) if t.i in tensed else t.text
        if passive and t.i == head.i and t.tag_ == "VBN":
            word = irregular_past().get(lemma_of(t), word)  # made active: "written" -> "wrote"
        out.append(word + (" " if spaced else ""))
    text = "".join(out).strip(" ,;:-—\"'“”`")
    text = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s+", " ", text))
    text = re.sub(r"\s+#\d+$", "", text)  # an issue title's number: "wiped home directory #812"
    if passive:
        target = passive_target or target_of(verb)
        if target and target.lower() not in text.lower():
            first, _, rest = text.partition(" ")
            text = f"{first} {target} {rest}".strip()
    aside = contrast_clause(head, start)
    if aside and aside not in text.lower():
        text = f"{text} {aside}"
    first = doc[words[0].i]
    if text[:1].isupper() and not text[1:2].isupper() and first.ent_type_ == "" \
            and first.pos_ != "PROPN":
        text = text[0].lower() + text[1:]
    return text


# --- fallbacks: a cue verb's clause, a harm noun ---------------------------------------------

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


#: Harm nouns and the verb phrase they name ("database deletion" -> "deleted database").
NOMINAL_PAST = {"deletion": "deleted", "destruction": "destroyed", "wipe": "wiped",
                "wipeout": "wiped", "leak": "leaked", "exposure": "exposed", "exfiltration":
                "exfiltrated", "fabrication": "fabricated", "overwrite": "overwrote"}


#: Nouns without an article in a rendered phrase ("deleted data", not "deleted a data").
MASS_NOUNS = {"data", "datum", "information", "code", "content", "infrastructure", "email", "mail",
              "money", "work", "history", "storage", "software"}


def nominal_action(token: Token) -> Optional[tuple[str, Optional[str]]]:
    """(action, target) from a harm noun and its modifiers: "the Replit database deletion",
    "drive-deletion incident" -> ("deleted database", "database"); None for other tokens."""
    doc = token.doc
    noun = token
    if token.lower_ not in NOMINAL_PAST:
        return None
    mods = [t for t in doc[max(0, noun.i - 3):noun.i] if t.pos_ in ("NOUN",) and t.ent_type_ == ""
            and t.text != "-"]
    target = " ".join(t.text for t in mods) or None
    if not target:
        return NOMINAL_PAST[noun.lower_], None
    # rendered as a verb phrase: a singular count noun takes "a" ("deleted a database")
    article = "a " if mods[-1].tag_ == "NN" and mods[-1].lemma_.lower() not in MASS_NOUNS else ""
    return f"{NOMINAL_PAST[noun.lower_]} {article}{target}", target
