"""When the incident happened: ``yyyy-mm`` (or ``yyyy``), not when the article appeared.

Date expressions recognised (regular expressions over the sentence text):

- "July 2025", "July 21, 2025", "21 July 2025", "Jul. 2025";
- a named day with a year ("Remembrance Day 2022", "Christmas 2024") -> its month;
- a bare month ("in December", "last December", "December of last year"; "May" only
  capitalised), resolved against
  ``published``: the latest such month not after the publication month, or the previous year
  for "of last year" / "last year";
- "last month", "earlier this month", "this week", "yesterday" relative to ``published``;
- a weekday ("on Friday", "last Thursday") or "the weekend" ("over the weekend"): the latest such
  day before ``published`` (pattern occurred.weekday);
- a weekday with a day and month but no year, when ``published`` is unknown ("Thursday 9 Oct"):
  the latest year in which that day was that weekday (pattern occurred.weekday_date);
- a named day without a year ("over Christmas", "on Boxing Day"): its latest occurrence not after
  ``published`` (pattern occurred.named_day);
- a bare year ("in 2023") as a year-only date.

The report's own date line ("Published 9 January 2026", "VANCOUVER, Feb. 16, 2024", "Posted 8
December 2025 by Jo Smith") is not a
candidate (pattern occurred.not_dateline): it dates the article. When the text gives no date at
all, a report is taken to be about a recent event: the publication month is the answer
(pattern occurred.publication_fallback).

Each candidate is scored by where it stands: sentences about the incident (the agent or an
action cue) and ``Date:``-type header lines count more; words just before the date that name a
later event (published, disclosed, reported, ruling, retraction, post-mortem, patched,
resurfaced, announced) and a statement's own date ("said on Thursday": pattern occurred.said_on)
count against it, words naming the event itself (incident, original,
occurred, happened, on) count for it; words naming an earlier launch ("went live", "launched",
"introduced", "rolled out") count against it too, and so does a fix, patch or refund told before the
date (pattern occurred.remedy); papers filed on the date ("two motions filed in May") are the
incident itself (pattern occurred.filed_document). A value's total is its best placement plus a
little for each repeat that is not penalised. The best total wins; ties go to the earliest date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Optional

from .segment import METADATA_LINE, Sentence

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
MONTHS["sept"] = 9
NAMED_DAYS = {"remembrance day": 11, "veterans day": 11, "thanksgiving": 11, "black friday": 11,
              "christmas": 12, "new year's eve": 12, "new year's day": 1, "valentine's day": 2,
              "halloween": 10, "super bowl": 2, "independence day": 7, "labor day": 9,
              "memorial day": 5, "easter": 4, "boxing day": 12}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
FULL_DATE = re.compile(r"\b" + _MONTH + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?(?:[–-]\d{1,2})?,?)?\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b"
                       r"|\b\d{1,2}\s+" + _MONTH.replace("month", "month2") + r"\s+(?P<year2>(?:19|20)\d{2})\b",
                       re.I)
NAMED_DATE = re.compile(r"\b(?P<day>" + "|".join(re.escape(d) for d in NAMED_DAYS)
                        + r")(?:\s+weekend)?,?\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b", re.I)
BARE_MONTH = re.compile(r"\b(?:in|on|last|this|early|late|mid|since|during|until|by)[\s-]+(?:early\s+|late\s+|mid-?)?"
                        r"(?P<month>january|february|march|april|(?-i:May)|june|july|august|september|october|"
                        r"november|december)\b(?P<rest>\s+of\s+last\s+year|\s+last\s+year)?"
                        r"(?!\s+(?:of\s+)?(?:19|20)\d{2}\b)", re.I)
RELATIVE = re.compile(r"\b(?P<rel>last month|earlier this month|this month|this week|last week|"
                      r"earlier this week|yesterday|earlier this year|last year)\b", re.I)
#: Days before publication of relative day words.
DAYS_BACK = {"yesterday": 1, "last week": 7, "earlier this week": 2, "this week": 0}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
#: Pattern occurred.weekday: "on Friday", "last Thursday", "over the weekend", "on Saturday night".
WEEKDAY = re.compile(r"\b(?:on|last|this|since|over|during|until|by|late|early)\s+(?:the\s+|past\s+|last\s+)?"
                     r"(?P<day>" + "|".join(WEEKDAYS) + r"|weekend)\b(?!\s*,?\s+(?:\w+\s+)?\d)", re.I)
#: Pattern occurred.named_day: a named day with no year ("over Christmas", "on Boxing Day").
NAMED_NO_YEAR = re.compile(r"\b(?:on|over|during|at|before|after|around|until|since)\s+(?:the\s+)?"
                           r"(?P<day>" + "|".join(re.escape(d) for d in NAMED_DAYS) + r")\b"
                           r"(?!(?:\s+weekend)?,?\s+(?:of\s+)?(?:19|20)\d{2})", re.I)
_MONTH_NAME = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
               r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: Pattern occurred.day_month: a day and a capitalised month with no year ("on 28 and 29 March",
#: "Thursday 11 September", "Oct. 13", "March 3rd"), resolved like a bare month.
DAY_MONTH = re.compile(r"\b" + _DAY + r"(?:\s*(?:and|to|&|-|–)\s*" + _DAY + r")?\s+" + _MONTH_NAME
                       + r"(?![\w-])(?!,?\s+(?:of\s+)?\d{4})"
                       r"|\b" + _MONTH_NAME.replace("month", "month2") + r"\s+" + _DAY
                       + r"(?![\w%:.,]\d|\s*(?:%|percent|per cent)|,?\s+\d{4}|\d)")
#: Pattern occurred.weekday_date: a weekday with a day and month but no year ("Thursday 9 Oct",
#: "on Monday (Feb 9)", "Tuesday, March 4th"): with no publication date to resolve it against,
#: the year is the latest (not after today) in which that day fell on that weekday.
WEEKDAY_DATE = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b,?\s+\(?(?:the\s+)?(?:"
                          r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_NAME
                          + r"|" + _MONTH_NAME.replace("month", "month2") + r"\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)"
                          r"(?![\w-])(?!,?\s+(?:of\s+)?\d{4})", re.I)
#: How many years back a weekday date is looked for.
WEEKDAY_YEARS = 12


def _weekday_year(weekday: str, month: int, day: int, today: Optional[date] = None) -> Optional[int]:
    """The latest year, not after ``today`` (default: the current date), in which ``month``/``day``
    fell on ``weekday`` ("thursday"), searched ``WEEKDAY_YEARS`` back; None when none did."""
    today = today or date.today()
    wanted = WEEKDAYS.index(weekday.lower())
    for year in range(today.year, today.year - WEEKDAY_YEARS, -1):
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if when <= today and when.weekday() == wanted:
            return year
    return None


BARE_YEAR = re.compile(r"\b(?:in|since|during|of|early|late|mid)[\s-]+(?P<year>(?:19|20)\d{2})\b", re.I)

LATER_EVENT = re.compile(r"(?:published|disclosed|disclosure|reported|ruling|ruled|retract|"
                         r"post-?mortem|patched|fixed|resurfaced|announced|released|discovered|"
                         r"dated|analy[sz]ed|advisory|verified|updated|wrote|filed|decision|"
                         r"hearing|judgment|trial|tribunal|found|revealed|became known|lawsuit|"
                         r"went live|launched|introduced|rolled out|debuted|verdict|jury|jurors|"
                         r"decided|awarded|final report|inquiry)\W+(?:\w+\W+){0,3}$",
                         re.I)
#: Pattern occurred.later_event_after: the date opens a clause whose subject or verb is the
#: aftermath ("On 14 February 2024, the tribunal ordered ...", "In May, the company published").
LATER_EVENT_AFTER = re.compile(r"^[\s,]*(?:[\w'’.-]+[\s,]+){0,6}?(?:tribunal|court|judge|regulator|"
                               r"ruled|ordered|fined|sanctioned|published|disclosed|announced|"
                               r"reported|settled|sued)\b", re.I)
_DATE_HEAD = re.compile(r"(?:[\w.]+[\s,]+){0,4}?(?:19|20)\d{2}\b")


def _after(text: str, offset: int) -> str:
    """Up to 100 characters of ``text`` after the date that starts at ``offset`` (after its
    year when it has one within five words)."""
    rest = text[offset:offset + 120]
    head = _DATE_HEAD.match(rest)
    return rest[head.end():] if head else rest


EVENT = re.compile(r"(?:incident|original|occurred|happened|began|started|took place|outage|"
                   r"deleted|wiped|caused|date)\W+(?:\w+\W+){0,3}$", re.I)
#: Pattern occurred.account_cut_off: a person's loss of access that is the harm itself ("was
#: deactivated in 2021", "was removed from the app in March", "locked out of his account in
#: May") dates the incident, however long before the report it came.
CUT_OFF = re.compile(r"\b(?:was|were|got|been|being)\s+(?:permanently\s+|wrongly\s+)?(?:deactivated|banned|"
                     r"suspended|locked out(?:\s+of\s+(?:\w+\s+)?account)?|kicked off(?:\s+(?:the|its|their)\s+\w+)?|"
                     r"removed from (?:the|its|their) (?:app|platform|site|service))(?:\W+(?:in|on|during))?\W*$", re.I)
#: Pattern occurred.said_on: the date of a statement ("Anthropic said on Thursday that ...",
#: "the firm confirmed in March"), not of what it tells.
SAID_ON = re.compile(r"\b(?:said|says|confirmed|acknowledged|admitted|told reporters)\W+(?:\w+\W+)?$",
                     re.I)
#: Pattern occurred.remedy: the date is when a fix, patch or refund came ("A fix began reaching
#: tenants in early February"): the aftermath, whatever verb tells it.
REMEDY = re.compile(r"\b(?:fix|fixes|patch|patches|hotfix|remedy|refunds?|rollback|workaround)\b"
                    r"\W+(?:\w+\W+){0,5}$", re.I)
#: Pattern occurred.filed_document: papers filed on the date are where fabricated content went
#: ("two motions filed in May"), the incident itself, unlike a lawsuit or complaint filed later.
FILED_DOCUMENT = re.compile(r"\b(?:motions?|briefs?|filings?|declarations?|pleadings?|"
                            r"submissions?|responses?|reports?)\s+(?:\w+\s+){0,3}?filed\W+(?:\w+\W+){0,2}$",
                            re.I)


@dataclass
class DateCandidate:
    """One date found in the text: ``value`` is 'yyyy-mm' or 'yyyy'."""

    value: str
    score: float
    sentence: Sentence
    position: int


def _published(published: Optional[str]) -> Optional[tuple[int, int]]:
    if not published:
        return None
    match = re.match(r"(\d{4})-(\d{2})", published)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _published_day(published: Optional[str]) -> Optional[date]:
    """``published`` ('yyyy-mm-dd...') as a date, None when it has no day or cannot be read."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _weekday_before(day: date, name: str) -> str:
    """'yyyy-mm' of the latest weekday ``name`` ("friday", or "weekend" = Saturday) strictly
    before ``day``, the publication date."""
    wanted = WEEKDAYS.index("saturday" if name == "weekend" else name)
    back = (day.weekday() - wanted) % 7 or 7
    return (day - timedelta(days=back)).strftime("%Y-%m")


#: Pattern occurred.numeric_date: an all-digit date as review pages, forums and app stores print
#: it ("12/03/2025", "23.01.2026"); a two-digit year only with its clock time ("23/01/26 21:04").
NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
                          r"(?:(?P<year>(?:19|20)\d{2})|(?P<short>\d{2})(?=,?\s+\d{1,2}:\d{2}))(?![\d/])")


#: Pattern occurred.iso_date: a year-month-day date as logs, issue trackers and engineers write
#: it in prose ("On 2026-08-11 I asked ..."); the day is required, so that a range of years
#: ("2019-20") or a version is not read as a month.
ISO_DATE = re.compile(r"(?<![\w/.-])(?P<year>(?:19|20)\d{2})-(?P<month>0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\w/-])")


def day_first(texts: Iterable[str]) -> bool:
    """Pattern occurred.numeric_date: whether the page writes numeric dates day first
    ("23/01/2026"): True unless one of its numeric dates can only be month first (a second
    number above 12, "03/23/2026") and none can only be day first; ``texts`` are its sentences."""
    first = second = False
    for text in texts:
        for match in NUMERIC_DATE.finditer(text):
            first = first or int(match.group("a")) > 12
            second = second or int(match.group("b")) > 12
    return first or not second


def dates_in(sentence: Sentence, published: Optional[str],
             day_first_dates: bool = True) -> list[tuple[str, int]]:
    """All dates in one sentence as ``(value, char offset in the sentence)``; numeric dates
    ("12/03/2025") are read day first unless ``day_first_dates`` is False (see :func:`day_first`)."""
    text = sentence.text
    found: list[tuple[str, int]] = []
    taken: list[tuple[int, int]] = []
    for match in NUMERIC_DATE.finditer(text):
        a, b = int(match.group("a")), int(match.group("b"))
        month = b if day_first_dates else a
        if not 1 <= month <= 12 or not 1 <= (a if day_first_dates else b) <= 31:
            continue
        year = match.group("year") or f"20{match.group('short')}"
        found.append((f"{year}-{month:02d}", match.start()))
        taken.append(match.span())
    for match in ISO_DATE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        found.append((f"{match.group('year')}-{match.group('month')}", match.start()))
        taken.append(match.span())
    for match in FULL_DATE.finditer(text):
        month = MONTHS[(match.group("month") or match.group("month2")).lower().rstrip(".")]
        year = match.group("year") or match.group("year2")
        found.append((f"{year}-{month:02d}", match.start()))
        taken.append(match.span())
    for match in NAMED_DATE.finditer(text):
        found.append((f"{match.group('year')}-{NAMED_DAYS[match.group('day').lower()]:02d}",
                      match.start()))
        taken.append(match.span())
    pub = _published(published)
    day = _published_day(published)
    if not pub:
        for match in WEEKDAY_DATE.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            wanted = MONTHS[(match.group("month") or match.group("month2")).lower().rstrip(".")]
            year = _weekday_year(match.group("weekday"), wanted, int(match.group("day") or match.group("day2")))
            if year:
                found.append((f"{year}-{wanted:02d}", match.start()))
                taken.append(match.span())
    if pub:
        year, month = pub
        for match in DAY_MONTH.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            name = (match.group("month") or match.group("month2")).lower()
            wanted = MONTHS[name]
            found.append((f"{year if wanted <= month else year - 1}-{wanted:02d}", match.start()))
            taken.append(match.span())
        for match in BARE_MONTH.finditer(text):
            if any(a <= match.start("month") < b for a, b in taken):
                continue
            wanted = MONTHS[match.group("month").lower()]
            when = year if wanted <= month else year - 1
            if match.group("rest"):
                when = year - 1
            found.append((f"{when}-{wanted:02d}", match.start()))
        for match in RELATIVE.finditer(text):
            rel = match.group("rel").lower()
            if rel in ("last month",):
                value = f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
            elif rel in ("last year",):
                value = str(year - 1)
            elif rel == "earlier this year":
                value = str(year)
            elif rel in DAYS_BACK and day:
                value = (day - timedelta(days=DAYS_BACK[rel])).strftime("%Y-%m")
            else:
                value = f"{year}-{month:02d}"
            found.append((value, match.start()))
        for match in WEEKDAY.finditer(text):
            if day:
                found.append((_weekday_before(day, match.group("day").lower()), match.start()))
        for match in NAMED_NO_YEAR.finditer(text):
            wanted = NAMED_DAYS[match.group("day").lower()]
            found.append((f"{year if wanted <= month else year - 1}-{wanted:02d}", match.start()))
    for match in BARE_YEAR.finditer(text):
        if not any(a <= match.start("year") < b for a, b in taken):
            found.append((match.group("year"), match.start()))
    return found


#: The top lines where a report's own date line stands, and the most words it has besides the date.
DATELINE_LINES = 8
DATELINE_WORDS = 4
#: Pattern occurred.timestamp_line: a page's time stamp, a date with a clock time or an update
#: note ("August 1, 2025 9:14 PM GMT+1 · Updated 3 hours ago", "July 7, 2023 — 6.30pm"), dates
#: the page also further down than a plain date line, under the menus of a heavy page.
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?)?(?:\s*(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|aest|aedt|et|pt)"
                   r"(?:\s*[+-]\s*\d{1,2})?\b)?|\b\d{1,2}\s*[ap]\.?m\b\.?|\bupdated\b(?:\s+\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago)?",
                   re.I)
TIMESTAMP_LINES = 20
#: Pattern occurred.byline_date: an author's byline carrying the date ("By Jo Doe   12 January
#: 2026   4 min read") is the report's date line.
BYLINE_DATE_REST = re.compile(r"^\W*(?:(?i:by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})?\W*"
                              r"(?:\d+\s+min(?:ute)?s?\s+read)?\W*$")


#: Pattern occurred.name_date_byline: what is left of a date line that is only a person's name
#: ("Jo Doe  |  Dec 9, 2025" -> "Jo Doe"): two to four capitalised words.
NAME_ONLY = re.compile(r"^\W*[A-Z][a-z][\w.'’-]*(?:\s+[A-Z][\w.'’-]+){1,3}\W*$")
#: Pattern occurred.posted_by: what is left of a date line that names its author ("Posted 8
#: December 2025 by Dana Whitfield, Fieldhouse Ceramics").
BYLINE_REST = re.compile(r"^\W*(?i:posted|published|updated|written)\W+(?i:on\W+)?(?i:by)\s+[A-Z]")


_MONTH_WORD = _MONTH_NAME.replace("?P<month>", "")
#: Pattern occurred.wire_dateline: a wire story's opening dateline inside its first sentence
#: ("MIAMI, Aug 1 (Meridian Wire) - Jurors ...", "OSLO, 3 March (Agency) — ..."): the date is
#: the story's, not the incident's.
WIRE_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{2,30}(?:,\s+[A-Z][\w.'’ -]{1,30})?,\s+(?:" + _MONTH_WORD + r"\s+"
                           + _DAY + r"|" + _DAY + r"\s+" + _MONTH_WORD + r")(?:,?\s+(?:19|20)\d{2})?"
                           r"(?:\s*\([^()]{2,40}\))?\s*[-–—]+\s")


def _own_date(sentences: list[Sentence]) -> Optional[str]:
    """Pattern occurred.own_date_anchor: with no publication date known, the 'yyyy-mm' of the
    report's own date line near the top (:func:`_is_dateline`: "12 January 2026" alone, or in
    an author's byline), which then anchors dates without a year ("between 27 and 30
    December" -> the December before); None when there is none."""
    for sentence in sentences:
        if sentence.line >= TIMESTAMP_LINES:
            break
        match = FULL_DATE.search(sentence.text)
        if match:
            month = MONTHS[(match.group("month") or match.group("month2")).lower().rstrip(".")]
            value = f"{match.group('year') or match.group('year2')}-{month:02d}"
            if _is_dateline(sentence, value, None):
                return value
    return None


def _is_dateline(sentence: Sentence, value: str, published: Optional[str]) -> bool:
    """Pattern occurred.not_dateline: ``sentence`` is the report's own date line ("Published 9
    January 2026", "OSLO, 3 March 2026"): near the top, not a "Key: value" line, a few words
    besides a date that is the publication month ``value``, or any number of words set apart
    by separators (a byline: "Blog name · 16 September 2025 · Author"). With no publication date known, a
    line near the top that is a date and nothing else ("February 2024") is the date line."""
    if sentence.key or sentence.line >= TIMESTAMP_LINES:
        return False
    rest = ISO_DATE.sub(" ", FULL_DATE.sub(" ", sentence.text))
    if sentence.line >= DATELINE_LINES:
        # occurred.timestamp_line, occurred.byline_date: further down a heavy page, only a date
        # with its clock time or in an author's byline
        stamp = bool(CLOCK.search(rest)) and not re.findall(r"[A-Za-z]+", CLOCK.sub(" ", rest))
        byline = bool(re.match(r"\W*(?i:by)\s", rest)) and bool(BYLINE_DATE_REST.match(rest))
        # occurred.name_date_byline: the author's name and the publication date alone on a
        # line ("Jo Doe  |  Dec 9, 2025", the separator masked as markup)
        named = bool(published) and bool(NAME_ONLY.match(rest))
        return (stamp or byline or named) and (not published or value == published[:7])
    if not published:
        return rest.strip(" .,·|-–—") == "" or bool(BYLINE_DATE_REST.match(rest)) \
            or CLOCK.sub(" ", rest).strip(" .,·|-–—") == ""
    if value != published[:7]:
        return False
    # a byline of fields set apart ("Notes from the Sandbox · September 16, 2025 · Hana L.")
    return (len(re.findall(r"[A-Za-z]+", rest)) <= DATELINE_WORDS or bool(METADATA_LINE.search(sentence.text))
            or bool(BYLINE_REST.match(rest)))


#: What is left of a forum post's header once its date is taken out: a user name and "on"
#: ("**ferrobyte** on May 30, 2025", "dana_k commented on 4 March 2025").
POST_HEADER_REST = re.compile(r"^\W*[\w.@-]+\W*\s+(?:commented |posted |wrote |replied )?on\W*$", re.I)


#: A link aggregator's story line: "312 points by dana on Oct 2, 2024 | 98 comments".
LISTING_HEADER = re.compile(r"^\s*\d[\d,.]*k?\s+(?:points?|votes?|upvotes?)\b", re.I)


def _is_post_header(sentence: Sentence) -> bool:
    """Pattern occurred.post_header: a line that dates a forum post or comment: a user name and
    "on" before the date, or a listing's metadata line ("364 points by dana on May 30, 2025 |
    189 comments"). The first dates the thread, as a date line dates an article; the replies'
    headers date only the replies, however often they repeat a date (:func:`occurred`)."""
    if not FULL_DATE.search(sentence.text):
        return False
    rest = FULL_DATE.sub(" ", sentence.text)
    return bool(POST_HEADER_REST.match(rest)) or bool(METADATA_LINE.search(sentence.text))


def _names_a_day(text: str) -> bool:
    """Pattern occurred.narrative_weekday: ``text`` dates a day ("On Friday, August 8",
    "12 March 2025", "12/03/2025"), not only a month ("in January"): only such a date starts a
    story whose weekdays go on from it."""
    return bool(DAY_MONTH.search(text) or WEEKDAY_DATE.search(text) or NUMERIC_DATE.search(text)
                or any(re.search(r"\d{1,2}\D+\d{4}", m.group(0)) for m in FULL_DATE.finditer(text)))


#: How many sentences after an explicit date a weekday word in a later paragraph still
#: continues its story (in the same paragraph, any number).
NARRATIVE_SENTENCES = 2


def occurred(sentences: list[Sentence], incident: set[int], published: Optional[str],
             title_lines: int = 1) -> Optional[tuple[str, Sentence]]:
    """The incident's month (or year) and the sentence that gives it; None when no date is found.

    ``incident`` holds the indexes of sentences about the incident (they score higher).
    """
    candidates: list[DateCandidate] = []
    own_line: Optional[Sentence] = None
    headers = 0
    previous_line, previous_words = -1, 0
    anchor = published or _own_date(sentences)
    order = day_first(s.text for s in sentences)
    story: Optional[tuple[str, int, int]] = None  # the last explicit month, its sentence index and line
    for sentence in sentences:
        every = dates_in(sentence, anchor, order)
        # pattern occurred.narrative_weekday: "Over the weekend", "by Monday" right after an
        # explicit date ("On Friday, August 8, ...") goes on from that date, not from publication
        relative = {m.start() for m in WEEKDAY.finditer(sentence.text)}
        if story and (sentence.line == story[2] or sentence.index - story[1] <= NARRATIVE_SENTENCES):
            every = [(story[0] if offset in relative else value, offset) for value, offset in every]
            if any(offset in relative for _, offset in every):
                story = (story[0], sentence.index, sentence.line)  # the narrative goes on
        wire = WIRE_DATELINE.match(sentence.text)
        if wire:
            every = [(value, offset) for value, offset in every if offset >= wire.end()]
            own_line = own_line or sentence
        # pattern occurred.dateline_in_prose: a date line stands on a line of its own or after a
        # few words (a blog's name); a short piece split off a prose sentence of the same line
        # ("... Claude Code version 2.0.22, on October 21.") is not one
        opens_line = sentence.line != previous_line or previous_words <= 2 * DATELINE_WORDS
        previous_line = sentence.line
        previous_words = len(re.findall(r"[A-Za-z]+", sentence.text))
        found = [(value, offset) for value, offset in every
                 if not (opens_line and _is_dateline(sentence, value, published))]
        if len(found) < len(every):
            own_line = sentence
        explicit = [value for value, offset in found if offset not in relative and len(value) == 7]
        if explicit and len(found) == len(every) and _names_a_day(sentence.text):
            story = (explicit[-1], sentence.index, sentence.line)  # not the report's own date line
        # the opening post's header dates the report; the replies' headers date only themselves
        # (a listing's header, "312 points by dana on Oct 2, 2024", is the thread's opening
        # header although it is also the report's own date line; an issue's "opened this issue
        # on" line is not: the opening post's own header follows it)
        if (found or LISTING_HEADER.match(sentence.text)) and _is_post_header(sentence):
            headers += 1
            if headers > 1:
                continue
        for value, offset in found:
            before = sentence.text[:offset]
            score = 1.0
            if sentence.index in incident:
                score += 1.0
            if sentence.key and "date" in sentence.key:
                score += 1.5
            if sentence.line < title_lines:
                score += 0.5
            if REMEDY.search(before):
                candidates.append(DateCandidate(value, score - 2.0, sentence, len(candidates)))
                continue
            if FILED_DOCUMENT.search(before):
                score += 1.5
            elif (EVENT.search(before) or CUT_OFF.search(before)) and (sentence.index in incident or not incident):
                # an "incident"/"happened" word in a sentence about another actor's incident
                # dates that one (pattern occurred.other_incident)
                score += 1.5
            if FILED_DOCUMENT.search(before):
                pass  # the court named after papers filed there is where they went, not a ruling
            elif LATER_EVENT.search(before) or SAID_ON.search(before):
                score -= 2.0
            elif LATER_EVENT_AFTER.search(_after(sentence.text, offset)):
                score -= 1.5
            if len(value) == 4:
                score -= 0.5
            candidates.append(DateCandidate(value, score, sentence, len(candidates)))
    if not candidates:
        # pattern occurred.publication_fallback: an undated report is about a recent event
        pub = _published(anchor)  # with no publication date known, the own date line's
        if pub is None or not sentences:
            return None
        return f"{pub[0]}-{pub[1]:02d}", own_line or sentences[0]
    # a year-only date is refined by a month of the same year found anywhere else
    months = [c for c in candidates if len(c.value) == 7]
    for candidate in candidates:
        if len(candidate.value) == 4:
            same = [c for c in months if c.value.startswith(candidate.value)]
            if same and len({c.value for c in same}) == 1:
                candidate.score -= 0.5
    # a value's total: its best placement, plus a little for being repeated
    totals: dict[str, float] = {}
    counts: dict[str, int] = {}
    for candidate in candidates:
        totals[candidate.value] = max(totals.get(candidate.value, -9.0), candidate.score)
        # a date repeated where it dates the aftermath (a launch, a fix) adds nothing
        counts[candidate.value] = counts.get(candidate.value, 0) + (candidate.score > 0.5)
    for value, count in counts.items():
        totals[value] += 0.25 * min(max(count - 1, 0), 4)
    best = max(candidates, key=lambda c: (totals[c.value], c.score, -c.position))
    if len(best.value) == 4 and best.score <= 1.5 and own_line is not None and anchor:
        # pattern occurred.background_year: a bare year in a sentence that is not about the
        # incident and names no event ("a career high in 2004", "laid off its editors back in
        # 2020") is background; the report's own date line (the publication date, or with none
        # known the date line standing alone near the top) dates a report of a recent event
        return anchor[:7], own_line
    if len(best.value) == 4 and own_line is not None and anchor and anchor.startswith(best.value):
        # pattern occurred.year_of_own_line: a bare year that is the report's own date line's
        # year ("in 2023" under "10 August 2023") is read as the month of that date line
        return anchor[:7], own_line
    return best.value, best.sentence
