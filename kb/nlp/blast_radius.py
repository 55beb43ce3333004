"""How far the damage reached: outage hours, failed systems, region, records, people, USD.

Each extractor reads the sentences about one incident and returns ``(value, sentence)`` or
None. The patterns:

- outage_hours: a duration ("13-hour", "for two days", "90 minutes", "~30-hour") in a sentence
  with an outage cue (outage, downtime, offline, unavailable, went down, disruption);
  minutes and days are converted to hours; the most frequent value wins, ties to the first;
- records_lost: a count before a record noun (rows, records, emails, files) in a sentence with
  a destructive verb (deleted, wiped, lost);
- people_affected: a count before a people noun (users, customers, developers, students,
  members; optionally one modifier word between) with an impact cue (affected, impacted,
  compromised, exposed, hit);
- cost_usd: a dollar amount ("$47,000", "$450K", "$1.2 million") with a cost cue (cost, bill,
  sanction, fine, damages, lost, sent, paid); C$/CA$/A$ and "CAD" amounts are not USD.
  The largest such amount wins;
- systems: first, a capitalised name that is the complement of an outage noun ("an outage
  affecting/of/to/hitting AWS Cost Explorer", "took down AWS") or the modifier or subject of
  one ("the AWS outage", "Cost Explorer went down"); then named entities (ORG, PRODUCT, FAC,
  VENDOR surface text) in outage/impact sentences; the acting agent and news publishers
  are left out;
- region: GPE/LOC entities in outage sentences, keeping a preceding "mainland"/"northern"...
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from .numbers import NUMBER, clean, to_number
from .segment import Sentence

OUTAGE_CUE = re.compile(r"\boutages?\b|\bdowntime\b|\boffline\b|\bunavailab|\bwent down\b|"
                        r"\btook down\b|\bknocked out\b|\bdisrupt|\binterruption\b|\bdown for\b|"
                        r"\bservice (?:was )?(?:down|degraded)\b")
DURATION = re.compile(NUMBER.replace("(?P<scale>", "(?P<scale_unused>")
                      + r"[\s-]*(?:\+\s*)?(?P<unit>hours?|hrs?|days?|minutes?|mins?|weeks?)\b", re.I)
UNIT_HOURS = {"h": 1, "ho": 1, "hr": 1, "da": 24, "mi": 1 / 60, "we": 168}
DESTRUCTIVE_CUE = re.compile(r"\b(?:delet|wip|eras|destroy|drop|lost|los[ti]ng|purg|overwr)")
RECORD_NOUN = r"(?:rows|records|entries|emails|messages|files|documents|photos|accounts|tables)"
RECORDS = re.compile(r"(?:~|about |roughly |nearly |over |more than )?" + NUMBER
                     + r"\+?\s+(?:\w+\s+)?" + RECORD_NOUN + r"\b", re.I)
PEOPLE_NOUN = (r"(?:users|customers|people|developers|students|members|employees|patients|"
               r"passengers|subscribers|clients|individuals|machines|systems|organi[sz]ations|orgs|"
               r"businesses|companies|accounts|installs|downloads)")
PEOPLE = re.compile(r"(?:~|about |roughly |nearly |over |more than |some )?" + NUMBER
                    + r"\+?\s+(?:[\w-]+\s+)?" + PEOPLE_NOUN + r"\b", re.I)
IMPACT_CUE = re.compile(r"\baffect|\bimpact|\bcompromis|\bexposed\b|\bhit\b|\blocked out\b|"
                        r"\bdisrupt|\bnotified\b|\blost access\b|\binstall")
MONEY = re.compile(r"(?P<prefix>(?:C|CA|A|AU|NZ)?\$)\s?" + NUMBER + r"(?P<cad>\s?(?:CAD|AUD|CDN))?",
                   re.I)
COST_CUE = re.compile(r"\bcost|\bbill|\bsanction|\bfine[ds]?\b|\bdamages\b|\blost\b|\bloss|"
                      r"\bsent\b|\bpaid\b|\bspen[dt]|\bcharges?\b|\bworth of\b|\bpenalt|"
                      r"\btransferr?ed\b|\bdrain|\brefund|\bexpenses?\b")
REGION_MODIFIERS = {"mainland", "northern", "southern", "eastern", "western", "central"}
SYSTEM_LABELS = {"ORG", "PRODUCT", "FAC", "VENDOR", "AGENT"}
_NAME = r"((?:[A-Z][\w.&+-]*|of|for)(?:\s+(?:[A-Z][\w.&+-]*|of|for)){0,4})"
#: A name after an outage noun's preposition or a failure verb ("outage affecting X", "took down X").
SYSTEM_AFTER = re.compile(r"\b(?:outages?|disruptions?|downtime|interruptions?)\s+(?:of|to|"
                          r"affecting|hitting|across|for)\s+(?:the\s+|its\s+)?" + _NAME +
                          r"|\b(?:took|knocked|taking|knocking|brought|bringing)\s+(?:down|out)\s+"
                          r"(?:the\s+)?" + _NAME)
#: A name before an outage noun or a failure verb ("the AWS outage", "Cost Explorer went down").
SYSTEM_BEFORE = re.compile(_NAME + r"(?:'s)?\s+(?:outages?\b|disruptions?\b|downtime\b|went down\b|"
                           r"was down\b|went offline\b|was (?:unavailable|offline)\b)")
#: Entity types that name when or where, never what failed.
NOT_SYSTEM_LABELS = {"DATE", "TIME", "GPE", "LOC", "NORP", "CARDINAL", "ORDINAL"}
#: "AI", "AI-related", "AI-induced": the cause, not the system that failed.
GENERIC_AI = re.compile(r"AI\b|AI-")
_NAME_EDGE_WORDS = {"of", "for", "The", "A", "An", "In", "On", "At"}


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[0] in _NAME_EDGE_WORDS:
        words.pop(0)
    while words and words[-1] in _NAME_EDGE_WORDS:
        words.pop()
    return " ".join(words)


def outage_complements(sentence: Sentence) -> list[str]:
    """Capitalised names standing as what an outage hit, in order of appearance."""
    text = sentence.span.text
    not_systems = {ent.text for ent in sentence.span.ents if ent.label_ in NOT_SYSTEM_LABELS}
    found = []
    for pattern in (SYSTEM_AFTER, SYSTEM_BEFORE):
        for match in pattern.finditer(text):
            name = _trim_name(next((g for g in match.groups() if g), ""))
            overlaps = any(name in other or other in name for other in not_systems)
            if len(name) > 1 and not overlaps and not GENERIC_AI.match(name):
                found.append((match.start(), name))
    return [name for _, name in sorted(found)]


def _majority(values: list[tuple[float, Sentence]]) -> Optional[tuple[float, Sentence]]:
    if not values:
        return None
    counts = Counter(v for v, _ in values)
    best = max(counts.values())
    for value, sentence in values:
        if counts[value] == best:
            return clean(value), sentence
    return None


def outage_hours(sentences: list[Sentence]) -> Optional[tuple[float, Sentence]]:
    """Hours of outage: durations in sentences with an outage cue (see module doc)."""
    found = []
    for sentence in sentences:
        text = sentence.span.text
        if not OUTAGE_CUE.search(text.lower()):
            continue
        for match in DURATION.finditer(text):
            value = to_number(match.group("num"))
            unit = match.group("unit").lower()[:2]
            if value is None or value == 0:
                continue
            found.append((value * UNIT_HOURS.get(unit, 1), sentence))
    return _majority(found)


def records_lost(sentences: list[Sentence]) -> Optional[tuple[int, Sentence]]:
    """Records (rows, emails, files, ...) destroyed: the largest count beside a destructive verb."""
    best = None
    for sentence in sentences:
        text = sentence.span.text
        if not DESTRUCTIVE_CUE.search(text.lower()):
            continue
        for match in RECORDS.finditer(text):
            value = to_number(match.group("num"), match.group("scale"))
            if value and value >= 2 and (best is None or value > best[0]):
                best = (int(value), sentence)
    return best


def people_affected(sentences: list[Sentence]) -> Optional[tuple[int, Sentence]]:
    """An explicit count of people (or their machines/accounts) hit: the largest such count."""
    best = None
    for sentence in sentences:
        text = sentence.span.text
        if not IMPACT_CUE.search(text.lower()):
            continue
        for match in PEOPLE.finditer(text):
            value = to_number(match.group("num"), match.group("scale"))
            if value and (best is None or value > best[0]):
                best = (int(value), sentence)
    return best


def cost_usd(sentences: list[Sentence]) -> Optional[tuple[float, Sentence]]:
    """US dollars lost or spent: the largest ``$`` amount in a sentence with a cost cue."""
    best = None
    for sentence in sentences:
        text = sentence.span.text
        if not COST_CUE.search(text.lower()):
            continue
        for match in MONEY.finditer(text):
            if match.group("prefix").upper() != "$" or match.group("cad"):
                continue
            value = to_number(match.group("num"), match.group("scale"))
            if value and value >= 2 and (best is None or value > best[0]):
                best = (clean(value), sentence)
    return best


def systems(sentences: list[Sentence], exclude: set[str]) -> Optional[tuple[list[str], Sentence]]:
    """Named services that failed (at most 5, by frequency): the names an outage is said to
    have hit, else the entities of outage/impact sentences.

    ``exclude`` holds lower-cased names not to report (the acting agent, publishers).
    """
    counts: Counter = Counter()
    first: dict[str, Sentence] = {}
    outage_sentences = [s for s in sentences if OUTAGE_CUE.search(s.lower)]
    for sentence in outage_sentences:
        for name in outage_complements(sentence):
            if name.lower() not in exclude:
                counts[name] += 1
                first.setdefault(name, sentence)
    if counts:  # what the outage hit is named: co-occurring names add only noise
        names = [name for name, _ in counts.most_common(5)]
        return names, first[names[0]]
    for sentence in outage_sentences:
        for ent in sentence.span.ents:
            name = ent.text.strip(" '’s")
            if ent.label_ not in SYSTEM_LABELS or not name or name.lower() in exclude:
                continue
            if ent.ent_id_ and ent.ent_id_.lower() in exclude:
                continue
            counts[name] += 1
            first.setdefault(name, sentence)
    if not counts:
        return None
    names = [name for name, _ in counts.most_common(5)]
    return names, first[names[0]]


def region(sentences: list[Sentence]) -> Optional[tuple[str, Sentence]]:
    """A place (GPE/LOC) named in an outage sentence, with a preceding "mainland"-type modifier."""
    for sentence in sentences:
        if not OUTAGE_CUE.search(sentence.lower):
            continue
        for ent in sentence.span.ents:
            if ent.label_ in ("GPE", "LOC"):
                start = ent.start
                doc = ent.doc
                if start > 0 and doc[start - 1].lower_ in REGION_MODIFIERS:
                    start -= 1
                return doc[start:ent.end].text, sentence
    return None
