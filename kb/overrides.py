"""Maintainers' corrections to the automatic grouping and extraction, as data.

The overrides file (default data/overrides.yml of this project, or
``$KB_OVERRIDES``) is YAML with four optional lists; ``kb build`` / ``kb
resolve`` apply it on every run, after the automatic grouping, and an
override always wins over extraction (and is stored as the evidence):

.. code-block:: yaml

    merge:     # these incidents are one: each old id redirects to `into`
      - {from: [2025-12-amazon-kiro-2], into: 2025-12-amazon-kiro, reason: "..."}
    split:     # these reports tell another incident than `incident`
      - {incident: 2025-07-replit, reports: [https://example.com/a], new_id: 2025-08-replit,
         reason: "..."}
    pin:       # this report's main incident is `incident`
      - {report: seeds/000_2a19c7ac13cdda38.txt, incident: 2025-12-amazon-kiro, reason: "..."}
    correct:   # this field of the incident has this value
      - {incident: 2025-12-amazon-kiro, field: blamed, value: human, reason: "..."}

A report is named by its URL or origin, or by the end of its origin path
(``seeds/000_2a19c7ac13cdda38.txt``). ``reason`` is required: it is what the
merge log and the evidence say. ``new_id`` is optional (default: a new id).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from kb.nlp.types import INCIDENT_FIELDS
from kb.yamlfile import read_yaml

#: data/overrides.yml of this project (next to the kb package).
DEFAULT_OVERRIDES = Path(__file__).resolve().parent.parent / "data" / "overrides.yml"

#: Fields a correction may set: the incident fields, and the title.
CORRECTABLE_FIELDS = (*INCIDENT_FIELDS, "title")


class OverridesError(ValueError):
    """The overrides file cannot be read or an entry is malformed; the message names both."""


@dataclass(frozen=True)
class Merge:
    from_ids: tuple[str, ...]
    into: str
    reason: str


@dataclass(frozen=True)
class Split:
    incident: str
    reports: tuple[str, ...]
    reason: str
    new_id: Optional[str] = None


@dataclass(frozen=True)
class Pin:
    report: str
    incident: str
    reason: str


@dataclass(frozen=True)
class Correction:
    incident: str
    field: str
    value: Any
    reason: str


@dataclass
class Overrides:
    """The parsed overrides file; ``source`` is the file it came from (for evidence)."""

    merges: list[Merge] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)
    pins: list[Pin] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    source: str = "overrides"

    def __bool__(self) -> bool:
        return bool(self.merges or self.splits or self.pins or self.corrections)


def default_overrides_path() -> Path:
    """``$KB_OVERRIDES`` if set, else data/overrides.yml of this project."""
    return Path(os.environ.get("KB_OVERRIDES") or DEFAULT_OVERRIDES)


def load_overrides(path: Optional[Path] = None) -> Overrides:
    """Read and check the overrides file; a missing default file is no overrides.

    Raises OverridesError naming the file (and the entry) when the file named
    explicitly is missing, is not YAML, or an entry lacks a key or has a wrong one.
    """
    explicit = path is not None
    path = Path(path) if explicit else default_overrides_path()
    if not path.exists():
        if explicit:
            raise OverridesError(f"{path}: no such overrides file")
        return Overrides(source=path.name)
    loaded = read_yaml(path, "overrides (merge/split/pin/correct lists)", OverridesError)
    unknown = set(loaded) - {"merge", "split", "pin", "correct"}
    if unknown:
        raise OverridesError(f"{path}: unknown section(s) {', '.join(sorted(unknown))} "
                             "(expected merge, split, pin, correct)")
    overrides = Overrides(source=path.name)
    for index, entry in enumerate(_entries(path, loaded, "merge")):
        where = f"{path}: merge #{index + 1}"
        from_ids = _one_or_more(where, entry, "from", "an incident id")
        into = _text(where, entry, "into")
        if into in from_ids:
            raise OverridesError(f"{where}: cannot merge {into!r} into itself")
        overrides.merges.append(Merge(tuple(from_ids), into, _text(where, entry, "reason")))
    for index, entry in enumerate(_entries(path, loaded, "split")):
        where = f"{path}: split #{index + 1}"
        reports = _one_or_more(where, entry, "reports", "a report")
        new_id = entry.get("new_id")
        if new_id is not None and (not isinstance(new_id, str) or not new_id):
            raise OverridesError(f"{where}: 'new_id' must be an incident id")
        overrides.splits.append(Split(_text(where, entry, "incident"), tuple(reports),
                                      _text(where, entry, "reason"), new_id))
    for index, entry in enumerate(_entries(path, loaded, "pin")):
        where = f"{path}: pin #{index + 1}"
        overrides.pins.append(Pin(_text(where, entry, "report"), _text(where, entry, "incident"),
                                  _text(where, entry, "reason")))
    for index, entry in enumerate(_entries(path, loaded, "correct")):
        where = f"{path}: correct #{index + 1}"
        name = _text(where, entry, "field")
        if name not in CORRECTABLE_FIELDS:
            raise OverridesError(f"{where}: unknown field {name!r} "
                                 f"(one of {', '.join(CORRECTABLE_FIELDS)})")
        if "value" not in entry:
            raise OverridesError(f"{where}: missing 'value'")
        overrides.corrections.append(Correction(_text(where, entry, "incident"), name,
                                                entry["value"], _text(where, entry, "reason")))
    return overrides


def _entries(path: Path, loaded: dict, section: str) -> list[dict]:
    entries = loaded.get(section) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise OverridesError(f"{path}: '{section}' must be a list of mappings")
    return entries


def _one_or_more(where: str, entry: dict, key: str, what: str) -> list[str]:
    """``entry[key]`` as a non-empty list of non-empty strings (one string is a list of one).
    Raises OverridesError naming ``where`` otherwise."""
    values = entry.get(key)
    values = [values] if isinstance(values, str) else values
    if not values or not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise OverridesError(f"{where}: '{key}' must be {what} or a list of them")
    return values


def _text(where: str, entry: dict, key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise OverridesError(f"{where}: missing '{key}' (text)")
    return value.strip()


def report_matches(row: dict, reference: str) -> bool:
    """Whether the report ``row`` (origin, url) is the one ``reference`` names:
    its URL or origin, or the end of its origin path."""
    origin = row.get("origin") or ""
    return reference in (origin, row.get("url")) or origin.endswith("/" + reference.lstrip("/"))
