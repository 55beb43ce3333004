"""Local files to report text and metadata.

One function per input shape: :func:`read_document` takes a path and returns a
:class:`Document` (title, text, URL, publisher, author, published date,
language, content hash), or raises :class:`DocumentError` with a one-line
reason a user can act on. HTML goes through trafilatura; every text goes
through ftfy so mojibake ("â€œ") comes out as the characters meant.
"""

from __future__ import annotations

import gzip
import hashlib
import html as htmllib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import charset_normalizer
import ftfy
import py3langid
import trafilatura
import yaml
from threadpoolctl import threadpool_limits

from kb.dateline import front_matter_date, publication_date

#: File name endings that ``kb import`` reads, longest first.
SUPPORTED_SUFFIXES = (".html.gz", ".html", ".htm", ".txt", ".md")

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_MARKDOWN_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
#: Control characters that never occur in text (NUL and friends, not tab/newline).
_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))
_BINARY_BYTE = re.compile(b"[" + re.escape(_BINARY_BYTES) + b"]")


#: UTF-8 curly quotes, apostrophes and dashes (E2 80 xx) read as Latin-1 leave
#: "â" plus two C1 control characters; when a later step stripped the controls,
#: only "â" is left and ftfy cannot undo it. Its position says what it was.
_LOST_PUNCTUATION_SIGNS = re.compile(r"[A-Za-z]â(?:s|t|re|ve|ll|d)\b|(?:^|\s)â[A-Z]", re.MULTILINE)
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z])â(?=(?:s|t|re|ve|ll|d|m)\b)")
_LOST_DASH = re.compile(r"(?<=[A-Za-z])â(?=[A-Za-z])")
_LOST_OPENING_QUOTE = re.compile(r"(?<![^\s(\[])â(?=\S)")
_LOST_CLOSING_QUOTE = re.compile(r"â")


class DocumentError(ValueError):
    """A file cannot become a report; the message names the problem."""


@dataclass
class Document:
    """A report as read from a file, before it enters the database.

    ``published`` is ``yyyy-mm-dd`` or None; ``language`` an ISO 639-1 code;
    ``content_hash`` the SHA-256 (hex) of the cleaned text.
    """

    path: str
    title: Optional[str]
    text: str
    url: Optional[str] = None
    publisher: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    content_hash: str = ""
    metadata: dict = field(default_factory=dict)


_INVISIBLE_ELEMENTS = re.compile(r"<(script|style|noscript|svg|template)\b.*?</\1\s*>",
                                 re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def visible_text(html: str) -> str:
    """A quick approximation of a page's visible text (scripts, styles and tags
    removed, entities decoded): a superset of its article text, for cheap
    checks before trafilatura runs."""
    return htmllib.unescape(_TAG.sub(" ", _INVISIBLE_ELEMENTS.sub(" ", html)))


def without_front_matter(text: str) -> str:
    """The text after a leading YAML front matter block (the whole text if none)."""
    match = _FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def repair_lost_punctuation(text: str) -> str:
    """Restore curly quotes, apostrophes and dashes that survive only as a lone "â".

    Applied only when the text shows the pattern at least twice (so a real
    "â" in French or Portuguese is left alone): letter+â+s/t/re/ve/ll/d -> ',
    letter+â+letter -> —, any other -> ". Quotes come out straight, as
    ftfy's own repairs leave them.
    """
    if len(_LOST_PUNCTUATION_SIGNS.findall(text)) < 2:
        return text
    text = _LOST_APOSTROPHE.sub("'", text)
    text = _LOST_DASH.sub("\u2014", text)
    text = _LOST_OPENING_QUOTE.sub('"', text)
    return _LOST_CLOSING_QUOTE.sub('"', text)


def clean_text(text: str) -> str:
    """ftfy's repairs, then :func:`repair_lost_punctuation`."""
    return repair_lost_punctuation(ftfy.fix_text(text))


def is_supported(path: Path) -> bool:
    """True when the file name ends in one of :data:`SUPPORTED_SUFFIXES`."""
    return path.name.lower().endswith(SUPPORTED_SUFFIXES)


def content_hash(text: str) -> str:
    """SHA-256 hex digest of ``text`` with whitespace runs collapsed."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@lru_cache(maxsize=None)
def _one_blas_thread() -> None:
    """Limit numpy's BLAS to one thread in this process (once). py3langid's product of a
    7,480-feature vector by its model matrix takes about 1 ms of CPU on one thread and
    about 8 ms on OpenBLAS's pool, whose threads spin while they wait."""
    threadpool_limits(limits=1, user_api="blas")


def detect_language(text: str) -> Optional[str]:
    """ISO 639-1 code of the text's language (py3langid), None for no text."""
    sample = text[:5000].strip()
    if not sample:
        return None
    _one_blas_thread()
    language, _score = py3langid.classify(sample)
    return language


def decode(raw: bytes, name: str) -> str:
    """Bytes to str: UTF-8 (with or without BOM) first, else the encoding
    charset_normalizer is confident about.

    Raises DocumentError for empty, binary or undecodable input.
    """
    if not raw.strip():
        raise DocumentError(f"{name}: empty file")
    if _BINARY_BYTE.search(raw, 0, 8192):
        raise DocumentError(f"{name}: binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is None or best.chaos > 0.2:
        raise DocumentError(f"{name}: unknown text encoding (not UTF-8, and no other encoding fits)")
    return str(best)


def read_text(path: Path) -> str:
    """A supported file's decoded content (gunzipped, not yet cleaned or parsed).

    Raises DocumentError like :func:`read_document`.
    """
    return decode(_read_bytes(path), str(path))


def is_html(path: Path) -> bool:
    return path.name.lower().endswith((".html", ".htm", ".html.gz"))


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path}: cannot read ({error.strerror or error})") from error
    if path.name.lower().endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise DocumentError(f"{path}: not a valid gzip file ({error})") from error
    return raw


#: A page's chrome above its headline, never the title: a forum or repository name ("r/nba",
#: "Hacker News", "acme / agent (Public)"), a post's byline ("Posted by u/dana · Sep 14, 2023",
#: "364 points by dana | 189 comments") or a line of fields set apart by separators.
PAGE_CHROME = re.compile(r"^(?:r/\w+|hacker news|[\w.-]+\s*/\s*[\w.-]+(?:\s+\(public\))?|posted by\b.*|"
                         r"(?:uploaded|updated|published|posted|last updated)\b:?.*\b(?:19|20)\d\d\b.*|by\s+[A-Z].{0,60}|"
                         r".*\b\d[\d,.]*k?\s+(?:points?|comments?|upvotes?|votes?)\b.*|.*\s[|·•]\s.*)$", re.I)
#: Lines looked at for a title below a page's chrome.
TITLE_LINES = 6


def _masthead(line: str, following: list[str]) -> bool:
    """Pattern text.masthead: a site's name over its navigation bar ("Palo Alto Online" over
    "News | Town Square | Arts"): a line of at most four words whose next line is a row of
    fields set apart by separators."""
    return (len(line.split()) <= 4 and "," not in line and bool(following)
            and len(re.findall(r"\s[|·•]\s", following[0])) >= 2)


def _kicker(line: str) -> bool:
    """Pattern text.kicker: a section label over a headline ("TECHNOLOGY", "Courts", "PUBLIC
    SAFETY") or a row of fields laid out with runs of spaces ("TECH NEWS   MAY 24, 2018"): one
    word, up to three words in capitals, or three spaces in a row."""
    words = line.split()
    return (len(words) == 1 or (len(words) <= 3 and line.isupper())
            or bool(re.search(r"\S\s{3,}\S", line)))


def _title_from_text(text: str) -> Optional[str]:
    """The first markdown heading, else the first of the top ``TITLE_LINES`` lines that is no
    page chrome (``PAGE_CHROME``: "r/nba" / "Posted by u/dana · date" / "Updated 4 March 2026" /
    "by Jo Doe" / the post's title), no site masthead (:func:`_masthead`) and no section label
    (:func:`_kicker`),
    else the first line; None for empty text."""
    heading = _MARKDOWN_HEADING.search(text)
    if heading:
        return heading.group(1).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines[:TITLE_LINES]):
        if PAGE_CHROME.match(line) or _masthead(line, lines[index + 1:index + 2]) or _kicker(line):
            continue
        return line[:300]
    return lines[0][:300] if lines else None


def _from_markdown(path: Path, text: str) -> Document:
    metadata: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            metadata = loaded
    title = metadata.get("title") if isinstance(metadata.get("title"), str) else None
    metadata = _jsonable(metadata)
    return Document(path=str(path), title=title or _title_from_text(text), text=text,
                    metadata=metadata, published=front_matter_date(metadata)
                    or publication_date(without_front_matter(text)))


def _jsonable(value):
    """Front-matter values with dates turned into ISO strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def document_from_html(html: str, source: str, url: Optional[str] = None) -> Document:
    """An HTML page as a report: trafilatura's article text and metadata.

    ``source`` names the input in errors (a path or URL); ``url`` is where the
    page was fetched from, used when the page names no canonical URL.
    Raises DocumentError when no article text is found.
    """
    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                            include_comments=False)
    body = clean_text((extracted.text or "").strip()) if extracted else ""
    if not body:
        raise DocumentError(f"{source}: no article text found in the HTML")
    return finish(Document(
        path=source,
        title=clean_text(extracted.title) if extracted.title else _title_from_text(body),
        text=body,
        url=extracted.url or url,
        publisher=extracted.sitename or extracted.hostname,
        author=extracted.author,
        published=extracted.date,
    ))


def document_from_text(text: str, source: str, title: Optional[str] = None,
                       url: Optional[str] = None, published: Optional[str] = None) -> Document:
    """Plain text (a forum thread, a .txt file) as a report; the title defaults
    to the first line, the publication date to a date line near the top
    (:func:`kb.dateline.publication_date`). Raises DocumentError for text that is
    empty once cleaned."""
    text = clean_text(text)
    return finish(Document(path=source, title=title or _title_from_text(text), text=text,
                           url=url, published=published or publication_date(text)))


def finish(document: Document) -> Document:
    """Check the text is not empty and fill in language and content hash."""
    if not document.text.strip():
        raise DocumentError(f"{document.path}: no text after removing markup")
    document.language = detect_language(document.text)
    document.content_hash = content_hash(document.text)
    return document


def read_document(path: Path) -> Document:
    """Read one supported file as a report.

    ``.txt``: the first line is the title. ``.md``: YAML front matter (if any)
    is also kept as metadata (it is part of the document, so it stays in the
    text too); the title comes from it or from the first heading. ``.html``/``.htm``/``.html.gz``: trafilatura gives
    the article text, title, canonical URL (canonical link or og:url),
    publisher, author and date.

    Raises DocumentError (message starts with the path) for unsupported,
    unreadable, empty, binary or undecodable files, and HTML without text.
    """
    if not is_supported(path):
        raise DocumentError(f"{path}: unsupported file type (expected {', '.join(SUPPORTED_SUFFIXES)})")
    text = clean_text(read_text(path))
    name = path.name.lower()
    if is_html(path):
        return document_from_html(text, str(path))
    if name.endswith(".md"):
        return finish(_from_markdown(path, text))
    return document_from_text(text, str(path))
