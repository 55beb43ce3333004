"""Deployer of a screened non-English report (``kb.nlp.foreign``), without a parser.

Patterns, first match wins:

- ``foreign.harm_owner``: the organisation that owns the harmed thing or employs the
  people the bot served, written after the thing and a linking word of the language (the
  ``owned`` terms of ``patterns/foreign_cues.json``): "il database di produzione di Acme",
  "produktionsdatabasen hos sportkedjan Acme", "Kunden der Stadtwerke Acme". Up to two
  lower-case words describing the owner may stand before its name. The name is its longest
  run of leading words the report writes at least twice (a victim is named again, and a
  capitalised word after the name is cut off); in German, where every noun is
  capitalised, a one-word name is no organisation when an article stands right before it
  somewhere ("der Bank"). The most often so named wins.
- ``foreign.bot_owner``: the owner of a bot ("le chatbot d'Acme": ``Names.owners`` of the
  screen, never a gazetteer name) that is not the vendor: the organisation running its own
  (or a supplier's) bot.
- ``foreign.vendor_service``: a known agent of the report that its vendor runs for the
  public (``"service": true`` in ``products.jsonl``: Copilot, ChatGPT), made by the mention's
  vendor, or the vendor itself named when that service is its only product (Chai Research,
  the Chai app's maker, for a character on the app): the vendor runs it.

Bot and agent names are never the deployer.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from .gazetteer import sole_agent_of, vendor_of, vendor_runs_it

#: German articles and determiners: a one-word capitalised name after one is a common noun.
GERMAN_ARTICLE = r"(?:der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen)"


def _as_named(name: str, page: str, capitalises_nouns: bool) -> Optional[str]:
    """The organisation's name in an owner captured after an owned thing (see the module
    docstring): its longest run of leading words the report writes at least twice ("Kunden der
    Stadtwerke Acme Anfang Februar" -> "Stadtwerke Acme" when "Anfang" only follows it once);
    None when no such run, or in German for a one-word common noun."""
    words = name.split()
    while words:
        candidate = " ".join(words)
        if len(re.findall(r"(?<!\w)" + re.escape(candidate) + r"(?!\w)", page)) >= 2:
            break
        words.pop()
    else:
        return None
    if capitalises_nouns and len(words) == 1 and re.search(
            rf"(?i:\b{GERMAN_ARTICLE})\s+{re.escape(candidate)}(?!\w)", page):
        return None
    return candidate


def choose(page: str, owned: re.Pattern, capitalises_nouns: bool, owners: dict[str, int],
           known: list, agent: Optional[str], vendor: Optional[str],
           bots: dict[str, int]) -> Optional[tuple[str, int, str]]:
    """The deployer of a screened report as ``(name, character offset of its evidence in
    page, rule)``, or None when no pattern fires.

    ``page`` is the screened text; ``owned`` the language's owned-thing pattern (group
    ``owner``); ``owners`` maps bot owners to the index of the sentence naming them (offsets
    are looked up in ``page``); ``known`` holds the gazetteer names of the page as
    ``(start, end, label, id, alias)``; ``bots`` the bots' own names.
    """
    excluded = {n.lower() for n in (agent, vendor, *bots) if n}
    found: Counter = Counter()
    first: dict[str, int] = {}
    for match in owned.finditer(page):
        name = _as_named(match.group("owner").strip(" .,;:"), page, capitalises_nouns)
        if name is None or name.lower() in excluded:
            continue
        found[name] += 1
        first.setdefault(name, match.start())
    if found:
        name = max(found, key=lambda n: (found[n], -first[n]))
        return name, first[name], "foreign.harm_owner"
    for name in sorted(owners, key=lambda o: owners[o]):  # never a gazetteer name (the screen's rule)
        if name.lower() not in excluded:
            return name, page.find(name), "foreign.bot_owner"
    for start, _, label, ident, _ in known:
        service = ident if label == "AGENT" else sole_agent_of(ident) if ident == vendor else None
        if vendor and vendor_runs_it(service) and vendor_of(service) == vendor:
            return vendor, start, "foreign.vendor_service"
    return None
