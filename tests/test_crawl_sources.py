"""sources.yml: the default file validates; bad entries are named with their line."""

import pytest
from click.testing import CliRunner

from crawler.sources import DEFAULT_SOURCES, SourcesError, load_sources, select_sources
from crawler.urls import canonicalize, is_private_address
from crawler import prefilter
from kb.cli import cli


def test_default_sources_load_and_cover_every_kind():
    sources = load_sources(DEFAULT_SOURCES)
    kinds = [s.kind for s in sources]
    assert kinds.count("feed") >= 15
    assert {"hackernews", "reddit", "gdelt", "urls"} <= set(kinds)
    names = [s.name for s in sources]
    assert any("tildes" in n for n in names) and any("lobsters" in n for n in names)
    backlog = next(s for s in sources if s.kind == "urls")
    assert len(set(backlog.options["urls"])) >= 40
    reddit = next(s for s in sources if s.kind == "reddit")
    assert {"programming", "ExperiencedDevs", "ClaudeAI", "cursor", "replit", "devops",
            "sysadmin"} <= set(reddit.options["subreddits"])
    assert not any(s.allow_private for s in sources)


@pytest.mark.parametrize("entry, message", [
    ("{name: x, kind: rss, url: 'https://a.example/'}", "kind must be one of"),
    ("{name: x, kind: feed}", "kind feed needs: url"),
    ("{name: x, kind: feed, url: 'ftp://a.example/'}", "url must be an http(s) URL"),
    ("{name: x, kind: feed, url: 'https://a.example/', colour: red}", "unknown key(s)"),
    ("{name: X Y, kind: feed, url: 'https://a.example/'}", "name must be"),
    ("{name: x, kind: hackernews, queries: []}", "queries must be a non-empty list"),
    ("{name: x, kind: urls}", "exactly one of"),
    ("{name: x, kind: feed, url: 'https://a.example/', enabled: maybe}", "enabled must be"),
])
def test_a_bad_entry_is_named_with_its_line(tmp_path, entry, message):
    path = tmp_path / "sources.yml"
    path.write_text("sources:\n  - {name: ok, kind: feed, url: 'https://a.example/'}\n"
                    f"  - {entry}\n")
    with pytest.raises(SourcesError) as error:
        load_sources(path)
    assert str(error.value).startswith(f"{path}:3: source")
    assert message in str(error.value)


def test_duplicates_bad_yaml_and_unknown_names(tmp_path):
    path = tmp_path / "sources.yml"
    path.write_text("sources:\n  - {name: a, kind: feed, url: 'https://a.example/'}\n"
                    "  - {name: a, kind: feed, url: 'https://b.example/'}\n")
    with pytest.raises(SourcesError, match=":3: source 'a': duplicate name"):
        load_sources(path)
    path.write_text("sources:\n  - {name: a, kind: feed\n")
    with pytest.raises(SourcesError, match="not valid YAML"):
        load_sources(path)
    path.write_text("sources:\n  - {name: a, kind: feed, url: 'https://a.example/', enabled: false}\n")
    assert select_sources(load_sources(path)) == []
    with pytest.raises(SourcesError, match="unknown source"):
        select_sources(load_sources(path), ["b"])


def test_kb_crawl_reports_a_bad_sources_file_in_one_line(tmp_path):
    path = tmp_path / "sources.yml"
    path.write_text("sources:\n  - {name: a, kind: feed, url: 42}\n")
    result = CliRunner().invoke(cli, ["crawl", "--sources", str(path), "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 1
    assert "sources.yml:2: source 'a': url must be an http(s) URL" in result.output
    assert "Traceback" not in result.output


def test_crawl_help_explains_every_option():
    result = CliRunner().invoke(cli, ["crawl", "--help"])
    for option in ("--source", "--sources", "--max-items", "--raw", "--set", "--offline", "--db"):
        line = next(l for l in result.output.splitlines() if l.strip().startswith(option + " "))
        assert len(line.split(None, 2)) == 3 or option == "--offline", line


def test_canonical_urls_drop_tracking_and_noise():
    assert canonicalize("HTTPS://WWW.Example.com:443/a/b?utm_source=rss&id=3&utm_medium=x#frag") \
        == "https://www.example.com/a/b?id=3"
    assert canonicalize("http://example.com?b=2&a=1&fbclid=zz") == "http://example.com/?a=1&b=2"
    assert canonicalize("http://example.com:8080/x") == "http://example.com:8080/x"


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1",
                                     "169.254.169.254", "::1", "fe80::1", "fd00::1", "0.0.0.0",
                                     "100.64.0.1", "::ffff:127.0.0.1"])
def test_private_addresses_are_recognised(address):
    assert is_private_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "151.101.1.140", "2606:4700::6810:84e5"])
def test_public_addresses_are_not(address):
    assert not is_private_address(address)


def test_prefilter_keeps_agent_incidents_and_drops_the_rest():
    assert prefilter.passes("Replit's AI agent deleted a production database during a code freeze")
    assert prefilter.passes("Google Antigravity wipes user's drive")
    assert not prefilter.passes("Apple announces a new iPad with a faster chip")
    assert not prefilter.passes("Keller Rinaudo: How can delivery drones save lives?")
    assert prefilter.passes("Drones deliver medicine", ["drones"])
