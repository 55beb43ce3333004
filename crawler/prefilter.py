"""The cheap relevance pre-filter applied to a feed item before its article is fetched.

An item passes when its title and summary mention an AI agent or assistant
*and* something going wrong. It is deliberately generous (false positives
cost one fetch; the NLP stage decides relevance); a source can switch it off
(``prefilter: false``) or give its own keywords (``prefilter: [word, ...]``,
any one of which lets an item through).
"""

from __future__ import annotations

import re

AI_TERMS = (
    r"AI", r"A\.I\.", r"artificial intelligence", r"LLMs?", r"agents?", r"agentic", r"chatbots?",
    r"copilot", r"claude", r"chatgpt", r"openai", r"anthropic", r"gemini", r"cursor", r"replit",
    r"kiro", r"devin", r"codex", r"antigravity", r"amazon q", r"openclaw", r"vibe[- ]cod\w*",
    r"coding assistants?", r"autonomous", r"bots?", r"grok", r"llama", r"mcp",
)
TROUBLE_TERMS = (
    r"delet\w*", r"wip\w*", r"destroy\w*", r"outages?", r"incidents?", r"disasters?",
    r"erase\w*", r"rm -rf", r"drop(?:ped|s)? (?:the |a )?(?:production )?(?:database|table)s?",
    r"data loss", r"lost", r"leak\w*", r"breach\w*", r"exfiltrat\w*", r"injection",
    r"compromis\w*", r"malicious", r"rogue", r"went wrong", r"goes wrong", r"mistakes?",
    r"blam\w*", r"fail\w*", r"crash\w*", r"broke\w*", r"down", r"lawsuits?", r"sued",
    r"liab\w*", r"refund\w*", r"hallucinat\w*", r"security", r"vulnerab\w*", r"apolog\w*",
    r"production", r"terraform", r"database", r"wrong", r"bug\w*",
)


def _alternation(terms) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(terms) + r")(?![\w-])", re.IGNORECASE)


_AI = _alternation(AI_TERMS)
_TROUBLE = _alternation(TROUBLE_TERMS)


def passes(text: str, keywords: list[str] | None = None) -> bool:
    """True when ``text`` (an item's title and summary) may be about an agent incident.

    With ``keywords``, any one of them (case-insensitive, whole word) is enough.
    """
    if keywords:
        return bool(_alternation([re.escape(k) for k in keywords]).search(text))
    return bool(_AI.search(text) and _TROUBLE.search(text))
