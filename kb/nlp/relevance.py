"""Is this report about a real AI agent incident? A score in [0, 1] and a decision.

Evidence counted over sentences (regular expressions over lower-cased text):

- ``ai``: sentences naming an AI agent (gazetteer AGENT) or a generic one (AI agent, chatbot,
  coding assistant, LLM);
- ``harm``: sentences with an action cue (``action.score_sentence``) *and* an AI reference
  in the same sentence -- the agent did something harmful;
- ``real``: real-world consequence words (production, customers, outage, lost, apologised,
  tribunal, sanctioned, refund, fired, shut down, in the wild, victim);
- ``research``: vulnerability-research words (vulnerability, CVE, CVSS, researcher,
  proof of concept, disclosed, patched, could allow, bug bounty, demonstrated);
- ``launch``: product-launch words (launch, announce, introducing, now available, pricing);
- ``unreal``: fiction words (satire, parody, hypothetical, imagine, template placeholders).

The score is a logistic function of log-counts; relevant when it is >= ``THRESHOLD``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .action import score_sentence
from .entities import GENERIC_AGENT
from .segment import Sentence

THRESHOLD = 0.5

REAL = re.compile(r"\bproduction\b|\bcustomers?\b|\boutages?\b|\blost\b|\bapologi|\btribunal\b|"
                  r"\bsanction|\brefund|\bfired\b|\bterminated\b|\bshut (?:it )?down\b|\bin the wild\b|"
                  r"\bvictims?\b|\bdamages\b|\bliable\b|\bbacklash\b|\bviral\b|\bdowntime\b|"
                  r"\bpulled\b|\bretract|\bcompromised\b|\bdisabled\b|\bwiped\b|\bdeleted\b|\blawsuit\b")
RESEARCH = re.compile(r"\bvulnerabilit|\bcve-\d|\bcvss\b|\bresearchers?\b|\bproof[- ]of[- ]concept\b|"
                      r"\bpoc\b|\bdisclos|\bpatch(?:ed)?\b|\bcould (?:allow|let|enable|have)\b|\bbug bounty\b|"
                      r"\bdemonstrat|\bexploit(?:ed|able|s)?\b|\bsecurity (?:firm|researcher|team)\b|"
                      r"\brce\b|\bremote code execution\b|\battack(?:er)? could\b|\bpotential(?:ly)?\b")
LAUNCH = re.compile(r"\blaunch(?:es|ed|ing)?\b|\bannounc|\bintroduc|\bnow available\b|\bpricing\b|"
                    r"\bgenerally available\b|\bwaitlist\b|\bsign up\b|\bfeatures?\b|\bbeta\b|\bunveil")
UNREAL = re.compile(r"\bsatir|\bparody\b|\bhypothetical|\bimagine\b|\bfictional scenario|\btemplate\b|"
                    r"\[(?:company|name|date|product)[^\]]*\]|\{\{|\blorem ipsum\b|\bthought experiment\b")


@dataclass
class RelevanceFeatures:
    """Sentence counts behind a relevance decision."""

    ai: int = 0
    harm: int = 0
    real: int = 0
    research: int = 0
    launch: int = 0
    unreal: int = 0
    sentences: int = 0


def features(sentences: list[Sentence]) -> RelevanceFeatures:
    """Count the evidence in ``sentences`` (see module doc)."""
    found = RelevanceFeatures(sentences=len(sentences))
    for sentence in sentences:
        text = sentence.lower
        has_ai = any(e.label_ == "AGENT" for e in sentence.span.ents) or bool(GENERIC_AGENT.search(text))
        found.ai += has_ai
        if has_ai and score_sentence(sentence.span):
            found.harm += 1
        found.real += bool(REAL.search(text))
        found.research += bool(RESEARCH.search(text))
        found.launch += bool(LAUNCH.search(text))
        found.unreal += bool(UNREAL.search(text))
    return found


def score(found: RelevanceFeatures) -> float:
    """Probability-like relevance score in [0, 1] from the features."""
    if found.ai == 0:
        return 0.02
    logit = (-2.0 + 1.2 * math.log1p(found.harm) + 0.9 * math.log1p(found.real)
             - 1.0 * math.log1p(found.research) - 0.5 * math.log1p(found.launch)
             - 0.8 * math.log1p(found.unreal) + 0.3 * math.log1p(found.ai))
    return 1.0 / (1.0 + math.exp(-logit))
