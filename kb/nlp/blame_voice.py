"""Voices that speak for a company over more than one sentence, for ``blame.statements``.

A sentence with no company speaker of its own is still the company's statement when the page
or reply it sits in speaks for the company:

- ``author``: a byline near the top names a company role ("By Jo Doe, CTO at Acme", or a
  signature line "Jo Doe, Senior Vice President, Acme · 2 May": ``blame.signature_byline``);
  the author's first-person plural sentences are the company's (``blame.author``);
- ``stacked_byline``: the company's masthead opens the page and a byline puts a name over a job
  title ("Dana Ruiz" / "Product Manager, Search"): its "we" is the company's
  (``blame.stacked_byline``);
- ``house_voice`` / ``house_page``: the company's own page (``deployer.house_org``: a status
  page, an engineering blog, a security bulletin); ``house_page`` also covers its third-person
  house voice (``blame.house_page``);
- ``postmortem_voice``: a report titled as a post-mortem that says "we" and hardly ever "I"
  is the speaking company named most in it (``blame.postmortem_voice``);
- ``staff_badges``: forum and issue-tracker replies by the company's staff: a badge ("jdoe
  (Acme staff)"), a self-introduction ("Hi, cofounder of Acme here"), or a reply header on its
  own line naming the company or its product ("jdoe (Acme) commented on ...", "acme_dev
  Aug '25": ``blame.comment_header``) (``blame.staff_badge``);
- ``heading_speaker``: a response heading that names the company ("What Acme said",
  ``blame.heading_speaker``).

``companies`` is always the set of lower-cased names (and aliases) that may speak.
"""

from __future__ import annotations

import re
from typing import Optional

from .deployer import house_org
from .gazetteer import family_vendor
from .segment import Sentence

#: A forum reply header with a staff badge: "jdoe (Acme staff)  2d", "Jo Doe [Acme team]".
STAFF_BADGE = re.compile(r"^\s*[\w.-]+(?:\s+[\w.-]+)?\s*[(\[](?P<org>[^()\[\]]{2,40}?)\s+(?:staff|team|employee|"
                         r"support|developer|dev|engineer|moderator|official|admin)[)\]]", re.I)
#: A reply header standing on its own line: an issue tracker's, with or without the poster's
#: organisation in brackets ("jdoe (Acme) commented on Mar 5, 2025", "jdoe commented 2 days
#: ago"), or a forum's handle and date ("jdoe    Aug '25", "jdoe      2d"); pattern
#: blame.dotted_reply_header: a forum's name, bracketed badge and date joined by a middle dot
#: ("Jo (Acme Staff) · Jun 13", "jdoe · Oct 21, 2025"); a square bracket's opening half may be
#: masked as markup ("jdoe  STAFF] · Oct 13").
COMMENT_HEADER = re.compile(r"^\s*(?P<handle>[\w.-]+)(?:\s*(?:[(\[]|\s)(?P<org>[^()\[\]\s][^()\[\]]{1,39}?)[)\]])?"
                            r"(?:\s+(?:commented|replied|responded|answered)\b(?:\s+(?:on|at)\b)?[\w\s,:.-]{0,30}"
                            r"|\s{2,}(?=[^\n]{0,24}\d)(?:[A-Z][a-z]{2}\.? )?'?\d{1,4}[a-z]{0,3}(?:,? '?\d{2,4})?(?: ago)?"
                            r"|\s*[·•]\s*(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? '?\d{2,4})?|\d{1,2} [A-Z][a-z]{2,8}\.?(?: \d{4})?"
                            r"|\d{4}-\d{2}-\d{2}|\d{1,3} ?(?:[smhdwy]|mins?|hours?|days?|weeks?|months?)(?: ago)?))\s*$")
#: Pattern blame.reply_from_header: a forum reply headed "Reply from jdoe (Acme Staff)" or
#: "Response by jdoe" on a line of its own, with or without a date after it.
REPLY_FROM = re.compile(r"^\s*(?:reply|response|comment|answer|message) (?:from|by)\s+(?P<handle>[\w.-]+)"
                        r"(?:\s*[(\[](?P<org>[^()\[\]]{2,40}?)[)\]])?(?:\s*[·•|,-]\s*[^\n]{1,30})?\s*$", re.I)
#: Pattern blame.role_badge_handle: a badge that names only a role ("jdoe_Staff [STAFF]",
#: "Acme_Team_Jo (Moderator)") leaves the company to the handle: the words before a role word
#: in it ("Acme_Staff_Jo" -> "Acme").
ROLE_ONLY = re.compile(r"^(?:staff|team|employee|support|developer|dev|engineer|moderator|official|admin|mod)$", re.I)
HANDLE_ROLE = re.compile(r"^(?P<org>[A-Za-z][A-Za-z0-9]+?)(?:[_.-]?(?:Staff|Team|Support|Official|Dev)|[_.-](?:staff|team|support|official|dev))(?:[_.-]|$)")
#: Pattern blame.social_post_header: a social thread's post header, the display name then the
#: handle, optionally a middle dot and the time ("Acme Support @AcmeSupport · 2:37 PM", "Acme
#: @acme.bsky.social · 38m"): the post under it is the display name's (or handle's) company.
SOCIAL_HEADER = re.compile(r"^\s*(?P<name>[^@\n·•]{2,40}?)\s+@(?P<handle>[\w.-]{2,40})"
                           r"(?:\s*[·•]\s*[^\n]{1,30})?\s*$")
#: Pattern blame.developer_response: an app store's reply to a review, headed "Developer
#: Response" (with or without its date): the reply is the app's maker's.
DEVELOPER_REPLY = re.compile(r"^\s*(?:developer|publisher)(?:'s|’s)? (?:response|reply)\b|"
                             r"^\s*(?:response|reply) from (?:the )?(?:developer|publisher)\b", re.I)
#: An app store review's header, which ends the developer's reply above it: the star rating
#: line ("★☆☆☆☆  Title") or the reviewer's name and date ("jdoe_88, 12/03/2025").
REVIEW_HEADER = re.compile(r"^\s*[★☆]{3,}|^\s*[\w.-]{2,30},\s*\d{1,2}/\d{1,2}/\d{2,4}\s*$")
#: The role word a badge puts after the organisation ("Acme Staff", "acme team").
BADGE_ROLE = re.compile(r"\s+(?:staff|team|employee|support|developer|dev|engineer|moderator|official|admin)$", re.I)
#: Pattern blame.repo_role_badge: an issue tracker's role badge on a reply header ("jdoe
#: (Collaborator) commented on ...", "(Member)", "(Owner)", "(Maintainer)"): the poster has
#: write access to the repository, so speaks for the company whose repository it is.
REPO_ROLE = re.compile(r"^(?:collaborator|member|owner|maintainer)$", re.I)
#: A code host's repository header near the top of the page: "acme / acme-cli    Public", or the
#: bare "acme/acme-cli" on a line of its own (pattern blame.bare_repo_header).
REPO_HEADER = re.compile(r"^\s*(?P<owner>[\w.-]+)\s*/\s*(?P<repo>[\w.-]+)(?:\s+(?:Public|Private)\b|\s*$)")
#: A poster handle naming the company or its product with a staff suffix ("acme_dev", "acme-team").
HANDLE_ORG = re.compile(r"^(?P<org>[A-Za-z][A-Za-z0-9]+)[_.-](?:dev|devs|team|staff|official|support|"
                        r"maintainer|hq)$", re.I)
#: A forum poster introducing themselves with a company role: "Hi, cofounder of Acme here",
#: "Jo from the Acme team here", "I'm the CEO of Acme", "(disclosure: I work at Acme)", "Acme
#: employee here".
SELF_INTRO = re.compile(r"(?:^|[,.!:;(]\s*|\b(?:hi|hey|hello)\b[\s,]*)(?:(?:i'?m|i am|[A-Z][a-z]+,?)\s+)?"
                        r"(?:(?:the|a|an|one of the)\s+)?"
                        r"(?:co-?founder|founder|ceo|cto|coo|engineer|developer|maintainer|employee|"
                        r"(?:product |engineering |support )?(?:manager|lead)|pm|staff|dev|team)s?\s+"
                        r"(?:of|at|on|from|with)\s+(?:the\s+)?(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}?)"
                        r"(?:\s+team)?\s+here\b|\b(?:i|we) work (?:at|for) (?P<org2>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})"
                        # pattern blame.org_role_here: "Acme employee here", "Acme engineer here"
                        r"|(?:^\s*|[,.!:;(]\s*)(?P<org3>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)\s+(?:employee|engineer|"
                        r"developer|dev|staff|co-?founder|founder|pm|team member)\s+here\b",
                        re.I)

#: First-person plural: in a post its author wrote for the company, the company speaking.
FIRST_PERSON = re.compile(r"\b(?:we|our|us|ours)\b", re.I)
#: A byline: "Posted 2 March by Jo Doe, CTO at Acme", "By Jo Doe (Acme founder)".
BYLINE = re.compile(r"(?:^|\bposted\b.*?|\bwritten\b.*?|\s)\bby\s+", re.I)
#: What may come before the name on a signature line: markup, a separator ("· Jo Doe, VP").
SIGNATURE_LEAD = re.compile(r"^[\s*_·|•—–-]*")


def author(sentences: list[Sentence], people: frozenset[str]) -> Optional[str]:
    """The named spokesperson in a byline near the top (the first three lines), whose
    first-person plural sentences ("We own this.") are the company's statement (rule
    ``blame.author``): "By Jo Doe, CTO at Acme", or a signature line that opens with the name
    and its role ("Jo Doe, Senior Vice President, Acme · 2 May": ``blame.signature_byline``);
    None when the byline names no company role."""
    for sentence in sentences:
        if sentence.line > 4:
            break
        text = sentence.text
        for name in sorted(people, key=len, reverse=True):
            at = text.find(name)
            if at >= 0 and BYLINE.search(text) and re.search(r"\bby\s+$", text[:at], re.I):
                return name
            if at >= 0 and SIGNATURE_LEAD.fullmatch(text[:at]) and text[at + len(name):].lstrip().startswith(","):
                return name  # blame.signature_byline: "Jo Doe, CTO, Acme · 2 May"
    return None


#: A job title on the line under a byline's name ("Product Manager, Search", "VP, Engineering",
#: "Senior Staff Engineer"); a newsroom's titles (reporter, editor, correspondent) are not one.
JOB_TITLE = re.compile(r"^\s*(?:[\w&-]+,?\s+){0,3}(?:manager|engineer|director|president|vp|officer|scientist|"
                       r"lead|head|founder|co-?founder|ceo|cto|coo|ciso|architect|counsel|strategist|"
                       r"product manager|researcher)\b(?:,?\s+[\w&-]+){0,3}\s*$", re.I)
NEWSROOM_TITLE = re.compile(r"\b(?:reporter|editor|correspondent|journalist|writer|columnist|contributor|"
                            r"analyst|critic)\b", re.I)
#: A byline name standing alone on its line ("David Ng").
NAME_LINE = re.compile(r"^\s*[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2}\s*$")
#: How far down the page a stacked byline may stand (lines).
BYLINE_LINES = 16


def stacked_byline(sentences: list[Sentence], companies: set[str]) -> Optional[str]:
    """The company whose blog this is when its masthead opens the page ("Acme | The Blog",
    "Acme   Newsroom") and a byline stacks a name on one line over a job title at the company on
    the next ("Dana Ruiz" / "Product Manager, Search"), within the first ``BYLINE_LINES``
    lines: the author's first-person plural sentences are the company's (rule
    ``blame.stacked_byline``). None otherwise; a newsroom title (reporter, editor) is a
    journalist's byline, not the company's."""
    if not sentences:
        return None
    masthead = sentences[0].text
    company = next((c for c in sorted(companies, key=len, reverse=True) if len(c) > 2 and re.match(
        r"\s*" + re.escape(c) + r"(?:\s{2,}|\s*[|·•—–-]\s*|\s+(?:blog|newsroom|engineering|press)\b)",
        masthead, re.I)), None)
    if company is None:
        return None
    for this, following in zip(sentences, sentences[1:]):
        if this.line > BYLINE_LINES:
            break
        if (NAME_LINE.match(this.text) and following.line == this.line + 1
                and JOB_TITLE.match(following.text) and not NEWSROOM_TITLE.search(following.text)):
            return company
    return None


def house_voice(sentences: list[Sentence], companies: set[str]) -> Optional[str]:
    """The company whose own page this is (a status page, an engineering blog, a post its
    employee signs, a link-aggregator post whose first-person title names the company's own
    site: ``deployer.house_org``), when it is one of the speaking ``companies``: its
    first-person plural sentences are its statement (rule ``blame.author``)."""
    house = house_org(sentences)
    if house and house[1] in ("page", "byline", "domain") and house[0].lower() in companies:
        return house[0]
    return None


#: A company newsroom's navigation or title near the top of its own page ("Corporate > Newsroom
#: > Statements", "Press releases", "Statement regarding our online assistant").
NEWSROOM_LINE = re.compile(r"\b(?:newsroom|press (?:room|releases?|cent(?:re|er)|office)|media (?:cent(?:re|er)|room)|"
                           # pattern blame.help_centre_notice: the company's help centre or service notices
                           r"help ?cent(?:re|er)|support cent(?:re|er)|service (?:notices?|updates?)|"
                           r"investor relations)\b|^\s*(?:a )?statement (?:regarding|on|about|from|concerning)\b", re.I)
#: How far down its page a newsroom's masthead and navigation stand (lines).
NEWSROOM_LINES = 8


def newsroom_page(sentences: list[Sentence], companies: set[str]) -> Optional[str]:
    """The speaking company whose own newsroom page this is (rule ``blame.newsroom_masthead``):
    the page opens with the company's name as its masthead ("Acme Home" alone on the first
    line, or followed by its menu) and a newsroom line stands within the first
    ``NEWSROOM_LINES`` lines ("Corporate > Newsroom > Statements", "Statement regarding our
    assistant"); its first-person plural sentences ("The fault is ours.") are the company's.
    None otherwise (a news site's masthead names no speaking company)."""
    if not sentences:
        return None
    masthead = sentences[0].text
    company = next((c for c in sorted(companies, key=len, reverse=True) if len(c) > 2 and re.match(
        r"\s*" + re.escape(c) + r"(?:\s+[A-Z][a-z]+)?\s*(?:$|\s{2,}|[|·•—–-])", masthead, re.I)), None)
    if company is None or sentences[0].line > 1:
        return None
    for sentence in sentences:
        if sentence.line > NEWSROOM_LINES:
            break
        if NEWSROOM_LINE.search(sentence.text):
            return company
    return None


#: A report titled as the writer's own post-mortem ("Postmortem: checkout rejecting requests",
#: "Incident report - 2 May outage").
POSTMORTEM_TITLE = re.compile(r"^\W*(?:post-?mortem|incident (?:report|review|summary|write-?up)|"
                              r"root[- ]cause analysis|rca)\b", re.I)
FIRST_SINGULAR = re.compile(r"\b(?:I|my|me|I'm|I’m|I've|I’ve)\b")


def postmortem_voice(sentences: list[Sentence], companies: set[str]) -> Optional[str]:
    """The speaking company most often named in a report titled as a post-mortem that speaks in
    the first-person plural and hardly ever in the singular (rule ``blame.postmortem_voice``):
    a company's own post-mortem ("Postmortem: API rejecting requests ... We own this.") does
    not always name itself in its title, but its "we" is the company; a person's "Postmortem:
    how my agent wiped my disk" says "I" and is not. None otherwise."""
    if not sentences or not POSTMORTEM_TITLE.match(sentences[0].text):
        return None
    text = " ".join(s.text for s in sentences)
    plural = len(FIRST_PERSON.findall(text))
    if plural < 3 or len(FIRST_SINGULAR.findall(text)) * 3 > plural:
        return None
    counts = {name: len(re.findall(r"\b" + re.escape(name) + r"\b", text.lower()))
              for name in companies if len(name) > 2}
    best = max(counts, key=lambda n: (counts[n], len(n)), default=None)
    return best if best and counts[best] else None


def house_page(sentences: list[Sentence], companies: set[str]) -> Optional[str]:
    """The speaking company whose own page (a status page, a security bulletin, a threat report:
    ``house_org`` kind ``"page"``) this is: its narrative is its statement also where it names
    itself in the third person ("Acme is aware of ... An unauthorized party obtained ...")."""
    house = house_org(sentences)
    if house and house[1] == "page" and house[0].lower() in companies:
        return house[0]
    return None


def staff_badges(sentences: list[Sentence], companies: set[str]) -> dict[int, str]:
    """Line -> company for forum replies whose header gives the poster a speaking company's
    badge ("jdoe (Acme staff)  1d ...") or whose poster introduces themselves with a role at
    it ("Hi, cofounder of Acme here."): the whole reply is the company's (rule
    ``blame.staff_badge``). A reply header on a line of its own naming the company, in brackets
    ("jdoe (Acme) commented on Mar 5") or in a staff handle ("acme_dev    Aug '25"), makes every
    line up to the next reply header the company's (rule ``blame.comment_header``, reported as
    ``blame.staff_badge``). Likewise a social post header whose display name or handle is the
    company's ("Acme Support @AcmeSupport · 2:37 PM": blame.social_post_header) and an app
    store's "Developer Response" under a review (blame.developer_response), up to the next
    post or review header."""
    found: dict[int, str] = {}
    thread: Optional[str] = None  # the company of the comment under way (blame.comment_header)
    repo_owner = _repository_company(sentences, companies)
    lines: dict[int, list[str]] = {}
    for sentence in sentences:
        lines.setdefault(sentence.line, []).append(sentence.text.strip())
    header_lines: set[int] = set()
    for sentence in sentences:
        if sentence.line in header_lines:
            continue  # the rest of a header the sentencizer split ("Jo (Acme Staff) ·" / "Jun 13")
        line_text = " ".join(lines[sentence.line])
        social = SOCIAL_HEADER.match(line_text)
        if social:  # blame.social_post_header
            header_lines.add(sentence.line)
            thread = _social_company(social.group("name"), social.group("handle"), companies)
            continue
        if DEVELOPER_REPLY.match(line_text):  # blame.developer_response
            header_lines.add(sentence.line)
            thread = _app_maker(sentences, companies)
            continue
        if REVIEW_HEADER.match(line_text):
            header_lines.add(sentence.line)
            thread = None
            continue
        header = COMMENT_HEADER.match(sentence.text) or COMMENT_HEADER.match(line_text) \
            or REPLY_FROM.match(line_text)
        if header:
            header_lines.add(sentence.line)
            handle = HANDLE_ORG.match(header.group("handle"))
            org = (header.group("org") or (handle.group("org") if handle else "")).strip()
            if ROLE_ONLY.match(org):  # blame.role_badge_handle: "Acme_Staff_Jo [STAFF]"
                named = HANDLE_ROLE.match(header.group("handle"))
                org = named.group("org") if named else org
            if repo_owner and REPO_ROLE.match(org):
                org = repo_owner  # blame.repo_role_badge
            org = BADGE_ROLE.sub("", org)  # "(Acme Staff)": the badge's company
            thread = org if _speaks_for(org, companies) else None
            continue
        if thread and sentence.line not in found:
            found[sentence.line] = thread
        if sentence.line in found:
            continue
        badge = STAFF_BADGE.match(sentence.text)
        if badge and _speaks_for(badge.group("org").strip(), companies):
            found[sentence.line] = badge.group("org").strip()
            continue
        intro = SELF_INTRO.search(sentence.text)
        org = intro and (intro.group("org") or intro.group("org2") or intro.group("org3") or "").strip()
        if org and _speaks_for(org, companies):
            found[sentence.line] = org
    return found


def _social_company(name: str, handle: str, companies: set[str]) -> Optional[str]:
    """The speaking company a social post header names (pattern blame.social_post_header): the
    display name without a role word ("Acme Support" -> "Acme"), when it is one of
    ``companies``, a product one of them makes, or the first words of one ("Acme" for "acme
    home"); else the handle with a role suffix cut ("AcmeSupport", "acme_help" -> "acme") by
    the same test. None for anyone else's post (which ends the company's reply)."""
    name = BADGE_ROLE.sub("", re.sub(r"\s+(?:help|care|cares|customer care|uk|us)$", "", name.strip(), flags=re.I))
    handle = re.sub(r"(?:[_.-]?(?:support|help|care|cares|team|official|hq|uk|us|app))+$", "",
                    handle.split(".")[0], flags=re.I)
    for candidate in (name, handle):
        if len(candidate) < 3:
            continue
        if _speaks_for(candidate, companies):
            return candidate
        low = candidate.lower()
        if any(c.startswith(low + " ") or low.startswith(c + " ") or low == c.replace(" ", "")
               for c in companies if len(c) > 2):
            return candidate
    return None


#: How far down an app store's page its maker's name stands (lines).
APP_HEADER_LINES = 8


def _app_maker(sentences: list[Sentence], companies: set[str]) -> Optional[str]:
    """The speaking company that makes the app whose page this is (pattern
    blame.developer_response): the one of ``companies`` named within the page's first
    ``APP_HEADER_LINES`` lines (the store's developer line), else the one named most often;
    None when no speaking company is named."""
    top = " ".join(s.text for s in sentences if s.line <= APP_HEADER_LINES).lower()
    named = [c for c in sorted(companies, key=len, reverse=True)
             if len(c) > 2 and re.search(r"\b" + re.escape(c) + r"\b", top)]
    if named:
        return named[0]
    text = " ".join(s.text for s in sentences).lower()
    counts = {c: len(re.findall(r"\b" + re.escape(c) + r"\b", text)) for c in companies if len(c) > 2}
    best = max(counts, key=lambda c: (counts[c], len(c)), default=None)
    return best if best and counts[best] else None


def _repository_company(sentences: list[Sentence], companies: set[str]) -> Optional[str]:
    """The speaking company whose repository the page is (pattern blame.repo_role_badge): the
    owner or repository name of a code host's header in the first three lines ("acme / acme-cli
    Public"), hyphens read as spaces, that is one of ``companies`` or a product one of them makes;
    None otherwise."""
    for sentence in sentences[:5]:
        if sentence.line > 3:
            break
        match = REPO_HEADER.match(sentence.text)
        if match:
            for name in (match.group("owner"), match.group("repo")):
                for form in (name, name.replace("-", " ").replace("_", " ")):
                    if _speaks_for(form, companies):
                        return form
    return None


def _speaks_for(org: str, companies: set[str]) -> bool:
    """True when ``org`` (a name from a badge or self-introduction) is one of the speaking
    ``companies`` or a product one of them makes ("cofounder of Cursor here" for Anysphere:
    the poster works on the product, so for its maker)."""
    if not org:
        return False
    return org.lower() in companies or (family_vendor(org) or "").lower() in companies


def heading_speaker(heading: str, companies: set[str]) -> Optional[str]:
    """A speaking company a response heading names ("What Acme said", "Acme's response"):
    the section under it reports that company (rule ``blame.heading_speaker``)."""
    for name in sorted(companies, key=len, reverse=True):
        if len(name) > 2 and re.search(r"\b" + re.escape(name) + r"\b", heading):
            return name
    return None
