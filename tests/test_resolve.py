"""Grouping mentions into incidents, and stable incident ids in the database."""

from kb.nlp.types import Mention
from kb.resolve import MentionRef, consensus, group_mentions, incident_slug, unique_slug


def ref(n, report, **fields):
    return MentionRef(n, report, Mention(**fields))


def test_same_agent_and_month_is_one_incident_across_reports():
    refs = [
        ref(1, "a", primary=True, vendor="Amazon", agent="Kiro", occurred="2025-12",
            action_type="destroy_infrastructure"),
        ref(2, "b", primary=True, vendor="Amazon", agent="Kiro", occurred="2025-12",
            action_type="destroy_infrastructure"),
        ref(3, "c", primary=False, vendor="Amazon", agent="Kiro", occurred=None,
            action_type="delete_data"),
    ]
    clusters = group_mentions(refs)
    assert [[r.ref for r in c] for c in clusters] == [[1, 2, 3]]


def test_two_failures_of_one_agent_in_one_month_stay_apart():
    refs = [
        ref(1, "a", primary=True, vendor="Anthropic", agent="Claude Code", occurred="2026-02",
            action_type="destroy_infrastructure"),
        ref(2, "b", primary=True, vendor="Anthropic", agent="Claude Code", occurred="2026-02",
            action_type="fabrication"),
    ]
    assert len(group_mentions(refs)) == 2


def test_different_months_are_different_incidents_and_year_only_joins_its_year():
    refs = [
        ref(1, "a", primary=True, vendor="Amazon", agent="Amazon Q Developer", occurred="2025-07",
            action_type="compromised_agent"),
        ref(2, "b", primary=True, vendor="Amazon", agent="Amazon Q Developer", occurred="2026-03",
            action_type="fabrication"),
        ref(3, "c", primary=False, vendor="Amazon", agent="Amazon Q Developer", occurred="2026",
            action_type="fabrication"),
    ]
    clusters = [[r.ref for r in c] for c in group_mentions(refs)]
    assert clusters == [[1], [2, 3]]


def test_mentions_without_vendor_agent_or_deployer_are_dropped():
    assert group_mentions([ref(1, "a", primary=True, action_type="other")]) == []


def test_consensus_votes_with_primary_weight_and_prefers_a_statement():
    refs = [
        ref(1, "a", primary=True, agent="Kiro", vendor="Amazon", outage_hours=13, blamed="human",
            systems=["AWS Cost Explorer"]),
        ref(2, "b", primary=False, agent="Kiro", vendor="Amazon", outage_hours=12, blamed="none",
            systems=["AWS"]),
        ref(3, "c", primary=False, agent="Kiro", vendor="Amazon", outage_hours=12, blamed="none"),
    ]
    fields = consensus(refs)
    assert fields["blamed"] == "human"
    assert fields["outage_hours"] == 13  # one primary (2 votes) ties two mentions; earliest wins
    assert fields["systems"] == ["AWS Cost Explorer", "AWS"]


def test_slugs():
    assert incident_slug({"occurred": "2025-12", "vendor": "Amazon", "agent": "Kiro"}) == "2025-12-amazon-kiro"
    assert incident_slug({"occurred": None, "vendor": "Air Canada", "agent": None,
                          "deployer": "Air Canada"}) == "undated-air-canada"
    assert unique_slug("2025-12-amazon-kiro", {"2025-12-amazon-kiro"}) == "2025-12-amazon-kiro-2"


def test_reports_that_disagree_on_action_type_but_tell_one_story_are_one_incident():
    story = ("A poisoned release of the coding extension carried a prompt telling the agent "
             "to wipe buckets, terminate instances and erase home folders; version 1.84 was pulled.")
    other = "A chatbot promised customers a refund policy that did not exist, and they cancelled."
    refs = [
        MentionRef(1, "a", Mention(primary=True, vendor="Amazon", agent="Amazon Q Developer",
                                   occurred="2025-07", action_type="compromised_agent"), text=story),
        MentionRef(2, "b", Mention(primary=True, vendor="Amazon", agent="Amazon Q Developer",
                                   occurred="2025-07", action_type="destroy_infrastructure"),
                   text=story + " Users were told to update."),
        MentionRef(3, "c", Mention(primary=True, vendor="Amazon", agent="Amazon Q Developer",
                                   occurred="2025-07", action_type="fabrication"), text=other),
    ]
    assert [[r.ref for r in c] for c in group_mentions(refs)] == [[1, 2], [3]]


def test_reports_in_two_languages_are_compared_by_action_type_not_by_words():
    english = "The coding agent wiped the production database during a code freeze."
    spanish = "El agente de programación borró la base de datos de producción."
    replit = dict(primary=True, vendor="Replit", agent="Replit Agent", occurred="2025-07")
    refs = [
        MentionRef(1, "a", Mention(action_type="delete_data", **replit), text=english, language="en"),
        MentionRef(2, "b", Mention(action_type="destroy_infrastructure", **replit), text=spanish,
                   language="es"),
        MentionRef(3, "c", Mention(action_type="fabrication", **replit), language="de",
                   text="Der Chatbot erfand eine Erstattungsregel, die es nicht gab."),
    ]
    # the Spanish report of the same deletion joins although no word is shared; the German
    # one of another kind of harm does not
    assert [[r.ref for r in c] for c in group_mentions(refs)] == [[1, 2], [3]]


def _report(db, origin, mention, text="An agent deleted a database."):
    from kb.extract import store_analysis
    from kb.nlp.types import DocumentAnalysis

    report_id = db["reports"].insert({"origin": origin, "text": text,
                                      "content_hash": origin, "published": "2026-01-05"}).last_pk
    with db.conn:
        store_analysis(db, {"id": report_id, "published": "2026-01-05"},
                       DocumentAnalysis(relevant=mention is not None, relevance=1.0,
                                        language="en", mentions=[mention] if mention else []))
    return report_id


def test_retired_ids_are_never_reused_and_rebuilds_keep_ids(db_path):
    from kb.db import open_db
    from kb.extract import store_analysis
    from kb.nlp.types import DocumentAnalysis
    from kb.resolve import resolve_db

    db = open_db(db_path)
    kiro = Mention(primary=True, vendor="Amazon", agent="Kiro", occurred="2025-12",
                   action_type="destroy_infrastructure")
    first = _report(db, "a", kiro)
    def counts():
        result = resolve_db(db)
        return [result[key] for key in ("incidents", "new", "retired")]

    assert counts() == [1, 1, 0]
    assert counts() == [1, 0, 0]

    # The only report stops describing the incident: the id is retired...
    with db.conn:
        store_analysis(db, {"id": first, "published": None},
                       DocumentAnalysis(relevant=False, relevance=0.0, language="en"))
    assert resolve_db(db)["retired"] == 1
    assert db["incidents"].get("2025-12-amazon-kiro")["status"] == "retired"
    # ...the same event coming back revives it...
    second = _report(db, "b", kiro)
    resolve_db(db)
    assert [r["id"] for r in db.query("select id from incidents where status = 'active'")] == [
        "2025-12-amazon-kiro"]
    # ...but a different incident that would get the same slug gets another id.
    with db.conn:
        store_analysis(db, {"id": second, "published": None},
                       DocumentAnalysis(relevant=False, relevance=0.0, language="en"))
    other = Mention(primary=True, vendor="Amazon", agent="Kiro", occurred="2025-12",
                    action_type="delete_data")
    _report(db, "c", other, text="A different story entirely about a storage bucket.")
    resolve_db(db)
    active = [r["id"] for r in db.query("select id from incidents where status = 'active'")]
    assert active == ["2025-12-amazon-kiro-2"]


def test_an_undated_passing_mention_joins_only_an_incident_of_a_compatible_action():
    refs = [
        ref(1, "a", primary=True, vendor="Amazon", agent="Amazon Q Developer", occurred="2025-07",
            action_type="compromised_agent"),
        ref(2, "b", primary=False, vendor="Amazon", agent="Amazon Q Developer", occurred=None,
            action_type="other"),
        ref(3, "c", primary=False, vendor="Amazon", agent="Amazon Q Developer", occurred="2025",
            action_type="compromised_agent"),
    ]
    assert [[r.ref for r in c] for c in group_mentions(refs)] == [[1, 3], [2]]


def test_a_report_alike_to_two_incidents_of_a_month_joins_them():
    def kiro(n, report, text):
        return MentionRef(n, report, Mention(primary=True, vendor="Amazon", agent="Kiro",
                                             occurred="2025-12", action_type="delete_data"),
                          text=text)

    outage = "Cost Explorer was down for thirteen hours in one region."
    rebuild = "An engineer let the assistant recreate the environment from scratch."
    apart = [kiro(1, "a", outage), kiro(2, "b", rebuild)]
    assert len(group_mentions(apart)) == 2
    bridged = apart + [kiro(3, "c", outage + " " + rebuild)]
    assert [[r.ref for r in c] for c in group_mentions(bridged)] == [[1, 2, 3]]


def test_reports_crediting_different_makers_of_one_named_agent_are_one_incident():
    # one report names the maker, another takes the masthead of the paper for it
    refs = [
        ref(1, "a", primary=True, vendor="Marketbite", agent="Stockpilot", occurred="2025-11",
            action_type="financial_loss"),
        ref(2, "b", primary=True, vendor="Valley Tribune", agent="Stockpilot", occurred="2025-11",
            action_type="financial_loss"),
    ]
    assert [[r.ref for r in c] for c in group_mentions(refs)] == [[1, 2]]


def test_a_report_naming_no_agent_joins_the_one_named_agent_of_its_vendor_and_month():
    refs = [
        ref(1, "a", primary=True, vendor="Stackhand", agent="Runwell", occurred="2026-01",
            action_type="destroy_infrastructure"),
        ref(2, "b", primary=True, vendor="Stackhand", agent=None, occurred="2026-01",
            action_type="delete_data"),
        ref(3, "c", primary=True, vendor="Stackhand", agent=None, occurred="2026-01",
            action_type="financial_loss"),  # another story of the month: stays apart
    ]
    assert sorted(sorted(r.ref for r in c) for c in group_mentions(refs)) == [[1, 2], [3]]


def test_an_agentless_report_stays_apart_when_its_vendor_has_two_named_agents_that_month():
    refs = [
        ref(1, "a", primary=True, vendor="Acme", agent="Alpha", occurred="2026-01",
            action_type="delete_data"),
        ref(2, "b", primary=True, vendor="Acme", agent="Beta", occurred="2026-01",
            action_type="delete_data"),
        ref(3, "c", primary=True, vendor="Acme", agent=None, occurred="2026-01",
            action_type="delete_data"),
    ]
    assert len(group_mentions(refs)) == 3
