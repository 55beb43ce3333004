"""sources.yml: the sources to crawl, as data, validated on load.

The file is a mapping with a ``sources`` list; each entry has ``name`` and
``kind`` plus the keys of its kind (see :data:`KIND_KEYS`). :func:`load_sources`
returns :class:`Source` objects or raises :class:`SourcesError` whose message
names the file, the line and the entry ("sources.yml:12: source 'x': ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DEFAULT_SOURCES = Path(__file__).resolve().parent / "sources.yml"

#: Keys every source may have.
COMMON_KEYS = {"name", "kind", "enabled", "allow_private", "prefilter", "max_items", "note"}
#: Required and optional keys per kind.
KIND_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "feed": ({"url"}, set()),
    "hackernews": ({"queries"}, {"api", "min_points"}),
    "reddit": ({"queries", "subreddits"}, {"api"}),
    "gdelt": ({"queries"}, {"api", "timespan"}),
    "urls": (set(), {"urls", "file"}),
}
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class SourcesError(ValueError):
    """sources.yml is unreadable or an entry is invalid; the message says where."""


@dataclass
class Source:
    """One configured source. ``options`` holds the kind-specific keys;
    ``prefilter`` is True, False or a list of keywords; ``line`` is where the
    entry starts in its file (1-based)."""

    name: str
    kind: str
    options: dict = field(default_factory=dict)
    enabled: bool = True
    allow_private: bool = False
    prefilter: bool | list = True
    max_items: int | None = None
    line: int = 0

    def as_dict(self) -> dict:
        """A JSON-able form (used to hand sources to the crawl process)."""
        return {"name": self.name, "kind": self.kind, "options": self.options,
                "enabled": self.enabled, "allow_private": self.allow_private,
                "prefilter": self.prefilter, "max_items": self.max_items, "line": self.line}

    @classmethod
    def from_dict(cls, data: dict) -> "Source":
        return cls(**data)


def _http_url(value, what: str) -> str:
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https") \
            or not urlsplit(value).hostname:
        raise ValueError(f"{what} must be an http(s) URL, got {value!r}")
    return value


def _string_list(value, what: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip()
                                                          for v in value):
        raise ValueError(f"{what} must be a non-empty list of strings")
    return value


def _check_entry(entry: dict, base: Path) -> Source:
    kind = entry.get("kind")
    if kind not in KIND_KEYS:
        raise ValueError(f"kind must be one of {', '.join(KIND_KEYS)}, got {kind!r}")
    required, optional = KIND_KEYS[kind]
    unknown = set(entry) - COMMON_KEYS - required - optional
    if unknown:
        raise ValueError(f"unknown key(s) for kind {kind}: {', '.join(sorted(unknown))}")
    missing = required - set(entry)
    if missing:
        raise ValueError(f"kind {kind} needs: {', '.join(sorted(missing))}")
    for flag in ("enabled", "allow_private"):
        if flag in entry and not isinstance(entry[flag], bool):
            raise ValueError(f"{flag} must be true or false")
    prefilter = entry.get("prefilter", kind in ("feed", "gdelt"))
    if not isinstance(prefilter, bool):
        prefilter = _string_list(prefilter, "prefilter (true, false or a list of keywords)")
    max_items = entry.get("max_items")
    if max_items is not None and (not isinstance(max_items, int) or max_items < 0):
        raise ValueError("max_items must be a whole number >= 0")
    options = {k: v for k, v in entry.items() if k not in COMMON_KEYS}
    for key in ("url", "api"):
        if key in options:
            _http_url(options[key], key)
    for key in ("queries", "subreddits"):
        if key in options:
            options[key] = _string_list(options[key], key)
    if kind == "urls":
        if ("urls" in options) == ("file" in options):
            raise ValueError("kind urls needs exactly one of: urls (a list), file (a path)")
        if "file" in options:
            path = base / options["file"]
            if not path.is_file():
                raise ValueError(f"file {path} does not exist")
            options["urls"] = [line.strip() for line in path.read_text().splitlines()
                               if line.strip() and not line.lstrip().startswith("#")]
            options["file"] = str(path)
        options["urls"] = [_http_url(u, "each of urls") for u in _string_list(options["urls"], "urls")]
    if "min_points" in options and not isinstance(options["min_points"], int):
        raise ValueError("min_points must be a whole number")
    if "timespan" in options and not re.fullmatch(r"\d+(min|h|d|w|m)", str(options["timespan"])):
        raise ValueError("timespan must look like 15min, 24h, 7d, 2w or 3m")
    return Source(name=entry["name"], kind=kind, options=options,
                  enabled=entry.get("enabled", True), allow_private=entry.get("allow_private", False),
                  prefilter=prefilter, max_items=max_items)


def load_sources(path: Path | str = DEFAULT_SOURCES) -> list[Source]:
    """Read and validate a sources file; returns every entry (enabled or not).

    Raises SourcesError ("FILE:LINE: source 'NAME': problem") for unreadable
    YAML, a missing ``sources`` list, or any invalid or duplicate entry.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SourcesError(f"{path}: cannot read ({error.strerror or error})") from error
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SourcesError(f"{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{path}: expected a mapping with a 'sources' list")
    nodes = next(v for k, v in root.value if k.value == "sources").value
    sources: list[Source] = []
    seen: set[str] = set()
    for entry, node in zip(data["sources"], nodes):
        line = node.start_mark.line + 1
        label = f"{path}:{line}: source"
        if not isinstance(entry, dict):
            raise SourcesError(f"{label}: expected a mapping with name and kind")
        name = entry.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            raise SourcesError(f"{label}: name must be lower-case letters, digits, '.', '_' or '-', "
                               f"got {name!r}")
        if name in seen:
            raise SourcesError(f"{label} '{name}': duplicate name")
        seen.add(name)
        try:
            source = _check_entry(entry, path.parent)
        except ValueError as error:
            raise SourcesError(f"{label} '{name}': {error}") from None
        source.line = line
        sources.append(source)
    return sources


def select_sources(sources: list[Source], names: list[str] | None = None) -> list[Source]:
    """The enabled sources, or exactly those named (enabled or not).

    Raises SourcesError naming any unknown source.
    """
    if not names:
        return [s for s in sources if s.enabled]
    by_name = {s.name: s for s in sources}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise SourcesError(f"unknown source(s): {', '.join(unknown)} "
                           f"(known: {', '.join(sorted(by_name))})")
    return [by_name[n] for n in names]
