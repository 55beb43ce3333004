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
- ``researcher``: who found it (researchers, proof of concept, demonstrated, a study/sample);
- ``launch``: product-launch words (launch, announce, introducing, now available, pricing);
- ``unreal``: fiction words (satire, parody, hypothetical, imagine, template placeholders).

An *AI in passing* penalty applies when fewer than 5 sentences, and under a tenth of them,
name an AI system. The score is a logistic function of log-counts and of the densities of consequence and
research sentences (weights set on the dev gold with a coarse grid, rounded); relevant when
it is >= ``THRESHOLD``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span

from .action import score_sentence
from .actors import unlisted_agents
from .entities import GENERIC_AGENT
from .segment import Sentence

THRESHOLD = 0.45

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
RESEARCHER = re.compile(r"\bresearchers?\b|\bproof[- ]of[- ]concept\b|\bpoc\b|\bdemonstrat|\bstudy\b|\bsample\b")
HEDGED = re.compile(r"\b(?:could|might|may|can|cannot|can't)\b|\battackers?\b|\bresearchers?\b|\bif\b")
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
    researcher: int = 0
    title_harm: bool = False
    title_research: bool = False


def action_scores(sentence: Sentence) -> dict:
    """``action.score_sentence`` of the sentence's span, computed once and kept in its
    ``memo`` (the relevance features, the action type and the secondary mentions all
    ask for it). Read-only: ``{type: (score, cue verb or None)}``."""
    scores = sentence.memo.get("action_scores")
    if scores is None:
        scores = sentence.memo["action_scores"] = score_sentence(sentence.span)
    return scores


def _has_ai(span) -> bool:
    """True when the span names an agent: gazetteer, generic ("AI agent") or MCP server/package."""
    return (any(e.label_ == "AGENT" for e in span.ents) or bool(GENERIC_AGENT.search(span.text))
            or bool(unlisted_agents(span)))


def features(sentences: list[Sentence], title: Optional[Span] = None) -> RelevanceFeatures:
    """Count the evidence in ``sentences`` and the parsed ``title`` (see module doc).

    A harmful-action sentence counts when an AI reference is in it or in one of the two
    sentences before it (the agent is then "it" or "the agent").
    """
    found = RelevanceFeatures(sentences=len(sentences))
    recent = -9
    for position, sentence in enumerate(sentences):
        text = sentence.lower
        has_ai = _has_ai(sentence.span)
        found.ai += has_ai
        if has_ai:
            recent = position
        if position - recent <= 2 and action_scores(sentence) and not HEDGED.search(text):
            found.harm += 1
        found.real += bool(REAL.search(text))
        found.research += bool(RESEARCH.search(text))
        found.researcher += bool(RESEARCHER.search(text))
        found.launch += bool(LAUNCH.search(text))
        found.unreal += bool(UNREAL.search(text))
    if title is not None:
        found.title_harm = bool(score_sentence(title)) and (_has_ai(title) or found.ai > 0) \
            and not HEDGED.search(title.text.lower())
        found.title_research = bool(RESEARCH.search(title.text.lower()) or
                                    re.search(r"\binjection\b|\bcve\b|\brce\b|\bflaw\b|\bexploit",
                                              title.text.lower()))
    return found


def score(found: RelevanceFeatures) -> float:
    """Probability-like relevance score in [0, 1] from the features."""
    if found.ai == 0:
        return 0.02
    rate = 1.0 / max(found.sentences, 1)
    logit = (-1.5 + 1.2 * math.log1p(found.harm) + 0.9 * math.log1p(found.real)
             - 1.4 * math.log1p(found.research) - 0.5 * math.log1p(found.launch)
             - 0.8 * math.log1p(found.unreal) + 0.3 * math.log1p(found.ai)
             - 0.7 * math.log1p(found.researcher)
             + 1.2 * found.title_harm - 1.2 * found.title_research
             # densities, so that a short incident note is not out-voted by a long write-up
             + 8.0 * found.real * rate - 2.0 * found.research * rate
             # AI named in passing only (a handful of sentences in a long report): the harm
             # was done by something else (a stealer, a DNS fault)
             - (2.0 if found.ai < 5 and found.ai * rate < 0.1 else 0.0))
    return 1.0 / (1.0 + math.exp(-logit))
