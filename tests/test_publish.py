"""kb publish (no article text in the public build) and kb serve --public."""

import asyncio
import re
import sqlite3

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.serve import make_datasette

KIRO = "2025-12-amazon-kiro"


@pytest.fixture(scope="module")
def published(seeds_kb, tmp_path_factory):
    out = tmp_path_factory.mktemp("public") / "public.db"
    result = CliRunner().invoke(cli, ["publish", "--db", str(seeds_kb), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "published" in result.output and "without their text" in result.output
    return out


def kept_sentences(conn):
    """Text the public build may hold: titles, evidence sentences, quotes, key sentences."""
    kept = [row[0] for row in conn.execute(
        "select sentence from evidence union all select quote from statements "
        "union all select key_sentences from incidents union all select title from reports")]
    return "\n".join(filter(None, kept))


def test_no_article_text_survives_in_the_file(seeds_kb, published):
    source = sqlite3.connect(seeds_kb)
    kept = kept_sentences(source)
    content = published.read_bytes()
    checked = 0
    for (text,) in source.execute("select text from reports"):
        for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
            sentence = sentence.strip()
            if len(sentence) < 60 or sentence[:50] in kept:
                continue
            # A sentence no evidence, quote or title holds: its start may not be in the file.
            assert sentence[:50].encode() not in content, sentence
            checked += 1
    assert checked >= 20


def test_titles_links_fields_and_evidence_stay(seeds_kb, published):
    source, public = sqlite3.connect(seeds_kb), sqlite3.connect(published)
    for table in ("incidents", "evidence", "statements", "incident_reports", "mentions"):
        count = f"select count(*) from {table}"
        assert public.execute(count).fetchone() == source.execute(count).fetchone(), table
    same = "select id, title, url, publisher, published from reports order by id"
    assert public.execute(same).fetchall() == source.execute(same).fetchall()
    assert public.execute("select count(*) from reports where text != '' "
                          "or metadata is not null").fetchone()[0] == 0
    assert "raw_records" not in {row[0] for row in public.execute(
        "select name from sqlite_master where type = 'table'")}
    assert public.execute("pragma journal_mode").fetchone()[0] == "delete"


def test_publishing_again_replaces_the_output(seeds_kb, published):
    before = sqlite3.connect(published).execute("select count(*) from reports").fetchone()
    again = CliRunner().invoke(cli, ["publish", "--db", str(seeds_kb), "--out", str(published)])
    assert again.exit_code == 0, again.output
    assert sqlite3.connect(published).execute("select count(*) from reports").fetchone() == before


def test_publish_errors_are_one_line(seeds_kb, tmp_path):
    same = CliRunner().invoke(cli, ["publish", "--db", str(seeds_kb), "--out", str(seeds_kb)])
    assert same.exit_code == 1 and "must not be the source" in same.output
    missing = CliRunner().invoke(cli, ["publish", "--db", str(tmp_path / "none.db"),
                                       "--out", str(tmp_path / "out.db")])
    assert missing.exit_code == 1 and "no such database" in missing.output
    assert not (tmp_path / "out.db").exists()


def test_public_server_refuses_arbitrary_sql_but_answers_recipes(published):
    datasette = make_datasette(published, public=True)
    assert not datasette.databases["kb"].is_mutable
    assert datasette.setting("sql_time_limit_ms") == 1000
    get = lambda path: asyncio.run(datasette.client.get(path))
    assert get("/kb.json?sql=select+1").status_code == 403
    assert get("/kb/incidents.json?_where=1%3D1").status_code in (400, 403)
    recipe = get("/kb/incidents_by_agent.json?agent=Kiro&_shape=array")
    assert recipe.status_code == 200 and [row["id"] for row in recipe.json()] == [KIRO]
    assert get(f"/kb/incidents/{KIRO}").status_code == 200
    assert get("/kb/search.json?q=Kiro&_shape=array").json()


def test_public_server_allows_sql_when_asked(published):
    datasette = make_datasette(published, public=True, allow_sql=True)
    assert asyncio.run(datasette.client.get("/kb.json?sql=select+1")).status_code == 200


def test_serve_public_refuses_a_database_with_article_text(seeds_kb):
    result = CliRunner().invoke(cli, ["serve", "--public", "--db", str(seeds_kb)])
    assert result.exit_code == 1
    assert "still hold their article text" in result.output


def test_public_answers_are_cached_and_replayed_unchanged(published):
    from kb.datasette_plugins.public_cache import ResponseCache

    datasette = make_datasette(published, public=True, cache_entries=10)
    get = lambda path, **kw: asyncio.run(datasette.client.get(path, **kw))
    first, second = get("/kb/incidents.json?_shape=array"), get("/kb/incidents.json?_shape=array")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first.headers["content-type"] == second.headers["content-type"]
    assert get("/kb/incidents/1999-01-nobody").status_code == 404
    assert get("/kb/incidents/1999-01-nobody").status_code == 404
    assert get("/kb.json?sql=select+1").status_code == 403
    cache = ResponseCache(2)
    for key in "abc":
        cache.put(key, key)
    assert cache.get("a") is None and cache.get("c") == "c"


def test_only_the_public_server_caches(published, seeds_kb):
    from kb.datasette_plugins.public_cache import PLUGIN_NAME

    assert make_datasette(published, public=True).plugin_config(PLUGIN_NAME) == {"entries": 2000}
    assert make_datasette(published, public=True, cache_entries=0).plugin_config(PLUGIN_NAME) is None
    assert make_datasette(seeds_kb).plugin_config(PLUGIN_NAME) is None


def test_public_charts_run_their_own_sql_only(published):
    import yaml

    from kb.serve import DEFAULT_METADATA

    datasette = make_datasette(published, public=True, cache_entries=0)
    get = lambda path, **kw: asyncio.run(datasette.client.get(path, **kw))
    assert get("/-/dashboards/incidents").status_code == 200
    charts = yaml.safe_load(DEFAULT_METADATA.read_text())["plugins"]["datasette-dashboards"][
        "incidents"]["charts"]
    unfiltered = charts["blame-by-vendor"]["query"].replace("[[ and vendor = :vendor ]]", "")
    rows = get("/kb.json", params={"sql": unfiltered, "_shape": "objects"})
    assert rows.status_code == 200 and rows.json()["rows"]
    filtered = charts["blame-by-vendor"]["query"].replace("[[", "").replace("]]", "")
    amazon = get("/kb.json", params={"sql": filtered, "vendor": "Amazon", "_shape": "objects"})
    assert amazon.status_code == 200
    assert {row["vendor"] for row in amazon.json()["rows"]} == {"Amazon"}
    assert get("/kb.json", params={"sql": unfiltered + " "}).status_code == 403
    assert get("/kb.json", params={"sql": "select * from reports"}).status_code == 403
