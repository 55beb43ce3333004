"""Reports with hand-made mentions, stored as `kb extract` stores them (no spaCy)."""

from kb.extract import store_analysis
from kb.nlp.types import DocumentAnalysis, Mention


def add_report(db, origin, *mentions, text=None, published="2026-01-05"):
    """Store a relevant report whose extraction found ``mentions``; returns its id."""
    text = text or f"Report {origin}: an AI agent deleted a production database by mistake."
    report_id = db["reports"].insert({"origin": origin, "text": text, "content_hash": origin,
                                      "published": published}).last_pk
    with db.conn:
        store_analysis(db, {"id": report_id, "published": published},
                       DocumentAnalysis(relevant=bool(mentions), relevance=1.0, language="en",
                                        mentions=list(mentions)))
    return report_id


def kiro(**fields):
    """A primary mention of Kiro's December 2025 outage (fields override)."""
    return Mention(**{"primary": True, "vendor": "Amazon", "agent": "Kiro", "occurred": "2025-12",
                      "action_type": "destroy_infrastructure", **fields})


def replit(**fields):
    """A primary mention of Replit Agent's July 2025 database deletion."""
    return Mention(**{"primary": True, "vendor": "Replit", "agent": "Replit Agent",
                      "occurred": "2025-07", "action_type": "delete_data", **fields})
