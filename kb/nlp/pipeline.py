"""``analyze_text``: one report in, a :class:`DocumentAnalysis` out.

Stages: language check (non-English text is not parsed: ``foreign`` screens it) -> sentences
(``segment``) -> relevance -> who (agent, vendor) -> the sentences about the primary incident
-> action, blast radius, deployer, blame, date -> secondary mentions (other agents named with
a past harmful action). Every value set on a Mention gets an Evidence pointing at the sentence
it came from.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.language import Language

from . import action as act
from . import blast_radius as br
from .blame import decide, statement_summary, statements
from .prefilter import language_of, rule_out
from .deployer import IN_HOUSE, choose_deployer, known_makers, sentence_deployer
from .actors import incident_family, incident_references
from .entities import BOT_NOUNS, count_who, full_company_name, org_name, sentence_bots, publishers
from .gazetteer import (add_gazetteer, family_vendor, is_model, load_gazetteer, sole_agent_of, vendor_of,
                        vendor_runs_it)
from .model import load_model
from .occurred import dates_in, occurred
from .relevance import THRESHOLD, action_scores, features, score
from .segment import Sentence, evidence, split_sentences
from .target import fuller_mention
from .types import DocumentAnalysis, Mention

#: Header keys whose value names the acting product ("Technology: Replit's AI assistant").
PRODUCT_KEYS = ("technology", "agent", "product", "software", "tool", "affected software", "system")


@lru_cache(maxsize=None)
def get_pipeline() -> Language:
    """The shared spaCy model with the agent/vendor gazetteer added (loaded once)."""
    return add_gazetteer(load_model())


def _weights(sentences: list[Sentence], title: Optional[str]) -> dict[int, float]:
    """Sentence index -> weight: the title and lead count 3x/2x, product header lines 2x."""
    weights = {}
    title_lower = (title or "").strip().lower()
    for sentence in sentences:
        weight = 1.0
        if sentence.line == 0 or (title_lower and sentence.lower.strip() == title_lower):
            weight = 3.0
        elif sentence.index < 6:
            weight = 2.0
        if sentence.key and sentence.key.startswith(PRODUCT_KEYS):
            weight = max(weight, 2.5)
        weights[sentence.index] = weight
    return weights


def _ids(sentence: Sentence) -> set[str]:
    """Canonical agent and vendor ids named in a sentence."""
    return {e.ent_id_ for e in sentence.span.ents if e.label_ in ("AGENT", "VENDOR")}


def _family(agent: Optional[str], vendor: Optional[str]) -> set[str]:
    """Ids that belong to the same incident actor: the agent, its vendor, and models."""
    return incident_family(agent, vendor)


def _first(sentences: list[Sentence], wanted: str, labels=("AGENT", "VENDOR", "ORG")) -> Optional[Sentence]:
    for sentence in sentences:
        for ent in sentence.span.ents:
            if ent.label_ in labels and (ent.ent_id_ == wanted or ent.text.strip(" '’s") == wanted):
                return sentence
    return None


def _choose_actor(who, sentences) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(agent, vendor, bot owner) of the primary incident from the weighted counts."""
    agent = vendor = None
    owner = who.bot_owners.most_common(1)[0][0] if who.bot_owners else None
    if who.agents:
        # equal weights: the agent whose vendor the report names more ("Google's new agent IDE")
        agent, top = max(who.agents.items(),
                         key=lambda item: (item[1], who.vendors.get(vendor_of(item[0]) or "", 0.0)))
        products = [a for a, n in who.agents.most_common() if not is_model(a) and n >= top * 0.5]
        # pattern who.service_model: a model that is also its maker's public app ("Gemini") stays
        # the agent unless a product of the report weighs as much as it does
        if is_model(agent) and products and not (vendor_runs_it(agent) and who.agents[products[0]] < top):
            agent = products[0]
        hijacked = next((a for a, w in who.hijacked.most_common() if w >= 2 and a != agent), None)
        if hijacked and not who.hijacked.get(agent):
            agent = hijacked  # a bot tricked into acting is the agent, not the product it harmed
        vendor = vendor_of(agent) or family_vendor(agent) or who.unlisted.get(agent)
        if who.system_owners and not who.hijacked.get(agent):
            # pattern who.system_owner_outweighs: a product named in passing ("a Beta car with
            # Foo engaged", an earlier crash) is not the agent of a report that writes another
            # owner's system ("Acme's self-driving software") at least twice as often
            owner_name, owner_weight = who.system_owners.most_common(1)[0]
            if owner_weight >= 2 * who.agents[agent] and owner_name not in (vendor, vendor_of(agent)):
                agent = vendor = None
    top_org = who.orgs.most_common(1)[0][0] if who.orgs else None
    named, named_weight = next(((n, w) for n, w in who.named_bots.most_common() if len(n) >= 3),
                               (None, 0.0))
    if named and agent and not is_model(agent) and named_weight < 0.4 * who.agents[agent] \
            and not who.support_owners.get(agent):
        named = None  # a bot named in passing (a comparison) is not the report's agent;
        # but a product's own support bot ("Cursor's AI support agent ... Sam") is the agent
    if named:
        # a bot with its own name ("Olive", "Sam") is the agent; the product it runs on gives
        # the vendor, unless that is only a model (Gemini): then the organisation running it
        if agent is None or is_model(agent):
            maker = vendor_of(agent) or family_vendor(agent)
            # a model's maker named more than any other organisation runs its own named copy
            # ("Anthropic ... an instance of Claude, nicknamed Claudius"); once, in passing, it
            # only names the model ("built on OpenAI's GPT-3")
            if not (maker and not owner and who.vendors.get(maker, 0.0) > max(who.orgs.get(top_org, 0.0), 1.0)):
                vendor = owner or _name_prefix_maker(who, named) or _listed_maker(who, top_org) or top_org
                if vendor in (named, None) and re.search(r"\s(?:Assist|Assistant|Copilot)$", named):
                    # pattern who.maker_named_assistant: "Acme Assist" is no company; Acme is
                    vendor = named.rsplit(None, 1)[0]
        agent = named
    if vendor is None:
        if owner and owner in who.vendors:
            vendor = owner
        elif who.vendors:
            # a bot with its own name is not made by the maker of the model it runs on
            skip = _model_makers(who) if named else set()
            vendor = next((v for v, _ in who.vendors.most_common() if v not in skip), None)
        elif owner:
            vendor = owner
    if agent is None and not named and not who.bot_owners and who.system_owners:
        # pattern who.system_owner: a system named by its function ("Uber's self-driving car",
        # "a Beta robotaxi", "Acme's pricing algorithm") belongs to the one written as its owner
        # -- its maker, unless a maker phrase names another ("software made by Acme")
        vendor = who.system_owners.most_common(1)[0][0]
        owner = owner or vendor
    if who.makers:
        # the text names who built the bot ("the company behind the chatbot"): that is the
        # vendor, even when the bot runs on a known model or product ("ChatGPT-powered")
        vendor = who.makers.most_common(1)[0][0]
    if agent is None and vendor is None and top_org:
        # an unnamed bot of a company the gazetteer does not know (an airline's chatbot)
        vendor = top_org
    if agent is None and vendor:
        agent = sole_agent_of(vendor)
    if vendor and vendor not in who.vendors and vendor != vendor_of(agent) and vendor != agent:
        # pattern who.full_company_name: "Kindred" written once in full as "Kindred Labs"
        full = full_company_name(vendor, " ".join(s.text for s in sentences), agent)
        if owner == vendor:
            owner = full
        vendor = full
    return agent, vendor, owner


def _persona_of_service(who, agent: Optional[str], vendor: Optional[str],
                        about: list[Sentence]) -> Optional[tuple[str, Sentence, str]]:
    """Pattern deployer.persona_of_service: a bot with its own name, not in the gazetteer
    ("Big sis Billie"), in a report whose gazetteer agents include a public service of the
    same vendor ("Meta AI", ``"service": true``): a persona of that service, which its vendor
    runs -- ``(vendor, evidence sentence, rule)``; None otherwise."""
    if not (agent and vendor and about) or agent in who.agents or vendor_of(agent):
        return None
    service = next((a for a in who.agents if vendor_runs_it(a) and vendor_of(a) == vendor), None)
    if service is None:
        return None
    where = next((s for s in about if agent in s.text), about[0])
    return vendor, where, "deployer.persona_of_service"


def _name_prefix_maker(who, named: str) -> Optional[str]:
    """Pattern who.name_prefix_maker: a bot named with its maker's name in front ("Acme
    Autopilot", "Acme Assist") is made by the organisation the report names by that prefix
    ("Acme said ..."); None when the name has one word or no organisation matches its start."""
    words = named.split()
    for size in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:size])
        if who.orgs.get(prefix) or who.vendors.get(prefix):
            return prefix
    return None


def _model_makers(who) -> set:
    """Vendors of the models (``role: model``) a report names."""
    return {vendor_of(a) or family_vendor(a) for a in who.agents if is_model(a)}


def _listed_maker(who, top_org: Optional[str]) -> Optional[str]:
    """Pattern who.listed_bot_maker: for a bot with its own name and no known product, the
    gazetteer vendor the report names (a chatbot company: "Olivia, built by Acme HR") when it
    makes none of the models named (a bot running on GPT-3 was not built by OpenAI) and weighs
    at least half as much as the most-named organisation; else None."""
    model_makers = _model_makers(who)
    floor = 0.5 * who.orgs.get(top_org, 0.0) if top_org else 0.0
    return next((v for v, w in who.vendors.most_common() if v not in model_makers and w >= floor), None)


def _guessed_vendor(who, agent: Optional[str], vendor: Optional[str], owner: Optional[str],
                    report: str) -> int:
    """How weak ``vendor`` is: 0 when something names it (a gazetteer vendor, a maker or bot
    owner the text names, the vendor of the agent); else it rests on nothing but being the
    report's most-named organisation: 1 when the report names it only once (in passing:
    "Acme, which is being taken over by Beta"), 2 when more often."""
    top_org = who.orgs.most_common(1)[0][0] if who.orgs else None
    if not vendor or vendor != top_org or vendor in who.vendors or vendor in who.makers or \
            vendor == owner or vendor_of(agent) or who.unlisted.get(agent) == vendor:
        return 0
    return 1 if len(re.findall(rf"(?<![\w-]){re.escape(vendor)}(?![\w-])", report)) == 1 else 2


def _companies(vendor: Optional[str], deployer_name: Optional[str], owner: Optional[str],
               agent: Optional[str] = None) -> set[str]:
    """Lower-cased names and aliases of the companies that can speak for the incident.

    A product named after its maker ("Cursor said", "Replit said") speaks for the vendor.
    """
    names = {n.lower() for n in (vendor, deployer_name, owner, agent) if n}
    for entry in load_gazetteer():
        if entry["id"].lower() in names:
            names.update(a.lower() for a in entry["aliases"])
    return names


def _primary(text: str, sentences: list[Sentence], weights: dict[int, float],
             published: Optional[str]) -> tuple[Optional[Mention], set[str]]:
    """The primary mention (or None when no actor is found) and its family of ids."""
    who = count_who(sentences, weights)
    agent, vendor, owner = _choose_actor(who, sentences)
    guessed = _guessed_vendor(who, agent, vendor, owner, text)
    if agent is None and vendor is None and not who.regulated:
        return None, set()
    # pattern who.regulator: a report whose only organisations are regulators speaking about the
    # system still tells an incident; its actor is left unknown rather than taken from them
    family = _family(agent, vendor)
    mention = Mention(primary=True, agent=agent, vendor=vendor)
    for field, value in (("agent", agent), ("vendor", vendor)):
        if value:
            where = _first(sentences, value) or _first(sentences, agent or vendor)
            if where is None and field == "agent":
                where = next((s for s in sentences if value in s.text), None)
            if where is None:
                where = sentences[0]
            rule = "who.system_owner" if field == "vendor" and agent is None and \
                who.system_owners.get(value) else "who.weighted_mentions"
            mention.evidence.append(evidence(text, where, field, value, rule=rule, confidence=0.8))

    incident = {s.index for s in sentences if not (_ids(s) - family) or (_ids(s) & family)}
    about = [s for s in sentences if s.index in incident]

    totals: dict[str, float] = {}
    best: dict[str, tuple[float, Sentence, object]] = {}
    for sentence in about:
        for kind, (points, verb) in action_scores(sentence).items():
            weighted = points * weights.get(sentence.index, 1.0)
            totals[kind] = totals.get(kind, 0.0) + weighted
            if verb is not None and (kind not in best or weighted > best[kind][0]):
                best[kind] = (weighted, sentence, verb)
    votes = act.clause_votes(about, family, weights)
    if not any(totals.values()) and not votes and agent:
        # no cue and no vote: the deeds of the agent named by text alone decide the type
        votes = act.clause_votes(about, family, weights, agent=agent)
    for vote, points in votes.items():
        totals[vote] = totals.get(vote, 0.0) + act.CLAUSE_VOTE * points
    if act.tells_secret_published(sentences):
        act.exposure_not_change(totals, votes)
    kind = act.best_type(totals, votes)
    if kind:
        mention.action_type = kind
        if kind in best:
            mention.evidence.append(evidence(text, best[kind][1], "action_type", kind,
                                             rule="action.cues"))
        else:
            sentence = next((s for s in about if kind in action_scores(s)), None)
            if sentence is not None:
                mention.evidence.append(evidence(text, sentence, "action_type", kind,
                                                 rule="action.cues"))
    _set_action(text, mention, about, family, kind, weights, best.get(kind))
    if kind is None and about:
        # pattern action.no_listed_type: a relevant report whose harm fits no listed type (a
        # chatbot that kept a teenager talking) is the vocabulary's "other"
        mention.action_type = "other"
        mention.evidence.append(evidence(text, about[0], "action_type", "other",
                                         rule="action.no_listed_type", confidence=0.3))

    _set_blast_radius(text, mention, about)

    self_hit = bool(vendor and mention.systems and any(
        vendor_of(s) == vendor or s.lower() in _companies(vendor, None, None) for s in mention.systems))
    found = choose_deployer(sentences, vendor, agent, incident, self_hit, owner,
                            sentences[0].lower if sentences else "")
    if found is None:
        found = _persona_of_service(who, agent, vendor, about)
    if found and found[0]:
        mention.deployer = found[0]
        mention.evidence.append(evidence(text, found[1], "deployer", found[0], rule=found[2],
                                         confidence=0.6 if found[2] == "deployer.bot_owner" else 0.8))
        made = _made_by_deployer(mention, about, guessed, found[2])
        if made is not None:
            mention.vendor = vendor = mention.deployer
            mention.evidence = [e for e in mention.evidence if e.field != "vendor"]
            mention.evidence.append(evidence(text, made[0] or found[1], "vendor", mention.vendor,
                                             rule=made[1], confidence=0.6 if made[0] else 0.4))

    outside = _outside_maker(mention, about, guessed)
    if outside is not None:
        mention.deployer, mention.vendor = mention.vendor, None
        vendor = None
        mention.evidence = [e for e in mention.evidence if e.field not in ("vendor", "deployer")]
        mention.evidence.append(evidence(text, outside, "deployer", mention.deployer,
                                         rule="who.licensed_from_outside", confidence=0.6))

    # another maker's bot ("OtherMaker's agent" in a comparison) does not speak for this incident
    speaking_owner = owner if owner == vendor or not owner or owner.lower() not in known_makers() else None
    said = statements(sentences, _companies(vendor, mention.deployer, speaking_owner, agent))
    mention.statements = said
    mention.blamed, chosen = decide(said)
    if chosen is not None:
        mention.blame_statement = statement_summary(chosen, said)[:300]
        # every statement of the winning category is evidence for "blamed"; the chosen one
        # is also the evidence of blame_statement
        for said_one in [chosen] + [s for s in said if s.blamed == mention.blamed and s is not chosen]:
            sentence = next(s for s in sentences if s.start == said_one.start)
            rule = getattr(said_one, "rule", "blame")
            confidence = round(min(getattr(said_one, "weight", 1.0) / 2.5, 1.0), 2)
            fields = (("blamed", mention.blamed), ("blame_statement", mention.blame_statement)) \
                if said_one is chosen else (("blamed", mention.blamed),)
            for field, value in fields:
                mention.evidence.append(evidence(text, sentence, field, value, rule=rule,
                                                 confidence=confidence))

    when = occurred(sentences, incident, published)
    if when:
        mention.occurred = when[0]
        mention.evidence.append(evidence(text, when[1], "occurred", when[0]))
    return mention, family


#: "a tool licensed from an outside technology vendor", "software bought from a third-party
#: supplier": the bot's maker is someone the report does not name.
OUTSIDE_MAKER = re.compile(r"\b(?:licensed|licenced|bought|purchased|supplied|provided|sourced|built) "
                           r"(?:from|by) (?:an? )?(?:outside|external|third-party|third party|unnamed) "
                           r"(?:[\w-]+ )?(?:company|vendor|firm|contractor|supplier|provider|partner)\b", re.I)


def _outside_maker(mention: Mention, about: list[Sentence], guessed: int) -> Optional[Sentence]:
    """Pattern who.licensed_from_outside: a vendor that rests only on being the report's
    most-named organisation (``guessed`` > 0), with no gazetteer agent and no other deployer,
    in a report saying the bot came from an outside maker it does not name ("the chat tool was
    licensed from an outside technology vendor"): that organisation ran the bot, and its maker
    is unknown. Returns the sentence saying so, or None."""
    if not guessed or not mention.vendor or (mention.agent and vendor_of(mention.agent)) or \
            mention.deployer not in (None, mention.vendor):
        return None
    return next((s for s in about if OUTSIDE_MAKER.search(s.text)), None)


#: Deployer rules that find the organisation harmed, not one shown running the bot.
HARMED_RULES = {"deployer.owner_of_harm", "deployer.victim_header"}
#: Deployer rules that find one who hired, bought or used a machine someone else made.
USER_RULES = {"deployer.relative_hirer", "deployer.police_department", "deployer.lawyer_filing"}


def _made_by_deployer(mention: Mention, about: list[Sentence], guessed: int,
                      rule: str) -> Optional[tuple[Optional[Sentence], str]]:
    """Whether the deployer also made the bot, as (evidence sentence or None, rule), when the
    vendor is weak: unknown, only the bot's own name (an unlisted bot the statistical NER took
    for an organisation) or ``guessed`` (only the most-named organisation: ``_guessed_vendor``).
    None when the vendor is not weak, the agent is a gazetteer product (its maker is known)
    or no deployer was found.

    Patterns: ``who.in_house_vendor`` -- a sentence says the organisation built the bot for
    itself ("Quill, an agent the collective built in-house", "We use an internal operations
    agent, Marlin"); ``who.runner_made_it`` -- no maker is named at all: the organisation
    running its bot ("Acme apologised after its chatbot ...") is taken for its maker, unless
    the deployer ``rule`` only found whose things were harmed (``HARMED_RULES``) or the guessed
    vendor is named more than once.
    """
    agent, vendor = mention.agent, mention.vendor
    if not mention.deployer or (agent and vendor_of(agent)) or vendor == mention.deployer:
        return None
    if vendor is not None and vendor != agent and not guessed:
        return None
    built = next((s for s in about if IN_HOUSE.search(s.text)), None)
    if built is not None:
        return built, "who.in_house_vendor"
    return None if rule in HARMED_RULES | USER_RULES or guessed > 1 else (None, "who.runner_made_it")


def _set_blast_radius(text: str, mention: Mention, about: list[Sentence]) -> None:
    """Set the mention's blast-radius fields (``blast_radius``) from the sentences about it,
    each with its evidence sentence; the acting agent and publishers are never systems."""
    agent, vendor = mention.agent, mention.vendor
    exclude = {x.lower() for x in (agent, ) if x} | set(publishers())
    for field, found in (("outage_hours", br.outage_hours(about)),
                         ("records_lost", br.records_lost(about)),
                         ("people_affected", br.people_affected(about)),
                         ("cost_usd", br.cost_usd(about, frozenset(
                             x.lower() for x in (agent, vendor) if x))),
                         ("systems", br.systems(about, exclude)),
                         ("region", br.region(about))):
        if found:
            value, sentence = found
            setattr(mention, field, value)
            mention.evidence.append(evidence(text, sentence, field, value))


def _set_action(text: str, mention: Mention, about: list[Sentence], family: set[str],
                kind: Optional[str], weights: dict[int, float], fallback) -> None:
    """Set the mention's action and target from its best harm clause (``action.best_clause``),
    else from the verb nearest the strongest type cue (``fallback`` = (score, sentence, verb))."""
    found = act.best_clause(about, family, kind, weights, agent=mention.agent)
    if found:
        clause, sentence = found
        confidence = round(min(0.95, 0.3 + clause.score / 10), 2)
        if kind and not any(e.field == "action_type" for e in mention.evidence):
            mention.evidence.append(evidence(text, sentence, "action_type", kind, rule=clause.rule,
                                             confidence=confidence))
        mention.action = clause.phrase
        mention.evidence.append(evidence(text, sentence, "action", mention.action,
                                         rule=clause.rule, confidence=confidence))
        target = clause.target
        if target:
            rule = "target.object"
            fuller = fuller_mention(clause.noun, target, [s.span for s in about]) \
                if clause.noun is not None else None
            if fuller:
                target, rule = fuller, "target.fuller_mention"
            mention.target = target
            mention.evidence.append(evidence(text, sentence, "target", target,
                                             rule=rule, confidence=confidence))
    elif fallback is not None:
        _, sentence, verb = fallback
        mention.action = act.action_phrase(verb)
        mention.evidence.append(evidence(text, sentence, "action", mention.action,
                                         rule="action.cue_verb", confidence=0.3))
        target = act.target_phrase(verb)
        if target:
            mention.target = target
            mention.evidence.append(evidence(text, sentence, "target", target,
                                             rule="target.cue_verb", confidence=0.3))


def _secondary(text: str, sentences: list[Sentence], family: set[str],
               published: Optional[str], primary: Optional[Mention] = None) -> list[Mention]:
    """Other incidents named in passing, one mention each (see ``_secondary_actors``).

    An agent of the primary's family counts only when the sentence dates its incident to
    another month than the primary's (``the Acme deepfake scandal (Dec 2025)``). Each gets a
    deployer from its own sentence (``deployer.sentence_deployer``) and a blame from the
    statements in the rest of its paragraph.
    """
    mentions: dict[tuple, Mention] = {}
    previous = ""
    # the primary's own companies, written with or without a possessive ("McDonald's")
    own = {re.sub(r"(?:'s|’s)$", "", n) for n in (_companies(primary.vendor, primary.deployer, None,
                                                            primary.agent) if primary else set())}
    for sentence in sentences:
        candidates = _secondary_actors(sentence, previous)
        previous = sentence.text
        for ent, bot, rule in _owned_bot_episodes(sentence):
            owner = org_name(ent)
            if not owner or re.sub(r"(?:'s|’s)$", "", owner.lower()) in own or \
                    owner.lower() in publishers() or owner in family:
                continue
            near = sentence.span.doc[max(bot.i - 4, sentence.span.start):min(bot.i + 4, sentence.span.end)].text
            named = [n for n in sentence_bots(sentence) if len(n) >= 3 and n in near]  # its own name
            key = (named[0] if named else None, owner)
            if key in mentions:
                continue
            phrase, _ = act.mention_phrases(sentence.span, ent, bot.head)
            mention = Mention(primary=False, agent=key[0], vendor=owner, deployer=owner, action=phrase)
            for field in ("agent", "vendor", "deployer", "action"):
                if getattr(mention, field):
                    mention.evidence.append(evidence(text, sentence, field, getattr(mention, field),
                                                     rule=rule, confidence=0.5))
            dated = [v for v, _ in dates_in(sentence, published)]
            when = [v for v in dated if len(v) == 7] or [v for v in dated if len(v) == 4]
            if when:
                mention.occurred = when[0]
                mention.evidence.append(evidence(text, sentence, "occurred", when[0]))
            mentions[key] = mention
        for ent, kind, verb, rule in candidates:
            agent = ent.ent_id_ if ent.label_ == "AGENT" else sole_agent_of(ent.ent_id_)
            vendor = vendor_of(agent) if agent else ent.ent_id_
            dated = [v for v, _ in dates_in(sentence, published)]
            dates = [v for v in dated if len(v) == 7]
            sibling = bool(agent and primary is not None and primary.agent and agent != primary.agent
                           and vendor_of(primary.agent) == vendor)  # Acme's other product
            if (agent in family or (vendor in family and not sibling)) and rule != "secondary.earlier_episode":
                other_month = primary is not None and primary.occurred and dates and \
                    dates[0][:7] != primary.occurred[:7]
                if verb is not None or not other_month or ent.label_ != "AGENT":
                    continue
            named = [n for n in sentence_bots(sentence) if len(n) >= 3]
            if named and agent and ent.label_ == "AGENT":
                agent = named[0]  # "the Acme 'Max' support-bot fabrication": the bot is the agent
            key = (agent, vendor)
            if key in mentions:
                continue
            phrase, target = act.mention_phrases(sentence.span, ent, verb)
            mention = Mention(primary=False, agent=agent, vendor=vendor, action_type=kind,
                              action=phrase)
            if primary is not None and primary.deployer and primary.deployer == primary.vendor == vendor:
                # another incident of the same company's own systems ("the second outage")
                mention.deployer = vendor
            else:
                found = sentence_deployer(sentence, agent, vendor)
                mention.deployer = found[0] if found else None
                if found is None and rule == "secondary.bot_withdrawn":
                    mention.deployer = vendor  # the maker took its own public bot down
            for field in ("agent", "vendor", "deployer", "action_type", "action"):
                if getattr(mention, field):
                    mention.evidence.append(evidence(text, sentence, field, getattr(mention, field),
                                                     rule=rule, confidence=0.6))
            if target:
                mention.target = target
                mention.evidence.append(evidence(text, sentence, "target", target,
                                                 rule="target.object", confidence=0.6))
            when = dates or [v for v in dated if len(v) == 4]  # else the year ("earlier this year")
            if when:
                mention.occurred = when[0]
                mention.evidence.append(evidence(text, sentence, "occurred", when[0]))
            _secondary_blame(text, mention, [s for s in sentences if s.line == sentence.line
                                             and s.index >= sentence.index])
            # an incident named in passing: its blast radius as its own sentence gives it
            _set_blast_radius(text, mention, [sentence])
            mentions[key] = mention
    return list(mentions.values())


def _secondary_blame(text: str, mention: Mention, paragraph: list[Sentence]) -> None:
    """Blame of an incident named in passing: company statements in the rest of its paragraph
    ("... Acme's chief executive called the deletion unacceptable")."""
    said = statements(paragraph, _companies(mention.vendor, mention.deployer, None, mention.agent))
    mention.blamed, chosen = decide(said)
    if chosen is not None:
        mention.statements = said
        mention.blame_statement = statement_summary(chosen, said)[:300]
        sentence = next(s for s in paragraph if s.start == chosen.start)
        for field, value in (("blamed", mention.blamed), ("blame_statement", mention.blame_statement)):
            mention.evidence.append(evidence(text, sentence, field, value,
                                             rule=getattr(chosen, "rule", "blame"), confidence=0.5))


def _past_complement(verb) -> bool:
    """Pattern secondary.past_complement: a bare harm verb completing a past-tense verb, or a
    participle clause of one, is a past deed too ("the agent decided to delete the
    environment", "it had run rm -rf on the folders, wiping the home directory")."""
    if verb.head.tag_ not in ("VBD", "VBN"):
        return False
    return (verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp")) or \
        (verb.tag_ == "VBG" and verb.dep_ == "advcl")


#: A sentence saying the actor did it before: "It is not the first time Acme's bot has ...",
#: "Acme's chatbots have drawn criticism for dangerous answers before."
EARLIER_EPISODE = re.compile(r"\bnot the first time\b|\b(?:has|have|had) (?:[\w-]+ ){1,8}?before[.!]?\s*$|"
                             r"\bnot for the first time\b", re.I)


#: Verbs of an organisation withdrawing its own bot: "took its chatbot offline", "pulled its bot".
WITHDRAW_VERBS = {"take", "pull", "suspend", "shut", "disable", "withdraw", "scrap", "retire", "remove"}


def _owned_bot_episodes(sentence: Sentence) -> list[tuple]:
    """(owner ORG entity, bot noun token, rule) for an organisation's own bot acting or withdrawn in
    a sentence, for incidents named in passing whose owner the gazetteer does not know (it
    both made and ran the bot as far as the report says).

    Patterns: ``secondary.owned_bot_acted`` -- the organisation's possessive bot is the subject
    of a past-tense verb ("Acme Air's website chatbot told a passenger ..."); and
    ``secondary.bot_withdrawn`` -- the organisation is the subject of a past withdrawal verb
    whose object is its own bot ("the Acme Association took its chatbot Tess offline").
    """
    span = sentence.span
    found = []
    for token in span:
        if token.lower_ not in BOT_NOUNS or token.tag_ not in ("NN", "NNS") or token.head.tag_ != "VBD":
            continue
        verb = token.head
        if token.dep_ == "nsubj":
            owner = next((c for c in token.children if c.dep_ == "poss" and c.ent_type_ == "ORG"), None)
            rule = "secondary.owned_bot_acted"
        elif token.dep_ == "dobj" and verb.lemma_.lower() in WITHDRAW_VERBS and any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") for c in token.children):
            owner = next((c for c in verb.children if c.dep_ == "nsubj" and c.ent_type_ == "ORG"), None)
            rule = "secondary.bot_withdrawn"
        else:
            continue
        ent = next((e for e in span.ents if owner is not None and e.label_ == "ORG"
                    and e.start <= owner.i < e.end), None)
        if ent is not None:
            found.append((ent, token, rule))
    return found


def _withdrawn(ent) -> bool:
    """Pattern secondary.bot_withdrawn, passive: a known bot that "was taken offline", "was
    pulled", "was suspended" (subject of the passive, or a relative clause on it: "Acme's Tay,
    which was taken offline in 2016") -- withdrawn after an incident of its own."""
    root = ent.root
    verbs = [root.head] if root.dep_ == "nsubjpass" else [c for c in root.children if c.dep_ == "relcl"]
    for verb in verbs:
        if verb.tag_ != "VBN" or verb.lemma_.lower() not in WITHDRAW_VERBS or \
                not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            continue
        if verb.lemma_.lower() in ("take", "shut") and not any(
                c.lower_ in ("offline", "down") for c in verb.children):
            continue  # "taken to court" is no withdrawal
        return True
    return False


def _secondary_actors(sentence: Sentence, previous: str) -> list[tuple]:
    """(entity, action type, verb or None, rule) for agents and vendors a sentence names as
    the actor of an incident other than the report's own.

    Patterns: ``secondary.harm_verb`` -- a past-tense harmful verb (``action.score_sentence``,
    2+ points), or a bare one completing a past-tense verb (``_past_complement``), within 12
    tokens (``Acme's AI deleted a database``, ``Acme's agent decided to delete it``);
    ``secondary.earlier_episode`` -- a sentence saying it happened before (``EARLIER_EPISODE``:
    "It is not the first time Acme's bot has ...") names an earlier incident of its first
    agent or vendor, even one of the report's own; ``secondary.incident_noun`` and
    ``secondary.linked`` -- ``actors.incident_references``; ``secondary.bot_withdrawn`` -- a
    known bot the sentence says was taken offline or pulled (``_withdrawn``). A vendor is skipped when the
    sentence also names one of its agents (the agent stands for it) or when it only modifies
    another product's name (``Acme Actions``).
    """
    span = sentence.span
    agents_here = {vendor_of(e.ent_id_) for e in span.ents if e.label_ == "AGENT"}
    found = []
    if EARLIER_EPISODE.search(sentence.text):
        # pattern secondary.earlier_episode: the subject's (or its owner's) earlier episode
        ents = [e for e in span.ents if e.label_ in ("AGENT", "VENDOR") and not is_model(e.ent_id_)]
        if ents:
            return [(ents[0], None, None, "secondary.earlier_episode")]
    for ent in span.ents:
        if ent.label_ == "AGENT" and not is_model(ent.ent_id_) and _withdrawn(ent):
            found.append((ent, "other", None, "secondary.bot_withdrawn"))
    if found:
        return found
    scores = action_scores(sentence)
    hits = {k: v for k, v in scores.items() if v[1] is not None and v[0] >= 2}
    kind = act.best_type({k: v[0] for k, v in hits.items()}) if hits else None
    for ent in span.ents:
        if ent.label_ not in ("AGENT", "VENDOR") or is_model(ent.ent_id_):
            continue
        if ent.label_ == "VENDOR" and (ent.ent_id_ in agents_here or (
                ent.root.dep_ == "compound" and ent.root.head.pos_ == "PROPN")):
            continue
        if kind:
            verb = hits[kind][1]
            if (verb.tag_ in ("VBD", "VBN", "NN") or _past_complement(verb)) and abs(verb.i - ent.start) <= 12:
                found.append((ent, kind, verb, "secondary.harm_verb"))
                continue
        for ref, ref_kind in incident_references(span, previous):
            if ref == ent:
                rule = "secondary.linked" if ref.root.dep_ == "pobj" else "secondary.incident_noun"
                found.append((ent, ref_kind, None, rule))
    return found


def analyze_text(text: str, *, title: Optional[str] = None, published: Optional[str] = None,
                 language: Optional[str] = None) -> DocumentAnalysis:
    """Analyse one report's cleaned text.

    ``title`` weights the lead; ``published`` ('yyyy-mm-dd' or None) anchors relative dates;
    ``language`` (ISO 639-1) skips detection when given. Text where no AI term stands near a
    harm term (the cheap pre-filter) is not analysed: ``relevant=False``, no mentions and a
    ``note``. Non-English text is not parsed but screened (``kb.nlp.foreign``): relevance and
    a primary mention with agent, vendor, action type and date only, and a ``note`` saying so.
    Returns a DocumentAnalysis whose mentions are the primary incident (first, at most one)
    and secondary ones.
    """
    language = language_of(text, language)
    ruled_out = rule_out(text, title=title, language=language, published=published)
    if ruled_out is not None:
        return ruled_out
    nlp = get_pipeline()
    sentences = split_sentences(nlp, text)
    if not sentences:
        return DocumentAnalysis(relevant=False, relevance=0.0, language=language, note="empty text")
    title_span = nlp(title)[:] if title else None
    relevance = score(features(sentences, title_span, text))
    analysis = DocumentAnalysis(relevant=relevance >= THRESHOLD, relevance=round(relevance, 3),
                                language=language)
    if not analysis.relevant:
        return analysis
    weights = _weights(sentences, title)
    primary, family = _primary(text, sentences, weights, published)
    if primary is not None:
        analysis.mentions.append(primary)
    analysis.mentions.extend(_secondary(text, sentences, family, published, primary))
    return analysis
