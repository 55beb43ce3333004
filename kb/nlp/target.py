"""The phrases of a harm clause: what was acted on (the target), what kind of harm the object
makes of a verb (``object_kind``).

Patterns:

- *object noun phrase*: the direct object of the harm verb (``dobj``/``obj``), else the subject
  of a passive harm verb (``nsubjpass``: "the database was deleted"), else the object of a
  verb conjoined with it ("delete and recreate *the environment*"), else the object of a
  locative preposition (``on``/``against``/``in``/``from``/``to``);
- for a command verb (run, execute, issue) the target is what the command ran *against*
  ("ran terraform destroy on *the production infrastructure*"), the command itself only when
  no such phrase is given;
- the phrase keeps compounds, adjectives and numbers before the noun ("production database",
  "entire D: drive"), a short ``of`` complement ("dashboard of client financial data"), a
  place phrase of up to six tokens ("topics in our EU production cluster") and one
  conjoined noun ("production database and backups"); determiners and possessive pronouns
  are dropped; pronouns and empty words ("it", "everything", "command") are not targets;
- a verb of placing (add, insert, inject) targets where it put something ("added bacon *to
  ice cream orders*"); a money object targets what the money went on ("spent $47,000 *in
  API costs*");
- a part names its whole ("deleted most *of the WAL directory*", ``target.partitive``); rights
  on a thing name the thing ("rewrote the permissions *on the system directories*",
  ``target.access_property``);
- a Windows drive letter written "D: drive" is one phrase (the parser splits it at the colon);
- a short definite target ("deleted *the topics*") is named in full by its earlier mention
  that adds a noun ("14 Kafka topics in the EU production cluster"), :func:`fuller_mention`.

The action phrase itself is rendered by :mod:`kb.nlp.phrase`.

``OBJECT_CLASSES`` groups the nouns (lemmas, lower case) that decide what kind of harm a verb
does to its object: stored data, infrastructure, money, secrets, false content, orders.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

#: Word classes of objects (lower-cased words or lemmas), used by ``action`` to type a verb.
OBJECT_CLASSES: dict[str, set[str]] = {
    "data": {"database", "db", "data", "datum", "file", "drive", "partition", "disk", "email", "inbox",
             "message", "repository", "repo", "record", "row", "table", "backup", "folder",
             "directory", "codebase", "volume", "snapshot", "work", "mail", "document", "photo",
             "history", "branch", "commit", "code", "project", "dataset", "collection", "account",
             "schema", "bucket", "log", "content", "change", "copy", "filesystem", "cache",
             "topic", "queue", "index", "event", "stream"},
    "infra": {"environment", "infrastructure", "server", "instance", "cluster", "vpc", "stack",
              "deployment", "container", "node", "ec2", "bucket", "resource", "terraform", "pod",
              "sandbox", "network", "system", "service", "vm", "machine", "production", "rds",
              "ecs", "kubernetes", "k8s", "load", "balancer"},
    "money": {"money", "fund", "funds", "token", "balance", "payment", "dollar", "$", "crypto",
              "coin", "credit", "budget", "cost", "bill", "fee", "usd", "wallet", "eth", "btc",
              "sol", "cash", "tip", "donation", "million", "thousand"},
    "secret": {"key", "credential", "secret", "password", "token", "data", "datum", "record",
               "email", "file", "dataset", "information", "detail", "pii", "message",
               "conversation", "chat", "history", "dashboard", "document", "repository", "repo",
               "customer", "user", "credit", "card", "number", "address", "source", "code",
               "list", "spreadsheet", "csv", "contact", "subscriber", "export"},
    "false": {"incorrect", "wrong", "false", "inaccurate", "fake", "fabricated", "non-existent",
              "nonexistent", "bogus", "misleading", "made-up", "fictional", "fictitious",
              "outdated", "dangerous", "inappropriate", "invented", "erroneous", "nonsensical",
              "hallucinated", "phantom", "imaginary", "bad", "harmful", "unsafe"},
    "offensive": {"poem", "insult", "swear", "profanity", "haiku", "joke", "slur", "abuse"},
    "safeguard": {"test", "tests", "check", "checks", "safeguard", "safeguards", "protection",
                  "guardrail", "guardrails", "monitoring", "alert", "alerts", "security", "approval",
                  "review", "hook", "hooks", "confirmation", "authentication", "firewall", "backup"},
    "giveaway": {"discount", "voucher", "coupon", "refund", "rebate", "giveaway", "freebie",
                 "promo", "markdown", "comp"},
    # what a customer uses or holds, shut off by a block or a switch ("blocked the debit cards",
    # "suspended the accounts", "switched off the smart plug")
    "access": {"card", "account", "access", "login", "subscription", "membership", "plug",
               "device", "power", "heating", "lock", "light", "thermostat", "freezer", "fridge"},
    # what a trading agent holds for its owner: selling it off is a financial loss ("sold half
    # the position", "dumped 40,000 shares")
    "holding": {"share", "shares", "stock", "stocks", "position", "holding", "holdings",
                "portfolio", "bond", "bonds", "equity", "equities"},
    "order": {"order", "orders", "item", "items", "cup", "cups", "nugget", "mcnugget", "meal",
              "drink", "drinks", "upsell"},
    # formal notices an agent sends on an organisation's behalf ("sent final disconnection
    # notices", "mailed eviction letters"): an act outside its remit, not a leak
    "notice": {"notice", "letter", "warning", "reminder", "summons", "demand", "invoice",
               "ultimatum", "termination", "eviction"},
    # what a talking or writing AI puts out: its harm is what the output says ("gave advice to
    # skip meals", "wrote a story accusing ...", "produced images that were inaccurate")
    "output": {"advice", "answer", "answers", "response", "responses", "reply", "replies",
               "instruction", "instructions", "tip", "tips", "recipe", "recipes", "guidance",
               "suggestion", "recommendation", "message", "messages", "post", "posts", "tweet",
               "tweets", "story", "stories", "article", "articles", "image", "images", "picture",
               "pictures", "summary", "summaries", "headline", "headlines", "citation",
               "citations", "review", "reviews", "text", "essay", "explainer", "explainers",
               "recap", "recaps", "remark", "remarks", "comment", "comments", "quote", "quotes",
               "paper", "papers", "diagnosis", "claim", "claims", "statement", "statements",
               "misinformation", "disinformation", "description", "biography", "bio",
               "obituary", "poll", "report", "reports", "transcript", "translation", "case",
               "cases", "ruling", "rulings", "precedent", "precedents", "source", "sources",
               "reference", "references", "link", "links"},
}

#: Dependency labels of what a verb of saying conveys (pattern action.speech_act_output): a
#: clause ("told him *he could* ..."), an infinitive ("told her *to touch* ..."), an object
#: ("praised *Hitler*") or an open predicate ("called itself *MechaHitler*").
SAID_DEPS = {"ccomp", "xcomp", "dobj", "obj", "oprd"}

#: What the verb's clause says does not exist ("a policy that did not exist", "no such
#: rule"): what was told or given was false.
NONEXISTENT = re.compile(r"\b(?:did|does|do) not exist|\b(?:didn't|doesn't|don't) exist|"
                         r"\bnever existed|\bno such\b")

#: Words a command's text uses when it deletes or destroys (``rm -rf``, ``DROP TABLE``).
DESTRUCTIVE_COMMAND = re.compile(
    r"\b(?:rm|rmdir|del|delete\w*|\w*delete|drop|destroy|wipe|purge|truncate|format|mkfs|"
    r"reset --hard|clean -f\w*|prune|push (?:--force|-f)|force[- ]push|terminate|teardown|nuke)\b", re.I)

#: A price cut written as a percentage ("a code worth 80% off"): a giveaway object.
PERCENT_OFF = re.compile(r"\d\s*%\s*off\b|\bper ?cent off\b")

#: Heads of a giveaway object named by its carrier: "discount *codes*", "a gift *card*".
GIVEAWAY_CARRIERS = {"code", "card", "certificate", "coupon", "voucher", "credit", "refund"}


def giveaway(obj: Token) -> bool:
    """Pattern action.giveaway: the object gives money away -- a discount, voucher, coupon or
    refund as the head ("issued refunds"), or a code or card that a giveaway word or a
    percentage off qualifies ("discount codes", "a code worth 80% off"); not information
    about one ("refund information")."""
    head = obj.lemma_.lower()
    if head in OBJECT_CLASSES["giveaway"]:
        return True
    if head not in GIVEAWAY_CARRIERS:
        return False
    words = {t.lemma_.lower() for t in obj.subtree} | {t.lower_ for t in obj.subtree}
    return bool(words & (OBJECT_CLASSES["giveaway"] | {"gift", "free"})) or bool(
        PERCENT_OFF.search(" ".join(t.lower_ for t in obj.subtree)))


#: Heads that are not a target on their own.
EMPTY_HEADS = {"it", "them", "this", "that", "these", "those", "everything", "something", "all",
               "anything", "what", "which", "one", "thing", "things", "command", "commands",
               "action", "actions", "step", "steps", "way", "lot", "itself", "himself", "herself",
               "themselves", "whatever", "nothing", "mistake", "error", "task", "call", "he", "she",
               "they", "we", "you", "i", "me", "us", "him", "her", "who"}
#: Words dropped at the start of a target phrase.
LEADING = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
           "these", "those", "some", "any", "every", "each", "another's", "own"}
#: Prepositions of a short place modifier kept after a target's noun ("advice on the site").
PLACE_PREPS = {"in", "on", "at", "inside", "within"}
#: Adverbs of degree dropped inside a target phrase.
INTENSIFIERS = {"entirely", "completely", "totally", "wholly", "fully", "utterly", "absolutely",
                "very", "extremely", "highly", "largely", "mostly", "really", "fundamentally"}
#: Prepositions of a short scope complement kept after a target's noun ("records *for the
#: login domain*"); see :func:`_scope`.
SCOPE_PREPS = {"for"}
OBJECT_DEPS = ("dobj", "obj")
LOCATIVE = {"on", "against", "in", "from", "to", "into", "across", "inside", "within", "of"}
NOUN_POS = ("NOUN", "PROPN", "NUM")


def words_of(token: Token) -> set[str]:
    """Lower-cased words and lemmas of a token's subtree (for the object classes)."""
    return {t.lower_ for t in token.subtree} | {t.lemma_.lower() for t in token.subtree}


def has_class(token: Token, name: str, limit: int = 14) -> bool:
    """True when ``token``'s right side (itself and the next ``limit`` tokens of its subtree)
    holds a word of ``OBJECT_CLASSES[name]``."""
    words = set()
    for t in token.subtree:
        if token.i <= t.i <= token.i + limit:
            words.update((t.lower_, t.lemma_.lower()))
    return bool(words & OBJECT_CLASSES[name])


def direct_object(verb: Token) -> Optional[Token]:
    """The verb's direct object, or the passive subject, or a conjoined verb's object."""
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            return child
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    for child in verb.children:
        # a particle the parser took for a preposition: "switched off(prt) -> my freezer(pobj)"
        if child.dep_ == "prt":
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB":
            found = next((c for c in child.children if c.dep_ in OBJECT_DEPS), None)
            if found is not None:
                return found
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        # "deleted and recreated the environment": the object hangs on the last conjunct,
        # which the parser may attach to the first one
        return next((c for c in verb.head.children if c.dep_ in OBJECT_DEPS and c.i > verb.i), None)
    return None


#: Entity types of a time, never a place acted on ("ran it *on Friday*").
TIME_ENTS = {"DATE", "TIME"}


def locative_object(verb: Token) -> Optional[Token]:
    """The noun after ``on``/``against``/``in``/``from``/``to`` governed by the verb or by a
    word to its right ("issued a DELETE call *against the API*"), or None; a date or time
    ("on Friday") is not a place."""
    owners = [verb] + [t for t in verb.subtree if t.i > verb.i]
    for child in [c for owner in owners for c in owner.children]:
        if child.dep_ == "prep" and child.lower_ in LOCATIVE - {"of"}:
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.pos_ in NOUN_POS and grand.ent_type_ not in TIME_ENTS:
                    return grand
    return None


#: Entity types whose ``for`` phrase is a duration, price or beneficiary, not a scope.
NOT_SCOPE_ENTS = {"DATE", "TIME", "MONEY", "PERSON", "CARDINAL", "QUANTITY", "PERCENT"}


def _scope(prep: Token, most: int = 6) -> bool:
    """Whether a ``for`` complement names what a thing belongs to or serves ("records for the
    login domain", "an order for a dozen eggs"): at most ``most`` tokens, a noun object, no
    duration, price, amount or person ("emails for several weeks", "for $1", "for Jane")."""
    sub = list(prep.subtree)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return (obj is not None and obj.pos_ in ("NOUN", "PROPN") and 2 <= len(sub) <= most
            and not any(t.ent_type_ in NOT_SCOPE_ENTS or t.like_num for t in sub)
            and obj.lower_ not in EMPTY_HEADS)


def noun_phrase(noun: Token, limit: int = 9, full: bool = False) -> Optional[str]:
    """The noun's phrase without determiners: compounds and adjectives before it, a short ``of``
    complement and one conjoined noun after it. None for pronouns and empty heads.

    With ``full`` (the target as reported, :func:`full_target`), also the post-modifiers that
    place the thing in what it belongs to or serves: a place phrase the parser hung on the verb
    ("deleted the files *in the backup folder*", pattern target.adjacent_place) and the ``for``
    scope of an object-gapped relative clause ("a report it wrote *for the Department of
    Health*", pattern target.relative_scope), within ``FULL_LIMIT`` tokens."""
    limit = max(limit, FULL_LIMIT) if full else limit
    if noun.lower_ in EMPTY_HEADS or noun.pos_ == "PRON":
        return None
    doc = noun.doc
    left = [t for t in noun.subtree if t.i < noun.i and t.dep_ not in ("det", "punct", "relcl", "cc")
            and t.i >= noun.i - 5]
    start = noun.i
    for t in sorted(left, key=lambda t: -t.i):
        if t.pos_ == "VERB" and doc[start].like_num:
            break  # a verb before a number is no modifier: "deleted 14 Kafka topics" (a misparse)
        if t.i == start - 1 or (t.i == start - 2 and doc[start - 1].dep_ in ("punct", "case", "poss")
                                and doc[start - 1].text != ","):
            start = t.i
    end = noun.i + 1
    # "D: drive": a drive letter that the parser cut at its colon
    if end + 1 < len(doc) and doc[end].text == ":" and doc[end + 1].lower_ in ("drive", "partition"):
        end += 2
    right = list(noun.rights)
    colon = next((c for c in right if c.dep_ == "appos" and c.i > end and doc[end].text == ":"), None)
    if colon is not None and max(t.i for t in colon.subtree) + 1 - start <= 20:
        # "the environment: the database, VPC, cluster and load balancers" -- the list names it
        end = max(t.i for t in colon.subtree) + 1
        right = []
    for child in right:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            sub = list(child.subtree)
            # an owner named as a person is not part of the thing ("the database of founder
            # Jane Roe"): pattern target.person_owner
            if len(sub) <= 6 and not any(t.ent_type_ == "PERSON" for t in sub):
                end = sub[-1].i + 1
        elif child.i == end and child.dep_ == "prep" and child.lower_ in SCOPE_PREPS and _scope(child):
            # pattern target.scope_for: "DNS records for the login domain", "an order for eggs"
            end = child.right_edge.i + 1
        elif child.i == end and ((child.dep_ == "prep" and child.lower_ in PLACE_PREPS)
                                 or (child.dep_ == "acl" and child.tag_ == "VBN")):
            # a short place or reduced relative: "quotes in a news article", "mail sent by agents"
            sub = list(child.subtree)
            if len(sub) <= (6 if child.dep_ == "prep" else 4) and sub[-1].i + 1 - start <= limit:
                end = sub[-1].i + 1
        elif child.dep_ == "conj" and child.pos_ in NOUN_POS and child.i - end <= 3:
            sub = [t for t in child.subtree if t.dep_ not in ("relcl", "acl", "prep") or t.i < child.i]
            stop = max(t.i for t in sub if t.i <= child.i + 1) + 1
            if stop - start <= limit:
                end = max(end, stop)
            break
    # intensifiers are not part of the thing's name: "an entirely fictional policy"
    tokens = [t for t in doc[start:end] if not (t.lower_ in LEADING or t.dep_ == "det"
                                                 or (t.pos_ == "ADV" and t.i < noun.i
                                                     and t.lower_ in INTENSIFIERS)
                                                 or (t.dep_ == "poss" and t.pos_ == "PRON"))]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in ("'s", "’s")):
        tokens.pop(0)
    if not tokens:
        return None
    text = doc[tokens[0].i:tokens[-1].i + 1].text
    for t in doc[tokens[0].i:tokens[-1].i + 1]:
        if t.lower_ in LEADING or (t.dep_ == "poss" and t.pos_ == "PRON") or (
                t.pos_ == "ADV" and t.i < noun.i and t.lower_ in INTENSIFIERS):
            text = re.sub(rf"(?<![\w-]){re.escape(t.text)}\s+", "", text, count=1)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-—\"'“”`")
    scope = None
    if full and text and tokens[-1].i == noun.i:
        scope = _relative_scope(noun, end) or _adjacent_place(noun, end)
    if scope is not None:
        text = f"{text} {scope}"
    return text or None


def _adjacent_place(noun: Token, end: int, most: int = 6) -> Optional[str]:
    """Pattern target.adjacent_place: a place phrase right after an object that the parser hung
    on the verb instead ("deleted the files *in the backup folder*"): a ``PLACE_PREPS``
    preposition of the noun's verb at
    token ``end``, of at most ``most`` tokens, whose object is a noun that is no date or time
    ("in seconds", "on Friday"); its text, else None."""
    verb = noun.head
    if noun.dep_ not in OBJECT_DEPS + ("nsubjpass",) or verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.i != end or child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
            continue
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        sub = list(child.subtree)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.lower_ in EMPTY_HEADS \
                or len(sub) > most or any(t.ent_type_ in TIME_ENTS or t.like_num for t in sub):
            return None
        return noun.doc[child.i:sub[-1].i + 1].text
    return None


#: Most tokens of a full target's phrase.
FULL_LIMIT = 12
#: Most tokens of a relative clause's ``for`` scope (pattern target.relative_scope).
RELATIVE_SCOPE = 9


def _relative_scope(noun: Token, end: int) -> Optional[str]:
    """Pattern target.relative_scope: the ``for`` complement of an object-gapped relative clause
    right after the noun ("a report *it wrote for the Department of Health*": "for the
    Department of Health"), when it names a scope (:func:`_scope`, at most ``RELATIVE_SCOPE``
    tokens); None otherwise. The relative clause must have a subject of its own and no object
    (the noun is its object) and start at token ``end``."""
    for child in noun.children:
        if child.dep_ != "relcl" or child.left_edge.i != end or child.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP")
                   for c in child.children) or any(c.dep_ in OBJECT_DEPS + ("ccomp", "xcomp")
                                                    for c in child.children):
            continue
        prep = next((c for c in child.children if c.dep_ in ("prep", "dative")
                     and c.lower_ in SCOPE_PREPS), None)
        if prep is not None and _scope(prep, RELATIVE_SCOPE):
            return prep.doc[prep.i:prep.right_edge.i + 1].text
    return None


def full_target(noun: Optional[Token], phrase: Optional[str]) -> Optional[str]:
    """The target as reported: ``phrase`` (rendered from ``noun`` by :func:`noun_phrase`) with
    the post-modifiers :func:`noun_phrase` keeps with ``full``; ``phrase`` unchanged when it was
    not rendered from ``noun`` alone (a borrowed or trimmed phrase) or ``noun`` is None."""
    if noun is None or not phrase or noun_phrase(noun) != phrase:
        return phrase
    return noun_phrase(noun, full=True) or phrase


def addressee(verb: Token) -> Optional[str]:
    """Pattern target.addressee: the people a claim verb told something ("told *a retired
    teacher* she had won", "assured *customers* that ..."): its noun object or dative, rendered
    by :func:`noun_phrase`; None for a pronoun ("told him") or when there is none."""
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS + ("dative",) and child.pos_ in ("NOUN", "PROPN", "ADJ"):
            return noun_phrase(child)
    return None


#: Verbs whose target is where something was put ("added bacon *to the order*").
PLACING = {"add", "insert", "append", "inject", "put", "place", "write", "commit", "upload"}
#: Objects that only name an edit (pattern target.edit_place): "pushed *a change* to the
#: config", "made changes to the billing rules" -- what was acted on is where it went.
EDIT_NOUNS = {"change", "commit", "update", "patch", "fix", "edit", "modification", "tweak",
              "revision", "amendment"}


def _complement(verb: Token, preps: set[str]) -> Optional[Token]:
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            found = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ in NOUN_POS
                          and g.ent_type_ not in TIME_ENTS), None)
            if found is not None:
                return found
    return None


#: Heads that name a part of a thing (pattern target.partitive): "most *of the WAL directory*".
PARTITIVE = {"part", "half", "most", "rest", "portion", "bulk", "majority", "fraction", "remainder",
             "chunk", "much"}
#: Objects naming who may use a thing (pattern target.access_property): "rewrote the ownership
#: and permissions *on the system directories*" -- what was acted on is the thing.
ACCESS_PROPERTIES = {"ownership", "owner", "permission", "permissions", "acl", "acls"}


def whole_of(noun: Token) -> Token:
    """Pattern target.partitive: for a head naming a part ("a large part of the system
    directories", ``PARTITIVE``) with an ``of`` noun, that noun; else ``noun`` itself."""
    if noun.lemma_.lower() not in PARTITIVE and noun.lower_ not in PARTITIVE:
        return noun
    found = _complement(noun, {"of"})
    return found if found is not None and found.pos_ in ("NOUN", "PROPN") else noun


def target_noun(verb: Token, command: bool = False) -> Optional[Token]:
    """The head noun of a harm verb's target (see the module doc): the first of the place of a
    placing verb or an edit, what money went on, where a command ran, the object (or the object
    inside a clause on an empty object) and a locative noun whose :func:`noun_phrase` is not
    None; None when there is none."""
    def named(token: Optional[Token]) -> Optional[Token]:
        return token if token is not None and noun_phrase(token) else None

    if verb.lemma_.lower() in PLACING:
        place = named(_complement(verb, {"to", "into", "in", "inside"}))
        if place is not None:
            return place
    obj = direct_object(verb)
    if obj is not None and obj.lemma_.lower() in EDIT_NOUNS:
        place = named(_complement(obj, {"to", "into", "on"}) or _complement(verb, {"to", "into", "in", "on"}))
        if place is not None:
            return place
    if obj is not None and obj.lemma_.lower() in ACCESS_PROPERTIES:
        holders = [obj] + [c for c in obj.children if c.dep_ == "conj"] + [verb]
        place = next((p for p in (_complement(h, {"on", "of", "for"}) for h in holders)
                      if p is not None), None)
        if place is not None and named(whole_of(place)) is not None:
            return whole_of(place)
    if obj is not None and (obj.like_num or obj.lower_ in ("$", "usd") or obj.ent_type_ == "MONEY"):
        # "spent $47,000 in API costs": the money is the harm, the costs are the target
        for token in [obj] + [t for t in obj.subtree if t.i > obj.i] + [verb]:
            place = named(_complement(token, {"in", "on", "for"}))
            if place is not None:
                return place
    if command:
        place = named(locative_object(verb))
        if place is not None:
            return place
    noun = direct_object(verb)
    if noun is not None and noun.lower_ in EMPTY_HEADS:
        # "a command that wiped the drive": the clause on the empty noun holds the target
        for child in noun.children:
            if child.dep_ in ("relcl", "acl"):
                inner = direct_object(child)
                if inner is not None:
                    noun = inner
                    break
    if noun is not None:
        noun = whole_of(noun)
    return named(noun) or named(locative_object(verb))


def target_of(verb: Token, command: bool = False) -> Optional[str]:
    """The target phrase of a harm verb (the :func:`noun_phrase` of :func:`target_noun`), or None."""
    noun = target_noun(verb, command)
    return noun_phrase(noun) if noun is not None else None


#: Most words of a target that another mention may name in full (pattern target.fuller_mention).
SHORT_TARGET = 3
#: Determiners that point back to a thing named before ("deleted *the* topics").
DEFINITE = {"the", "these", "those", "this", "that"}


def _content(tokens) -> set[str]:
    """Lower-cased words and lemmas of the nouns among ``tokens`` (no numbers)."""
    return {w for t in tokens if t.pos_ in ("NOUN", "PROPN") and not t.like_num
            for w in (t.lower_, t.lemma_.lower())}


def _phrase_words(noun: Token, phrase: str) -> list[Token]:
    """The tokens around ``noun`` that its rendered ``phrase`` is made of."""
    words = set(re.findall(r"[\w-]+", phrase.lower()))
    doc = noun.doc
    return [t for t in doc[max(0, noun.i - 6):noun.i + 10] if t.lower_ in words]


def fuller_mention(noun: Token, phrase: str, spans, limit: int = 9) -> Optional[str]:
    """Pattern target.fuller_mention: a short target ("deleted *the topics*") named in full
    before in the incident's sentences ("deleted 14 Kafka topics in the EU production
    cluster"): the noun has a definite determiner (``DEFINITE``), and the answer is the first
    noun of ``spans`` (in document order) before it with the same lemma and part of speech
    whose :func:`noun_phrase` keeps every noun of ``phrase`` and adds a noun of its own -- a
    compound, an owner or a complement; an added adjective or number alone does not count
    ("entire production database"). ``phrase`` is the target rendered from ``noun``, at most
    ``SHORT_TARGET`` words, else None is returned; so it is when no mention is fuller."""
    if len(phrase.split()) > SHORT_TARGET or noun.pos_ not in ("NOUN", "PROPN") or not any(
            c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
        return None
    ours = _content(_phrase_words(noun, phrase))
    lemma = noun.lemma_.lower()
    for span in spans:
        for token in span:
            if token.doc is noun.doc and token.i >= noun.i:
                return None  # only an earlier mention is the one "the" points back to
            if token.pos_ != noun.pos_ or token.lemma_.lower() != lemma:
                continue
            found = noun_phrase(token)
            if not found or len(found.split()) > limit or any(
                    t.pos_ in ("VERB", "AUX", "PUNCT") and t.i < token.i
                    for t in _phrase_words(token, found)):
                continue  # a misparse that took a verb or a comma into the noun's phrase
            theirs = _content(_phrase_words(token, found))
            if not ours <= theirs:
                continue
            added = {t.lemma_.lower() for t in _phrase_words(token, found)
                     if t.pos_ in ("NOUN", "PROPN") and not t.like_num} - ours
            if added:
                return found
    return None


#: Words reporting that stored things are no longer there ("the data was gone").
LOSS_WORDS = {"gone", "lost", "wiped", "deleted", "erased", "destroyed", "vanished", "disappeared",
              "emptied", "missing"}


def loss_follows(verb: Token) -> bool:
    """Pattern action.command_then_loss: a command verb whose commands ran against a data store
    or infrastructure ("ran commands against the live database", :func:`locative_object`),
    and the rest of its sentence or the next sentence reports the stored thing lost ("When it
    was over, the production data was gone") without negating it: the commands deleted it."""
    place = locative_object(verb)
    if place is None or not ({place.lemma_.lower(), place.lower_}
                             & (OBJECT_CLASSES["data"] | OBJECT_CLASSES["infra"])):
        return False
    doc = verb.doc
    sent = verb.sent
    after = list(doc[verb.i + 1:sent.end])
    if sent.end < len(doc):
        after += list(doc[sent.end].sent)
    for t in after:
        if t.lower_ in LOSS_WORDS and not any(c.dep_ == "neg" for c in t.children) \
                and not any(c.dep_ == "neg" for c in t.head.children):
            return True
    return False


def _sum(token: Token) -> bool:
    """Whether a token is (part of) a sum of money: a MONEY entity, a currency sign, or a number
    counting a money word ("52 ETH"); a count of other things ("312 emails") is not."""
    if token.ent_type_ == "MONEY" or token.text in ("$", "£", "€"):
        return True
    return token.like_num and token.head.lemma_.lower() in OBJECT_CLASSES["money"]


#: Pronoun objects that point back to an earlier verb's object ("exported the list and sent *it*").
BACK_OBJECTS = {"it", "them", "they", "those", "these", "this"}


def sent_object(verb: Token) -> Optional[Token]:
    """Pattern target.conjunct_chain: the verb's own direct object, or, for a pronoun object,
    the first noun object up a chain of conjoined verbs ("exported *the list*, attached it to a
    message and sent it": "list"); None when the verb has no object of its own."""
    own = next((c for c in verb.children if c.dep_ in OBJECT_DEPS), None)
    current = verb
    while own is not None and own.lower_ in BACK_OBJECTS and current.dep_ == "conj" \
            and current.head.pos_ == "VERB":
        current = current.head
        own = next((c for c in current.children if c.dep_ in OBJECT_DEPS and c.i < verb.i), None)
    return own


def transfer_kind(verb: Token, right: list[Token]) -> Optional[str]:
    """Type of a sending verb (``transfer`` in the lexicon) from what was sent: money ->
    financial_loss, private data or secrets -> data_exposure, formal notices ->
    unauthorized_change (an agent acting on people outside its remit). The sent thing is the
    verb's object (:func:`sent_object`), so that the recipients ("to 1,400 customers") do not
    make a letter a leak; without an object, the words right of the verb decide."""
    obj = sent_object(verb)
    if obj is None or obj.lower_ in BACK_OBJECTS:
        words = {t.lower_ for t in right} | {t.lemma_.lower() for t in right}
        if words & OBJECT_CLASSES["money"] or any(_sum(t) for t in right):
            return "financial_loss"
        return "data_exposure" if words & OBJECT_CLASSES["secret"] else None
    sent = list(obj.subtree)
    words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    if words & OBJECT_CLASSES["money"] or any(_sum(t) for t in sent + right):
        return "financial_loss"
    if {obj.lower_, obj.lemma_.lower()} & OBJECT_CLASSES["notice"]:
        return "unauthorized_change"
    return "data_exposure" if words & OBJECT_CLASSES["secret"] else None


#: Marks that open or close a command's literal text ("ran `docker system prune`").
COMMAND_QUOTES = ('"', "`", "“", "”")


def _in_quotes(token: Token) -> bool:
    """Whether a token lies inside quote marks or backticks of its sentence."""
    before = token.doc.text[token.sent.start_char:token.idx]
    return sum(before.count(q) for q in COMMAND_QUOTES) % 2 == 1 or token.text.strip("`") != token.text


def command_kind(verb: Token, right: list[Token], words: set[str]) -> str:
    """Pattern action.command_harm: a destructive command is typed by the nouns outside its
    quoted text ("ran `docker system prune` and took my *database* with it": data, though the
    command says "system"); with no such noun, by all the words right of the verb."""
    outside = [t for t in right if not _in_quotes(t)]
    said = {t.lower_ for t in outside} | {t.lemma_.lower() for t in outside}
    if said & OBJECT_CLASSES["data"] and not said & OBJECT_CLASSES["infra"]:
        return "delete_data"
    return "destroy_infrastructure" if words & OBJECT_CLASSES["infra"] else "delete_data"


#: What a share price loses: "wiped $100bn off its market value" tells a market loss.
MARKET_WORDS = {"market", "valuation", "capitalisation", "capitalization", "shares", "stock"}


def object_kind(verb: Token, entry: dict) -> Optional[tuple[str, bool]]:
    """(action type, is a command) of a harm-lexicon verb (an entry of
    ``patterns/action_verbs.jsonl``, see ``action.harm_verbs``) given its object's word
    classes, or None when the object makes it harmless."""
    kind = entry["type"]
    said = ("ccomp", "xcomp", "oprd") if kind == "output" else ("ccomp",)
    if entry.get("clause") and not any(c.dep_ in said for c in verb.children):
        return None  # a claim needs what was claimed: "told him he could ...", "told her to ..."
    if kind == "output" and not any(c.dep_ in SAID_DEPS for c in verb.children) and (
            not entry.get("object") or _output_noun(verb) is None):
        return None  # pattern action.speech_act_output: a saying needs what was said
    if entry.get("particle") and not any(c.dep_ == "prt" and c.lower_ == entry["particle"]
                                         for c in verb.children):
        return None
    right = [t for t in verb.subtree if t.i > verb.i][:14]
    obj = direct_object(verb) or (_output_noun(verb) if kind == "output" else None)
    if obj is not None and obj.i < verb.i:
        right += list(obj.subtree)
    words = {t.lower_ for t in right} | {t.lemma_.lower() for t in right}
    need = entry.get("object")
    if need == "giveaway":
        return (kind, False) if obj is not None and giveaway(obj) else None
    if need == "stored" and not words & (OBJECT_CLASSES["data"] | OBJECT_CLASSES["infra"]):
        return None
    if need and need != "stored" and not words & OBJECT_CLASSES[need]:
        if not (need == "false" and (any(c.lower_ in ("wrongly", "incorrectly", "falsely")
                                          for c in verb.children)
                                     or NONEXISTENT.search(verb.doc[verb.i:verb.sent.end].text.lower()))):
            return None
    if kind == "command":
        if not DESTRUCTIVE_COMMAND.search(" ".join(t.text for t in right)) and not loss_follows(verb):
            return None
        return command_kind(verb, right, words), True
    if kind == "transfer":
        sent = transfer_kind(verb, right)
        return (sent, False) if sent else None
    if kind == "destructive":
        if words & MARKET_WORDS or any(t.text in ("$", "£", "€") and t.i + 1 < len(t.doc)
                                       and t.doc[t.i + 1].like_num for t in right[:6]):
            return None  # pattern action.market_loss: "erased $100bn of market value" is no deletion
        heads = set()
        if obj is not None:
            heads = {obj.lemma_.lower(), obj.lower_} | {c.lower_ for c in obj.children
                                                       if c.dep_ == "compound"}
        conj = {c.lemma_.lower() for c in verb.children if c.dep_ == "conj"}
        if conj & {"recreate", "rebuild"}:
            return "destroy_infrastructure", False
        if heads & OBJECT_CLASSES["data"]:
            return "delete_data", False
        if heads & OBJECT_CLASSES["infra"] or words & {"environment", "infrastructure", "terraform"}:
            return "destroy_infrastructure", False
        return "delete_data", False
    return kind, False


def _output_noun(verb: Token) -> Optional[Token]:
    """The noun a participle or object-gapped relative clause of a producing verb modifies: what
    was produced ("citations *generated* by the chatbot", "the images it *produced*"), else
    None (pattern action.output_by_agent)."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") and not any(
            c.dep_ in ("dobj", "obj", "nsubjpass", "ccomp", "xcomp") for c in verb.children) \
            and not any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in verb.children):
        return verb.head
    return None


def typed_entry(verb: Token, entry: dict) -> Optional[tuple[str, bool, dict]]:
    """(action type, is a command, the matching row) of a harm-lexicon entry and its
    alternatives (``entry["or"]``: further rows of the same lemma, tried in file order), or
    None when no row types the verb (:func:`object_kind`)."""
    for row in [entry] + list(entry.get("or", ())):
        typed = object_kind(verb, row)
        if typed is not None:
            return typed[0], typed[1], row
    return None
