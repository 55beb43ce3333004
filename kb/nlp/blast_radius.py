"""How far the damage reached: outage hours, failed systems, region, records, people, USD.

Each extractor reads the sentences about one incident and returns ``(value, sentence)`` or
None. The patterns:

- outage_hours: a duration ("13-hour", "for two days", "90 minutes", "~30-hour") in a sentence
  with an outage cue (outage, downtime, offline, unavailable, went down, disruption); a
  "for <duration>" with a verb or state of stopping ("lost X for 13 hours", "switched off its
  assistant for nine hours", "for about a day the site was gone"); the time until service came
  back ("restored it 24 hours after the deletion"); minutes and days are converted to hours;
  the most frequent value wins, ties to the first;
- records_lost: in a sentence with a destructive verb (deleted, wiped, lost, gone) or saying what
  a data store held ("the database held 1.94 million rows"), the counts listed
  after "records for" summed ("records for 1,206 executives and 1,196 companies" -> 2402), or
  a count before a record noun (rows, records, emails, files);
- people_affected: a count before a people noun (users, customers, developers, students,
  members, fans, their machines or accounts; optionally one modifier word between; "one
  member's" on an impact line counts 1) with an impact cue (affected, impacted, compromised,
  exposed, hit, could not, "information about"), an outage cue, or on an impact line
  (``Scale:``/``Impact:`` key, "Impact" heading); failing that, the users of the system
  ("a platform 100,000 students have used", pattern people.user_base);
- cost_usd: a dollar amount ("$47,000", "$450K", "$1.2 million") with a cost cue (cost, bill,
  sanction, fine, damages, lost, sent/sending, paid/paying); C$/CA$/A$ and "CAD" amounts are not USD.
  The largest such amount wins;
- systems: first, a capitalised name that is the complement of an outage noun ("an outage
  affecting/of/to/hitting AWS Cost Explorer", "took down AWS") or the modifier or subject of
  one ("the AWS outage", "Cost Explorer went down"); then named entities (ORG, PRODUCT, FAC,
  VENDOR surface text) in outage/impact sentences; a name a service noun is said to be ("the
  service in question was X"); a common noun for a consumer-facing system ("the website", "the
  mobile app") in an outage sentence; the acting agent and news publishers are left out;
- region: a GPE/LOC entity in an outage sentence, else on a ``Company:``/``Location:`` header
  line, else after "in"/"of"/"at" or modifying a noun ("a Lyon bakery") in the lead; keeps "mainland"-type modifiers and ", State";
  all-caps acronyms tagged as places ("AI") and mixed-case product names are not places.

Later patterns (each documented where it is defined): outage.clock_range ("down from 02:40
to 11:40"), outage.was_down, people.recipients ("sent ... to all 4,000 customers"),
people.data_subjects, people.repeated, region.failure_place, region.people_place,
region.dateline, region.joined, region.place_head, region.cloud_code, systems.opener_name,
systems.service_tail. Incidents named in passing get the same extractors over their own sentence
(wired in ``pipeline._secondary``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from .numbers import NUMBER, clean, to_number
from .gazetteer import is_model
from .segment import Sentence

OUTAGE_CUE = re.compile(r"\boutages?\b|\bdowntime\b|\boffline\b|\bunavailab|\bwent down\b|"
                        r"\btook down\b|\bknocked out\b|\bdisrupt|\binterruption\b|\bdown for\b|"
                        r"\bservice (?:was )?(?:down|degraded)\b|\bdegraded (?:service|performance)\b|"
                        # outage.was_down: "Multiplayer was down from ...", not "sales were down 5%"
                        r"\b(?:was|were|been) down\b(?!\s*(?:\d|by\b))|"
                        # outage.hours_of_degraded: "two and a half hours of degraded ingestion"
                        r"\b(?:hours?|minutes?|days?) of (?:degraded|disrupted|interrupted|broken)\b")
DURATION = re.compile(NUMBER.replace("(?P<scale>", "(?P<scale_unused>")
                      + r"[\s-]*(?:\+\s*)?(?P<unit>hours?|hrs?|days?|minutes?|mins?|weeks?)\b", re.I)
UNIT_HOURS = {"h": 1, "ho": 1, "hr": 1, "da": 24, "mi": 1 / 60, "we": 168}
#: Pattern outage.stopped_for: a verb or state of stopping ("lost", "switched off", "paused",
#: "was gone", "could not") with a "for <duration>" ("switched off its assistant for nine hours").
STOPPAGE_CUE = re.compile(r"\b(?:lost|los(?:e|es|ing)|switch(?:ed|es|ing)? off|turn(?:ed|s|ing)? off|"
                          r"shut(?:s|ting)? (?:down|off)|paus(?:e|ed|es|ing)|suspend|disabl|halt|"
                          r"stopp(?:ed|ing)|offline|gone|dark|inaccessible|unusable|unreachable|"
                          r"out of (?:action|service|commission)|could not|couldn't|unable|"
                          r"froze|frozen|stalled|pulled|broke|broken|"
                          # "failed to load", "left without water": the service did not reach people
                          r"fail(?:ed|s|ing)? to (?:load|work|start|open|respond|run)|"
                          r"without (?:water|power|electricity|heat|heating|service|access|internet|"
                          r"phone service)|"
                          # "it stayed off for around 40 hours"
                          r"(?:stay(?:ed|s)?|remain(?:ed|s)?|was|were|left) (?:off|dark))\b", re.I)
#: Pattern outage.hours_minutes: one duration told in hours and minutes ("3 hours 40 minutes",
#: "2h 15m", "four hours and 20 minutes"), read as a single length.
HOURS_MINUTES = re.compile(NUMBER.replace("(?P<scale>", "(?P<scale_unused>").replace("(?P<num>", "(?P<h>")
                           + r"\s*(?:hours?|hrs?|h)\s*(?:and\s+)?(?P<m>\d{1,2})\s*(?:minutes?|mins?|m)\b", re.I)
_CLOCK = r"(?P<{0}h>\d{{1,2}})(?:[:.](?P<{0}m>\d{{2}}))?\s*(?P<{0}ap>[ap]\.?m\b\.?)?"
#: Pattern outage.clock_range: "between 09:12 and 12:52 UTC", "was down from 02:40 to 11:40",
#: "from about 9.15am until 4.30pm": the hours between two clock times; each time has minutes
#: or am/pm, so "from 2 to 5" is not read as times.
CLOCK_RANGE = re.compile(r"\b(?:between|from)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+)?"
                         + _CLOCK.format("a") + r"\s*(?:and|to|until|till|through|[–-])\s*"
                         r"(?:about\s+|around\s+|roughly\s+|approximately\s+)?" + _CLOCK.format("b"),
                         re.I)
#: "for (about) <duration>", the length of the stoppage.
FOR_DURATION = re.compile(r"\bfor\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|"
                          r"more than\s+|over\s+|some\s+|close to\s+|at least\s+|up to\s+|"
                          r"just (?:over|under)\s+)?(?=\w)" + DURATION.pattern, re.I)
#: Pattern outage.restored_after: "restored it roughly 24 hours after the deletion",
#: "back online two days later": the time until service came back.
RESTORED_AFTER = re.compile(r"\b(?:restor\w*|back online|came back|brought back|recover\w*|"
                            r"resum\w*|reopen\w*)\b[^.;]{0,60}?\b" + DURATION.pattern.replace("?P<", "?P<r_")
                            + r"\s+(?:after|later)\b", re.I)
DESTRUCTIVE_CUE = re.compile(r"\b(?:delet|wip|eras|destroy|drop|lost|los[ti]ng|purg|overwr|gone\b|"
                             r"vanish|disappear|"
                             # pattern records.reentered_by_hand: records that had to be typed in
                             # again were lost ("2,300 bookings re-entered by hand")
                             r"re-?(?:entered|keyed|typed)\b)")
#: Pattern records.store_contents: what a data store held ("The database held 1.94 million
#: rows"), counted as the records lost with it.
STORE_HELD = re.compile(r"\b(?:database|db|table|volume|drive|disk|bucket|inbox|mailbox|folder|"
                        r"repository|repo|backups?|snapshots?|cluster|server|spreadsheet)s?\b"
                        r"[^.;]{0,40}?\b(?:held|holds|holding|contained|contains|containing|"
                        r"stored|stores|housed)\b", re.I)
#: A count starts a word: not the "2" of "EC2" nor the "A" of "IAM".
COUNT = r"(?<![\w.])" + NUMBER
RECORD_NOUN = (r"(?:rows|records|entries|emails|messages|files|documents|photos|accounts|tables|"
               r"orders|transactions|bookings|invoices|contacts|attachments|objects|images|videos|"
               r"recordings|notes|tickets)")
#: Up to two words between a count and its noun ("18,412 stored attachment files"), not a unit of
#: time ("6 days of orders" counts days).
_MODIFIERS = r"(?:(?!(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|of)\b)[\w-]+\s+){0,2}"
RECORDS = re.compile(r"(?:~|about |roughly |nearly |over |more than )?" + COUNT
                     + r"\+?\s+" + _MODIFIERS + RECORD_NOUN + r"\b", re.I)
PEOPLE_NOUN = (r"(?:users|customers|people|developers|students|members|employees|patients|"
               r"passengers|subscribers|clients|individuals|pupils|residents|shoppers|"
               r"travell?ers|workers|voters|fans|buyers|guests|callers|viewers|readers|players|"
               r"tenants|citizens|applicants|borrowers|drivers|riders|learners|staff|"
               r"machines|systems|accounts|installs|downloads)")
#: Words between a count and its people noun: one modifier, or two joined ("current and former").
_PEOPLE_MODS = r"(?:[\w-]+\s+(?:and|or)\s+)?(?:[\w-]+\s+)?"
PEOPLE = re.compile(r"(?:~|about |roughly |nearly |over |more than |some )?" + COUNT
                    + r"\+?\s+" + _PEOPLE_MODS + PEOPLE_NOUN + r"\b", re.I)
#: Pattern people.recipients: the people something harmful was sent, sold or shown to ("sent
#: an email ... to all 48,212 customers", "warnings sent to about 2,300 customers").
RECIPIENTS = re.compile(r"\b(?:sent|send|sending|emailed|texted|messaged|mailed|sold|sell|selling|"
                        r"quoted|offered|shown|showed|gave|given|went out|gone out)\b[^.;]{0,100}?"
                        r"\bto\s+(?:all\s+(?:of\s+)?)?(?:the\s+|its\s+|their\s+|our\s+)?"
                        r"(?P<count>(?:~|about |roughly |nearly |over |more than |some )?" + COUNT
                        + r"\+?\s+" + _PEOPLE_MODS + PEOPLE_NOUN + r")\b", re.I)
#: One person named as the victim ("one member's booking", "a single customer").
ONE_PERSON = re.compile(r"\b(?:one|a single)\s+(?:[\w-]+\s+)?(?:user|customer|member|person|"
                        r"subscriber|client|passenger|patient|student|resident|shopper)(?:['’]s)?\b"
                        r"(?!\s+(?:data|datasets?|records?|support|service|accounts?))", re.I)
#: Header keys and headings under which every count is an impact ("Scale: ...", "## Impact").
IMPACT_KEYS = re.compile(r"\b(?:scale|impact|affected|victims|harm|damage|consequences?)\b")
#: "records for 1,206 executives and 1,196 companies": every count after "records for" is summed.
RECORDS_FOR = re.compile(r"\brecords?\s+(?:for|of|on|about)\s+(?P<list>(?:\s*,?\s*(?:and\s+)?"
                         r"(?:more than |over |about |nearly |roughly |some )?\*{0,2}\d[\d,]*\+?\s+[a-z]+\*{0,2})+)",
                         re.I)
IMPACT_CUE = re.compile(r"\baffect|\bimpact|\bcompromis|\bexposed\b|\bhit\b|\blocked out\b|"
                        r"\bdisrupt|\bnotified\b|\blost access\b|\binstall|"
                        # people.data_about: "information about 3,000 staff", "data of N users"
                        r"\b(?:information|data|details|records|files)\s+(?:about|of|on|for|"
                        r"belonging to)\b|\bleaked\b|\bshown\b|\bvisible\b|"
                        # people.could_not: "40,000 fans could not buy tickets"
                        r"\bcould not\b|\bcouldn't\b|\bunable to\b|\bstranded\b|"
                        # people.data_subjects: "files belonging to 1,037 customers", "the
                        # spreadsheet covered 4,870 students"
                        r"\bbelonging to\b|\bcovered\b|\bcontained\b|"
                        # people.listed: "a spreadsheet listing the salary of all 1,180 people"
                        r"\blist(?:ing|ed)\b")
#: Pattern people.appointments: a count of appointments or reservations the harm hit
#: ("cancelled 2,340 outpatient appointments"): one person behind each; used only when no
#: count of people is found.
APPOINTMENTS = re.compile(r"(?:~|about |roughly |nearly |over |more than |some )?" + COUNT
                          + r"\+?\s+" + _PEOPLE_MODS + r"(?:appointments|reservations|consultations)\b",
                          re.I)
#: Pattern people.user_base: "a platform that more than 100,000 students have used", "relied on
#: by 5,000 clinics": the users of the system that failed; used only when no count has a cue.
USER_BASE = re.compile(r"(?:~|about |roughly |nearly |over |more than |some )?" + COUNT
                       + r"\+?\s+(?:[\w-]+\s+)?" + PEOPLE_NOUN + r"\s+(?:have\s+|had\s+)?"
                       r"(?:use[sd]?|rel(?:y|ied|ies) on|depend(?:ed|s)? on|sign(?:ed)? up)\b", re.I)
MONEY = re.compile(r"(?P<prefix>(?:C|CA|A|AU|NZ)?\$)\s?" + NUMBER + r"(?P<cad>\s?(?:CAD|AUD|CDN))?",
                   re.I)
COST_CUE = re.compile(r"\bcost|\bbill|\bsanction|\bfine[ds]?\b|\bdamages\b|\blost\b|\bloss|"
                      r"\bsent\b|\bsending\b|\bpaid\b|\bpaying\b|\bspen[dt]|\bcharges?\b|\bworth of\b|\bpenalt|"
                      r"\btransferr?ed\b|\bdrain|\brefund|\bexpenses?\b")
LOCKED_OUT = re.compile(r"\b(?:locked|locking|shut|kept|keeping)\s+(?:[\w-]+\s+){0,3}?out of\s+"
                        r"(?P<list>[^.;:()]+?)(?=\s+(?:for|during|until|after|while|when|because|as|"
                        r"across|in|on)\b|[.;:()]|$)", re.I)
#: Header keys whose value says who or where ("Company: Acme of Springfield, Ohio").
PLACE_KEYS = {"company", "organization", "organisation", "location", "region", "country", "deployer",
              "place", "where", "city", "operator"}
#: All-caps words that are places; other all-caps GPE tags are acronyms ("AI", "LLM").
CAPS_PLACES = {"US", "USA", "UK", "EU", "UAE", "NYC", "U.S.", "U.K."}
NOT_PLACES = {"ai", "llm", "api", "cli", "gpt", "agi"}
#: Pattern region.place_head: last words that make a capitalised name a place whatever the NER
#: label ("the Greater Toronto Area", "Orange County").
PLACE_HEADS = {"Area", "Region", "County", "Province", "District", "Coast", "Valley", "Peninsula",
               "Borough", "Territory", "Metro", "Prefecture", "Emirate", "Canton"}
#: Lower-case words that belong to the place they precede ("mainland China", "south Wales").
REGION_MODIFIERS = {"mainland", "northern", "southern", "eastern", "western", "central",
                    "north", "south", "east", "west", "north-east", "north-west", "south-east",
                    "south-west", "northeast", "northwest", "southeast", "southwest"}
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
#: Verbs (lemmas) whose object, passive subject or prepositional object is a system hit.
HARM_LEMMAS = {"delete", "wipe", "destroy", "drop", "erase", "purge", "compromise", "breach",
               "hack", "crash", "disrupt", "lock", "reach", "infect", "backdoor", "poison",
               "affect", "hit", "corrupt", "overwrite", "take", "knock", "bring", "access",
               "authenticate", "exfiltrate", "trojanize", "trojanise", "inject", "break",
               "remove", "tear"}
HARM_PREPS = {"into", "to", "out", "of", "down", "from", "on", "in"}
COMPROMISED_WORDS = {"compromised", "malicious", "trojanised", "trojanized", "poisoned",
                     "backdoored", "hijacked", "infected", "tampered"}
FAILURE_WORDS = {"broken", "crashed", "failed", "down", "offline", "unavailable", "unreachable"}
EVENT_WORDS = {"outage", "outages", "incident", "incidents", "failure", "failures", "deletion",
               "attack", "breach", "wipe", "impact", "summary", "timeline", "lessons"}
SYSTEM_NOUNS = {"cluster", "pipeline", "extension", "website", "site", "app", "platform",
                "service", "api", "server", "cli", "package", "plugin"}
VERSION = re.compile(r"^v?\d+(?:\.\d+)+$|^v\d+$", re.I)
VERSION_TAIL = re.compile(r"(?:\s+(?:version\s+)?v?\d+(?:\.\d+)+)+$", re.I)
POSSESSIVE = re.compile(r"\s*['’]s?$")
REFERENCE_HEADING = re.compile(r"reference|source|further reading|related|see also|links|citation",
                               re.I)
#: Capitalised words that are not names of systems.
GENERIC_NAMES = {"ai", "ceo", "cto", "api", "llm", "ui", "it", "ok", "pr", "i", "npm", "agent",
                 "the agent", "sql", "url", "id", "http", "https", "json", "yaml", "faq",
                 "big tech",
                 # time zones written after clock times
                 "utc", "gmt", "et", "pt", "est", "edt", "pst", "pdt", "bst", "cet", "cest", "hkt",
                 "sgt", "jst", "ist", "aest", "aedt"}
#: Pattern systems.service_tail: "the AWS Cost Explorer service" names "AWS Cost Explorer".
SERVICE_TAIL = re.compile(r"(?<=\S)\s+services?$", re.I)


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[0] in _NAME_EDGE_WORDS:
        words.pop(0)
    while words and words[-1] in _NAME_EDGE_WORDS:
        words.pop()
    return " ".join(words)


def outage_complements(sentence: Sentence) -> list[str]:
    """Capitalised names standing as what an outage hit, in order of appearance."""
    text = sentence.text
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
        text = sentence.text
        if OUTAGE_CUE.search(text.lower()):
            matches = _durations(text)
        elif STOPPAGE_CUE.search(text):
            matches = [(m.group("num"), m.group("unit")) for m in FOR_DURATION.finditer(text)
                       if _stopped_for(text, m.start())]
        else:
            matches = []
        matches += [(m.group("r_num"), m.group("r_unit")) for m in RESTORED_AFTER.finditer(text)]
        for num, unit in matches:
            hours = _hours(num, unit)
            if hours:
                found.append((hours, sentence))
        if OUTAGE_CUE.search(text.lower()) or STOPPAGE_CUE.search(text):
            found.extend((hours, sentence) for hours in clock_ranges(text))
    return _majority(found)


def _durations(text: str) -> list[tuple[str, str]]:
    """Every duration in ``text`` as ``(number, unit)``; a span of pattern outage.hours_minutes
    counts once, in minutes ("3 hours 40 minutes" -> ("220", "minutes"))."""
    found, taken = [], []
    for match in HOURS_MINUTES.finditer(text):
        hours = to_number(match.group("h"))
        if hours is not None:
            found.append((str(round(hours * 60 + int(match.group("m")))), "minutes"))
            taken.append(match.span())
    found += [(m.group("num"), m.group("unit")) for m in DURATION.finditer(text)
              if not any(a <= m.start() < b for a, b in taken)]
    return found


#: Most characters between a stopping word and the "for <duration>" that measures it.
STOPPAGE_REACH = 60


def _stopped_for(text: str, start: int) -> bool:
    """Whether the "for <duration>" at ``start`` measures a stoppage: a stopping word stands
    within :data:`STOPPAGE_REACH` characters before it, or it opens the sentence ("For a day the
    site was gone")."""
    return not text[:start].strip() or bool(STOPPAGE_CUE.search(text[max(0, start - STOPPAGE_REACH):start]))


def _minute_of_day(hour: str, minute: Optional[str], ampm: Optional[str]) -> Optional[int]:
    """Minutes after midnight of a clock time ("4", "30", "pm" -> 990); None when invalid."""
    h, m = int(hour), int(minute or 0)
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm.lower().startswith("p") else 0)
    return h * 60 + m if h < 24 and m < 60 else None


def clock_ranges(text: str) -> list[float]:
    """Hours spanned by each clock range of pattern outage.clock_range in ``text``, rounded to
    two places ("between 09:12 and 12:52" -> 3.67); a range past midnight wraps around.
    A time needs minutes or am/pm; an am/pm on the second time alone is not given to the first."""
    hours = []
    for match in CLOCK_RANGE.finditer(text):
        if not (match.group("am") or match.group("aap")) or not (match.group("bm") or match.group("bap")):
            continue
        start = _minute_of_day(match.group("ah"), match.group("am"), match.group("aap"))
        end = _minute_of_day(match.group("bh"), match.group("bm"), match.group("bap"))
        if start is None or end is None or start == end:
            continue
        hours.append(round(((end - start) % (24 * 60)) / 60, 2))
    return hours


def _hours(num: str, unit: str) -> Optional[float]:
    """A matched duration in hours ("90", "minutes" -> 1.5); None for zero or unreadable."""
    value = to_number(num)
    if not value:
        return None
    return value * UNIT_HOURS.get(unit.lower()[:2], 1)


def records_lost(sentences: list[Sentence]) -> Optional[tuple[int, Sentence]]:
    """Records destroyed, in a sentence with a destructive verb: the sum of the counts after
    "records for" ("records for 1,206 executives and 1,196 companies" -> 2402), else the
    largest count before a record noun (rows, records, emails, files)."""
    best = None
    for sentence in sentences:
        text = sentence.text
        if not (DESTRUCTIVE_CUE.search(text.lower()) or STORE_HELD.search(text)):
            continue
        values = []
        for match in RECORDS_FOR.finditer(text):
            counts = [to_number(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", match.group("list"))]
            values.append(sum(c for c in counts if c))
        for match in RECORDS.finditer(text):
            values.append(to_number(match.group("num"), match.group("scale")))
        for value in values:
            if value and value >= 2 and (best is None or value > best[0]):
                best = (int(value), sentence)
    return best


def people_affected(sentences: list[Sentence]) -> Optional[tuple[int, Sentence]]:
    """An explicit count of people (or their machines/accounts) hit: the largest count with an
    impact cue or of recipients (pattern people.recipients); else a count the report repeats
    (pattern people.repeated); else the user base (pattern people.user_base)."""
    best = None
    for sentence in sentences:
        text = sentence.text
        listed = IMPACT_KEYS.search(sentence.key or "") or IMPACT_KEYS.search(sentence.heading)
        matches = [m for m in RECIPIENTS.finditer(text)]
        if IMPACT_CUE.search(text.lower()) or OUTAGE_CUE.search(text.lower()) or listed:
            matches += list(PEOPLE.finditer(text))
            if listed and ONE_PERSON.search(text) and best is None:
                best = (1, sentence)
        for match in matches:
            value = to_number(match.group("num"), match.group("scale"))
            if value and (best is None or value > best[0]):
                best = (int(value), sentence)
    return (best or _repeated(sentences) or _largest_count(sentences, APPOINTMENTS)
            or _largest_count(sentences, USER_BASE))


def _repeated(sentences: list[Sentence]) -> Optional[tuple[int, Sentence]]:
    """Pattern people.repeated: a count of people (2 or more) that the report gives twice or
    more ("212 customers" in the standfirst and again in the body): the story's figure. The
    largest such count and its first sentence, or None."""
    seen: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        for match in PEOPLE.finditer(sentence.text):
            value = to_number(match.group("num"), match.group("scale"))
            found = seen.setdefault(int(value or 0), [])
            if value and value >= 2 and all(s.index != sentence.index for s in found):
                found.append(sentence)
    repeated = [(value, found[0]) for value, found in seen.items() if len(found) >= 2]
    return max(repeated, key=lambda v: v[0]) if repeated else None


def _largest_count(sentences: list[Sentence], pattern: re.Pattern) -> Optional[tuple[int, Sentence]]:
    """The largest count (2 or more) that ``pattern`` (groups ``num`` and ``scale``) finds in
    ``sentences``, with its sentence, or None: pattern people.appointments, people.user_base."""
    best = None
    for sentence in sentences:
        for match in pattern.finditer(sentence.text):
            value = to_number(match.group("num"), match.group("scale"))
            if value and value >= 2 and (best is None or value > best[0]):
                best = (int(value), sentence)
    return best


#: Pattern cost.other_owner: an amount owned by a named party through a possessive
#: ("Knight Capital's $440 million loss"), i.e. that party's figure, cited for comparison.
OWNED_AMOUNT = re.compile(r"(?P<owner>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s*$")


def cost_usd(sentences: list[Sentence], own_names: frozenset = frozenset()
             ) -> Optional[tuple[float, Sentence]]:
    """US dollars lost or spent: the largest ``$`` amount in a sentence with a cost cue.

    ``own_names``: lower-cased names of the incident's agent and vendor; an amount a
    possessive gives to any other named party (pattern cost.other_owner) is not counted.
    """
    best = None
    for sentence in sentences:
        text = sentence.text
        if not COST_CUE.search(text.lower()):
            continue
        for match in MONEY.finditer(text):
            if match.group("prefix").upper() != "$" or match.group("cad"):
                continue
            owner = OWNED_AMOUNT.search(text[max(0, match.start() - 60):match.start()])
            if owner and owner.group("owner").lower() not in own_names:
                continue
            value = to_number(match.group("num"), match.group("scale"))
            if value and value >= 2 and (best is None or value > best[0]):
                best = (clean(value), sentence)
    return best


def _is_name_token(token) -> bool:
    """A token that can be part of a product or service name: a proper noun, an acronym or a
    mixed-case word (PocketOS, RDS, DataTalks.Club), not a date or a version number."""
    text = token.text
    if VERSION.match(text) or not any(c.isalpha() for c in text):
        return False
    if token.ent_type_ in ("DATE", "TIME", "PERSON", "CARDINAL", "ORDINAL", "MONEY", "NORP"):
        return False
    if not any(c.isupper() for c in text):
        return False  # a lower-case word the tagger took for a proper noun ("offline")
    inner_caps = any(c.isupper() for c in text[1:])
    return token.tag_ in ("NNP", "NNPS") or inner_caps or (text.isupper() and len(text) > 1) or (
        token.pos_ in ("NOUN", "PROPN") and _capitalised_elsewhere(token))


def _plain_title(token) -> bool:
    """A word that is capitalised only as a title or sentence opener could be ("Automated")."""
    return token.text[:1].isupper() and token.text[1:].islower() and not token.ent_type_


def _mid_sentence_capitals(doc) -> set[str]:
    """Capitalised words the report writes after a lower-case word ("deleted Postgres WAL"),
    i.e. capitalised as names, not as sentence openers or Title Case headlines; cached on the doc."""
    if "mid_capitals" not in doc.user_data:
        doc.user_data["mid_capitals"] = {
            t.text for t in doc if t.i > 0 and t.text[:1].isupper() and t.nbor(-1).is_lower
            and t.nbor(-1).is_alpha and not t.is_sent_start}
    return doc.user_data["mid_capitals"]


def _capitalised_elsewhere(token) -> bool:
    """Pattern systems.opener_name: a capitalised word ("Postgres crashed", even when tagged as
    a common noun) is a name when the report also writes it capitalised inside a sentence."""
    return token.text in _mid_sentence_capitals(token.doc)


def _names_in(tokens) -> list[tuple[int, str]]:
    """Runs of name tokens (joined over "for"/"of" between names, e.g. "AWS Toolkit for VS
    Code"), with a following system noun kept ("Kubernetes cluster", "CI pipeline").

    A run of plain capitalised words ("Production Database") counts only when the NER or the
    gazetteer marks it, or it has an acronym or mixed-case word; a sentence's capitalised first
    word is dropped from a run.
    """
    tokens = list(tokens)
    found, i = [], 0
    while i < len(tokens):
        if not _is_name_token(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if _is_name_token(tokens[j]) and tokens[j].i == tokens[j - 1].i + 1:
                j += 1
            elif (tokens[j].lower_ in ("for", "of") and j + 1 < len(tokens)
                  and _is_name_token(tokens[j + 1]) and tokens[j].i == tokens[j - 1].i + 1):
                j += 2
            else:
                break
        run = tokens[i:j]
        before = [t for t in run[0].sent if t.i < run[0].i] if run else []
        opener = all(t.is_space or t.is_punct for t in before) or (
            before[-1].is_punct and before[-1].text in ":—-(")
        if opener and run and _capitalised_elsewhere(run[0]):
            opener = False
        if opener and _plain_title(run[0]):
            run = run[1:]
        end = j
        if end < len(tokens) and tokens[end].lower_ in SYSTEM_NOUNS and tokens[end].i == tokens[end - 1].i + 1:
            run = run + [tokens[end]]
        if run and (any(not _plain_title(t) for t in run) or len(run) == 1 and not opener):
            if not any(t.lower_ in EVENT_WORDS for t in run):
                found.append((run[0].idx, " ".join(t.text for t in run)))
        i = j
    return found


def _listed(text: str) -> list[str]:
    """The services people were "locked/shut/kept out of", as written, lower case allowed
    ("locked shoppers out of checkout, gift cards and wish lists" -> three names)."""
    names = []
    for match in LOCKED_OUT.finditer(text):
        for item in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", match.group("list")):
            words = [w for w in item.split() if w.lower() not in ("the", "their", "its", "all")]
            if 0 < len(words) <= 3:
                names.append(" ".join(words))
    return names


#: Words of running degraded: "ran on a backup", "operated in read-only mode".
DEGRADED = re.compile(r"\b(?:backups?|fallback|degraded|read-only|manual(?:ly)?|reduced capacity|"
                      r"limited capacity|emergency mode)\b", re.I)
#: Verbs of carrying on in a degraded state.
OPERATE_LEMMAS = {"operate", "run", "function", "work", "limp", "survive"}


def degraded_subjects(sentence: Sentence) -> list[str]:
    """Pattern systems.degraded_operation: the proper-noun subject of a verb of operating that
    has a duration and a degraded-state word in its clause ("Acme operated for two days on a
    week-old backup" -> ["Acme"])."""
    names = []
    for token in sentence.span:
        if token.lemma_.lower() not in OPERATE_LEMMAS or token.pos_ != "VERB":
            continue
        clause = "".join(t.text_with_ws for t in token.subtree if t.i > token.i)
        if not (DURATION.search(clause) and DEGRADED.search(clause)):
            continue
        for child in token.children:
            # the tagger sometimes takes an unknown camel-case name for punctuation
            if child.i < token.i and child.dep_ in ("nsubj", "punct") \
                    and re.fullmatch(r"[A-Z][A-Za-z0-9.-]+", child.text):
                names.append(" ".join(t.text for t in child.subtree
                                      if re.fullmatch(r"[A-Z][A-Za-z0-9.-]+", t.text)))
    return names


#: Head nouns of a phrase that introduces the failed system by a copula ("The service in
#: question was Acme Billing").
SERVICE_NOUNS = SYSTEM_NOUNS | {"tool", "system", "product", "application", "feature"}


def copula_names(sentence: Sentence) -> list[str]:
    """Pattern systems.copula: names given as what a service noun was ("The service in question
    was Acme Billing", "the affected tool was Ledgerly") -> ["Acme Billing"]."""
    names = []
    for token in sentence.span:
        if token.lemma_ != "be":
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubj" and c.lemma_.lower() in SERVICE_NOUNS]
        if not subjects:
            continue
        for attr in (c for c in token.children if c.dep_ == "attr" and _is_name_token(c)):
            # the copula marks the name, so a run of plain capitalised words counts here
            run = [attr]
            while run[0].i > token.i + 1 and _is_name_token(run[0].nbor(-1)):
                run.insert(0, run[0].nbor(-1))
            names.append(" ".join(t.text for t in run))
    return names


#: Pattern systems.generic_failed: a common noun for a consumer-facing system ("the website",
#: "the mobile app", "its checkout") as subject or object in an outage sentence, as written.
GENERIC_SYSTEMS = {"website", "site", "app", "apps", "checkout", "portal", "dashboard",
                   "intranet", "helpline", "hotline", "switchboard"}
#: Words of failing shown by a system itself ("showed error pages", "crashed").
FAILING = re.compile(r"\berror|\bcrash|\bfail|\bfroze|\bfrozen|\bblank\b", re.I)
GENERIC_DEPS = {"nsubj", "nsubjpass", "dobj", "conj", "appos"}
#: Verbs (lemmas) of which a generic system is what failed or was hit.
GENERIC_HEADS = {"knock", "take", "bring", "crash", "fail", "show", "go", "break", "stop", "freeze",
                 "hit", "disrupt", "affect", "shut", "switch", "pause", "suspend", "disable",
                 "return", "display", "throw", "reject", "time", "hang", "be", "remain", "become"}


def generic_systems(sentence: Sentence) -> list[str]:
    """The generic systems of pattern systems.generic_failed in one sentence, without
    determiners or possessors ("both the website and the mobile app" -> website, mobile app)."""
    text = sentence.text
    if not (OUTAGE_CUE.search(text.lower()) or STOPPAGE_CUE.search(text) or FAILING.search(text)):
        return []
    names = []
    for token in sentence.span:
        head = token
        while head.dep_ in ("conj", "appos") and head.head is not head:
            head = head.head
        if token.lower_ in GENERIC_SYSTEMS and token.pos_ == "NOUN" and token.dep_ in GENERIC_DEPS \
                and head.head.lemma_.lower() in GENERIC_HEADS:
            mods = [c for c in token.children if c.i < token.i and c.dep_ in ("amod", "compound")
                    and c.is_lower and c.is_alpha]
            names.append(" ".join(t.text for t in mods + [token]))
    return names


def _harm_objects(span) -> list:
    """Token lists naming what a harm verb hit: its object, passive subject, or prepositional
    object ("deleted X", "X was wiped", "locked users out of X", "reached X's cluster",
    "hacked into X"), or what a compromised/malicious thing was ("a malicious version of X")."""
    heads = []
    for token in span:
        if token.lemma_.lower() in HARM_LEMMAS and token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
                    heads.append(child)
                elif child.dep_ in ("prep", "prt") and child.lower_ in HARM_PREPS:
                    heads.extend(c for c in child.children if c.dep_ == "pobj")
                    heads.extend(g for c in child.children if c.dep_ == "prep"
                                 for g in c.children if g.dep_ == "pobj")
        if token.lower_ in COMPROMISED_WORDS and token.dep_ == "amod":
            heads.append(token.head)
        elif token.lower_ in FAILURE_WORDS and token.dep_ in ("acl", "amod", "ROOT", "relcl", "conj",
                                                                  "ccomp"):
            heads.extend(c for c in token.children if c.dep_ in ("nsubj", "nsubjpass"))
            if token.dep_ in ("acl", "amod"):
                heads.append(token.head)
    return [list(head.subtree)[:30] for head in heads]


def systems(sentences: list[Sentence], exclude: set[str]) -> Optional[tuple[list[str], Sentence]]:
    """Named services that failed (at most 5): names an outage is said to have hit (3 points),
    names inside what a harm verb hit (2 points), names in outage sentences (1 point); the best
    total first, ties to the first seen.

    ``exclude`` holds lower-cased names not to report (the acting agent, publishers);
    foundation models, people, places and dates are never systems.
    """
    counts: Counter = Counter()
    first: dict[str, tuple[int, Sentence]] = {}

    def add(name: str, points: float, sentence: Sentence, ents, key: str) -> None:
        name = VERSION_TAIL.sub("", POSSESSIVE.sub("", name.strip())).strip()
        if " " in name:
            name = SERVICE_TAIL.sub("", name)
        if len(name) < 2 or name.lower() in exclude or GENERIC_AI.fullmatch(name):
            return
        if key and (name.lower() in key or key in name.lower()):
            return  # the label of a "Key: value" line, not a name
        if any(len(word) > 5 and word.isupper() for word in name.split()):
            return  # shouted words ("DATABASE"), not acronyms
        if name.lower() in GENERIC_NAMES:
            return
        for ent in ents:
            if name in ent.text or ent.text in name:
                if ent.ent_id_ and (ent.ent_id_.lower() in exclude or is_model(ent.ent_id_)):
                    return
                if ent.label_ in ("DATE", "NORP") or (ent.label_ == "PERSON" and points < 3) or (
                        ent.label_ in ("GPE", "LOC") and (not any(c.isupper() for c in name[1:])
                                                          or (name.isupper() and " " in name))):
                    return
        counts[name] += points
        first.setdefault(name, (len(first), sentence))

    for sentence in sentences:
        if sentence.is_heading or REFERENCE_HEADING.search(sentence.heading):
            continue
        ents = sentence.span.ents
        key = sentence.key or ""
        outage = bool(OUTAGE_CUE.search(sentence.lower))
        if outage:
            for name in outage_complements(sentence):
                add(name, 3, sentence, ents, key)
        for name in degraded_subjects(sentence):
            add(name, 3, sentence, ents, key)
        for name in copula_names(sentence):
            add(name, 3, sentence, ents, key)
        for name in generic_systems(sentence):
            add(name, 1, sentence, ents, key)
        for tokens in _harm_objects(sentence.span):
            for _, name in _names_in(tokens):
                add(name, 2, sentence, ents, key)
        for name in _listed(sentence.text):
            add(name, 2, sentence, ents, key)
        if outage:
            for _, name in _names_in(sentence.span):
                add(name, 1, sentence, ents, key)
    if not counts:
        return None
    # Pattern systems.tail_fragment: a name that is only the last words of another
    # found name ("Explorer" beside "AWS Cost Explorer") is a shortened mention of it.
    ranked = [n for n in sorted(counts, key=lambda n: (-counts[n], first[n][0]))
              if not any(other != n and other.endswith(" " + n) for other in counts)]
    names = ranked[:5]
    return names, first[names[0]][1]


def _place(ent) -> Optional[str]:
    """A GPE/LOC entity as a place name, with a preceding "mainland"-type modifier and a
    following ", State" ("Watsonville, California"); None for tagger noise ("AI", "PocketOS")."""
    text = ent.text
    if text.lower().startswith("the "):
        text = text[4:]
    place_shaped = len(text.split()) > 1 and text.split()[-1] in PLACE_HEADS and text.istitle()
    if (ent.label_ not in ("GPE", "LOC") and not place_shaped) or text.lower() in NOT_PLACES:
        return None
    if (text.isupper() and text not in CAPS_PLACES) or any(c.isupper() for c in text[1:].replace(" ", "")
                                                           if not text.istitle()):
        return None
    doc, start, end = ent.doc, ent.start, ent.end
    if doc[start].lower_ == "the":
        start += 1
    if start > 0 and doc[start - 1].lower_ in REGION_MODIFIERS:
        start -= 1
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "GPE":
        end += 2
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    end = _joined_place(doc, end)
    code = CLOUD_REGION.match(doc[end:].text) if end < len(doc) else None
    if code:
        # a cloud region code after the city ("Frankfurt (eu-central-1)") is part of the name
        return doc[start:end].text + " " + code.group(0).strip()
    return doc[start:end].text


#: Pattern region.cloud_code: a provider region code in brackets after a place.
CLOUD_REGION = re.compile(r"\s*\([a-z]{2}(?:-[a-z]+)+-\d\)")


def _joined_place(doc, end: int) -> int:
    """Pattern region.joined: the end of a place extended over "and [northern] Place"
    ("Queensland and northern New South Wales"); ``end`` unchanged when no place follows."""
    i = end
    if i < len(doc) and doc[i].lower_ in ("and", "&"):
        i += 1
        if i < len(doc) and doc[i].lower_ in REGION_MODIFIERS:
            i += 1
        if i < len(doc) and doc[i].ent_type_ in ("GPE", "LOC") and doc[i].ent_iob_ == "B":
            i += 1
            while i < len(doc) and doc[i].ent_iob_ == "I":
                i += 1
            return i
    return end


def _after_preposition(ent, prepositions=("in", "of", "at")) -> bool:
    """A place after "in"/"of"/"at", maybe with a determiner between ("a firm in Lyon",
    "patients in the Greater Toronto Area", "hosted in our Frankfurt region")."""
    i = ent.start - 1
    if i >= 0 and ent.doc[i].text in REGION_MODIFIERS:
        i -= 1  # "a health board in south Wales"
    if i >= 0 and ent.doc[i].lower_ in ("the", "our", "its", "their"):
        i -= 1
    return i >= 0 and ent.doc[i].lower_ in prepositions


def _modifies_noun(ent) -> bool:
    """Pattern region.place_modifier: a place modifying the noun of an organisation or person
    ("a Lyon bakery", "the Dublin-based provider")."""
    root = ent.root
    based = ent.end + 1 < len(ent.doc) and ent.doc[ent.end].text == "-" and \
        ent.doc[ent.end + 1].lower_ == "based"
    return based or (root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN"
                     and root.head.i > root.i)


#: Pattern region.dateline: a report's capitalised place line opening the text ("OSLO —",
#: "HONG KONG, 3 March 2026 —"): where the story was filed, usually where it happened.
DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3})\s*(?:,[^—–\n]{0,40}?)?\s*(?:—|–|--)\s")
#: How far from the top a date line may stand.
DATELINE_LINES = 10
#: Words of a service people could not use ("could not open", "returned errors").
UNUSABLE = re.compile(r"\bcould not\b|\bcouldn't\b|\bunable to\b|\breturned errors\b|"
                      r"\berror (?:pages|messages)\b|\bconnection errors\b")
#: Words of harmed people in groups ("Hundreds of patients").
PEOPLE_GROUPS = re.compile(r"\b(?:hundreds|thousands|millions|dozens|tens of thousands)\s+of\b", re.I)


def _dateline_place(sentence: Sentence) -> Optional[str]:
    """The place of pattern region.dateline in ``sentence`` (title case), or None."""
    if sentence.line >= DATELINE_LINES:
        return None
    match = DATELINE.match(sentence.text)
    if not match or match.group("place").lower() in NOT_PLACES:
        return None
    place = match.group("place")
    return place if place in CAPS_PLACES else place.title()


#: Pattern region.masthead: a byline ("By Jo Doe, Health Correspondent") or a bare date line
#: ("Wednesday 11 February 2026") between headline and lead; not part of the lead.
MASTHEAD = re.compile(r"^(?:(?i:by)\s+[A-Z]|(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
                      r"(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}),?\s+\d{4}\.?$)")


def _masthead(sentence: Sentence) -> bool:
    """Whether ``sentence`` is a byline or date line of pattern region.masthead."""
    return bool(MASTHEAD.match(sentence.text.strip()))


def region(sentences: list[Sentence]) -> Optional[tuple[str, Sentence]]:
    """Where the incident happened, best source first: a place (GPE/LOC) in an outage sentence;
    a place after "in"/"across" in a sentence counting the people hit (pattern
    region.people_place: "212 customers, most of them in New South Wales"); a place on a
    ``Company:``/``Location:``-type header line; a dateline place (pattern region.dateline); a
    place after "in"/"of"/"at" or modifying a noun ("a Lyon bakery", "Dublin-based") in the
    first prose sentences (the lead). Returns ``(place, sentence)`` or None."""
    prose = [s for s in sentences if s.key is None and not s.is_heading and s.line > 0
             and not _masthead(s)]
    tiers: list[list[Sentence]] = [
        # region.failure_place: where people could not use a service or got errors
        [s for s in sentences if OUTAGE_CUE.search(s.lower) or UNUSABLE.search(s.lower)],
        [s for s in sentences if PEOPLE.search(s.text) or PEOPLE_GROUPS.search(s.text)],
        [s for s in sentences if s.key and s.key.split()[-1] in PLACE_KEYS],
        [],
        prose[:3],
    ]
    for tier, candidates in enumerate(tiers):
        if tier == 3:
            for sentence in sentences:
                place = _dateline_place(sentence)
                if place:
                    return place, sentence
            continue
        for sentence in candidates:
            for ent in sentence.span.ents:
                if tier == 1 and not _after_preposition(ent, ("in", "across", "throughout")):
                    continue
                if tier == 4 and not (_after_preposition(ent) or _modifies_noun(ent)):
                    continue
                place = _place(ent)
                if place:
                    return place, sentence
    return None
