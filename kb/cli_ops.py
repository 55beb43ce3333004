"""Operations commands: ``kb ingest --redis`` (the single writer of a
distributed crawl) and the body of ``kb update`` (lock, summary, exit codes)."""

from __future__ import annotations

import hashlib
import signal
import sys
import time
from pathlib import Path

import click

from kb.cli import db_option, open_database

#: Exit codes of ``kb update`` (also in its --help).
EXIT_OK, EXIT_FAILED, EXIT_LOCKED, EXIT_PARTIAL = 0, 1, 3, 4


@click.command()
@click.option("--redis", "redis_url", required=True, metavar="URL",
              help="Redis URL of the distributed crawl, e.g. redis://host:6379/0.")
@db_option
@click.option("--raw", "raw_dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="KB_RAW", default="data/raw", show_default=True, show_envvar=True,
              help="Raw store folder: WARC files and their index.")
@click.option("--until-idle", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Stop once nothing has arrived for SECONDS and the crawl has no work "
                   "left [default: run until stopped].")
@click.option("-v", "--verbose", is_flag=True, help="Print one line per response stored.")
def ingest(redis_url, db_path, raw_dir, until_idle, verbose):
    """Store what distributed crawl workers fetched: the single writer.

    Workers (`kb crawl --redis URL`, any number, on any machines) push each
    fetched response onto a Redis list; this command, run once next to the
    database, writes them to the raw store (WARC + index, --raw) and turns
    articles and threads into reports (as `kb crawl` does). It never loses or
    doubles a page: a message leaves Redis only after it is stored, and a
    page already stored is skipped. It runs until Ctrl-C or SIGTERM, or with
    --until-idle until the crawl is over. Prints a summary; exit code 1 when
    Redis cannot be reached or the raw store is held by another crawl.

    Example: kb ingest --redis redis://127.0.0.1:6379/0 --db data/kb.db --until-idle 10
    """
    from kb.ingest_queue import QueueError, ingest_queue

    db = open_database(db_path)
    signal.signal(signal.SIGTERM, _stop)
    click.echo(f"storing what workers push to {redis_url} into {raw_dir} and {db_path}"
               + (f" until idle for {until_idle:g}s" if until_idle is not None else
                  " (Ctrl-C to stop)"), err=True)
    count = 0

    def progress(url, outcome):
        nonlocal count
        count += 1
        if verbose:
            click.echo(f"{outcome}: {url}", err=True)
        elif count % 100 == 0:
            click.echo(f"{count} responses received", err=True)

    try:
        summary = ingest_queue(db, raw_dir, redis_url, until_idle, progress)
    except QueueError as error:
        raise click.ClickException(str(error))
    stored = sum(summary.stored.values())
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.stored.items())) or "nothing"
    reports = summary.reports
    click.echo(f"ingested in {summary.elapsed:.1f}s: stored {stored} responses ({kinds}), "
               f"{summary.duplicates} duplicates skipped; reports: {reports.added} added, "
               f"{reports.updated} updated, {reports.unchanged} unchanged, "
               f"{len(reports.errors)} without text")


def _stop(signum, frame):
    """SIGTERM stops the ingester like Ctrl-C: after the message in hand."""
    raise KeyboardInterrupt


def database_fingerprint(db) -> str:
    """A digest of what the knowledge base publishes (reports, incidents and
    their links, not timestamps), to tell whether an update changed it."""
    digest = hashlib.sha256()
    queries = ["select id, content_hash, relevant from reports order by id",
               "select incident_id, report_id, role from incident_reports "
               "order by incident_id, report_id, role"]
    columns = [c for c in db["incidents"].columns_dict
               if c not in ("created_at", "updated_at")] if db["incidents"].exists() else []
    if columns:
        queries.append(f"select {', '.join(f'[{c}]' for c in columns)} from incidents order by id")
    for query in queries:
        for row in db.execute(query):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def run_update(db_path, names, sources_file, max_items, raw_dir, settings, offline, redo) -> None:
    """``kb update``: crawl and build under the update lock; ends with a
    one-line summary and exits with one of the EXIT_* codes."""
    from kb.cli import run_build, run_crawl_command
    from kb.lock import RunLocked, update_lock

    started = time.monotonic()
    try:
        with update_lock(db_path) as interrupted:
            if interrupted is not None:
                click.echo(f"recovering from an interrupted kb update (pid "
                           f"{interrupted.get('pid', '?')}, started "
                           f"{interrupted.get('started_at', '?')}): completing its work", err=True)
            before = database_fingerprint(open_database(db_path))
            crawl, reports = run_crawl_command(db_path, names, sources_file, max_items, raw_dir,
                                               settings, offline)
            built = run_build(db_path, redo)
            changed = database_fingerprint(open_database(db_path)) != before
    except RunLocked as error:
        click.echo(f"kb update: skipped: {error}")
        sys.exit(EXIT_LOCKED)
    except click.ClickException as error:
        click.echo(f"error: {error.format_message()}", err=True)
        click.echo(f"kb update: failed after {time.monotonic() - started:.1f}s: "
                   f"{error.format_message()}")
        sys.exit(EXIT_FAILED)
    unreachable = crawl.unreachable
    fetched = sum(s["fetched"] for s in crawl.sources)
    status = "partial" if unreachable else "ok"
    click.echo(
        f"kb update: {status} in {time.monotonic() - started:.1f}s: "
        + ("offline, " if offline else f"{len(crawl.sources)} sources, {fetched} fetched, ")
        + f"{reports.added} reports added, {reports.updated} updated; {built['incidents']} "
          f"incidents ({built['new']} new); "
        + (f"{len(unreachable)} unreachable ({', '.join(s['name'] for s in unreachable)}); "
           if unreachable else "")
        + ("database changed" if changed else "database unchanged"))
    sys.exit(EXIT_PARTIAL if unreachable else EXIT_OK)
