"""The ``kb`` command: import reports, extract, resolve, evaluate and serve.

Every command that touches the knowledge base takes ``--db PATH`` (default
``$KB_DB`` or data/kb.db). User mistakes end with one line on stderr and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import click

from kb import __version__


def db_option(function):
    """``--db PATH``: the knowledge base file (env KB_DB; default data/kb.db)."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
        envvar="KB_DB", default="data/kb.db", show_default=True, show_envvar=True,
        help="SQLite database of the knowledge base.",
    )(function)


def open_database(db_path: Path):
    from kb.db import open_db

    try:
        return open_db(db_path)
    except sqlite3.DatabaseError as error:
        raise click.ClickException(f"{db_path}: not a usable SQLite database ({error})")
    except OSError as error:
        raise click.ClickException(f"{db_path}: cannot open ({error.strerror or error})")


def load_nlp():
    """Import the NLP package, turning a missing spaCy model into a clean error."""
    from kb.nlp.model import ModelNotFound, load_model

    try:
        load_model()
    except ModelNotFound as error:
        raise click.ClickException(str(error))


@click.group()
@click.version_option(__version__, prog_name="kb")
def cli():
    """Blast Radius: a knowledge base of AI agent incidents.

    Reports (articles, posts, threads) go in with `kb import`; `kb build`
    extracts who did what with what damage and who was blamed, and groups
    reports into incidents; `kb serve` publishes the result with Datasette.

    Example: kb import ../shared/seeds && kb build && kb serve
    """


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("-v", "--verbose", is_flag=True, help="Print one line per file.")
def import_command(paths, db_path, verbose):
    """Import local files as reports.

    PATHS are files or folders (walked recursively) of .txt, .md, .html,
    .htm or .html.gz. HTML is reduced to its article text and metadata
    (title, canonical URL, publisher, author, date) with trafilatura; all
    text is repaired with ftfy. Re-importing unchanged content adds nothing;
    the same content under another path is stored as a copy of its original;
    a changed file updates its report. A bad file is reported on one line
    and skipped; the exit code is 1 when any file failed. A progress bar
    shows on a terminal for 20 files or more (-v lists every file instead).

    Example: kb import ../shared/seeds ../shared/corpus/agent-failures
    """
    from kb.ingest import expand_paths, import_paths

    db = open_database(db_path)
    total = sum(1 for _ in expand_paths(list(paths), []))
    show_bar = not verbose and total >= 20 and sys.stderr.isatty()
    bar = click.progressbar(length=total, label="importing", file=sys.stderr, show_pos=True) \
        if show_bar else None

    def progress(path, outcome):
        if outcome not in ("added", "updated", "unchanged", "duplicate"):
            click.echo(f"\nerror: {outcome}" if bar else f"error: {outcome}", err=True)
        elif verbose:
            click.echo(f"{outcome}: {path}", err=True)
        if bar:
            bar.update(1)

    result = import_paths(db, list(paths), progress)
    if bar:
        bar.render_finish()
    for line in result.errors:
        if line.endswith("no such file or folder"):
            click.echo(f"error: {line}", err=True)
    click.echo(f"imported {result.total} files into {db_path}: {result.added} added, "
               f"{result.updated} updated, {result.unchanged} unchanged, "
               f"{result.duplicate} copies of stored reports, {len(result.errors)} failed")
    sys.exit(1 if result.errors else 0)


@cli.command()
@db_option
@click.option("--redo", is_flag=True, help="Extract every report again, not only new or changed ones.")
def extract(db_path, redo):
    """Extract incident fields, with evidence, from reports.

    Processes reports not yet extracted by the current extractor version
    (all of them with --redo): relevance, incidents mentioned, agent, vendor,
    deployer, action, blast radius, blame and date, each value stored with
    the sentence it came from (tables mentions, evidence, statements).

    Example: kb extract --db data/kb.db
    """
    db = open_database(db_path)
    load_nlp()
    count = run_extract(db, redo)
    click.echo(f"extracted {count} reports")


def run_extract(db, redo: bool) -> int:
    from kb.extract import extract_reports, pending_reports

    total = len(pending_reports(db, redo))
    with click.progressbar(length=total, label="extracting", file=sys.stderr,
                           show_pos=True) as bar:
        return extract_reports(db, redo, lambda report, analysis: bar.update(1))


def overrides_option(function):
    """``--overrides PATH``: the maintainers' overrides file (env KB_OVERRIDES)."""
    return click.option(
        "--overrides", "overrides_path", type=click.Path(dir_okay=False, path_type=Path),
        envvar="KB_OVERRIDES", show_envvar=True,
        help="Overrides file: merges, splits, pins, corrections [default: data/overrides.yml "
             "of this project].",
    )(function)


def load_resolve_inputs(overrides_path) -> tuple:
    """The overrides and the curated crosswalk, or a one-line error naming the bad file."""
    from kb.crosswalk import CrosswalkError, load_crosswalk
    from kb.overrides import OverridesError, load_overrides

    try:
        return load_overrides(overrides_path), load_crosswalk()
    except (OverridesError, CrosswalkError) as error:
        raise click.ClickException(str(error))


def run_resolve(db, inputs: tuple) -> dict:
    """Resolve with ``inputs`` (overrides, crosswalk); warnings go to stderr."""
    from kb.resolve import resolve_db

    counts = resolve_db(db, *inputs)
    for line in counts["warnings"]:
        click.echo(f"warning: {line}", err=True)
    return counts


def incident_counts(counts: dict) -> str:
    return (f"{counts['incidents']} incidents ({counts['new']} new, {counts['retired']} retired, "
            f"{counts['merged']} merged); {counts['duplicates']} reports are copies")


@cli.command()
@db_option
@overrides_option
def resolve(db_path, overrides_path):
    """Group reports into incidents with stable ids.

    Copies of reports are found (MinHash) and linked to the earliest copy;
    mentions are grouped by vendor, agent, month, action type and text; the
    overrides file (merges, splits, pins, corrections) is applied. An
    incident keeps its id across runs; ids like 2025-12-amazon-kiro are
    never reused, and a merged incident's id redirects to the new one.

    Example: kb resolve --db data/kb.db --overrides data/overrides.yml
    """
    inputs = load_resolve_inputs(overrides_path)
    db = open_database(db_path)
    click.echo(incident_counts(run_resolve(db, inputs)))


@cli.command()
@db_option
@click.option("--redo", is_flag=True, help="Extract every report again before resolving.")
@overrides_option
def build(db_path, redo, overrides_path=None):
    """Extract pending reports, then group reports into incidents.

    The same as `kb extract` followed by `kb resolve`; safe to re-run: an
    unchanged input is not extracted again and keeps its incident ids.

    Example: kb build --db data/kb.db
    """
    run_build(db_path, redo, overrides_path)


def run_build(db_path, redo: bool, overrides_path=None) -> dict:
    """Extract, resolve (with the overrides file, default data/overrides.yml),
    print the build's line; returns its counts: extracted, relevant, reports,
    incidents, new, retired, merged, duplicates, warnings.
    Raises click.ClickException for an unusable database or overrides file."""
    inputs = load_resolve_inputs(overrides_path)
    db = open_database(db_path)
    load_nlp()
    count = run_extract(db, redo)
    counts = run_resolve(db, inputs)
    relevant = db.execute("select count(*) from reports where relevant = 1").fetchone()[0]
    reports = db["reports"].count
    click.echo(f"extracted {count} reports; {relevant} of {reports} reports are relevant; "
               + incident_counts(counts))
    return {"extracted": count, "relevant": relevant, "reports": reports, **counts}


def crawl_options(function):
    """The options shared by ``kb crawl`` and ``kb update``."""
    options = [
        click.option("--source", "names", multiple=True, metavar="NAME",
                     help="Crawl only this source (repeatable; default: every enabled source)."),
        click.option("--sources", "sources_file",
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Sources file [default: crawler/sources.yml of this project]."),
        click.option("--max-items", type=click.IntRange(min=0),
                     help="Follow at most N links (articles, threads) per source in this run."),
        click.option("--raw", "raw_dir", type=click.Path(file_okay=False, path_type=Path),
                     envvar="KB_RAW", default="data/raw", show_default=True, show_envvar=True,
                     help="Raw store folder: WARC files and their index."),
        click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
                     help="Override a Scrapy setting, e.g. --set DOWNLOAD_TIMEOUT=10 (repeatable)."),
        click.option("--offline", is_flag=True,
                     help="Do not fetch: only turn raw-store records not yet ingested into reports."),
        db_option,
    ]
    for option in reversed(options):
        function = option(function)
    return function


def run_crawl_command(db_path, names, sources_file, max_items, raw_dir, settings, offline,
                      redis_url=None, idle=None):
    """Crawl (unless offline), print one line per source and a summary, ingest.

    Returns (CrawlSummary, ImportResult or None). With ``redis_url`` the
    crawl is a worker of the distributed crawl and nothing is ingested here."""
    from crawler.sources import DEFAULT_SOURCES, SourcesError, load_sources, select_sources
    from kb.crawl import CrawlError, CrawlSummary, ingest_raw, record_sources, run_crawl

    try:
        configured = load_sources(sources_file or DEFAULT_SOURCES)
        chosen = select_sources(configured, list(names))
    except SourcesError as error:
        raise click.ClickException(str(error))
    overrides = {}
    for pair in settings:
        if "=" not in pair:
            raise click.ClickException(f"--set {pair}: expected NAME=VALUE")
        key, value = pair.split("=", 1)
        overrides[key] = value
    if redis_url and offline:
        raise click.ClickException("--redis and --offline: a worker only fetches; "
                                   "`kb ingest --redis URL` stores")
    db = None if redis_url else open_database(db_path)
    summary = CrawlSummary()
    if not offline:
        click.echo(f"crawling {len(chosen)} sources " +
                   (f"as a worker of {redis_url}" if redis_url else f"into {raw_dir}"), err=True)

        def show(event):
            line = (f"{event['kind']} {event['name']}: fetched {event['fetched']}, kept "
                    f"{event['kept']}, skipped {event['skipped']}, failed {event['failed']}")
            if event["fetched"] == 0 and event["failed"] > 0:
                line = f"unreachable: {event['name']} ({event.get('error') or 'every request failed'})"
            elif event.get("error"):
                line += f" ({event['error']})"
            click.echo(line, err=True)

        try:
            summary = run_crawl(raw_dir, sources_file, [s.name for s in chosen] if names else (),
                                max_items, overrides, show, redis_url, idle)
        except CrawlError as error:
            raise click.ClickException(str(error))
        if redis_url:
            click.echo(f"worker done in {summary.elapsed:.1f}s: pushed {summary.stored} responses "
                       f"to {redis_url}")
            return summary, None
        record_sources(db, configured, summary)
    result = ingest_raw(db, raw_dir)
    for line in result.errors:
        click.echo(f"no text: {line}", err=True)
    totals = {k: sum(s[k] for s in summary.sources) for k in ("fetched", "kept", "skipped", "failed")}
    if not offline:
        unreachable = summary.unreachable
        click.echo(f"crawled {len(summary.sources)} sources in {summary.elapsed:.1f}s: "
                   f"{totals['fetched']} fetched, {totals['kept']} kept, {totals['skipped']} "
                   f"skipped, {totals['failed']} failed; {len(unreachable)} unreachable"
                   + (f" ({', '.join(s['name'] for s in unreachable)})" if unreachable else ""))
    click.echo(f"reports: {result.added} added, {result.updated} updated, "
               f"{result.unchanged} unchanged, {result.duplicate} copies of stored reports, "
               f"{len(result.errors)} without text")
    return summary, result


@cli.command()
@crawl_options
@click.option("--redis", "redis_url", metavar="URL",
              help="Be a worker of the distributed crawl at this Redis URL "
                   "(e.g. redis://host:6379/0); `kb ingest --redis URL` stores what it fetches.")
@click.option("--idle", type=click.FloatRange(min=0), default=10.0, show_default=True,
              help="With --redis: stop after this many seconds with nothing left to do.")
def crawl(db_path, names, sources_file, max_items, raw_dir, settings, offline, redis_url, idle):
    """Fetch new reports from the configured sources into the knowledge base.

    Runs the Scrapy crawler on the sources of crawler/sources.yml (feeds,
    Hacker News, Reddit, GDELT, a backlog of URLs): it obeys robots.txt,
    throttles itself, fetches only what is new (conditional GET, canonical
    URLs) and keeps every response in the raw store (WARC, --raw). New
    articles and forum threads then become reports. Prints one line per
    source (fetched, kept, skipped, failed; unreachable sources say why)
    and a summary; an unreachable source does not stop the others. A crawl
    killed midway is resumed by running it again.

    With --redis URL it is one worker of a distributed crawl (scrapy-redis):
    start any number, on any machines, with the same sources file; they share
    one request queue and one seen-set in Redis and push what they fetch
    there, and one `kb ingest --redis URL` stores it. A worker killed midway
    loses nothing: its requests go back to the queue.

    Example: kb crawl --source the-register --max-items 20
    """
    run_crawl_command(db_path, names, sources_file, max_items, raw_dir, settings, offline,
                      redis_url, idle if redis_url else None)


@cli.command()
@crawl_options
@click.option("--redo", is_flag=True, help="Extract every report again before resolving.")
def update(db_path, names, sources_file, max_items, raw_dir, settings, offline, redo):
    """Crawl, then build: the whole update of the knowledge base.

    The same as `kb crawl` followed by `kb build`, with the options of both.
    Sources that cannot be reached are listed and skipped; what was already
    fetched or imported is still built. Safe under cron: a lock next to the
    database (DB.update.lock) makes a second run exit at once, and a run that
    was killed is completed by the next one. The last line is a one-line
    summary ("kb update: ok|partial|skipped|failed ..."; "database changed"
    or "database unchanged"). Exit codes: 0 updated; 1 failed (the error is
    on stderr; the next run completes what was done); 2 bad usage; 3 skipped,
    another kb update is running; 4 updated, but some sources were unreachable.

    Example: kb update --max-items 25
    """
    from kb.cli_ops import run_update

    run_update(db_path, names, sources_file, max_items, raw_dir, settings, offline, redo)


def expand_named(paths: tuple[Path, ...]) -> tuple[list[tuple[str, Path]], list[str]]:
    """(name, path) pairs for ``kb analyze``: files as given, folders walked."""
    from kb.ingest import expand_paths

    errors: list[str] = []
    return [(str(path), path) for path in expand_paths(list(paths), errors)], errors


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1),
              help="Worker processes that read and analyse files.")
def analyze(paths, jobs):
    """Extract and group incidents from files, without a database.

    Writes one JSON object per document to stdout in the gold record format
    of annotation.md: {"doc", "relevant", "incidents": [{"key", "primary",
    "agent", "vendor", ..., "blast_radius": {...}, "blamed", "occurred"}]}.
    "doc" is the path as given; "key" is the predicted incident id, shared
    by all documents about the same incident. Unreadable files are reported
    on stderr and the exit code is 1. The spaCy model is loaded only when a
    document passes the cheap pre-filter.

    Example: kb analyze ../shared/seeds/*.txt > predictions.jsonl
    """
    from kb.analyze import analyze_documents
    from kb.nlp.model import ModelNotFound

    docs, errors = expand_named(paths)
    for line in errors:
        click.echo(f"error: {line}", err=True)

    def on_error(line):
        errors.append(line)
        click.echo(f"error: {line}", err=True)

    try:
        records = analyze_documents(docs, on_error, jobs)
    except ModelNotFound as error:
        raise click.ClickException(str(error))
    for record in records:
        click.echo(json.dumps(record, ensure_ascii=False))
    sys.exit(1 if errors else 0)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder the gold 'doc' paths are relative to [default: the gold file's "
                   "parent's parent].")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the predicted records (JSONL) to this file.")
@click.option("--gate", "floors_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Floors file (JSON); exit 1 when a score is below its pinned floor.")
def evaluate(gold, root, as_json, predictions, floors_path):
    """Score extraction and grouping against a gold file.

    Runs `kb analyze` on the gold file's documents and prints relevance
    precision/recall/F1, per-field accuracy with counts, and grouping
    precision/recall/F1, as defined in annotation.md. With --gate, also
    checks the scores against pinned floors (tests/evaluation_floors.json).

    Example: kb evaluate ../shared/gold/dev.jsonl --gate tests/evaluation_floors.json
    """
    from kb.analyze import analyze_documents
    from kb.evaluate import GoldError, check_gate, format_scores, load_gold, score

    try:
        gold_records = load_gold(gold)
    except GoldError as error:
        raise click.ClickException(str(error))
    root = root or gold.resolve().parent.parent
    load_nlp()
    missing = [r["doc"] for r in gold_records if not (root / r["doc"]).exists()]
    for doc in missing:
        click.echo(f"error: {root / doc}: no such file (scored as not relevant)", err=True)
    docs = [(r["doc"], root / r["doc"]) for r in gold_records if r["doc"] not in missing]
    records = analyze_documents(docs, lambda line: click.echo(f"error: {line}", err=True))
    if predictions:
        predictions.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                               encoding="utf-8")
    scores = score(gold_records, records)
    click.echo(json.dumps(scores.as_dict(), indent=2) if as_json else format_scores(scores))
    if floors_path:
        try:
            failures = check_gate(scores, floors_path, gold)
        except GoldError as error:
            raise click.ClickException(str(error))
        for line in failures:
            click.echo(f"gate: {line}", err=True)
        if failures:
            sys.exit(1)
        click.echo(f"gate: every score is at or above its floor in {floors_path}", err=True)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--metadata", "metadata_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Datasette metadata file [default: metadata.yml of this project].")
@click.option("--public", is_flag=True,
              help="Serve a public build (kb publish) read-only: immutable, queries limited "
                   "to 1 s, arbitrary SQL off (canned queries stay on).")
@click.option("--allow-sql", is_flag=True, help="With --public: allow arbitrary SQL queries.")
@click.option("--cache", "cache_entries", default=2000, show_default=True,
              type=click.IntRange(min=0),
              help="With --public: answers kept in memory (the data cannot change); 0 for none.")
def serve(db_path, host, port, metadata_path, public, allow_sql, cache_entries):
    """Serve the knowledge base with Datasette.

    The database is served under the name "kb" with the project's
    metadata.yml (titles, descriptions, facets, recipes, feeds, charts), at
    http://HOST:PORT/kb. With --public it serves the output of `kb publish`
    (refusing a database that still holds article text) immutable, with a
    SQL time limit, without arbitrary SQL, and with answers cached in memory.

    Example: kb serve --db data/kb.db --port 8001
    """
    from kb.serve import MetadataError, make_datasette, run

    if public:
        from kb.publish import PublishError, check_publishable

        try:
            check_publishable(db_path)
        except PublishError as error:
            raise click.ClickException(str(error))
    elif not db_path.exists():
        raise click.ClickException(f"{db_path}: no such database (run `kb import` and `kb build` first)")
    else:
        open_database(db_path)
    try:
        datasette = make_datasette(db_path, metadata_path, public=public, allow_sql=allow_sql,
                                   cache_entries=cache_entries)
    except MetadataError as error:
        raise click.ClickException(str(error))
    click.echo(f"serving {db_path}{' (public)' if public else ''} at http://{host}:{port}/kb",
               err=True)
    run(datasette, host, port)


@cli.command()
@click.argument("incident_id")
@db_option
@click.option("--per-field", default=3, show_default=True, type=click.IntRange(1),
              help="Evidence sentences to show for each field.")
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
def explain(incident_id, db_path, per_field, as_json):
    """Show an incident's fields with the evidence behind each one.

    For every field: its value, and the sentences of the reports that gave
    it (with the report, the rule that fired and its confidence); then the
    company statements about the cause and the reports, in publication order.

    Example: kb explain 2025-12-amazon-kiro
    """
    from kb.explain import UnknownIncident, explain_incident, format_explanation

    db = open_database(db_path)
    try:
        explanation = explain_incident(db, incident_id)
    except UnknownIncident as error:
        raise click.ClickException(str(error))
    if as_json:
        click.echo(json.dumps(explanation, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(format_explanation(explanation, per_field))


@cli.command()
@db_option
def stats(db_path):
    """Print counts of reports, incidents and evidence in the knowledge base.

    Example: kb stats
    """
    db = open_database(db_path)
    for table in ("reports", "mentions", "incidents", "incident_reports", "evidence",
                  "statements", "agents", "vendors"):
        click.echo(f"{table}: {db[table].count}")
    relevant = db.execute("select count(*) from reports where relevant = 1").fetchone()[0]
    click.echo(f"relevant reports: {relevant}")


from kb.cli_digest import digest, subscribe, unsubscribe  # noqa: E402  (the weekly digest, issue 7)

for _command in (subscribe, unsubscribe, digest):
    cli.add_command(_command)

from kb.cli_overrides import merge as _merge_command, split as _split_command  # noqa: E402

cli.add_command(_merge_command)
cli.add_command(_split_command)

from kb.cli_publish import publish  # noqa: E402  (kb publish, issue 6)

cli.add_command(publish)

# Operations (issue 8): the single writer of a distributed crawl.
from kb.cli_ops import ingest as ingest_command  # noqa: E402

cli.add_command(ingest_command, name="ingest")
